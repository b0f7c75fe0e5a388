"""Tidy rows of a programme's money for analysis, and the status of every commitment's basis.

Pure Python: the rows are small frozen attrs classes holding exact `Decimal` amounts, so
they can be summed, filtered and grouped without pandas (``_frames`` turns them into
DataFrames when pandas is there).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Hashable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from bassin_minier._enums import Basis
from bassin_minier._funding import FundingCommitment
from bassin_minier._money import EXACT, total, totals_by
from bassin_minier._programme import Programme

__all__ = [
    "CommitmentRow",
    "FloorStatus",
    "TrancheRow",
    "commitment_rows",
    "floor_status",
    "totals",
    "tranche_rows",
]

_ZERO = Decimal("0.00")


@attrs.frozen(kw_only=True)
class TrancheRow:
    """One tranche: what *funder* spends in one *year* through one *convention*.

    There is one row per commitment × convention × year, so the rows of a programme are
    its funding by funder × convention × year × priority.
    """

    commitment: str
    funder: str
    convention: str
    year: int
    priority: str | None
    basis: Basis
    amount: Decimal


@attrs.frozen(kw_only=True)
class CommitmentRow:
    """One funding commitment, with the sum of its tranches when they are known."""

    commitment: str
    funder: str
    basis: Basis
    amount: Decimal
    start: dt.date
    end: dt.date
    conventions: tuple[str, ...]
    priority: str | None
    tranches: int
    broken_down: Decimal | None


@attrs.frozen(kw_only=True)
class FloorStatus:
    """How far a commitment's amount is accounted for, year by year, so far.

    *broken_down* is the money known by year and convention: the commitment's own
    tranches when it has them (its full breakdown), otherwise the tranches of the
    funder's other commitments that lie within it (`floor_status` says which), and 0
    when nothing is known. *known_from* is ``"tranches"``, ``"commitments"`` or
    ``"nothing"`` accordingly.

    *shortfall* is what is still missing for the basis to be met: the amount less the
    breakdown, for a floor (``at_least``) or an exact sum, never below 0; a ceiling has
    none. *headroom* is the margin by which the basis is met: the breakdown above a floor,
    or the room left below a ceiling; an exact sum has none. *complete* says whether the
    breakdown shows the basis honoured: it reaches a floor, equals an exact sum, or, for a
    ceiling, is the commitment's own full breakdown.
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


def tranche_rows(programme: Programme) -> tuple[TrancheRow, ...]:
    """Every tranche of *programme*, sorted by year, then in the programme's order.

    >>> import bassin_minier as bm
    >>> tranche_rows(bm.datasets.bassin_minier_2019())  # the 48 M€ floor is not broken down
    ()
    """
    rows = [
        TrancheRow(
            commitment=c.id,
            funder=c.funder,
            convention=t.convention,
            year=t.year,
            priority=c.priority,
            basis=c.basis,
            amount=t.amount,
        )
        for c in programme.commitments
        for t in c.tranches
    ]
    return tuple(sorted(rows, key=lambda row: row.year))  # stable: programme order kept


def commitment_rows(programme: Programme) -> tuple[CommitmentRow, ...]:
    """One row per funding commitment of *programme*, in its order.

    >>> import bassin_minier as bm
    >>> (row,) = commitment_rows(bm.datasets.bassin_minier_2019())
    >>> row.funder, row.basis.value, row.amount, row.broken_down
    ('etat', 'at_least', Decimal('48000000.00'), None)
    """
    return tuple(
        CommitmentRow(
            commitment=c.id,
            funder=c.funder,
            basis=c.basis,
            amount=c.amount,
            start=c.period.start,
            end=c.period.end,
            conventions=c.conventions,
            priority=c.priority,
            tranches=len(c.tranches),
            broken_down=c.tranche_total,
        )
        for c in programme.commitments
    )


def floor_status(programme: Programme) -> tuple[FloorStatus, ...]:
    """The `FloorStatus` of every commitment of *programme*, in its order.

    A commitment without tranches of its own counts the tranches of the commitments that
    lie within it: the same funder, a period inside its period, conventions among its
    conventions and, when it names a priority, the same priority — such as the yearly
    amounts through which a multi-year floor is met. A commitment that lies within
    another one counted is not counted a second time.

    >>> import bassin_minier as bm
    >>> (status,) = floor_status(bm.datasets.bassin_minier_2019())
    >>> status.known_from, status.shortfall, status.complete
    ('nothing', Decimal('48000000.00'), False)
    """
    return tuple(_status(c, programme.commitments) for c in programme.commitments)


def _lies_within(inner: FundingCommitment, outer: FundingCommitment) -> bool:
    return (
        inner.id != outer.id
        and inner.funder == outer.funder
        and inner.period in outer.period
        and set(inner.conventions) <= set(outer.conventions)
        and outer.priority in (None, inner.priority)
    )


def _strictly_within(inner: FundingCommitment, outer: FundingCommitment) -> bool:
    # Two commitments of the same scope both count: neither holds the other's money.
    return _lies_within(inner, outer) and not _lies_within(outer, inner)


def _status(commitment: FundingCommitment, others: Sequence[FundingCommitment]) -> FloorStatus:
    if commitment.tranches:
        known_from = "tranches"
        broken_down = total(t.amount for t in commitment.tranches)
    else:
        inside = [c for c in others if c.tranches and _lies_within(c, commitment)]
        # Count the outermost only: one within another counted is already in its sum.
        counted = [c for c in inside if not any(_strictly_within(c, o) for o in inside)]
        known_from = "commitments" if counted else "nothing"
        broken_down = total(t.amount for c in counted for t in c.tranches)
    amount, basis = commitment.amount, commitment.basis
    # Exact whatever context the caller has set: whole cents of sums far below 10^28.
    with decimal.localcontext(EXACT):
        broken_down = broken_down.quantize(_ZERO)
        below = max(amount - broken_down, _ZERO)
        above = max(broken_down - amount, _ZERO)
    if basis is Basis.AT_LEAST:
        shortfall, headroom, complete = below, above, broken_down >= amount
    elif basis is Basis.EXACTLY:
        shortfall, headroom, complete = below, _ZERO, broken_down == amount
    else:
        shortfall, headroom, complete = _ZERO, below, known_from == "tranches"
    return FloorStatus(
        commitment=commitment.id,
        funder=commitment.funder,
        basis=basis,
        amount=amount,
        broken_down=broken_down,
        known_from=known_from,
        shortfall=shortfall,
        headroom=headroom,
        complete=complete,
    )


def totals(rows: Iterable[Any], by: str | Sequence[str]) -> dict[Any, Decimal]:
    """The exact sum of the rows' *amount* per value of the field(s) *by*, keys sorted.

    *by* is one field name (the keys are its values) or several (the keys are tuples).
    None sorts after every other value.

    >>> import bassin_minier as bm
    >>> totals(commitment_rows(bm.datasets.bassin_minier_2019()), "funder")
    {'etat': Decimal('48000000.00')}
    """
    names = (by,) if isinstance(by, str) else tuple(by)

    def key(row: Any) -> Hashable:
        values = tuple(getattr(row, name) for name in names)
        return values[0] if isinstance(by, str) else values

    sums = totals_by((key(row), row.amount) for row in rows)
    return dict(sorted(sums.items(), key=lambda item: _sort_key(item[0])))


def _sort_key(key: Any) -> Any:
    parts = key if isinstance(key, tuple) else (key,)
    return tuple((part is None, "" if part is None else part) for part in parts)
