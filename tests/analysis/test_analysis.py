"""Tidy rows, exact totals, floor status and DataFrames of a programme's money."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from decimal import Decimal

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings

import bassin_minier as bm
from bassin_minier import analysis
from bassin_minier.testing import programmes

HYPOTHETICAL_2020 = {
    "nord": "6000000.00",
    "pas-de-calais": "6500000.00",
    "bassin-minier": "3500000.00",
}


def with_2020(programme: bm.Programme, **amounts: str) -> bm.Programme:
    """The built-in programme with a made-up 2020 commitment of the State, per convention."""
    shares = amounts or HYPOTHETICAL_2020
    tranches = [bm.Tranche(year=2020, amount=Decimal(a), convention=c) for c, a in shares.items()]
    year = bm.FundingCommitment(
        id="etat-2020",
        funder="etat",
        amount=sum((Decimal(a) for a in shares.values()), Decimal(0)),
        basis="exactly",
        period=bm.Period.from_years(2020),
        conventions=list(shares),
        tranches=tranches,
    )
    return attrs.evolve(programme, commitments=[*programme.commitments, year])


@pytest.fixture
def dataset() -> bm.Programme:
    return bm.datasets.bassin_minier_2019()


def test_the_dataset_has_no_tranche_and_an_unmet_floor(dataset: bm.Programme) -> None:
    assert analysis.tranche_rows(dataset) == ()
    (status,) = analysis.floor_status(dataset)
    assert status == analysis.FloorStatus(
        commitment="etat-2019-2021",
        funder="etat",
        basis=bm.Basis.AT_LEAST,
        amount=Decimal("48000000.00"),
        broken_down=Decimal("0.00"),
        known_from="nothing",
        shortfall=Decimal("48000000.00"),
        headroom=Decimal("0.00"),
        complete=False,
    )


def test_a_yearly_commitment_counts_toward_the_floor(dataset: bm.Programme) -> None:
    floor, year = analysis.floor_status(with_2020(dataset))
    assert floor.known_from == "commitments"
    assert floor.broken_down == Decimal("16000000.00")
    assert floor.shortfall == Decimal("32000000.00")
    assert not floor.complete
    assert (year.known_from, year.complete, year.shortfall) == ("tranches", True, Decimal("0.00"))


def test_a_floor_reached_by_its_yearly_commitments_is_complete(dataset: bm.Programme) -> None:
    programme = with_2020(dataset, nord="30000000.00", **{"bassin-minier": "20000000.00"})
    floor = analysis.floor_status(programme)[0]
    assert floor.complete
    assert (floor.shortfall, floor.headroom) == (Decimal("0.00"), Decimal("2000000.00"))


def test_nested_commitments_are_counted_once(dataset: bm.Programme) -> None:
    programme = with_2020(dataset)
    inner = bm.FundingCommitment(
        id="etat-2020-nord",
        funder="etat",
        amount=Decimal("1000000.00"),
        basis="exactly",
        period=bm.Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 6, 30)),
        conventions=["nord"],
        tranches=[bm.Tranche(year=2020, amount=Decimal("1000000.00"), convention="nord")],
    )
    programme = attrs.evolve(programme, commitments=[*programme.commitments, inner])
    floor = analysis.floor_status(programme)[0]
    assert floor.broken_down == Decimal("16000000.00")
    # The commitment of 2020 holds the half-year one: it counts it among its own.
    assert analysis.floor_status(programme)[1].known_from == "tranches"


def test_other_funders_and_priorities_do_not_count(dataset: bm.Programme) -> None:
    programme = with_2020(dataset)
    floor = attrs.evolve(programme.commitments[0], priority=None)
    other = attrs.evolve(
        programme.commitments[1],
        funder="cd-nord",
        conventions=["nord"],
        tranches=programme.commitments[1].tranches[:1],
        amount=Decimal("6000000.00"),
    )
    programme = attrs.evolve(programme, commitments=[floor, other])
    assert analysis.floor_status(programme)[0].known_from == "nothing"


def test_a_ceiling_has_headroom_and_no_shortfall(dataset: bm.Programme) -> None:
    programme = with_2020(dataset)
    ceiling = attrs.evolve(programme.commitments[0], basis="at_most", id="plafond")
    statuses = analysis.floor_status(
        attrs.evolve(programme, commitments=[ceiling, *programme.commitments[1:]])
    )
    assert statuses[0].shortfall == Decimal("0.00")
    assert statuses[0].headroom == Decimal("32000000.00")
    assert not statuses[0].complete  # more may yet be spent: only its own tranches tell


def test_tranche_rows_and_totals(dataset: bm.Programme) -> None:
    rows = analysis.tranche_rows(with_2020(dataset))
    assert [(r.convention, r.year, r.amount) for r in rows] == [
        ("nord", 2020, Decimal("6000000.00")),
        ("pas-de-calais", 2020, Decimal("6500000.00")),
        ("bassin-minier", 2020, Decimal("3500000.00")),
    ]
    assert analysis.totals(rows, "year") == {2020: Decimal("16000000.00")}
    assert analysis.totals(rows, ("funder", "convention")) == {
        ("etat", "bassin-minier"): Decimal("3500000.00"),
        ("etat", "nord"): Decimal("6000000.00"),
        ("etat", "pas-de-calais"): Decimal("6500000.00"),
    }
    assert analysis.totals(rows, "priority") == {None: Decimal("16000000.00")}


def test_totals_sort_none_last() -> None:
    rows = [
        analysis.TrancheRow(
            commitment="a",
            funder="f",
            convention="c",
            year=2020,
            priority=p,
            basis=bm.Basis.EXACTLY,
            amount=Decimal("1.00"),
        )
        for p in (None, "b", "a", None)
    ]
    assert list(analysis.totals(rows, "priority")) == ["a", "b", None]


def test_commitment_rows(dataset: bm.Programme) -> None:
    rows = analysis.commitment_rows(with_2020(dataset))
    # The floor is broken down through the yearly commitment within it, as its status says.
    assert [(r.commitment, r.tranches, r.broken_down, r.known_from) for r in rows] == [
        ("etat-2019-2021", 0, Decimal("16000000.00"), "commitments"),
        ("etat-2020", 3, Decimal("16000000.00"), "tranches"),
    ]
    assert [(r.within, r.counted) for r in rows] == [(None, True), ("etat-2019-2021", False)]
    assert rows[1].start == dt.date(2020, 1, 1)
    assert rows[0].conventions == ("nord", "pas-de-calais", "bassin-minier")


# -- DataFrames -------------------------------------------------------------------------------


def test_frames_have_exact_cents_and_sensible_dtypes(dataset: bm.Programme) -> None:
    frame = analysis.tranche_frame(with_2020(dataset))
    assert list(frame.columns) == [
        "commitment",
        "funder",
        "convention",
        "year",
        "priority",
        "basis",
        "amount_cents",
        "within",
        "counted",
        "revised_by",
    ]
    assert frame["amount_cents"].dtype == "int64"
    assert frame["year"].dtype == "int64"
    assert isinstance(frame["basis"].dtype, pd.CategoricalDtype)
    assert list(frame["basis"].cat.categories) == ["at_least", "exactly", "at_most"]
    assert frame["priority"].isna().all()
    assert int(frame["amount_cents"].sum()) == 1_600_000_000
    assert analysis.to_euros(frame["amount_cents"].sum()) == Decimal("16000000.00")


def test_commitment_and_floor_frames(dataset: bm.Programme) -> None:
    commitments = analysis.commitment_frame(dataset)
    assert commitments["broken_down_cents"].dtype == "int64"
    assert commitments.loc[0, "broken_down_cents"] == 0
    assert commitments.loc[0, "known_from"] == "nothing"
    assert commitments["within"].isna().all()
    assert commitments["counted"].dtype == "bool"
    assert commitments["start"].dtype == "datetime64[s]"
    assert commitments.loc[0, "end"] == pd.Timestamp(2021, 12, 31)
    assert commitments.loc[0, "conventions"] == ("nord", "pas-de-calais", "bassin-minier")
    floors = analysis.floor_frame(with_2020(dataset))
    assert floors["complete"].dtype == "bool"
    assert floors.loc[0, "shortfall_cents"] == 3_200_000_000


def test_an_empty_frame_keeps_its_columns(dataset: bm.Programme) -> None:
    frame = analysis.tranche_frame(dataset)
    assert frame.empty
    assert "amount_cents" in frame.columns
    assert frame["amount_cents"].dtype == "int64"


def test_to_frame_needs_rows_it_knows() -> None:
    with pytest.raises(TypeError, match="no rows and no row_type"):
        analysis.to_frame([])
    with pytest.raises(TypeError, match="got Decimal rows"):
        analysis.to_frame([Decimal(1)])


def test_without_pandas_the_error_names_the_extra(
    hide_package: Callable[[str], None], dataset: bm.Programme
) -> None:
    hide_package("pandas")
    with pytest.raises(analysis.MissingExtraError, match=r"bassin-minier\[pandas\]") as caught:
        analysis.floor_frame(dataset)
    assert isinstance(caught.value, bm.BassinMinierError)
    assert isinstance(caught.value, ImportError)
    # The rows themselves need no pandas.
    assert analysis.floor_status(dataset)[0].shortfall == Decimal("48000000.00")


# -- properties -------------------------------------------------------------------------------


@given(programmes(with_tranches=True))
def test_tranche_rows_sum_to_the_programme_totals(programme: bm.Programme) -> None:
    rows = analysis.tranche_rows(programme)
    assert analysis.totals(rows, "year") == programme.totals_by_year()
    assert analysis.totals(rows, "convention") == dict(
        sorted(programme.totals_by_convention().items())
    )
    assert sum(len(c.tranches) for c in programme.commitments) == len(rows)


@given(programmes())
def test_commitment_rows_sum_to_the_funder_totals(programme: bm.Programme) -> None:
    rows = analysis.commitment_rows(programme)
    assert analysis.totals(rows, "funder") == dict(sorted(programme.totals_by_funder().items()))


@given(programmes())
def test_floor_status_is_consistent(programme: bm.Programme) -> None:
    for status, commitment in zip(
        analysis.floor_status(programme), programme.commitments, strict=True
    ):
        assert status.amount == commitment.amount
        assert status.shortfall >= 0
        assert status.headroom >= 0
        assert status.broken_down.as_tuple().exponent == -2
        if commitment.tranches:
            # A full breakdown honours its basis: that is an invariant of the model.
            assert status.complete
            assert status.shortfall == 0
            assert status.broken_down == commitment.tranche_total
        if status.known_from == "nothing":
            assert status.broken_down == 0


@settings(max_examples=50)
@given(programmes(with_tranches=True))
def test_frame_amounts_sum_exactly(programme: bm.Programme) -> None:
    frame = analysis.tranche_frame(programme)
    # Money within a commitment broken down on its own is in that commitment's rows.
    by_year = frame[frame["counted"]].groupby("year")["amount_cents"].sum()
    assert {int(y): analysis.to_euros(c) for y, c in by_year.items()} == programme.totals_by_year()
    commitments = analysis.commitment_frame(programme)
    starts = [c.period.start for c in programme.commitments]
    assert [t.date() for t in commitments["start"]] == starts  # any year, even year 1
    assert analysis.to_euros(commitments["amount_cents"].sum()) == sum(
        (c.amount for c in programme.commitments), Decimal(0)
    )


def test_floor_status_is_exact_whatever_the_callers_context(dataset: bm.Programme) -> None:
    programme = with_2020(dataset, nord="12345678.91")
    with decimal.localcontext(decimal.Context(prec=3, traps=[decimal.Inexact])):
        floor = analysis.floor_status(programme)[0]
    assert floor.broken_down == Decimal("12345678.91")
    assert floor.shortfall == Decimal("35654321.09")
