"""Reading and writing JSON: dicts, text and files, one broken thing at a time."""

from __future__ import annotations

import copy
import json
import os
import re
import stat
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._io import documents as _json

RULE_NAMES = {rule.name for rule in bm.RULES}
PROGRAMME = bm.datasets.bassin_minier_2019()
BASE: dict[str, Any] = bm.to_dict(PROGRAMME)


# -- helpers -----------------------------------------------------------------------------------


def document() -> dict[str, Any]:
    """A fresh copy of the built-in programme's plain form, safe to break."""
    return copy.deepcopy(BASE)


def found(error: bm.ValidationError) -> set[tuple[str, str]]:
    """The (path, rule) pairs an error reports; every rule must be in the catalogue."""
    pairs = {(v.path, v.rule) for v in error.violations}
    assert {rule for _, rule in pairs} <= RULE_NAMES
    return pairs


def refused(data: object, cls: type[Any] = bm.Programme) -> bm.ValidationError:
    with pytest.raises(bm.ValidationError) as caught:
        bm.from_dict(data, cls)
    return caught.value


def refused_text(text: str | bytes, cls: type[Any] = bm.Programme) -> bm.ValidationError:
    with pytest.raises(bm.ValidationError) as caught:
        bm.from_json(text, cls)
    return caught.value


def only(error: bm.ValidationError, path: str, rule: str) -> bm.Violation:
    """The single violation of *error*, checked to be at *path* under *rule*."""
    assert found(error) == {(path, rule)}
    assert len(error.violations) == 1
    return error.violations[0]


def with_amount_number(raw: str) -> str:
    """The programme text where the commitment's amount is the JSON number *raw*."""
    canonical = '"amount":"48000000.00"'
    text = bm.to_json(PROGRAMME)
    assert text.count(canonical) == 1
    return text.replace(canonical, f'"amount":{raw}')


def tranche_text(amount: str) -> str:
    return f'{{"year":2019,"amount":{amount},"convention":"nord"}}'


# -- the rules the tests rely on -----------------------------------------------------------------


def test_rule_names_used_here_are_in_the_catalogue() -> None:
    used = {"json", "format-version", "duplicate-key", "unknown-key", "required"}
    used |= {"type", "text", "slug", "amount", "tranche-basis"}
    assert used <= RULE_NAMES


def test_the_base_document_is_valid_and_reads_back_as_the_dataset() -> None:
    assert bm.from_dict(document(), bm.Programme) == PROGRAMME


# -- money --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("48000000", Decimal("48000000")),
        ("48000000.5", Decimal("48000000.5")),
        ("48000000.50", Decimal("48000000.50")),
        ("999999999999999.99", Decimal("999999999999999.99")),
        ("0.01", Decimal("0.01")),
    ],
)
def test_amount_is_read_from_text(text: str, expected: Decimal) -> None:
    data = document()
    data["commitments"][0]["amount"] = text
    amount = bm.from_dict(data, bm.Programme).commitments[0].amount
    assert type(amount) is Decimal
    assert amount == expected


@pytest.mark.parametrize(
    "text",
    ["-1", "+1", "1e3", "1,5", " 1", "1 ", "1.234", "", "0", "0.00", "1000000000000000", ".5"],
)
def test_amount_text_outside_the_pattern_or_not_positive_is_refused(text: str) -> None:
    data = document()
    data["commitments"][0]["amount"] = text
    only(refused(data), "$.commitments[0].amount", "amount")


def test_amount_from_a_json_integer_is_read_exactly() -> None:
    programme = bm.from_json(with_amount_number("48000000"), bm.Programme)
    assert programme.commitments[0].amount == Decimal(48_000_000)
    assert bm.to_dict(programme)["commitments"][0]["amount"] == "48000000.00"


@pytest.mark.parametrize(
    "raw",
    ["12.50", "0.1", "12345678901234.56", "999999999999999.99", "1.230"],
)
def test_amount_from_a_json_decimal_number_is_read_exactly(raw: str) -> None:
    amount = bm.from_json(with_amount_number(raw), bm.Programme).commitments[0].amount
    assert type(amount) is Decimal
    # Decimal(raw) is the exact value; a detour through float would differ from it.
    assert amount == Decimal(raw)
    # Held as euros and cents, whatever the number of decimals the document wrote.
    assert amount.as_tuple().exponent == -2


def test_numbers_that_a_float_cannot_hold_are_not_rounded() -> None:
    for raw in ("12345678901234.56", "999999999999999.99"):
        assert Decimal(float(raw)) != Decimal(raw)  # the premise of this test
        tranche = bm.from_json(tranche_text(raw), bm.Tranche)
        assert bm.to_dict(tranche)["amount"] == raw


