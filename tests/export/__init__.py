"""The exports: JSON Lines, OCDS, CSV tables, Parquet."""
