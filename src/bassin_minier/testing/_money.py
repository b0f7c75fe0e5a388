"""Strategies for what a programme promises and delivers: actions, indicators, matches, payments.

The public strategies draw each class on its own, where any slug will do for what it
names. The private helpers draw the same objects inside a convention or a programme, where
what they name must be there: an action carries out a priority of its convention and is
led by one of its parties, a payment falls in a year of its commitment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from operator import attrgetter

from hypothesis import strategies as st

from bassin_minier import (
    Action,
    Basis,
    Convention,
    FundingCommitment,
    Indicator,
    Match,
    Measure,
    Party,
    PartyKind,
    Payment,
    Period,
)
from bassin_minier.testing._amendments import _pick
from bassin_minier.testing._values import (
    _AMOUNTS,
    _MAYBE_CODE,
    _MAYBE_DATE,
    _MAYBE_SLUG,
    _MAYBE_TEXT,
    _SIRENS,
    _SLUGS,
    _TEXTS,
)

# Whether a convention or a programme drawn uses the money and evaluation fields (actions,
# indicators, partners, joint commitments, matches, payments): a third of them do not.
_WITH_MONEY = st.sampled_from([False, True, True])

_YEARS = st.integers(dt.MINYEAR, dt.MAXYEAR)
_BASES = st.sampled_from(Basis)
_YEAR = attrgetter("year")
_BOOLEANS = st.booleans()

# -- numbers and ratios -----------------------------------------------------------------------


@st.composite
def _scaled(draw: st.DrawFn, low: int, high: int, most_decimals: int) -> Decimal:
    """A decimal with up to *most_decimals* places, strictly between *low* and *high*."""
    places = draw(st.integers(0, most_decimals))
    scale = 10**places
    units = draw(st.integers(low * scale + 1, high * scale - 1))
    return Decimal(units).scaleb(-places)


_MAX_NUMBER = 10**15
# Counts and rates as reports give them, and any value the rule allows, its bounds included.
_NUMBERS = st.one_of(
    st.integers(0, 50_000).map(Decimal),
    _scaled(-1, 101, 2),
    _scaled(-_MAX_NUMBER, _MAX_NUMBER, 6),
    st.sampled_from(["0", "-12.5", "0.000001", "999999999999999.999999"]).map(Decimal),
)
# Ratios as agreements state them (a half, « à égalité », a third), and any other one.
_RATIOS = st.one_of(
    st.sampled_from(["0.5", "1", "0.3333", "0.2", "2"]).map(Decimal),
    _scaled(0, 1000, 4),
)


# -- actions, measures and indicators ---------------------------------------------------------


_ACTIONS = st.builds(
    Action,
    id=_SLUGS,
    label=_TEXTS,
    priority=_MAYBE_SLUG,
    lead=_MAYBE_SLUG,
    description=_MAYBE_TEXT,
)
_MEASURES = st.builds(Measure, year=_YEARS, value=_NUMBERS)


def actions() -> st.SearchStrategy[Action]:
    """Actions on their own: any priority and lead id, or none.

    >>> from hypothesis import given
    >>> @given(actions())
    ... def test_an_action_is_labelled(action):
    ...     assert action.label.strip() == action.label
    >>> test_an_action_is_labelled()
    """
    return _ACTIONS


def measures() -> st.SearchStrategy[Measure]:
    """Measures of any year: exact values with up to six decimals, zero or negative too.

    >>> from decimal import Decimal
    >>> from hypothesis import given
    >>> @given(measures())
    ... def test_a_value_is_exact(measure):
    ...     assert isinstance(measure.value, Decimal)
    ...     assert abs(measure.value) < 10**15
    >>> test_a_value_is_exact()
    """
    return _MEASURES


# Years of measures, counted from a convention's first year: a baseline often before it,
# targets and results during it and after.
_OFFSET_LISTS = tuple(
    st.lists(st.integers(-3, 8), min_size=fewest, max_size=3, unique=True) for fewest in (0, 1)
)
_MAYBE_OFFSET = st.none() | st.integers(-3, 0)


def _year(first: int, offset: int) -> int:
    return min(max(first + offset, dt.MINYEAR), dt.MAXYEAR)


def _measures_from(draw: st.DrawFn, first: int, fewest: int) -> tuple[Measure, ...]:
    """Measures of distinct years around *first*, at least *fewest* of them."""
    years = {_year(first, offset): None for offset in draw(_OFFSET_LISTS[fewest])}
    return tuple(Measure(year=year, value=draw(_NUMBERS)) for year in years)


def _indicator(
    draw: st.DrawFn, *, indicator_id: str, action: str | None, first: int, full: bool
) -> Indicator:
    offset = draw(_MAYBE_OFFSET)
    baseline = None if offset is None else Measure(year=_year(first, offset), value=draw(_NUMBERS))
    return Indicator(
        id=indicator_id,
        label=draw(_TEXTS),
        unit=draw(_UNITS),
        action=action,
        baseline=baseline,
        # A full indicator has a target: a measure to break and a year to repeat.
        targets=_measures_from(draw, first, 1 if full else 0),
        results=_measures_from(draw, first, 0),
    )


_UNITS = st.one_of(st.sampled_from(["jeunes", "logements", "%", "bénéficiaires"]), _TEXTS)


@st.composite
def _lone_indicator(draw: st.DrawFn, full: bool) -> Indicator:
    return _indicator(
        draw,
        indicator_id=draw(_SLUGS),
        action=draw(_MAYBE_SLUG),
        first=draw(_YEARS),
        full=full,
    )


_INDICATORS = _lone_indicator(full=False)
_FULL_INDICATORS = _lone_indicator(full=True)


def indicators() -> st.SearchStrategy[Indicator]:
    """Indicators on their own: any action id or none, at most one target and one result a year.

    >>> from hypothesis import given
    >>> @given(indicators())
    ... def test_one_target_a_year(indicator):
    ...     years = [target.year for target in indicator.targets]
    ...     assert len(set(years)) == len(years)
    ...     assert all(indicator.target(year) is not None for year in years)
    >>> test_one_target_a_year()
    """
    return _INDICATORS


_ACTION_IDS = tuple(
    st.lists(_SLUGS, min_size=fewest, max_size=3, unique=True) for fewest in (0, 1)
)
_INDICATOR_IDS = tuple(
    st.lists(_SLUGS, min_size=fewest, max_size=2, unique=True) for fewest in (0, 1)
)


def _evaluation(
    draw: st.DrawFn,
    *,
    period: Period,
    priority_ids: Sequence[str],
    party_ids: Sequence[str],
    full: bool,
) -> tuple[tuple[Action, ...], tuple[Indicator, ...]]:
    """A convention's actions and indicators, fitting its priorities, parties and period.

    A full convention has at least one of each, and an indicator of an action.
    """
    action_ids = draw(_ACTION_IDS[full])
    drawn = tuple(
        Action(
            id=action_id,
            label=draw(_TEXTS),
            priority=_pick(draw, [None, *priority_ids]),
            lead=_pick(draw, [None, *party_ids]),
            description=draw(_MAYBE_TEXT),
        )
        for action_id in action_ids
    )
    measuring = tuple(
        _indicator(
            draw,
            indicator_id=indicator_id,
            action=_pick(draw, action_ids if full and index == 0 else [None, *action_ids]),
            first=period.start.year,
            full=full,
        )
        for index, indicator_id in enumerate(draw(_INDICATOR_IDS[full]))
    )
    return drawn, measuring


# -- partners, matches and payments -----------------------------------------------------------

_MATCHES = st.builds(
    Match,
    id=_SLUGS,
    commitment=_SLUGS,
    by=st.lists(_SLUGS, min_size=1, max_size=3, unique=True).map(tuple),
    ratio=_RATIOS,
    basis=_BASES,
)


@st.composite
def _lone_payment(draw: st.DrawFn) -> Payment:
    year = draw(_YEARS)
    return Payment(
        commitment=draw(_SLUGS),
        year=year,
        amount=draw(_AMOUNTS),
        convention=draw(_MAYBE_SLUG),
        paid_on=draw(_MAYBE_DATE),
    )


_PAYMENTS = _lone_payment()


def matches() -> st.SearchStrategy[Match]:
    """Matching rules on their own: any commitment id, met by one to three party ids.

    >>> from hypothesis import given
    >>> @given(matches())
    ... def test_a_ratio_is_positive(match):
    ...     assert 0 < match.ratio < 1000
    ...     assert match.by
    >>> test_a_ratio_is_positive()
    """
    return _MATCHES


def payments() -> st.SearchStrategy[Payment]:
    """Payments on their own: any commitment and convention id, year and day.

    >>> from hypothesis import given
    >>> @given(payments())
    ... def test_an_amount_is_in_cents(payment):
    ...     assert payment.amount == payment.amount.quantize(Decimal("0.01")) > 0
    >>> from decimal import Decimal
    >>> test_an_amount_is_in_cents()
    """
    return _PAYMENTS


def _apart(slug: str, taken: Collection[str]) -> str:
    """*slug*, or a slug made from it that is none of *taken*."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


