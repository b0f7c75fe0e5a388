"""What the type of a field says: optional, a list, an object of the model."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Optional

import attrs
import pytest

import bassin_minier as bm
from bassin_minier._base import hints
from bassin_minier._model.registry import MODEL_CLASSES


@pytest.mark.parametrize(
    ("type_", "present"),
    [(str | None, str), (Optional[dt.date], dt.date), (None | bm.Strategy, bm.Strategy)],  # noqa: UP045
)
def test_an_optional_type_is_what_it_may_be_or_none(type_: Any, present: Any) -> None:
    assert hints.is_optional(type_)
    assert hints.without_none(type_) is present


@pytest.mark.parametrize("type_", [str, Decimal, int | str, tuple[str, ...], type(None), Any])
def test_other_types_are_not_optional_and_stay_as_they_are(type_: Any) -> None:
    assert not hints.is_optional(type_)
    assert hints.without_none(type_) is type_


def test_a_list_of_the_model_is_a_tuple_of_one_type() -> None:
    assert hints.is_tuple_of(tuple[bm.Party, ...])
    assert hints.item_type(tuple[bm.Party, ...]) is bm.Party
    for other in (tuple, tuple[str, int], tuple[str], list[str], str, tuple[str, ...] | None):
        assert not hints.is_tuple_of(other)
        with pytest.raises(TypeError, match="is not a tuple of items of one type"):
            hints.item_type(other)


def test_model_classes_are_attrs_classes_and_values_are_not() -> None:
    assert all(map(hints.is_attrs_class, MODEL_CLASSES))
    assert not any(map(hints.is_attrs_class, (str, Decimal, dt.date, bm.Basis, bm.Party | None)))


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_field_types_are_resolved_in_field_order(cls: type[Any]) -> None:
    types = hints.field_types(cls)
    assert list(types) == [field.name for field in attrs.fields(cls)]
    assert not any(isinstance(type_, str) for type_ in types.values())
    assert dict(types) == {f.name: f.type for f in attrs.fields(attrs.resolve_types(cls))}
    assert hints.required_fields(cls) == tuple(
        f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING
    )


def test_the_field_types_of_a_class_cannot_be_changed_by_a_caller() -> None:
    with pytest.raises(TypeError):
        hints.field_types(bm.Period)["start"] = str  # type: ignore[index]


def test_the_classes_a_field_may_hold_are_found_inside_lists_and_options() -> None:
    types = hints.field_types(bm.Programme)
    assert list(hints.attrs_classes_in(types["strategy"])) == [bm.Strategy]
    assert list(hints.attrs_classes_in(types["conventions"])) == [bm.Convention]
    assert list(hints.attrs_classes_in(types["id"])) == []
    assert hints.required_fields(bm.Programme) == ("id", "name", "period")
