"""The model classes by name, and the guards that refuse anything else."""

from __future__ import annotations

import enum

import attrs
import pytest

import bassin_minier as bm
from bassin_minier._model.registry import (
    MODEL_CLASSES,
    MODEL_CLASSES_BY_NAME,
    VOCABULARIES,
    model_class_named,
    require_model_class,
    require_model_object,
)


def test_every_public_class_of_the_model_is_registered_once() -> None:
    public = {getattr(bm, name) for name in bm.__all__}
    models = {
        c
        for c in public
        if isinstance(c, type)
        and attrs.has(c)
        and c.__module__.startswith("bassin_minier._model.")
    }
    assert set(MODEL_CLASSES) == models
    assert len(MODEL_CLASSES) == len(models)
    assert list(MODEL_CLASSES_BY_NAME.values()) == list(MODEL_CLASSES)
    vocabularies = {c for c in public if isinstance(c, type) and issubclass(c, enum.Enum)}
    assert set(VOCABULARIES) == vocabularies


@pytest.mark.parametrize("name", ["Programme", "programme", "PROGRAMME", "pRoGrAmMe"])
def test_a_class_is_found_by_its_name_in_any_case(name: str) -> None:
    assert model_class_named(name) is bm.Programme


@pytest.mark.parametrize("name", ["", "Programmes", "Violation", "Basis", "programme "])
def test_a_name_of_no_model_class_finds_nothing(name: str) -> None:
    assert model_class_named(name) is None


@pytest.mark.parametrize("cls", [dict, bm.Violation, bm.Basis, "Programme", None, [bm.Period]])
def test_the_guards_refuse_what_is_not_of_the_model(cls: object) -> None:
    with pytest.raises(TypeError, match=r"^cls must be one of the model classes \(Period, "):
        require_model_class(cls)
    with pytest.raises(TypeError, match=r"^expected a model object such as a Programme, not "):
        require_model_object(cls)


def test_the_guards_let_the_model_through() -> None:
    programme = bm.datasets.bassin_minier_2019()
    for cls in MODEL_CLASSES:
        require_model_class(cls)
    require_model_object(programme)
    require_model_object(programme.period)
