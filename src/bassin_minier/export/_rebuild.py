"""Programmes rebuilt from the rows of their tables, however the tables were stored.

`rebuilt` takes the rows of every table as text, as CSV holds them (the Parquet reader
writes its cells so), makes sure they come from one version of the tables, hangs each row
on the row of its owner, as the layout of its table says, and reads the programmes so
rebuilt as any document is read. Paths in errors name the file of the table (``.csv`` or
``.parquet``), the row and the column.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

from bassin_minier._base import paths
from bassin_minier._base.errors import ValidationError, Violation
from bassin_minier._io.documents import from_dict
from bassin_minier._io.files import file_errors
from bassin_minier._model.programme import Programme
from bassin_minier._rules.exports import TABLE
from bassin_minier.export._tables import LAYOUTS, TABLES_VERSION, Field, Layout, Source

__all__ = ["Rows", "rebuilt"]

#: The rows of one table, each with its line in the file (or its row number).
Rows = list[tuple[int, dict[str, str]]]


def rebuilt(
    source: Path, read: dict[str, tuple[set[int], Rows] | None], ext: str
) -> tuple[Programme, ...]:
    """The programmes of the tables *read* in *source*: for each table, the versions of
    the tables its columns fit and its rows (None for a newer table the folder lacks)."""
    tables = _one_version(source, read, ext)
    documents: dict[str, dict[str, Any]] = {}
    lines: dict[str, int] = {}
    problems: list[Violation] = []
    for line, row in tables["programmes"]:
        pid = row["id"]
        if pid in documents:
            problems.append(
                _at(f"programmes.{ext}", line, "id", f"programme {pid!r} appears twice")
            )
            continue
        documents[pid] = _entry(LAYOUTS[0], row)
        lines[pid] = line
    _attach(tables, documents, problems, ext)
    if problems:
        raise ValidationError(problems)
    programmes = []
    for pid, document in documents.items():
        try:
            programmes.append(from_dict(document, Programme))
        except ValidationError as error:
            where = paths.item(f"programmes.{ext}", lines[pid]) + paths.ROOT
            raise error.under(where) from None
    return tuple(programmes)


def _one_version(
    source: Path, read: dict[str, tuple[set[int], Rows] | None], ext: str
) -> dict[str, Rows]:
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
                f"{layout.name}.{ext}",
                f"holds the tables of {_versions(versions)}, but {other}.{ext} those of "
                f"{_versions(theirs)}; expected the tables of one export",
                TABLE,
            )
        common &= versions
        seen.append((layout.name, versions))
    newest = max(common)
    for layout in LAYOUTS:
        if read[layout.name] is None and layout.added <= newest:
            path = source / f"{layout.name}.{ext}"
            with file_errors("read", path):
                # The set is of a version that has this table: the error of any missing one.
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    return {name: found[1] if found else [] for name, found in read.items()}


def _versions(versions: set[int]) -> str:
    low, high = min(versions), max(versions)
    if low == high:
        return f"version {low}"
    return f"version {low} or later" if high == TABLES_VERSION else f"versions {low} to {high}"


def _at(file: str, line: int, column: str, message: str) -> Violation:
    return Violation(paths.field(paths.item(file, line), column), message, TABLE)


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
    ext: str,
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
                    problems.append(_at(f"{layout.name}.{ext}", line, tag, f"expected {tags}"))
                    continue
            (source,) = sources
            problem = _missing_owner(source.parent, row, keyed, ext)
            parent = keyed[source.parent].get(owners[:width]) if problem is None else None
            if source.single and parent is not None:
                if parent[source.items] is None:
                    parent[source.items] = _entry(layout, row)
                else:
                    column = layout.table.columns[layout.owners].name
                    problems.append(
                        _at(f"{layout.name}.{ext}", line, column, _repeated(source, row))
                    )
                continue
            items = None if parent is None else _items(parent, source.items)
            if items is None:
                problem = problem or _no_owner(source, row)
                problems.append(_at(f"{layout.name}.{ext}", line, *problem))
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
    parent: str, row: dict[str, str], keyed: dict[str, dict[Key, Any]], ext: str
) -> tuple[str, str] | None:
    # The parts of a convention name their programme first: an unknown one is reported.
    owned = ("programmes", "conventions", "amendments", "indicators")
    if parent in owned and (row["programme"],) not in keyed["programmes"]:
        return "programme", f"no programme {row['programme']!r} in programmes.{ext}"
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
