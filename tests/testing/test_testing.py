"""bassin_minier.testing: its strategies draw what they promise, valid objects or broken documents.

The valid strategies must honour their parameters; every invalid document must make
`from_json` report exactly the rule it claims to break, at the path it claims.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import Phase, example, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import bassin_minier as bm
from bassin_minier import testing
from bassin_minier._model.registry import MODEL_CLASSES
from bassin_minier._rules.codes import DEPARTEMENT_CODES
from bassin_minier.testing import (
    MODEL_STRATEGIES,
    UNREPRESENTABLE_RULES,
    InvalidDocument,
    breakable_rules,
    conventions,
    funding_commitments,
    invalid_documents,
    periods,
    programmes,
    signatories,
    territories,
    territory_codes,
    texts,
)
from tests import oracle
from tests.profiles import FEWER, FEWEST

EVERY_RULE = [rule.name for rule in bm.RULES]
SUPPORTED = sorted({rule for cls in MODEL_STRATEGIES for rule in breakable_rules(cls)})

SMALL_CLASSES = [cls for cls in MODEL_STRATEGIES if cls is not bm.Programme]

# -- valid objects ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "objects"),
    list(MODEL_STRATEGIES.items()),
    ids=[cls.__name__ for cls in MODEL_STRATEGIES],
)
@FEWER
@given(data=st.data())
def test_every_strategy_draws_objects_of_its_class(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    assert type(data.draw(objects)) is cls


def test_there_is_a_strategy_for_every_class_and_the_mapping_is_read_only() -> None:
    assert list(MODEL_STRATEGIES) == list(MODEL_CLASSES)
    with pytest.raises(TypeError):
        MODEL_STRATEGIES[bm.Period] = st.nothing()  # type: ignore[index]


@given(
    data=st.data(),
    bounds=st.tuples(st.dates(), st.dates()).map(sorted),
)
def test_periods_lie_within_the_period_given(data: st.DataObject, bounds: list[dt.date]) -> None:
    within = bm.Period(start=bounds[0], end=bounds[1])
    period = data.draw(periods(within=within))
    assert within.start <= period.start <= period.end <= within.end


@given(data=st.data(), kind=st.sampled_from(bm.TerritoryKind))
def test_territories_and_codes_are_of_the_kind_asked_for(
    data: st.DataObject, kind: bm.TerritoryKind
) -> None:
    assert data.draw(territories(kind)).kind is kind
    assert data.draw(territories(kind.value)).kind is kind
    # A code drawn for a kind is accepted for that kind, by the library's own rules.
    code = data.draw(territory_codes(kind))
    assert bm.Territory(code=code, name="Territoire", kind=kind).code == code


def test_departement_codes_are_the_list_the_library_checks_against() -> None:
    # One list: a code added or removed in the library is drawn, or no longer drawn, here.
    assert testing.DEPARTEMENT_CODES is DEPARTEMENT_CODES


@given(
    data=st.data(),
    party_ids=st.lists(testing.slugs(), min_size=1, max_size=4, unique=True),
)
def test_signatories_sign_for_one_of_the_parties_given(
    data: st.DataObject, party_ids: list[str]
) -> None:
    assert data.draw(signatories(party_ids)).party in party_ids


@given(funding_commitments(with_tranches=True))
def test_commitments_with_tranches_are_always_broken_down(
    commitment: bm.FundingCommitment,
) -> None:
    assert commitment.tranches
    assert {t.convention for t in commitment.tranches} <= set(commitment.conventions)
    assert {t.year for t in commitment.tranches} <= set(commitment.period.years)


@given(funding_commitments(with_tranches=False))
def test_commitments_without_tranches_are_never_broken_down(
    commitment: bm.FundingCommitment,
) -> None:
    assert commitment.tranches == ()


def test_commitments_are_broken_down_or_not_when_left_open() -> None:
    either = funding_commitments(with_tranches=None)
    just_look = settings(phases=[Phase.generate], database=None)
    assert find(either, lambda c: bool(c.tranches), settings=just_look).tranches
    assert find(either, lambda c: not c.tranches, settings=just_look).tranches == ()


@given(data=st.data(), sizes=st.tuples(st.integers(0, 4), st.integers(0, 4)).map(sorted))
def test_conventions_have_as_many_parties_as_asked(data: st.DataObject, sizes: list[int]) -> None:
    fewest, most = sizes
    convention = data.draw(conventions(min_parties=fewest, max_parties=most))
    assert fewest <= len(convention.parties) <= most


@FEWER
@given(
    data=st.data(),
    sizes=st.tuples(st.integers(0, 3), st.integers(1, 3)).map(sorted),
    with_tranches=st.sampled_from([True, False, None]),
)
def test_programmes_honour_their_parameters(
    data: st.DataObject, sizes: list[int], with_tranches: bool | None
) -> None:
    fewest, most = sizes
    programme = data.draw(
        programmes(min_conventions=fewest, max_conventions=most, with_tranches=with_tranches)
    )
    assert max(fewest, 1 if with_tranches else 0) <= len(programme.conventions) <= most
    broken_down = [bool(c.tranches) for c in programme.commitments]
    if with_tranches:
        assert broken_down
        assert all(broken_down)
    if with_tranches is False:
        assert not any(broken_down)


def uses_version_2(programme: bm.Programme) -> bool:
    """Whether *programme* uses any field version 2 added."""
    conventions = programme.conventions
    commitments = programme.commitments
    return (
        any(c.amendments or c.related or c.actions or c.indicators for c in conventions)
        or any(c.act is not None or c.revises is not None for c in commitments)
        or any(c.co_funders or c.action is not None for c in commitments)
        or any(t.spend_by is not None for c in commitments for t in c.tranches)
        or bool(programme.partners or programme.matches or programme.payments)
    )


def funded_by_partner(programme: bm.Programme) -> bool:
    partners = {p.id for p in programme.partners}
    return any(c.conventions and set(c.funders) & partners for c in programme.commitments)


def jointly_covering(programme: bm.Programme) -> bool:
    return any(c.co_funders and c.conventions for c in programme.commitments)


def paid_through_convention(programme: bm.Programme) -> bool:
    return any(p.convention is not None for p in programme.payments)


def measured_action(programme: bm.Programme) -> bool:
    return any(i.action is not None for c in programme.conventions for i in c.indicators)


def led_for_a_priority(programme: bm.Programme) -> bool:
    actions = [a for c in programme.conventions for a in c.actions]
    return any(a.priority is not None and a.lead is not None for a in actions)


def unknown_day_among_known(programme: bm.Programme) -> bool:
    days = [[a.signed_on for a in c.amendments] for c in programme.conventions]
    return any(None in listed and len(set(listed)) > 2 for listed in days)


@pytest.mark.parametrize(
    "shape",
    [
        lambda p: not uses_version_2(p) and len(p.conventions) >= 2 and len(p.commitments) >= 1,
        lambda p: any(len(c.amendments) >= 2 for c in p.conventions),
        unknown_day_among_known,
        lambda p: any(a.period is not None for c in p.conventions for a in c.amendments),
        lambda p: any(c.related for c in p.conventions),
        lambda p: any(c.act is not None for c in p.commitments),
        lambda p: any(c.revises is not None for c in p.commitments),
        lambda p: any(t.spend_by is not None for c in p.commitments for t in c.tranches),
        lambda p: any(c.territory.kind is bm.TerritoryKind.COLLECTIVITE for c in p.conventions),
        led_for_a_priority,
        measured_action,
        lambda p: any(i.targets and i.results for c in p.conventions for i in c.indicators),
        lambda p: bool(p.partners),
        funded_by_partner,
        jointly_covering,
        lambda p: any(c.action is not None for c in p.commitments),
        lambda p: bool(p.matches),
        lambda p: len(p.payments) >= 2,
        paid_through_convention,
    ],
    ids=[
        "version-1",
        "amended-twice",
        "unknown-day",
        "extended",
        "related",
        "act",
        "revision",
        "spend-by",
        "collectivite",
        "action",
        "indicator-of-action",
        "target-and-result",
        "partner",
        "partner-funder",
        "joint",
        "commitment-action",
        "match",
        "payments",
        "payment-convention",
    ],
)
def test_programmes_come_in_the_shape_of_version_1_and_with_each_addition_of_version_2(
    shape: Callable[[bm.Programme], bool],
) -> None:
    # None of these is rare: each comes up within a few hundred programmes.
    just_look = settings(phases=[Phase.generate], database=None, max_examples=500)
    assert shape(find(programmes(), shape, settings=just_look))


@FEWER
@given(programmes(max_conventions=0))
def test_a_programme_may_have_no_convention(programme: bm.Programme) -> None:
    assert programme.conventions == ()
    assert all(not c.conventions for c in programme.commitments)


def test_strategies_with_the_same_parameters_are_built_once() -> None:
    defaults = {
        bm.Period: periods(),
        bm.Territory: territories(),
        bm.Signatory: signatories(),
        bm.FundingCommitment: funding_commitments(),
        bm.Convention: conventions(),
        bm.Programme: programmes(),
        bm.Action: testing.actions(),
        bm.Measure: testing.measures(),
        bm.Indicator: testing.indicators(),
        bm.Match: testing.matches(),
        bm.Payment: testing.payments(),
    }
    assert all(MODEL_STRATEGIES[cls] is strategy for cls, strategy in defaults.items())
    assert programmes(min_conventions=2) is programmes(min_conventions=2)
    assert conventions(min_parties=1) is conventions(min_parties=1)
    assert funding_commitments(with_tranches=True) is funding_commitments(with_tranches=True)
    assert invalid_documents(bm.Period) is invalid_documents(bm.Period)


@pytest.mark.parametrize(
    ("build", "complaint"),
    [
        (lambda: programmes(min_conventions=-1), "min_conventions must be a non-negative"),
        (lambda: programmes(max_conventions=1.5), "max_conventions must be a non-negative"),
        (lambda: programmes(min_conventions=True), "min_conventions must be a non-negative"),
        (lambda: programmes(min_conventions=3, max_conventions=2), "min_conventions=3 is more"),
        (lambda: programmes(max_conventions=0, with_tranches=True), "needs max_conventions >= 1"),
        (lambda: programmes(with_tranches="yes"), "with_tranches must be True, False or None"),
        (lambda: funding_commitments(with_tranches=1), "with_tranches must be True, False"),
        (lambda: conventions(min_parties=5, max_parties=4), "min_parties=5 is more"),
        (lambda: periods(within=(2019, 2021)), "within must be a Period"),
        (lambda: territories("département"), "kind must be a TerritoryKind"),
        (lambda: territory_codes("canton"), "kind must be a TerritoryKind"),
        (lambda: signatories([]), "at least one party id"),
        (lambda: signatories("etat"), "not one str"),
        (lambda: signatories(["cd_nord"]), "must be slugs"),
        (lambda: testing.dates(dt.date(2021, 1, 1), dt.date(2019, 1, 1)), "is after"),
        (lambda: testing.dates(dt.datetime(2019, 1, 1)), "must be dates"),
        (lambda: invalid_documents(dict), "cls must be one of the model classes"),
        (lambda: invalid_documents(rules="slug"), "not one str"),
        (lambda: invalid_documents(rules=[]), "at least one rule"),
        (lambda: invalid_documents(rules=["slugs"]), "no rule named 'slugs'"),
        (lambda: invalid_documents(rules=["format-version"]), "no document breaks"),
        (lambda: invalid_documents(bm.Period, rules=["slug"]), "cannot break 'slug'"),
        (lambda: breakable_rules(bm.Gap), "cls must be one of the model classes"),
    ],
)
def test_arguments_that_cannot_be_honoured_are_refused_at_once(
    build: Callable[[], object], complaint: str
) -> None:
    with pytest.raises(InvalidArgument, match=complaint):
        build()


@given(texts())
def test_texts_are_acceptable_to_the_specification(text: str) -> None:
    # In normalisation form NFC, nothing invisible at an end, no bidirectional control.
    assert oracle.is_text(text), ascii(text)


# -- invalid documents ------------------------------------------------------------------------


def assert_reported(document: InvalidDocument) -> None:
    """Reading *document* fails on its rule alone, reported (at least) at its path."""
    assert document.rule in SUPPORTED
    with pytest.raises(bm.ValidationError) as raised:
        bm.from_json(document.text, document.cls)
    violations = raised.value.violations
    assert {v.rule for v in violations} == {document.rule}, violations
    assert document.path in {v.path for v in violations}, violations


@pytest.mark.parametrize(
    "rule", [rule for rule in SUPPORTED if any(rule in breakable_rules(c) for c in SMALL_CLASSES)]
)
@given(data=st.data())
def test_each_rule_is_reported_where_the_document_breaks_it(
    rule: str, data: st.DataObject
) -> None:
    cls = data.draw(st.sampled_from([c for c in SMALL_CLASSES if rule in breakable_rules(c)]))
    document = data.draw(invalid_documents(cls, rules=[rule]))
    assert (document.cls, document.rule) == (cls, rule)
    assert_reported(document)
    if rule != "json":
        # Only the json rule spoils the text as JSON; every other break is in the data.
        json.loads(document.text, parse_float=Decimal, object_pairs_hook=list)


@pytest.mark.parametrize("rule", SUPPORTED)
@FEWEST
@given(data=st.data())
def test_each_rule_is_reported_where_a_programme_document_breaks_it(
    rule: str, data: st.DataObject
) -> None:
    document = data.draw(invalid_documents(rules=[rule]))
    assert (document.cls, document.rule) == (bm.Programme, rule)
    assert_reported(document)


@given(st.sampled_from(SMALL_CLASSES).flatmap(invalid_documents))
# Line breaks that end a value, as text pasted from a file carries them.
@example(
    InvalidDocument(bm.Milestone, '{"on":"2019-07-10","label":"Lille\\n"}', "text", "$.label")
)
@example(
    InvalidDocument(bm.Party, '{"id":"etat\\n","name":"État","kind":"state"}', "slug", "$.id")
)
@example(
    InvalidDocument(
        bm.Territory, '{"code":"59\\n","name":"Nord","kind":"departement"}', "text", "$.code"
    )
)
@example(
    InvalidDocument(
        bm.Party,
        '{"id":"cd-nord","name":"Nord","kind":"departement","siren":"225900018\\n"}',
        "text",
        "$.siren",
    )
)
@example(
    InvalidDocument(
        bm.Tranche, '{"year":2019,"amount":"12.00\\n","convention":"nord"}', "amount", "$.amount"
    )
)
def test_a_document_breaking_any_rule_is_refused_for_that_rule(
    document: InvalidDocument,
) -> None:
    assert_reported(document)


def test_every_rule_is_breakable_except_those_said_not_to_be() -> None:
    assert set(SUPPORTED) | set(UNREPRESENTABLE_RULES) == set(EVERY_RULE)
    assert not set(SUPPORTED) & set(UNREPRESENTABLE_RULES)
    assert dict(UNREPRESENTABLE_RULES).keys() == {"format-version"}
    # A programme holds every other class, so its documents can break every rule.
    assert (
        breakable_rules()
        == breakable_rules(bm.Programme)
        == tuple(rule for rule in EVERY_RULE if rule in SUPPORTED)
    )
    # The module's documentation names each rule it cannot break.
    assert testing.__doc__ is not None
    for rule in UNREPRESENTABLE_RULES:
        assert f"``{rule}``" in testing.__doc__


def test_format_version_is_an_unknown_key_to_from_json() -> None:
    # The reason format-version is left out: only load reads the key.
    text = '{"format_version":2,"start":"2019-01-01","end":"2021-12-31"}'
    with pytest.raises(bm.ValidationError) as raised:
        bm.from_json(text, bm.Period)
    assert [(v.path, v.rule) for v in raised.value.violations] == [
        ("$.format_version", "unknown-key")
    ]


@pytest.mark.parametrize(
    ("cls", "rules"),
    [
        (bm.Period, {"json", "duplicate-key", "unknown-key", "required", "type", "period-order"}),
        (bm.Participant, {"json", "duplicate-key", "unknown-key", "required", "type", "text"}),
        (
            bm.Tranche,
            {
                "json",
                "duplicate-key",
                "unknown-key",
                "required",
                "type",
                "slug",
                "amount",
                "spend-by",
            },
        ),
        (bm.Measure, {"json", "duplicate-key", "unknown-key", "required", "type", "number"}),
        (
            bm.Match,
            {
                "json",
                "duplicate-key",
                "unknown-key",
                "required",
                "type",
                "slug",
                "unique",
                "ratio",
                "match-party",
            },
        ),
        (
            bm.Payment,
            {"json", "duplicate-key", "unknown-key", "required", "type", "slug", "amount"},
        ),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_small_classes_break_only_the_rules_their_fields_have(
    cls: type[Any], rules: set[str]
) -> None:
    assert set(breakable_rules(cls)) == rules


def test_an_invalid_document_is_a_frozen_record() -> None:
    document = InvalidDocument(bm.Period, "{}", "required", "$.start")
    assert [f.name for f in attrs.fields(InvalidDocument)] == ["cls", "text", "rule", "path"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        document.rule = "type"  # type: ignore[misc]


def _bidirectional(document: InvalidDocument) -> bool:
    return any(char in oracle.BIDI_CONTROLS for char in json.loads(document.text)["label"])


def _invisible_at_an_end(document: InvalidDocument) -> bool:
    label = json.loads(document.text)["label"]
    return label != "" and (
        oracle.displays_nothing(label[0]) or oracle.displays_nothing(label[-1])
    )


def _decomposed(document: InvalidDocument) -> bool:
    label = json.loads(document.text)["label"]
    return not unicodedata.is_normalized("NFC", label)


@pytest.mark.parametrize("found", [_bidirectional, _invisible_at_an_end, _decomposed])
def test_text_is_broken_by_invisible_bidirectional_or_decomposed_characters(
    found: Callable[[InvalidDocument], bool],
) -> None:
    # Each way of breaking only the text rule comes up, and breaks that rule alone.
    document = find(
        invalid_documents(bm.Milestone, rules=["text"]),
        lambda d: d.path == "$.label" and found(d),
        settings=settings(database=None, phases=[Phase.generate], max_examples=1000),
    )
    assert_reported(document)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date.min, dt.date.max),  # the whole calendar: neither end can move alone
        (dt.date.min, dt.date(2021, 12, 31)),
        (dt.date(2019, 1, 1), dt.date.max),
    ],
)
@given(data=st.data())
def test_a_period_at_the_ends_of_the_calendar_can_be_reversed(
    start: dt.date, end: dt.date, data: st.DataObject
) -> None:
    from bassin_minier.testing._drafts import _Node  # noqa: PLC0415 - the spoiling itself
    from bassin_minier.testing._sites import _reverse  # noqa: PLC0415

    plain = {"start": start.isoformat(), "end": end.isoformat()}
    node = _Node("$", bm.Period(start=start, end=end), plain, None)
    path = _reverse(node, data.draw)
    with pytest.raises(bm.ValidationError) as caught:
        bm.from_dict(plain, bm.Period)
    assert [(v.path, v.rule) for v in caught.value.violations] == [(path, "period-order")]


# -- money and evaluation ---------------------------------------------------------------------

# Where the library reports each rule of actions, indicators, partners, joint commitments,
# matches and payments, as DESIGN.md and the catalogue place them.
MONEY_PATHS = {
    "number": r".*\.value",
    "ratio": r".*\.ratio",
    "co-funder": r".*\.co_funders\[\d+\]",
    "action-priority": r".*\.actions\[\d+\]\.priority",
    "action-lead": r".*\.actions\[\d+\]\.lead",
    "indicator-action": r".*\.indicators\[\d+\]\.action",
    "partner": r"\$\.partners\[\d+\]\.id",
    "commitment-action": r"\$\.commitments\[\d+\]\.action",
    "match-commitment": r"\$\.matches\[\d+\]\.commitment",
    "match-party": r"\$(\.matches\[\d+\])?\.by(\[\d+\])?",
    "payment-commitment": r"\$\.payments\[\d+\]\.commitment",
    "payment-year": r"\$\.payments\[\d+\]\.year",
    "payment-convention": r"\$\.payments\[\d+\]\.convention",
}


def test_every_rule_of_money_and_evaluation_has_its_place() -> None:
    assert set(MONEY_PATHS) <= set(SUPPORTED)
    assert set(MONEY_PATHS) <= set(breakable_rules(bm.Programme))


@pytest.mark.parametrize("rule", sorted(MONEY_PATHS))
@FEWEST
@given(data=st.data())
def test_the_rules_of_money_are_broken_where_the_library_reports_them(
    rule: str, data: st.DataObject
) -> None:
    cls = data.draw(st.sampled_from([c for c in MODEL_STRATEGIES if rule in breakable_rules(c)]))
    document = data.draw(invalid_documents(cls, rules=[rule]))
    assert re.fullmatch(MONEY_PATHS[rule], document.path), document.path
    assert_reported(document)


def find_document(
    cls: type[Any], rule: str, found: Callable[[InvalidDocument], bool]
) -> InvalidDocument:
    # A place in a collection only some programmes hold (matches, payments) is one of many
    # where a programme can break the rule: give the search room to come upon it.
    just_look = settings(database=None, phases=[Phase.generate], max_examples=3000)
    return find(invalid_documents(cls, rules=[rule]), found, settings=just_look)


@pytest.mark.parametrize(
    ("cls", "place"),
    [
        (bm.Indicator, r"\$\.targets\[\d+\]"),
        (bm.Indicator, r"\$\.results\[\d+\]"),
        (bm.Match, r"\$\.by\[\d+\]"),
        (bm.FundingCommitment, r"\$\.co_funders\[\d+\]"),
        (bm.Convention, r"\$\.actions\[\d+\]"),
        (bm.Convention, r"\$\.indicators\[\d+\]"),
        (bm.Programme, r"\$\.partners\[\d+\]"),
        (bm.Programme, r"\$\.matches\[\d+\]"),
        (bm.Programme, r"\$\.payments\[\d+\]"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_each_new_collection_holds_a_repeat(cls: type[Any], place: str) -> None:
    # A measure year given twice, a repeated partner, the same payment listed twice...
    document = find_document(cls, "unique", lambda d: re.fullmatch(place, d.path) is not None)
    assert_reported(document)


def test_a_co_funder_breaks_funder_party_as_a_funder_does() -> None:
    document = find_document(bm.Programme, "funder-party", lambda d: "co_funders" in d.path)
    assert re.fullmatch(r"\$\.commitments\[\d+\]\.co_funders\[\d+\]", document.path)
    assert_reported(document)


def test_a_match_met_by_no_one_breaks_its_own_rule() -> None:
    document = find_document(bm.Match, "match-party", lambda d: True)
    assert document.path == "$.by"
    assert json.loads(document.text)["by"] == []
    assert_reported(document)


@FEWER
@given(programmes())
def test_partners_are_apart_from_every_party_and_joint_funders_are_distinct(
    programme: bm.Programme,
) -> None:
    parties = {p.id for p in programme.parties}
    assert not parties & {p.id for p in programme.partners}
    for commitment in programme.commitments:
        assert len(set(commitment.funders)) == len(commitment.funders)
    # Nothing is paid twice by mistake: identical payments would be one counted twice.
    assert len(set(programme.payments)) == len(programme.payments)


@given(data=st.data(), first=st.sampled_from([dt.MINYEAR, 2019, dt.MAXYEAR - 1, dt.MAXYEAR]))
def test_payments_are_drawn_up_to_the_ends_of_the_calendar(
    data: st.DataObject, first: int
) -> None:
    from bassin_minier.testing._money import _payment  # noqa: PLC0415 - the drawing itself

    period = bm.Period(start=dt.date(first, 1, 1), end=dt.date(first, 12, 31))
    commitment = bm.FundingCommitment(
        id="etat-2019", funder="etat", amount=Decimal(100), basis="exactly", period=period
    )
    payment = _payment(data.draw, commitment)
    assert payment.year == first
    # Paid in its year or up to two years later, however close the calendar's end.
    assert payment.paid_on is None or first <= payment.paid_on.year <= first + 2
