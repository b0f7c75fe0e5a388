"""Shared money and its evaluation: actions, indicators and their measures, matching rules,
payments, partners and joint commitments, built directly in Python."""

from __future__ import annotations

import decimal
import re
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._base.errors import UnknownIdError
from bassin_minier._rules.numbers import (
    NUMBER_PATTERN,
    RATIO_PATTERN,
    as_number,
    format_number,
    parse_number_text,
)
from tests import builders
from tests.model.money import (
    action,
    indicator,
    joint_commitment,
    match,
    measure,
    partner,
    payment,
    programme_with_money,
    with_actions,
)

# -- measured values and ratios ----------------------------------------------------------------


def test_an_int_is_held_as_a_decimal() -> None:
    held = measure(value=23_000).value
    assert type(held) is Decimal
    assert held == Decimal(23_000)
    assert match(ratio=1).ratio == Decimal(1)


def test_a_value_in_exponent_form_is_held_in_plain_digits() -> None:
    held = measure(value=Decimal("2.3E+4")).value
    assert held == 23_000
    assert str(held) == "23000"
    assert held.as_tuple().exponent == 0
    assert str(match(ratio=Decimal("1E+1")).ratio) == "10"


def test_a_value_is_held_alike_whatever_the_decimal_context() -> None:
    with decimal.localcontext(decimal.Context(prec=2, traps=[decimal.Inexact])):
        assert str(measure(value=Decimal("1.5E+7")).value) == "15000000"


@pytest.mark.parametrize(
    "value", [Decimal(0), Decimal("-0"), Decimal("-12.5"), Decimal("-999999999999999.999999")]
)
def test_zero_and_negative_values_are_measures(value: Decimal) -> None:
    # A change from the baseline, a balance: measures may be nought or below.
    assert measure(value=value).value == value


@pytest.mark.parametrize("ratio", [Decimal(0), Decimal("-0"), Decimal("-0.5"), -1])
def test_zero_and_negative_ratios_are_refused(ratio: Decimal | int) -> None:
    with pytest.raises(bm.ValidationError) as info:
        match(ratio=ratio)
    assert [(v.path, v.rule) for v in info.value.violations] == [("$.ratio", "ratio")]
    assert "strictly positive" in info.value.violations[0].message


@pytest.mark.parametrize(
    "ratio", [Decimal("0.0001"), Decimal("0.3333"), Decimal("0.5"), 1, Decimal("999.9999")]
)
def test_ratios_up_to_four_decimals_below_a_thousand_are_accepted(ratio: Decimal | int) -> None:
    assert match(ratio=ratio).ratio == ratio


def test_a_decimal_subclass_is_judged_by_its_value() -> None:
    class Figure(Decimal):
        pass

    assert measure(value=Figure("2.5")).value == Decimal("2.5")
    with pytest.raises(bm.ValidationError) as info:
        measure(value=Figure("NaN"))
    assert [v.rule for v in info.value.violations] == ["number"]


@given(
    st.decimals(
        min_value=Decimal("-999999999999999.999999"),
        max_value=Decimal("999999999999999.999999"),
        places=6,
    )
)
def test_a_measured_value_is_written_plainly_and_read_back(value: Decimal) -> None:
    held = measure(value=value).value
    text = format_number(held)
    assert re.fullmatch(NUMBER_PATTERN, text)
    read = parse_number_text(text)
    assert read == value
    assert read is not None
    assert measure(value=read) == measure(value=value)


@given(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("999.9999"), places=4))
def test_a_ratio_is_written_plainly(ratio: Decimal) -> None:
    held = match(ratio=ratio).ratio
    assert re.fullmatch(RATIO_PATTERN, format_number(held))


@given(st.integers(-(10**15) + 1, 10**15 - 1))
def test_as_number_keeps_every_int_in_range(value: int) -> None:
    held = as_number(value)
    assert held == value
    assert held.as_tuple().exponent == 0


# -- actions and indicators -----------------------------------------------------------------


def test_a_convention_finds_its_actions_and_indicators() -> None:
    nord = with_actions()
    assert nord.action("referents-parcours") == action()
    assert nord.indicator("jeunes-accompagnes") == indicator()


@pytest.mark.parametrize(
    ("look_up", "wanted"), [("action", "logement"), ("indicator", "logements-construits")]
)
def test_an_unknown_action_or_indicator_is_an_unknown_id(look_up: str, wanted: str) -> None:
    with pytest.raises(UnknownIdError) as info:
        getattr(with_actions(), look_up)(wanted)
    assert repr(wanted) in str(info.value)
    assert "'nord'" in str(info.value)


