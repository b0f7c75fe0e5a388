"""The attrs classes of the domain, their vocabularies and invariants."""
