"""The tables of ``_tables`` as CSV files, written and read back as programmes.

The files of one export are replaced together (see ``_fileset``), and a cell a spreadsheet
would take for a formula is written with a quote before it, which `read_csv` removes.
Reading hangs each row on the row of its owner, as the layout of its table says, and
reads the programmes so rebuilt as any document is read.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from bassin_minier._base import paths
from bassin_minier._base.errors import FileError, ValidationError
from bassin_minier._io import fileset as _fileset
from bassin_minier._io.files import file_errors
from bassin_minier._model.programme import Programme
from bassin_minier._rules.exports import TABLE
from bassin_minier._rules.money import format_amount
from bassin_minier._rules.numbers import format_number
from bassin_minier.export._csvtext import GUARD_NOTE, csv_writer, guarded, long_fields, unguarded
from bassin_minier.export._rebuild import Rows, rebuilt
from bassin_minier.export._tables import LAYOUTS, TABLES, TABLES_VERSION, Cell, Layout, rows_of

__all__ = ["CSV_MANIFEST_FILE", "DATA_DICTIONARY_FILE", "data_dictionary", "read_csv", "write_csv"]

#: The file that describes every column of every table, written beside the tables.
DATA_DICTIONARY_FILE = "datadictionary.csv"

# The name of the set of CSV files, in their manifest's name and their staged names.
_CSV_SET = "csv-tables"
#: The manifest that makes the CSV files of one export a set (see `write_csv`).
CSV_MANIFEST_FILE = _fileset.manifest_name(_CSV_SET)


# -- CSV files --------------------------------------------------------------------------------


def _cell_text(value: Cell, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # A measured value or a ratio is plain digits, perhaps after a minus sign: a
        # spreadsheet reads it as the number it is, never as a formula, so it is not
        # guarded (a guard would make it text, which no sum adds up).
        return format_amount(value) if kind == "amount" else format_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return guarded(str(value))


def write_csv(
    programmes: Programme | Iterable[Programme],
    folder: str | os.PathLike[str],
    *,
    excel: bool = False,
) -> list[Path]:
    """Write the tables of *programmes* (one, or many one at a time) as CSV files in *folder*.

    One file per table of `TABLES`, ``datadictionary.csv``, and the manifest
    ``csv-tables.json``; UTF-8, comma-separated, CRLF line ends, a header row (RFC 4180).
    *excel* starts each file with a byte-order mark, which spreadsheet programs need to
    recognise UTF-8. A text starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
    return or a quote is written after a quote, so that no spreadsheet runs it as a formula.

    The files are replaced as a set: if writing fails or stops, `read_csv` reads either
    every previous file or every new one, never some of each. Returns the paths written.
    """
    target = Path(folder)
    items = [programmes] if isinstance(programmes, Programme) else programmes
    encoding = "utf-8-sig" if excel else "utf-8"
    with file_errors("write the tables in", target):
        target.mkdir(parents=True, exist_ok=True)
        with (
            _fileset.staged_set(target, _CSV_SET, manifest=True) as files,
            contextlib.ExitStack() as stack,
        ):
            writers = {}
            kinds = {table.name: tuple(c.type for c in table.columns) for table in TABLES}
            for table in TABLES:
                text = stack.enter_context(_text_file(files, f"{table.name}.csv", encoding))
                writers[table.name] = csv_writer(text)
                writers[table.name].writerow(table.column_names)
            for programme in items:
                _require_programme(programme)
                for table, row in rows_of(programme):
                    cells = zip(row, kinds[table.name], strict=True)
                    writers[table.name].writerow([_cell_text(c, k) for c, k in cells])
            text = stack.enter_context(_text_file(files, DATA_DICTIONARY_FILE, encoding))
            _write_dictionary(csv_writer(text))
    tables = [target / f"{t.name}.csv" for t in TABLES]
    return [*tables, target / DATA_DICTIONARY_FILE, target / CSV_MANIFEST_FILE]


@contextlib.contextmanager
def _text_file(files: _fileset.FileSet, name: str, encoding: str) -> Iterator[TextIO]:
    with files.create(name) as raw:
        text = io.TextIOWrapper(raw, encoding, newline="")
        try:
            yield text
            text.flush()
        finally:
            # The file set owns the file: leave it open for it to sync and close.
            text.detach()


def _require_programme(obj: object) -> None:
    if not isinstance(obj, Programme):
        raise TypeError(f"the tables hold programmes, not {type(obj).__name__} objects")


def _write_dictionary(writer: Any) -> None:
    writer.writerow(("table", "column", "type", "required", "description"))
    for table in TABLES:
        for column in table.columns:
            required = "yes" if column.required else "no"
            description = column.description
            if column.type == "text":
                description += GUARD_NOTE
            writer.writerow((table.name, column.name, column.type, required, description))


def data_dictionary() -> list[dict[str, str]]:
    """The data dictionary as rows: table, column, type, required (yes/no), description."""
    buffer = io.StringIO()
    _write_dictionary(csv_writer(buffer))
    buffer.seek(0)
    return list(csv.DictReader(buffer))


def read_csv(folder: str | os.PathLike[str]) -> tuple[Programme, ...]:
    """Read the programmes whose tables `write_csv` wrote in *folder*.

    Raises `FileError` when a table cannot be read and `ValidationError` when a table is
    not as `TABLES` describes it (paths name the file, its line and the column, as in
    ``parties.csv[4].convention``) or a programme breaks a rule (paths start at the programme,
    ``programmes.csv[2]$.conventions[0].id`` for the programme on line 2). The tables are
    read as the manifest ``csv-tables.json`` says, so never some from one export and some
    from another; a folder without a manifest is read as it is. Tables written before the
    amendments, relations, acts, revisions and spending days (version 2 of the tables), or
    before the actions, indicators, partners, co-funders, matches and payments (version 3)
    had their tables and columns are read too: those read as absent. The tables of one
    folder come from one version.
    """
    source = Path(folder)
    return rebuilt(source, _read_tables(source), "csv")


# How many times the tables are read again when an export replaced them meanwhile.
_READ_ATTEMPTS = 3


def _read_tables(source: Path) -> dict[str, tuple[set[int], Rows] | None]:
    for _ in range(_READ_ATTEMPTS):
        state, staged = _fileset.committed_files(source, _CSV_SET)
        with long_fields():
            read = {
                layout.name: _read_table(source, layout, staged.get(f"{layout.name}.csv"))
                for layout in LAYOUTS
            }
        # The same manifest after as before: no export committed while the files were read.
        if _fileset.manifest_state(source, _CSV_SET) == state:
            return read
    raise FileError(f"cannot read the tables in {source}: they were replaced while being read")


def _read_table(folder: Path, layout: Layout, staged: Path | None) -> tuple[set[int], Rows] | None:
    """The versions that have the table's columns, and its rows; None for a newer table
    the folder lacks."""
    path = folder / f"{layout.name}.csv"
    if layout.added > 1 and staged is None and not path.exists():
        return None
    with file_errors("read", path):
        return _table_rows(layout, _open_table(path, staged))


def _table_rows(layout: Layout, opened: TextIO) -> tuple[set[int], Rows]:
    table = layout.table
    try:
        with opened as stream:
            reader = csv.reader(stream, strict=True)
            header = next(reader, None)
            names = table.column_names
            versions = {
                version
                for version in range(1, TABLES_VERSION + 1)
                if header is not None and layout.columns_at(version) == tuple(header)
            }
            if header is not None and versions:
                # The columns of a newer version are empty in a set written before them.
                missing = {name: "" for name in names if name not in header}
            else:
                raise ValidationError.at(
                    paths.item(f"{table.name}.csv", 1),
                    f"the header is {header!r}; expected the columns {', '.join(names)}",
                    TABLE,
                )
            rows = []
            for cells in reader:
                line = reader.line_num
                if len(cells) != len(header):
                    raise ValidationError.at(
                        paths.item(f"{table.name}.csv", line),
                        f"the row has {len(cells)} cells; expected {len(header)}",
                        TABLE,
                    )
                texts = map(unguarded, cells)
                row = dict(zip(header, texts, strict=True))
                if missing:
                    row.update(missing)
                rows.append((line, row))
            return versions, rows
    except csv.Error as exc:
        raise ValidationError.at(f"{table.name}.csv", f"is not valid CSV: {exc}", TABLE) from None
    except UnicodeDecodeError as exc:
        raise ValidationError.at(
            f"{table.name}.csv", f"is not UTF-8 text ({exc.reason})", TABLE
        ) from None


def _open_table(path: Path, staged: Path | None) -> TextIO:
    # A table of the committed export still under its staged name is read from there;
    # if it is gone, the export has since renamed it to its own name.
    if staged is not None:
        with contextlib.suppress(FileNotFoundError):
            return staged.open(encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")
