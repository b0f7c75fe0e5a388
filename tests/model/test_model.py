"""The model's helpers, conveniences, errors and completeness report."""

from __future__ import annotations

import datetime as dt
import decimal
import pickle
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta

import bassin_minier
from bassin_minier import (
    Amendment,
    Basis,
    BassinMinierError,
    Convention,
    ConventionKind,
    FundingCommitment,
    Gap,
    MalformedDocumentError,
    Participant,
    PartyKind,
    Period,
    Programme,
    TerritoryKind,
    Tranche,
    UnknownIdError,
    ValidationError,
    Violation,
    gaps,
)
from bassin_minier.datasets import bassin_minier_2019
from tests.builders import (
    commitment,
    convention,
    council,
    milestone,
    participant,
    period,
    prefect,
    priority,
    programme,
    state,
    strategy,
    territory,
    tranche,
    tranches,
)

THREE_YEARS = period()  # the years 2019 to 2021 that the seed's conventions cover

# -- a programme with money broken down by year ---------------------------------------------


def broken_down_programme() -> Programme:
    """Two funders, with tranches over two conventions and three years."""
    state_money = commitment(
        amount=Decimal("1000.00"),
        basis=Basis.EXACTLY,
        conventions=("nord", "pas-de-calais"),
        tranches=(
            tranche(year=2019, amount=Decimal("300.00")),
            tranche(year=2020, amount=Decimal("200.50"), convention="pas-de-calais"),
            tranche(year=2020, amount=Decimal("499.50")),
        ),
    )
    council_money = commitment(
        id="cd-nord-2020",
        funder="cd-nord",
        amount=Decimal("250"),
        basis=Basis.AT_MOST,
        period=Period.from_years(2020, 2021),
        conventions=("nord",),
        tranches=(
            tranche(year=2021, amount=Decimal("100.00")),
            tranche(year=2020, amount=Decimal("0.25")),
        ),
    )
    extra_state = commitment(id="etat-bonus", amount=Decimal("0.75"), conventions=("nord",))
    return programme(commitments=(state_money, council_money, extra_state))


# -- Period ---------------------------------------------------------------------------------


def test_from_years_covers_whole_calendar_years() -> None:
    assert Period.from_years(2019) == Period(start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31))
    assert Period.from_years(2019, 2021) == Period(
        start=dt.date(2019, 1, 1), end=dt.date(2021, 12, 31)
    )


@pytest.mark.parametrize(
    ("years", "path", "rule", "words"),
    [
        ((0, 2021), "$.start", "type", "from 1 to 9999"),
        ((2019, 10000), "$.end", "type", "from 1 to 9999"),
        ((2021, 2019), "$.end", "period-order", "before it starts"),
        (("2019", 2021), "$.start", "type", "a year"),
        ((2019, 2021.0), "$.end", "type", "a year"),
        # Too many digits for str(int): the message must not try to print it whole.
        ((10**5000, 2021), "$.start", "type", "from 1 to 9999"),
    ],
    ids=["year 0", "year 10000", "reversed", "text", "float", "year of 5001 digits"],
)
def test_from_years_refuses_impossible_years(
    years: tuple[Any, ...], path: str, rule: str, words: str
) -> None:
    with pytest.raises(ValidationError) as info:
        Period.from_years(*years)
    (violation,) = info.value.violations
    assert (violation.path, violation.rule) == (path, rule)
    assert words in violation.message


def test_from_years_with_one_impossible_year_reports_both_ends() -> None:
    with pytest.raises(ValidationError) as info:
        Period.from_years(0)
    assert [(v.path, v.rule) for v in info.value.violations] == [
        ("$.start", "type"),
        ("$.end", "type"),
    ]


def test_years_lists_every_calendar_year_touched() -> None:
    assert THREE_YEARS.years == (2019, 2020, 2021)
    assert Period(start=dt.date(2019, 7, 10), end=dt.date(2020, 1, 1)).years == (2019, 2020)
    assert Period.from_years(2020).years == (2020,)