def test_an_indicator_gives_its_target_and_result_of_a_year() -> None:
    measured = indicator()
    assert measured.target(2021) == 200
    assert measured.result(2020) == 120
    assert measured.result(2021) is None
    assert measured.target(2019) is None  # the baseline year has no target


def test_a_convention_without_actions_is_what_it_was() -> None:
    plain = builders.convention()
    assert (plain.actions, plain.indicators) == ((), ())


def test_an_action_of_no_priority_and_no_lead_is_valid() -> None:
    loose = with_actions(actions=(action(priority=None, lead=None),))
    assert loose.actions[0].priority is None


# -- partners, matches, payments --------------------------------------------------------------


def test_a_programme_finds_its_partners_as_parties() -> None:
    funded = programme_with_money()
    assert funded.party("caisse-des-depots") == partner()
    assert funded.party("cd-nord").name == "Conseil départemental du Nord"
    # A partner is party to no convention: it is not among the parties of the conventions.
    assert "caisse-des-depots" not in {p.id for p in funded.parties}


def test_an_unknown_party_names_the_partners_too() -> None:
    with pytest.raises(UnknownIdError) as info:
        programme_with_money().party("region-hdf")
    assert "'caisse-des-depots'" in str(info.value)


def test_a_partner_may_fund_alone() -> None:
    alone = joint_commitment(id="cdc-2020", funder="caisse-des-depots", co_funders=())
    funded = programme_with_money(commitments=(builders.commitment(), alone), payments=())
    assert funded.totals_by_funder()["caisse-des-depots"] == Decimal("1000000.00")


def test_matching_and_overpaying_are_not_construction_errors() -> None:
    # Nothing the councils commit reaches half the State's money, and the payment is more
    # than the joint commitment: both are for analysis to report.
    overpaid = payment(commitment="referents-2020", year=2020, amount=5_000_000)
    funded = programme_with_money(payments=(overpaid,))
    assert funded.matches == (match(),)
    assert funded.payments[0].amount > funded.commitment("referents-2020").amount


def test_identical_payments_are_a_repeat_but_two_instalments_are_not() -> None:
    instalments = (payment(), payment(paid_on=None), payment(amount=1))
    assert programme_with_money(payments=instalments).payments == instalments


# -- joint commitments ------------------------------------------------------------------------


def test_the_funders_are_the_funder_then_the_co_funders() -> None:
    joint = joint_commitment(funder="etat", co_funders=("cd-nord", "caisse-des-depots"))
    assert joint.funders == ("etat", "cd-nord", "caisse-des-depots")
    assert joint.funded_by == "caisse-des-depots+cd-nord+etat"
    alone = builders.commitment()
    assert (alone.funders, alone.funded_by) == (("etat",), "etat")


def test_a_joint_commitment_lies_within_a_joint_one_of_the_same_funders_only() -> None:
    whole = joint_commitment(id="cdc-nord", period=builders.period(), co_funders=("etat",))
    year = joint_commitment(funder="etat", co_funders=("cd-nord",))
    assert year.lies_within(whole)  # the same funders, named in another order
    assert not whole.lies_within(year)
    alone = joint_commitment(co_funders=())
    assert not alone.lies_within(whole)  # the Nord council alone is not both together
    assert not year.lies_within(attrs.evolve(whole, co_funders=("etat", "caisse-des-depots")))


def test_a_joint_commitment_is_reported_once_under_its_funders_together() -> None:
    totals = programme_with_money().totals_by_funder()
    assert totals == {
        "etat": Decimal("48000000.00"),
        "caisse-des-depots+cd-nord": Decimal("1000000.00"),
    }


# -- properties of joint money ----------------------------------------------------------------

_PARTNER = "caisse-des-depots"
# The conventions each party is a party to; the partner funds wherever it is asked.
_PARTIES_OF = {
    "etat": {"nord", "pas-de-calais", "bassin-minier"},
    "cd-nord": {"nord", "bassin-minier"},
    "cd-pas-de-calais": {"pas-de-calais", "bassin-minier"},
    _PARTNER: {"nord", "pas-de-calais", "bassin-minier"},
}
_BASIN = bm.datasets.bassin_minier_2019()
_PERIODS = (
    bm.Period.from_years(2019, 2021),
    bm.Period.from_years(2020, 2021),
    bm.Period.from_years(2020),
)


@st.composite
def _commitment(
    draw: st.DrawFn, index: int, earlier: Sequence[bm.FundingCommitment]
) -> bm.FundingCommitment:
    funders = draw(
        st.lists(st.sampled_from(sorted(_PARTIES_OF)), min_size=1, max_size=3, unique=True)
    )
    where = sorted(set.intersection(*(_PARTIES_OF[f] for f in funders)))
    covered = draw(st.lists(st.sampled_from(where), max_size=2, unique=True)) if where else []
    same_funder = [c.id for c in earlier if c.funder == funders[0]]
    revises = draw(st.sampled_from([None, *same_funder]))
    return bm.FundingCommitment(
        id=f"engagement-{index}",
        funder=funders[0],
        co_funders=funders[1:],
        amount=Decimal(draw(st.integers(1, 1_000_000))).scaleb(-2),
        basis=draw(st.sampled_from(bm.Basis)),
        period=draw(st.sampled_from(_PERIODS)),
        conventions=covered,
        revises=revises,
    )


