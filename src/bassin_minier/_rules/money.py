"""Amounts of money: exact euros and cents, never a float.

What an amount is lives here: a `Decimal` of euros, strictly positive, below 10^15, in
whole cents (`amount_problem`); held with exactly two decimals, as JSON writes it
(`canonical_amount`, `held_amount_problem`); and never a float (`float_problem`).
Construction, the checks, the readers and the writers all ask this module.
"""

from __future__ import annotations

import decimal
import functools
import re
from collections.abc import Hashable, Iterable, Sequence
from decimal import Decimal
from itertools import repeat
from typing import TypeVar, cast

__all__ = [
    "AMOUNT_PATTERN",
    "EXACT",
    "MAX_AMOUNT",
    "amount_problem",
    "are_canonical_amounts",
    "as_amount",
    "canonical_amount",
    "float_problem",
    "format_amount",
    "held_amount_problem",
    "is_canonical_amount",
    "parse_amount_text",
    "total",
    "totals_by",
]

K = TypeVar("K", bound=Hashable)

#: The text form of an amount in JSON: up to 15 digits, optionally 1 or 2 decimals.
AMOUNT_PATTERN = r"^[0-9]{1,15}(\.[0-9]{1,2})?$"
#: Amounts are strictly below this bound (one million billion euros).
MAX_AMOUNT = Decimal(10) ** 15

_AMOUNT = re.compile(AMOUNT_PATTERN)

# Sums are exact whatever context the caller has set: 60 digits hold far more than
# any realistic number of amounts below 10^15, and Inexact would signal the impossible.
EXACT = decimal.Context(prec=60, traps=[decimal.Inexact, decimal.InvalidOperation])


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of *amounts* (0 when there are none)."""
    # The context's own add: no switching of the thread's context, no Python call a term.
    return functools.reduce(EXACT.add, amounts, Decimal(0))


def totals_by(pairs: Iterable[tuple[K, Decimal]]) -> dict[K, Decimal]:
    """The exact sum of the amounts of each key, keys in order of first appearance."""
    groups: dict[K, list[Decimal]] = {}
    for key, amount in pairs:
        groups.setdefault(key, []).append(amount)
    return {key: total(amounts) for key, amounts in groups.items()}


def amount_problem(value: Decimal) -> str | None:
    """Why *value* is not an amount of euros, or None when it is."""
    if not value.is_finite():
        return f"must be a finite number of euros, got {_number(value)}"
    if value <= 0:
        return f"must be strictly positive, got {_number(value)}"
    if value >= MAX_AMOUNT:
        return f"must be below 10^15 euros, got {_number(value)}"
    if not _whole_cents(value):
        return f"must be in whole cents (at most 2 decimal places), got {_number(value)}"
    return None


_CENT = Decimal("0.01")


def canonical_amount(value: Decimal) -> Decimal:
    """*value* written with exactly two decimals when it is a valid amount, else itself.

    ``Decimal("1.230")`` becomes ``Decimal("1.23")`` and ``Decimal(5)`` ``Decimal("5.00")``:
    the same number of euros, held the way it is written in JSON. Anything that is not an
    amount is handed back unchanged for the checks to report.
    """
    if amount_problem(value) is not None:
        return value
    return value.quantize(_CENT, context=EXACT)


def as_amount(value: Decimal | int) -> Decimal:
    """*value* held as an amount, as JSON writes it: ``5`` becomes ``Decimal("5.00")``.

    The converter of every amount field. An integer number of euros becomes the same
    `Decimal`, and a `Decimal` is held with two decimals (`canonical_amount`); a float, a
    bool or anything else is handed back for the checks to refuse.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return canonical_amount(Decimal(value))
    if isinstance(value, Decimal):
        return canonical_amount(value)
    return value  # type: ignore[return-value]  # reported by the checks


def held_amount_problem(value: Decimal) -> str | None:
    """Why *value* cannot be the amount an object holds, or None when it can.

    Beyond being an amount (`amount_problem`), it must be held with exactly two decimals:
    construction and reading hold every amount so, and a value held otherwise reached the
    object some other way and would not be written back as it was read.
    """
    if is_canonical_amount(value):
        return None
    return (
        amount_problem(value)
        or f"must be held with exactly two decimals, got Decimal({str(value)!r})"
    )


def float_problem(value: float, expected: str) -> str:
    """Why the float *value* is refused where *expected* (what should be there) is asked for."""
    return f"must be {expected}, not a float ({value!r}): a float cannot hold cents exactly"


def is_canonical_amount(value: Decimal) -> bool:
    """Whether *value* is a valid amount held with exactly two decimals (the fast check)."""
    # The quantum first: NaN and infinities never share it, and cannot all be compared.
    return value.same_quantum(_CENT) and 0 < value < MAX_AMOUNT


def are_canonical_amounts(values: Sequence[object]) -> bool:
    """Whether every item of *values* passes `is_canonical_amount`, decided all at once."""
    if not set(map(type, values)) <= {Decimal}:
        return False
    amounts = cast("Sequence[Decimal]", values)
    # The quantum first, as one at a time: NaN and infinities never share it.
    return all(map(Decimal.same_quantum, amounts, repeat(_CENT))) and (
        not amounts or (min(amounts) > 0 and max(amounts) < MAX_AMOUNT)
    )


def _number(value: Decimal) -> str:
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}… ({len(text)} characters)"


def _whole_cents(value: Decimal) -> bool:
    # Read the digits rather than multiply, so the answer does not depend on the
    # caller's decimal context (precision, traps): Decimal("1.230") is 1.23 €.
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite values only
    if exponent >= -2:
        return True
    return not any(digits[exponent + 2 :])


def parse_amount_text(text: str) -> Decimal | None:
    """The amount written as *text* (``"48000000.00"``), or None if not in that form."""
    if _AMOUNT.fullmatch(text) is None:
        return None
    return Decimal(text)


def format_amount(value: Decimal) -> str:
    """The canonical text of an amount: plain digits and exactly two decimals."""
    # Exact for any valid amount: it has at most two decimals and fewer than 18 digits.
    return f"{value:.2f}"