def test_days_counts_both_ends() -> None:
    assert THREE_YEARS.days == 365 + 366 + 365
    assert Period(start=dt.date(2019, 7, 10), end=dt.date(2019, 7, 10)).days == 1


@pytest.mark.parametrize(
    ("period", "duration"),
    [
        (THREE_YEARS, relativedelta(years=3)),
        (Period.from_years(2020), relativedelta(years=1)),
        (Period(start=dt.date(2019, 7, 10), end=dt.date(2019, 8, 9)), relativedelta(months=1)),
        (Period(start=dt.date(2019, 7, 10), end=dt.date(2019, 7, 10)), relativedelta(days=1)),
        # The last representable day: the day after it does not exist.
        (Period(start=dt.date(9999, 1, 1), end=dt.date.max), relativedelta(years=1)),
    ],
    ids=["three years", "one year", "one month", "one day", "up to the last date"],
)
def test_duration_is_in_calendar_units(period: Period, duration: relativedelta) -> None:
    assert period.duration == duration


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (dt.date(2019, 1, 1), True),
        (dt.date(2020, 2, 29), True),
        (dt.date(2021, 12, 31), True),
        (dt.date(2018, 12, 31), False),
        (dt.date(2022, 1, 1), False),
    ],
    ids=str,
)
def test_date_in_period(day: dt.date, inside: bool) -> None:
    assert (day in THREE_YEARS) is inside


def test_period_in_period() -> None:
    assert Period.from_years(2020) in THREE_YEARS
    assert Period.from_years(2019, 2021) in THREE_YEARS
    assert Period.from_years(2018, 2019) not in THREE_YEARS
    assert Period.from_years(2021, 2022) not in THREE_YEARS
    assert THREE_YEARS not in Period.from_years(2020)


@pytest.mark.parametrize(
    "item", ["2020-01-01", 2020, None, dt.datetime(2020, 1, 1, 12, 0)], ids=repr
)
def test_containment_of_non_dates_is_a_type_error(item: object) -> None:
    with pytest.raises(TypeError, match="Period"):
        _ = item in THREE_YEARS


@pytest.mark.parametrize(
    ("other", "shared"),
    [
        (Period.from_years(2020, 2022), True),
        (Period.from_years(2021), True),
        (Period(start=dt.date(2018, 1, 1), end=dt.date(2019, 1, 1)), True),
        (Period.from_years(2010, 2030), True),
        (Period.from_years(2022), False),
        (Period(start=dt.date(2018, 1, 1), end=dt.date(2018, 12, 31)), False),
    ],
    ids=["later", "last year", "first day", "around", "after", "before"],
)
def test_overlaps_when_a_day_is_shared(other: Period, shared: bool) -> None:
    assert THREE_YEARS.overlaps(other) is shared
    assert other.overlaps(THREE_YEARS) is shared


# -- look-ups -------------------------------------------------------------------------------


def test_convention_look_ups() -> None:
    mining_basin = bassin_minier_2019().convention("bassin-minier")
    assert mining_basin.party("cd-nord").name == "Conseil départemental du Nord"
    assert mining_basin.priority("prevention").themes == ("petite enfance", "santé", "parentalité")
    prefects = mining_basin.signatories_for("etat")
    assert [s.name for s in prefects] == ["Michel Lalande", "Fabien Sudry"]
    assert [s.name for s in mining_basin.signatories_for("cd-pas-de-calais")] == ["Nicole Gruson"]


def test_signatories_for_a_party_without_known_signatories_is_empty() -> None:
    assert bassin_minier_2019().convention("nord").signatories_for("cd-nord") == ()


