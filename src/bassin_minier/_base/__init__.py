"""What every layer may use: the errors and how values are shown in them."""
