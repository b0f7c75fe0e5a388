"""The fast JSON codec gives exactly what the reference converter gives, or steps aside.

The reference is the cattrs converter with the standard library's JSON module: the text
`json.dumps` writes for `to_dict`, and the objects or the violations `_structure_checked`
gives for the parsed text. Every public reader and writer must agree with it, whichever
path it takes.
"""

from __future__ import annotations

import copy
import gc
import json
import random
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._io import codec as _codec
from bassin_minier._io import documents as _json
from bassin_minier._model.registry import MODEL_CLASSES
from bassin_minier.testing import MODEL_STRATEGIES, invalid_documents
from tests.io.test_versions import as_version_1, compact
from tests.model.test_properties import corrupt

every_class = pytest.mark.parametrize(
    ("cls", "objects"),
    list(MODEL_STRATEGIES.items()),
    ids=[cls.__name__ for cls in MODEL_STRATEGIES],
)


# -- the reference ----------------------------------------------------------------------------


def reference_text(obj: object, indent: int | None = None) -> str:
    """The canonical text as the standard library writes the converter's plain data."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(bm.to_dict(obj), ensure_ascii=False, indent=indent, separators=separators)


def reference_read(text: str | bytes, cls: type[Any]) -> object:
    """*text* read by the reference converter: an object, or the error it raises."""
    try:
        document, duplicates = _json.parse_json(text)
        return _json._structure_checked(document, cls, duplicates)
    except bm.BassinMinierError as error:
        return error


def outcome(read: Callable[[], object]) -> object:
    try:
        return read()
    except bm.BassinMinierError as error:
        return error


def assert_same(found: object, expected: object) -> None:
    """The same object (and the same text), or the same kind of error with the same report."""
    if isinstance(expected, bm.BassinMinierError):
        assert type(found) is type(expected), found
        assert isinstance(found, bm.BassinMinierError)
        assert found.violations == expected.violations
    else:
        assert found == expected
        assert bm.to_json(found) == bm.to_json(expected)


# -- writing ----------------------------------------------------------------------------------


@every_class
@given(data=st.data(), indent=st.sampled_from([None, -1, 0, 1, 2, 4]))
def test_to_json_writes_the_reference_text(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject, indent: int | None
) -> None:
    obj = data.draw(objects)
    assert bm.to_json(obj, indent=indent) == reference_text(obj, indent)


@every_class
@given(data=st.data())
def test_the_codec_writes_the_reference_text_as_utf8(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    obj = data.draw(objects)
    assert _codec.encode(obj) == reference_text(obj).encode("utf-8")


@given(programme=MODEL_STRATEGIES[bm.Programme])
def test_save_writes_the_reference_file(programme: bm.Programme) -> None:
    expected = {"format_version": bm.FORMAT_VERSION, **bm.to_dict(programme)}
    text = json.dumps(expected, ensure_ascii=False, indent=2, separators=(",", ": ")) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programme.json"
        bm.save(programme, path)
        assert path.read_bytes() == text.encode("utf-8")


# -- reading valid documents ------------------------------------------------------------------


@every_class
@given(data=st.data())
def test_canonical_text_takes_the_fast_path_to_the_reference_object(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    text = reference_text(data.draw(objects))
    expected = reference_read(text, cls)
    for given_text in (text, text.encode("utf-8"), reference_text(expected, 2)):
        fast = _codec.decode(given_text, cls)
        assert fast is not None  # canonical text, whatever its layout, is read fast
        assert_same(fast, expected)
        assert_same(bm.from_json(given_text, cls), expected)


@given(programme=MODEL_STRATEGIES[bm.Programme])
def test_a_saved_file_takes_the_fast_path(programme: bm.Programme) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programme.json"
        bm.save(programme, path)
        content = path.read_bytes()
        header = (_json._VERSION_HEADER, b"")
        assert _codec.decode(content, bm.Programme, headers=header) == programme
        assert_same(bm.load(path, bm.Programme), programme)


def shuffled_keys(document: Any, rng: random.Random) -> Any:
    if isinstance(document, dict):
        items = [(key, shuffled_keys(value, rng)) for key, value in document.items()]
        rng.shuffle(items)
        return dict(items)
    if isinstance(document, list):
        return [shuffled_keys(item, rng) for item in document]
    return document


def without_defaults(document: Any, rng: random.Random) -> Any:
    # Leave out some of the keys whose value is the default: null or an empty list.
    if isinstance(document, dict):
        return {
            key: without_defaults(value, rng)
            for key, value in document.items()
            if value not in (None, []) or rng.random() < 0.5
        }
    if isinstance(document, list):
        return [without_defaults(item, rng) for item in document]
    return document


def respelt_amounts(text: str, rng: random.Random) -> str:
    # The spellings of an amount that msgspec reads and the format judges differently.
    spellings = [
        lambda a: a,
        lambda a: a.rstrip("0").rstrip("."),  # "12.50" -> "12.5": valid, not canonical
        lambda a: f"{a[:-3]}e0" if a.endswith(".00") else a,  # an exponent: refused
        lambda a: f"+{a}",  # a sign: refused
        lambda a: f" {a}",  # a space: refused
    ]

    def respell(match: Any) -> str:
        amount = match.group(2)
        if rng.random() < 0.3:
            return f"{match.group(1)}{amount}"  # a JSON number, read exactly
        return f'{match.group(1)}"{rng.choice(spellings)(amount)}"'

    import re  # noqa: PLC0415 - only this helper needs it

    return re.sub(r'("amount":)"([0-9.]+)"', respell, text)


LAYOUTS: dict[str, Callable[[str, random.Random], str]] = {
    "keys in another order": lambda text, rng: json.dumps(
        shuffled_keys(json.loads(text), rng), ensure_ascii=False
    ),
    "defaults left out": lambda text, rng: json.dumps(
        without_defaults(json.loads(text), rng), ensure_ascii=False
    ),
    "amounts spelt otherwise": respelt_amounts,
    "an unknown key": lambda text, _: '{"note":"x",' + text[1:],
    "a repeated first key": lambda text, _: "{" + text[1 : text.index(",") + 1] + text[1:],
    "a format_version": lambda text, _: '{"format_version":1,' + text[1:],
    "escaped non-ASCII": lambda text, _: json.dumps(json.loads(text), ensure_ascii=True),
    "a byte-order mark": lambda text, _: "\ufeff" + text,
    "trailing text": lambda text, _: text + " x",
}


@every_class
@given(
    data=st.data(),
    layout=st.sampled_from(sorted(LAYOUTS)),
    seed=st.integers(0, 2**32),
)
def test_other_spellings_of_a_document_are_read_as_the_reference_reads_them(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject, layout: str, seed: int
) -> None:
    text = reference_text(data.draw(objects))
    if data.draw(st.booleans(), label="written as version 1 wrote it"):
        text = compact(as_version_1(json.loads(text)))
    text = LAYOUTS[layout](text, random.Random(seed))
    # As bytes too: there a byte-order mark is allowed, as it is not in a str.
    for given_text in (text, text.encode("utf-8")):
        expected = reference_read(given_text, cls)
        for fast in (
            _codec.decode(given_text, cls),
            _codec.decode(given_text, cls, older=(_json._VERSION_1_LAYOUT,)),
        ):
            if isinstance(expected, bm.BassinMinierError):
                assert fast is None  # the fast path never accepts what the reference refuses
            elif fast is not None:
                assert_same(fast, expected)
        assert_same(outcome(lambda t=given_text: bm.from_json(t, cls)), expected)


# -- reading invalid documents ----------------------------------------------------------------


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=[c.__name__ for c in MODEL_CLASSES])
@given(data=st.data())
def test_a_document_breaking_a_rule_gets_the_reference_report(
    cls: type[Any], data: st.DataObject
) -> None:
    document = data.draw(invalid_documents(cls))
    expected = reference_read(document.text, cls)
    assert isinstance(expected, bm.ValidationError)
    assert _codec.decode(document.text, cls) is None
    assert_same(outcome(lambda: bm.from_json(document.text, cls)), expected)


@given(data=st.data())
def test_a_programme_broken_in_one_place_gets_the_reference_report(data: st.DataObject) -> None:
    original = bm.to_dict(data.draw(MODEL_STRATEGIES[bm.Programme]))
    text = json.dumps(corrupt(data, copy.deepcopy(original)), ensure_ascii=False)
    expected = reference_read(text, bm.Programme)
    fast = _codec.decode(text, bm.Programme)
    if isinstance(expected, bm.BassinMinierError):
        assert fast is None
    assert_same(outcome(lambda: bm.from_json(text, bm.Programme)), expected)


@pytest.mark.parametrize(
    "text",
    [
        '{"start":"2019-01-01","end":"2019-12-31","start":"2019-01-01"}',
        '{"start":"2019-01-01","end":"2019-12-31","note":null}',
        '{"start":"2019-01-01"}',
        '{"start":"2020-01-01","end":"2019-12-31"}',
        '{"start":"2019-1-01","end":"2019-12-31"}',
        '{"start":"2019-02-30","end":"2019-12-31"}',
        '{"start":"2019-01-01","end":"2019-12-31"',
        '{"start":"\\ud800","end":"2019-12-31"}',
        "[]",
        "null",
        "",
        "[" * 100_000,
    ],
)
def test_malformed_periods_get_the_reference_report(text: str) -> None:
    expected = reference_read(text, bm.Period)
    assert isinstance(expected, bm.BassinMinierError)
    assert _codec.decode(text, bm.Period) is None
    assert_same(outcome(lambda: bm.from_json(text, bm.Period)), expected)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ('{"year":2019,"amount":"12.50","convention":"nord","spend_by":null}', True),
        # Valid, but a field left out is not the canonical text, which writes every field.
        ('{"year":2019,"amount":"12.50","convention":"nord"}', False),
        ('{"year":2019,"amount":"12.5","convention":"nord"}', False),
        ('{"year":2019,"amount":12.5,"convention":"nord"}', False),
        ('{"year":2019,"amount":"1e3","convention":"nord"}', False),
        # Spellings msgspec reads as Decimal("12.50") and the format refuses (as text) or
        # accepts without writing them so (as a number).
        ('{"year":2019,"amount":"+12.50","convention":"nord"}', False),
        ('{"year":2019,"amount":" 12.50","convention":"nord"}', False),
        ('{"year":2019,"amount":"12.50 ","convention":"nord"}', False),
        ('{"year":2019,"amount":"1_2.50","convention":"nord"}', False),
        ('{"year":2019,"amount":"1250E-2","convention":"nord"}', False),
        ('{"year":2019,"amount":1250E-2,"convention":"nord"}', False),
        ('{"year":2019,"amount":"NaN","convention":"nord"}', False),
        ('{"year":2019,"amount":"-1.00","convention":"nord"}', False),
        ('{"year":2019.0,"amount":"12.50","convention":"nord"}', False),
        ('{"year":true,"amount":"12.50","convention":"nord"}', False),
        ('{"year":99999999999999999999,"amount":"12.50","convention":"nord"}', False),
        ('{"year":2019,"amount":"12.50","convention":"Nord"}', False),
    ],
)
def test_amounts_and_years_msgspec_reads_differently_get_the_reference_result(
    text: str, canonical: bool
) -> None:
    expected = reference_read(text, bm.Tranche)
    fast = _codec.decode(text, bm.Tranche)
    assert (fast is not None) is canonical
    assert_same(outcome(lambda: bm.from_json(text, bm.Tranche)), expected)


def test_a_non_canonical_amount_built_by_msgspec_is_refused_by_the_checks() -> None:
    # msgspec fills the fields itself and then runs the rules: the rules are what keeps a
    # "12.5" it read from becoming an amount held otherwise than with two decimals.
    import msgspec  # noqa: PLC0415

    with pytest.raises(msgspec.ValidationError, match="exactly two decimals"):
        msgspec.json.decode(b'{"year":2019,"amount":"12.5","convention":"nord"}', type=bm.Tranche)


def test_the_codec_reads_any_bytes_like_object() -> None:
    text = reference_text(bm.Period.from_years(2019, 2021)).encode("utf-8")
    for data in (bytearray(text), memoryview(text)):
        assert bm.from_json(data, bm.Period) == bm.Period.from_years(2019, 2021)  # type: ignore[arg-type]


@pytest.fixture
def collector() -> Iterator[None]:
    """The garbage collector on, with the standard thresholds; put back as it was after."""
    was, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    gc.set_threshold(700, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        (gc.enable if was else gc.disable)()


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    text = reference_text(bm.datasets.bassin_minier_2019())
    (gc.enable if enabled else gc.disable)()
    gc.set_threshold(500, 20, 30)
    assert _codec.decode(text, bm.Programme) is not None
    assert gc.isenabled() is enabled
    assert gc.get_threshold() == (500, 20, 30)
    assert _codec.decode(text + "x", bm.Programme) is None
    assert gc.isenabled() is enabled
    assert gc.get_threshold() == (500, 20, 30)


@pytest.mark.usefixtures("collector")
def test_the_young_generations_are_collected_while_a_document_is_built() -> None:
    # Other threads go on making garbage while a document is built: switching the
    # collector off for the whole process let their reference cycles pile up.
    text = reference_text(bm.datasets.bassin_minier_2019())
    assert _codec.decode(text, bm.Programme) is not None  # loads what the first read loads
    gc.set_threshold(1, 10, 10)  # a young collection for about every object built
    collected: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        # Only the collections made while the document is being built count.
        if phase == "start" and _codec._full_collections_put_off.builds:
            collected.append(info["generation"])

    gc.callbacks.append(record)
    try:
        assert _codec.decode(text, bm.Programme) is not None
    finally:
        gc.callbacks.remove(record)
    assert collected.count(0) > 20
    # ... but not the full collections, which would walk all that is built so far.
    assert 2 not in collected


@pytest.mark.usefixtures("collector")
def test_builds_in_several_threads_restore_the_collector_once_the_last_ends() -> None:
    first, second = _codec._full_collections_put_off, _codec._full_collections_put_off
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold()[:2] == (700, 10)
    assert gc.get_threshold()[2] > 10  # the second build is still going on
    second.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.usefixtures("collector")
def test_a_threshold_set_during_a_build_is_kept() -> None:
    with _codec._full_collections_put_off:
        gc.set_threshold(1000, 15, 15)
    assert gc.get_threshold() == (1000, 15, 15)
