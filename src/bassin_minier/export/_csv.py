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
import errno
import io
import os
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from bassin_minier._base import paths
from bassin_minier._base.errors import FileError, ValidationError, Violation
from bassin_minier._io import fileset as _fileset
from bassin_minier._io.documents import from_dict
from bassin_minier._io.files import file_errors
from bassin_minier._model.programme import Programme
from bassin_minier._rules.exports import TABLE
from bassin_minier._rules.money import format_amount
from bassin_minier._rules.numbers import format_number
from bassin_minier.export._csvtext import GUARD_NOTE, csv_writer, guarded, long_fields, unguarded
from bassin_minier.export._tables import (
    LAYOUTS,
    TABLES,
    TABLES_VERSION,
    Cell,
    Field,
    Layout,
    Source,
    rows_of,
)

__all__ = ["CSV_MANIFEST_FILE", "DATA_DICTIONARY_FILE", "data_dictionary", "read_csv", "write_csv"]

#: The rows of one table, each with its line in the file.
Rows = list[tuple[int, dict[str, str]]]

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
    tables = _read_tables(source)
    documents: dict[str, dict[str, Any]] = {}
    lines: dict[str, int] = {}
    problems: list[Violation] = []
    for line, row in tables["programmes"]:
        pid = row["id"]
        if pid in documents:
            problems.append(_at("programmes", line, "id", f"programme {pid!r} appears twice"))
            continue
        documents[pid] = _entry(LAYOUTS[0], row)
        lines[pid] = line
    _attach(tables, documents, problems)
    if problems:
        raise ValidationError(problems)
    programmes = []
    for pid, document in documents.items():
        try:
            programmes.append(from_dict(document, Programme))
        except ValidationError as error:
            raise error.under(paths.item("programmes.csv", lines[pid]) + paths.ROOT) from None
    return tuple(programmes)


# How many times the tables are read again when an export replaced them meanwhile.
_READ_ATTEMPTS = 3


def _read_tables(source: Path) -> dict[str, Rows]:
    for _ in range(_READ_ATTEMPTS):
        state, staged = _fileset.committed_files(source, _CSV_SET)
        with long_fields():
            read = {
                layout.name: _read_table(source, layout, staged.get(f"{layout.name}.csv"))
                for layout in LAYOUTS
            }
        # The same manifest after as before: no export committed while the files were read.
        if _fileset.manifest_state(source, _CSV_SET) == state:
            return _one_version(source, read)
    raise FileError(f"cannot read the tables in {source}: they were replaced while being read")


def _one_version(source: Path, read: dict[str, tuple[set[int], Rows] | None]) -> dict[str, Rows]:
    """The rows of each table, once sure they all come from one version of the tables.

    A set written before a version has none of its tables (they read as holding no row)
    and none of its columns (they read as empty); the tables of one set never mix
    versions, so a table missing from a newer set is still reported. The header of a
    table says which versions could have written it (most tables are the same in all).
    """
    common = set(range(1, TABLES_VERSION + 1))
    seen: list[tuple[str, set[int]]] = []
    for layout in LAYOUTS:
        found = read[layout.name]
        if found is None:
            continue
        versions = found[0]
        if not versions & common:
            other, theirs = next((n, v) for n, v in seen if not v & versions)
            raise ValidationError.at(
                f"{layout.name}.csv",
                f"holds the tables of {_versions(versions)}, but {other}.csv those of "
                f"{_versions(theirs)}; expected the tables of one export",
                TABLE,
            )
        common &= versions
        seen.append((layout.name, versions))
    newest = max(common)
    for layout in LAYOUTS:
        if read[layout.name] is None and layout.added <= newest:
            path = source / f"{layout.name}.csv"
            with file_errors("read", path):
                # The set is of a version that has this table: the error of any missing one.
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    return {name: found[1] if found else [] for name, found in read.items()}


def _versions(versions: set[int]) -> str:
    low, high = min(versions), max(versions)
    if low == high:
        return f"version {low}"
    return f"version {low} or later" if high == TABLES_VERSION else f"versions {low} to {high}"


def _at(table: str, line: int, column: str, message: str) -> Violation:
    return Violation(paths.field(paths.item(f"{table}.csv", line), column), message, TABLE)


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


# -- rows to documents ------------------------------------------------------------------------

#: A key of a row: its owners' ids, then its own (None for an empty optional cell).
Key = tuple[str | None, ...]


def _lists_by_table() -> dict[str, list[tuple[tuple[str, ...], bool]]]:
    lists: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for layout in LAYOUTS:
        for source in layout.sources:
            steps = tuple(source.items.split("."))
            lists.setdefault(source.parent, []).append((steps, source.single))
    return lists


# The lists of other tables' rows that the plain form of a row of each table holds (or the
# one object that may be absent, when *single*).
_LISTS = _lists_by_table()


def _value(field: Field, text: str) -> Any:
    if field.column.type == "ids":
        return text.split(" ") if text else []
    if field.column.type == "integer" and text.isascii() and text.isdigit():
        return int(text)
    # A number or a ratio is handed on as its text, which the document reader reads exactly.
    return (text or None) if field.nullable else text


