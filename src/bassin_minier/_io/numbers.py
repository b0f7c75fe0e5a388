"""The decimals that are not amounts: measured values and matching ratios, in JSON.

Every other `Decimal` of the model is an amount of euros, written with two decimals. A
measured value (`Measure.value`) and a ratio (`Match.ratio`) are plain numbers instead:
written as text in plain digits, as they are held (``"23000"``, ``"-1.5"``, ``"0.5"``;
never ``"0.50"``, never an exponent), and read back exactly. The reference converter, the
fast reader and the schema all find here which fields these are.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from bassin_minier._base import paths
from bassin_minier._base.errors import ValidationError
from bassin_minier._base.shown import describe
from bassin_minier._model.indicator import Measure
from bassin_minier._model.match import Match
from bassin_minier._rules.catalogue import NUMBER, RATIO, TYPE
from bassin_minier._rules.numbers import (
    NUMBER_PATTERN,
    RATIO_PATTERN,
    as_number,
    parse_number_text,
)

__all__ = ["PLAIN_NUMBERS", "PlainNumber", "is_plainly_held", "read_plain_number"]


class PlainNumber:
    """A kind of plain number: the *rule* that judges it and how it is written."""

    __slots__ = ("example", "form", "pattern", "rule", "what")

    def __init__(self, *, rule: str, what: str, example: str, pattern: str, form: str) -> None:
        #: The rule a value of this kind breaks when it cannot be read.
        self.rule = rule
        #: What the value is, with its article: "a number".
        self.what = what
        #: How such a value is written, for messages: "0.5".
        self.example = example
        #: The pattern of the text the library writes and reads (`bassin_minier._rules.numbers`).
        self.pattern = re.compile(pattern)
        #: The pattern, said in words.
        self.form = form


_NUMBER = PlainNumber(
    rule=NUMBER,
    what="a number",
    example="-1.5",
    pattern=NUMBER_PATTERN,
    form="up to 15 digits, then at most 6 decimals, with a minus sign if below zero; no exponent",
)
_RATIO = PlainNumber(
    rule=RATIO,
    what="a ratio",
    example="0.5",
    pattern=RATIO_PATTERN,
    form="up to 3 digits, then at most 4 decimals; no sign, no exponent",
)

#: The `Decimal` fields that are plain numbers, not amounts, by class and field name.
PLAIN_NUMBERS: Mapping[tuple[type[Any], str], PlainNumber] = types.MappingProxyType(
    {(Measure, "value"): _NUMBER, (Match, "ratio"): _RATIO}
)


def read_plain_number(value: object, kind: PlainNumber) -> Decimal:
    """*value*, from a JSON document, as the plain number of *kind* it stands for.

    As for amounts: text is the canonical form, read only when it fits the pattern the
    JSON Schema states, so that both judge text alike. A JSON number arrives as an int
    or, because the JSON reader parses non-integers with `Decimal`, as an exact `Decimal`,
    and is taken as it is; a float (which only Python code can give) is refused. Whether
    such a number is in range and has few enough decimals is the model's rule.
    """
    if isinstance(value, str):
        number = parse_number_text(value) if kind.pattern.fullmatch(value) else None
        if number is None:
            raise ValidationError.at(
                paths.ROOT,
                f'must be {kind.what} written like "{kind.example}" ({kind.form}), '
                f"got {describe(value)}",
                kind.rule,
            )
        return number
    if isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool)):
        return as_number(value)
    if isinstance(value, float):
        raise ValidationError.at(
            paths.ROOT,
            f"must be {kind.what} as text like "
            f'"{kind.example}", not a float ({value!r}): a float cannot hold decimals exactly',
            TYPE,
        )
    raise ValidationError.at(
        paths.ROOT,
        f'must be {kind.what} written like "{kind.example}", got {describe(value)}',
        TYPE,
    )


def is_plainly_held(value: object) -> bool:
    """Whether *value* is held as `as_number` holds a valid number: without an exponent.

    Construction holds every valid number so; the fast reader, which fills the fields
    itself, could hold ``"2.3E+4"`` as read, and would then write it back so.
    """
    if type(value) is not Decimal:
        return False
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent <= 0
