"""Patterns and checks both peers share, taken from bassin_minier itself.

Using the library's own patterns keeps the peers' field validation equal to ours: the
same text is accepted and refused, so the timings compare like with like.
"""

from __future__ import annotations

from decimal import Decimal

from bassin_minier._codes import SIREN_PATTERN, any_code_problem, code_problem, siren_problem
from bassin_minier._enums import TerritoryKind
from bassin_minier._money import AMOUNT_PATTERN, MAX_AMOUNT
from bassin_minier._text import SLUG_PATTERN, TEXT_PATTERN

__all__ = [
    "AMOUNT_PATTERN",
    "MAX_AMOUNT",
    "SIREN_PATTERN",
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "check_breakdown",
    "check_party_codes",
    "check_territory_codes",
    "check_unique",
    "whole_cents",
]


def whole_cents(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and (
        exponent >= -2 or value == value.quantize(Decimal("0.01"))
    )


def check_unique(values: list[object], what: str) -> None:
    if len(set(values)) != len(values):
        raise ValueError(f"{what} listed twice")


def check_breakdown(basis: str, amount: Decimal, breakdown: Decimal) -> None:
    if basis == "at_least" and breakdown < amount:
        raise ValueError("the tranches fall short of the floor")
    if basis == "exactly" and breakdown != amount:
        raise ValueError("the tranches differ from the amount")
    if basis == "at_most" and breakdown > amount:
        raise ValueError("the tranches exceed the ceiling")


def check_territory_codes(code: str, kind: str, within: tuple[str, ...]) -> None:
    if code_problem(TerritoryKind(kind), code):
        raise ValueError("the code does not fit the kind of territory")
    for other in within:
        if other == code or any_code_problem(other):
            raise ValueError("a territory lies within a code that is not another territory")
    check_unique(list(within), "territory code")


def check_party_codes(territory: str | None, siren: str | None) -> None:
    if territory is not None and any_code_problem(territory):
        raise ValueError("the territory is not a territory code")
    if siren is not None and siren_problem(siren):
        raise ValueError("the SIREN fails its checksum")
