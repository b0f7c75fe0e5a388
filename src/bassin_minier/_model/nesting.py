"""Which commitment holds which, so that nested money is counted once, and how far each is known.

A commitment *lies within* another (`FundingCommitment.lies_within`) when its money is part
of the other's: a yearly amount inside a multi-year floor. It is *within* the smallest of
the commitments it lies within, and only there does its money count: the totals of a
programme add the outermost commitments, and the breakdown known of a commitment without
tranches is what the commitments within it bring. This module works that out once per
programme, in time that grows with the number of commitments rather than with its square
in the cases a large or hostile programme shows: commitments of one scope are taken
together, and a commitment is searched for only among those of the same funder and of a
kind (conventions and priority) that may hold it, by their periods at once.

A commitment that another revises (`FundingCommitment.revises`) has been replaced: its
money counts through the latest revision, and it takes no part in the nesting, neither
holding nor held.
"""

from __future__ import annotations

import decimal
import types
import weakref
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Protocol

import attrs

from bassin_minier._model.enums import Basis
from bassin_minier._model.funding import FundingCommitment
from bassin_minier._rules.money import EXACT, total

__all__ = ["Holder", "Nesting", "Standing", "nest", "nesting_of"]

_ZERO = Decimal("0.00")

# What a commitment covers: funders (`FundingCommitment.funded_by`), first and last day
# (as ordinals), conventions, priority.
_Scope = tuple[str, int, int, frozenset[str], str | None]
# A scope without its period: scopes of one kind differ only in the days they cover.
_Kind = tuple[str, frozenset[str], str | None]
# How small a holder is: days, conventions, whether it takes every priority, then the id
# standing for it. A scope that holds another ranks after it in this order.
_Rank = tuple[int, int, bool, str]
# A period a holder of some kind covers, and its rank.
_Span = tuple[int, int, _Rank]
# A search for the holders of *scope* whose periods start on or before one day and end on
# or after another.
_Search = tuple[int, int, _Scope]


@attrs.frozen(kw_only=True)
class Standing:
    """Where one commitment stands among those of its programme.

    *within* is the id of the commitment that holds its money, None when it lies within
    none. *broken_down* is the money of it known by year and convention: its own tranches
    when it has them, otherwise what the commitments within it bring (each its own
    tranches, or what is broken down of it), 0 when nothing is known; *known_from* says
    which (``"tranches"``, ``"commitments"`` or ``"nothing"``). *shortfall*, *headroom* and
    *complete* compare that breakdown with the amount, as its basis says. *revised_by* is
    the id of the first commitment that revises it, None when none does: a revised
    commitment lies within none and nothing lies within it; its own tranches alone are
    its breakdown.
    """

    within: str | None
    broken_down: Decimal
    known_from: str
    shortfall: Decimal
    headroom: Decimal
    complete: bool
    revised_by: str | None = None

    @property
    def counted(self) -> bool:
        """Whether its amount adds to totals: when it lies within no commitment and no
        commitment revises it."""
        return self.within is None and self.revised_by is None


@attrs.frozen(kw_only=True)
class Nesting:
    """The standing of every commitment of a programme, by id.

    *counted_breakdowns* holds the ids of the commitments whose tranches count in the
    totals by year and convention: those with tranches, revised by none, that lie within
    no commitment with tranches of its own, whose full breakdown already holds theirs.
    """

    standings: Mapping[str, Standing]
    counted_breakdowns: frozenset[str]


def _scope(commitment: FundingCommitment) -> _Scope:
    period = commitment.period
    return (
        commitment.funded_by,
        period.start.toordinal(),
        period.end.toordinal(),
        frozenset(commitment.conventions),
        commitment.priority,
    )


def _kind(scope: _Scope) -> _Kind:
    return (scope[0], scope[3], scope[4])


def _rank(scope: _Scope, key: str) -> _Rank:
    _, first, last, conventions, priority = scope
    return (last - first, len(conventions), priority is None, key)


def _smallest_holders(
    scopes: Collection[_Scope], holders: Mapping[_Scope, str]
) -> dict[_Scope, str | None]:
    """For each of *scopes*, the id standing for the smallest of *holders* that holds it.

    A holder of a scope is of a kind that holds the scope's kind (the same funder, all
    its conventions, no priority or the same) and has a period around the scope's; of the
    very same kind, a larger period. The holders are grouped by kind, and each kind is
    searched once for all the scopes it may hold, by periods.
    """
    spans: dict[_Kind, list[_Span]] = {}
    for scope, key in holders.items():
        spans.setdefault(_kind(scope), []).append((scope[1], scope[2], _rank(scope, key)))
    by_funder: dict[str, list[_Kind]] = {}
    by_convention: dict[tuple[str, str], list[_Kind]] = {}
    for kind in spans:
        by_funder.setdefault(kind[0], []).append(kind)
        for convention in kind[1]:
            by_convention.setdefault((kind[0], convention), []).append(kind)
    searches: dict[_Kind, list[_Search]] = {}
    for scope in scopes:
        funder, first, last, conventions, priority = scope
        if conventions:
            # A holder covers every convention of the scope: the fewest candidates do.
            candidates = min((by_convention.get((funder, c), []) for c in conventions), key=len)
        else:
            candidates = by_funder.get(funder, [])
        for kind in candidates:
            if not (kind[1] >= conventions and kind[2] in (None, priority)):
                continue
            wanted = searches.setdefault(kind, [])
            if kind == _kind(scope):
                # It starts earlier or ends later: the same period would be the scope itself.
                wanted += [(first - 1, last, scope), (first, last + 1, scope)]
            else:
                wanted.append((first, last, scope))
    best: dict[_Scope, _Rank] = {}
    for kind, wanted in searches.items():
        for scope, rank in _around(spans[kind], wanted):
            if scope not in best or rank < best[scope]:
                best[scope] = rank
    return {scope: best[scope][3] if scope in best else None for scope in scopes}


