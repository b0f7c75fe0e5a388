"""The same programme schema, with the same validations, written for other libraries.

Each peer module offers ``load(text) -> object`` (JSON text to validated objects) and
``dump(obj) -> str`` (objects to JSON text), so the harness can time them side by side.
"""
