"""Shared money and evaluation in documents: actions, indicators and their measures,
matching rules, payments, partners and joint commitments.

Every object survives every round trip; measured values and ratios are written as plain
numbers and read back exactly, never as amounts; the fast reader gives what the reference
reader gives, or steps aside, for these documents too.
"""

from __future__ import annotations

import copy
import json
import random
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._io import codec as _codec
from bassin_minier._io import documents as _json
from bassin_minier._io.numbers import PLAIN_NUMBERS
from bassin_minier._rules.numbers import NUMBER_PATTERN, RATIO_PATTERN
from tests.io.money import MONEY_STRATEGIES, RATIOS, VALUES, money_programmes
from tests.io.test_codec import LAYOUTS, assert_same, outcome, reference_read, reference_text
from tests.io.test_versions import as_early_version_2, as_version_1, compact

every_class = pytest.mark.parametrize(
    ("cls", "objects"),
    list(MONEY_STRATEGIES.items()),
    ids=[cls.__name__ for cls in MONEY_STRATEGIES],
)


# -- round trips ------------------------------------------------------------------------------


@every_class
@given(data=st.data())
def test_json_text_reads_back_as_the_same_object_and_text(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    original = data.draw(objects)
    text = bm.to_json(original)
    assert bm.from_json(text, cls) == original
    assert bm.to_json(bm.from_json(text, cls)) == text
    assert bm.from_json(bm.to_json(original, indent=2), cls) == original
    assert text == reference_text(original)


@every_class
@given(data=st.data())
def test_dict_reads_back_as_the_same_object(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    original = data.draw(objects)
    as_dict = bm.to_dict(original)
    assert bm.from_dict(as_dict, cls) == original
    assert bm.to_dict(bm.from_dict(as_dict, cls)) == as_dict
    assert json.loads(bm.to_json(original)) == as_dict


@every_class
@given(data=st.data())
def test_saved_file_loads_as_the_same_object_on_the_fast_path(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    original = data.draw(objects)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.json"
        bm.save(original, path)
        assert bm.load(path, cls) == original
        content = path.read_bytes()
    assert _codec.decode(content, cls, headers=(_json._VERSION_HEADER,)) == original


@every_class
@given(data=st.data())
def test_the_fast_reader_reads_canonical_text_as_the_reference_reader_does(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    text = reference_text(data.draw(objects))
    expected = reference_read(text, cls)
    assert not isinstance(expected, bm.BassinMinierError)
    for given_text in (text, text.encode("utf-8"), reference_text(expected, 2)):
        fast = _codec.decode(given_text, cls)
        assert fast is not None
        assert_same(fast, expected)


@given(programme=money_programmes())
def test_the_money_of_a_programme_survives_the_round_trip(programme: bm.Programme) -> None:
    read = bm.from_json(bm.to_json(programme), bm.Programme)
    assert read.partners == programme.partners
    assert read.matches == programme.matches
    assert read.payments == programme.payments
    assert read.conventions[2].actions == programme.conventions[2].actions
    assert read.conventions[2].indicators == programme.conventions[2].indicators
    assert [c.funded_by for c in read.commitments] == [c.funded_by for c in programme.commitments]


# -- how plain numbers are written ------------------------------------------------------------


def values_in(document: Any, key: str) -> list[Any]:
    if isinstance(document, dict):
        return [
            found
            for name, item in document.items()
            for found in ([item] if name == key else values_in(item, key))
        ]
    if isinstance(document, list):
        return [found for item in document for found in values_in(item, key)]
    return []


@given(programme=money_programmes())
def test_values_and_ratios_are_written_as_plain_text_with_their_own_decimals(
    programme: bm.Programme,
) -> None:
    document = bm.to_dict(programme)
    values = values_in(document["conventions"], "value")
    ratios = values_in(document["matches"], "ratio")
    assert all(isinstance(v, str) and re_full(NUMBER_PATTERN, v) for v in values)
    assert all(isinstance(r, str) and re_full(RATIO_PATTERN, r) for r in ratios)
    held = [
        m.value
        for i in programme.conventions[2].indicators
        for m in ((i.baseline,) if i.baseline else ()) + i.targets + i.results
    ]
    # Written as held: the same decimals, not two.
    assert values == [format(v, "f") for v in held]
    assert ratios == [format(m.ratio, "f") for m in programme.matches]


def re_full(pattern: str, text: str) -> bool:
    import re  # noqa: PLC0415

    return re.fullmatch(pattern, text) is not None


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("0.5"), "0.5"),
        (Decimal("-3"), "-3"),
        (-3, "-3"),
        (0, "0"),
        (Decimal("2.3E+4"), "23000"),
        (Decimal("1.500"), "1.500"),
        (Decimal("-0.000001"), "-0.000001"),
        (Decimal("999999999999999.999999"), "999999999999999.999999"),
    ],
)
def test_a_measured_value_is_written_plainly_and_read_back_exactly(
    value: Decimal | int, written: str
) -> None:
    measure = bm.Measure(year=2027, value=value)
    assert bm.to_dict(measure) == {"year": 2027, "value": written}
    assert bm.to_json(measure) == f'{{"year":2027,"value":"{written}"}}'
    read = bm.from_json(bm.to_json(measure), bm.Measure)
    assert read == measure
    assert str(read.value) == str(measure.value)


@pytest.mark.parametrize(
    ("ratio", "written"),
    [
        (Decimal("0.5"), "0.5"),
        (1, "1"),
        (Decimal("0.3333"), "0.3333"),
        (Decimal("999.9999"), "999.9999"),
    ],
)
def test_a_ratio_is_written_plainly_never_as_an_amount(ratio: Decimal | int, written: str) -> None:
    match = bm.Match(
        id="cofinancement", commitment="etat", by=["cd"], ratio=ratio, basis="at_least"
    )
    assert bm.to_dict(match)["ratio"] == written
    assert bm.from_json(bm.to_json(match), bm.Match) == match


# -- how plain numbers are read ---------------------------------------------------------------


def measure_text(value: str) -> str:
    return f'{{"year":2020,"value":{value}}}'


def ratio_text(ratio: str) -> str:
    return f'{{"id":"m","commitment":"etat","by":["cd"],"ratio":{ratio},"basis":"at_least"}}'


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ('"23000"', Decimal("23000")),
        ('"-3"', Decimal(-3)),
        ('"0.50"', Decimal("0.50")),
        ("23000", Decimal(23000)),
        ("-3", Decimal(-3)),
        ("0.5", Decimal("0.5")),
        ("2.3E+4", Decimal(23000)),
        ("1.5e-3", Decimal("0.0015")),
    ],
)
def test_a_value_is_read_from_text_or_a_json_number_exactly(token: str, expected: Decimal) -> None:
    text = measure_text(token)
    read = bm.from_json(text, bm.Measure)
    assert read.value == expected
    assert str(read.value) == str(expected)  # held as written, not with two decimals
    assert_same(read, reference_read(text, bm.Measure))


