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
from bassin_minier.testing._values import (
    _AMOUNTS,
    _MAYBE_CODE,
    _MAYBE_DATE,
    _MAYBE_SLUG,
    _MAYBE_TEXT,
    _SIRENS,
    _SLUGS,
    _TEXTS,
    _cents,
    _dates,
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


def _maybe_one_of(ids: Sequence[str]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(ids) if ids else st.none()


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


def _measure_lists(years: st.SearchStrategy[int], fewest: int) -> st.SearchStrategy[list[Measure]]:
    return st.lists(
        st.builds(Measure, year=years, value=_NUMBERS),
        min_size=fewest,
        max_size=3,
        unique_by=_YEAR,
    )


def _indicator(
    draw: st.DrawFn,
    *,
    indicator_id: str,
    action: st.SearchStrategy[str | None],
    years: st.SearchStrategy[int],
    full: bool,
) -> Indicator:
    return Indicator(
        id=indicator_id,
        label=draw(_TEXTS),
        unit=draw(_UNITS),
        action=draw(action),
        baseline=draw(st.none() | st.builds(Measure, year=years, value=_NUMBERS)),
        # A full indicator has a target: a measure to break and a year to repeat.
        targets=tuple(draw(_measure_lists(years, 1 if full else 0))),
        results=tuple(draw(_measure_lists(years, 0))),
    )


_UNITS = st.one_of(st.sampled_from(["jeunes", "logements", "%", "bénéficiaires"]), _TEXTS)


@st.composite
def _lone_indicator(draw: st.DrawFn, full: bool) -> Indicator:
    return _indicator(draw, indicator_id=draw(_SLUGS), action=_MAYBE_SLUG, years=_YEARS, full=full)


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
    fewest = 1 if full else 0
    action_ids = draw(st.lists(_SLUGS, min_size=fewest, max_size=3, unique=True))
    priority, lead = _maybe_one_of(priority_ids), _maybe_one_of(party_ids)
    drawn = tuple(
        Action(
            id=action_id,
            label=draw(_TEXTS),
            priority=draw(priority),
            lead=draw(lead),
            description=draw(_MAYBE_TEXT),
        )
        for action_id in action_ids
    )
    # Targets and results fall around the convention's years: a baseline often before.
    years = st.integers(
        max(dt.MINYEAR, period.start.year - 3), min(dt.MAXYEAR, period.end.year + 2)
    )
    measured = _maybe_one_of(action_ids)
    indicator_ids = draw(st.lists(_SLUGS, min_size=fewest, max_size=2, unique=True))
    measuring = tuple(
        _indicator(
            draw,
            indicator_id=indicator_id,
            action=st.sampled_from(action_ids) if full and index == 0 else measured,
            years=years,
            full=full,
        )
        for index, indicator_id in enumerate(indicator_ids)
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


def _partners(draw: st.DrawFn, taken: Collection[str], full: bool) -> tuple[Party, ...]:
    """Partners of a programme, their ids apart from *taken* (every party's) and each other's."""
    partners: list[Party] = []
    ids = set(taken)
    for slug in draw(st.lists(_SLUGS, min_size=1 if full else 0, max_size=2)):
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
    return tuple(draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique=True)))


# A programme with commitments has a matching rule more often than not.
_HOW_MANY_MATCHES = st.sampled_from([0, 1, 1, 2])
_IDS = tuple(st.lists(_SLUGS, min_size=n, max_size=n, unique=True) for n in range(3))


def _matches(
    draw: st.DrawFn, commitments: Sequence[FundingCommitment], by: Sequence[str], full: bool
) -> tuple[Match, ...]:
    """Matching rules on *commitments*, each met by some of *by* (parties and partners)."""
    if not commitments or not by:
        return ()
    commitment_ids = st.sampled_from([c.id for c in commitments])
    matching = st.lists(st.sampled_from(by), min_size=1, max_size=3, unique=True)
    match_ids = draw(_IDS[max(draw(_HOW_MANY_MATCHES), int(full))])
    return tuple(
        Match(
            id=match_id,
            commitment=draw(commitment_ids),
            by=tuple(draw(matching)),
            ratio=draw(_RATIOS),
            basis=draw(_BASES),
        )
        for match_id in match_ids
    )


def _payment(draw: st.DrawFn, commitment: FundingCommitment) -> Payment:
    convention: str | None
    if draw(_BOOLEANS) and commitment.tranches:
        # What was paid of a tranche: its year, its convention, at most its amount.
        tranche = draw(st.sampled_from(commitment.tranches))
        year, convention = tranche.year, tranche.convention
        amount = Decimal(draw(_cents(1, int(tranche.amount.scaleb(2))))).scaleb(-2)
    else:
        period = commitment.period
        year = draw(st.integers(period.start.year, period.end.year))
        convention = draw(_maybe_one_of(commitment.conventions))
        amount = draw(_AMOUNTS)  # more than was committed, at times
    # Paid in its year or later: the 2020 credits were used until June 2021.
    last = dt.date(min(year + 2, dt.MAXYEAR), 12, 31)
    paid_on = draw(st.none() | _dates(dt.date(year, 1, 1), last))
    return Payment(
        commitment=commitment.id, year=year, amount=amount, convention=convention, paid_on=paid_on
    )


def _payments(
    draw: st.DrawFn, commitments: Sequence[FundingCommitment], full: bool
) -> tuple[Payment, ...]:
    """Payments under *commitments*, in their years and through their conventions, no two alike."""
    if not commitments:
        return ()
    count = draw(st.integers(1 if full else 0, 3))
    drawn = (_payment(draw, draw(st.sampled_from(commitments))) for _ in range(count))
    return tuple(dict.fromkeys(drawn))  # an identical payment would be counted twice
