"""A revised commitment counts once, by its latest revision, wherever money is added up."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pandas as pd
from hypothesis import assume, given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import analysis
from bassin_minier._model.nesting import nest
from tests import builders
from tests.model.lives import FAR, lives, revisable
from tests.profiles import FEWER


def floor(**changes: Any) -> bm.FundingCommitment:
    """The State's floor over 2019–2021, through the Nord convention."""
    return builders.commitment(conventions=("nord",), **changes)


def year(year: int, amount: str, **changes: Any) -> bm.FundingCommitment:
    """An exact commitment of the State for *year*, all of it through the Nord convention."""
    defaults: dict[str, Any] = {
        "id": f"etat-{year}",
        "amount": Decimal(amount),
        "basis": "exactly",
        "period": bm.Period.from_years(year),
        "conventions": ("nord",),
        "tranches": (builders.tranche(year=year, amount=Decimal(amount)),),
    }
    return builders.commitment(**{**defaults, **changes})


def all_totals(programme: bm.Programme) -> tuple[object, ...]:
    """Every total the library gives of a programme's money."""
    return (
        programme.totals_by_funder(),
        programme.totals_by_year(),
        programme.totals_by_convention(),
        analysis.totals(analysis.commitment_rows(programme), "funder"),
        analysis.totals(analysis.tranche_rows(programme), ("year", "convention")),
    )


def test_a_revised_commitment_adds_nothing_its_revision_adds_its_amount() -> None:
    programme = builders.programme(
        commitments=(
            year(2020, "6000000.00"),
            year(2020, "5500000.00", id="etat-2020-final", revises="etat-2020"),
        )
    )
    assert programme.totals_by_funder() == {"etat": Decimal("5500000.00")}
    assert programme.totals_by_year() == {2020: Decimal("5500000.00")}
    assert programme.totals_by_convention() == {"nord": Decimal("5500000.00")}
    rows = {row.commitment: row for row in analysis.commitment_rows(programme)}
    assert (rows["etat-2020"].counted, rows["etat-2020"].revised_by) == (
        False,
        "etat-2020-final",
    )
    assert (rows["etat-2020-final"].counted, rows["etat-2020-final"].revised_by) == (True, None)
    tranches = analysis.tranche_rows(programme)
    assert [(t.commitment, t.counted, t.revised_by) for t in tranches] == [
        ("etat-2020", False, "etat-2020-final"),
        ("etat-2020-final", True, None),
    ]


def test_a_chain_of_revisions_counts_its_latest_only() -> None:
    programme = builders.programme(
        commitments=(
            floor(),
            floor(id="cut", amount=Decimal(40_000_000), revises="etat-2019-2021"),
            floor(id="top-up", amount=Decimal(45_000_000), revises="cut"),
        )
    )
    assert programme.totals_by_funder() == {"etat": Decimal("45000000.00")}
    standings = nest(programme.commitments).standings
    assert [standings[c.id].revised_by for c in programme.commitments] == [
        "cut",
        "top-up",
        None,
    ]


def test_nesting_is_worked_out_among_the_commitments_that_count() -> None:
    # The yearly amount lies within the floor; once the floor is revised, within its
    # revision, and never within the floor it replaced.
    programme = builders.programme(
        commitments=(
            floor(),
            year(2020, "6000000.00"),
            floor(id="cut", amount=Decimal(40_000_000), revises="etat-2019-2021"),
        )
    )
    assert programme.within("etat-2020") == "cut"
    assert programme.within("etat-2019-2021") is None
    status = {s.commitment: s for s in analysis.floor_status(programme)}
    assert status["cut"].broken_down == Decimal("6000000.00")
    assert status["cut"].known_from == "commitments"
    assert status["etat-2019-2021"].broken_down == Decimal("0.00")
    assert status["etat-2019-2021"].known_from == "nothing"
    assert not status["etat-2019-2021"].counted
    assert programme.totals_by_funder() == {"etat": Decimal("40000000.00")}


def test_a_revised_commitment_keeps_its_own_breakdown_but_holds_nothing() -> None:
    programme = builders.programme(
        commitments=(
            year(2020, "6000000.00"),
            year(2020, "5000000.00", id="final", revises="etat-2020"),
            floor(),
        )
    )
    status = {s.commitment: s for s in analysis.floor_status(programme)}
    assert (status["etat-2020"].broken_down, status["etat-2020"].within) == (
        Decimal("6000000.00"),
        None,
    )
    assert status["etat-2019-2021"].broken_down == Decimal("5000000.00")
    assert programme.within("final") == "etat-2019-2021"


def test_the_breakdown_of_a_replaced_commitment_is_not_a_gap() -> None:
    programme = builders.programme(
        commitments=(floor(), floor(id="cut", amount=Decimal(40_000_000), revises=floor().id))
    )
    found = [str(gap) for gap in bm.gaps(programme) if "breakdown" in gap.message]
    assert found == [
        "$.commitments[1].tranches: the breakdown of the amount by year and convention is "
        "not known"
    ]


def test_the_frames_carry_what_revises_each_commitment() -> None:
    programme = builders.programme(
        commitments=(floor(), floor(id="cut", amount=Decimal(40_000_000), revises=floor().id))
    )
    frame = analysis.commitment_frame(programme)
    assert isinstance(frame, pd.DataFrame)
    assert frame["revised_by"].tolist()[0] == "cut"
    assert frame["counted"].tolist() == [False, True]


@FEWER
@given(programme=lives(), data=st.data())
def test_a_revision_of_the_same_amount_leaves_every_total_unchanged(
    programme: bm.Programme, data: st.DataObject
) -> None:
    candidates = revisable(programme)
    assume(candidates)
    revised = data.draw(st.sampled_from(candidates))
    revision = attrs.evolve(revised, id="revision", revises=revised.id)
    revised_programme = attrs.evolve(programme, commitments=(*programme.commitments, revision))
    assert all_totals(revised_programme) == all_totals(programme)


@FEWER
@given(programme=lives(dated_last=True))
def test_the_totals_of_a_programme_are_those_of_its_latest_state(
    programme: bm.Programme,
) -> None:
    assert all_totals(programme) == all_totals(programme.as_of(FAR))


@FEWER
@given(programme=lives())
def test_a_revised_commitment_never_counts(programme: bm.Programme) -> None:
    revised = {c.revises for c in programme.commitments if c.revises}
    for row in analysis.commitment_rows(programme):
        if row.commitment in revised:
            assert not row.counted
            assert row.within is None
        else:
            assert row.revised_by is None
        assert row.within not in revised
