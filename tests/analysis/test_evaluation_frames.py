"""The frames of match status, execution and indicator progress: exact, with unknowns kept."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import analysis
from bassin_minier.testing import programmes
from tests.analysis.evaluated import commitment, evaluated, with_payments
from tests.analysis.test_frames import FITTING, LARGEST


def test_the_match_frame_keeps_fractions_of_a_cent() -> None:
    matches = [
        bm.Match(
            id="tiers", commitment="etat", by=["cd-nord"], ratio=Decimal("0.3333"), basis="exactly"
        ),
        bm.Match(
            id="caisse", commitment="etat", by=["caisse-des-depots"], ratio=1, basis="at_least"
        ),
    ]
    programme = evaluated(
        commitments=[
            *evaluated().commitments[1:],
            commitment(id="etat", funder="etat", amount=Decimal("1000.01")),
        ],
        matches=matches,
        payments=[],
    )
    frame = analysis.match_frame(programme)
    assert list(frame.columns) == [
        "match",
        "required",
        "pledged_cents",
        "shortfall",
        "basis",
        "commitment",
        "met",
    ]
    assert frame["required"].dtype == "object"
    assert list(frame["required"]) == [Decimal("333.303333"), Decimal("1000.01")]
    assert frame["pledged_cents"].dtype == "Int64"
    assert frame["pledged_cents"].iloc[0] == 30_000_000
    assert frame["pledged_cents"].isna().tolist() == [False, True]
    assert frame["shortfall"].iloc[0] == Decimal("0.00")
    assert frame["shortfall"].iloc[1] is None
    assert frame["met"].dtype == "boolean"
    assert frame["met"].iloc[0] == False  # noqa: E712 - pandas' boolean, not Python's
    assert frame["met"].isna().tolist() == [False, True]
    assert str(frame["basis"].dtype) == "category"


def test_the_execution_frame_keeps_unknown_paid_missing() -> None:
    frame = analysis.execution_frame(evaluated())
    assert list(frame.columns) == [
        "commitment",
        "funder",
        "year",
        "committed_cents",
        "paid_cents",
        "remaining_cents",
    ]
    assert frame["year"].dtype == "Int64"
    assert frame["year"].isna().tolist() == [False, False, True, True]
    assert frame["paid_cents"].isna().tolist() == [False, False, False, True]
    assert frame["remaining_cents"].tolist()[:3] == [0, -5_000_000, 22_000_000]
    assert frame["funder"].iloc[3] == "caisse-des-depots+cd-nord"
    assert analysis.to_euros(frame["committed_cents"].sum()) == Decimal("1550000.00")


def test_the_indicator_frame_keeps_exact_values() -> None:
    frame = analysis.indicator_frame(evaluated())
    assert frame["result"].tolist() == [None, Decimal("120.5"), None]
    assert frame["target"].dtype == "object"
    assert frame["year"].dtype == "int64"
    assert frame["baseline_year"].dtype == "Int64"


@pytest.mark.parametrize(
    ("make", "row_type"),
    [
        (analysis.match_frame, analysis.MatchStatus),
        (analysis.indicator_frame, analysis.IndicatorProgress),
    ],
)
def test_empty_frames_keep_their_columns(
    make: Callable[[bm.Programme], pd.DataFrame], row_type: type[Any]
) -> None:
    frame = make(bm.datasets.bassin_minier_2019())  # no match, no indicator
    assert len(frame) == 0
    assert list(frame.columns) == list(analysis.to_frame((), row_type).columns)
    assert "met" in frame.columns or row_type is analysis.IndicatorProgress


def test_an_execution_frame_too_large_to_sum_is_refused() -> None:
    span = bm.Period.from_years(2000, 2000 + FITTING)
    convention = evaluated().conventions[0]
    convention = attrs.evolve(convention, period=span, signed_on=None)
    commitments = [
        commitment(id=f"c{year}", funder="etat", amount=LARGEST, period=bm.Period.from_years(year))
        for year in span.years
    ]
    programme = evaluated(
        period=span, conventions=[convention], commitments=commitments, matches=[], payments=[]
    )
    with pytest.raises(analysis.FrameOverflowError, match="committed_cents of ExecutionRow"):
        analysis.execution_frame(programme)
    rows = analysis.execution(programme)
    assert sum(r.committed for r in rows) == (FITTING + 1) * LARGEST


@settings(max_examples=25)
@given(st.data())
def test_the_execution_frame_sums_as_the_rows_do(data: st.DataObject) -> None:
    programme = data.draw(
        programmes().filter(lambda p: bool(p.commitments)).flatmap(with_payments)
    )
    rows = analysis.execution(programme)
    frame = analysis.execution_frame(programme)
    assert len(frame) == len(rows)
    for column in ("committed", "paid", "remaining"):
        known = [getattr(r, column) for r in rows if getattr(r, column) is not None]
        assert analysis.to_euros(frame[f"{column}_cents"].sum()) == sum(known, Decimal(0))
        assert frame[f"{column}_cents"].isna().sum() == len(rows) - len(known)
    assert isinstance(frame, pd.DataFrame)