@st.composite
def joint_programmes(draw: st.DrawFn, *, revisions: bool = True) -> bm.Programme:
    commitments: list[bm.FundingCommitment] = []
    for index in range(draw(st.integers(0, 7))):
        drawn = draw(_commitment(index, commitments if revisions else ()))
        commitments.append(drawn)
    return attrs.evolve(
        _BASIN, commitments=commitments, partners=(partner(),), matches=(), payments=()
    )


def _expected_totals(commitments: Sequence[bm.FundingCommitment]) -> dict[str, Decimal]:
    """The sum of the outermost of the latest commitments, per funders together."""
    revised = {c.revises for c in commitments}
    latest = [c for c in commitments if c.id not in revised]
    outermost = [c for c in latest if not any(c.lies_within(o) for o in latest)]
    expected: dict[str, Decimal] = {}
    for commitment in outermost:
        key = "+".join(sorted({commitment.funder, *commitment.co_funders}))
        expected[key] = expected.get(key, Decimal(0)) + commitment.amount
    return expected


@given(joint_programmes())
def test_totals_add_the_outermost_latest_commitments_under_their_funders(
    programme: bm.Programme,
) -> None:
    assert programme.totals_by_funder() == _expected_totals(programme.commitments)


@given(joint_programmes(revisions=False), st.data())
def test_a_joint_commitment_counts_once_whatever_the_order_of_its_funders(
    programme: bm.Programme, data: st.DataObject
) -> None:
    reordered = []
    for commitment in programme.commitments:
        funders = data.draw(st.permutations(commitment.funders))
        reordered.append(attrs.evolve(commitment, funder=funders[0], co_funders=funders[1:]))
    again = attrs.evolve(programme, commitments=reordered)
    assert [c.funded_by for c in again.commitments] == [c.funded_by for c in programme.commitments]
    assert again.totals_by_funder() == programme.totals_by_funder()


@given(joint_programmes())
def test_each_total_is_of_funders_whose_commitment_counts(programme: bm.Programme) -> None:
    commitments = programme.commitments
    revised = {c.revises for c in commitments}
    counted = [c for c in commitments if c.id not in revised]
    totals = programme.totals_by_funder()
    # A total is under the funders of a commitment that counts, together: never under one
    # funder of a joint commitment alone.
    assert set(totals) <= {c.funded_by for c in counted}
    for commitment in counted:
        if programme.within(commitment.id) is None:
            assert totals[commitment.funded_by] >= commitment.amount
    for key in totals:
        funders = key.split("+")
        assert funders == sorted(set(funders))


def test_diff_shows_a_payment_added_and_a_co_funder_dropped() -> None:
    before = programme_with_money()
    late = payment(year=2020, amount=1, paid_on=None)
    joint = attrs.evolve(before.commitments[1], co_funders=())
    after = attrs.evolve(
        before, commitments=(before.commitments[0], joint), payments=(*before.payments, late)
    )
    assert bm.diff(before, after) == (
        bm.Change(path="$.commitments[1].co_funders", before=("caisse-des-depots",), after=()),
        bm.Change(path="$.payments[2]", before=None, after=late),
    )


def test_a_huge_measured_value_is_cut_short_in_its_message() -> None:
    with pytest.raises(bm.ValidationError) as info:
        measure(value=Decimal("9" * 100))
    (violation,) = info.value.violations
    assert violation.rule == "number"
    assert "99999999999999999999… (100 characters)" in violation.message


def test_a_co_funder_is_reported_once_naming_the_first_conventions_it_is_absent_from() -> None:
    # Twelve conventions of the State alone: the Nord council is a party to none of them.
    many = [
        builders.convention(id=f"convention-{n:02d}", parties=(builders.state(),), signatories=())
        for n in range(12)
    ]
    joint = joint_commitment(
        funder="etat", co_funders=("cd-nord",), conventions=[c.id for c in many], action=None
    )
    with pytest.raises(bm.ValidationError) as info:
        builders.programme(conventions=many, commitments=(joint,))
    (violation,) = info.value.violations
    assert violation.path == "$.commitments[0].co_funders[0]"
    assert "conventions 'convention-00', 'convention-01'" in violation.message
    assert "'convention-09' and 2 more" in violation.message
