"""Strategies for the life of a convention: its amendments and its links to other conventions.

A convention's amendments are drawn together, in the order they were signed and none
before the convention, each setting a period (or not) that lies within the bounds given,
often an extension from the convention's start. The ids they take are added to a set the
caller keeps, so that amendment ids stay unique across a programme: commitments name the
act that made them by id alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, MutableSet, Sequence
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from bassin_minier import Amendment, Period, Relation, RelationKind, Signatory
from bassin_minier.testing._values import (
    _MAYBE_TEXT,
    _ONE_DAY,
    _PERIODS,
    _SLUGS,
    _SPANS,
    _TEXTS,
    _dates,
)

# Most conventions are never amended: a fair share of drawn ones keep the version-1 shape.
# Whether an object drawn uses what version 2 added (amendments, links, acts, revisions,
# spend-by days): a third of them do not, and have the shape of a version-1 document.
_LIVING = st.sampled_from([False, True, True])

_HOW_MANY_AMENDMENTS = st.sampled_from([0, 0, 1, 1, 2, 3])
_HOW_MANY_RELATIONS = st.sampled_from([0, 0, 1, 2])
_RELATION_KINDS = st.sampled_from(RelationKind)

T = TypeVar("T")


# Strategies are costly to build, and these are drawn from thousands of times per test: the
# choices that depend on what was drawn before go through a few strategies built once.
_INDEX = st.integers(0, 2**16 - 1)
# A number of days: a few most often, so that acts follow one another closely.
_DAYS = st.one_of(st.integers(0, 800), st.integers(0, 4_000_000))


def _pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """One of *items* (not empty)."""
    return items[draw(_INDEX) % len(items)]


def _day_in(draw: st.DrawFn, low: dt.date, high: dt.date) -> dt.date:
    """A day from *low* to *high*, those near *low* most often."""
    return low + dt.timedelta(days=draw(_DAYS) % ((high - low).days + 1))


def _new_id(draw: st.DrawFn, taken: MutableSet[str]) -> str:
    """A slug none of *taken* holds, added to *taken*."""
    base = candidate = draw(_SLUGS)
    number = 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


_PEOPLE = st.lists(st.tuples(_TEXTS, _TEXTS, _INDEX), max_size=2)
_SOME_PEOPLE = st.lists(st.tuples(_TEXTS, _TEXTS, _INDEX), min_size=1, max_size=2)


def _signing(
    draw: st.DrawFn, party_ids: Sequence[str], min_size: int = 0
) -> tuple[Signatory, ...]:
    """Up to two people signing for *party_ids*, no one twice for the same party."""
    if not party_ids:
        return ()
    people: dict[tuple[str, str], Signatory] = {}
    for name, role, index in draw(_SOME_PEOPLE if min_size else _PEOPLE):
        party = party_ids[index % len(party_ids)]
        people.setdefault((name, party), Signatory(name=name, role=role, party=party))
    return tuple(people.values())


@attrs.frozen
class _Life:
    """What a convention's amendments and links are drawn within.

    *living*: whether it has any (False gives the version-1 shape); *full*: whether it
    has amendments with a place for every rule about them (then *living* too). *bounds*
    hold every period an amendment sets (the programme's period); *taken* are the
    amendment ids already used in the programme, and grows; *members* are the ids of the
    conventions it may be related to (any id but its own when None).
    """

    living: bool
    full: bool = False
    bounds: Period | None = None
    taken: set[str] = attrs.field(factory=set)
    members: tuple[str, ...] | None = None


def _full_period(draw: st.DrawFn, bounds: Period) -> Period:
    """Whole years within *bounds*, ending at least a year before them."""
    first = _pick(draw, range(bounds.start.year, bounds.end.year))
    return Period.from_years(first, _pick(draw, range(first, bounds.end.year)))


def _beyond(period: Period) -> Period:
    """Bounds for the prolongations of a convention on its own: two more years."""
    return Period(start=period.start, end=dt.date(min(period.end.year + 2, dt.MAXYEAR), 12, 31))


# -- amendments on their own ------------------------------------------------------------------


@st.composite
def _lone_amendment(draw: st.DrawFn, full: bool) -> Amendment:
    # A full one has every field, and room for a day before the one it is signed on.
    period = draw(_SPANS if full else st.none() | _PERIODS)
    latest = dt.date.max if period is None else period.end
    # An act is signed before the period it sets ends (often long before it starts); a
    # full one after the period starts, so that the period can end before it is signed.
    earliest = period.start + _ONE_DAY if full and period is not None else dt.date.min
    day = _dates(earliest, latest)
    signed_on = None if not full and draw(_INDEX) % 4 == 0 else draw(day)
    return Amendment(
        id=draw(_SLUGS),
        title=draw(_MAYBE_TEXT),
        signed_on=signed_on,
        signatories=_signing(draw, ["etat", "cd-nord", "cantal"], min_size=1 if full else 0),
        period=period,
        note=draw(_MAYBE_TEXT),
    )


_AMENDMENTS = _lone_amendment(full=False)
_FULL_AMENDMENTS = _lone_amendment(full=True)
_RELATIONS = st.builds(Relation, kind=_RELATION_KINDS, convention=_SLUGS)


def amendments() -> st.SearchStrategy[Amendment]:
    """Amendments on their own: signed (when the day is known) before the period they set ends.

    >>> from hypothesis import given
    >>> @given(amendments())
    ... def test_signed_before_the_period_set_ends(amendment):
    ...     if amendment.signed_on is not None and amendment.period is not None:
    ...         assert amendment.signed_on <= amendment.period.end
    >>> test_signed_before_the_period_set_ends()
    """
    return _AMENDMENTS


def relations() -> st.SearchStrategy[Relation]:
    """Links to another convention, of every kind, naming any convention id.

    >>> from hypothesis import given
    >>> from bassin_minier import RelationKind
    >>> @given(relations())
    ... def test_a_relation_has_a_kind(relation):
    ...     assert relation.kind in set(RelationKind)
    >>> test_a_relation_has_a_kind()
    """
    return _RELATIONS


# -- a convention's amendments ----------------------------------------------------------------


_HOW_SET = st.sampled_from(["unchanged", "unchanged", "from the start", "any"])


def _amendment_period(draw: st.DrawFn, period: Period, bounds: Period | None) -> Period | None:
    """None (the period unchanged), or a period within *bounds*, often an extension."""
    how = draw(_HOW_SET)
    if how == "unchanged":
        return None
    low = dt.date.min if bounds is None else bounds.start
    high = dt.date.max if bounds is None else bounds.end
    if how == "from the start" and low <= period.start:
        # A prolongation: the same start, another end, most often a little later.
        end = _day_in(draw, period.end, high) if period.end <= high else period.end
        return Period(start=period.start, end=end if draw(_INDEX) % 4 else period.end)
    start = _day_in(draw, low, high)
    return Period(start=start, end=_day_in(draw, start, high))


def _amendments_of(
    draw: st.DrawFn,
    *,
    period: Period,
    signed_on: dt.date | None,
    bounds: Period | None,
    party_ids: Sequence[str],
    taken: MutableSet[str],
) -> tuple[Amendment, ...]:
    """Amendments of a convention, in signature order, none before its *signed_on*.

    Each period set lies within *bounds* (the programme's period) when it is given.
    """
    drawn = []
    # The day the last amendment with a known day was signed: the next one comes after.
    previous = signed_on if signed_on is not None else dt.date(max(1, period.start.year - 2), 1, 1)
    for _ in range(draw(_HOW_MANY_AMENDMENTS)):
        set_period = _amendment_period(draw, period, bounds)
        latest = dt.date.max if set_period is None else set_period.end
        day = None
        if previous <= latest and draw(_INDEX) % 4:
            day = previous = _day_in(draw, previous, latest)
        drawn.append(_amendment(draw, taken, day, set_period, party_ids))
    return tuple(drawn)


def _amendment(
    draw: st.DrawFn,
    taken: MutableSet[str],
    day: dt.date | None,
    period: Period | None,
    party_ids: Sequence[str],
) -> Amendment:
    return Amendment(
        id=_new_id(draw, taken),
        title=draw(_MAYBE_TEXT),
        signed_on=day,
        signatories=_signing(draw, party_ids),
        period=period,
        note=draw(_MAYBE_TEXT),
    )


def _full_amendments(
    draw: st.DrawFn,
    *,
    period: Period,
    signed_on: dt.date,
    bounds: Period,
    party_ids: Sequence[str],
    taken: MutableSet[str],
) -> tuple[Amendment, ...]:
    """Two amendments or three with a place for every rule about them.

    Each is signed on a known day after the convention's *period* has ended, the days
    strictly rising, so that a day can move before the one ahead of it, before the
    convention's, and the convention's after its end; the last sets a period (a
    prolongation) that ends before *bounds* do. *period* must end at least three days
    before *bounds*, *signed_on* not after *period*.
    """
    count = draw(st.integers(2, 3))
    # Room for each day after the period ends, and one more day at the end of bounds.
    latest = bounds.end - _ONE_DAY * count
    days = []
    previous = period.end
    for index in range(count):
        previous = _day_in(draw, previous + _ONE_DAY, latest + _ONE_DAY * index)
        days.append(previous)
    drawn = []
    for index, day in enumerate(days):
        if index == count - 1 or draw(_INDEX) % 2:
            set_period = Period(start=period.start, end=_day_in(draw, day, bounds.end))
        else:
            set_period = None
        drawn.append(_amendment(draw, taken, day, set_period, party_ids))
    return tuple(drawn)


def _relations_to(
    draw: st.DrawFn, own_id: str, others: Iterable[str] | None
) -> tuple[Relation, ...]:
    """Links to *others* (any ids but *own_id* when None), none twice."""
    choices = None if others is None else sorted(set(others) - {own_id})
    if choices == []:
        return ()
    links: dict[tuple[RelationKind, str], Relation] = {}
    for _ in range(draw(_HOW_MANY_RELATIONS)):
        kind = draw(_RELATION_KINDS)
        target = draw(_SLUGS) if choices is None else _pick(draw, choices)
        if target != own_id:
            links.setdefault((kind, target), Relation(kind=kind, convention=target))
    return tuple(links.values())
