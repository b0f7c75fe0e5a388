"""Tranches and funding commitments: a strategy for each alone, and how programmes draw them."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Sequence
from decimal import Decimal

from hypothesis import strategies as st

from bassin_minier import Basis, FundingCommitment, Period, Tranche
from bassin_minier.testing._amendments import _LIVING
from bassin_minier.testing._arguments import _require_with_tranches
from bassin_minier.testing._money import _WITH_MONEY
from bassin_minier.testing._values import (
    _AMOUNTS,
    _ANY_CENTS,
    _MAX_CENTS,
    _MAYBE_SLUG,
    _PERIODS,
    _SLUGS,
    _cents,
    _euros,
)

# -- tranches and commitments -----------------------------------------------------------------

_SPEND_DAYS = st.none() | st.integers(0, 730)


def _spend_by(draw: st.DrawFn, year: int) -> dt.date | None:
    """None, or a last day to use a *year*'s money: in that year or the next."""
    days = draw(_SPEND_DAYS)
    if days is None:
        return None
    first, last = dt.date(year, 1, 1), dt.date(min(year + 1, dt.MAXYEAR), 12, 31)
    return first + dt.timedelta(days=min(days, (last - first).days))


@st.composite
def _lone_tranche(draw: st.DrawFn, years: st.SearchStrategy[int]) -> Tranche:
    year = draw(years)
    return Tranche(
        year=year,
        amount=draw(_AMOUNTS),
        convention=draw(_SLUGS),
        spend_by=_spend_by(draw, year),
    )


_TRANCHES = _lone_tranche(st.integers(dt.MINYEAR, dt.MAXYEAR))


def tranches() -> st.SearchStrategy[Tranche]:
    """Tranches on their own: any year, any amount, any convention id.

    Half of them say until when the year's money may be spent: a day of that year or
    the next.

    >>> from hypothesis import given
    >>> @given(tranches())
    ... def test_a_tranche_has_a_year(tranche):
    ...     assert 1 <= tranche.year <= 9999
    >>> test_a_tranche_has_a_year()
    """
    return _TRANCHES


def _split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """*total* cents cut into *parts* strictly positive shares."""
    spare = total - parts
    cuts = sorted(draw(st.lists(st.integers(0, spare), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, spare]
    return [1 + high - low for low, high in itertools.pairwise(bounds)]


def _breakdown(
    draw: st.DrawFn, basis: Basis, years: Sequence[int], covered: Sequence[str], living: bool
) -> tuple[Decimal, tuple[Tranche, ...]]:
    """An amount and its full breakdown by year and convention, honouring *basis*."""
    slots = draw(
        st.lists(
            st.tuples(st.sampled_from(years), st.sampled_from(covered)),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    if basis is Basis.AT_LEAST:
        # A floor: the tranches may even add up to more than any one amount can be.
        shares = [draw(_ANY_CENTS) for _ in slots]
        amount = draw(_cents(1, min(sum(shares), _MAX_CENTS)))
    else:
        total = draw(_cents(len(slots), _MAX_CENTS))
        shares = _split(draw, total, len(slots))
        amount = total if basis is Basis.EXACTLY else draw(_cents(total, _MAX_CENTS))
    breakdown = tuple(
        Tranche(
            year=year,
            amount=_euros(share),
            convention=convention,
            spend_by=_spend_by(draw, year) if living else None,
        )
        for (year, convention), share in zip(slots, shares, strict=True)
    )
    return _euros(amount), breakdown


def _commitment(
    draw: st.DrawFn,
    *,
    commitment_id: str,
    funder: str,
    period: Period,
    covered: Sequence[str],
    priority: str | None,
    with_tranches: bool | None,
    living: bool,
    act: str | None = None,
    revises: str | None = None,
    co_funders: tuple[str, ...] = (),
    action: str | None = None,
) -> FundingCommitment:
    basis = draw(st.sampled_from(Basis))
    broken_down = draw(st.booleans()) if with_tranches is None else with_tranches
    if covered and broken_down:
        amount, breakdown = _breakdown(draw, basis, period.years, covered, living)
    else:
        amount, breakdown = draw(_AMOUNTS), ()
    return FundingCommitment(
        id=commitment_id,
        funder=funder,
        amount=amount,
        basis=basis,
        period=period,
        conventions=tuple(covered),
        priority=priority,
        tranches=breakdown,
        act=act,
        revises=revises,
        co_funders=co_funders,
        action=action,
    )


@st.composite
def _lone_commitment(
    draw: st.DrawFn, with_tranches: bool | None, spans: st.SearchStrategy[Period]
) -> FundingCommitment:
    # A tranche goes through a covered convention: a breakdown needs one at least.
    covered = st.lists(_SLUGS, min_size=1 if with_tranches else 0, max_size=3, unique=True)
    commitment_id, funder = draw(_SLUGS), draw(_SLUGS)
    living = draw(_LIVING)
    revises = draw(_MAYBE_SLUG) if living else None
    # On its own, a commitment's co-funders need only differ from its funder.
    joint = draw(_SOME_SLUGS) if draw(_WITH_MONEY) else []
    return _commitment(
        draw,
        commitment_id=commitment_id,
        funder=funder,
        period=draw(spans),
        covered=draw(covered),
        priority=draw(_MAYBE_SLUG),
        with_tranches=with_tranches,
        living=living,
        act=draw(_MAYBE_SLUG) if living else None,
        # Any other commitment: on its own, one has nothing to compare the funder with.
        revises=None if revises == commitment_id else revises,
        co_funders=tuple(slug for slug in joint if slug != funder),
        action=draw(_MAYBE_SLUG) if joint else None,
    )


_SOME_SLUGS = st.lists(_SLUGS, max_size=2, unique=True)


_COMMITMENTS = _lone_commitment(None, _PERIODS)


def funding_commitments(
    *, with_tranches: bool | None = None
) -> st.SearchStrategy[FundingCommitment]:
    """Commitments on their own, whose tranches (if any) honour their basis.

    *with_tranches*: True, always broken down into tranches; False, never; None, either.
    Some are joint, with co-funders other than the funder, and name the action they fund.

    >>> from hypothesis import given
    >>> @given(funding_commitments(with_tranches=True))
    ... def test_broken_down(commitment):
    ...     assert commitment.tranches
    ...     assert {t.convention for t in commitment.tranches} <= set(commitment.conventions)
    >>> test_broken_down()
    """
    _require_with_tranches(with_tranches)
    return _COMMITMENTS if with_tranches is None else _commitments_with(with_tranches)


@functools.cache
def _commitments_with(with_tranches: bool) -> st.SearchStrategy[FundingCommitment]:
    return _lone_commitment(with_tranches, _PERIODS)