@pytest.mark.parametrize(
    ("token", "rule"),
    [
        ('"2.3E+4"', "number"),
        ('"1e3"', "number"),
        ('"+5"', "number"),
        ('" 5"', "number"),
        ('"5 "', "number"),
        ('"1,5"', "number"),
        ('"0.1234567"', "number"),
        ('"1000000000000000"', "number"),
        ('"NaN"', "number"),
        ('""', "number"),
        ('"-"', "number"),
        ('"1."', "number"),
        ('".5"', "number"),
        ("0.1234567", "number"),
        ("1000000000000000", "number"),
        ("-1e15", "number"),
        ("1e-7", "number"),
        ("true", "type"),
        ("null", "type"),
        ("[5]", "type"),
    ],
)
def test_a_broken_value_is_refused_at_its_path_by_both_readers(token: str, rule: str) -> None:
    text = measure_text(token)
    expected = reference_read(text, bm.Measure)
    assert isinstance(expected, bm.ValidationError)
    assert [(v.path, v.rule) for v in expected.violations] == [("$.value", rule)]
    assert _codec.decode(text, bm.Measure) is None
    assert_same(outcome(lambda: bm.from_json(text, bm.Measure)), expected)


@pytest.mark.parametrize(
    ("token", "rule"),
    [
        ('"0"', "ratio"),
        ('"0.0000"', "ratio"),
        ('"-0.5"', "ratio"),
        ('"0.50000"', "ratio"),
        ('"1000"', "ratio"),
        ('"5E-1"', "ratio"),
        ('"1E+2"', "ratio"),
        ("0", "ratio"),
        ("-0.5", "ratio"),
        ("1000", "ratio"),
        ("0.33333", "ratio"),
        ("1E+3", "ratio"),
        ('"ratio"', "ratio"),
        ("false", "type"),
    ],
)
def test_a_broken_ratio_is_refused_at_its_path_by_both_readers(token: str, rule: str) -> None:
    text = ratio_text(token)
    expected = reference_read(text, bm.Match)
    assert isinstance(expected, bm.ValidationError)
    assert [(v.path, v.rule) for v in expected.violations] == [("$.ratio", rule)]
    assert _codec.decode(text, bm.Match) is None
    assert_same(outcome(lambda: bm.from_json(text, bm.Match)), expected)


