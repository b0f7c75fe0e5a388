"""The JSON Schema of each class: what it accepts, what it refuses, and where it stops.

`bassin_minier.json_schema` describes every document `to_json` and `save` write, and
refuses what a schema can see: unknown keys, amounts that are neither canonical text nor a
JSON number (and text with three decimals, zero, numbers not above zero), identifiers that
are not slugs, territory codes that do not fit their kind (no département ``20``), text
with a bidirectional control or an invisible end, missing required fields, values outside
a vocabulary. Every amount the library reads, the schema accepts. Calendar dates are
checked only by a validator that asserts ``format`` (``jsonschema`` with a
``FormatChecker``); to others ``"format": "date"`` is a remark.

A schema sees one value at a time. These rules the library enforces when reading are
beyond it, and each has a test below with a document the schema accepts and `from_json`
refuses:

- uniqueness by a key of the objects in a list: party ids in a convention, convention
  and commitment ids in a programme, priority ids, axis ids, signatories (name and
  party), participants (name), milestones (date and label), tranches (year and
  convention), amendment ids across the programme;
- cross-references: a signatory's party (an amendment's signatories too), a commitment's
  conventions, funder and priority, a tranche's convention, one description per party id
  across conventions, a territory not lying within itself, a related convention (of the
  programme, not the convention itself), a commitment's act (an amendment of one of its
  conventions) and the commitment it revises (another, of the same funder, no circle);
- sums: listed tranches honour the commitment's basis;
- date order: a period's end not before its start, a signature not after the period's
  end, periods within the programme's (those amendments set too), tranche years within
  the commitment's, amendments in signature order and none signed before its convention
  or after the end of the period it sets, a tranche not to be spent before its year;
- the Luhn checksum of a SIREN, whether a party's or an EPCI's code;
- text that is valid Unicode: a lone surrogate, written ``"\\ud800"`` in JSON, matches
  every pattern;
- text in normalisation form NFC: a letter followed by its combining accent matches the
  text pattern;
- the cents of an amount written as a JSON number: a validator may hold it as a binary
  float, which cannot count decimals;
- the JSON text itself: a repeated key is gone once parsed, and ``2019.0`` is an
  integer to JSON Schema but not a year to the library.
"""

from __future__ import annotations

import copy
import functools
import json
import operator
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

import bassin_minier as bm
from bassin_minier import datasets
from bassin_minier.testing import MODEL_STRATEGIES

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SHIPPED_DATASET = Path(datasets.__file__).parent / "bassin_minier_2019.json"
VERSION_1_FILE = Path(__file__).parent.parent / "data" / "format-v1" / "bassin_minier_2019.json"

Document = dict[str, Any]


@functools.cache
def validator(cls: type[Any], *, formats: bool = True) -> Draft202012Validator:
    checker = Draft202012Validator.FORMAT_CHECKER if formats else None
    return Draft202012Validator(bm.json_schema(cls), format_checker=checker)


def schema_errors(
    cls: type[Any], document: object, *, formats: bool = True
) -> set[tuple[str, str]]:
    """Every ``(path, keyword)`` the schema of *cls* objects to, nested ones included."""
    found: set[tuple[str, str]] = set()
    pending: list[SchemaError] = list(validator(cls, formats=formats).iter_errors(document))
    while pending:
        error = pending.pop()
        found.add((error.json_path, str(error.validator)))
        pending.extend(error.context or ())
    return found


def library_violations(cls: type[Any], text: str) -> set[tuple[str, str]]:
    """Every ``(path, rule)`` `from_json` reports for *text*; none if it reads it."""
    try:
        bm.from_json(text, cls)
    except bm.ValidationError as error:
        return {(v.path, v.rule) for v in error.violations}
    return set()


every_class = pytest.mark.parametrize(
    "cls", list(MODEL_STRATEGIES), ids=[cls.__name__ for cls in MODEL_STRATEGIES]
)

# -- the schema itself ------------------------------------------------------------------------


@every_class
def test_schema_is_a_valid_2020_12_schema(cls: type[Any]) -> None:
    schema = bm.json_schema(cls)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT
    assert schema["title"] == cls.__name__


