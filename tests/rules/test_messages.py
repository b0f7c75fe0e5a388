"""The exact words of messages, and the rare paths of writing a file.

Messages are what a person reads when data is refused: they are part of the interface,
so their wording is pinned here, case by case, rather than only their key words.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._base.shown import describe
from bassin_minier.datasets import bassin_minier_2019
from bassin_minier.testing import MODEL_STRATEGIES, InvalidDocument, invalid_documents
from tests.builders import (
    axis,
    commitment,
    convention,
    council,
    milestone,
    other_convention,
    participant,
    prefect,
    priority,
    programme,
    state,
    strategy,
    territory,
    tranche,
)


@pytest.mark.parametrize(
    ("value", "description"),
    [
        (None, "null"),
        ("Lille", "a str ('Lille')"),
        ("x" * 61, "a str ('" + "x" * 60 + "'… (61 characters))"),
        (5, "an int (5)"),
        (2**200, "an int"),
        (True, "a bool (True)"),
        (1.5, "a float (1.5)"),
        (Decimal("48000000.00"), "a Decimal (48000000.00)"),
        (Decimal("1" * 41), "a Decimal"),
        (dt.date(2019, 7, 10), "a date (2019-07-10)"),
        (dt.datetime(2019, 7, 10, 11, 30), "a datetime (2019-07-10T11:30:00)"),
        (bm.Basis.AT_LEAST, "a Basis ('at_least')"),
        ([1], "a list"),
        ({"id": "nord"}, "a dict"),
        (object(), "an object"),
    ],
)
def test_a_wrong_value_is_described_by_its_type_and_itself_when_short(
    value: object, description: str
) -> None:
    assert describe(value) == description


def test_a_type_error_names_what_was_expected_and_what_came() -> None:
    with pytest.raises(bm.ValidationError) as info:
        bm.from_json('{"start": 2019, "end": "2019-12-31"}', bm.Period)
    assert str(info.value) == "$.start: must be a date written YYYY-MM-DD, got an int (2019)"


def test_a_huge_amount_is_cut_short_in_its_message() -> None:
    with pytest.raises(bm.ValidationError) as info:
        bm.Tranche(year=2019, amount=Decimal("1" * 50), convention="nord")
    assert str(info.value) == (
        "$.amount: must be below 10^15 euros, got 11111111111111111111… (50 characters)"
    )


def test_an_amount_of_exactly_forty_characters_is_shown_whole() -> None:
    amount = Decimal("-" + "1" * 39)
    with pytest.raises(bm.ValidationError) as info:
        bm.Tranche(year=2019, amount=amount, convention="nord")
    assert str(info.value) == f"$.amount: must be strictly positive, got -{'1' * 39}"


def test_a_look_up_names_what_it_looked_for_and_what_there_is() -> None:
    programme = bassin_minier_2019()
    with pytest.raises(bm.UnknownIdError) as party:
        programme.convention("nord").party("prefecture")
    with pytest.raises(bm.UnknownIdError) as priority:
        programme.convention("bassin-minier").priority("sante")
    assert (
        str(party.value) == "no party 'prefecture' in convention 'nord' (known: 'etat', 'cd-nord')"
    )
    assert str(priority.value) == (
        "no priority 'sante' in convention 'bassin-minier' "
        "(known: 'insertion-emploi', 'prevention')"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[NaN]", "$: is not valid JSON: NaN is not a JSON number"),
        (
            "1e99999999999999999999",
            "$: is not valid JSON: the number 1e99999999999999999999 is too large to read exactly",
        ),
        (
            "1e" + "9" * 50,
            f"$: is not valid JSON: the number 1e{'9' * 38} is too large to read exactly",
        ),
    ],
)
def test_text_that_is_not_json_says_why(text: str, message: str) -> None:
    with pytest.raises(bm.MalformedDocumentError) as info:
        bm.from_json(text, bm.Period)
    assert str(info.value) == message


def test_a_repeated_key_is_named_with_what_is_expected() -> None:
    text = '{"start": "2019-01-01", "start": "2019-01-01", "end": "2019-12-31"}'
    with pytest.raises(bm.ValidationError) as info:
        bm.from_json(text, bm.Period)
    assert str(info.value) == (
        "$.start: the key 'start' appears more than once in this object; expected each key once"
    )


def test_a_null_format_version_is_named_as_json_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "period.json"
    path.write_text('{"format_version": null, "start": "2019-01-01", "end": "2019-12-31"}')
    with pytest.raises(bm.FormatVersionError) as info:
        bm.load(path, bm.Period)
    assert str(info.value) == (
        "$.format_version: format_version null is not supported: this version of "
        "bassin_minier reads format_version 1, 2"
    )


def test_a_file_that_cannot_be_written_gives_the_reason_only(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "period.json"
    with pytest.raises(bm.FileError) as info:
        bm.save(bm.Period.from_years(2019), target)
    assert str(info.value) == f"cannot write {target}: No such file or directory"


def test_a_temporary_name_already_taken_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first random name drawn is taken by another file: save must draw again rather
    # than open, truncate or replace that file.
    draws = iter([b"\x00" * 6, b"\x01" * 6])
    monkeypatch.setattr(os, "urandom", lambda size: next(draws))
    target = tmp_path / "period.json"
    taken = tmp_path / f".period.json.{'00' * 6}.tmp"
    taken.write_text("someone else's")
    bm.save(bm.Period.from_years(2019), target)
    assert taken.read_text() == "someone else's"
    assert bm.load(target, bm.Period) == bm.Period.from_years(2019)
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name, "period.json"]


def test_a_failure_after_the_rename_reports_the_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # When the temporary file is already gone, cleaning up must not hide the real error.
    real_replace = os.replace

    def replace_then_fail(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        real_replace(source, target)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", replace_then_fail)
    target = tmp_path / "period.json"
    with pytest.raises(bm.FileError) as info:
        bm.save(bm.Period.from_years(2019), target)
    assert str(info.value) == f"cannot write {target}: Input/output error"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: strategy(axes=[1]), "$.axes[0]: must be a Priority, got an int (1)"),
        (
            lambda: programme(conventions=[1]),
            "$.conventions[0]: must be a Convention, got an int (1)",
        ),
        (
            lambda: programme(commitments=[1]),
            "$.commitments[0]: must be a FundingCommitment, got an int (1)",
        ),
        (
            lambda: programme(milestones=[1]),
            "$.milestones[0]: must be a Milestone, got an int (1)",
        ),
        (lambda: convention(parties=[1]), "$.parties[0]: must be a Party, got an int (1)"),
        (
            lambda: convention(signatories=[1]),
            "$.signatories[0]: must be a Signatory, got an int (1)",
        ),
        (
            lambda: convention(participants=[1]),
            "$.participants[0]: must be a Participant, got an int (1)",
        ),
        (
            lambda: convention(priorities=[1]),
            "$.priorities[0]: must be a Priority, got an int (1)",
        ),
        (lambda: commitment(tranches=[1]), "$.tranches[0]: must be a Tranche, got an int (1)"),
        (lambda: territory(within=[59]), "$.within[0]: must be text, got an int (59)"),
        (
            lambda: convention(parties="etat"),
            "$.parties: must be a tuple of Party objects, got a str ('etat')",
        ),
        (lambda: territory(within=59), "$.within: must be a tuple of texts, got an int (59)"),
    ],
)
def test_a_wrong_item_in_a_collection_names_what_each_item_must_be(
    build: Callable[[], object], message: str
) -> None:
    with pytest.raises(bm.ValidationError) as info:
        build()
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('{"year": "2019"}', "$.year: must be an integer, got a str ('2019')"),
        (
            '{"amount": true}',
            '$.amount: must be an amount written like "48000000.00", got a bool (True)',
        ),
        (
            '{"amount": "-1"}',
            '$.amount: must be an amount written like "48000000.00" (digits, then at most two '
            "decimals; no sign, no exponent), got a str ('-1')",
        ),
    ],
)
def test_a_tranche_field_of_the_wrong_form_says_what_form_is_expected(
    document: str, message: str
) -> None:
    fields = {"year": 2019, "amount": "1.00", "convention": "nord"} | json.loads(document)
    with pytest.raises(bm.ValidationError) as info:
        bm.from_json(json.dumps(fields), bm.Tranche)
    assert str(info.value) == message


def test_a_float_amount_from_python_is_refused_for_what_floats_are() -> None:
    fields = {"year": 2019, "amount": 0.1, "convention": "nord"}
    with pytest.raises(bm.ValidationError) as info:
        bm.from_dict(fields, bm.Tranche)
    assert str(info.value) == (
        '$.amount: must be an amount as text like "12.50", not a float (0.1): '
        "a float cannot hold cents exactly"
    )


def test_a_key_that_is_not_text_is_shown_by_its_type_in_the_path() -> None:
    document = {"start": "2019-01-01", "end": "2019-12-31", 1: "x"}
    with pytest.raises(bm.ValidationError) as info:
        bm.from_dict(document, bm.Period)
    assert str(info.value) == (
        "$[an int (1)]: unknown key an int (1) in a Period (its keys are start, end)"
    )


def test_a_key_that_is_not_a_plain_name_is_quoted_as_json_writes_it() -> None:
    document = {"start": "2019-01-01", "end": "2019-12-31", "début": "x"}
    with pytest.raises(bm.ValidationError) as info:
        bm.from_dict(document, bm.Period)
    assert info.value.violations[0].path == '$["début"]'


def test_a_file_that_cannot_be_read_gives_the_reason_only(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(bm.FileError) as info:
        bm.load(missing, bm.Period)
    assert str(info.value) == f"cannot read {missing}: No such file or directory"


@pytest.mark.parametrize(
    ("version", "shown"),
    [(2**127, str(2**127)), (2**128, "an int"), ("1", "a str ('1')"), (True, "true")],
)
def test_an_unsupported_format_version_is_shown_as_found(
    tmp_path: Path, version: object, shown: str
) -> None:
    path = tmp_path / "period.json"
    path.write_text(
        json.dumps({"format_version": version, "start": "2019-01-01", "end": "2019-12-31"})
    )
    with pytest.raises(bm.FormatVersionError) as info:
        bm.load(path, bm.Period)
    assert str(info.value) == (
        f"$.format_version: format_version {shown} is not supported: this version of "
        "bassin_minier reads format_version 1, 2"
    )


def test_containment_refuses_what_a_period_cannot_hold() -> None:
    with pytest.raises(TypeError) as info:
        "2019-07-10" in bm.Period.from_years(2019)  # noqa: B015 - the test is the raise
    assert str(info.value) == "a Period holds dates and periods, not str values"


def message_at(build: Callable[[], object], path: str) -> str:
    """The message of the violation reported at *path* when *build* runs."""
    with pytest.raises(bm.ValidationError) as info:
        build()
    (message,) = (v.message for v in info.value.violations if v.path == path)
    return message


@pytest.mark.parametrize(
    ("build", "path", "message"),
    [
        (
            lambda: commitment(period=bm.Period.from_years(2019), tranches=[tranche(year=2020)]),
            "$.tranches[0].year",
            "the tranche falls in 2020, outside the commitment's years 2019",
        ),
        (
            lambda: commitment(tranches=[tranche(year=2022)]),
            "$.tranches[0].year",
            "the tranche falls in 2022, outside the commitment's years 2019–2021",
        ),
        (
            lambda: commitment(conventions=[], tranches=[tranche()]),
            "$.tranches[0].convention",
            "the tranche goes through convention 'nord', which the commitment does not cover "
            "(it covers none)",
        ),
        (
            lambda: commitment(tranches=[tranche(), tranche()]),
            "$.tranches[1]",
            "year and convention (2019, 'nord') is listed twice (first at index 0)",
        ),
        (
            lambda: commitment(conventions=["nord", "nord"]),
            "$.conventions[1]",
            "convention 'nord' is listed twice (first at index 0)",
        ),
        (
            lambda: commitment(conventions="nord"),
            "$.conventions",
            "must be a tuple of texts, got a str ('nord')",
        ),
        (
            lambda: bm.Tranche(year=2019, amount="1.00", convention="nord"),
            "$.amount",
            "must be an amount (a Decimal), got a str ('1.00')",
        ),
        (
            lambda: bm.Tranche(year="2019", amount=Decimal(1), convention="nord"),
            "$.year",
            "must be a year (an integer), got a str ('2019')",
        ),
        (
            lambda: bm.from_json('{"start": "2019-1-1", "end": "2019-12-31"}', bm.Period),
            "$.start",
            "must be a date written YYYY-MM-DD, got a str ('2019-1-1')",
        ),
    ],
)
def test_a_commitment_and_its_parts_say_what_is_wrong_in_the_domain_words(
    build: Callable[[], object], path: str, message: str
) -> None:
    assert message_at(build, path) == message


def test_json_text_of_another_type_is_a_programming_error() -> None:
    with pytest.raises(TypeError) as info:
        bm.from_json(123, bm.Period)  # type: ignore[arg-type]
    assert str(info.value) == "JSON text must be str or bytes, not int"


@pytest.mark.parametrize(
    ("build", "path", "message"),
    [
        (
            lambda: convention(parties=[state(), state()]),
            "$.parties[1]",
            "party id 'etat' is listed twice (first at index 0)",
        ),
        (
            lambda: convention(signatories=[prefect(), prefect()]),
            "$.signatories[1]",
            "signatory ('Michel Lalande', 'etat') is listed twice (first at index 0)",
        ),
        (
            lambda: convention(participants=[participant(), participant()]),
            "$.participants[1]",
            "participant 'Olivier Noblecourt' is listed twice (first at index 0)",
        ),
        (
            lambda: convention(priorities=[priority(), priority()]),
            "$.priorities[1]",
            "priority id 'prevention' is listed twice (first at index 0)",
        ),
        (
            lambda: strategy(axes=[axis(), axis()]),
            "$.axes[1]",
            "axis id 'sorties-ase' is listed twice (first at index 0)",
        ),
        (
            lambda: programme(conventions=[convention(), convention()]),
            "$.conventions[1]",
            "convention id 'nord' is listed twice (first at index 0)",
        ),
        (
            lambda: programme(commitments=[commitment(), commitment()]),
            "$.commitments[1]",
            "commitment id 'etat-2019-2021' is listed twice (first at index 0)",
        ),
        (
            lambda: programme(milestones=[milestone(), milestone()]),
            "$.milestones[1]",
            "milestone (2018-09-13, 'Présentation de la stratégie pauvreté') is listed twice "
            "(first at index 0)",
        ),
        (
            lambda: priority(themes=["santé", "santé"]),
            "$.themes[1]",
            "theme 'santé' is listed twice (first at index 0)",
        ),
        (
            lambda: territory(within=["32", "32"]),
            "$.within[1]",
            "territory code '32' is listed twice (first at index 0)",
        ),
    ],
)
def test_a_repeated_item_is_named_by_what_identifies_it(
    build: Callable[[], object], path: str, message: str
) -> None:
    assert message_at(build, path) == message


@pytest.mark.parametrize(
    ("cls", "text", "message"),
    [
        (
            bm.Territory,
            '{"code": 59, "name": "Nord", "kind": "departement"}',
            "$.code: must be text, got an int (59)",
        ),
        (
            bm.Strategy,
            '{"name": "s", "axes": {}}',
            "$.axes: must be a list of Priority objects, got a dict",
        ),
        (
            bm.Priority,
            '{"id": "p", "label": "l", "themes": "santé"}',
            "$.themes: must be a list of texts, got a str ('santé')",
        ),
        (
            bm.Strategy,
            '{"name": "s", "axes": [3]}',
            "$.axes[0]: must be an object (a Priority), got an int (3)",
        ),
    ],
)
def test_a_document_value_of_the_wrong_json_type_names_the_type_expected(
    cls: type[object], text: str, message: str
) -> None:
    with pytest.raises(bm.ValidationError) as info:
        bm.from_json(text, cls)
    assert str(info.value) == message


def test_unknown_keys_come_in_order_text_keys_first() -> None:
    document = {"start": "2019-01-01", "end": "2019-12-31", 2: 0, "b": 1, "a": 2, 1: 0}
    with pytest.raises(bm.ValidationError) as info:
        bm.from_dict(document, bm.Period)
    assert [str(v) for v in info.value.violations] == [
        "$.a: unknown key 'a' in a Period (its keys are start, end)",
        "$.b: unknown key 'b' in a Period (its keys are start, end)",
        "$[an int (1)]: unknown key an int (1) in a Period (its keys are start, end)",
        "$[an int (2)]: unknown key an int (2) in a Period (its keys are start, end)",
    ]


# -- a value of any length, a list of any size: messages stay short -----------------------

HUGE = 20_000_000
#: No message, whatever the input, is longer than this.
MESSAGE_BOUND = 1500


def test_a_huge_name_is_cut_short_where_a_party_is_described_twice() -> None:
    name = "Conseil départemental du Nord " + "x" * HUGE
    other = other_convention(parties=(state(), council(name=name)), signatories=(prefect(),))
    message = message_at(
        lambda: programme(conventions=(convention(), other), commitments=()),
        "$.conventions[1].parties[1]",
    )
    assert message == (
        "party 'cd-nord' is described differently from $.conventions[0].parties[1]: name "
        f"'Conseil départemental du Nord xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'… ({len(name)} "
        "characters) instead of 'Conseil départemental du Nord'"
    )


def test_a_huge_party_kind_and_id_are_cut_short_where_a_party_is_described_twice() -> None:
    party_id = "cd-" + "n" * HUGE
    first = convention(parties=(state(), council(id=party_id)), signatories=(prefect(),))
    other = other_convention(
        parties=(state(), council(id=party_id, kind=bm.PartyKind.OTHER)),
        signatories=(prefect(),),
    )
    message = message_at(
        lambda: programme(conventions=(first, other), commitments=()),
        "$.conventions[1].parties[1]",
    )
    assert message == (
        f"party 'cd-{'n' * 57}'… ({len(party_id)} characters) is described differently "
        "from $.conventions[0].parties[1]: kind 'other' instead of 'departement'"
    )


def test_a_huge_signatory_and_many_parties_are_cut_short() -> None:
    name = "Michel " + "L" * HUGE
    parties = [state(), *(council(id=f"cd-{number:02d}") for number in range(30))]
    message = message_at(
        lambda: convention(parties=parties, signatories=(prefect(name=name, party="somme"),)),
        "$.signatories[0].party",
    )
    named = ", ".join(f"'cd-{number:02d}'" for number in range(10))
    assert message == (
        f"Michel {'L' * 53}… ({len(name)} characters) signs for 'somme', which is not a "
        f"party to this convention (its parties are {named} and 21 more)"
    )


def test_a_huge_repeated_theme_is_cut_short() -> None:
    theme = "santé " * (HUGE // 6) + "mentale"
    message = message_at(lambda: priority(themes=(theme, theme)), "$.themes[1]")
    assert message == (
        f"theme {('santé ' * 10)!r}… ({len(theme)} characters) is listed twice (first at index 0)"
    )


def test_a_look_up_of_a_huge_id_among_many_is_cut_short() -> None:
    conventions = [convention(id=f"convention-{number:03d}") for number in range(100)]
    with pytest.raises(bm.UnknownIdError) as info:
        programme(conventions=conventions, commitments=()).convention("x" * HUGE)
    message = str(info.value)
    assert message.startswith(f"no convention {'x' * 60!r}… ({HUGE} characters) in programme")
    assert message.endswith("'convention-009' and 90 more)")


def test_a_value_full_of_escapes_is_cut_by_its_written_length() -> None:
    # Each tag character is written with ten characters: five of them fill the room.
    code = "5" + "\U000e0041" * 1000 + "9"
    message = message_at(lambda: territory(within=(code,)), "$.within[0]")
    assert message == (
        "is not a territory code: expected a COG code (région, département, commune, EPCI, "
        "collectivité) or an area slug, got '5" + "\\U000e0041" * 5 + "'… (1002 characters)"
    )


# Keys and values a document must spell exactly (field names, the values of enumerations),
# dates and amounts are left as they are; any other text of a document is made long.
SPELLED = frozenset(
    {field.name for cls in MODEL_STRATEGIES for field in attrs.fields(cls)}
    | {
        m.value
        for kind in (bm.TerritoryKind, bm.PartyKind, bm.ConventionKind, bm.Basis)
        for m in kind
    }
)
DATE_OR_AMOUNT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,15}(\.[0-9]{1,2})?")


class Pairs(list[tuple[str, Any]]):
    """The pairs of a JSON object, a repeated key kept."""


def longer(value: Any, times: int) -> Any:
    """*value* with every text repeated *times* (the same text always the same way)."""
    if isinstance(value, Pairs):
        return Pairs((longer(key, times), longer(item, times)) for key, item in value)
    if isinstance(value, list):
        return [longer(item, times) for item in value]
    if isinstance(value, str) and value not in SPELLED and not DATE_OR_AMOUNT.fullmatch(value):
        return value * times
    return value


def written(value: Any) -> str:
    if isinstance(value, Pairs):
        return "{" + ",".join(f"{json.dumps(key)}:{written(item)}" for key, item in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(map(written, value)) + "]"
    return str(value) if isinstance(value, Decimal) else json.dumps(value)


def made_longer(document: InvalidDocument, times: int) -> str:
    """The text of *document* with its texts (its keys, its ids, its names…) made longer."""
    try:
        parsed = json.loads(document.text, object_pairs_hook=Pairs, parse_float=Decimal)
    except ValueError:
        return document.text  # not JSON at all, as the rule "json" wants it
    return written(longer(parsed, times))


@given(
    document=st.sampled_from(list(MODEL_STRATEGIES)).flatmap(invalid_documents),
    times=st.integers(1, 400),
)
def test_no_message_is_long_whatever_the_input(document: InvalidDocument, times: int) -> None:
    try:
        bm.from_json(made_longer(document, times), document.cls)
    except bm.ValidationError as error:
        longest = max(error.violations, key=lambda v: len(v.message))
    else:
        return
    assert len(longest.message) <= MESSAGE_BOUND, longest


@given(count=st.integers(0, 60), length=st.integers(1, 300))
def test_a_message_names_a_few_ids_of_a_long_list_and_counts_the_rest(
    count: int, length: int
) -> None:
    parties = [state(), *(council(id=f"cd-{number}-" + "n" * length) for number in range(count))]
    message = message_at(
        lambda: convention(parties=parties, signatories=(prefect(party="somme"),)),
        "$.signatories[0].party",
    )
    assert len(message) <= MESSAGE_BOUND
    listed = count + 1  # the State too
    assert message.count("'cd-") + message.count("'etat'") == min(listed, 10)
    assert message.endswith(f" and {listed - 10} more)" if listed > 10 else "')")