def test_a_ratio_is_never_taken_for_an_amount() -> None:
    # An amount would be held as "0.50" and judged as euros; a ratio of 0.5 stays 0.5.
    match = bm.from_json(ratio_text('"0.5"'), bm.Match)
    assert str(match.ratio) == "0.5"
    # ...and a negative value is a measured value, never refused as an amount.
    assert bm.from_json(measure_text('"-3"'), bm.Measure).value == -3


@pytest.mark.parametrize(("cls", "key"), [(bm.Measure, "value"), (bm.Match, "ratio")])
def test_a_python_float_is_refused_with_a_word_about_floats(cls: type[Any], key: str) -> None:
    document = bm.to_dict(
        bm.Measure(year=2020, value=1)
        if cls is bm.Measure
        else bm.Match(id="m", commitment="c", by=["p"], ratio=1, basis="exactly")
    )
    document[key] = 0.5
    with pytest.raises(bm.ValidationError) as caught:
        bm.from_dict(document, cls)
    [violation] = caught.value.violations
    assert (violation.path, violation.rule) == (f"$.{key}", "type")
    assert "not a float (0.5)" in violation.message


def test_every_plain_number_field_is_a_decimal_field_with_its_rule() -> None:
    assert {(cls.__name__, name) for cls, name in PLAIN_NUMBERS} == {
        ("Measure", "value"),
        ("Match", "ratio"),
    }
    assert {kind.rule for kind in PLAIN_NUMBERS.values()} == {"number", "ratio"}


@given(value=VALUES)
def test_every_value_written_matches_the_pattern_the_schema_states(value: Decimal) -> None:
    written = bm.to_dict(bm.Measure(year=2020, value=value))["value"]
    assert re_full(NUMBER_PATTERN, written)
    assert bm.from_json(measure_text(json.dumps(written)), bm.Measure).value == value


@given(ratio=RATIOS)
def test_every_ratio_written_matches_the_pattern_the_schema_states(ratio: Decimal) -> None:
    match = bm.Match(id="m", commitment="c", by=["p"], ratio=ratio, basis="exactly")
    written = bm.to_dict(match)["ratio"]
    assert re_full(RATIO_PATTERN, written)
    assert bm.from_json(ratio_text(json.dumps(written)), bm.Match).ratio == ratio


# -- the fast reader and the reference reader -------------------------------------------------


@every_class
@given(
    data=st.data(),
    layout=st.sampled_from(sorted(LAYOUTS)),
    seed=st.integers(0, 2**32),
)
def test_other_spellings_are_read_as_the_reference_reads_them(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject, layout: str, seed: int
) -> None:
    text = reference_text(data.draw(objects))
    older = data.draw(st.sampled_from([None, as_version_1, as_early_version_2]))
    if older is not None:
        text = compact(older(json.loads(text)))
    text = LAYOUTS[layout](text, random.Random(seed))
    expected = reference_read(text, cls)
    fast = _codec.decode(text, cls, older=_json._OLDER_LAYOUTS)
    if isinstance(expected, bm.BassinMinierError):
        assert fast is None
    elif fast is not None:
        assert_same(fast, expected)
    assert_same(outcome(lambda: bm.from_json(text, cls)), expected)


BASIN = ("conventions", 2)


def _set(*steps: Any) -> Callable[[Any], Any]:
    """A change putting a value at *steps* of a programme document (the last is the value)."""
    *where, value = steps

    def change(document: Any) -> Any:
        holder = document
        for step in where[:-1]:
            holder = holder[step]
        holder[where[-1]] = value
        return document

    return change


def _indicator(**more: Any) -> dict[str, Any]:
    return {"id": "jeunes-ase", "label": "Jeunes", "unit": "jeunes", **more}


def _match(**more: Any) -> dict[str, Any]:
    base = {"id": "cofinancement", "commitment": "etat-2019-2021", "by": ["cd-nord"]}
    return {**base, "ratio": "0.5", "basis": "at_least", **more}


def _payment(**more: Any) -> dict[str, Any]:
    return {"commitment": "etat-2019-2021", "year": 2019, "amount": "1000000.00", **more}