@every_class
def test_schema_is_plain_json(cls: type[Any]) -> None:
    schema = bm.json_schema(cls)
    assert json.loads(json.dumps(schema)) == schema


# -- what it accepts --------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "version"), [(SHIPPED_DATASET, 2), (VERSION_1_FILE, 1)])
def test_schema_accepts_the_shipped_dataset_file_and_its_version_1_form(
    path: Path, version: int
) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format_version"] == version
    assert schema_errors(bm.Programme, document) == set()


@pytest.mark.parametrize("version", [0, 3, "2", None])
def test_schema_refuses_a_format_version_load_does_not_read(version: object) -> None:
    document = {"format_version": version, **dataset()}
    assert schema_errors(bm.Programme, document) == {("$.format_version", "enum")}


@pytest.mark.parametrize(
    ("code", "accepted"),
    [("69M", True), ("6AE", True), ("972R", True), ("69", False), ("69m", False), ("75", False)],
)
def test_schema_knows_the_codes_of_the_collectivites(code: str, accepted: bool) -> None:
    territory = {"code": code, "name": "Métropole de Lyon", "kind": "collectivite", "within": []}
    assert (schema_errors(bm.Territory, territory) == set()) is accepted
    assert (library_violations(bm.Territory, json.dumps(territory)) == set()) is accepted


@every_class
@given(data=st.data())
def test_schema_accepts_every_document_the_library_writes(
    cls: type[Any], data: st.DataObject
) -> None:
    document = json.loads(bm.to_json(data.draw(MODEL_STRATEGIES[cls])))
    assert schema_errors(cls, document) == set()
    # A file written by save carries its format version at the top.
    assert schema_errors(cls, {"format_version": bm.FORMAT_VERSION, **document}) == set()


# -- what both refuse -------------------------------------------------------------------------


def dataset() -> Document:
    """The built-in programme as a fresh, freely editable document."""
    return bm.to_dict(datasets.bassin_minier_2019())


def add_unknown_key(doc: Document) -> None:
    doc["conventions"][0]["parties"][1]["nom"] = "Conseil départemental du Nord"


def amount_as_negative_number(doc: Document) -> None:
    doc["commitments"][0]["amount"] = -48000000


def amount_with_three_decimals(doc: Document) -> None:
    doc["commitments"][0]["amount"] = "48000000.000"


def amount_of_zero(doc: Document) -> None:
    doc["commitments"][0]["amount"] = "0.00"


def name_reordered(doc: Document) -> None:
    doc["name"] = "Lutte contre la \u202epauvreté"


def name_ending_invisibly(doc: Document) -> None:
    doc["name"] = "Lutte contre la pauvreté\u200b"


def identifier_not_a_slug(doc: Document) -> None:
    doc["id"] = "Plan_Pauvreté"


def departement_twenty(doc: Document) -> None:
    doc["conventions"][0]["territory"]["code"] = "20"


def title_missing(doc: Document) -> None:
    del doc["conventions"][2]["title"]


def basis_outside_the_vocabulary(doc: Document) -> None:
    doc["commitments"][0]["basis"] = "minimum"


def milestone_twice(doc: Document) -> None:
    # A milestone is all key (a date and a label): a repeat is an exact copy.
    doc["milestones"].append(copy.deepcopy(doc["milestones"][-1]))


