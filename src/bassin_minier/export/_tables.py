"""Programmes as flat tables: one row per object, the data dictionary, CSV files both ways.

The tables are the same for CSV and Parquet (see ``_parquet``): `TABLES` is the one
description of their columns, from which the CSV header, the Parquet schema and the data
dictionary are all made. Every table starts with the ``programme`` column, so the tables of
many programmes can be written one after the other and read as one collection.

The files of one export are replaced together (see ``_fileset``), and a cell a spreadsheet
would take for a formula is written with a quote before it, which `read_csv` removes.
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

import attrs

from bassin_minier._base.errors import FileError, ValidationError, Violation
from bassin_minier._io import fileset as _fileset
from bassin_minier._io.documents import from_dict
from bassin_minier._io.files import file_errors
from bassin_minier._model.convention import Convention
from bassin_minier._model.programme import Programme
from bassin_minier._rules.money import format_amount
from bassin_minier.export._csvtext import GUARD_NOTE, csv_writer, guarded, long_fields, unguarded

__all__ = [
    "CSV_MANIFEST_FILE",
    "DATA_DICTIONARY_FILE",
    "TABLES",
    "Column",
    "Table",
    "data_dictionary",
    "read_csv",
    "rows_of",
    "write_csv",
]

#: A cell: text, a date, an exact amount, a year, or nothing (an optional value left out).
Cell = str | dt.date | Decimal | int | None

#: The rows of one table, each with its line in the file.
Rows = list[tuple[int, dict[str, str]]]

#: The file that describes every column of every table, written beside the tables.
DATA_DICTIONARY_FILE = "datadictionary.csv"

# The name of the set of CSV files, in their manifest's name and their staged names.
_CSV_SET = "csv-tables"
#: The manifest that makes the CSV files of one export a set (see `write_csv`).
CSV_MANIFEST_FILE = _fileset.manifest_name(_CSV_SET)


@attrs.frozen
class Column:
    """One column: its *name*, its *type* and what it holds.

    *type* is one of ``text``, ``id`` (a slug), ``ids`` (slugs or codes separated by single
    spaces), ``code``, ``enum``, ``date``, ``amount`` (euros, two decimals) or ``integer``.
    An optional column is empty in CSV (null in Parquet) when the value is not known.
    """

    name: str
    type: str
    description: str
    required: bool = True


@attrs.frozen
class Table:
    """One table: its *name* (the file is ``NAME.csv`` or ``NAME.parquet``) and columns."""

    name: str
    description: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _programme_column() -> Column:
    return Column("programme", "id", "the `id` of the programme the row belongs to")


def _convention_column(what: str) -> Column:
    return Column("convention", "id", f"the `id` of the convention {what}")


def _convention_or_axis_column() -> Column:
    # Priorities and their themes belong to a convention, or to the strategy as its axes.
    return Column(
        "convention",
        "id",
        "the `id` of the convention; empty for an axis of the strategy",
        required=False,
    )


#: Every table a programme is written to, each with its columns, in the order written.
TABLES: tuple[Table, ...] = (
    Table(
        "programmes",
        "one row per programme, with its strategy",
        (
            Column("id", "id", "the programme's identifier"),
            Column("name", "text", "the programme's name"),
            Column("period_start", "date", "first day of the programme's period"),
            Column("period_end", "date", "last day of the programme's period (included)"),
            Column(
                "strategy_name", "text", "the national strategy it carries out", required=False
            ),
            Column(
                "strategy_presented_on",
                "date",
                "the day the strategy was presented",
                required=False,
            ),
        ),
    ),
    Table(
        "milestones",
        "the dated steps of each programme, in order",
        (
            _programme_column(),
            Column("on", "date", "the day of the step"),
            Column("label", "text", "what happened"),
        ),
    ),
    Table(
        "conventions",
        "one row per convention, with its territory",
        (
            _programme_column(),
            Column("id", "id", "the convention's identifier, unique in its programme"),
            Column("title", "text", "the convention's title"),
            Column("kind", "enum", "departementale, territoire_demonstrateur or other"),
            Column("territory_code", "code", "the COG code (or slug) of its territory"),
            Column("territory_name", "text", "the territory's name"),
            Column("territory_kind", "enum", "region, departement, commune, epci or area"),
            Column(
                "territory_within",
                "ids",
                "codes of the territories it lies in, separated by spaces",
                required=False,
            ),
            Column("period_start", "date", "first day of the convention's period"),
            Column("period_end", "date", "last day of the convention's period (included)"),
            Column("signed_on", "date", "the day it was signed", required=False),
            Column("signed_at", "text", "the place where it was signed", required=False),
            Column("event", "text", "the occasion of the signature", required=False),
        ),
    ),
    Table(
        "parties",
        "the parties of each convention (a party to several conventions has several rows)",
        (
            _programme_column(),
            _convention_column("the party is bound by"),
            Column("id", "id", "the party's identifier"),
            Column("name", "text", "the party's name"),
            Column("kind", "enum", "state, departement, region, commune, epci or other"),
            Column("territory", "code", "the code of the territory it speaks for", False),
            Column("siren", "code", "its SIREN number", required=False),
        ),
    ),
    Table(
        "signatories",
        "the people who signed each convention",
        (
            _programme_column(),
            _convention_column("signed"),
            Column("name", "text", "the signatory's name"),
            Column("role", "text", "the signatory's office"),
            Column("party", "id", "the `id` of the party the signatory signed for"),
        ),
    ),
    Table(
        "participants",
        "the people present at each signature who did not sign",
        (
            _programme_column(),
            _convention_column("whose signature they attended"),
            Column("name", "text", "the participant's name"),
            Column("role", "text", "the participant's office"),
        ),
    ),
    Table(
        "priorities",
        "the priorities of each convention, and the axes of each programme's strategy",
        (
            _programme_column(),
            _convention_or_axis_column(),
            Column("id", "id", "the priority's identifier"),
            Column("label", "text", "the priority's wording"),
        ),
    ),
    Table(
        "themes",
        "the themes of each priority or axis, in order",
        (
            _programme_column(),
            _convention_or_axis_column(),
            Column("priority", "id", "the `id` of the priority or axis"),
            Column("theme", "text", "the theme"),
        ),
    ),
    Table(
        "commitments",
        "the funding commitments of each programme",
        (
            _programme_column(),
            Column("id", "id", "the commitment's identifier"),
            Column("funder", "id", "the `id` of the party that commits the money"),
            Column("amount", "amount", "the amount in euros, exactly, two decimals"),
            Column("basis", "enum", "at_least (a floor), exactly or at_most (a ceiling)"),
            Column("period_start", "date", "first day of the commitment's period"),
            Column("period_end", "date", "last day of the commitment's period (included)"),
            Column(
                "conventions",
                "ids",
                "the `id`s of the conventions it goes through, separated by spaces",
                required=False,
            ),
            Column("priority", "id", "the `id` of the priority it funds", required=False),
        ),
    ),
    Table(
        "tranches",
        "the yearly breakdown of each commitment, when known",
        (
            _programme_column(),
            Column("commitment", "id", "the `id` of the commitment"),
            Column("year", "integer", "the calendar year"),
            Column("amount", "amount", "the amount in euros, exactly, two decimals"),
            _convention_column("the money goes through"),
        ),
    ),
)

_BY_NAME = {table.name: table for table in TABLES}


# -- objects to rows --------------------------------------------------------------------------


def rows_of(programme: Programme) -> Iterator[tuple[Table, tuple[Cell, ...]]]:
    """Every row *programme* gives, each with its table, in a stable order."""
    pid = programme.id
    strategy = programme.strategy
    yield (
        _BY_NAME["programmes"],
        (
            pid,
            programme.name,
            programme.period.start,
            programme.period.end,
            strategy.name if strategy else None,
            strategy.presented_on if strategy else None,
        ),
    )
    for milestone in programme.milestones:
        yield _BY_NAME["milestones"], (pid, milestone.on, milestone.label)
    for axis in strategy.axes if strategy else ():
        yield _BY_NAME["priorities"], (pid, None, axis.id, axis.label)
        for theme in axis.themes:
            yield _BY_NAME["themes"], (pid, None, axis.id, theme)
    for convention in programme.conventions:
        yield from _convention_rows(pid, convention)
    for commitment in programme.commitments:
        yield (
            _BY_NAME["commitments"],
            (
                pid,
                commitment.id,
                commitment.funder,
                commitment.amount,
                commitment.basis.value,
                commitment.period.start,
                commitment.period.end,
                _joined(commitment.conventions),
                commitment.priority,
            ),
        )
        for tranche in commitment.tranches:
            yield (
                _BY_NAME["tranches"],
                (pid, commitment.id, tranche.year, tranche.amount, tranche.convention),
            )


def _convention_rows(pid: str, convention: Convention) -> Iterator[tuple[Table, tuple[Cell, ...]]]:
    cid = convention.id
    territory = convention.territory
    yield (
        _BY_NAME["conventions"],
        (
            pid,
            cid,
            convention.title,
            convention.kind.value,
            territory.code,
            territory.name,
            territory.kind.value,
            _joined(territory.within),
            convention.period.start,
            convention.period.end,
            convention.signed_on,
            convention.signed_at,
            convention.event,
        ),
    )
    for party in convention.parties:
        yield (
            _BY_NAME["parties"],
            (pid, cid, party.id, party.name, party.kind.value, party.territory, party.siren),
        )
    for signatory in convention.signatories:
        yield _BY_NAME["signatories"], (pid, cid, signatory.name, signatory.role, signatory.party)
    for participant in convention.participants:
        yield _BY_NAME["participants"], (pid, cid, participant.name, participant.role)
    for priority in convention.priorities:
        yield _BY_NAME["priorities"], (pid, cid, priority.id, priority.label)
        for theme in priority.themes:
            yield _BY_NAME["themes"], (pid, cid, priority.id, theme)


def _joined(values: tuple[str, ...]) -> str | None:
    # Slugs and territory codes hold no spaces, so a space separates them unambiguously.
    return " ".join(values) or None


# -- CSV files --------------------------------------------------------------------------------


def _cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_amount(value)
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
            for table in TABLES:
                text = stack.enter_context(_text_file(files, f"{table.name}.csv", encoding))
                writers[table.name] = csv_writer(text)
                writers[table.name].writerow(table.column_names)
            for programme in items:
                _require_programme(programme)
                for table, row in rows_of(programme):
                    writers[table.name].writerow([_cell_text(cell) for cell in row])
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
    from another; a folder without a manifest is read as it is.
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
        documents[pid] = _programme_document(row)
        lines[pid] = line
    _attach(tables, documents, problems)
    if problems:
        raise ValidationError(problems)
    programmes = []
    for pid, document in documents.items():
        try:
            programmes.append(from_dict(document, Programme))
        except ValidationError as error:
            raise error.under(f"programmes.csv[{lines[pid]}]$") from None
    return tuple(programmes)


# How many times the tables are read again when an export replaced them meanwhile.
_READ_ATTEMPTS = 3


def _read_tables(source: Path) -> dict[str, Rows]:
    for _ in range(_READ_ATTEMPTS):
        state, staged = _fileset.committed_files(source, _CSV_SET)
        with long_fields():
            tables = {
                table.name: _read_table(source, table, staged.get(f"{table.name}.csv"))
                for table in TABLES
            }
        # The same manifest after as before: no export committed while the files were read.
        if _fileset.manifest_state(source, _CSV_SET) == state:
            return tables
    raise FileError(f"cannot read the tables in {source}: they were replaced while being read")


def _at(table: str, line: int, column: str, message: str) -> Violation:
    return Violation(f"{table}.csv[{line}].{column}", message, "table")


def _read_table(folder: Path, table: Table, staged: Path | None) -> Rows:
    path = folder / f"{table.name}.csv"
    with file_errors("read", path):
        return _table_rows(table, _open_table(path, staged))


def _table_rows(table: Table, opened: TextIO) -> Rows:
    try:
        with opened as stream:
            reader = csv.reader(stream, strict=True)
            header = next(reader, None)
            if header is None or tuple(header) != table.column_names:
                raise ValidationError.at(
                    f"{table.name}.csv[1]",
                    f"the header is {header!r}; expected the columns "
                    f"{', '.join(table.column_names)}",
                    "table",
                )
            rows = []
            for cells in reader:
                line = reader.line_num
                if len(cells) != len(header):
                    raise ValidationError.at(
                        f"{table.name}.csv[{line}]",
                        f"the row has {len(cells)} cells; expected {len(header)}",
                        "table",
                    )
                texts = map(unguarded, cells)
                rows.append((line, dict(zip(header, texts, strict=True))))
            return rows
    except csv.Error as exc:
        raise ValidationError.at(
            f"{table.name}.csv", f"is not valid CSV: {exc}", "table"
        ) from None
    except UnicodeDecodeError as exc:
        raise ValidationError.at(
            f"{table.name}.csv", f"is not UTF-8 text ({exc.reason})", "table"
        ) from None


def _open_table(path: Path, staged: Path | None) -> TextIO:
    # A table of the committed export still under its staged name is read from there;
    # if it is gone, the export has since renamed it to its own name.
    if staged is not None:
        with contextlib.suppress(FileNotFoundError):
            return staged.open(encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def _optional(text: str) -> str | None:
    return text or None


def _listed(text: str) -> list[str]:
    return text.split(" ") if text else []


def _period(row: dict[str, str]) -> dict[str, str]:
    return {"start": row["period_start"], "end": row["period_end"]}


def _programme_document(row: dict[str, str]) -> dict[str, Any]:
    strategy: dict[str, Any] | None = None
    if row["strategy_name"] or row["strategy_presented_on"]:
        strategy = {
            "name": row["strategy_name"],
            "presented_on": _optional(row["strategy_presented_on"]),
            "axes": [],
        }
    return {
        "id": row["id"],
        "name": row["name"],
        "period": _period(row),
        "strategy": strategy,
        "conventions": [],
        "commitments": [],
        "milestones": [],
    }


def _attach(
    tables: dict[str, Rows],
    documents: dict[str, dict[str, Any]],
    problems: list[Violation],
) -> None:
    """Hang every row of the other tables on the programme document it belongs to."""

    def owner(table: str, line: int, row: dict[str, str]) -> dict[str, Any] | None:
        document = documents.get(row["programme"])
        if document is None:
            problems.append(
                _at(
                    table,
                    line,
                    "programme",
                    f"no programme {row['programme']!r} in programmes.csv",
                )
            )
        return document

    conventions: dict[tuple[str, str], dict[str, Any]] = {}
    priorities: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    commitments: dict[tuple[str, str], dict[str, Any]] = {}

    def convention_of(table: str, line: int, row: dict[str, str]) -> dict[str, Any] | None:
        if owner(table, line, row) is None:
            return None
        found = conventions.get((row["programme"], row["convention"]))
        if found is None:
            problems.append(
                _at(
                    table,
                    line,
                    "convention",
                    f"no convention {row['convention']!r} in programme {row['programme']!r}",
                )
            )
        return found

    for line, row in tables["milestones"]:
        if (document := owner("milestones", line, row)) is not None:
            document["milestones"].append({"on": row["on"], "label": row["label"]})
    for line, row in tables["conventions"]:
        if (document := owner("conventions", line, row)) is None:
            continue
        entry: dict[str, Any] = {
            "id": row["id"],
            "title": row["title"],
            "kind": row["kind"],
            "territory": {
                "code": row["territory_code"],
                "name": row["territory_name"],
                "kind": row["territory_kind"],
                "within": _listed(row["territory_within"]),
            },
            "parties": [],
            "signatories": [],
            "participants": [],
            "priorities": [],
            "period": _period(row),
            "signed_on": _optional(row["signed_on"]),
            "signed_at": _optional(row["signed_at"]),
            "event": _optional(row["event"]),
        }
        document["conventions"].append(entry)
        conventions.setdefault((row["programme"], row["id"]), entry)
    for line, row in tables["parties"]:
        if (convention := convention_of("parties", line, row)) is not None:
            convention["parties"].append(
                {
                    "id": row["id"],
                    "name": row["name"],
                    "kind": row["kind"],
                    "territory": _optional(row["territory"]),
                    "siren": _optional(row["siren"]),
                }
            )
    for line, row in tables["signatories"]:
        if (convention := convention_of("signatories", line, row)) is not None:
            convention["signatories"].append(
                {"name": row["name"], "role": row["role"], "party": row["party"]}
            )
    for line, row in tables["participants"]:
        if (convention := convention_of("participants", line, row)) is not None:
            convention["participants"].append({"name": row["name"], "role": row["role"]})
    for line, row in tables["priorities"]:
        priority: dict[str, Any] = {"id": row["id"], "label": row["label"], "themes": []}
        if not row["convention"]:
            document = owner("priorities", line, row)
            if document is None:
                continue
            if document["strategy"] is None:
                problems.append(
                    _at(
                        "priorities",
                        line,
                        "convention",
                        f"programme {row['programme']!r} "
                        "has no strategy for this axis; expected a convention id",
                    )
                )
                continue
            document["strategy"]["axes"].append(priority)
        else:
            convention = convention_of("priorities", line, row)
            if convention is None:
                continue
            convention["priorities"].append(priority)
        priorities.setdefault(
            (row["programme"], _optional(row["convention"]), row["id"]), priority
        )
    for line, row in tables["themes"]:
        key = (row["programme"], _optional(row["convention"]), row["priority"])
        if (found := priorities.get(key)) is None:
            problems.append(
                _at("themes", line, "priority", f"no priority {row['priority']!r} for this theme")
            )
            continue
        found["themes"].append(row["theme"])
    for line, row in tables["commitments"]:
        if (document := owner("commitments", line, row)) is None:
            continue
        pledge: dict[str, Any] = {
            "id": row["id"],
            "funder": row["funder"],
            "amount": row["amount"],
            "basis": row["basis"],
            "period": _period(row),
            "conventions": _listed(row["conventions"]),
            "priority": _optional(row["priority"]),
            "tranches": [],
        }
        document["commitments"].append(pledge)
        commitments.setdefault((row["programme"], row["id"]), pledge)
    for line, row in tables["tranches"]:
        if (found := commitments.get((row["programme"], row["commitment"]))) is None:
            problems.append(
                _at(
                    "tranches",
                    line,
                    "commitment",
                    f"no commitment {row['commitment']!r} in programme {row['programme']!r}",
                )
            )
            continue
        year: object = row["year"]
        if row["year"].isascii() and row["year"].isdigit():
            year = int(row["year"])
        found["tranches"].append(
            {"year": year, "amount": row["amount"], "convention": row["convention"]}
        )
