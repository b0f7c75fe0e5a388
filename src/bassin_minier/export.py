"""Publishing programmes in the formats of other tools: CSV tables.

Import this module explicitly (``from bassin_minier import export``): ``import bassin_minier``
does not load it, so the core stays quick to import. See ``docs/export.md``.
"""

from __future__ import annotations

from bassin_minier._tables import (
    DATA_DICTIONARY_FILE,
    TABLES,
    Column,
    Table,
    data_dictionary,
    read_csv,
    write_csv,
)

__all__ = [
    "DATA_DICTIONARY_FILE",
    "TABLES",
    "Column",
    "Table",
    "data_dictionary",
    "read_csv",
    "write_csv",
]
