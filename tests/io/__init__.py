"""Reading and writing documents: JSON, the fast codec, files, schema, round trips."""
