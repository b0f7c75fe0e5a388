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
from types import SimpleNamespace
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._rules import checker as _checker
from bassin_minier._rules import fields as _fields
from bassin_minier._rules.checker import Checker
from bassin_minier._rules.codes import any_code_problem, is_any_code, siren_problem
from bassin_minier.testing import sirens, slugs, territory_codes, texts


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
    rules = _fields.FieldRules(name=_fields.TEXT, role=_fields.SLUG)
    good = bm.Participant(name="Nom", role="maire")
    with _checker.checks_deferred():
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
    hook = _fields.FieldRules(name=_fields.TEXT, role=_fields.TEXT).post_init()
    with _checker.checks_deferred():
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
    rules = _fields.FieldRules(
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


def test_a_deferral_puts_off_field_checks_until_all_fields_valid() -> None:
    with _checker.checks_deferred():
        tranche = bad_tranche()
    assert not _fields.all_fields_valid(tranche)
    assert _fields.all_fields_valid(attrs.evolve(tranche, convention="nord"))


def test_a_deferral_ends_even_when_building_fails() -> None:
    with pytest.raises(RuntimeError), _checker.checks_deferred():
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

    with _checker.checks_deferred():
        other = threading.Thread(target=build_elsewhere)
        other.start()
        other.join()
    assert len(caught) == 1


def test_classes_with_field_rules_are_judged_wherever_a_programme_holds_them() -> None:
    programme = bm.datasets.bassin_minier_2019()
    convention = programme.conventions[2]
    with _checker.checks_deferred():
        planted = {
            "signatory": attrs.evolve(convention.signatories[0], name=" padded"),
            "party": bm.Party(id="autre", name="Autre", kind="other", siren="123456788"),
            "participant": bm.Participant(name="Name", role=""),
            "priority": attrs.evolve(convention.priorities[0], themes=("a", "a")),
        }
    broken = {
        "signatory": lambda p: _in_convention(p, signatories=(planted["signatory"],)),
        "party": lambda p: _in_convention(p, parties=(*convention.parties, planted["party"])),
        "participant": lambda p: _in_convention(p, participants=(planted["participant"],)),
        "priority": lambda p: attrs.evolve(
            p,
            strategy=attrs.evolve(p.strategy, axes=(planted["priority"],)),
        ),
    }
    assert _fields.all_fields_valid(programme)
    for where, plant in broken.items():
        with _checker.checks_deferred():
            tainted = plant(programme)
        assert not _fields.all_fields_valid(tainted), where


def _in_convention(programme: bm.Programme, **changes: Any) -> bm.Programme:
    # The bassin-minier convention, changed, in its programme; only leaves change.
    conventions = list(programme.conventions)
    conventions[2] = attrs.evolve(conventions[2], **changes)
    return attrs.evolve(programme, conventions=conventions)


# -- the deferring checker of containers ------------------------------------------------------

KEPT: dict[str, st.SearchStrategy[Any]] = {
    "slug": _STRINGS,
    "text": _STRINGS,
    "amount": _AMOUNTS,
    "year": _YEARS,
}


@pytest.mark.parametrize("method", KEPT)
@given(data=st.data())
def test_a_deferring_checker_passes_in_the_end_what_a_checker_passes(
    method: str, data: st.DataObject
) -> None:
    values = data.draw(st.lists(st.one_of(KEPT[method], _ODD), max_size=6))
    alone = Checker()
    deferring = _checker.DeferringChecker()
    for value in values:
        getattr(alone, method)("$.field", value)
        assert getattr(deferring, method)("$.field", value)  # passes meanwhile
    passes = not alone.violations
    if all(map(exact_builtin, values)):
        assert deferring.all_valid() == passes
    else:
        assert not deferring.all_valid() or passes


@given(values=st.lists(st.one_of(slugs(), texts(), _STRINGS), max_size=4).map(tuple))
def test_a_deferring_checker_keeps_the_items_of_slug_and_text_tuples(
    values: tuple[str, ...],
) -> None:
    for method, one in (("slugs", "slug"), ("texts", "text")):
        alone = Checker()
        deferring = _checker.DeferringChecker()
        expected = getattr(alone, method)("$.field", values)
        assert getattr(deferring, method)("$.field", values) == list(enumerate(values))
        assert deferring.all_valid() == (expected is not None), one


def test_a_deferring_checker_still_reports_what_relates_values() -> None:
    deferring = _checker.DeferringChecker()
    items = deferring.items("$.ids", ("a", "a"), str)
    deferring.unique("$.ids", items, "id")
    assert [v.path for v in deferring.violations] == ["$.ids[1]"]
    assert not deferring.all_valid()


def test_containers_use_the_deferring_checker_only_while_deferred() -> None:
    period = bm.Period.from_years(2019)
    with _checker.checks_deferred() as deferred:
        bm.FundingCommitment(
            id="Not A Slug", funder="etat", amount="1.00", basis="exactly", period=period
        )
    assert not deferred.all_valid()
    with pytest.raises(bm.ValidationError, match=r"\$\.id"):
        bm.FundingCommitment(
            id="Not A Slug", funder="etat", amount="1.00", basis="exactly", period=period
        )
