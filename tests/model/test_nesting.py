"""Money that lies within another commitment is counted once, wherever money is added up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from random import Random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import analysis
from bassin_minier._model.nesting import nest, nesting_of
from tests import builders


@pytest.fixture
def dataset() -> bm.Programme:
    return bm.datasets.bassin_minier_2019()


def with_commitments(programme: bm.Programme, *more: bm.FundingCommitment) -> bm.Programme:
    return attrs.evolve(programme, commitments=[*programme.commitments, *more])


HYPOTHETICAL_2020 = {
    "nord": "6000000.00",
    "pas-de-calais": "6500000.00",
    "bassin-minier": "3500000.00",
}


def yearly(
    year: int, shares: dict[str, str] | None = None, **changes: object
) -> bm.FundingCommitment:
    """An exact commitment of the State for one *year*, broken down as *shares* say."""
    shares = HYPOTHETICAL_2020 if shares is None else shares
    defaults: dict[str, object] = {
        "id": f"etat-{year}",
        "funder": "etat",
        "amount": sum((Decimal(a) for a in shares.values()), Decimal(0)),
        "basis": "exactly",
        "period": bm.Period.from_years(year),
        "conventions": list(shares),
        "tranches": [
            bm.Tranche(year=year, amount=Decimal(a), convention=c) for c, a in shares.items()
        ],
    }
    return bm.FundingCommitment(**{**defaults, **changes})  # type: ignore[arg-type]


# -- the built-in dataset -------------------------------------------------------------------


def test_a_year_within_the_floor_of_the_dataset_is_not_added_to_it(
    dataset: bm.Programme,
) -> None:
    programme = with_commitments(dataset, yearly(2020))
    # 48 M€ at least over three years, of which 16 M€ in 2020: 48 M€, not 64 M€.
    assert programme.totals_by_funder() == {"etat": Decimal("48000000.00")}
    assert programme.totals_by_year() == {2020: Decimal("16000000.00")}
    assert programme.within("etat-2020") == "etat-2019-2021"
    assert programme.within("etat-2019-2021") is None
    rows = analysis.commitment_rows(programme)
    statuses = analysis.floor_status(programme)
    # One figure for what is broken down of the floor, wherever it is read.
    assert rows[0].broken_down == statuses[0].broken_down == Decimal("16000000.00")
    assert rows[0].known_from == statuses[0].known_from == "commitments"
    for these in (rows, statuses):
        assert analysis.totals(these, "funder") == {"etat": Decimal("48000000.00")}
    assert analysis.totals(analysis.tranche_rows(programme), "funder") == {
        "etat": Decimal("16000000.00")
    }


def test_the_html_and_the_summary_say_what_a_commitment_lies_within(
    dataset: bm.Programme,
) -> None:
    from bassin_minier._cli.summary import summary  # noqa: PLC0415 - the command's own text

    programme = with_commitments(dataset, yearly(2020))
    fragment = programme._repr_html_()
    assert "<th>Within</th>" in fragment
    assert "<td><code>etat-2019-2021</code></td>" in fragment
    text = [" ".join(line.split()) for line in summary(programme)]
    assert "Within: etat-2019-2021 (its money counts there)" in text
    assert "Tranches: none of its own; 16 000 000,00 € broken down within it" in text
    assert not any("Within:" in line for line in summary(dataset))


# -- which commitment lies within which ----------------------------------------------------


def test_lies_within_needs_the_funder_the_period_the_conventions_and_the_priority() -> None:
    floor = builders.commitment()  # the State, 2019–2021, Nord and Pas-de-Calais, any priority
    year = yearly(2020, {"nord": "10.00"})
    assert year.lies_within(floor)
    assert not floor.lies_within(year)
    assert not year.lies_within(attrs.evolve(floor, funder="cd-nord"))
    assert not year.lies_within(attrs.evolve(floor, period=bm.Period.from_years(2021)))
    assert not attrs.evolve(year, conventions=("nord", "bassin-minier"), tranches=()).lies_within(
        floor
    )
    # A holder naming a priority holds only money for that priority.
    assert not year.lies_within(attrs.evolve(floor, priority="prevention"))
    assert attrs.evolve(year, priority="prevention").lies_within(floor)


def test_two_commitments_of_the_same_scope_are_two_sums() -> None:
    first = builders.commitment()
    second = attrs.evolve(first, id="encore", amount=Decimal("1.00"))
    assert not first.lies_within(second)
    assert not second.lies_within(first)
    assert not first.lies_within(first)
    programme = builders.programme(commitments=(first, second))
    assert programme.totals_by_funder() == {"etat": Decimal("48000001.00")}


def test_money_counts_in_the_smallest_commitment_it_lies_within() -> None:
    floor = builders.commitment(id="plancher")
    year = yearly(2020, {"nord": "15.00", "pas-de-calais": "15.00"}, tranches=())
    half = bm.FundingCommitment(
        id="semestre",
        funder="etat",
        amount=Decimal("10.00"),
        basis="exactly",
        period=bm.Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 6, 30)),
        conventions=("nord",),
        tranches=[bm.Tranche(year=2020, amount=Decimal("10.00"), convention="nord")],
    )
    programme = builders.programme(commitments=(half, floor, year))
    assert [programme.within(c.id) for c in programme.commitments] == [
        "etat-2020",
        None,
        "plancher",
    ]
    floor_status, year_status = analysis.floor_status(programme)[1:]
    # The half year is broken down; the year through it; the floor through the year.
    assert (year_status.broken_down, year_status.known_from) == (Decimal("10.00"), "commitments")
    assert (floor_status.broken_down, floor_status.known_from) == (Decimal("10.00"), "commitments")
    assert programme.totals_by_funder() == {"etat": Decimal("48000000.00")}


def test_between_holders_of_one_size_the_smallest_id_holds() -> None:
    year = yearly(2020, {"nord": "30.00"})
    floors = [builders.commitment(id=name, amount=Decimal("5.00")) for name in ("b", "a", "c")]
    for order in (floors, floors[::-1]):
        programme = builders.programme(commitments=(*order, year))
        assert programme.within("etat-2020") == "a"
        statuses = {s.commitment: s for s in analysis.floor_status(programme)}
        # Its money counts in one floor only: the other two know nothing of it.
        assert [statuses[name].broken_down for name in "abc"] == [
            Decimal("30.00"),
            Decimal("0.00"),
            Decimal("0.00"),
        ]


def test_a_breakdown_within_a_broken_down_commitment_counts_once() -> None:
    whole = builders.commitment(
        id="tout",
        amount=Decimal("100.00"),
        basis="exactly",
        conventions=("nord",),
        tranches=[
            bm.Tranche(year=y, amount=Decimal(a), convention="nord")
            for y, a in ((2019, "40.00"), (2020, "60.00"))
        ],
    )
    year = yearly(2020, {"nord": "60.00"})
    programme = builders.programme(commitments=(whole, year))
    assert programme.totals_by_year() == {2019: Decimal("40.00"), 2020: Decimal("60.00")}
    assert programme.totals_by_convention() == {"nord": Decimal("100.00")}
    rows = analysis.tranche_rows(programme)
    assert [(r.commitment, r.within, r.counted) for r in rows] == [
        ("tout", None, True),
        ("tout", None, True),
        ("etat-2020", "tout", False),
    ]


def test_within_an_unknown_commitment_is_an_unknown_id() -> None:
    with pytest.raises(bm.UnknownIdError, match="commitment 'region'"):
        builders.programme().within("region")


def test_a_programme_is_nested_once() -> None:
    programme = builders.programme()
    assert nesting_of(programme) is nesting_of(programme)


# -- properties ------------------------------------------------------------------------------

_BASIN = bm.datasets.bassin_minier_2019()
# Every convention shares the basin's priorities, so that commitments may name one.
_CONVENTIONS = tuple(
    attrs.evolve(c, priorities=_BASIN.convention("bassin-minier").priorities)
    for c in _BASIN.conventions
)
_FUNDED = {
    "etat": ("nord", "pas-de-calais", "bassin-minier"),
    "cd-nord": ("nord", "bassin-minier"),
}
# Few periods and conventions, so that commitments often lie within one another.
_PERIODS = (
    bm.Period.from_years(2019, 2021),
    bm.Period.from_years(2019, 2020),
    bm.Period.from_years(2020, 2021),
    bm.Period.from_years(2020),
    bm.Period.from_years(2021),
    bm.Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 6, 30)),
)


@st.composite
def _commitment(draw: st.DrawFn, index: int) -> bm.FundingCommitment:
    funder = draw(st.sampled_from(sorted(_FUNDED)))
    covered = draw(st.lists(st.sampled_from(_FUNDED[funder]), max_size=3, unique=True))
    period = draw(st.sampled_from(_PERIODS))
    priority = draw(st.sampled_from([None, None, "prevention", "insertion-emploi"]))
    basis = draw(st.sampled_from(bm.Basis))
    slots = [(year, c) for year in period.years for c in covered]
    tranches: list[bm.Tranche] = []
    broken_down = draw(st.booleans())
    if slots and broken_down:
        chosen = draw(st.lists(st.sampled_from(slots), min_size=1, max_size=3, unique=True))
        cents = draw(st.lists(st.integers(1, 10_000), min_size=len(chosen), max_size=len(chosen)))
        tranches = [
            bm.Tranche(year=year, amount=Decimal(c).scaleb(-2), convention=convention)
            for (year, convention), c in zip(chosen, cents, strict=True)
        ]
        # The amount the basis allows for that breakdown: the sum itself honours them all.
        amount = sum((t.amount for t in tranches), Decimal(0))
    else:
        amount = Decimal(draw(st.integers(1, 1_000_000))).scaleb(-2)
    return bm.FundingCommitment(
        id=f"engagement-{index}",
        funder=funder,
        amount=amount,
        basis=basis,
        period=period,
        conventions=covered,
        priority=priority,
        tranches=tranches,
    )


@st.composite
def nested_programmes(draw: st.DrawFn) -> bm.Programme:
    count = draw(st.integers(0, 8))
    commitments = [draw(_commitment(index)) for index in range(count)]
    return attrs.evolve(
        _BASIN, conventions=_CONVENTIONS, commitments=draw(st.permutations(commitments))
    )


def _outermost(commitments: Sequence[bm.FundingCommitment]) -> list[bm.FundingCommitment]:
    return [c for c in commitments if not any(c.lies_within(o) for o in commitments)]


def _size(commitment: bm.FundingCommitment) -> tuple[int, int, bool, str]:
    days = commitment.period.days
    return (days, len(commitment.conventions), commitment.priority is None, commitment.id)


@given(nested_programmes())
def test_totals_add_the_outermost_commitments_only(programme: bm.Programme) -> None:
    expected: dict[str, Decimal] = {}
    for commitment in _outermost(programme.commitments):
        expected[commitment.funder] = (
            expected.get(commitment.funder, Decimal(0)) + commitment.amount
        )
    assert programme.totals_by_funder() == expected
    rows = analysis.commitment_rows(programme)
    assert analysis.totals(rows, "funder") == dict(sorted(expected.items()))


@given(nested_programmes())
def test_tranches_count_unless_a_breakdown_holds_them(programme: bm.Programme) -> None:
    broken_down = [c for c in programme.commitments if c.tranches]
    by_year: dict[int, Decimal] = {}
    for commitment in _outermost(broken_down):
        for tranche in commitment.tranches:
            by_year[tranche.year] = by_year.get(tranche.year, Decimal(0)) + tranche.amount
    assert programme.totals_by_year() == dict(sorted(by_year.items()))
    assert analysis.totals(analysis.tranche_rows(programme), "year") == dict(
        sorted(by_year.items())
    )


@given(nested_programmes())
def test_within_is_the_smallest_holder(programme: bm.Programme) -> None:
    commitments = programme.commitments
    for commitment in commitments:
        holders = [o for o in commitments if commitment.lies_within(o)]
        within = programme.within(commitment.id)
        if not holders:
            assert within is None
        else:
            assert within == min(holders, key=_size).id


@given(nested_programmes())
def test_a_floor_counts_what_is_within_it(programme: bm.Programme) -> None:
    by_id = {c.id: c for c in programme.commitments}
    brought = dict.fromkeys(by_id, Decimal(0))
    # Each breakdown climbs through the commitments without one, to the first with one.
    for inner in programme.commitments:
        if not inner.tranches:
            continue
        holder = programme.within(inner.id)
        while holder is not None:
            brought[holder] += inner.tranche_total or 0
            if by_id[holder].tranches:
                break
            holder = programme.within(holder)
    for status in analysis.floor_status(programme):
        commitment = by_id[status.commitment]
        if commitment.tranches:
            assert status.broken_down == commitment.tranche_total
            assert status.known_from == "tranches"
        else:
            assert status.broken_down == brought[commitment.id]
            assert (status.known_from == "nothing") == (brought[commitment.id] == 0)


@given(nested_programmes(), st.randoms(use_true_random=False))
def test_the_order_of_the_commitments_changes_nothing(
    programme: bm.Programme, random: Random
) -> None:
    shuffled = list(programme.commitments)
    random.shuffle(shuffled)
    again = nest(shuffled)
    assert dict(again.standings) == dict(nest(programme.commitments).standings)
