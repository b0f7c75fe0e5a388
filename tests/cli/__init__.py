"""The bassin-minier command."""
