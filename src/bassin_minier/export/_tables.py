"""Programmes as flat tables: which tables, their columns, and the rows a programme gives.

The tables are the same for CSV (see ``_csv``) and Parquet (see ``_parquet``). Each table
is declared once, below: its columns in order, the attribute each column holds, and where
its rows come from. `TABLES` (the CSV header, the Parquet schema, the data dictionary),
`rows_of` (writing) and the reading of CSV files are all made from that declaration.
Every table starts with the ``programme`` column, so the tables of many programmes can be
written one after the other and read as one collection.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from bassin_minier._model.enums import ConventionKind, PartyKind, RelationKind, TerritoryKind
from bassin_minier._model.programme import Programme

__all__ = ["LAYOUTS", "TABLES", "Cell", "Column", "Layout", "Source", "Table", "rows_of"]

#: A cell: text, a date, an exact amount, a year, or nothing (an optional value left out).
Cell = str | dt.date | Decimal | int | None


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


@attrs.frozen
class Field:
    """A column holding an attribute of the row's object, at *path* (``territory.code``).

    An empty *path* is the object itself (a theme is a text). An empty cell reads as None
    when *nullable*; a text that is empty only because its object is absent (the name of
    a strategy) is not, so that a strategy with a date but no name is reported.
    """

    path: str
    column: Column
    nullable: bool
    #: The version of the tables that added the column: 1, or 2 for the life of agreements.
    added: int = 1

    @property
    def steps(self) -> tuple[str, ...]:
        return tuple(self.path.split(".")) if self.path else ()


@attrs.frozen
class Source:
    """Where rows come from: the list at *items* (``strategy.axes``) of each *parent* row."""

    parent: str
    items: str


@attrs.frozen
class Layout:
    """How a table is made: the columns naming the row's owners, then the row's fields.

    *owners* are the key of the parent row (padded with empty cells: an axis of the
    strategy has no convention); *sources* say which objects give rows (none: the
    programme itself); *optional* names an object that may be absent, whose columns are
    then all empty.
    """

    table: Table
    owners: int
    fields: tuple[Field, ...]
    sources: tuple[Source, ...]
    optional: str | None = None
    #: The version of the tables that added the table: 1, or 2 for the life of agreements.
    added: int = 1

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def version(self) -> int:
        """The version of the tables that gave the table its present columns."""
        return max(self.added, *(f.added for f in self.fields))

    @property
    def first_columns(self) -> tuple[str, ...]:
        """The columns the table had in version 1 (none when it is newer)."""
        if self.added > 1:
            return ()
        owners = self.table.columns[: self.owners]
        return tuple(c.name for c in owners) + tuple(
            f.column.name for f in self.fields if f.added == 1
        )


def _field(
    path: str,
    name: str,
    type_: str,
    description: str,
    required: bool = True,
    *,
    nullable: bool | None = None,
    added: int = 1,
) -> Field:
    column = Column(name, type_, description, required)
    return Field(path, column, not required if nullable is None else nullable, added)


def _layout(
    name: str,
    description: str,
    owners: tuple[Column, ...],
    fields: tuple[Field, ...],
    sources: tuple[Source, ...] = (),
    *,
    optional: str | None = None,
    added: int = 1,
) -> Layout:
    columns = owners + tuple(f.column for f in fields)
    table = Table(name, description, columns)
    return Layout(table, len(owners), fields, sources, optional, added)


def _values(vocabulary: type[enum.Enum]) -> str:
    """The values of *vocabulary* in words: ``a, b or c``."""
    *others, last = (member.value for member in vocabulary)
    return f"{', '.join(others)} or {last}" if others else str(last)


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


def _period_fields(what: str) -> tuple[Field, Field]:
    return (
        _field("period.start", "period_start", "date", f"first day of the {what} period"),
        _field("period.end", "period_end", "date", f"last day of the {what} period (included)"),
    )


def _amendment_column() -> Column:
    return Column("amendment", "id", "the `id` of the amendment")


# The tables and columns added by version 2 of the tables (the life of agreements): a set
# written before them is still read (see ``_csv``).
_V2 = 2


#: How each table is made, in the order written; a table comes after its rows' parents.
LAYOUTS: tuple[Layout, ...] = (
    _layout(
        "programmes",
        "one row per programme, with its strategy",
        (),
        (
            _field("id", "id", "id", "the programme's identifier"),
            _field("name", "name", "text", "the programme's name"),
            *_period_fields("programme's"),
            _field(
                "strategy.name",
                "strategy_name",
                "text",
                "the national strategy it carries out",
                required=False,
                nullable=False,
            ),
            _field(
                "strategy.presented_on",
                "strategy_presented_on",
                "date",
                "the day the strategy was presented",
                required=False,
            ),
        ),
        optional="strategy",
    ),
    _layout(
        "milestones",
        "the dated steps of each programme, in order",
        (_programme_column(),),
        (
            _field("on", "on", "date", "the day of the step"),
            _field("label", "label", "text", "what happened"),
        ),
        (Source("programmes", "milestones"),),
    ),
    _layout(
        "conventions",
        "one row per convention, with its territory",
        (_programme_column(),),
        (
            _field("id", "id", "id", "the convention's identifier, unique in its programme"),
            _field("title", "title", "text", "the convention's title"),
            _field("kind", "kind", "enum", _values(ConventionKind)),
            _field(
                "territory.code",
                "territory_code",
                "code",
                "the COG code (or slug) of its territory",
            ),
            _field("territory.name", "territory_name", "text", "the territory's name"),
            _field(
                "territory.kind",
                "territory_kind",
                "enum",
                _values(TerritoryKind),
            ),
            _field(
                "territory.within",
                "territory_within",
                "ids",
                "codes of the territories it lies in, separated by spaces",
                required=False,
            ),
            *_period_fields("convention's"),
            _field("signed_on", "signed_on", "date", "the day it was signed", required=False),
            _field(
                "signed_at", "signed_at", "text", "the place where it was signed", required=False
            ),
            _field("event", "event", "text", "the occasion of the signature", required=False),
        ),
        (Source("programmes", "conventions"),),
    ),
    _layout(
        "parties",
        "the parties of each convention (a party to several conventions has several rows)",
        (_programme_column(), _convention_column("the party is bound by")),
        (
            _field("id", "id", "id", "the party's identifier"),
            _field("name", "name", "text", "the party's name"),
            _field("kind", "kind", "enum", _values(PartyKind)),
            _field(
                "territory", "territory", "code", "the code of the territory it speaks for", False
            ),
            _field("siren", "siren", "code", "its SIREN number", required=False),
        ),
        (Source("conventions", "parties"),),
    ),
    _layout(
        "signatories",
        "the people who signed each convention",
        (_programme_column(), _convention_column("signed")),
        (
            _field("name", "name", "text", "the signatory's name"),
            _field("role", "role", "text", "the signatory's office"),
            _field("party", "party", "id", "the `id` of the party the signatory signed for"),
        ),
        (Source("conventions", "signatories"),),
    ),
    _layout(
        "participants",
        "the people present at each signature who did not sign",
        (_programme_column(), _convention_column("whose signature they attended")),
        (
            _field("name", "name", "text", "the participant's name"),
            _field("role", "role", "text", "the participant's office"),
        ),
        (Source("conventions", "participants"),),
    ),
    _layout(
        "priorities",
        "the priorities of each convention, and the axes of each programme's strategy",
        (_programme_column(), _convention_or_axis_column()),
        (
            _field("id", "id", "id", "the priority's identifier"),
            _field("label", "label", "text", "the priority's wording"),
        ),
        (Source("programmes", "strategy.axes"), Source("conventions", "priorities")),
    ),
    _layout(
        "themes",
        "the themes of each priority or axis, in order",
        (
            _programme_column(),
            _convention_or_axis_column(),
            Column("priority", "id", "the `id` of the priority or axis"),
        ),
        (_field("", "theme", "text", "the theme"),),
        (Source("priorities", "themes"),),
    ),
    _layout(
        "amendments",
        "the amendments of each convention (avenants, prolongations), in signature order",
        (_programme_column(), _convention_column("it amends")),
        (
            _field("id", "id", "id", "the amendment's identifier, unique in its programme"),
            _field("title", "title", "text", "the amendment's title", required=False),
            _field("signed_on", "signed_on", "date", "the day it was signed", required=False),
            _field(
                "period.start",
                "period_start",
                "date",
                "first day of the convention's period from this amendment on; "
                "empty when it leaves the period unchanged",
                required=False,
                nullable=False,
            ),
            _field(
                "period.end",
                "period_end",
                "date",
                "last day (included) of the convention's period from this amendment on; "
                "empty when it leaves the period unchanged",
                required=False,
                nullable=False,
            ),
            _field("note", "note", "text", "what the amendment does", required=False),
        ),
        (Source("conventions", "amendments"),),
        optional="period",
        added=_V2,
    ),
    _layout(
        "amendment_signatories",
        "the people who signed each amendment",
        (
            _programme_column(),
            _convention_column("the amendment amends"),
            _amendment_column(),
        ),
        (
            _field("name", "name", "text", "the signatory's name"),
            _field("role", "role", "text", "the signatory's office"),
            _field("party", "party", "id", "the `id` of the party the signatory signed for"),
        ),
        (Source("amendments", "signatories"),),
        added=_V2,
    ),
    _layout(
        "relations",
        "how each convention stands to other conventions of its programme",
        (_programme_column(), _convention_column("the relation starts from")),
        (
            _field(
                "kind",
                "kind",
                "enum",
                f"{_values(RelationKind)}: the convention succeeds, implements or "
                "integrates the related one",
            ),
            _field(
                "convention",
                "related",
                "id",
                "the `id` of the related convention, in the same programme",
            ),
        ),
        (Source("conventions", "related"),),
        added=_V2,
    ),
    _layout(
        "commitments",
        "the funding commitments of each programme",
        (_programme_column(),),
        (
            _field("id", "id", "id", "the commitment's identifier"),
            _field("funder", "funder", "id", "the `id` of the party that commits the money"),
            _field("amount", "amount", "amount", "the amount in euros, exactly, two decimals"),
            _field("basis", "basis", "enum", "at_least (a floor), exactly or at_most (a ceiling)"),
            *_period_fields("commitment's"),
            _field(
                "conventions",
                "conventions",
                "ids",
                "the `id`s of the conventions it goes through, separated by spaces",
                required=False,
            ),
            _field(
                "priority", "priority", "id", "the `id` of the priority it funds", required=False
            ),
            _field(
                "act",
                "act",
                "id",
                "the `id` of the amendment that made it; empty for the conventions as signed",
                required=False,
                added=_V2,
            ),
            _field(
                "revises",
                "revises",
                "id",
                "the `id` of the commitment of the same funder it replaces from its act on",
                required=False,
                added=_V2,
            ),
        ),
        (Source("programmes", "commitments"),),
    ),
    _layout(
        "tranches",
        "the yearly breakdown of each commitment, when known",
        (_programme_column(), Column("commitment", "id", "the `id` of the commitment")),
        (
            _field("year", "year", "integer", "the calendar year"),
            _field("amount", "amount", "amount", "the amount in euros, exactly, two decimals"),
            _field(
                "convention",
                "convention",
                "id",
                "the `id` of the convention the money goes through",
            ),
            _field(
                "spend_by",
                "spend_by",
                "date",
                "the last day the year's money may be used, when it runs past the year",
                required=False,
                added=_V2,
            ),
        ),
        (Source("commitments", "tranches"),),
    ),
)

#: Every table a programme is written to, each with its columns, in the order written.
TABLES: tuple[Table, ...] = tuple(layout.table for layout in LAYOUTS)

# The tables whose rows others hang on, keyed by their owners and their own id.
_PARENTS = frozenset(source.parent for layout in LAYOUTS for source in layout.sources)


# -- objects to rows --------------------------------------------------------------------------


def value_at(obj: object, steps: tuple[str, ...]) -> Any:
    """The attribute of *obj* at *steps*, or None when an object on the way is absent."""
    for step in steps:
        if obj is None:
            return None
        obj = getattr(obj, step)
    return obj


def _cell(field: Field, obj: object) -> Cell:
    value = value_at(obj, field.steps)
    if isinstance(value, enum.Enum):
        return value.value  # type: ignore[no-any-return]
    if isinstance(value, tuple):
        # Slugs and territory codes hold no spaces, so a space separates them unambiguously.
        return " ".join(value) or None
    return value  # type: ignore[no-any-return]


def rows_of(programme: Programme) -> Iterator[tuple[Table, tuple[Cell, ...]]]:
    """Every row *programme* gives, each with its table, in a stable order within a table."""
    # The objects of each parent table with their key: their owners, then their id.
    keyed: dict[str, list[tuple[tuple[Cell, ...], Any]]] = {}
    for layout in LAYOUTS:
        found: list[tuple[tuple[Cell, ...], Any]] = [((), programme)] if not layout.sources else []
        for source in layout.sources:
            steps = tuple(source.items.split("."))
            for key, parent in keyed[source.parent]:
                owners = key + (None,) * (layout.owners - len(key))
                found.extend((owners, item) for item in value_at(parent, steps) or ())
        if layout.name in _PARENTS:
            keyed[layout.name] = [((*owners, obj.id), obj) for owners, obj in found]
        for owners, obj in found:
            yield layout.table, (*owners, *(_cell(field, obj) for field in layout.fields))
