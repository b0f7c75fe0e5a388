"""Which commitment holds which, so that nested money is counted once, and how far each is known.

A commitment *lies within* another (`FundingCommitment.lies_within`) when its money is part
of the other's: a yearly amount inside a multi-year floor. It is *within* the smallest of
the commitments it lies within, and only there does its money count: the totals of a
programme add the outermost commitments, and the breakdown known of a commitment without
tranches is what the commitments within it bring. This module works that out once per
programme, in time that grows with the number of commitments, not with its square: the
commitments are grouped by scope and only compared with those of the same funder that
cover the same conventions.
"""

from __future__ import annotations

import datetime as dt
import decimal
import types
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from bassin_minier._enums import Basis
from bassin_minier._funding import FundingCommitment
from bassin_minier._money import EXACT, total

if TYPE_CHECKING:
    from bassin_minier._programme import Programme

__all__ = ["Nesting", "Standing", "nesting_of"]

_ZERO = Decimal("0.00")

# What a commitment covers: funder, first and last day, conventions, priority.
_Scope = tuple[str, dt.date, dt.date, frozenset[str], str | None]
# How large a scope is: days, conventions, and whether it takes every priority. A scope
# that holds another is larger in this order, so the smallest holder is the first found.
_Size = tuple[int, int, bool]
# A scope that may hold others: its size, the id that stands for it, the scope itself.
_Entry = tuple[_Size, str, _Scope]


@attrs.frozen(kw_only=True)
class Standing:
    """Where one commitment stands among those of its programme.

    *within* is the id of the commitment that holds its money, None when it lies within
    none. *broken_down* is the money of it known by year and convention: its own tranches
    when it has them, otherwise what the commitments within it bring (each its own
    tranches, or what is broken down of it), 0 when nothing is known; *known_from* says
    which (``"tranches"``, ``"commitments"`` or ``"nothing"``). *shortfall*, *headroom* and
    *complete* compare that breakdown with the amount, as its basis says.
    """

    within: str | None
    broken_down: Decimal
    known_from: str
    shortfall: Decimal
    headroom: Decimal
    complete: bool


@attrs.frozen(kw_only=True)
class Nesting:
    """The standing of every commitment of a programme, by id.

    *counted_breakdowns* holds the ids of the commitments whose tranches count in the
    totals by year and convention: those with tranches that lie within no commitment
    with tranches of its own, whose full breakdown already holds theirs.
    """

    standings: Mapping[str, Standing]
    counted_breakdowns: frozenset[str]


def _scope(commitment: FundingCommitment) -> _Scope:
    period = commitment.period
    return (
        commitment.funder,
        period.start,
        period.end,
        frozenset(commitment.conventions),
        commitment.priority,
    )


def _size(scope: _Scope) -> _Size:
    _, start, end, conventions, priority = scope
    return ((end - start).days, len(conventions), priority is None)


def _holds(outer: _Scope, inner: _Scope) -> bool:
    # The funder is the same: only scopes of one funder are ever compared.
    return (
        outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
        and outer[4] in (None, inner[4])
        and outer != inner
    )


def _entry_size(entry: _Entry) -> _Size:
    return entry[0]


class _Holders:
    """Scopes that may hold others, found through their funder and their conventions."""

    def __init__(self, scopes: Mapping[_Scope, str]) -> None:
        entries = sorted((_size(scope), key, scope) for scope, key in scopes.items())
        self._by_funder: dict[str, list[_Entry]] = {}
        self._by_convention: dict[tuple[str, str], list[_Entry]] = {}
        # Built from the sorted entries, every list is sorted too.
        for entry in entries:
            funder, conventions = entry[2][0], entry[2][3]
            self._by_funder.setdefault(funder, []).append(entry)
            for convention in conventions:
                self._by_convention.setdefault((funder, convention), []).append(entry)

    def smallest(self, scope: _Scope) -> str | None:
        """The id standing for the smallest scope that holds *scope*, None if none does."""
        funder, conventions = scope[0], scope[3]
        if conventions:
            # A holder covers every convention of the scope: the fewest candidates do.
            candidates = min(
                (self._by_convention.get((funder, c), []) for c in conventions), key=len
            )
        else:
            candidates = self._by_funder.get(funder, [])
        first = bisect_right(candidates, _size(scope), key=_entry_size)
        for _, key, outer in candidates[first:]:
            if _holds(outer, scope):
                return key
        return None


def _representatives(commitments: Iterable[FundingCommitment]) -> dict[_Scope, str]:
    # Of several commitments of one scope, the smallest id stands for all of them.
    keys: dict[_Scope, str] = {}
    for commitment in commitments:
        scope = _scope(commitment)
        known = keys.get(scope)
        if known is None or commitment.id < known:
            keys[scope] = commitment.id
    return keys


def nest(commitments: Sequence[FundingCommitment]) -> Nesting:
    """The `Nesting` of *commitments*, whose ids are unique."""
    scopes = {c.id: _scope(c) for c in commitments}
    everyone = _Holders(_representatives(commitments))
    broken_down = _Holders(_representatives(c for c in commitments if c.tranches))
    holder_of: dict[_Scope, str | None] = {}
    within: dict[str, str | None] = {}
    counted: set[str] = set()
    for commitment in commitments:
        scope = scopes[commitment.id]
        if scope not in holder_of:
            holder_of[scope] = everyone.smallest(scope)
        within[commitment.id] = holder_of[scope]
        if commitment.tranches and broken_down.smallest(scope) is None:
            counted.add(commitment.id)
    # A holder is larger than what it holds: going from the smallest up, everything
    # within a commitment has brought its money before the commitment is reached.
    known: dict[str, Decimal] = {}
    known_from: dict[str, str] = {}
    for commitment in sorted(commitments, key=lambda c: (_size(scopes[c.id]), c.id)):
        if commitment.tranches:
            known[commitment.id] = total(t.amount for t in commitment.tranches)
            known_from[commitment.id] = "tranches"
        holder = within[commitment.id]
        if holder is not None and commitment.id in known:
            known[holder] = EXACT.add(known.get(holder, Decimal(0)), known[commitment.id])
            known_from.setdefault(holder, "commitments")
    standings = {
        c.id: _standing(
            c,
            within[c.id],
            known.get(c.id, Decimal(0)),
            known_from.get(c.id, "nothing"),
        )
        for c in commitments
    }
    return Nesting(
        standings=types.MappingProxyType(standings), counted_breakdowns=frozenset(counted)
    )


def _standing(
    commitment: FundingCommitment, within: str | None, broken_down: Decimal, known_from: str
) -> Standing:
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
        # More may yet be spent under a ceiling: only its own full breakdown tells.
        shortfall, headroom, complete = _ZERO, below, known_from == "tranches"
    return Standing(
        within=within,
        broken_down=broken_down,
        known_from=known_from,
        shortfall=shortfall,
        headroom=headroom,
        complete=complete,
    )


# Frozen objects: a programme's nesting never changes. It is kept while the programme
# lives, by identity, since hashing a programme would cost as much as nesting it again.
_NESTINGS: dict[int, Nesting] = {}


def nesting_of(programme: Programme) -> Nesting:
    """The `Nesting` of *programme*'s commitments, worked out on first use."""
    key = id(programme)
    found = _NESTINGS.get(key)
    if found is None:
        found = nest(programme.commitments)
        _NESTINGS[key] = found
        weakref.finalize(programme, _NESTINGS.pop, key, None)
    return found