def test_tranches_of_a_tenth_and_two_tenths_make_exactly_three_tenths() -> None:
    # 0.1 + 0.2 == 0.3 fails in binary floating point; the exact basis check must pass.
    text = json.dumps(
        {
            "id": "essai",
            "funder": "etat",
            "amount": "__amount__",
            "basis": "exactly",
            "period": {"start": "2019-01-01", "end": "2021-12-31"},
            "conventions": ["nord"],
            "tranches": [
                {"year": 2019, "amount": "__first__", "convention": "nord"},
                {"year": 2020, "amount": "__second__", "convention": "nord"},
            ],
        }
    )
    for marker, raw in (("__amount__", "0.3"), ("__first__", "0.1"), ("__second__", "0.2")):
        text = text.replace(f'"{marker}"', raw)
    commitment = bm.from_json(text, bm.FundingCommitment)
    assert commitment.tranche_total == Decimal("0.3")
    unbalanced = text.replace("0.3", "0.31")
    only(refused_text(unbalanced, bm.FundingCommitment), "$.tranches", "tranche-basis")


@pytest.mark.parametrize("raw", ["1.234", "48000000.001", "1e999", "-0", "-0.0", "-5", "0"])
def test_amount_number_that_is_no_whole_cents_or_not_positive_is_refused(raw: str) -> None:
    only(refused_text(with_amount_number(raw)), "$.commitments[0].amount", "amount")


def test_amount_number_too_long_to_read_is_a_validation_error() -> None:
    with pytest.raises(bm.ValidationError):
        bm.from_json(tranche_text("9" * 5000), bm.Tranche)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_literals_are_not_json(literal: str) -> None:
    with pytest.raises(bm.MalformedDocumentError) as caught:
        bm.from_json(with_amount_number(literal), bm.Programme)
    only(caught.value, "$", "json")


@pytest.mark.parametrize("number", [48000000.0, 12.5, 0.1])
def test_a_python_float_for_an_amount_is_refused_with_a_word_about_floats(number: float) -> None:
    data = document()
    data["commitments"][0]["amount"] = number
    violation = only(refused(data), "$.commitments[0].amount", "type")
    assert "float" in violation.message


def test_a_boolean_is_not_an_amount() -> None:
    data = document()
    data["commitments"][0]["amount"] = True
    only(refused(data), "$.commitments[0].amount", "type")


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("48000000", "48000000.00"),
        ("48000000.5", "48000000.50"),
        ("48000000.50", "48000000.50"),
        (48000000, "48000000.00"),
        (Decimal("1.230"), "1.23"),
        (Decimal("12.5"), "12.50"),
    ],
)
def test_amount_is_written_with_exactly_two_decimals(given: object, written: str) -> None:
    data = document()
    data["commitments"][0]["amount"] = given
    programme = bm.from_dict(data, bm.Programme)
    assert bm.to_dict(programme)["commitments"][0]["amount"] == written
    assert f'"amount":"{written}"' in bm.to_json(programme)


# -- dates --------------------------------------------------------------------------------------


def test_date_is_read_from_iso_text() -> None:
    convention = bm.from_dict(document(), bm.Programme).convention("bassin-minier")
    assert convention.signed_on is not None
    assert convention.signed_on.isoformat() == "2019-07-10"
    assert (convention.signed_on.year, convention.signed_on.month) == (2019, 7)


@pytest.mark.parametrize(
    "value",
    ["20190710", "2019-7-10", "2019-02-30", "2019-07-10T00:00:00", "10/07/2019", 20190710],
)
def test_date_in_another_form_is_refused(value: object) -> None:
    data = document()
    data["conventions"][2]["signed_on"] = value
    only(refused(data), "$.conventions[2].signed_on", "type")


def test_null_for_a_required_date_is_refused() -> None:
    data = document()
    data["milestones"][0]["on"] = None
    data["period"]["start"] = None
    assert found(refused(data)) == {("$.milestones[0].on", "type"), ("$.period.start", "type")}


def test_null_for_an_optional_date_means_unknown() -> None:
    data = document()
    data["conventions"][2]["signed_on"] = None
    assert bm.from_dict(data, bm.Programme).conventions[2].signed_on is None


# -- enums --------------------------------------------------------------------------------------


def test_enum_values_are_read_as_they_are_written() -> None:
    programme = bm.from_dict(document(), bm.Programme)
    bassin = programme.convention("bassin-minier")
    assert bassin.kind is bm.ConventionKind.TERRITOIRE_DEMONSTRATEUR
    assert bassin.territory.kind is bm.TerritoryKind.AREA
    assert bassin.parties[0].kind is bm.PartyKind.STATE
    assert programme.commitments[0].basis is bm.Basis.AT_LEAST


ALLOWED_TERRITORY_KINDS = ("region", "departement", "commune", "epci", "area")
ALLOWED_BASES = ("at_least", "exactly", "at_most")


