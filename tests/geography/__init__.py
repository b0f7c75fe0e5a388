"""The official geography."""
