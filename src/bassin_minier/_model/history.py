"""The life of a programme: how it stood on a given day, and what each signature changed.

`as_of` gives the programme as it stood on a day: the amendments signed by then, the
commitments made by the conventions and by those amendments, each revised commitment
replaced by its latest revision standing. `history` goes through the days amendments
were signed and says, for each, what changed (`bassin_minier.diff` between the states
before and after).

Amendments are listed in signature order (the ``amendment-order`` rule), which also
places those whose day is unknown: such an amendment was signed before the one listed
after it. It stood on a day when an amendment listed after it in its convention stood;
otherwise nothing says it stood yet, and it is left out. So on a day after every known
signature, every amendment stands but those of unknown day listed after the last one
with a known day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar, cast

import attrs

from bassin_minier._base import paths
from bassin_minier._model.amendment import Amendment
from bassin_minier._model.changes import Change, diff
from bassin_minier._model.convention import Convention
from bassin_minier._model.funding import FundingCommitment
from bassin_minier._model.match import Match
from bassin_minier._model.payment import Payment

__all__ = ["Life", "Step", "as_of", "history", "standing_amendments"]


class Life(Protocol):
    """What has a life to follow: a programme, known by its shape alone.

    The programme's module loads this one on demand; naming its class here would make the
    two import each other.
    """

    @property
    def conventions(self) -> tuple[Convention, ...]:
        """The conventions, with their amendments."""

    @property
    def commitments(self) -> tuple[FundingCommitment, ...]:
        """The commitments, with the acts that made them and what they revise."""

    @property
    def matches(self) -> tuple[Match, ...]:
        """The matching rules, each naming a commitment."""

    @property
    def payments(self) -> tuple[Payment, ...]:
        """The payments, each under a commitment."""

    def convention(self, convention_id: str) -> Convention:
        """The convention with id *convention_id*, an `UnknownIdError` when there is none."""


# A programme: what `as_of` gives back is of its class.
P = TypeVar("P", bound=Life)


@attrs.frozen(kw_only=True)
class Step:
    """What the amendments signed *on* one day changed in a programme.

    *amendments* are the ids of the amendments that came to stand that day, in the
    order of the programme: those signed that day, and before each the amendments of
    unknown day listed just ahead of it. *changes* is `bassin_minier.diff` between the
    programme as it stood the day before and as it stood that day.
    """

    on: dt.date
    amendments: tuple[str, ...]
    changes: tuple[Change, ...]


def _standing_in(amendments: Sequence[Amendment], day: dt.date | None) -> int:
    """How many of a convention's *amendments*, from the first, stood on *day*.

    The last amendment signed on or before *day* stands, and every one listed ahead of
    it, whatever their day. None stands for a day before every signature.
    """
    if day is None:
        return 0
    for index in range(len(amendments) - 1, -1, -1):
        signed_on = amendments[index].signed_on
        if signed_on is not None and signed_on <= day:
            return index + 1
    return 0


def standing_amendments(convention: Convention, day: dt.date) -> tuple[Amendment, ...]:
    """The amendments of *convention* that stood on *day*, in its order."""
    return convention.amendments[: _standing_in(convention.amendments, day)]


def _evolve(obj: P, **changes: Any) -> P:
    # The programme's class is an attrs class; the protocol does not say so.
    return cast("P", attrs.evolve(cast("Any", obj), **changes))


def _state(programme: P, day: dt.date | None) -> P:
    """*programme* with the amendments that stood on *day* (None: before any)."""
    conventions = []
    dropped: set[str] = set()
    for convention in programme.conventions:
        amendments = convention.amendments
        kept = _standing_in(amendments, day)
        if kept < len(amendments):
            dropped.update(a.id for a in amendments[kept:])
            conventions.append(attrs.evolve(convention, amendments=amendments[:kept]))
        else:
            conventions.append(convention)
    made = [c for c in programme.commitments if c.act is None or c.act not in dropped]
    latest = _latest(made)
    changes: dict[str, Any] = {"conventions": conventions, "commitments": latest}
    if programme.matches or programme.payments:
        now = _in_force(programme.commitments, made, latest)
        changes["matches"] = _matches(programme.matches, now)
        changes["payments"] = _payments(programme.payments, now, latest, day)
    return _evolve(programme, **changes)


def _in_force(
    every: Sequence[FundingCommitment],
    made: Sequence[FundingCommitment],
    latest: Sequence[FundingCommitment],
) -> dict[str, str | None]:
    """What became of each commitment on the day: the id of the commitment in force in its
    place (itself, or its latest revision made by then), None when it was not made yet."""
    standing = {c.id for c in latest}
    revised_by: dict[str, str] = {}
    for commitment in made:
        if commitment.revises is not None:
            revised_by.setdefault(commitment.revises, commitment.id)
    found: dict[str, str | None] = {}
    made_ids = {c.id for c in made}
    for commitment in every:
        current: str | None = commitment.id if commitment.id in made_ids else None
        seen: set[str] = set()
        while current is not None and current not in standing and current not in seen:
            seen.add(current)
            current = revised_by.get(current)
        found[commitment.id] = current if current in standing else None
    return found


def _matches(matches: Sequence[Match], now: dict[str, str | None]) -> list[Match]:
    """The matching rules of the day: each on the commitment in force in place of its own
    (an obligation follows the money); one on a commitment not made yet is left out."""
    kept = []
    for match in matches:
        target = now.get(match.commitment)
        if target is not None:
            kept.append(
                match if target == match.commitment else attrs.evolve(match, commitment=target)
            )
    return kept


def _payments(
    payments: Sequence[Payment],
    now: dict[str, str | None],
    latest: Sequence[FundingCommitment],
    day: dt.date | None,
) -> list[Payment]:
    """The payments made by *day*, each under the commitment in force in place of its own.

    A payment whose day is known and later is left out; one whose day is unknown stays,
    as the conventions do: nothing says when it was made. A payment under a commitment
    since revised counts under the revision, as the analysis counts it; when it does not
    fit the revision (a year or a convention the revision does not cover), or its
    commitment was not made yet, it is left out, so that the state stays valid.
    """
    by_id = {c.id: c for c in latest}
    kept = []
    for payment in payments:
        if payment.paid_on is not None and (day is None or payment.paid_on > day):
            continue
        target = now.get(payment.commitment)
        if target is None:
            continue
        if target == payment.commitment:
            kept.append(payment)
            continue
        revision = by_id[target]
        fits = revision.period.start.year <= payment.year <= revision.period.end.year and (
            payment.convention is None or payment.convention in revision.conventions
        )
        if fits:
            kept.append(attrs.evolve(payment, commitment=target))
    return kept


def _latest(commitments: Sequence[FundingCommitment]) -> list[FundingCommitment]:
    """The commitments that no other of *commitments* revises, none naming a revision.

    A revision in force replaced what it revises: that commitment is left out, and the
    revision's ``revises`` would then name a commitment absent from the state, which no
    valid programme does. It is set to None: in the state of that day, the revision is
    simply the commitment in force. What it replaced is in the programme itself, and its
    `history` shows the change.
    """
    replaced = {c.revises for c in commitments if c.revises is not None}
    return [
        c if c.revises is None else attrs.evolve(c, revises=None)
        for c in commitments
        if c.id not in replaced
    ]


def as_of(programme: P, day: dt.date) -> P:
    """*programme* as it stood on *day*: see `bassin_minier.Programme.as_of`."""
    if type(day) is not dt.date:
        raise TypeError(f"as_of takes a datetime.date; got {type(day).__name__}")
    return _state(programme, day)


def _days(conventions: Iterable[Convention]) -> list[dt.date]:
    return sorted(
        {a.signed_on for c in conventions for a in c.amendments if a.signed_on is not None}
    )


def history(programme: Life, convention_id: str | None = None) -> tuple[Step, ...]:
    """The `Step` of each day an amendment was signed: see `bassin_minier.Programme.history`."""
    followed: Sequence[Convention] = programme.conventions
    if convention_id is not None:
        followed = (programme.convention(convention_id),)  # an unknown id raises
    steps = []
    for day in _days(followed):
        # The day before, not the previous step: with one convention followed, another's
        # acts signed in between are not this day's doing.
        day_before = _day_before(day)
        before, after = _state(programme, day_before), _state(programme, day)
        came = [
            a.id
            for c in followed
            for a in c.amendments[
                _standing_in(c.amendments, day_before) : _standing_in(c.amendments, day)
            ]
        ]
        changes = diff(before, after)
        if convention_id is not None:
            place = programme.conventions.index(followed[0])
            changes = tuple(_about(changes, place, convention_id, before, after))
        steps.append(Step(on=day, amendments=tuple(came), changes=changes))
    return tuple(steps)


def _day_before(day: dt.date) -> dt.date | None:
    return None if day == dt.date.min else day - dt.timedelta(days=1)


# A path into a commitment, and the commitment's place.
_COMMITMENT = re.compile(re.escape(paths.field(paths.ROOT, "commitments")) + r"\[(\d+)\]")
_CONVENTIONS = paths.field(paths.ROOT, "conventions")


def _about(
    changes: Iterable[Change], place: int, convention_id: str, before: Life, after: Life
) -> Iterator[Change]:
    """The *changes* to the convention at *place* and to the commitments that cover it."""
    own = paths.item(_CONVENTIONS, place)
    for change in changes:
        path = change.path
        if path == own or path.startswith((own + ".", own + "[")):
            yield change
            continue
        found = _COMMITMENT.match(path)
        if found is None:
            continue
        # An item removed is at its place in the state before; any other change at its
        # place in the state after.
        removed = change.after is None and found.end() == len(path)
        commitments = (before if removed else after).commitments
        if convention_id in commitments[int(found.group(1))].conventions:
            yield change
