"""How far each matching rule of a programme is met: what is required, pledged and missing.

A `Match` says that the commitments of some parties, over the same conventions and years
as a commitment, together reach a ratio of it. Whether they do is analysis, never a
construction error: a programme whose co-funders pledged less is still valid.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from bassin_minier._model.enums import Basis
from bassin_minier._model.funding import FundingCommitment
from bassin_minier._model.nesting import Standing, nesting_of
from bassin_minier._model.programme import Programme
from bassin_minier._rules.money import EXACT, total
from bassin_minier.analysis._counting import EXACT_NUMBER, ZERO, latest_revisions, tidy

__all__ = ["MatchStatus", "match_status"]


@attrs.frozen(kw_only=True)
class MatchStatus:
    """Where one matching rule (`Match`) of a programme stands.

    *required* is the ratio times the amount of the matched commitment's latest revision
    (*commitment*, its id): exact, with as many decimals as the product has (up to 6, two
    at least), never rounded. *pledged* is what the parties of the match committed over
    the same conventions and years, each euro once (see `match_status`), or None when
    none of their commitments is known there: nothing known is not zero pledged.

    *shortfall* is what is still missing, ``required - pledged`` but never below 0, for a
    floor (``at_least``) and an exact match; a ceiling (``at_most``) has none (0). It is
    None when *pledged* is. *basis* is the match's.
    """

    match: str
    required: Decimal = attrs.field(metadata=EXACT_NUMBER)
    pledged: Decimal | None
    shortfall: Decimal | None = attrs.field(metadata=EXACT_NUMBER)
    basis: Basis
    commitment: str

    @property
    def met(self) -> bool | None:
        """Whether the pledges honour the match, None when nothing is pledged that is known.

        A floor is met when *pledged* reaches *required*, an exact match when it equals
        it, a ceiling when it does not exceed it. An exact match pledged above what it
        requires is not met, and has no shortfall: the excess is ``pledged - required``.
        """
        if self.pledged is None:
            return None
        if self.basis is Basis.AT_LEAST:
            return self.pledged >= self.required
        if self.basis is Basis.EXACTLY:
            return self.pledged == self.required
        return self.pledged <= self.required


def _start(commitment: FundingCommitment) -> dt.date:
    return commitment.period.start


# What the commitments of one group of funders bring to one matched commitment: None
# when none of them covers its conventions and years.
_Part = Decimal | None


class _Pledges:
    """The commitments of a programme that may be pledged, grouped by their funders.

    Commitments only lie within others of the same funders (`FundingCommitment.funded_by`):
    what a group brings to a matched commitment is worked out within the group, once per
    matched commitment however many matches name it.
    """

    def __init__(
        self, commitments: Sequence[FundingCommitment], standings: Mapping[str, Standing]
    ) -> None:
        self._standings = standings
        self._groups: dict[str, list[FundingCommitment]] = {}
        for commitment in commitments:
            if standings[commitment.id].revised_by is None:  # replaced money counts nowhere
                self._groups.setdefault(commitment.funded_by, []).append(commitment)
        for group in self._groups.values():
            group.sort(key=_start)
        # Each group's first days, in order: a match looks only at those starting within
        # its commitment's period.
        self._starts = {
            key: [c.period.start for c in group] for key, group in self._groups.items()
        }
        self._funders = {key: frozenset(group[0].funders) for key, group in self._groups.items()}
        self._by_party: dict[str, list[str]] = {}
        for key, funders in self._funders.items():
            for funder in sorted(funders):
                self._by_party.setdefault(funder, []).append(key)
        self._parts: dict[tuple[str, str], _Part] = {}

    def pledged(self, target: FundingCommitment, by: Sequence[str]) -> Decimal | None:
        """What the parties *by* pledged over *target*'s conventions and years."""
        parties = frozenset(by)
        keys = {
            key
            for party in parties
            for key in self._by_party.get(party, ())
            if self._funders[key] <= parties
        }
        parts = [self._part(key, target) for key in sorted(keys)]
        known = [part for part in parts if part is not None]
        return total(known).quantize(ZERO, context=EXACT) if known else None

    def _part(self, key: str, target: FundingCommitment) -> _Part:
        cached = (key, target.id)
        if cached not in self._parts:
            group, starts = self._groups[key], self._starts[key]
            period = target.period
            first = bisect_left(starts, period.start)
            last = bisect_right(starts, period.end, lo=first)
            self._parts[cached] = self._bring(group[first:last], target)
        return self._parts[cached]

    def _bring(self, group: list[FundingCommitment], target: FundingCommitment) -> _Part:
        conventions = frozenset(target.conventions)
        over = [
            c
            for c in group
            if c.id != target.id  # a commitment does not match itself
            and c.period.end <= target.period.end  # it starts within the period already
            and conventions.issuperset(c.conventions)
        ]
        if not over:
            return None
        ids = {c.id for c in over}
        # Money within another commitment that is pledged too is part of that one's. The
        # nearest holder is enough: it lies within every commitment above it, so when any
        # of those is pledged (within the matched conventions and years), so is it.
        return total(c.amount for c in over if self._standings[c.id].within not in ids)


def match_status(programme: Programme) -> tuple[MatchStatus, ...]:
    """The `MatchStatus` of every match of *programme*, in its order.

    The matched commitment counts by its latest revision (its `revises` chain followed to
    the end): its amount makes *required*, its conventions and period say where the
    pledges are looked for. A commitment is *pledged* when no other revises it, every one
    of its funders (`FundingCommitment.funders`) is among the parties of the match, its
    conventions are all among the matched commitment's and its period lies within that
    one's. Of those, a commitment within another of them (`Programme.within`) adds
    nothing, since its money is part of the other's: each euro counts once. The matched
    commitment itself is never its own pledge.

    Each matched commitment looks at the commitments of the matching parties that start
    within its period, once, whichever matches name it: the time grows with the number
    of matched commitments times that of such commitments.

    >>> import bassin_minier as bm
    >>> match_status(bm.datasets.bassin_minier_2019())  # the built-in programme has none
    ()
    """
    if not programme.matches:
        return ()
    standings = nesting_of(programme).standings
    latest = latest_revisions(standings)
    by_id: dict[str, FundingCommitment] = {}
    for commitment in programme.commitments:
        by_id.setdefault(commitment.id, commitment)
    pledges = _Pledges(programme.commitments, standings)
    statuses = []
    for match in programme.matches:
        target = by_id[latest[match.commitment]]
        required = tidy(EXACT.multiply(match.ratio, target.amount))
        pledged = pledges.pledged(target, match.by)
        shortfall: Decimal | None = None
        if pledged is not None:
            missing = EXACT.subtract(required, pledged)
            shortfall = ZERO if match.basis is Basis.AT_MOST or missing <= 0 else tidy(missing)
        statuses.append(
            MatchStatus(
                match=match.id,
                required=required,
                pledged=pledged,
                shortfall=shortfall,
                basis=match.basis,
                commitment=target.id,
            )
        )
    return tuple(statuses)
