"""What was promised, matched and paid: match status, execution and indicator progress."""

from __future__ import annotations

import decimal
from collections import Counter
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import analysis
from bassin_minier.testing import programmes
from tests.analysis.evaluated import (
    CAISSE,
    commitment,
    evaluated,
    with_joint_commitments,
    with_matches,
    with_payments,
    with_pledges,
)

D = Decimal
with_commitments = programmes().filter(lambda p: bool(p.commitments))


def match(**changes: object) -> bm.Match:
    defaults: dict[str, object] = {
        "id": "cofinancement",
        "commitment": "etat",
        "by": ["cd-nord"],
        "ratio": D("0.5"),
        "basis": "at_least",
    }
    return bm.Match(**{**defaults, **changes})  # type: ignore[arg-type]


def status_of(programme: bm.Programme) -> analysis.MatchStatus:
    (status,) = analysis.match_status(programme)
    return status


# -- match status ------------------------------------------------------------------------


def test_a_part_of_a_pledged_commitment_is_not_pledged_again() -> None:
    status = status_of(evaluated())
    assert status == analysis.MatchStatus(
        match="cofinancement",
        required=D("500000.00"),
        pledged=D("300000.00"),  # cd-nord-2019 is within cd-nord; conjoint is not cd-nord's alone
        shortfall=D("200000.00"),
        basis=bm.Basis.AT_LEAST,
        commitment="etat",
    )
    assert status.met is False
    # 0.5 × 1 000 000.00 is 500 000.000: held as amounts are, in cents, as it is whole cents.
    assert (str(status.required), str(status.shortfall)) == ("500000.00", "200000.00")


def test_a_joint_commitment_is_pledged_when_all_its_funders_match() -> None:
    programme = evaluated(matches=[match(by=["cd-nord", "caisse-des-depots"])])
    status = status_of(programme)
    assert (status.pledged, status.shortfall, status.met) == (D("550000.00"), D("0.00"), True)


def test_nothing_known_is_not_zero_pledged() -> None:
    programme = evaluated(matches=[match(by=["caisse-des-depots"], basis="at_most")])
    status = status_of(programme)
    assert (status.pledged, status.shortfall, status.met) == (None, None, None)
    assert status.required == D("500000.00")


@pytest.mark.parametrize(
    ("ratio", "basis", "shortfall", "met"),
    [
        ("0.3", "exactly", "0.00", True),
        ("0.25", "exactly", "0.00", False),  # 300 000 € pledged above the 250 000 € required
        ("0.4", "exactly", "100000.00", False),
        ("0.3", "at_most", "0.00", True),
        ("0.2", "at_most", "0.00", False),  # a ceiling has no shortfall, met or not
        ("0.3", "at_least", "0.00", True),
    ],
)
def test_each_basis_says_when_a_match_is_met(
    ratio: str, basis: str, shortfall: str, met: bool
) -> None:
    status = status_of(evaluated(matches=[match(ratio=D(ratio), basis=basis)]))
    assert (status.shortfall, status.met) == (D(shortfall), met)


def test_required_keeps_every_decimal_of_the_product() -> None:
    programme = evaluated(
        commitments=[commitment(id="etat", funder="etat", amount=D("1000.01"))],
        matches=[match(ratio=D("0.3333"))],
        payments=[],
    )
    status = status_of(programme)
    assert str(status.required) == "333.303333"
    assert status.pledged is None


def test_the_required_amount_is_the_latest_revisions() -> None:
    base = evaluated()
    revised = commitment(
        id="etat-revu", funder="etat", amount=800_000, revises="etat", conventions=("nord",)
    )
    again = commitment(id="etat-2", funder="etat", amount=600_000, revises="etat-revu")
    programme = attrs.evolve(base, commitments=[*base.commitments, revised, again])
    status = status_of(programme)
    assert (status.commitment, status.required) == ("etat-2", D("300000.00"))


def test_commitments_outside_the_matched_conventions_or_years_are_not_pledged() -> None:
    other = builders_other_convention()
    programme = evaluated(
        conventions=[*evaluated().conventions, other],
        commitments=[
            *evaluated().commitments,
            commitment(
                id="cd-nord-2021",
                funder="cd-nord",
                amount=5_000,
                period=bm.Period.from_years(2021),
            ),
            commitment(
                id="cd-nord-ailleurs",
                funder="cd-nord",
                amount=7_000,
                conventions=("nord", "pas-de-calais"),
            ),
        ],
    )
    assert status_of(programme).pledged == D("300000.00")


