"""The tables of ``_tables`` as Parquet files, through pyarrow (the ``parquet`` extra).

pyarrow is imported when a function needs it, never when the module is, so the rest of
the library works without it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from bassin_minier._base.errors import MissingExtraError
from bassin_minier._io import fileset as _fileset
from bassin_minier._io.files import file_errors
from bassin_minier._model.programme import Programme
from bassin_minier._rules.money import format_amount
from bassin_minier.export._tables import TABLES, Cell, Table, rows_of

__all__ = ["PARQUET_MANIFEST_FILE", "MissingExtraError", "arrow_schema", "write_parquet"]

#: Rows held per table before they are written out as one row group.
BATCH_ROWS = 50_000

# The name of the set of Parquet files, in their manifest's name and their staged names.
_PARQUET_SET = "parquet-tables"
#: The manifest that makes the Parquet files of one export a set (see `write_parquet`).
PARQUET_MANIFEST_FILE = _fileset.manifest_name(_PARQUET_SET)


def _pyarrow() -> tuple[ModuleType, ModuleType]:
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional, and heavy to import
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError as exc:
        raise MissingExtraError(
            "writing Parquet needs pyarrow: install it with pip install 'bassin-minier[parquet]'"
        ) from exc
    return pa, pq


def arrow_schema(table: Table) -> Any:
    """The pyarrow schema of *table*: exact amounts as ``decimal128(18, 2)``, measured
    values as ``decimal128(21, 6)``, ratios as ``decimal128(7, 4)``, days as dates."""
    pa, _ = _pyarrow()
    types = {
        "date": pa.date32(),
        "amount": pa.decimal128(18, 2),
        # Below 10^15 with six decimals at most; below 1000 with four decimals at most.
        "number": pa.decimal128(21, 6),
        "ratio": pa.decimal128(7, 4),
        "integer": pa.int32(),
    }
    return pa.schema(
        [
            pa.field(c.name, types.get(c.type, pa.string()), nullable=not c.required)
            for c in table.columns
        ]
    )


def _cell(value: Cell, kind: str) -> Cell:
    # Decimal("1.230") is 1.23 €: give pyarrow the two decimals of the column's scale.
    if isinstance(value, Decimal) and kind == "amount":
        return Decimal(format_amount(value))
    return value


def write_parquet(
    programmes: Programme | Iterable[Programme],
    folder: str | os.PathLike[str],
    *,
    batch_rows: int = BATCH_ROWS,
) -> list[Path]:
    """Write the tables of *programmes* as Parquet files (``NAME.parquet``) in *folder*.

    The same tables and columns as `write_csv`; amounts are ``decimal128(18, 2)``,
    measured values ``decimal128(21, 6)``, ratios ``decimal128(7, 4)``, days ``date32``,
    years ``int32``, everything else text, as it is. Programmes may come one at
    a time from a generator: at most *batch_rows* rows per table are held in memory.

    The files are replaced as a set, with the manifest ``parquet-tables.json``, as
    `write_csv` replaces its own. Returns the paths written, the manifest last.
    """
    pa, pq = _pyarrow()
    target = Path(folder)
    items = [programmes] if isinstance(programmes, Programme) else programmes
    pending: dict[str, list[tuple[Cell, ...]]] = {t.name: [] for t in TABLES}
    with file_errors("write the tables in", target):
        target.mkdir(parents=True, exist_ok=True)
        with (
            _fileset.staged_set(target, _PARQUET_SET, manifest=True) as files,
            contextlib.ExitStack() as stack,
        ):
            writers: dict[str, Any] = {}
            schemas = {t.name: arrow_schema(t) for t in TABLES}

            def flush(name: str) -> None:
                rows = pending[name]
                columns = list(zip(*rows, strict=True))
                batch = pa.RecordBatch.from_arrays(
                    [
                        pa.array(column, type=field.type)
                        for column, field in zip(columns, schemas[name], strict=True)
                    ],
                    schema=schemas[name],
                )
                writers[name].write_batch(batch)
                rows.clear()

            for table in TABLES:
                stream = stack.enter_context(files.create(f"{table.name}.parquet"))
                writer = pq.ParquetWriter(stream, schemas[table.name])
                stack.callback(writer.close)
                writers[table.name] = writer
            kinds = {t.name: tuple(c.type for c in t.columns) for t in TABLES}
            for programme in items:
                if not isinstance(programme, Programme):
                    raise TypeError(
                        f"the tables hold programmes, not {type(programme).__name__} objects"
                    )
                for table, row in rows_of(programme):
                    rows = pending[table.name]
                    cells = zip(row, kinds[table.name], strict=True)
                    rows.append(tuple(_cell(cell, kind) for cell, kind in cells))
                    if len(rows) >= batch_rows:
                        flush(table.name)
            for table in TABLES:
                if pending[table.name]:
                    flush(table.name)
    return [target / f"{t.name}.parquet" for t in TABLES] + [target / PARQUET_MANIFEST_FILE]