def _first_day(search: _Search) -> int:
    return search[0]


def _around(spans: list[_Span], searches: list[_Search]) -> Iterator[tuple[_Scope, _Rank]]:
    """For each search that some span answers, its scope and the least rank of those spans.

    A span answers a search when it starts on or before the search's first day and ends on
    or after its last. Going through the searches by first day, the spans that start by
    then are added to a Fenwick tree over their last days, latest first, that keeps the
    least rank of each prefix: those ending on or after a day are one prefix.
    """
    lasts = sorted({last for _, last, _ in spans})  # a span's place counts from the latest
    places = len(lasts)
    tree: list[_Rank | None] = [None] * (places + 1)
    ordered = sorted(spans)
    added = 0
    for first, last, scope in sorted(searches, key=_first_day):
        while added < len(ordered) and ordered[added][0] <= first:
            _, end, rank = ordered[added]
            added += 1
            place = places - bisect_left(lasts, end)
            while place <= places:
                held = tree[place]
                if held is None or rank < held:
                    tree[place] = rank
                place += place & -place
        place = places - bisect_left(lasts, last)  # how many last days are on or after it
        least: _Rank | None = None
        while place > 0:
            held = tree[place]
            if held is not None and (least is None or held < least):
                least = held
            place -= place & -place
        if least is not None:
            yield scope, least


def _representatives(commitments: Iterable[FundingCommitment]) -> dict[_Scope, str]:
    # Of several commitments of one scope, the smallest id stands for all of them.
    keys: dict[_Scope, str] = {}
    for commitment in commitments:
        scope = _scope(commitment)
        known = keys.get(scope)
        if known is None or commitment.id < known:
            keys[scope] = commitment.id
    return keys


def _revisers(commitments: Sequence[FundingCommitment]) -> dict[str, str]:
    # Each revised commitment and the first commitment (in order) that revises it.
    revised_by: dict[str, str] = {}
    for commitment in commitments:
        if commitment.revises is not None:
            revised_by.setdefault(commitment.revises, commitment.id)
    return revised_by


def nest(commitments: Sequence[FundingCommitment]) -> Nesting:
    """The `Nesting` of *commitments*, whose ids are unique.

    Only the commitments that no other revises are nested: the revised ones are
    replaced, and their money is in the revision.
    """
    revised_by = _revisers(commitments)
    live = [c for c in commitments if c.id not in revised_by] if revised_by else commitments
    scopes = {c.id: _scope(c) for c in live}
    holder_of = _smallest_holders(set(scopes.values()), _representatives(live))
    within = {c.id: holder_of[scopes[c.id]] for c in live}
    broken_down = [c for c in live if c.tranches]
    held = _smallest_holders({scopes[c.id] for c in broken_down}, _representatives(broken_down))
    counted = {c.id for c in broken_down if held[scopes[c.id]] is None}
    # A holder is larger than what it holds: going from the smallest up, everything
    # within a commitment has brought its money before the commitment is reached.
    known: dict[str, Decimal] = {}
    known_from: dict[str, str] = {}
    for commitment in sorted(live, key=lambda c: _rank(scopes[c.id], c.id)):
        if commitment.tranches:
            known[commitment.id] = total(t.amount for t in commitment.tranches)
            known_from[commitment.id] = "tranches"
        holder = within[commitment.id]
        if holder is not None and commitment.id in known:
            known[holder] = EXACT.add(known.get(holder, Decimal(0)), known[commitment.id])
            known_from.setdefault(holder, "commitments")
    for commitment in commitments:
        if commitment.id in revised_by and commitment.tranches:
            known[commitment.id] = total(t.amount for t in commitment.tranches)
            known_from[commitment.id] = "tranches"
    standings = {
        c.id: _standing(
            c,
            within.get(c.id),
            known.get(c.id, Decimal(0)),
            known_from.get(c.id, "nothing"),
            revised_by.get(c.id),
        )
        for c in commitments
    }
    return Nesting(
        standings=types.MappingProxyType(standings), counted_breakdowns=frozenset(counted)
    )


def _standing(
    commitment: FundingCommitment,
    within: str | None,
    broken_down: Decimal,
    known_from: str,
    revised_by: str | None,
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
        revised_by=revised_by,
    )


class Holder(Protocol):
    """What holds the commitments to nest: a programme, known by its shape alone.

    The programme's module loads this one on demand; naming its class here would make the
    two import each other.
    """

    @property
    def commitments(self) -> Sequence[FundingCommitment]:
        """The commitments, whose ids are unique."""


# Frozen objects: a programme's nesting never changes. It is kept while the programme
# lives, by identity, since hashing a programme would cost as much as nesting it again.
_NESTINGS: dict[int, Nesting] = {}


def nesting_of(holder: Holder) -> Nesting:
    """The `Nesting` of *holder*'s commitments, worked out on first use."""
    key = id(holder)
    found = _NESTINGS.get(key)
    if found is None:
        found = nest(holder.commitments)
        _NESTINGS[key] = found
        weakref.finalize(holder, _NESTINGS.pop, key, None)
    return found