@pytest.mark.parametrize(
    ("change", "violation", "schema_error"),
    [
        (
            add_unknown_key,
            ("$.conventions[0].parties[1].nom", "unknown-key"),
            ("$.conventions[0].parties[1]", "additionalProperties"),
        ),
        (
            amount_as_negative_number,
            ("$.commitments[0].amount", "amount"),
            ("$.commitments[0].amount", "exclusiveMinimum"),
        ),
        (
            amount_with_three_decimals,
            ("$.commitments[0].amount", "amount"),
            ("$.commitments[0].amount", "pattern"),
        ),
        (
            amount_of_zero,
            ("$.commitments[0].amount", "amount"),
            ("$.commitments[0].amount", "not"),
        ),
        (name_reordered, ("$.name", "text"), ("$.name", "pattern")),
        (name_ending_invisibly, ("$.name", "text"), ("$.name", "pattern")),
        (identifier_not_a_slug, ("$.id", "slug"), ("$.id", "pattern")),
        (
            departement_twenty,
            ("$.conventions[0].territory.code", "territory-code"),
            ("$.conventions[0].territory.code", "pattern"),
        ),
        (
            title_missing,
            ("$.conventions[2].title", "required"),
            ("$.conventions[2]", "required"),
        ),
        (
            basis_outside_the_vocabulary,
            ("$.commitments[0].basis", "type"),
            ("$.commitments[0].basis", "enum"),
        ),
        (milestone_twice, ("$.milestones[3]", "unique"), ("$.milestones", "uniqueItems")),
    ],
    ids=lambda value: value.__name__ if callable(value) else None,
)
def test_schema_and_library_refuse_the_same_mistake(
    change: Callable[[Document], None],
    violation: tuple[str, str],
    schema_error: tuple[str, str],
) -> None:
    document = dataset()
    change(document)
    text = json.dumps(document)
    assert schema_error in schema_errors(bm.Programme, json.loads(text))
    assert violation in library_violations(bm.Programme, text)


@pytest.mark.parametrize(
    ("path", "rule"),
    [
        (("id",), "slug"),
        (("name",), "text"),
        (("commitments", 0, "amount"), "amount"),
        # Codes are text first, and a line break has no place in one-line text.
        (("conventions", 0, "territory", "code"), "text"),
        (("conventions", 0, "parties", 1, "territory"), "text"),
    ],
)
def test_schema_and_library_refuse_a_trailing_newline(path: tuple[Any, ...], rule: str) -> None:
    # Python's $ matches before a final newline; both must still refuse "etat\n".
    document = dataset()
    *parents, last = path
    holder = functools.reduce(operator.getitem, parents, document)
    holder[last] += "\n"
    json_path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    text = json.dumps(document)
    assert (json_path, "pattern") in schema_errors(bm.Programme, json.loads(text))
    assert (json_path, rule) in library_violations(bm.Programme, text)


@pytest.mark.parametrize(
    ("written", "read"), [("48000000", "48000000.00"), ("1234.5", "1234.50"), ("1.5e3", "1500.00")]
)
def test_schema_accepts_amounts_as_numbers_that_the_library_reads_exactly(
    written: str, read: str
) -> None:
    text = json.dumps(dataset()).replace('"48000000.00"', written)
    assert schema_errors(bm.Programme, json.loads(text)) == set()
    programme = bm.from_json(text, bm.Programme)
    assert programme.commitment("etat-2019-2021").amount == Decimal(read)


# -- amounts: what the library reads, the schema accepts --------------------------------------


def _with_decimals(number: int, places: int) -> str:
    """*number* written with its last *places* digits after the decimal point."""
    sign, digits = ("-" if number < 0 else ""), str(abs(number)).rjust(places + 1, "0")
    return f"{sign}{digits[: len(digits) - places]}.{digits[len(digits) - places :]}".rstrip(".")


# Numbers around every edge of the rule: zero, a cent, 10^15 euros, the largest amount.
_NUMBERS = st.one_of(
    st.integers(-1000, 1000),
    st.integers(10**17 - 1000, 10**17 + 1000),
    st.integers(-(10**18), 10**18),
)
_AMOUNT_WRITINGS = st.one_of(
    st.builds(_with_decimals, _NUMBERS, st.integers(0, 4)),
    st.builds("{}e{}".format, _NUMBERS, st.integers(-20, 20)),
    st.text("0123456789.-+eE ", max_size=20),
)
# An amount as JSON text: a string, or the same characters as a number when JSON allows it.
_AMOUNT_TOKENS = st.one_of(_AMOUNT_WRITINGS.map(json.dumps), _AMOUNT_WRITINGS)


