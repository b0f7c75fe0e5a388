"""Exact, lossless conveniences applied before a model object checks itself.

Each converter turns an obviously meant value into the stored type (a list into a tuple,
``"region"`` into ``TerritoryKind.REGION``, ``48_000_000`` into a `Decimal`) and hands
anything else through unchanged, so that the object's checks report it with its path.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from bassin_minier._model.enums import Basis, ConventionKind, PartyKind, TerritoryKind
from bassin_minier._rules.money import canonical_amount

__all__ = ["amount", "basis", "convention_kind", "frozen", "party_kind", "territory_kind"]

T = TypeVar("T")
E = TypeVar("E", TerritoryKind, PartyKind, ConventionKind, Basis)


def frozen(value: Sequence[T]) -> tuple[T, ...]:
    """A list (any sequence but text) becomes a tuple, so the object stays hashable."""
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes, tuple)):
        return tuple(value)
    return value  # a tuple already, or something the checks will report


def amount(value: Decimal | int) -> Decimal:
    """An amount held with two decimals, as JSON writes it: ``5`` becomes ``Decimal("5.00")``.

    An integer number of euros becomes the same `Decimal`; a float, or anything else that
    is not an amount, is left for the checks to refuse.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return canonical_amount(Decimal(value))
    if isinstance(value, Decimal):
        return canonical_amount(value)
    return value  # type: ignore[return-value]  # reported by the checks


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
