"""What every layer uses: how the type of a field is read."""
