"""Reading French text."""
