"""DataFrames hold exact cents, and refuse amounts whose sums their int64 would wrap."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import analysis
from bassin_minier._rules.money import MAX_AMOUNT
from tests import builders

# The largest amount the library accepts: one cent below 10^15 euros.
LARGEST = MAX_AMOUNT - Decimal("0.01")
# How many largest amounts an int64 column of cents can still sum: 92.
FITTING = analysis.MAX_FRAME_CENTS // int(LARGEST * 100)


def spread_over(years: int, amount: Decimal = LARGEST) -> bm.Programme:
    """A programme whose floor is broken down into one tranche of *amount* a year."""
    span = bm.Period.from_years(2000, 2000 + years - 1)
    floor = builders.commitment(
        amount=LARGEST,
        period=span,
        conventions=("nord",),
        tranches=tuple(builders.tranche(year=2000 + y, amount=amount) for y in range(years)),
    )
    return builders.programme(
        period=span, conventions=(builders.convention(period=span),), commitments=(floor,)
    )


def test_the_largest_amounts_fit_as_long_as_their_sum_does() -> None:
    programme = spread_over(FITTING)
    frame = analysis.tranche_frame(programme)
    assert frame["amount_cents"].dtype == "int64"
    assert int(frame["amount_cents"].sum()) == FITTING * int(LARGEST * 100)
    assert analysis.to_euros(frame["amount_cents"].sum()) == FITTING * LARGEST
    floors = analysis.floor_frame(programme)
    assert analysis.to_euros(floors["broken_down_cents"].iloc[0]) == FITTING * LARGEST
    commitments = analysis.commitment_frame(programme)
    assert analysis.to_euros(commitments["broken_down_cents"].iloc[0]) == FITTING * LARGEST


@pytest.mark.parametrize(
    ("frame", "column"),
    [
        (analysis.tranche_frame, "amount_cents of TrancheRow"),
        (analysis.commitment_frame, "broken_down_cents of CommitmentRow"),
        (analysis.floor_frame, "broken_down_cents of FloorStatus"),
    ],
)
def test_one_amount_more_is_refused_by_every_frame(
    frame: Callable[[bm.Programme], Any], column: str
) -> None:
    programme = spread_over(FITTING + 1)
    with pytest.raises(analysis.FrameOverflowError, match=column) as caught:
        frame(programme)
    assert isinstance(caught.value, bm.BassinMinierError)
    assert isinstance(caught.value, OverflowError)
    assert f"{(FITTING + 1) * LARGEST} euros" in str(caught.value)
    # The rows, which the frames are made of, stay exact at any size.
    rows = analysis.tranche_rows(programme)
    assert analysis.totals(rows, "funder") == {"etat": (FITTING + 1) * LARGEST}


# Enough of the largest amounts to cross the bound about one time in ten, among others.
amounts = st.tuples(
    st.integers(0, 100),
    st.lists(st.decimals(min_value=Decimal("0.01"), max_value=LARGEST, places=2), max_size=20),
).map(lambda drawn: [LARGEST] * drawn[0] + drawn[1])


@settings(max_examples=100)
@given(amounts)
def test_a_frame_sums_its_amounts_exactly_or_is_refused(values: list[Decimal]) -> None:
    (row,) = analysis.commitment_rows(builders.programme())
    rows = [
        attrs.evolve(row, commitment=f"c{index}", amount=amount, broken_down=amount)
        for index, amount in enumerate(values)
    ]
    exact = sum(values, Decimal(0))
    if exact * 100 > analysis.MAX_FRAME_CENTS:
        event("refused")
        with pytest.raises(analysis.FrameOverflowError, match="amount_cents of CommitmentRow"):
            analysis.to_frame(rows, analysis.CommitmentRow)
        return
    frame = analysis.to_frame(rows, analysis.CommitmentRow)
    for column in ("amount_cents", "broken_down_cents"):
        assert analysis.to_euros(frame[column].sum()) == exact
        assert analysis.to_euros(frame[column].cumsum().max() if rows else 0) == exact
        halves = frame.groupby(frame.index % 2)[column].sum()
        assert sum((analysis.to_euros(c) for c in halves), Decimal(0)) == exact
