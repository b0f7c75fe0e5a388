"""Tidy rows of a programme's money for analysis, and the status of every commitment's basis.

Pure Python: the rows are small frozen attrs classes holding exact `Decimal` amounts, so
they can be summed, filtered and grouped without pandas (``_frames`` turns them into
DataFrames when pandas is there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from bassin_minier._model.enums import Basis
from bassin_minier._model.nesting import nesting_of
from bassin_minier._model.programme import Programme
from bassin_minier._rules.money import totals_by

__all__ = [
    "CommitmentRow",
    "FloorStatus",
    "TrancheRow",
    "commitment_rows",
    "floor_status",
    "totals",
    "tranche_rows",
]


@attrs.frozen(kw_only=True)
class TrancheRow:
    """One tranche: what *funder* spends in one *year* through one *convention*.

    There is one row per commitment × convention × year, so the rows of a programme are
    its funding by funder × convention × year × priority. *funder* is the commitment's
    `FundingCommitment.funded_by`: a joint commitment's money is under its funders
    together (``cd-nord+region-hdf``), never split between them by guess. *within* is
    the commitment within which the row's commitment lies (`Programme.within`), None if
    none.
    *revised_by* is the commitment that revises the row's commitment, None if none.
    *counted* says whether the amount adds to totals: not when the row's commitment lies
    within one that has tranches of its own, whose rows already hold this money, nor when
    another commitment revises it and replaces its money.
    """

    commitment: str
    funder: str
    convention: str
    year: int
    priority: str | None
    basis: Basis
    amount: Decimal
    within: str | None = None
    counted: bool = True
    revised_by: str | None = None


@attrs.frozen(kw_only=True)
class CommitmentRow:
    """One funding commitment, with how much of it is broken down so far.

    *funder* is its `FundingCommitment.funded_by`: the funder, or for a joint commitment
    all its funders together (``cd-nord+region-hdf``), so that totals by funder report
    its amount once.

    *broken_down* and *known_from* are those of its `FloorStatus`: its own tranches' sum
    when it has some, otherwise what the commitments within it bring, 0 when nothing is
    known. *within* is the commitment within which it lies (`Programme.within`), None if
    none; *revised_by* the first commitment that revises it, None if none. *counted*
    says whether its amount adds to totals: only when it lies within none, since its
    money is otherwise part of the amount of the one that holds it, and no commitment
    revises it, since a revised commitment counts once, by its latest revision.
    """

    commitment: str
    funder: str
    basis: Basis
    amount: Decimal
    start: dt.date
    end: dt.date
    conventions: tuple[str, ...]
    priority: str | None
    tranches: int
    broken_down: Decimal
    known_from: str
    within: str | None = None
    counted: bool = True
    revised_by: str | None = None


@attrs.frozen(kw_only=True)
class FloorStatus:
    """How far a commitment's amount is accounted for, year by year, so far.

    *broken_down* is the money known by year and convention: the commitment's own
    tranches when it has them (its full breakdown); otherwise what the commitments
    within it bring, each its own tranches or, without, what is broken down of it; and 0
    when nothing is known. *known_from* is ``"tranches"``, ``"commitments"`` or
    ``"nothing"`` accordingly. *funder* is as in `CommitmentRow`.

    *shortfall* is what is still missing for the basis to be met: the amount less the
    breakdown, for a floor (``at_least``) or an exact sum, never below 0; a ceiling has
    none. *headroom* is the margin by which the basis is met: the breakdown above a floor,
    or the room left below a ceiling; an exact sum has none. *complete* says whether the
    breakdown shows the basis honoured: it reaches a floor, equals an exact sum, or, for a
    ceiling, is the commitment's own full breakdown. *within*, *counted* and
    *revised_by* are as in `CommitmentRow`.
    """

    commitment: str
    funder: str
    basis: Basis
    amount: Decimal
    broken_down: Decimal
    known_from: str
    shortfall: Decimal
    headroom: Decimal
    complete: bool
    within: str | None = None
    counted: bool = True
    revised_by: str | None = None


def tranche_rows(programme: Programme) -> tuple[TrancheRow, ...]:
    """Every tranche of *programme*, sorted by year, then in the programme's order.

    >>> import bassin_minier as bm
    >>> tranche_rows(bm.datasets.bassin_minier_2019())  # the 48 M€ floor is not broken down
    ()
    """
    nesting = nesting_of(programme)
    rows = [
        TrancheRow(
            commitment=c.id,
            funder=c.funded_by,
            convention=t.convention,
            year=t.year,
            priority=c.priority,
            basis=c.basis,
            amount=t.amount,
            within=nesting.standings[c.id].within,
            counted=c.id in nesting.counted_breakdowns,
            revised_by=nesting.standings[c.id].revised_by,
        )
        for c in programme.commitments
        for t in c.tranches
    ]
    return tuple(sorted(rows, key=lambda row: row.year))  # stable: programme order kept


def commitment_rows(programme: Programme) -> tuple[CommitmentRow, ...]:
    """One row per funding commitment of *programme*, in its order.

    >>> import bassin_minier as bm
    >>> (row,) = commitment_rows(bm.datasets.bassin_minier_2019())
    >>> row.funder, row.basis.value, row.amount, row.broken_down, row.known_from
    ('etat', 'at_least', Decimal('48000000.00'), Decimal('0.00'), 'nothing')
    """
    standings = nesting_of(programme).standings
    return tuple(
        CommitmentRow(
            commitment=c.id,
            funder=c.funded_by,
            basis=c.basis,
            amount=c.amount,
            start=c.period.start,
            end=c.period.end,
            conventions=c.conventions,
            priority=c.priority,
            tranches=len(c.tranches),
            broken_down=standing.broken_down,
            known_from=standing.known_from,
            within=standing.within,
            counted=standing.counted,
            revised_by=standing.revised_by,
        )
        for c, standing in ((c, standings[c.id]) for c in programme.commitments)
    )


def floor_status(programme: Programme) -> tuple[FloorStatus, ...]:
    """The `FloorStatus` of every commitment of *programme*, in its order.

    A commitment without tranches of its own counts what the commitments within it bring
    (`Programme.within`): such as the yearly amounts through which a multi-year floor is
    met. Each of those counts once, in the smallest commitment it lies within. A
    commitment that another revises has only its own tranches: it holds nothing, and
    its revision is the one whose status counts.

    >>> import bassin_minier as bm
    >>> (status,) = floor_status(bm.datasets.bassin_minier_2019())
    >>> status.known_from, status.shortfall, status.complete
    ('nothing', Decimal('48000000.00'), False)
    """
    standings = nesting_of(programme).standings
    return tuple(
        FloorStatus(
            commitment=c.id,
            funder=c.funded_by,
            basis=c.basis,
            amount=c.amount,
            broken_down=standing.broken_down,
            known_from=standing.known_from,
            shortfall=standing.shortfall,
            headroom=standing.headroom,
            complete=standing.complete,
            within=standing.within,
            counted=standing.counted,
            revised_by=standing.revised_by,
        )
        for c, standing in ((c, standings[c.id]) for c in programme.commitments)
    )


def totals(rows: Iterable[Any], by: str | Sequence[str]) -> dict[Any, Decimal]:
    """The exact sum of the rows' *amount* per value of the field(s) *by*, keys sorted.

    Only the rows that count are added: a row whose *counted* is false holds money that
    another row already holds (a row without that field counts). *by* is one field name
    (the keys are its values) or several (the keys are tuples). None sorts after every
    other value.

    >>> import bassin_minier as bm
    >>> totals(commitment_rows(bm.datasets.bassin_minier_2019()), "funder")
    {'etat': Decimal('48000000.00')}
    """
    names = (by,) if isinstance(by, str) else tuple(by)

    def key(row: Any) -> Hashable:
        values = tuple(getattr(row, name) for name in names)
        return values[0] if isinstance(by, str) else values

    sums = totals_by((key(row), row.amount) for row in rows if getattr(row, "counted", True))
    return dict(sorted(sums.items(), key=lambda item: _sort_key(item[0])))


def _sort_key(key: Any) -> Any:
    parts = key if isinstance(key, tuple) else (key,)
    return tuple((part is None, "" if part is None else part) for part in parts)
