"""Exact, lossless conveniences applied before a model object checks itself.

Each converter turns an obviously meant value into the stored type (a list into a tuple,
``"region"`` into ``TerritoryKind.REGION``) and hands anything else through unchanged, so
that the object's checks report it with its path. (Amounts are held by
`bassin_minier._rules.money.as_amount`, beside the rest of what an amount is.)
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TypeVar

from bassin_minier._model.enums import (
    Basis,
    ConventionKind,
    PartyKind,
    RelationKind,
    TerritoryKind,
)

__all__ = [
    "basis",
    "convention_kind",
    "frozen",
    "party_kind",
    "relation_kind",
    "territory_kind",
]

T = TypeVar("T")
E = TypeVar("E", TerritoryKind, PartyKind, ConventionKind, Basis, RelationKind)


def frozen(value: Sequence[T]) -> tuple[T, ...]:
    """A list (any sequence but text) becomes a tuple, so the object stays hashable."""
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes, tuple)):
        return tuple(value)
    return value  # a tuple already, or something the checks will report


def _member(vocabulary: type[E], value: E | str) -> E:
    # A member of another vocabulary is a mistake even when its value matches.
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        try:
            return vocabulary(value)
        except ValueError:
            pass  # reported by the checks, with the allowed values
    return value  # type: ignore[return-value]


def territory_kind(value: TerritoryKind | str) -> TerritoryKind:
    return _member(TerritoryKind, value)


def party_kind(value: PartyKind | str) -> PartyKind:
    return _member(PartyKind, value)


def convention_kind(value: ConventionKind | str) -> ConventionKind:
    return _member(ConventionKind, value)


def basis(value: Basis | str) -> Basis:
    return _member(Basis, value)


def relation_kind(value: RelationKind | str) -> RelationKind:
    return _member(RelationKind, value)
