"""The built-in dataset against its source."""