@pytest.mark.parametrize("value", ["Region", "REGION", "région", "pays"])
def test_territory_kind_in_another_case_or_unknown_is_refused(value: str) -> None:
    data = document()
    data["conventions"][0]["territory"]["kind"] = value
    violation = only(refused(data), "$.conventions[0].territory.kind", "type")
    assert all(repr(kind) in violation.message for kind in ALLOWED_TERRITORY_KINDS)


def test_unknown_basis_is_refused_with_the_allowed_values() -> None:
    data = document()
    data["commitments"][0]["basis"] = "minimum"
    violation = only(refused(data), "$.commitments[0].basis", "type")
    assert all(repr(basis) in violation.message for basis in ALLOWED_BASES)


def test_a_number_for_an_enum_is_refused_with_the_allowed_values() -> None:
    data = document()
    data["commitments"][0]["basis"] = 1
    violation = only(refused(data), "$.commitments[0].basis", "type")
    assert all(repr(basis) in violation.message for basis in ALLOWED_BASES)


def test_a_wrong_enum_is_reported_together_with_other_problems_of_its_object() -> None:
    data = document()
    data["conventions"][0]["kind"] = "Departementale"
    data["conventions"][0]["title"] = 5
    data["conventions"][0]["territory"]["kind"] = "Region"
    assert found(refused(data)) == {
        ("$.conventions[0].kind", "type"),
        ("$.conventions[0].title", "type"),
        ("$.conventions[0].territory.kind", "type"),
    }


# -- keys ---------------------------------------------------------------------------------------


def test_unknown_keys_at_every_depth_are_reported_together() -> None:
    data = document()
    data["extra"] = 1
    data["conventions"][1]["parties"][0]["nmae"] = "État"
    data["commitments"][0]["tranches"] = [
        {"year": 2019, "amount": "48000000", "convention": "nord", "amout": "1"}
    ]
    error = refused(data)
    assert found(error) == {
        ("$.extra", "unknown-key"),
        ("$.conventions[1].parties[0].nmae", "unknown-key"),
        ("$.commitments[0].tranches[0].amout", "unknown-key"),
    }
    party_typo = next(v for v in error.violations if v.path.endswith(".nmae"))
    assert "nmae" in party_typo.message


def test_missing_required_fields_are_reported_with_their_paths() -> None:
    data = document()
    del data["id"]
    del data["conventions"][1]["parties"][0]["name"]
    del data["commitments"][0]["period"]["end"]
    assert found(refused(data)) == {
        ("$.id", "required"),
        ("$.conventions[1].parties[0].name", "required"),
        ("$.commitments[0].period.end", "required"),
    }


def test_optional_fields_may_be_left_out() -> None:
    party = bm.from_dict({"id": "etat", "name": "État", "kind": "state"}, bm.Party)
    assert party == bm.Party(id="etat", name="État", kind=bm.PartyKind.STATE)
    assert (party.territory, party.siren) == (None, None)
    minimal = {
        "id": "essai",
        "name": "Essai",
        "period": {"start": "2019-01-01", "end": "2019-12-31"},
    }
    programme = bm.from_dict(minimal, bm.Programme)
    assert programme.strategy is None
    assert (programme.conventions, programme.commitments, programme.milestones) == ((), (), ())


def test_output_writes_every_field_including_nulls_and_empty_lists() -> None:
    party = bm.Party(id="etat", name="État", kind=bm.PartyKind.STATE)
    assert bm.to_dict(party) == {
        "id": "etat",
        "name": "État",
        "kind": "state",
        "territory": None,
        "siren": None,
    }
    programme = bm.Programme(id="essai", name="Essai", period=bm.Period.from_years(2019))
    assert bm.to_dict(programme) == {
        "id": "essai",
        "name": "Essai",
        "period": {"start": "2019-01-01", "end": "2019-12-31"},
        "strategy": None,
        "conventions": [],
        "commitments": [],
        "milestones": [],
        "partners": [],
        "matches": [],
        "payments": [],
    }
    text = bm.to_json(programme)
    assert '"strategy":null' in text
    assert '"milestones":[]' in text


def test_every_field_of_every_object_appears_in_the_output() -> None:
    data = bm.to_dict(PROGRAMME)
    convention = data["conventions"][0]
    assert list(convention) == [a.name for a in attrs.fields(bm.Convention)]
    assert list(convention["parties"][0]) == [a.name for a in attrs.fields(bm.Party)]
    assert list(data["commitments"][0]) == [a.name for a in attrs.fields(bm.FundingCommitment)]


@pytest.mark.parametrize("same_value", [True, False], ids=["equal-values", "different-values"])
def test_a_repeated_top_level_key_is_an_error(same_value: bool) -> None:
    data = document()
    data["@again"] = data["id"] if same_value else "autre-programme"
    text = json.dumps(data, ensure_ascii=False).replace('"@again"', '"id"')
    only(refused_text(text), "$.id", "duplicate-key")