def builders_other_convention() -> bm.Convention:
    from tests import builders  # noqa: PLC0415 - a helper of this test only

    council = builders.council()
    return builders.other_convention(parties=(builders.state(), council), signatories=())


def pledged_by_definition(programme: bm.Programme, found: bm.Match) -> Decimal | None:
    """The definition, read literally and in quadratic time: the oracle of `match_status`."""
    by_id = {c.id: c for c in programme.commitments}
    target = by_id[found.commitment]
    revisers = {c.revises: c.id for c in reversed(programme.commitments) if c.revises}
    while target.id in revisers:
        target = by_id[revisers[target.id]]
    pledged = [
        c
        for c in programme.commitments
        if c.id not in revisers
        and c.id != target.id
        and set(c.funders) <= set(found.by)
        and set(c.conventions) <= set(target.conventions)
        and c.period in target.period
    ]
    ids = {c.id for c in pledged}
    counted = [c.amount for c in pledged if programme.within(c.id) not in ids]
    return sum(counted, D("0.00")) if pledged else None


@settings(max_examples=50)
@given(st.data())
def test_match_status_follows_its_definition(data: st.DataObject) -> None:
    drawn = with_commitments.flatmap(data.draw(st.sampled_from([with_matches, with_pledges])))
    programme = data.draw(drawn)
    for found, status in zip(programme.matches, analysis.match_status(programme), strict=True):
        assert status.match == found.id
        assert status.pledged == pledged_by_definition(programme, found)
        target = programme.commitment(status.commitment)
        assert status.required == found.ratio * target.amount
        assert -6 <= int(status.required.as_tuple().exponent) <= -2  # cents, or every digit
        if status.pledged is None:
            assert (status.shortfall, status.met) == (None, None)
            continue
        assert status.shortfall is not None
        assert status.shortfall >= 0
        if found.basis is bm.Basis.AT_MOST:
            assert status.shortfall == 0
        else:
            assert status.shortfall == max(D(0), status.required - status.pledged)
        if found.basis is bm.Basis.AT_LEAST:
            assert status.met == (status.shortfall == 0)


# -- execution ---------------------------------------------------------------------------


def test_execution_sets_paid_against_committed() -> None:
    rows = analysis.execution(evaluated())
    row = analysis.ExecutionRow
    assert rows == (
        row(
            commitment="etat",
            funder="etat",
            year=2019,
            committed=D("400000.00"),
            paid=D("400000.00"),
            remaining=D("0.00"),
        ),
        row(
            commitment="etat",
            funder="etat",
            year=2020,
            committed=D("600000.00"),
            paid=D("650000.00"),
            remaining=D("-50000.00"),  # overpaid: reported, not refused
        ),
        row(  # with the 80 000 € paid under cd-nord-2019, which lies within it
            commitment="cd-nord",
            funder="cd-nord",
            year=None,
            committed=D("300000.00"),
            paid=D("80000.00"),
            remaining=D("220000.00"),
        ),
        row(  # not reported is not zero paid
            commitment="conjoint",
            funder="caisse-des-depots+cd-nord",
            year=None,
            committed=D("250000.00"),
            paid=None,
            remaining=None,
        ),
    )


def test_a_year_paid_only_and_a_year_not_paid() -> None:
    only_2019 = commitment(
        id="etat",
        funder="etat",
        amount=400_000,
        tranches=[bm.Tranche(year=2019, amount=400_000, convention="nord")],
    )
    programme = evaluated(
        commitments=[only_2019],
        matches=[],
        payments=[bm.Payment(commitment="etat", year=2020, amount=1_000)],
    )
    first, second = analysis.execution(programme)
    assert (first.year, first.committed, first.paid, first.remaining) == (
        2019,
        D("400000.00"),
        D("0.00"),
        D("400000.00"),
    )
    assert (second.year, second.committed, second.paid, second.remaining) == (
        2020,
        D("0.00"),
        D("1000.00"),
        D("-1000.00"),
    )


