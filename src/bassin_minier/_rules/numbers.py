"""What a measured value and a matching ratio are: exact decimals, written plainly.

An indicator's value (a number of dwellings, a rate) and the ratio of a matching rule are
`Decimal` like amounts, but they are not euros: a value may be zero or negative and have
up to six decimals, a ratio is positive with up to four (``0.5``, ``1``, ``0.3333``). Both
are written in JSON as plain text (``"23000"``, ``"0.5"``), never in exponent form, so a
document reads back to the same number and a spreadsheet shows it as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import cast

from bassin_minier._rules.money import EXACT

__all__ = [
    "MAX_NUMBER",
    "MAX_RATIO",
    "NUMBER_PATTERN",
    "RATIO_PATTERN",
    "are_numbers",
    "are_ratios",
    "as_number",
    "format_number",
    "number_problem",
    "parse_number_text",
    "ratio_problem",
]

#: Measured values are strictly between minus and plus this bound.
MAX_NUMBER = Decimal(10) ** 15
#: Ratios are strictly below this bound: a thousand times the matched amount.
MAX_RATIO = Decimal(1000)
_NUMBER_DECIMALS = 6
_RATIO_DECIMALS = 4
_ONE = Decimal(1)

#: How a measured value is written in JSON.
NUMBER_PATTERN = r"^-?[0-9]{1,15}(\.[0-9]{1,6})?$"
#: How a ratio is written in JSON.
RATIO_PATTERN = r"^[0-9]{1,3}(\.[0-9]{1,4})?$"


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only
    return max(0, -exponent)


def _shown(value: Decimal) -> str:
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}… ({len(text)} characters)"


def number_problem(value: Decimal) -> str | None:
    """Why *value* cannot be a measured value, or None when it can."""
    if not value.is_finite():
        return f"must be a finite number, got {_shown(value)}"
    if not -MAX_NUMBER < value < MAX_NUMBER:
        return f"must be between -10^15 and 10^15, got {_shown(value)}"
    if _decimals(value) > _NUMBER_DECIMALS:
        return _too_many_decimals(value, _NUMBER_DECIMALS)
    return None


def ratio_problem(value: Decimal) -> str | None:
    """Why *value* cannot be a matching ratio, or None when it can."""
    if not value.is_finite():
        return f"must be a finite number, got {_shown(value)}"
    if value <= 0:
        return f"must be strictly positive, got {_shown(value)}"
    if value >= MAX_RATIO:
        return f"must be below {MAX_RATIO}, got {_shown(value)}"
    if _decimals(value) > _RATIO_DECIMALS:
        return _too_many_decimals(value, _RATIO_DECIMALS)
    return None


def _too_many_decimals(value: Decimal, most: int) -> str:
    # The places held are what is written: Decimal("0.5000000") is written with seven.
    return (
        f"must be written with at most {most} decimal places, got {_shown(value)} "
        f"({_decimals(value)} places)"
    )


def as_number(value: Decimal | int) -> Decimal:
    """*value* held as a plain decimal: an int becomes a `Decimal`, ``2.3E+4`` becomes 23000.

    The converter of measured values and ratios. The number is unchanged; only the way
    it is held is, so that it is written plainly. Anything that is not an int or a finite
    `Decimal` is handed back for the checks to refuse.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent > 0 and -MAX_NUMBER < value < MAX_NUMBER:
            # In a context of its own: the caller's precision or traps must not refuse it.
            return value.quantize(_ONE, context=EXACT)
    return value  # type: ignore[return-value]


def format_number(value: Decimal) -> str:
    """The text of a measured value or ratio as JSON writes it: plain digits, no exponent."""
    return format(value, "f")


def parse_number_text(text: str) -> Decimal | None:
    """The decimal written as *text* in plain digits (``"-1.5"``), or None if not in that form."""
    body = text[1:] if text.startswith("-") else text
    whole, dot, fraction = body.partition(".")
    digits = whole + fraction
    if not (whole and digits.isascii() and digits.isdigit()) or (dot and not fraction):
        return None
    return Decimal(text)


def _all_pass(values: Sequence[object], problem: Callable[[Decimal], str | None]) -> bool:
    # Few objects hold these values: one plain pass suffices.
    if not set(map(type, values)) <= {Decimal}:
        return False
    return not any(map(problem, cast("Sequence[Decimal]", values)))


def are_numbers(values: Sequence[object]) -> bool:
    """Whether every item of *values* is a valid measured value, decided all at once."""
    return _all_pass(values, number_problem)


def are_ratios(values: Sequence[object]) -> bool:
    """Whether every item of *values* is a valid ratio, decided all at once."""
    return _all_pass(values, ratio_problem)
