"""`Payment`: money actually paid under a commitment, as a spending report gives it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

import attrs

from bassin_minier._rules.fields import (
    AMOUNT,
    OPTIONAL_DATE,
    OPTIONAL_SLUG,
    SLUG,
    YEAR,
    Rules,
)
from bassin_minier._rules.money import as_amount

__all__ = ["Payment"]


@attrs.frozen(kw_only=True)
class Payment:
    """An *amount* paid under the *commitment* (an id) for one of its years.

    *year* is the commitment's year the money belongs to (a tranche's year); *paid_on*
    is the day it was paid, which may fall later (the 2020 credits were used until June
    2021); *convention* is the convention it went through. Both are None while unknown.
    Paying more than was committed is allowed here and reported by
    `bassin_minier.analysis.execution`: a payment is a fact, not a promise.

    >>> Payment(commitment="etat-2020", year=2020, amount=4_000_000).amount
    Decimal('4000000.00')
    """

    commitment: str
    year: int
    amount: Decimal = attrs.field(converter=as_amount)
    convention: str | None = None
    paid_on: dt.date | None = None

    _rules: ClassVar[Rules] = Rules(
        commitment=SLUG,
        year=YEAR,
        amount=AMOUNT,
        convention=OPTIONAL_SLUG,
        paid_on=OPTIONAL_DATE,
    )
    __attrs_post_init__ = _rules.post_init()