def test_a_repeated_nested_key_with_equal_values_is_an_error() -> None:
    data = document()
    party = data["conventions"][1]["parties"][0]
    party["@again"] = party["name"]
    text = json.dumps(data, ensure_ascii=False).replace('"@again"', '"name"')
    violation = only(refused_text(text), "$.conventions[1].parties[0].name", "duplicate-key")
    assert "name" in violation.message


def test_a_repeated_nested_key_with_different_values_is_an_error() -> None:
    data = document()
    data["conventions"][1]["parties"][0]["@again"] = "Préfecture du Pas-de-Calais"
    text = json.dumps(data, ensure_ascii=False).replace('"@again"', '"name"')
    # Whichever value a plain reader would keep, the repetition itself is reported.
    assert ("$.conventions[1].parties[0].name", "duplicate-key") in found(refused_text(text))


def test_a_key_given_three_times_is_reported_once() -> None:
    data = document()
    data["@second"] = data["id"]
    data["@third"] = data["id"]
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace('"@second"', '"id"').replace('"@third"', '"id"')
    only(refused_text(text), "$.id", "duplicate-key")


def test_repeated_keys_are_reported_with_other_problems() -> None:
    data = document()
    data["milestones"][0]["@again"] = "2018-09-13"
    data["unexpected"] = True
    text = json.dumps(data, ensure_ascii=False).replace('"@again"', '"on"')
    assert found(refused_text(text)) == {
        ("$.milestones[0].on", "duplicate-key"),
        ("$.unexpected", "unknown-key"),
    }


@given(st.lists(st.sampled_from("abcdef"), max_size=30))
def test_every_repeated_key_is_reported_once_in_the_order_it_repeats(keys: list[str]) -> None:
    text = "{" + ",".join(f'"{key}":{number}' for number, key in enumerate(keys)) + "}"
    expected = []
    for index, key in enumerate(keys):
        if key in keys[:index] and key not in expected:
            expected.append(key)

    document, violations = _json.parse_json(text)

    assert document == {key: number for number, key in enumerate(keys)}
    reported = [(v.path, v.rule) for v in violations]
    assert reported == [(f"$.{key}", "duplicate-key") for key in expected]


