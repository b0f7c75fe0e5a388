"""The names of the rules the exports report, which are not part of `RULES`.

Building an object never breaks them: they concern the files and packages an export
writes and reads back (a table that is not as `TABLES` describes it, an OCDS package with
nothing to publish). They live in this layer, below the exports, because reading a set of
files (`bassin_minier._io.fileset`) reports the first of them too.
"""

from __future__ import annotations

from typing import Final

__all__ = ["OCDS_EMPTY", "OCID_PREFIX", "TABLE"]

#: A file of the CSV or Parquet tables, or their manifest, is not as the export writes it.
TABLE: Final = "table"
#: The prefix given for the ``ocid`` of each contracting process is not a valid one.
OCID_PREFIX: Final = "ocid-prefix"
#: There is no contracting process to publish in an OCDS package.
OCDS_EMPTY: Final = "ocds-empty"