@pytest.mark.parametrize(
    ("look_up", "wanted", "known"),
    [
        (lambda c: c.party("cd-lens"), "'cd-lens'", ("'etat'", "'cd-nord'")),
        (lambda c: c.priority("sante"), "'sante'", ("'prevention'",)),
        (lambda c: c.signatories_for("cd-lens"), "'cd-lens'", ("'etat'", "'cd-nord'")),
    ],
    ids=["party", "priority", "signatories_for"],
)
def test_convention_look_up_of_an_unknown_id(
    look_up: Callable[[Convention], object], wanted: str, known: tuple[str, ...]
) -> None:
    with pytest.raises(UnknownIdError) as info:
        look_up(convention())
    message = str(info.value)
    assert wanted in message
    assert "'nord'" in message
    assert all(k in message for k in known)


def test_programme_look_ups_in_the_built_in_dataset() -> None:
    programme = bassin_minier_2019()
    assert programme.convention("pas-de-calais").territory.code == "62"
    state_money = programme.commitment("etat-2019-2021")
    assert (state_money.amount, state_money.basis) == (Decimal(48_000_000), Basis.AT_LEAST)
    assert programme.party("etat").kind is PartyKind.STATE
    assert [p.id for p in programme.parties] == ["etat", "cd-nord", "cd-pas-de-calais"]
    assert programme.commitments_for("bassin-minier") == (state_money,)
    assert programme.totals_by_funder() == {"etat": Decimal("48000000.00")}
    # The seed gives no yearly breakdown, so there is nothing to sum per year.
    assert programme.totals_by_year() == {}
    assert programme.totals_by_convention() == {}


@pytest.mark.parametrize(
    ("look_up", "wanted", "known"),
    [
        (lambda p: p.convention("lens"), "convention 'lens'", "'nord', 'pas-de-calais'"),
        (lambda p: p.commitment("region"), "commitment 'region'", "'etat-2019-2021'"),
        (lambda p: p.party("cd-lens"), "party 'cd-lens'", "'etat', 'cd-nord'"),
        (lambda p: p.commitments_for("lens"), "convention 'lens'", "'nord', 'pas-de-calais'"),
    ],
    ids=["convention", "commitment", "party", "commitments_for"],
)
def test_programme_look_up_of_an_unknown_id(
    look_up: Callable[[Programme], object], wanted: str, known: str
) -> None:
    with pytest.raises(UnknownIdError) as info:
        look_up(programme())
    error = info.value
    assert isinstance(error, KeyError)
    assert isinstance(error, BassinMinierError)
    assert wanted in str(error)
    assert "'plan-pauvrete'" in str(error)
    assert known in str(error)


def test_unknown_id_error_is_caught_as_a_key_error() -> None:
    with pytest.raises(KeyError):
        programme().convention("lens")


def test_look_up_in_an_empty_collection_says_none_are_known() -> None:
    with pytest.raises(UnknownIdError, match="known: none"):
        programme(conventions=(), commitments=()).convention("nord")


def test_commitments_for_a_convention() -> None:
    broken_down = broken_down_programme()
    assert [c.id for c in broken_down.commitments_for("nord")] == [
        "etat-2019-2021",
        "cd-nord-2020",
        "etat-bonus",
    ]
    assert [c.id for c in broken_down.commitments_for("pas-de-calais")] == ["etat-2019-2021"]


def test_programme_totals() -> None:
    broken_down = broken_down_programme()
    # The State's 0.75 € over the Nord alone lies within its 1000 € over both conventions.
    assert broken_down.within("etat-bonus") == "etat-2019-2021"
    assert broken_down.totals_by_funder() == {
        "etat": Decimal("1000.00"),
        "cd-nord": Decimal("250"),
    }
    assert list(broken_down.totals_by_year().items()) == [
        (2019, Decimal("300.00")),
        (2020, Decimal("700.25")),
        (2021, Decimal("100.00")),
    ]
    assert broken_down.totals_by_convention() == {
        "nord": Decimal("899.75"),
        "pas-de-calais": Decimal("200.50"),
    }


# -- a commitment's breakdown ---------------------------------------------------------------


def test_commitment_breakdown() -> None:
    state_money = broken_down_programme().commitment("etat-2019-2021")
    assert state_money.tranche_total == Decimal("1000.00")
    assert list(state_money.by_year().items()) == [
        (2019, Decimal("300.00")),
        (2020, Decimal("700.00")),
    ]
    assert list(state_money.by_convention().items()) == [
        ("nord", Decimal("799.50")),
        ("pas-de-calais", Decimal("200.50")),
    ]