@given(token=_AMOUNT_TOKENS)
def test_every_amount_the_library_reads_the_schema_accepts(token: str) -> None:
    text = f'{{"year": 2019, "amount": {token}, "convention": "nord"}}'
    read = outcome_of(text)
    if read == "not JSON":
        return
    # Validators read a number as a binary float, or exactly: both must accept it.
    for number in (float, Decimal):
        accepted = schema_errors(bm.Tranche, json.loads(text, parse_float=number)) == set()
        assert accepted or read != "read"
        if token.startswith('"'):
            # Text is judged by the schema exactly as by the library.
            assert accepted == (read == "read")


def outcome_of(text: str) -> str:
    """Whether `from_json` reads the tranche *text*, refuses its amount, or its JSON."""
    try:
        bm.from_json(text, bm.Tranche)
    except bm.MalformedDocumentError:
        return "not JSON"
    except bm.ValidationError as error:
        paths = {v.path for v in error.violations}
    else:
        return "read"
    assert paths == {"$.amount"}
    return "refused"


@pytest.mark.parametrize(
    ("written", "read", "accepted"),
    [
        ("999999999999999.99", True, True),
        ("1000000000000000", False, True),  # to a float, the same number as the one above
        ("0.001", False, True),  # a binary float cannot count decimals
        ("0", False, False),
        ("-0.01", False, False),
        ("1000000000000000.5", False, False),
    ],
)
def test_the_schema_bounds_a_number_as_a_binary_float_can(
    written: str, read: bool, accepted: bool
) -> None:
    text = f'{{"year": 2019, "amount": {written}, "convention": "nord"}}'
    assert (outcome_of(text) == "read") is read
    assert (schema_errors(bm.Tranche, json.loads(text)) == set()) is accepted


def test_schema_checks_calendar_dates_only_when_asserting_formats() -> None:
    document = dataset()
    document["milestones"][0]["on"] = "2019-02-29"  # 2019 is not a leap year
    text = json.dumps(document)
    assert schema_errors(bm.Programme, json.loads(text), formats=False) == set()
    assert ("$.milestones[0].on", "format") in schema_errors(bm.Programme, json.loads(text))
    assert ("$.milestones[0].on", "type") in library_violations(bm.Programme, text)


# -- what only the library refuses ------------------------------------------------------------


def tranche(year: int, amount: str, convention: str) -> Document:
    return {"year": year, "amount": amount, "convention": convention}


def amendment(id: str, signed_on: str | None, end: str = "2021-12-31", **more: Any) -> Document:
    """An amendment of a convention of the built-in programme, setting a period to *end*."""
    return {
        "id": id,
        "title": None,
        "signed_on": signed_on,
        "signatories": [],
        "period": {"start": "2019-01-01", "end": end},
        "note": None,
        **more,
    }


def repeat_last(items: list[Any], **changes: Any) -> None:
    items.append({**copy.deepcopy(items[-1]), **changes})


def action(**more: Any) -> Document:
    """An action of the bassin minier convention."""
    return {"id": "referents-parcours", "label": "Référents de parcours", **more}


def indicator(**more: Any) -> Document:
    """An indicator of the bassin minier convention."""
    return {"id": "jeunes-ase", "label": "Jeunes accompagnés", "unit": "jeunes", **more}


def match(**more: Any) -> Document:
    """A matching rule on the State's commitment, met by the départements."""
    base = {"id": "cofinancement", "commitment": "etat-2019-2021", "by": ["cd-nord"]}
    return {**base, "ratio": "0.5", "basis": "at_least", **more}


def payment(**more: Any) -> Document:
    """A payment under the State's commitment."""
    return {"commitment": "etat-2019-2021", "year": 2019, "amount": "1000000.00", **more}


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Document], None]:
    def change(doc: Document) -> None:
        target = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _together(*changes: Callable[[Document], None]) -> Callable[[Document], None]:
    def change(doc: Document) -> None:
        for one in changes:
            one(doc)

    return change


def _repeat(*path: Any, **changes: Any) -> Callable[[Document], None]:
    """Repeat the last item of the list at *path*, with *changes* outside its key.

    An exact copy would be refused by the schema's uniqueItems; a copy that differs
    outside its key is what only the library sees.
    """

    def change(doc: Document) -> None:
        target = doc
        for step in path:
            target = target[step]
        repeat_last(target, **changes)

    return change