def test_a_payment_under_a_revised_commitment_counts_under_its_revision() -> None:
    base = evaluated()
    revised = commitment(id="etat-revu", funder="etat", amount=900_000, revises="etat")
    programme = attrs.evolve(base, commitments=[*base.commitments, revised])
    rows = {(r.commitment, r.year): r for r in analysis.execution(programme)}
    assert ("etat", 2019) not in rows
    assert rows["etat-revu", None].paid == D("1050000.00")
    assert rows["etat-revu", None].remaining == D("-150000.00")


@settings(max_examples=30)
@given(st.data())
def test_every_payment_counts_once_under_a_commitment_that_counts(data: st.DataObject) -> None:
    # With pledges around a commitment, many commitments lie within others.
    nested = data.draw(st.booleans())
    drawn = with_commitments.flatmap(with_pledges) if nested else with_commitments
    programme = data.draw(drawn.flatmap(with_payments))
    rows = analysis.execution(programme)
    paid = [r.paid for r in rows if r.paid is not None]
    assert sum(paid, D(0)) == sum((p.amount for p in programme.payments), D(0))
    counted = {r.commitment for r in analysis.commitment_rows(programme) if r.counted}
    assert list(dict.fromkeys(r.commitment for r in rows)) == [
        c.id for c in programme.commitments if c.id in counted
    ]
    for c in programme.commitments:
        mine = [r for r in rows if r.commitment == c.id]
        if not mine:
            continue
        assert {r.funder for r in mine} == {c.funded_by}
        expected = c.tranche_total if c.tranches else c.amount
        assert sum((r.committed for r in mine), D(0)) == expected
        years = [r.year for r in mine]
        assert years == ([None] if not c.tranches else sorted(y for y in years if y is not None))
        for r in mine:
            assert (r.paid is None) == (r.remaining is None)
            if r.paid is not None:
                assert r.remaining == r.committed - r.paid
        assert len({r.paid is None for r in mine}) == 1  # known for all its years, or none


# -- joint commitments in every total ----------------------------------------------------


@settings(max_examples=30)
@given(st.data())
def test_a_joint_commitment_appears_once_in_every_total(data: st.DataObject) -> None:
    drawn = programmes(with_tranches=True).filter(lambda p: bool(p.commitments))
    programme = data.draw(drawn.flatmap(with_joint_commitments).flatmap(with_payments))
    joint = {c.funded_by for c in programme.commitments if c.co_funders}
    assert joint
    assert all("+" in key for key in joint)
    rows = analysis.commitment_rows(programme)
    by_funder = analysis.totals(rows, "funder")
    assert by_funder == dict(sorted(programme.totals_by_funder().items()))
    assert "partenaire-commun" not in by_funder  # never split out to one of the funders
    tranches = analysis.tranche_rows(programme)
    assert {r.funder for r in tranches} <= set(by_funder) | {
        c.funded_by for c in programme.commitments
    }
    assert analysis.totals(tranches, "year") == programme.totals_by_year()
    for c in programme.commitments:
        assert Counter(r.commitment for r in rows)[c.id] == 1
        (status,) = [s for s in analysis.floor_status(programme) if s.commitment == c.id]
        assert status.funder == c.funded_by
    executed = analysis.execution(programme)
    assert {r.funder for r in executed} <= set(by_funder)
    assert sum((r.paid or D(0) for r in executed), D(0)) == sum(
        (p.amount for p in programme.payments), D(0)
    )


def test_a_joint_commitment_is_one_row_under_its_funders_together() -> None:
    rows = analysis.commitment_rows(evaluated())
    assert [r.funder for r in rows] == ["etat", "cd-nord", "cd-nord", "caisse-des-depots+cd-nord"]
    assert analysis.totals(rows, "funder") == {
        "caisse-des-depots+cd-nord": D("250000.00"),
        "cd-nord": D("300000.00"),
        "etat": D("1000000.00"),
    }


# -- indicator progress ------------------------------------------------------------------


def test_indicator_progress_lines_up_targets_and_results() -> None:
    rows = analysis.indicator_progress(evaluated())
    seen = [(r.year, r.baseline, r.target, r.result) for r in rows]
    assert seen == [
        (2018, D(100), None, None),
        (2019, D(100), D(150), D("120.5")),
        (2020, D(100), D(200), None),
    ]
    assert {(r.convention, r.indicator, r.baseline_year, r.unit) for r in rows} == {
        ("nord", "jeunes-accompagnes", 2018, "jeunes")
    }