def _commitment(**more: Any) -> Callable[[Any], Any]:
    def change(document: Any) -> Any:
        document["commitments"][0].update(more)
        return document

    return change


# Each new kind of value, broken by hand in the built-in programme: (change, path, rule).
BROKEN: dict[str, tuple[Callable[[Any], Any], str, str]] = {
    "value-with-an-exponent": (
        _set(*BASIN, "indicators", [_indicator(targets=[{"year": 2021, "value": "2.3E+4"}])]),
        "$.conventions[2].indicators[0].targets[0].value",
        "number",
    ),
    "value-with-seven-decimals": (
        _set(*BASIN, "indicators", [_indicator(results=[{"year": 2021, "value": 0.1234567}])]),
        "$.conventions[2].indicators[0].results[0].value",
        "number",
    ),
    "value-as-a-boolean": (
        _set(*BASIN, "indicators", [_indicator(baseline={"year": 2019, "value": True})]),
        "$.conventions[2].indicators[0].baseline.value",
        "type",
    ),
    "two-targets-in-a-year": (
        _set(
            *BASIN,
            "indicators",
            [_indicator(targets=[{"year": 2021, "value": "1"}, {"year": 2021, "value": "2"}])],
        ),
        "$.conventions[2].indicators[0].targets[1]",
        "unique",
    ),
    "indicator-of-no-action": (
        _set(*BASIN, "indicators", [_indicator(action="referents")]),
        "$.conventions[2].indicators[0].action",
        "indicator-action",
    ),
    "action-with-a-bad-id": (
        _set(*BASIN, "actions", [{"id": "Référents", "label": "Référents"}]),
        "$.conventions[2].actions[0].id",
        "slug",
    ),
    "action-of-no-priority": (
        _set(*BASIN, "actions", [{"id": "referents", "label": "Référents", "priority": "x"}]),
        "$.conventions[2].actions[0].priority",
        "action-priority",
    ),
    "ratio-zero": (
        _set("matches", [_match(ratio="0")]),
        "$.matches[0].ratio",
        "ratio",
    ),
    "ratio-as-an-amount-with-five-decimals": (
        _set("matches", [_match(ratio="0.50000")]),
        "$.matches[0].ratio",
        "ratio",
    ),
    "match-by-nobody": (
        _set("matches", [_match(by=[])]),
        "$.matches[0].by",
        "match-party",
    ),
    "match-of-no-commitment": (
        _set("matches", [_match(commitment="etat-2016")]),
        "$.matches[0].commitment",
        "match-commitment",
    ),
    "payment-amount-negative": (
        _set("payments", [_payment(amount="-5.00")]),
        "$.payments[0].amount",
        "amount",
    ),
    "payment-in-another-year": (
        _set("payments", [_payment(year=2022)]),
        "$.payments[0].year",
        "payment-year",
    ),
    "payment-repeated": (
        _set("payments", [_payment(), _payment()]),
        "$.payments[1]",
        "unique",
    ),
    "partner-with-an-unknown-key": (
        _set(
            "partners", [{"id": "caisse-des-depots", "name": "CDC", "kind": "public_body", "x": 1}]
        ),
        "$.partners[0].x",
        "unknown-key",
    ),
    "co-funder-is-the-funder": (
        _commitment(co_funders=["etat"]),
        "$.commitments[0].co_funders[0]",
        "co-funder",
    ),
    "co-funder-not-a-slug": (
        _commitment(co_funders=["CD Nord"]),
        "$.commitments[0].co_funders[0]",
        "slug",
    ),
    "commitment-to-no-action": (
        _commitment(action="referents"),
        "$.commitments[0].action",
        "commitment-action",
    ),
}


@pytest.mark.parametrize(("change", "path", "rule"), list(BROKEN.values()), ids=list(BROKEN))
@pytest.mark.parametrize("indent", [None, 2])
def test_a_document_broken_in_a_new_value_gets_the_reference_report(
    change: Callable[[Any], Any], path: str, rule: str, indent: int | None
) -> None:
    document = change(copy.deepcopy(bm.to_dict(bm.datasets.bassin_minier_2019())))
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    if indent is None:
        text = compact(document)  # as canonical as it gets: only the value is wrong
    expected = reference_read(text, bm.Programme)
    assert isinstance(expected, bm.ValidationError)
    assert (path, rule) in {(v.path, v.rule) for v in expected.violations}
    assert _codec.decode(text, bm.Programme, older=_json._OLDER_LAYOUTS) is None
    assert_same(outcome(lambda: bm.from_json(text, bm.Programme)), expected)