def test_by_year_is_in_year_order() -> None:
    council_money = broken_down_programme().commitment("cd-nord-2020")
    assert list(council_money.by_year()) == [2020, 2021]


def test_a_commitment_without_tranches_has_no_breakdown() -> None:
    assert commitment().tranche_total is None
    assert commitment().by_year() == {}
    assert commitment().by_convention() == {}


def test_a_tranche_year_too_long_to_print_is_a_validation_error() -> None:
    def far_commitment() -> FundingCommitment:
        far = Tranche(year=10**5000, amount=Decimal("1.00"), convention="nord")
        return commitment(amount=Decimal("1.00"), tranches=(far,))

    # Refusing the year in the tranche itself or in its commitment would both do.
    with pytest.raises(ValidationError) as info:
        far_commitment()
    assert any(v.path.endswith(".year") for v in info.value.violations)


def _precise_commitment(amount: str) -> FundingCommitment:
    return commitment(
        amount=Decimal(amount),
        basis=Basis.EXACTLY,
        tranches=tranches("1234567.89", "0.01"),
    )


def test_sums_are_exact_under_a_low_precision_context() -> None:
    with decimal.localcontext(decimal.Context(prec=3)):
        precise = _precise_commitment("1234567.90")
        assert precise.tranche_total == Decimal("1234567.90")
        assert precise.by_convention() == {"nord": Decimal("1234567.90")}
        totals = programme(commitments=(precise,)).totals_by_year()
    assert totals == {2019: Decimal("1234567.89"), 2020: Decimal("0.01")}


def test_basis_is_checked_exactly_under_a_low_precision_context() -> None:
    # Rounded to 3 digits, both sides would read 1.23E+6 and look equal.
    with decimal.localcontext(decimal.Context(prec=3)), pytest.raises(ValidationError) as info:
        _precise_commitment("1230000.00")
    (violation,) = info.value.violations
    assert violation.rule == "tranche-basis"
    assert "1234567.90" in violation.message
    assert "exactly 1230000.00" in violation.message


# -- conveniences ---------------------------------------------------------------------------


def test_lists_become_tuples() -> None:
    built = convention(parties=[state(), council()], priorities=[priority(themes=["santé"])])
    assert built.parties == (state(), council())
    assert isinstance(built.parties, tuple)
    assert built.priorities[0].themes == ("santé",)
    assert territory(within=["32"]).within == ("32",)
    assert programme(milestones=[milestone()]).milestones == (milestone(),)


def test_an_int_amount_becomes_the_same_decimal() -> None:
    built = Tranche(year=2019, amount=1000, convention="nord")
    assert type(built.amount) is Decimal
    assert built.amount == Decimal("1000")
    assert type(commitment(amount=48_000_000).amount) is Decimal


@pytest.mark.parametrize(
    ("given", "held"),
    [
        (Decimal("1.230"), "1.23"),
        (Decimal("1.5"), "1.50"),
        (5, "5.00"),
        (Decimal("7E+2"), "700.00"),
    ],
)
def test_an_amount_is_held_with_two_decimals(given: Decimal | int, held: str) -> None:
    built = Tranche(year=2019, amount=given, convention="nord")
    assert str(built.amount) == held
    assert built.amount == given


def test_subclasses_of_int_and_str_are_accepted_as_their_base() -> None:
    class Year(int):
        pass

    class Name(str):
        __slots__ = ()

    assert Tranche(year=Year(2019), amount=1, convention="nord").year == 2019
    assert Participant(name=Name("Alain Neveü"), role="délégué").name == "Alain Neveü"