def test_an_indicator_without_baseline_or_measure() -> None:
    bare = bm.Indicator(id="bare", label="Rien encore", unit="personnes")
    no_baseline = bm.Indicator(
        id="sans-reference",
        label="Sans référence",
        unit="%",
        results=[bm.Measure(year=2020, value=D("-2.5"))],
    )
    convention = attrs.evolve(evaluated().conventions[0], indicators=[bare, no_baseline])
    (row,) = analysis.indicator_progress(evaluated(conventions=[convention]))
    assert (row.indicator, row.year, row.baseline, row.baseline_year, row.target, row.result) == (
        "sans-reference",
        2020,
        None,
        None,
        None,
        D("-2.5"),
    )


measures = st.lists(
    st.builds(
        bm.Measure,
        year=st.integers(2010, 2030),
        value=st.decimals(min_value=-(10**9), max_value=10**9, places=6),
    ),
    max_size=5,
    unique_by=lambda m: m.year,
)


@given(
    measures,
    measures,
    st.none() | st.builds(bm.Measure, year=st.integers(2010, 2030), value=st.integers(0, 10**6)),
)
def test_every_measure_is_in_one_row(
    targets: list[bm.Measure], results: list[bm.Measure], baseline: bm.Measure | None
) -> None:
    indicator = bm.Indicator(
        id="i",
        label="Un indicateur",
        unit="u",
        targets=targets,
        results=results,
        baseline=baseline,
    )
    convention = attrs.evolve(evaluated().conventions[0], indicators=[indicator])
    rows = analysis.indicator_progress(evaluated(conventions=[convention]))
    years = [r.year for r in rows]
    assert years == sorted(set(years))
    assert {r.year: r.target for r in rows if r.target is not None} == {
        m.year: m.value for m in targets
    }
    assert {r.year: r.result for r in rows if r.result is not None} == {
        m.year: m.value for m in results
    }
    expected = {m.year for m in (*targets, *results)} | ({baseline.year} if baseline else set())
    assert set(years) == expected
    assert all(r.baseline == (baseline.value if baseline else None) for r in rows)


def test_the_rows_are_exact_whatever_the_callers_context() -> None:
    programme = evaluated(
        commitments=[commitment(id="etat", funder="etat", amount=D("999999999999.99"))],
        matches=[match(ratio=D("999.9999"))],
        payments=[bm.Payment(commitment="etat", year=2019, amount=D("0.01"))],
    )
    with decimal.localcontext(decimal.Context(prec=3)):
        (status,) = analysis.match_status(programme)
        (row,) = analysis.execution(programme)
    assert status.required == D("999999999999.99") * D("999.9999")
    assert row.remaining == D("999999999999.98")


def test_the_partner_is_found() -> None:
    assert evaluated().party("caisse-des-depots") == CAISSE


# -- what an evaluator misses ------------------------------------------------------------


def test_gaps_name_an_unpaid_commitment_and_an_indicator_without_result() -> None:
    indicator = bm.Indicator(
        id="sans-resultat",
        label="Sans résultat",
        unit="places",
        targets=[bm.Measure(year=2020, value=10)],
    )
    base = evaluated()
    convention = attrs.evolve(
        base.conventions[0], indicators=[*base.conventions[0].indicators, indicator]
    )
    found = [str(g) for g in bm.gaps(evaluated(conventions=[convention]))]
    assert "$.conventions[0].indicators[1].results: targets are set but no result is known" in (
        found
    )
    assert not any(g.startswith("$.conventions[0].indicators[0]") for g in found)
    unpaid = [g for g in found if "no payment" in g]
    # cd-nord holds cd-nord-2019, which is paid; the joint commitment has nothing.
    assert unpaid == [
        "$.commitments[3]: no payment is recorded under the commitment, nor under those it holds"
    ]
    assert [str(g) for g in bm.gaps(indicator)] == [
        "$.results: targets are set but no result is known"
    ]


def test_a_programme_that_records_no_payment_is_not_followed_up_yet() -> None:
    assert not any("no payment" in str(g) for g in bm.gaps(evaluated(payments=[])))
