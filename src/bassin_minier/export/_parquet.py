"""The tables of ``_tables`` as Parquet files, through pyarrow (the ``parquet`` extra).

pyarrow is imported when a function needs it, never when the module is, so the rest of
the library works without it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from bassin_minier._base.errors import FileError, MissingExtraError, ValidationError
from bassin_minier._io import fileset as _fileset
from bassin_minier._io.files import file_errors
from bassin_minier._model.programme import Programme
from bassin_minier._rules.exports import TABLE
from bassin_minier._rules.money import format_amount
from bassin_minier._rules.numbers import format_number
from bassin_minier.export._rebuild import Rows, rebuilt
from bassin_minier.export._tables import (
    LAYOUTS,
    TABLES,
    TABLES_VERSION,
    Cell,
    Layout,
    Table,
    rows_of,
)

__all__ = [
    "PARQUET_MANIFEST_FILE",
    "MissingExtraError",
    "arrow_schema",
    "read_parquet",
    "write_parquet",
]

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
            "reading or writing Parquet needs pyarrow: install it with "
            "pip install 'bassin-minier[parquet]'"
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


# How many times the tables are read again when an export replaced them meanwhile.
_READ_ATTEMPTS = 3


def read_parquet(folder: str | os.PathLike[str]) -> tuple[Programme, ...]:
    """Read the programmes whose tables `write_parquet` wrote in *folder*.

    The counterpart of `read_csv`, with the same checks and the same errors; paths name
    the file, the row (the first row of data is 1) and the column, as in
    ``parties.parquet[4].convention``, or start at the programme,
    ``programmes.parquet[1]$.conventions[0].id``. The tables are read as the manifest
    ``parquet-tables.json`` says; tables of an earlier version of the tables are read as
    `read_csv` reads them. A Parquet decimal holds a fixed number of decimals: a measured
    value written as ``0.50`` reads back as the equal ``0.5``, its shortest form.
    """
    _pyarrow()
    source = Path(folder)
    for _ in range(_READ_ATTEMPTS):
        state, staged = _fileset.committed_files(source, _PARQUET_SET)
        read = {
            layout.name: _read_table(source, layout, staged.get(f"{layout.name}.parquet"))
            for layout in LAYOUTS
        }
        # The same manifest after as before: no export committed while the files were read.
        if _fileset.manifest_state(source, _PARQUET_SET) == state:
            return rebuilt(source, read, "parquet")
    raise FileError(f"cannot read the tables in {source}: they were replaced while being read")


def _read_table(folder: Path, layout: Layout, staged: Path | None) -> tuple[set[int], Rows] | None:
    """The versions that have the table's columns, and its rows as text, as CSV holds
    them; None for a newer table the folder lacks."""
    _, pq = _pyarrow()
    path = folder / f"{layout.name}.parquet"
    if layout.added > 1 and staged is None and not path.exists():
        return None
    name = f"{layout.name}.parquet"
    with file_errors("read", path):
        try:
            table = pq.read_table(staged if staged is not None and staged.exists() else path)
        except ValueError as exc:  # pyarrow's ArrowInvalid: not Parquet, or broken
            raise ValidationError.at(name, f"is not a Parquet table: {exc}", TABLE) from None
    header = tuple(table.column_names)
    versions = {v for v in range(1, TABLES_VERSION + 1) if layout.columns_at(v) == header}
    if not versions:
        raise ValidationError.at(
            name,
            f"holds the columns {', '.join(header)}; expected the columns "
            f"{', '.join(layout.table.column_names)}",
            TABLE,
        )
    kinds = {c.name: c.type for c in layout.table.columns}
    # The columns of a newer version are empty in a set written before them.
    missing = {c: "" for c in layout.table.column_names if c not in header}
    rows = []
    for number, record in enumerate(table.to_pylist(), start=1):
        row = {column: _text(cell, kinds[column]) for column, cell in record.items()}
        row.update(missing)
        rows.append((number, row))
    return versions, rows


def _text(cell: object, kind: str) -> str:
    """A cell of a Parquet table as the text CSV holds for it."""
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        if kind == "amount":
            return format_amount(cell)
        # The column's scale pads with zeros: 0.500000 is 0.5.
        text = format_number(cell)
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)
