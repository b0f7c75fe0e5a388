#: The version of this release, as PEP 440 spells it.
__version__ = "0.1.0.dev0"
