"""One-field checks judge many values at once exactly as they judge each one alone.

The fast reader builds a document's objects with their one-field checks put off (field
rules of the small objects, slugs, texts, amounts and years of the others), then checks
them all in one go. Whatever passes in one go must pass one at a time, and the other way
round for the values a JSON reader produces (exact builtin types): otherwise the fast
reader would accept an invalid document, or send a valid one to the slow path.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from types import SimpleNamespace
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._rules import deferral as _deferral
from bassin_minier._rules import fields as _fields
from bassin_minier._rules.checker import Checker
from bassin_minier._rules.codes import any_code_problem, is_any_code, siren_problem
from bassin_minier.testing import MODEL_STRATEGIES, sirens, slugs, territory_codes, texts


class _Text(str):
    """A str subclass: a value no JSON reader gives."""


# Values a rule must judge: valid ones, near misses, and values of the wrong type.
_ODD = st.sampled_from([None, True, 0, 1.5, b"x", (), "", " ", "\n"])
_STRINGS = st.one_of(
    texts(),
    slugs(),
    st.text(max_size=12),
    st.sampled_from(["a\nb", "nord\npas-de-calais", " x", "x ", "A", "a--b", "-a", "\u2028"]),
    st.sampled_from(["x\ud800", "x\ufeff", "\x7f", "é", "59", "2A", "975", "123456789"]),
)
_YEARS = st.one_of(st.integers(-5, 10_005), st.sampled_from([dt.MINYEAR, dt.MAXYEAR, 10**30]))
_AMOUNTS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True, places=2),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("0.00"), Decimal("1.0"), Decimal("1E+2"), Decimal("sNaN")]),
    st.sampled_from([Decimal("999999999999999.99"), Decimal("1000000000000000.00")]),
)
# Measured values and ratios: any decimal, near their bounds and their places.
_NUMBERS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True, places=4),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("-0"), Decimal("0.0000001"), Decimal("1E+2"), Decimal("sNaN")]),
    st.sampled_from([Decimal("999.9999"), Decimal(1000), Decimal(10**15), Decimal(-(10**15))]),
)
_DATES = st.one_of(st.dates(), st.datetimes())
_THEMES = st.lists(st.one_of(texts(), _STRINGS), max_size=4).map(tuple)

# Each rule with the values to judge. Rules are made when a test asks (not when the module
# is imported), so that a mutant in a function making one is seen by the test.
RULES: dict[str, tuple[Callable[[], _fields.FieldRule], st.SearchStrategy[Any]]] = {
    "slug": (lambda: _fields.SLUG, _STRINGS),
    "text": (lambda: _fields.TEXT, _STRINGS),
    "year": (lambda: _fields.YEAR, _YEARS),
    "amount": (lambda: _fields.AMOUNT, _AMOUNTS),
    "date": (lambda: _fields.DATE, _DATES),
    "number": (lambda: _fields.NUMBER_VALUE, _NUMBERS),
    "ratio": (lambda: _fields.RATIO_VALUE, _NUMBERS),
    "territory code": (
        lambda: _fields.optional_text(any_code_problem, is_any_code, "territory-code"),
        st.one_of(st.sampled_from(bm.TerritoryKind).flatmap(territory_codes), _STRINGS),
    ),
    "siren": (
        lambda: _fields.optional_text(siren_problem, _fields._is_siren, "siren"),
        st.one_of(sirens(), _STRINGS),
    ),
    "party kind": (
        lambda: _fields.member_of(bm.PartyKind),
        st.sampled_from([*bm.PartyKind, "state"]),
    ),
    "themes": (lambda: _fields.unique_texts("theme"), _THEMES),
}


def passes_alone(rule: _fields.FieldRule, value: object) -> bool:
    check = Checker()
    rule.check(check, "$.field", value)
    return not check.violations


def exact_builtin(value: object) -> bool:
    # What a JSON reader builds: no subclass of a builtin type (a datetime is a date's).
    if isinstance(value, tuple):
        return all(map(exact_builtin, value))
    return type(value) in {str, int, Decimal, dt.date, type(None)} or isinstance(
        value, bm.PartyKind
    )


@pytest.mark.parametrize("name", RULES)
@given(data=st.data())
def test_all_at_once_agrees_with_one_at_a_time(name: str, data: st.DataObject) -> None:
    make, values = RULES[name]
    rule = make()
    drawn = data.draw(st.lists(st.one_of(values, _ODD, values.map(_Text)), max_size=6))
    alone = all(passes_alone(rule, value) for value in drawn)
    together = rule.all_valid(drawn)
    if all(map(exact_builtin, drawn)):
        assert together == alone
    else:  # stricter is allowed (the slow path then decides), laxer never
        assert not together or alone


@pytest.mark.parametrize("name", RULES)
def test_no_values_at_all_pass(name: str) -> None:
    make, _ = RULES[name]
    assert make().all_valid([])


def test_a_value_holding_a_line_break_is_not_taken_for_two() -> None:
    # Joined by line breaks, "nord\npas-de-calais" would read as two good slugs.
    assert _fields.SLUG.all_valid(["nord", "pas-de-calais"])
    assert not _fields.SLUG.all_valid(["nord\npas-de-calais"])
    assert not _fields.TEXT.all_valid(["Nord\nPas-de-Calais"])


def test_field_rules_check_each_field_in_order_and_all_objects_at_once() -> None:
    rules = _fields.Rules(name=_fields.TEXT, role=_fields.SLUG)
    good = bm.Participant(name="Nom", role="maire")
    with _deferral.checks_deferred():
        bad = bm.Participant(name=" Nom", role="Maire")
    check = Checker()
    rules(check, bad)
    assert [(v.path, v.rule) for v in check.violations] == [
        ("$.name", "text"),
        ("$.role", "slug"),
    ]
    assert rules.all_valid([good, good])
    assert not rules.all_valid([good, bad])
    assert not rules.all_valid([attrs.evolve(good, role="Maire")])


def test_a_field_rules_hook_raises_every_violation_unless_checks_are_deferred() -> None:
    hook = _fields.Rules(name=_fields.TEXT, role=_fields.TEXT).post_init()
    with _deferral.checks_deferred():
        bad = bm.Participant(name="", role=" x")
        hook(bad)  # put off: nothing raised
    with pytest.raises(bm.ValidationError) as raised:
        hook(bad)
    assert [v.path for v in raised.value.violations] == ["$.name", "$.role"]


def territory_code() -> _fields.FieldRule:
    # Made here, as OPTIONAL_TERRITORY_CODE is, so that the test runs the function making it.
    return _fields.optional_text(any_code_problem, is_any_code, "territory-code")


def test_values_of_the_wrong_type_are_refused_not_raised_on() -> None:
    # A code or a SIREN is matched as text first: a number is not passed to a pattern.
    assert not territory_code().all_valid(["59", 59])
    assert not _fields.OPTIONAL_TERRITORY_CODE.all_valid(["59", 59])
    assert not _fields.OPTIONAL_SIREN.all_valid([None, 123456789])
    assert not _fields.unique_texts("theme").all_valid([("santé", 5)])
    assert not _fields.unique_texts("theme").all_valid([(" santé",)])


def test_made_rules_report_with_their_path_and_words() -> None:
    rules = _fields.Rules(
        kind=_fields.member_of(bm.PartyKind),
        themes=_fields.unique_texts("theme"),
        code=territory_code(),
    )
    check = Checker()
    rules(check, SimpleNamespace(kind="state", themes=("santé", "santé", " x"), code=" 59"))
    assert [(v.path, v.rule) for v in check.violations] == [
        ("$.kind", "type"),
        ("$.themes[2]", "text"),
        ("$.code", "text"),
    ]
    check = Checker()
    state = bm.PartyKind.STATE
    rules(check, SimpleNamespace(kind=state, themes=("santé", "santé"), code="5 9"))
    repeated, code = check.violations
    assert (repeated.path, repeated.rule) == ("$.themes[1]", "unique")
    assert "theme 'santé' is listed twice" in repeated.message
    expected = ("$.code", "territory-code", any_code_problem("5 9"))
    assert (code.path, code.rule, code.message) == expected
    check = Checker()
    rules(check, SimpleNamespace(kind=state, themes=(), code=None))
    assert not check.violations


# -- deferred checks --------------------------------------------------------------------------


def bad_tranche() -> bm.Tranche:
    return bm.Tranche(year=2019, amount=Decimal("1.00"), convention="Nord")


def test_objects_are_checked_on_construction_outside_a_deferral() -> None:
    with pytest.raises(bm.ValidationError, match=r"\$\.convention"):
        bad_tranche()


def test_a_deferral_puts_off_field_checks_until_asked_whether_all_pass() -> None:
    with _deferral.checks_deferred() as deferred:
        tranche = bad_tranche()
    assert not deferred.all_valid()
    with _deferral.checks_deferred() as deferred:
        attrs.evolve(tranche, convention="nord")
    assert deferred.all_valid()


def test_a_deferral_ends_even_when_building_fails() -> None:
    with pytest.raises(RuntimeError), _deferral.checks_deferred():
        raise RuntimeError
    with pytest.raises(bm.ValidationError):
        bad_tranche()


def test_a_deferral_is_kept_within_its_thread() -> None:
    caught: list[BaseException] = []

    def build_elsewhere() -> None:
        try:
            bad_tranche()
        except bm.ValidationError as error:
            caught.append(error)

    with _deferral.checks_deferred():
        other = threading.Thread(target=build_elsewhere)
        other.start()
        other.join()
    assert len(caught) == 1


def test_every_object_built_while_deferred_is_judged_wherever_a_programme_holds_it() -> None:
    programme = bm.datasets.bassin_minier_2019()
    convention = programme.conventions[2]
    planted: dict[str, Callable[[], object]] = {
        "signatory": lambda: attrs.evolve(convention.signatories[0], name=" padded"),
        "party": lambda: bm.Party(id="autre", name="Autre", kind="other", siren="123456788"),
        "participant": lambda: bm.Participant(name="Name", role=""),
        "priority": lambda: attrs.evolve(convention.priorities[0], themes=("a", "a")),
    }
    broken: dict[str, Callable[[bm.Programme, Any], bm.Programme]] = {
        "signatory": lambda p, bad: _in_convention(p, signatories=(bad,)),
        "party": lambda p, bad: _in_convention(p, parties=(*convention.parties, bad)),
        "participant": lambda p, bad: _in_convention(p, participants=(bad,)),
        "priority": lambda p, bad: attrs.evolve(
            p,
            strategy=attrs.evolve(p.strategy, axes=(bad,)),
        ),
    }
    with _deferral.checks_deferred() as deferred:
        attrs.evolve(programme)
    assert deferred.all_valid()
    for where, plant in broken.items():
        with _deferral.checks_deferred() as deferred:
            plant(programme, planted[where]())
        assert not deferred.all_valid(), where


def _in_convention(programme: bm.Programme, **changes: Any) -> bm.Programme:
    # The bassin-minier convention, changed, in its programme; only leaves change.
    conventions = list(programme.conventions)
    conventions[2] = attrs.evolve(conventions[2], **changes)
    return attrs.evolve(programme, conventions=conventions)


# -- objects held while checks are put off ---------------------------------------------------

KEPT: dict[str, st.SearchStrategy[Any]] = {
    "convention": _STRINGS,
    "amount": _AMOUNTS,
    "year": _YEARS,
}


def _judged_alone(build: Callable[[], object]) -> bool:
    try:
        build()
    except bm.ValidationError:
        return False
    return True


@pytest.mark.parametrize("field", KEPT)
@given(data=st.data())
def test_objects_held_pass_in_the_end_what_construction_passes(
    field: str, data: st.DataObject
) -> None:
    values = data.draw(st.lists(st.one_of(KEPT[field], _ODD), max_size=6))
    valid: dict[str, Any] = {
        "year": 2019,
        "amount": Decimal("1.00"),
        "convention": "nord",
        "spend_by": None,
    }
    # msgspec hands values over as they are, without the attrs converters.
    builds = [
        partial(_built_as_msgspec_does, bm.Tranche, {**valid, field: value}) for value in values
    ]
    alone = all(map(_judged_alone, builds))
    with _deferral.checks_deferred() as deferred:
        for build in builds:
            build()  # nothing raised meanwhile
    if all(map(exact_builtin, values)):
        assert deferred.all_valid() == alone
    else:
        assert not deferred.all_valid() or alone


@pytest.mark.parametrize(
    ("cls", "field", "valid"),
    [
        (bm.Measure, "value", {"year": 2020}),
        (
            bm.Match,
            "ratio",
            {"id": "m", "commitment": "etat", "by": ("cd-nord",), "basis": bm.Basis.EXACTLY},
        ),
    ],
    ids=["value", "ratio"],
)
@given(data=st.data())
def test_numbers_held_pass_in_the_end_what_construction_passes(
    cls: type[Any], field: str, valid: dict[str, Any], data: st.DataObject
) -> None:
    values = data.draw(st.lists(st.one_of(_NUMBERS, _ODD), max_size=6))
    builds = [partial(_built_as_msgspec_does, cls, {**valid, field: value}) for value in values]
    alone = all(map(_judged_alone, builds))
    with _deferral.checks_deferred() as deferred:
        for build in builds:
            build()
    if all(map(exact_builtin, values)):
        assert deferred.all_valid() == alone
    else:
        assert not deferred.all_valid() or alone


def _built_as_msgspec_does(cls: type[Any], values: dict[str, Any]) -> object:
    obj = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    obj.__attrs_post_init__()
    return obj


def test_objects_held_are_judged_by_their_relations_too() -> None:
    with _deferral.checks_deferred() as deferred:
        bm.Period(start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1))
    assert not deferred.all_valid()
    with _deferral.checks_deferred() as deferred:
        bm.Period(start=dt.date(2019, 1, 1), end=dt.date(2019, 1, 1))
    assert deferred.all_valid()


def test_containers_are_held_unjudged_only_while_deferred() -> None:
    period = bm.Period.from_years(2019)
    with _deferral.checks_deferred() as deferred:
        bm.FundingCommitment(
            id="Not A Slug", funder="etat", amount="1.00", basis="exactly", period=period
        )
    assert not deferred.all_valid()
    with pytest.raises(bm.ValidationError, match=r"\$\.id"):
        bm.FundingCommitment(
            id="Not A Slug", funder="etat", amount="1.00", basis="exactly", period=period
        )


def test_construction_does_not_judge_an_object_while_checks_are_put_off() -> None:
    judged: list[object] = []

    def relate(check: Checker, obj: object) -> None:
        judged.append(obj)

    hook = _fields.Rules(name=_fields.TEXT, constraints=[_fields.Constraint(relate)]).post_init()
    outside = SimpleNamespace(name="Nom")
    hook(outside)
    assert judged == [outside]
    with _deferral.checks_deferred() as deferred:
        inside = SimpleNamespace(name="Nom")
        hook(inside)
        assert judged == [outside]
    assert deferred.all_valid()
    assert judged == [outside, inside]


# -- the declaration --------------------------------------------------------------------------


def test_a_constraint_runs_after_the_fields_it_needs_and_only_when_they_pass() -> None:
    def relate(check: Checker, obj: Any) -> None:
        check.fail("$.b", f"a is {obj.a}", "period-order")

    rules = _fields.Rules(
        a=_fields.SLUG,
        b=_fields.SLUG,
        c=_fields.SLUG,
        constraints=[_fields.Constraint(relate, needs=("b", "a"))],
    )
    check = Checker()
    rules(check, SimpleNamespace(a="x", b="y", c="Z"))
    assert [(v.path, v.rule) for v in check.violations] == [
        ("$.b", "period-order"),
        ("$.c", "slug"),
    ]
    check = Checker()
    rules(check, SimpleNamespace(a="X", b="y", c="z"))
    assert [(v.path, v.rule) for v in check.violations] == [("$.a", "slug")]
    later = _fields.Rules(
        a=_fields.SLUG, b=_fields.SLUG, constraints=[_fields.Constraint(relate, after="b")]
    )
    check = Checker()
    later(check, SimpleNamespace(a="x", b="Y"))
    assert [v.rule for v in check.violations] == ["slug", "period-order"]


def test_a_constraint_about_a_field_passes_over_the_objects_that_leave_it_unset() -> None:
    seen: list[object] = []

    def about_b(check: Checker, obj: Any) -> None:
        seen.append(obj.b)
        if obj.b == "bad":
            check.fail("$.b", "b is bad", "period-order")

    rules = _fields.Rules(
        a=_fields.SLUG,
        b=_fields.OPTIONAL_SLUG,
        constraints=[_fields.Constraint(about_b, needs=("b",), when="b")],
    )
    unset, good, bad = (SimpleNamespace(a="x", b=b) for b in (None, "good", "bad"))
    check = Checker()
    for obj in (unset, good, bad):
        rules(check, obj)
    assert seen == ["good", "bad"]
    assert [v.path for v in check.violations] == ["$.b"]
    seen.clear()
    assert rules.constraints_hold([unset, good])
    assert seen == ["good"]
    assert not rules.constraints_hold([unset, bad, good])
    assert seen[-1] == "bad"


def test_a_constraint_cannot_name_a_field_without_a_rule() -> None:
    with pytest.raises(TypeError, match="'c'"):
        _fields.Rules(a=_fields.SLUG, constraints=[_fields.Constraint(print, when="c")])
    with pytest.raises(TypeError, match="'b'"):
        _fields.Rules(a=_fields.SLUG, constraints=[_fields.Constraint(print, needs=("b",))])


@pytest.mark.parametrize("cls", MODEL_STRATEGIES, ids=lambda cls: cls.__name__)
def test_every_model_class_declares_its_rules_in_one_place(cls: type[Any]) -> None:
    rules = _fields.rules_of(cls)
    assert cls.__attrs_post_init__.__qualname__.startswith("Rules.post_init")
    assert set(rules.names) <= {field.name for field in attrs.fields(cls)}


def test_a_class_without_rules_is_not_a_model_class() -> None:
    with pytest.raises(TypeError, match="Gap declares no rules"):
        _fields.rules_of(bm.Gap)