class CountedKey(str):
    """A key that counts how often it is compared with another key."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        CountedKey.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_finding_repeated_keys_compares_each_key_a_bounded_number_of_times() -> None:
    # Thousands of keys each written twice must not be compared with every key reported
    # before them: that made a 1.7 MB document take a minute to refuse.
    count = 2000
    keys = [CountedKey(f"k{i}") for i in range(count) for _ in range(2)]
    CountedKey.comparisons = 0

    assert _json.repeated_keys(keys) == [f"k{i}" for i in range(count)]
    assert CountedKey.comparisons <= 4 * count


def test_a_repeated_key_inside_a_saved_file_is_an_error(tmp_path: Path) -> None:
    data = {"format_version": 1, **document()}
    data["commitments"][0]["@again"] = "at_least"
    target = tmp_path / "programme.json"
    target.write_text(json.dumps(data).replace('"@again"', '"basis"'), encoding="utf-8")
    with pytest.raises(bm.ValidationError) as caught:
        bm.load(target, bm.Programme)
    only(caught.value, "$.commitments[0].basis", "duplicate-key")


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("a b", '$["a b"]'),
        ("1st", '$["1st"]'),
        ("année", '$["année"]'),
        ('say "hi"', '$["say \\"hi\\""]'),
        ("", '$[""]'),
    ],
)
def test_keys_that_are_not_identifiers_are_quoted_in_paths(key: str, path: str) -> None:
    data = document()
    data[key] = 1
    only(refused(data), path, "unknown-key")


def test_quoted_keys_in_nested_paths() -> None:
    data = document()
    data["conventions"][0]["territory"]["a b"] = "x"
    only(refused(data), '$.conventions[0].territory["a b"]', "unknown-key")


# -- types --------------------------------------------------------------------------------------


def test_text_where_a_list_is_expected_is_not_split_into_characters() -> None:
    data = document()
    data["conventions"][2]["priorities"][1]["themes"] = "santé"
    violation = only(refused(data), "$.conventions[2].priorities[1].themes", "type")
    assert "list" in violation.message


def test_object_where_a_list_is_expected_is_refused() -> None:
    data = document()
    data["conventions"] = {"nord": BASE["conventions"][0]}
    only(refused(data), "$.conventions", "type")


def test_list_where_an_object_is_expected_is_refused() -> None:
    data = document()
    data["period"] = ["2019-01-01", "2021-12-31"]
    data["conventions"][0]["territory"] = ["59", "Nord", "departement"]
    assert found(refused(data)) == {("$.period", "type"), ("$.conventions[0].territory", "type")}


def test_true_is_not_a_year() -> None:
    data = document()
    data["commitments"][0]["tranches"] = [
        {"year": True, "amount": "48000000", "convention": "nord"}
    ]
    only(refused(data), "$.commitments[0].tranches[0].year", "type")


@pytest.mark.parametrize("value", [5, 5.0, True, ["Lille"], {"ville": "Lille"}])
def test_a_non_text_value_where_text_is_expected_is_not_converted(value: object) -> None:
    data = document()
    data["conventions"][2]["signed_at"] = value
    data["name"] = value
    assert found(refused(data)) == {("$.name", "type"), ("$.conventions[2].signed_at", "type")}


def test_deeply_nested_arrays_are_malformed_not_a_recursion_error() -> None:
    depth = 100_000
    for text in ("[" * depth + "]" * depth, '{"id":' + "[" * depth + "]" * depth + "}"):
        with pytest.raises(bm.MalformedDocumentError) as caught:
            bm.from_json(text, bm.Programme)
        only(caught.value, "$", "json")


@pytest.mark.parametrize("text", ["[]", '"programme"', "null", "48", "true"])
def test_a_programme_must_be_an_object(text: str) -> None:
    error = refused_text(text)
    assert not isinstance(error, bm.MalformedDocumentError)
    only(error, "$", "type")


@pytest.mark.parametrize("text", ["", "{", '{"id":}', "{'id': 'x'}", "{} {}"])
def test_text_that_is_not_json_is_malformed(text: str) -> None:
    with pytest.raises(bm.MalformedDocumentError) as caught:
        bm.from_json(text, bm.Programme)
    only(caught.value, "$", "json")


# -- encodings ----------------------------------------------------------------------------------


def test_utf8_bytes_are_read_with_their_accents() -> None:
    text = bm.to_json(PROGRAMME)
    programme = bm.from_json(text.encode("utf-8"), bm.Programme)
    assert programme == PROGRAMME
    bassin = programme.convention("bassin-minier")
    assert bassin.title == "territoire démonstrateur de la mise en œuvre du plan pauvreté"
    assert [p.name for p in bassin.participants] == ["Olivier Noblecourt", "Alain Neveü"]


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    raw = b"\xef\xbb\xbf" + bm.to_json(PROGRAMME).encode("utf-8")
    assert bm.from_json(raw, bm.Programme) == PROGRAMME


@pytest.mark.parametrize(
    "raw",
    [
        b'{"name":"Alain Neve\xfc","role":"d\xe9l\xe9gu\xe9"}',  # Latin-1, not UTF-8
        b'{"name":"\xff","role":"x"}',
        b'{"name":"\xc3","role":"x"}',  # a sequence cut short
    ],
)
def test_bytes_that_are_not_utf8_are_malformed(raw: bytes) -> None:
    with pytest.raises(bm.MalformedDocumentError) as caught:
        bm.from_json(raw, bm.Participant)
    only(caught.value, "$", "json")


def test_a_lone_surrogate_escape_is_refused_by_the_text_rule() -> None:
    data = document()
    data["conventions"][2]["participants"][1]["name"] = "@surrogate"
    text = json.dumps(data).replace('"@surrogate"', '"Alain \\ud800"')
    only(refused_text(text), "$.conventions[2].participants[1].name", "text")


def test_a_surrogate_pair_escape_is_a_character() -> None:
    participant = bm.from_json('{"name":"Alain \\ud83d\\ude00","role":"r"}', bm.Participant)
    assert participant.name == "Alain \U0001f600"


# -- paths and inputs ---------------------------------------------------------------------------


def test_paths_from_a_saved_file_start_at_the_object(tmp_path: Path) -> None:
    data = {"format_version": 1, **document()}
    data["conventions"][0]["title"] = ""
    data["conventions"][2]["parties"][1]["kind"] = "Departement"
    target = tmp_path / "programme.json"
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(bm.ValidationError) as caught:
        bm.load(target, bm.Programme)
    assert found(caught.value) == {
        ("$.conventions[0].title", "text"),
        ("$.conventions[2].parties[1].kind", "type"),
    }


def test_independent_problems_at_different_depths_are_all_reported() -> None:
    data = document()
    data["name"] = ""
    data["conventions"][0]["id"] = "Nord"
    data["conventions"][0]["title"] = " Convention du Nord"
    data["conventions"][2]["period"]["start"] = None
    assert found(refused(data)) == {
        ("$.name", "text"),
        ("$.conventions[0].id", "slug"),
        ("$.conventions[0].title", "text"),
        ("$.conventions[2].period.start", "type"),
    }


def test_from_dict_leaves_its_input_untouched() -> None:
    valid = document()
    bm.from_dict(valid, bm.Programme)
    assert valid == BASE
    broken = document()
    broken["conventions"][0]["extra"] = 1
    del broken["commitments"][0]["basis"]
    snapshot = copy.deepcopy(broken)
    refused(broken)
    assert broken == snapshot


def test_from_dict_accepts_what_to_dict_gives_for_every_kind_of_object() -> None:
    bassin = PROGRAMME.convention("bassin-minier")
    for obj in (bassin, bassin.territory, bassin.signatories[0], PROGRAMME.commitments[0]):
        assert bm.from_dict(bm.to_dict(obj), type(obj)) == obj


# -- format_version -----------------------------------------------------------------------------


def write_document(folder: Path, data: dict[str, Any], version: str | None) -> Path:
    """A file holding *data*, with the raw JSON *version* as its format_version if given."""
    text = json.dumps(data, ensure_ascii=False)
    if version is not None:
        text = '{"format_version":' + version + "," + text[1:]
    target = folder / "programme.json"
    target.write_text(text, encoding="utf-8")
    return target


def test_load_reads_a_file_without_format_version(tmp_path: Path) -> None:
    target = tmp_path / "programme.json"
    target.write_text(bm.to_json(PROGRAMME), encoding="utf-8")
    assert bm.load(target, bm.Programme) == PROGRAMME


@pytest.mark.parametrize("version", ["1", "2"])
def test_load_reads_format_versions_1_and_2(tmp_path: Path, version: str) -> None:
    assert bm.FORMAT_VERSION == 2
    assert bm.SUPPORTED_FORMAT_VERSIONS == (1, 2)
    target = write_document(tmp_path, document(), version)
    assert bm.load(target, bm.Programme) == PROGRAMME


@pytest.mark.parametrize(
    ("version", "shown"),
    [
        ("3", ["3"]),
        ("0", ["0"]),
        ("-1", ["-1"]),
        ('"1"', ["'1'", '"1"']),
        ("true", ["true", "True"]),
        ("1.0", ["1.0"]),
        ("null", ["null"]),
    ],
)
def test_load_refuses_an_unknown_format_version(
    tmp_path: Path, version: str, shown: list[str]
) -> None:
    target = write_document(tmp_path, document(), version)
    with pytest.raises(bm.FormatVersionError) as caught:
        bm.load(target, bm.Programme)
    violation = only(caught.value, "$.format_version", "format-version")
    # The message names the version found and every version this library reads.
    assert any(re.search(rf"(?<![\w.]){re.escape(s)}(?![\w.])", violation.message) for s in shown)
    assert "1, 2" in violation.message
    assert "support" in violation.message or "reads" in violation.message


def test_format_version_error_is_a_validation_error() -> None:
    assert issubclass(bm.FormatVersionError, bm.ValidationError)
    assert issubclass(bm.FormatVersionError, ValueError)
    assert issubclass(bm.FormatVersionError, bm.BassinMinierError)


def test_from_json_treats_format_version_as_an_unknown_key() -> None:
    text = '{"format_version":1,' + bm.to_json(PROGRAMME)[1:]
    only(refused_text(text), "$.format_version", "unknown-key")


# -- save ---------------------------------------------------------------------------------------


def test_save_writes_indented_utf8_json_with_format_version_first(tmp_path: Path) -> None:
    target = tmp_path / "programme.json"
    bm.save(PROGRAMME, target)
    raw = target.read_bytes()
    assert "Alain Neveü".encode() in raw
    assert "mise en œuvre".encode() in raw
    text = raw.decode("utf-8")
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert text.splitlines()[:2] == ["{", '  "format_version": 2,']
    keys = json.loads(text, object_pairs_hook=lambda pairs: [k for k, _ in pairs])
    assert keys[0] == "format_version"
    assert json.loads(text) == {"format_version": 2, **BASE}
    assert bm.load(target, bm.Programme) == PROGRAMME


def test_save_accepts_a_path_as_text(tmp_path: Path) -> None:
    target = tmp_path / "programme.json"
    bm.save(PROGRAMME, str(target))
    assert bm.load(str(target), bm.Programme) == PROGRAMME


def test_save_replaces_the_previous_content(tmp_path: Path) -> None:
    target = tmp_path / "programme.json"
    target.write_text("previous", encoding="utf-8")
    bm.save(PROGRAMME, target)
    assert bm.load(target, bm.Programme) == PROGRAMME
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programme.json"]


class SimulatedCrashError(Exception):
    """Stands for the process dying in the middle of a save."""


def interrupted_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> Path:
    """Save over an existing file while *step* (an `os` function) fails."""
    target = tmp_path / "programme.json"
    target.write_text("previous content\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise SimulatedCrashError(step)

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(SimulatedCrashError):
        bm.save(PROGRAMME, target)
    monkeypatch.undo()
    return target


@pytest.mark.parametrize("step", ["replace", "fsync"])
def test_save_interrupted_leaves_the_previous_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = interrupted_save(tmp_path, monkeypatch, step)
    assert target.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["programme.json"]


def test_save_failing_in_the_system_gives_a_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "programme.json"
    target.write_text("previous content\n", encoding="utf-8")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(bm.FileError):
        bm.save(PROGRAMME, target)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["programme.json"]


def test_save_into_a_missing_folder_is_a_file_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "programme.json"
    with pytest.raises(bm.FileError) as caught:
        bm.save(PROGRAMME, target)
    assert isinstance(caught.value, bm.BassinMinierError)
    assert isinstance(caught.value, OSError)
    assert "missing" in str(caught.value)
    assert not (tmp_path / "missing").exists()


def test_load_of_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(bm.FileError) as caught:
        bm.load(tmp_path / "absent.json", bm.Programme)
    assert isinstance(caught.value, bm.BassinMinierError)
    assert isinstance(caught.value, OSError)
    assert "absent.json" in str(caught.value)


def test_load_of_a_folder_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(bm.FileError) as caught:
        bm.load(tmp_path, bm.Programme)
    assert isinstance(caught.value, OSError)


def test_load_of_a_file_that_is_not_json_is_malformed(tmp_path: Path) -> None:
    target = tmp_path / "programme.json"
    target.write_bytes(b"\xff\xfe{}")
    with pytest.raises(bm.MalformedDocumentError) as caught:
        bm.load(target, bm.Programme)
    only(caught.value, "$", "json")


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_save_keeps_the_permission_bits_of_the_file_it_replaces(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "programme.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(mode)
    bm.save(PROGRAMME, target)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert bm.load(target, bm.Programme) == PROGRAMME


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path: Path, umask: int) -> None:
    # As with open(): mkstemp's owner-only mode would hide a document meant to be shared,
    # and a fixed mode would ignore a user who keeps new files private.
    target = tmp_path / "programme.json"
    previous = os.umask(umask)
    try:
        bm.save(PROGRAMME, target)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


# -- misuse -------------------------------------------------------------------------------------

NOT_MODEL_CLASSES = [dict, str, int, None, "Programme", bm.Violation, bm.Rule, bm.Basis]


@pytest.mark.parametrize("cls", NOT_MODEL_CLASSES, ids=repr)
def test_reading_as_something_that_is_not_a_model_class_is_a_type_error(
    tmp_path: Path, cls: Any
) -> None:
    target = tmp_path / "programme.json"
    target.write_text(bm.to_json(PROGRAMME), encoding="utf-8")
    with pytest.raises(TypeError):
        bm.from_dict(document(), cls)
    with pytest.raises(TypeError):
        bm.from_json(bm.to_json(PROGRAMME), cls)
    with pytest.raises(TypeError):
        bm.load(target, cls)


@pytest.mark.parametrize(
    "obj",
    [BASE, None, "Programme", 48, bm.Violation("$", "m"), bm.Basis.AT_LEAST, [PROGRAMME]],
    ids=["dict", "none", "str", "int", "violation", "enum", "list"],
)
def test_writing_something_that_is_not_a_model_object_is_a_type_error(
    tmp_path: Path, obj: object
) -> None:
    with pytest.raises(TypeError):
        bm.to_dict(obj)
    with pytest.raises(TypeError):
        bm.to_json(obj)
    with pytest.raises(TypeError):
        bm.save(obj, tmp_path / "x.json")
    assert list(tmp_path.iterdir()) == []


# -- canonical text -----------------------------------------------------------------------------


def test_to_json_is_compact() -> None:
    participant = bm.Participant(name="Alain Neveü", role="délégué interministériel")
    assert bm.to_json(participant) == '{"name":"Alain Neveü","role":"délégué interministériel"}'
    text = bm.to_json(PROGRAMME)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    assert "\n" not in text


def test_to_json_keeps_non_ascii_characters() -> None:
    text = bm.to_json(PROGRAMME)
    for word in ("État", "œuvre", "Neveü", "santé", "Jean-René"):
        assert word in text
    assert "\\u" not in text


def test_to_json_keys_follow_attribute_order() -> None:
    text = bm.to_json(PROGRAMME)
    ordered = json.loads(text, object_pairs_hook=lambda pairs: pairs)
    assert [k for k, _ in ordered] == [a.name for a in attrs.fields(bm.Programme)]
    first_convention = dict(ordered)["conventions"][0]
    assert [k for k, _ in first_convention] == [a.name for a in attrs.fields(bm.Convention)]


def test_to_json_is_stable_across_a_round_trip() -> None:
    text = bm.to_json(PROGRAMME)
    assert bm.to_json(bm.from_json(text, bm.Programme)) == text
    assert bm.to_json(PROGRAMME) == text


@pytest.mark.parametrize("indent", [2, 4])
def test_indented_json_matches_the_standard_library(indent: int) -> None:
    expected = json.dumps(bm.to_dict(PROGRAMME), indent=indent, ensure_ascii=False)
    assert bm.to_json(PROGRAMME, indent=indent) == expected
    assert bm.from_json(bm.to_json(PROGRAMME, indent=indent), bm.Programme) == PROGRAMME


# -- the classes and fields of version 2 --------------------------------------------------------


def amended() -> dict[str, Any]:
    """The built-in programme with an amendment, a relation, an act, a revision, a spend-by day."""
    data = document()
    nord, pas_de_calais = data["conventions"][0], data["conventions"][1]
    nord["amendments"] = [
        {
            "id": "avenant-1",
            "title": "Avenant n° 1",
            "signed_on": "2020-06-30",
            "signatories": [{"name": "Michel Lalande", "role": "préfet", "party": "etat"}],
            "period": {"start": "2019-01-01", "end": "2021-06-30"},
            "note": None,
        }
    ]
    pas_de_calais["related"] = [{"kind": "succeeds", "convention": nord["id"]}]
    original = data["commitments"][0]
    revision = copy.deepcopy(original) | {"id": "etat-avenant-1", "act": "avenant-1"}
    revision["revises"] = original["id"]
    revision["tranches"] = [
        {
            "year": 2019,
            "amount": original["amount"],
            "convention": nord["id"],
            "spend_by": "2020-06-30",
        }
    ]
    data["commitments"].append(revision)
    return data


def test_the_classes_and_fields_of_version_2_are_read_and_written_back() -> None:
    data = amended()
    programme = bm.from_dict(data, bm.Programme)
    [amendment] = programme.conventions[0].amendments
    assert amendment.period == bm.Period(start=date(2019, 1, 1), end=date(2021, 6, 30))
    assert programme.conventions[1].related == (
        bm.Relation(kind=bm.RelationKind.SUCCEEDS, convention=programme.conventions[0].id),
    )
    revision = programme.commitments[-1]
    assert (revision.act, revision.revises) == ("avenant-1", programme.commitments[0].id)
    assert revision.tranches[0].spend_by == date(2020, 6, 30)
    assert bm.to_dict(programme) == data
    assert bm.from_json(bm.to_json(programme), bm.Programme) == programme


def test_every_problem_in_the_new_classes_is_reported_with_its_path() -> None:
    data = amended()
    amendments = data["conventions"][0]["amendments"]
    amendments[0]["period"]["end"] = "2022-13-31"
    amendments[0]["title"] = 5
    amendments.append({"title": "Avenant n° 2", "signed": "2021-01-01"})
    data["conventions"][1]["related"].append({"kind": "precedes", "convention": "nord"})
    data["commitments"][-1]["act"] = ["avenant-1"]
    data["commitments"][-1]["tranches"][0]["spend_by"] = "30/06/2020"
    assert found(refused(data)) == {
        ("$.conventions[0].amendments[0].period.end", "type"),
        ("$.conventions[0].amendments[0].title", "type"),
        ("$.conventions[0].amendments[1].id", "required"),
        ("$.conventions[0].amendments[1].signed", "unknown-key"),
        ("$.conventions[1].related[1].kind", "type"),
        ("$.commitments[1].act", "type"),
        ("$.commitments[1].tranches[0].spend_by", "type"),
    }


@pytest.mark.parametrize(
    ("where", "value", "path", "rule"),
    [
        (
            ("conventions", 0, "amendments", 0, "signed_on"),
            "2018-01-01",
            "$.conventions[0].amendments[0].signed_on",
            "amendment-date",
        ),
        (
            ("conventions", 1, "related", 0, "convention"),
            "ailleurs",
            "$.conventions[1].related[0].convention",
            "related-convention",
        ),
        (("commitments", 1, "act"), "avenant-9", "$.commitments[1].act", "commitment-act"),
        (
            ("commitments", 1, "revises"),
            "etat-avenant-1",
            "$.commitments[1].revises",
            "commitment-revision",
        ),
        (
            ("commitments", 1, "tranches", 0, "spend_by"),
            "2018-12-31",
            "$.commitments[1].tranches[0].spend_by",
            "spend-by",
        ),
    ],
)
def test_the_rules_of_the_new_fields_are_reported_by_the_reference_reader(
    where: tuple[str | int, ...], value: str, path: str, rule: str
) -> None:
    data = amended()
    holder: Any = data
    for step in where[:-1]:
        holder = holder[step]
    holder[where[-1]] = value
    text = json.dumps(data, ensure_ascii=False, indent=1)  # not canonical: the reference reads it
    assert found(refused_text(text)) == {(path, rule)}


def test_an_unknown_key_in_an_amendment_names_its_class_and_keys() -> None:
    violation = only(
        refused({"id": "avenant-1", "date": "2020-01-01"}, bm.Amendment), "$.date", "unknown-key"
    )
    assert violation.message == (
        "unknown key 'date' in an Amendment "
        "(its keys are id, title, signed_on, signatories, period, note)"
    )
