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

from bassin_minier._model.enums import (
    Basis,
    ConventionKind,
    PartyKind,
    RelationKind,
    TerritoryKind,
)
from bassin_minier._model.programme import Programme

__all__ = [
    "LAYOUTS",
    "TABLES",
    "TABLES_VERSION",
    "Cell",
    "Column",
    "Layout",
    "Source",
    "Table",
    "rows_of",
]

#: A cell: text, a date, an exact amount, a year, or nothing (an optional value left out).
Cell = str | dt.date | Decimal | int | None


@attrs.frozen
class Column:
    """One column: its *name*, its *type* and what it holds.

    *type* is one of ``text``, ``id`` (a slug), ``ids`` (slugs or codes separated by single
    spaces), ``code``, ``enum``, ``date``, ``amount`` (euros, two decimals), ``integer``,
    ``number`` (an exact decimal, possibly negative, at most six decimals) or ``ratio`` (an
    exact positive decimal below 1000, at most four decimals).
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
    """Where rows come from: the list at *items* (``strategy.axes``) of each *parent* row.

    *single* says *items* is one object that may be absent (an indicator's baseline), not
    a list. *tag*, in a table whose rows come from several lists of one parent (the
    baseline, targets and results of an indicator), is what the tag column says of the
    rows of this one.
    """

    parent: str
    items: str
    tag: str | None = None
    single: bool = False


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
    #: The version of the tables that added the table: 1, 2 for the life of agreements,
    #: 3 for shared money and evaluation.
    added: int = 1
    #: The column, after the owners, that says which of the *sources* a row comes from.
    tag: Column | None = None

    @property
    def name(self) -> str:
        return self.table.name

    def columns_at(self, version: int) -> tuple[str, ...] | None:
        """The columns the table had in *version* of the tables; None before it had any."""
        if version < self.added:
            return None
        heading = self.table.columns[: self.owners + (self.tag is not None)]
        return tuple(c.name for c in heading) + tuple(
            f.column.name for f in self.fields if f.added <= version
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
    tag: Column | None = None,
) -> Layout:
    columns = owners + ((tag,) if tag is not None else ()) + tuple(f.column for f in fields)
    table = Table(name, description, columns)
    return Layout(table, len(owners), fields, sources, optional, added, tag)


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


# The tables and columns added by version 2 of the tables (the life of agreements) and by
# version 3 (shared money and evaluation): a set written before them is still read (see
# ``_csv``).
_V2 = 2
_V3 = 3
#: The version of the tables written.
TABLES_VERSION = _V3


def _party_fields(what: str) -> tuple[Field, ...]:
    return (
        _field("id", "id", "id", f"the {what}'s identifier"),
        _field("name", "name", "text", f"the {what}'s name"),
        _field("kind", "kind", "enum", _values(PartyKind)),
        _field("territory", "territory", "code", "the code of the territory it speaks for", False),
        _field("siren", "siren", "code", "its SIREN number", required=False),
    )


def _indicator_column() -> Column:
    return Column("indicator", "id", "the `id` of the indicator")


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
        _party_fields("party"),
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
        "actions",
        "the actions (« fiches actions ») each convention is broken down into",
        (_programme_column(), _convention_column("sets out the action")),
        (
            _field("id", "id", "id", "the action's identifier, unique in its convention"),
            _field("label", "label", "text", "the action's wording"),
            _field(
                "priority",
                "priority",
                "id",
                "the `id` of the convention's priority it carries out",
                required=False,
            ),
            _field("lead", "lead", "id", "the `id` of the party that leads it", required=False),
            _field("description", "description", "text", "what it does", required=False),
        ),
        (Source("conventions", "actions"),),
        added=_V3,
    ),
    _layout(
        "indicators",
        "what each convention measures; its baseline, targets and results are in measures",
        (_programme_column(), _convention_column("measures it")),
        (
            _field("id", "id", "id", "the indicator's identifier, unique in its convention"),
            _field("label", "label", "text", "what it counts"),
            _field("unit", "unit", "text", "the unit of its values"),
            _field(
                "action",
                "action",
                "id",
                "the `id` of the action it measures; empty for the convention as a whole",
                required=False,
            ),
        ),
        (Source("conventions", "indicators"),),
        added=_V3,
    ),
    _layout(
        "measures",
        "the baseline, targets and results of each indicator, one value a row",
        (
            _programme_column(),
            _convention_column("of the indicator"),
            _indicator_column(),
        ),
        (
            _field("year", "year", "integer", "the calendar year"),
            _field(
                "value",
                "value",
                "number",
                "the value in the indicator's unit, exactly (it may be 0 or negative)",
            ),
        ),
        (
            Source("indicators", "baseline", tag="baseline", single=True),
            Source("indicators", "targets", tag="target"),
            Source("indicators", "results", tag="result"),
        ),
        added=_V3,
        tag=Column(
            "kind",
            "enum",
            "baseline (the value before, at most one), target or result (one of each a "
            "year at most)",
        ),
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
            _field(
                "action",
                "action",
                "id",
                "the `id` of the action of a covered convention the money goes to",
                required=False,
                added=_V3,
            ),
        ),
        (Source("programmes", "commitments"),),
    ),
    _layout(
        "co_funders",
        "the others who commit the amount of a joint commitment with its funder, split unknown",
        (_programme_column(), Column("commitment", "id", "the `id` of the joint commitment")),
        (_field("", "co_funder", "id", "the `id` of a party or partner committing with it"),),
        (Source("commitments", "co_funders"),),
        added=_V3,
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
    _layout(
        "partners",
        "those who fund a programme without being party to any of its conventions",
        (_programme_column(),),
        _party_fields("partner"),
        (Source("programmes", "partners"),),
        added=_V3,
    ),
    _layout(
        "matches",
        "the co-financing rules agreed: the parties of match_parties together commit "
        "ratio × the commitment, over the same conventions and years",
        (_programme_column(),),
        (
            _field("id", "id", "id", "the match's identifier, unique in its programme"),
            _field("commitment", "commitment", "id", "the `id` of the commitment to match"),
            _field("ratio", "ratio", "ratio", "the share of the commitment to match (0.5: half)"),
            _field("basis", "basis", "enum", _values(Basis)),
        ),
        (Source("programmes", "matches"),),
        added=_V3,
    ),
    _layout(
        "match_parties",
        "the parties (or partners) that match each commitment, in order",
        (_programme_column(), Column("match", "id", "the `id` of the match")),
        (_field("", "party", "id", "the `id` of a party or partner"),),
        (Source("matches", "by"),),
        added=_V3,
    ),
    _layout(
        "payments",
        "the money paid under each commitment, as spending reports give it",
        (_programme_column(),),
        (
            _field("commitment", "commitment", "id", "the `id` of the commitment paid under"),
            _field("year", "year", "integer", "the commitment's year the money belongs to"),
            _field("amount", "amount", "amount", "the amount in euros, exactly, two decimals"),
            _field(
                "convention",
                "convention",
                "id",
                "the `id` of the convention it went through",
                required=False,
            ),
            _field("paid_on", "paid_on", "date", "the day it was paid", required=False),
        ),
        (Source("programmes", "payments"),),
        added=_V3,
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


def _by_parent(
    sources: tuple[Source, ...],
) -> list[tuple[str, list[tuple[Source, tuple[str, ...]]]]]:
    """*sources*, each with the steps to its items, grouped by their parent table in the
    order the parents first come."""
    groups: dict[str, list[tuple[Source, tuple[str, ...]]]] = {}
    for source in sources:
        groups.setdefault(source.parent, []).append((source, tuple(source.items.split("."))))
    return list(groups.items())


# The sources of each table grouped by parent, worked out once.
_GROUPS = {layout.name: _by_parent(layout.sources) for layout in LAYOUTS}


def rows_of(programme: Programme) -> Iterator[tuple[Table, tuple[Cell, ...]]]:
    """Every row *programme* gives, each with its table, in a stable order within a table."""
    # The objects of each parent table with their key: their owners, then their id.
    keyed: dict[str, list[tuple[tuple[Cell, ...], Any]]] = {}
    for layout in LAYOUTS:
        found: list[tuple[tuple[Cell, ...], Any]] = [((), programme)] if not layout.sources else []
        # The rows of one parent together: the baseline, targets and results of an
        # indicator, then those of the next.
        for parent_table, sources in _GROUPS[layout.name]:
            for key, parent in keyed[parent_table]:
                for source, steps in sources:
                    tag = () if layout.tag is None else (source.tag,)
                    owners = key + (None,) * (layout.owners - len(key)) + tag
                    items = value_at(parent, steps)
                    if source.single:
                        items = () if items is None else (items,)
                    found.extend((owners, item) for item in items or ())
        if layout.name in _PARENTS:
            keyed[layout.name] = [((*owners, obj.id), obj) for owners, obj in found]
        for owners, obj in found:
            yield layout.table, (*owners, *(_cell(field, obj) for field in layout.fields))
