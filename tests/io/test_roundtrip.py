"""Every valid object survives every serialisation round trip exactly."""

from __future__ import annotations

import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import datasets
from bassin_minier._model.registry import MODEL_CLASSES
from bassin_minier.testing import MODEL_STRATEGIES

SHIPPED_DATASET = Path(datasets.__file__).parent / "bassin_minier_2019.json"

# Canonical amounts: no sign, no exponent, no leading zero, exactly two decimals.
CANONICAL_AMOUNT = re.compile(r"(?:0|[1-9][0-9]*)\.[0-9]{2}")

every_class = pytest.mark.parametrize(
    ("cls", "objects"),
    list(MODEL_STRATEGIES.items()),
    ids=[cls.__name__ for cls in MODEL_STRATEGIES],
)


def test_every_class_that_can_be_read_has_a_strategy() -> None:
    assert set(MODEL_STRATEGIES) == set(MODEL_CLASSES)


# -- JSON text --------------------------------------------------------------------------------


@every_class
@given(data=st.data(), indent=st.sampled_from([0, 2, 4]))
def test_json_text_reads_back_as_the_same_object_and_the_same_text(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject, indent: int
) -> None:
    original = data.draw(objects)
    text = bm.to_json(original)
    assert bm.from_json(text, cls) == original
    assert bm.from_json(text.encode("utf-8"), cls) == original
    # Canonical: reading and writing again gives the very same text.
    assert bm.to_json(bm.from_json(text, cls)) == text
    indented = bm.to_json(original, indent=indent)
    assert bm.from_json(indented, cls) == original
    # Indenting changes the layout, never the content.
    assert json.loads(indented) == json.loads(text)


# -- dicts ------------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """*value* with every tuple a list, the only difference JSON text cannot show."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def json_types_only(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and json_types_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(json_types_only(item) for item in value)
    return value is None or isinstance(value, (str, int, bool))


@every_class
@given(data=st.data())
def test_dict_reads_back_as_the_same_object_and_is_what_the_text_holds(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    original = data.draw(objects)
    as_dict = bm.to_dict(original)
    assert bm.from_dict(as_dict, cls) == original
    assert json_types_only(as_dict)
    assert list(as_dict) == [field.name for field in attrs.fields(cls)]
    assert json.loads(bm.to_json(original)) == plain(as_dict)


def amounts_in_object(obj: Any) -> list[Decimal]:
    # Amounts are the fields named amount: measured values and ratios are Decimals too,
    # written plainly rather than with two decimals.
    if isinstance(obj, tuple):
        return [amount for item in obj for amount in amounts_in_object(item)]
    if attrs.has(type(obj)):
        return [
            amount
            for field in attrs.fields(type(obj))
            for amount in (
                [getattr(obj, field.name)]
                if field.name == "amount"
                else amounts_in_object(getattr(obj, field.name))
            )
        ]
    return []


def amounts_in_document(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [
            amount
            for key, item in value.items()
            for amount in ([item] if key == "amount" else amounts_in_document(item))
        ]
    if isinstance(value, list):
        return [amount for item in value for amount in amounts_in_document(item)]
    return []


@every_class
@given(data=st.data())
def test_amounts_are_written_as_text_with_two_decimals(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    original = data.draw(objects)
    written = amounts_in_document(bm.to_dict(original))
    for text in written:
        assert isinstance(text, str)
        assert CANONICAL_AMOUNT.fullmatch(text), text
    # The same amounts, in the same order, with the same value in euros.
    assert [Decimal(text) for text in written] == amounts_in_object(original)


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (Decimal("48000000"), "48000000.00"),
        (Decimal("1.230"), "1.23"),
        (Decimal("0.5"), "0.50"),
        (Decimal("1E+3"), "1000.00"),
        (Decimal("0.01"), "0.01"),
        (Decimal("999999999999999.990"), "999999999999999.99"),
    ],
)
def test_an_amount_in_any_form_is_written_in_cents(amount: Decimal, written: str) -> None:
    tranche = bm.Tranche(year=2019, amount=amount, convention="nord")
    assert bm.to_dict(tranche)["amount"] == written
    assert bm.from_json(bm.to_json(tranche), bm.Tranche) == tranche


# -- files ------------------------------------------------------------------------------------


@every_class
@given(data=st.data())
def test_saved_file_loads_as_the_same_object(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    original = data.draw(objects)
    # A fresh folder per example: pytest's tmp_path is shared by all examples of a test.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.json"
        bm.save(original, path)
        assert bm.load(path, cls) == original
        document = json.loads(path.read_text(encoding="utf-8"))
    assert document.pop("format_version") == bm.FORMAT_VERSION == 2
    assert document == plain(bm.to_dict(original))


# -- the built-in dataset ---------------------------------------------------------------------


def test_built_in_dataset_survives_every_round_trip() -> None:
    programme = datasets.bassin_minier_2019()
    assert bm.from_json(bm.to_json(programme), bm.Programme) == programme
    assert bm.from_json(bm.to_json(programme, indent=2), bm.Programme) == programme
    assert bm.from_dict(bm.to_dict(programme), bm.Programme) == programme
    assert bm.load(SHIPPED_DATASET, bm.Programme) == programme


def test_shipped_dataset_file_is_in_canonical_form(tmp_path: Path) -> None:
    saved = tmp_path / "bassin_minier_2019.json"
    bm.save(datasets.bassin_minier_2019(), saved)
    assert SHIPPED_DATASET.read_bytes() == saved.read_bytes()


def test_shipped_dataset_writes_the_floor_of_48_million_in_cents() -> None:
    # « au minimum 48 millions d’euros », as the source puts it.
    commitment = bm.load(SHIPPED_DATASET, bm.Programme).commitment("etat-2019-2021")
    assert (commitment.amount, commitment.basis) == (Decimal(48_000_000), bm.Basis.AT_LEAST)
    assert '"amount": "48000000.00"' in SHIPPED_DATASET.read_text(encoding="utf-8")


# -- any object that can be built can be written ---------------------------------------------


def test_a_tranche_year_no_calendar_holds_is_refused_rather_than_left_unwritable() -> None:
    # Python will not turn an integer of more than 4300 digits into text, so to_json could
    # not write such a tranche: it must not exist in the first place.
    with pytest.raises(bm.ValidationError) as caught:
        bm.Tranche(year=10**5000, amount=Decimal("1.00"), convention="nord")
    assert [(v.path, v.rule) for v in caught.value.violations] == [("$.year", "type")]