_PARTNER_SLUGS = tuple(st.lists(_SLUGS, min_size=fewest, max_size=2) for fewest in (0, 1))


def _partners(draw: st.DrawFn, taken: Collection[str], full: bool) -> tuple[Party, ...]:
    """Partners of a programme, their ids apart from *taken* (every party's) and each other's."""
    partners: list[Party] = []
    ids = set(taken)
    for slug in draw(_PARTNER_SLUGS[full]):
        partner_id = _apart(slug, ids)
        ids.add(partner_id)
        partners.append(
            Party(
                id=partner_id,
                name=draw(_TEXTS),
                kind=draw(_PARTNER_KINDS),
                territory=draw(_MAYBE_CODE),
                siren=draw(st.none() | _SIRENS),
            )
        )
    return tuple(partners)


# Partners are most often public bodies and companies (Caisse des dépôts, social landlords).
_PARTNER_KINDS = st.one_of(
    st.sampled_from([PartyKind.PUBLIC_BODY, PartyKind.COMPANY]), st.sampled_from(PartyKind)
)


def _co_funders(
    draw: st.DrawFn, funder: str, covered: Sequence[Convention], others: Iterable[str]
) -> tuple[str, ...]:
    """Co-funders for a commitment: parties to every covered convention, or *others*."""
    shared = set.intersection(*({p.id for p in c.parties} for c in covered)) if covered else set()
    candidates = sorted((shared | set(others)) - {funder})
    if not candidates or not draw(_BOOLEANS):
        return ()
    first = _pick(draw, candidates)
    second = _pick(draw, [None, *(c for c in candidates if c != first)])
    return (first,) if second is None else (first, second)