def _entry(layout: Layout, row: dict[str, str]) -> Any:
    """The plain form of the object of *row*, with an empty list for each list of rows."""
    if layout.fields[0].path == "":
        return _value(layout.fields[0], row[layout.fields[0].column.name])
    entry: dict[str, Any] = {}
    absent = layout.optional is not None and not any(
        row[f.column.name] for f in layout.fields if f.steps[0] == layout.optional
    )
    for field in layout.fields:
        if absent and field.steps[0] == layout.optional:
            entry[field.steps[0]] = None
            continue
        _put(entry, field.steps, _value(field, row[field.column.name]))
    for steps, single in _LISTS.get(layout.name, ()):
        _put(entry, steps, None if single else [])
    return entry


def _put(entry: dict[str, Any], steps: tuple[str, ...], value: object) -> None:
    *inner, last = steps
    found: Any = entry
    for step in inner:
        found = found.setdefault(step, {})
        if found is None:  # an absent object holds nothing
            return
    found[last] = value


def _items(entry: dict[str, Any], path: str) -> list[Any] | None:
    # The list at *path* of a parent's plain form; None when an object on the way is absent.
    found: Any = entry
    for step in path.split("."):
        if found is None:
            return None
        found = found[step]
    return found  # type: ignore[no-any-return]


def _owners(layout: Layout, row: dict[str, str]) -> Key:
    columns = layout.table.columns[: layout.owners]
    return tuple(row[c.name] if c.required else (row[c.name] or None) for c in columns)


def _attach(
    tables: dict[str, Rows],
    documents: dict[str, dict[str, Any]],
    problems: list[Violation],
) -> None:
    """Hang every row of the other tables on the plain form of the row that owns it."""
    keyed: dict[str, dict[Key, Any]] = {"programmes": {(p,): d for p, d in documents.items()}}
    for layout in LAYOUTS[1:]:
        found = keyed.setdefault(layout.name, {})
        for line, row in tables[layout.name]:
            owners = _owners(layout, row)
            # A row with empty trailing owners (an axis: no convention) hangs on the first.
            width = len(owners)
            while width > 1 and owners[width - 1] is None and len(layout.sources) > 1:
                width -= 1
            sources = [s for s in layout.sources if _key_width(s.parent) == width]
            if layout.tag is not None:
                tag = layout.tag.name
                sources = [s for s in sources if s.tag == row[tag]]
                if not sources:
                    tags = " or ".join(repr(s.tag) for s in layout.sources)
                    problems.append(_at(layout.name, line, tag, f"expected {tags}"))
                    continue
            (source,) = sources
            problem = _missing_owner(source.parent, row, keyed)
            parent = keyed[source.parent].get(owners[:width]) if problem is None else None
            if source.single and parent is not None:
                if parent[source.items] is None:
                    parent[source.items] = _entry(layout, row)
                else:
                    column = layout.table.columns[layout.owners].name
                    problems.append(_at(layout.name, line, column, _repeated(source, row)))
                continue
            items = None if parent is None else _items(parent, source.items)
            if items is None:
                problem = problem or _no_owner(source, row)
                problems.append(_at(layout.name, line, *problem))
                continue
            entry = _entry(layout, row)
            items.append(entry)
            if layout.name in _PARENTS:
                found.setdefault((*owners, row["id"]), entry)


# The tables whose rows others hang on.
_PARENTS = frozenset(source.parent for layout in LAYOUTS for source in layout.sources)


def _key_width(table: str) -> int:
    # A row's key: the columns naming its owners, and its id.
    (layout,) = (layout for layout in LAYOUTS if layout.name == table)
    return layout.owners + 1


def _missing_owner(
    parent: str, row: dict[str, str], keyed: dict[str, dict[Key, Any]]
) -> tuple[str, str] | None:
    # The parts of a convention name their programme first: an unknown one is reported.
    owned = ("programmes", "conventions", "amendments", "indicators")
    if parent in owned and (row["programme"],) not in keyed["programmes"]:
        return "programme", f"no programme {row['programme']!r} in programmes.csv"
    return None


# The column naming the owner a row of each parent table hangs on, and what to say when
# the tables hold no such owner (the cells of the row fill in the blanks).
_NO_OWNER = {
    "conventions": ("convention", "no convention {convention!r} in programme {programme!r}"),
    "amendments": (
        "amendment",
        "no amendment {amendment!r} of convention {convention!r} in programme {programme!r}",
    ),
    "commitments": ("commitment", "no commitment {commitment!r} in programme {programme!r}"),
    "indicators": (
        "indicator",
        "no indicator {indicator!r} of convention {convention!r} in programme {programme!r}",
    ),
    "matches": ("match", "no match {match!r} in programme {programme!r}"),
    "priorities": ("priority", "no priority {priority!r} for this theme"),
}


def _no_owner(source: Source, row: dict[str, str]) -> tuple[str, str]:
    """The column and message of a row whose owner is not in the tables."""
    if source.parent == "programmes":  # the programme is known, but not its strategy
        return (
            "convention",
            f"programme {row['programme']!r} "
            "has no strategy for this axis; expected a convention id",
        )
    column, message = _NO_OWNER[source.parent]
    return column, message.format(**row)


def _repeated(source: Source, row: dict[str, str]) -> str:
    """The message of a second row of what an owner holds one of: an indicator's baseline."""
    return (
        f"indicator {row['indicator']!r} of convention {row['convention']!r} already has "
        f"a {source.tag}; expected one at most"
    )