COMMITMENT = ("commitments", 0)
BASIN = ("conventions", 2)

BEYOND_THE_SCHEMA = {
    # Uniqueness by a key of the objects in a list.
    "party-id-twice": (
        _repeat("conventions", 0, "parties", name="Département du Nord"),
        ("$.conventions[0].parties[2]", "unique"),
    ),
    "convention-id-twice": (
        _repeat("conventions", title="Convention du bassin minier"),
        ("$.conventions[3]", "unique"),
    ),
    "commitment-id-twice": (
        _repeat("commitments", amount="1000000.00"),
        ("$.commitments[1]", "unique"),
    ),
    "priority-id-twice": (
        _set((*BASIN, "priorities", 1, "id"), "insertion-emploi"),
        ("$.conventions[2].priorities[1]", "unique"),
    ),
    "axis-id-twice": (
        _set(("strategy", "axes", 2, "id"), "sorties-ase"),
        ("$.strategy.axes[2]", "unique"),
    ),
    "signatory-twice": (
        _repeat(*BASIN, "signatories", role="vice-présidente"),
        ("$.conventions[2].signatories[4]", "unique"),
    ),
    "participant-twice": (
        _repeat(*BASIN, "participants", role="délégué interministériel"),
        ("$.conventions[2].participants[2]", "unique"),
    ),
    "tranche-twice": (
        _set(
            (*COMMITMENT, "tranches"),
            [tranche(2019, "24000000.00", "nord"), tranche(2019, "24000000.01", "nord")],
        ),
        ("$.commitments[0].tranches[1]", "unique"),
    ),
    # Cross-references.
    "signatory-for-no-party": (
        _set((*BASIN, "signatories", 0, "party"), "prefecture-nord"),
        ("$.conventions[2].signatories[0].party", "signatory-party"),
    ),
    "commitment-to-no-convention": (
        _set((*COMMITMENT, "conventions", 2), "somme"),
        ("$.commitments[0].conventions[2]", "commitment-convention"),
    ),
    "funder-not-a-party": (
        _set((*COMMITMENT, "funder"), "cd-nord"),
        ("$.commitments[0].funder", "funder-party"),
    ),
    "priority-not-shared": (
        _set((*COMMITMENT, "priority"), "prevention"),
        ("$.commitments[0].priority", "commitment-priority"),
    ),
    "tranche-through-another-convention": (
        _set((*COMMITMENT, "tranches"), [tranche(2019, "48000000.00", "somme")]),
        ("$.commitments[0].tranches[0].convention", "tranche-convention"),
    ),
    "one-party-two-descriptions": (
        _set(("conventions", 1, "parties", 0, "name"), "République française"),
        ("$.conventions[1].parties[0]", "party-consistency"),
    ),
    "territory-within-itself": (
        _set(("conventions", 0, "territory", "within"), ["32", "59"]),
        ("$.conventions[0].territory.within[1]", "within"),
    ),
    "amendment-id-twice": (
        _together(
            _set(("conventions", 0, "amendments"), [amendment("avenant-1", "2020-01-15")]),
            _set((*BASIN, "amendments"), [amendment("avenant-1", "2020-02-15")]),
        ),
        ("$.conventions[2].amendments[0].id", "unique"),
    ),
    "amendment-signatory-for-no-party": (
        _set(
            (*BASIN, "amendments"),
            [
                amendment(
                    "avenant-1",
                    "2020-01-15",
                    signatories=[{"name": "Michel Lalande", "role": "préfet", "party": "somme"}],
                )
            ],
        ),
        ("$.conventions[2].amendments[0].signatories[0].party", "signatory-party"),
    ),
    "related-to-itself": (
        _set((*BASIN, "related"), [{"kind": "succeeds", "convention": "bassin-minier"}]),
        ("$.conventions[2].related[0].convention", "related-convention"),
    ),
    "related-to-no-convention": (
        _set((*BASIN, "related"), [{"kind": "implements", "convention": "somme"}]),
        ("$.conventions[2].related[0].convention", "related-convention"),
    ),
    "act-of-no-amendment": (
        _set((*COMMITMENT, "act"), "avenant-1"),
        ("$.commitments[0].act", "commitment-act"),
    ),
    "commitment-revising-itself": (
        _set((*COMMITMENT, "revises"), "etat-2019-2021"),
        ("$.commitments[0].revises", "commitment-revision"),
    ),
    "revision-of-no-commitment": (
        _set((*COMMITMENT, "revises"), "etat-2016-2018"),
        ("$.commitments[0].revises", "commitment-revision"),
    ),
    # Shared money and evaluation: what they name must exist, and fit.
    "co-funder-is-the-funder": (
        _set((*COMMITMENT, "co_funders"), ["etat"]),
        ("$.commitments[0].co_funders[0]", "co-funder"),
    ),
    "co-funder-not-a-party": (
        _set((*COMMITMENT, "co_funders"), ["caisse-des-depots"]),
        ("$.commitments[0].co_funders[0]", "funder-party"),
    ),
    "action-of-no-priority": (
        _set((*BASIN, "actions"), [action(priority="sante")]),
        ("$.conventions[2].actions[0].priority", "action-priority"),
    ),
    "action-led-by-no-party": (
        _set((*BASIN, "actions"), [action(lead="cd-somme")]),
        ("$.conventions[2].actions[0].lead", "action-lead"),
    ),
    "indicator-of-no-action": (
        _set((*BASIN, "indicators"), [indicator(action="referents")]),
        ("$.conventions[2].indicators[0].action", "indicator-action"),
    ),
    "partner-already-a-party": (
        _set(("partners",), [{"id": "cd-nord", "name": "Département du Nord", "kind": "other"}]),
        ("$.partners[0].id", "partner"),
    ),
    "commitment-to-no-action": (
        _set((*COMMITMENT, "action"), "referents"),
        ("$.commitments[0].action", "commitment-action"),
    ),
    "match-of-no-commitment": (
        _set(("matches",), [match(commitment="etat-2016")]),
        ("$.matches[0].commitment", "match-commitment"),
    ),
    "match-by-no-party": (
        _set(("matches",), [match(by=["cd-somme"])]),
        ("$.matches[0].by[0]", "match-party"),
    ),
    "payment-of-no-commitment": (
        _set(("payments",), [payment(commitment="etat-2016")]),
        ("$.payments[0].commitment", "payment-commitment"),
    ),
    "payment-outside-the-years": (
        _set(("payments",), [payment(year=2022)]),
        ("$.payments[0].year", "payment-year"),
    ),
    "payment-through-no-convention": (
        _set(("payments",), [payment(convention="somme")]),
        ("$.payments[0].convention", "payment-convention"),
    ),
    # The decimals of a measured value or a ratio written as a JSON number.
    "value-number-with-seven-decimals": (
        _set((*BASIN, "indicators"), [indicator(targets=[{"year": 2021, "value": 0.1234567}])]),
        ("$.conventions[2].indicators[0].targets[0].value", "number"),
    ),
    "ratio-number-with-five-decimals": (
        _set(("matches",), [match(ratio=0.33333)]),
        ("$.matches[0].ratio", "ratio"),
    ),
    # Sums.
    "tranches-below-the-floor": (
        _set((*COMMITMENT, "tranches"), [tranche(2019, "47999999.99", "nord")]),
        ("$.commitments[0].tranches", "tranche-basis"),
    ),
    # Date order.
    "period-ends-before-it-starts": (
        _set(("period", "end"), "2018-12-31"),
        ("$.period.end", "period-order"),
    ),
    "signed-after-the-end": (
        _set((*BASIN, "signed_on"), "2022-01-10"),
        ("$.conventions[2].signed_on", "signature-date"),
    ),
    "convention-beyond-the-programme": (
        _set(("conventions", 0, "period", "end"), "2022-12-31"),
        ("$.conventions[0].period", "within-programme"),
    ),
    "amendments-out-of-order": (
        _set(
            ("conventions", 0, "amendments"),
            [amendment("avenant-2", "2020-06-30"), amendment("avenant-1", "2020-01-15")],
        ),
        ("$.conventions[0].amendments[1].signed_on", "amendment-order"),
    ),
    "amendment-before-its-convention": (
        _set(("conventions", 0, "amendments"), [amendment("avenant-1", "2018-06-30")]),
        ("$.conventions[0].amendments[0].signed_on", "amendment-date"),
    ),
    "amendment-after-the-period-it-sets": (
        _set(
            ("conventions", 0, "amendments"),
            [amendment("avenant-1", "2021-06-30", end="2020-12-31")],
        ),
        ("$.conventions[0].amendments[0].signed_on", "amendment-date"),
    ),
    "amendment-period-beyond-the-programme": (
        _set(("conventions", 0, "amendments"), [amendment("avenant-1", None, end="2022-12-31")]),
        ("$.conventions[0].amendments[0].period", "within-programme"),
    ),
    "spent-before-its-year": (
        _set(
            (*COMMITMENT, "tranches"),
            [{**tranche(2019, "48000000.00", "nord"), "spend_by": "2018-12-31"}],
        ),
        ("$.commitments[0].tranches[0].spend_by", "spend-by"),
    ),
    "tranche-outside-the-years": (
        _set((*COMMITMENT, "tranches"), [tranche(2022, "48000000.00", "nord")]),
        ("$.commitments[0].tranches[0].year", "tranche-year"),
    ),
    # Checksums: 225900018 is the SIREN of the département du Nord, 200093201 the MEL's.
    "party-siren-checksum": (
        _set(("conventions", 0, "parties", 1, "siren"), "225900019"),
        ("$.conventions[0].parties[1].siren", "siren"),
    ),
    "epci-code-checksum": (
        _set(
            ("conventions", 0, "territory"),
            {"code": "200093202", "name": "Métropole européenne de Lille", "kind": "epci"},
        ),
        ("$.conventions[0].territory.code", "territory-code"),
    ),
    # Valid Unicode, in normalisation form NFC.
    "lone-surrogate": (
        _set((*BASIN, "participants", 1, "name"), "Alain Neve\ud800"),
        ("$.conventions[2].participants[1].name", "text"),
    ),
    "decomposed-accent": (
        _set((*BASIN, "participants", 1, "name"), "Alain Neveu\u0308"),
        ("$.conventions[2].participants[1].name", "text"),
    ),
    # The cents of a JSON number.
    "amount-number-with-three-decimals": (
        _set((*COMMITMENT, "amount"), 48000000.001),
        ("$.commitments[0].amount", "amount"),
    ),
}


