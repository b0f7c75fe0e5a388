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

    def __repr__(self) -> str:
        # One line that fits a terminal; a payment has no id, its commitment names it.
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        what = f"{self.year}: {self.amount:.2f} €"
        if self.convention is not None:
            what += f" through {d.shortened(self.convention, 30)}"
        if self.paid_on is not None:
            what += f", paid on {self.paid_on.isoformat()}"
        return f"<{type(self).__name__} {d.shortened(self.commitment, 40)!r} {what}>"

    def _repr_html_(self) -> str:
        """A table for Jupyter: the commitment, year, amount, convention and day paid."""
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        return d.page(
            [
                d.heading(3, "Payment under", self.commitment),
                d.fields(
                    [
                        ("Year", d.escape(self.year)),
                        ("Amount", d.escape(d.money(self.amount))),
                        (
                            "Convention",
                            "<em>not known</em>"
                            if self.convention is None
                            else d.code(self.convention),
                        ),
                        ("Paid on", d.unknown(self.paid_on)),
                    ]
                ),
            ]
        )