# A programme with commitments has a matching rule more often than not.
_HOW_MANY_MATCHES = st.sampled_from([0, 1, 1, 2])
_IDS = tuple(st.lists(_SLUGS, min_size=n, max_size=n, unique=True) for n in range(3))


def _matches(
    draw: st.DrawFn, commitments: Sequence[FundingCommitment], by: Sequence[str], full: bool
) -> tuple[Match, ...]:
    """Matching rules on *commitments*, each met by some of *by* (parties and partners)."""
    if not commitments or not by:
        return ()
    return tuple(
        Match(
            id=match_id,
            commitment=_pick(draw, commitments).id,
            by=_some(draw, by),
            ratio=draw(_RATIOS),
            basis=draw(_BASES),
        )
        for match_id in draw(_IDS[max(draw(_HOW_MANY_MATCHES), int(full))])
    )


def _some(draw: st.DrawFn, items: Sequence[str]) -> tuple[str, ...]:
    """One to three distinct ids of *items*, in the order they come."""
    chosen = {_pick(draw, items): None for _ in range(draw(_ONE_TO_THREE))}
    return tuple(chosen)


_ONE_TO_THREE = st.integers(1, 3)


def _payment(draw: st.DrawFn, commitment: FundingCommitment) -> Payment:
    convention: str | None
    if draw(_BOOLEANS) and commitment.tranches:
        # What was paid of a tranche: its year, its convention, at most its amount.
        tranche = _pick(draw, commitment.tranches)
        year, convention = tranche.year, tranche.convention
        cents = int(tranche.amount.scaleb(2)) * draw(_PERCENT) // 100
        amount = Decimal(max(cents, 1)).scaleb(-2)
    else:
        period = commitment.period
        year = _pick(draw, period.years)
        convention = _pick(draw, [None, *commitment.conventions])
        amount = draw(_AMOUNTS)  # more than was committed, at times
    # Paid in its year or later: the 2020 credits were used until June 2021.
    days = draw(_MAYBE_DAYS)
    first, last = dt.date(year, 1, 1), dt.date(min(year + 2, dt.MAXYEAR), 12, 31)
    # Cut short before adding: in the calendar's last years, the sum would overflow.
    paid_on = None if days is None else first + dt.timedelta(days=min(days, (last - first).days))
    return Payment(
        commitment=commitment.id, year=year, amount=amount, convention=convention, paid_on=paid_on
    )


_PERCENT = st.integers(1, 100)
_MAYBE_DAYS = st.none() | st.integers(0, 3 * 366)
_UP_TO_THREE = st.integers(0, 3)


def _payments(
    draw: st.DrawFn, commitments: Sequence[FundingCommitment], full: bool
) -> tuple[Payment, ...]:
    """Payments under *commitments*, in their years and through their conventions, no two alike."""
    if not commitments:
        return ()
    count = max(draw(_UP_TO_THREE), int(full))
    drawn = (_payment(draw, _pick(draw, commitments)) for _ in range(count))
    return tuple(dict.fromkeys(drawn))  # an identical payment would be counted twice