@pytest.mark.parametrize(
    ("change", "violation"), list(BEYOND_THE_SCHEMA.values()), ids=list(BEYOND_THE_SCHEMA)
)
def test_schema_accepts_what_only_the_library_refuses(
    change: Callable[[Document], None], violation: tuple[str, str]
) -> None:
    document = dataset()
    change(document)
    # ensure_ascii writes a lone surrogate as the escape JSON allows for it.
    text = json.dumps(document, ensure_ascii=True)
    assert schema_errors(bm.Programme, json.loads(text)) == set()
    assert violation in library_violations(bm.Programme, text)


def test_schema_cannot_see_a_repeated_key() -> None:
    text = '{"start": "2019-01-01", "end": "2021-12-31", "end": "2021-12-31"}'
    assert schema_errors(bm.Period, json.loads(text)) == set()
    assert ("$.end", "duplicate-key") in library_violations(bm.Period, text)


def test_schema_takes_a_whole_number_with_a_fraction_part_for_an_integer() -> None:
    text = '{"year": 2019.0, "amount": "16000000.00", "convention": "nord"}'
    assert schema_errors(bm.Tranche, json.loads(text)) == set()
    assert ("$.year", "type") in library_violations(bm.Tranche, text)


def test_every_rule_of_a_model_object_is_either_in_the_schema_or_pinned_here() -> None:
    pinned = {rule for _, (_, rule) in BEYOND_THE_SCHEMA.values()}
    in_schema = {"type", "text", "slug", "territory-code", "amount"}
    model_rules = {rule.name for rule in bm.RULES if not rule.documents_only}
    assert model_rules <= pinned | in_schema
