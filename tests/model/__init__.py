"""The model classes: construction, invariants, nesting, display, properties."""
