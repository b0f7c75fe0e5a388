"""Publishing programmes in the formats of other tools: OCDS, CSV, Parquet and JSON Lines.

Import this module explicitly (``from bassin_minier import export``): ``import bassin_minier``
does not load it, so the core stays quick to import. See ``docs/export.md``.
"""

from __future__ import annotations

from bassin_minier.export._csv import DATA_DICTIONARY_FILE, data_dictionary, read_csv, write_csv
from bassin_minier.export._jsonl import iter_jsonl, write_jsonl
from bassin_minier.export._ocds import (
    BUDGET_BREAKDOWN_EXTENSION,
    DEFAULT_OCID_PREFIX,
    OCDS_VERSION,
    ocds_json,
    to_ocds,
)
from bassin_minier.export._parquet import MissingExtraError, read_parquet, write_parquet
from bassin_minier.export._tables import TABLES, Column, Table

__all__ = [
    "BUDGET_BREAKDOWN_EXTENSION",
    "DATA_DICTIONARY_FILE",
    "DEFAULT_OCID_PREFIX",
    "OCDS_VERSION",
    "TABLES",
    "Column",
    "MissingExtraError",
    "Table",
    "data_dictionary",
    "iter_jsonl",
    "ocds_json",
    "read_csv",
    "read_parquet",
    "to_ocds",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]