@pytest.mark.parametrize(
    ("build", "member"),
    [
        (lambda: council(kind="state").kind, PartyKind.STATE),
        (lambda: territory(kind="region", code="32", within=()).kind, TerritoryKind.REGION),
        (lambda: convention(kind="territoire_demonstrateur").kind,
         ConventionKind.TERRITOIRE_DEMONSTRATEUR),
        (lambda: commitment(basis="at_most").basis, Basis.AT_MOST),
    ],
    ids=["party kind", "territory kind", "convention kind", "basis"],
)  # fmt: skip
def test_an_enum_value_becomes_the_member(build: Callable[[], object], member: object) -> None:
    assert build() is member


@pytest.mark.parametrize("value", ["State", "etat", " state", ""])
def test_an_unknown_enum_value_is_refused(value: str) -> None:
    with pytest.raises(ValidationError) as info:
        council(kind=value)
    (violation,) = info.value.violations
    assert (violation.path, violation.rule) == ("$.kind", "type")
    assert "'state'" in violation.message
    assert "'other'" in violation.message


# -- value objects --------------------------------------------------------------------------

BUILDERS: list[Callable[[], object]] = [
    lambda: THREE_YEARS,
    territory,
    council,
    prefect,
    participant,
    priority,
    tranche,
    commitment,
    convention,
    strategy,
    milestone,
    programme,
]
BUILDER_IDS = [
    "Period",
    "Territory",
    "Party",
    "Signatory",
    "Participant",
    "Priority",
    "Tranche",
    "FundingCommitment",
    "Convention",
    "Strategy",
    "Milestone",
    "Programme",
]


@pytest.mark.parametrize("build", BUILDERS, ids=BUILDER_IDS)
def test_objects_are_hashable_values(build: Callable[[], object]) -> None:
    first, second = build(), build()
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


@pytest.mark.parametrize("build", BUILDERS, ids=BUILDER_IDS)
def test_objects_are_frozen(build: Callable[[], object]) -> None:
    built = build()
    for field in attrs.fields(type(built)):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(built, field.name, getattr(built, field.name))


@pytest.mark.parametrize("build", BUILDERS, ids=BUILDER_IDS)
def test_objects_are_slotted(build: Callable[[], object]) -> None:
    built = build()
    assert "__slots__" in type(built).__dict__
    assert not hasattr(built, "__dict__")


def test_every_model_class_is_covered() -> None:
    assert sorted(type(build()).__name__ for build in BUILDERS) == sorted(BUILDER_IDS)


# -- errors ---------------------------------------------------------------------------------


def _two_violations() -> ValidationError:
    with pytest.raises(ValidationError) as info:
        council(id="CD Nord", siren="123")
    return info.value


def test_validation_error_is_a_value_error_and_the_library_root() -> None:
    error = _two_violations()
    assert isinstance(error, ValueError)
    assert isinstance(error, BassinMinierError)


def test_str_lists_every_violation() -> None:
    error = _two_violations()
    lines = str(error).splitlines()
    assert lines[0] == "2 violations:"
    assert [line.strip().split(":")[0] for line in lines[1:]] == ["$.id", "$.siren"]
    assert "'CD Nord'" in lines[1]
    assert "'123'" in lines[2]


def test_str_of_a_single_violation_is_that_violation() -> None:
    with pytest.raises(ValidationError) as info:
        council(name="")
    assert str(info.value) == "$.name: must not be empty"


@pytest.mark.parametrize(
    "error",
    [
        _two_violations(),
        MalformedDocumentError([Violation("$", "is not UTF-8 JSON text", "json")]),
    ],
    ids=["ValidationError", "MalformedDocumentError"],
)
def test_errors_pickle_with_their_violations(error: ValidationError) -> None:
    restored = pickle.loads(pickle.dumps(error))
    assert type(restored) is type(error)
    assert restored.violations == error.violations
    assert str(restored) == str(error)


def test_a_validation_error_needs_a_violation() -> None:
    with pytest.raises(ValueError, match="at least one violation"):
        ValidationError([])


# -- completeness ---------------------------------------------------------------------------


def _gap_paths(obj: object) -> set[str]:
    found = gaps(obj)
    assert all(isinstance(gap, Gap) for gap in found)
    return {gap.path for gap in found}


