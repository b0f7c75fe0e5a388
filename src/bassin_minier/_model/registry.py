"""The model classes and vocabularies by name, and the guards that refuse anything else.

Every reader and writer (JSON, schemas, JSON Lines, the command line) takes a class or an
object from its caller; passing something else is a programming error, reported as a
`TypeError` worded here once.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from typing import Any

from bassin_minier._model.action import Action
from bassin_minier._model.amendment import Amendment
from bassin_minier._model.convention import Convention
from bassin_minier._model.enums import (
    Basis,
    ConventionKind,
    PartyKind,
    RelationKind,
    TerritoryKind,
)
from bassin_minier._model.funding import FundingCommitment, Tranche
from bassin_minier._model.indicator import Indicator, Measure
from bassin_minier._model.match import Match
from bassin_minier._model.party import Participant, Party, Signatory
from bassin_minier._model.payment import Payment
from bassin_minier._model.period import Period
from bassin_minier._model.priority import Priority
from bassin_minier._model.programme import Milestone, Programme, Strategy
from bassin_minier._model.relation import Relation
from bassin_minier._model.territory import Territory

__all__ = [
    "MODEL_CLASSES",
    "MODEL_CLASSES_BY_NAME",
    "VOCABULARIES",
    "model_class_named",
    "require_model_class",
    "require_model_object",
]

#: Every class that can be read and written, in dependency order.
MODEL_CLASSES: tuple[type[Any], ...] = (
    Period,
    Territory,
    Party,
    Signatory,
    Participant,
    Priority,
    Tranche,
    FundingCommitment,
    Amendment,
    Relation,
    Action,
    Measure,
    Indicator,
    Convention,
    Strategy,
    Milestone,
    Match,
    Payment,
    Programme,
)

#: The model classes by class name, in the order of `MODEL_CLASSES`.
MODEL_CLASSES_BY_NAME: Mapping[str, type[Any]] = types.MappingProxyType(
    {cls.__name__: cls for cls in MODEL_CLASSES}
)

#: The closed vocabularies, written in JSON as their values.
VOCABULARIES: tuple[type[enum.Enum], ...] = (
    TerritoryKind,
    PartyKind,
    ConventionKind,
    Basis,
    RelationKind,
)

# Looked up in a tuple rather than a set: a caller may pass something unhashable.
_NAMES = ", ".join(MODEL_CLASSES_BY_NAME)
_BY_LOWER_NAME = {name.lower(): cls for name, cls in MODEL_CLASSES_BY_NAME.items()}


def model_class_named(name: str) -> type[Any] | None:
    """The model class called *name*, in any case (``programme``), or None if there is none."""
    return _BY_LOWER_NAME.get(name.lower())


def require_model_class(cls: object) -> None:
    """Refuse, as a programming error, a class that is not one of the model classes."""
    if cls not in MODEL_CLASSES:
        raise TypeError(f"cls must be one of the model classes ({_NAMES}), not {cls!r}")


def require_model_object(obj: object) -> None:
    """Refuse, as a programming error, an object that is not a model object."""
    if type(obj) not in MODEL_CLASSES:
        raise TypeError(f"expected a model object such as a Programme, not {type(obj).__name__}")
