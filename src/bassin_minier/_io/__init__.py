"""Reading and writing documents: the converters, the fast codec, JSON files, the schema."""