def test_a_complete_convention_has_no_gaps() -> None:
    assert gaps(convention()) == ()


def test_the_mining_basin_convention_is_complete() -> None:
    mining_basin = bassin_minier_2019().convention("bassin-minier")
    assert gaps(mining_basin) == ()


def test_a_convention_without_signatories_is_valid_but_incomplete() -> None:
    unsigned = convention(signatories=(), priorities=(), signed_on=None, signed_at=None)
    found = {gap.path: gap.message for gap in gaps(unsigned)}
    assert set(found) == {"$.signatories", "$.priorities", "$.signed_on", "$.signed_at"}
    assert "signatory" in found["$.signatories"]
    assert "date" in found["$.signed_on"]


def test_a_party_with_no_known_signatory_is_a_gap() -> None:
    (gap,) = gaps(convention(signatories=(prefect(),)))
    assert gap.path == "$.parties[1]"
    assert "'cd-nord'" in gap.message


def test_a_local_party_without_territory_is_a_gap_but_the_state_is_not() -> None:
    assert _gap_paths(council(territory=None)) == {"$.territory"}
    assert gaps(state()) == ()


def test_an_amendment_without_its_day_or_signatories_is_a_gap() -> None:
    known = Amendment(id="avenant-2020", signed_on=dt.date(2020, 7, 3), signatories=(prefect(),))
    unknown = Amendment(id="prolongation-2022", period=Period.from_years(2019, 2022))
    assert gaps(known) == ()
    assert _gap_paths(convention(amendments=(known, unknown))) == {
        "$.amendments[1].signed_on",
        "$.amendments[1].signatories",
    }


def test_a_commitment_without_tranches_is_a_gap() -> None:
    assert _gap_paths(commitment()) == {"$.tranches"}
    assert gaps(broken_down_programme().commitment("etat-2019-2021")) == ()


def test_an_empty_programme_lists_all_it_misses() -> None:
    empty = programme(strategy=None, conventions=(), commitments=(), milestones=())
    assert _gap_paths(empty) == {"$.strategy", "$.conventions", "$.commitments", "$.milestones"}
    assert _gap_paths(strategy(presented_on=None, axes=())) == {"$.presented_on", "$.axes"}


def test_gaps_of_the_built_in_dataset() -> None:
    # The seed names neither the signatories, the place nor the priorities of the two
    # departmental conventions of 18 December 2018, nor any yearly breakdown of the money.
    found = {gap.path: gap.message for gap in gaps(bassin_minier_2019())}
    departmental = {
        f"$.conventions[{i}].{field}"
        for i in (0, 1)
        for field in ("signatories", "priorities", "signed_at")
    }
    assert set(found) == departmental | {"$.commitments[0].tranches"}
    assert "signatory" in found["$.conventions[0].signatories"]
    assert "breakdown" in found["$.commitments[0].tranches"]


# -- public names ---------------------------------------------------------------------------


def _isort_rank(name: str) -> tuple[int, str]:
    # Constants first, then classes, then everything else, as ruff's RUF022 sorts.
    if name.isupper():
        return (0, name)
    return (1, name) if name[0].isupper() else (2, name)


def test_all_is_sorted_and_every_name_exists() -> None:
    names = bassin_minier.__all__
    assert names == sorted(names, key=_isort_rank)
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(bassin_minier, name), name


def test_all_holds_the_documented_names() -> None:
    documented = {
        *("Period", "Territory", "Party", "Signatory", "Participant", "Priority", "Tranche"),
        *("FundingCommitment", "Convention", "Strategy", "Milestone", "Programme"),
        *("TerritoryKind", "PartyKind", "ConventionKind", "Basis"),
        *("BassinMinierError", "ValidationError", "Violation"),
        *("to_dict", "from_dict", "to_json", "from_json", "load", "save", "json_schema"),
        *("datasets", "gaps"),
    }
    assert documented <= set(bassin_minier.__all__)
