"""`Amendment`: an act (an avenant) that changes a convention after its signature."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import attrgetter
from typing import ClassVar

import attrs

from bassin_minier._base import paths
from bassin_minier._model import coerce as _coerce
from bassin_minier._model.party import Signatory
from bassin_minier._model.period import Period
from bassin_minier._rules.catalogue import AMENDMENT_DATE
from bassin_minier._rules.checker import Checker
from bassin_minier._rules.fields import (
    OPTIONAL_DATE,
    OPTIONAL_TEXT,
    SLUG,
    Constraint,
    Rules,
    items_of,
    optional_instance_of,
)

__all__ = ["Amendment"]


def _signatories(value: Sequence[Signatory]) -> tuple[Signatory, ...]:
    return _coerce.frozen(value)


def _signed_within_period(check: Checker, amendment: Amendment) -> None:
    # An act may extend a convention that has ended (the 2023 prolongations were signed
    # late in 2023), but not set a period that ended before it was signed.
    signed_on, period = amendment.signed_on, amendment.period
    if signed_on is not None and period is not None and signed_on > period.end:
        check.fail(
            paths.field(paths.ROOT, "signed_on"),
            f"the amendment is signed on {signed_on}, after the period it sets ends on "
            f"{period.end}; expected a signature on or before the end",
            AMENDMENT_DATE,
        )


@attrs.frozen(kw_only=True)
class Amendment:
    """An act amending a convention: an avenant, a prolongation, a yearly financial act.

    *period* is the convention's period from this act on (an extension, or an early
    end), None when the act leaves it as it was. *signatories* sign this act for parties
    of the convention; they need not be those who signed the convention. The money an
    act commits is a `FundingCommitment` whose ``act`` is this amendment's *id*. *title*,
    *signed_on* and *note* (what the act does, in a sentence) are None while unknown.

    >>> from bassin_minier import Period
    >>> Amendment(id="prolongation-2023", period=Period.from_years(2019, 2023)).period.end
    datetime.date(2023, 12, 31)
    """

    id: str
    title: str | None = None
    signed_on: dt.date | None = None
    signatories: tuple[Signatory, ...] = attrs.field(default=(), converter=_signatories)
    period: Period | None = None
    note: str | None = None

    _rules: ClassVar[Rules] = Rules(
        id=SLUG,
        title=OPTIONAL_TEXT,
        signed_on=OPTIONAL_DATE,
        signatories=items_of(Signatory, "signatory", attrgetter("name", "party")),
        period=optional_instance_of(Period, "a Period"),
        note=OPTIONAL_TEXT,
        constraints=[
            Constraint(_signed_within_period, needs=("signed_on", "period"), when="period")
        ],
    )
    __attrs_post_init__ = _rules.post_init()
