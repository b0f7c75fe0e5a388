"""Valid pieces of shared money and evaluation, one factory each, on top of `tests.builders`.

Invented on the model of the real agreements: the Nord convention broken down into
actions (« fiches actions ») with an indicator, the Caisse des dépôts as a partner, the
Nord council and the Caisse committing an amount jointly, the councils matching half the
State's money, and payments from spending reports. Keyword arguments replace fields, so a
test changes only what it is about.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import bassin_minier as bm
from tests import builders

__all__ = [
    "action",
    "indicator",
    "joint_commitment",
    "match",
    "measure",
    "partner",
    "payment",
    "programme_with_money",
    "with_actions",
]


def action(**changes: Any) -> bm.Action:
    defaults = {
        "id": "referents-parcours",
        "label": "Référents de parcours",
        "priority": "prevention",
        "lead": "cd-nord",
    }
    return bm.Action(**{**defaults, **changes})


def measure(**changes: Any) -> bm.Measure:
    return bm.Measure(**{"year": 2020, "value": Decimal(150), **changes})


def indicator(**changes: Any) -> bm.Indicator:
    defaults = {
        "id": "jeunes-accompagnes",
        "label": "Jeunes sortant de l'ASE accompagnés",
        "unit": "jeunes",
        "action": "referents-parcours",
        "baseline": measure(year=2019, value=Decimal(90)),
        "targets": (measure(year=2020), measure(year=2021, value=Decimal(200))),
        "results": (measure(year=2020, value=Decimal(120)),),
    }
    return bm.Indicator(**{**defaults, **changes})


def with_actions(**changes: Any) -> bm.Convention:
    """The Nord convention broken down into one action, measured by one indicator."""
    return builders.convention(**{"actions": (action(),), "indicators": (indicator(),), **changes})


def partner(**changes: Any) -> bm.Party:
    defaults = {"id": "caisse-des-depots", "name": "Caisse des dépôts", "kind": bm.PartyKind.OTHER}
    return bm.Party(**{**defaults, **changes})


def joint_commitment(**changes: Any) -> bm.FundingCommitment:
    """One million euros from the Nord council and the Caisse des dépôts, split unknown."""
    defaults = {
        "id": "referents-2020",
        "funder": "cd-nord",
        "co_funders": ("caisse-des-depots",),
        "amount": Decimal("1000000.00"),
        "basis": bm.Basis.EXACTLY,
        "period": bm.Period.from_years(2020),
        "conventions": ("nord",),
        "action": "referents-parcours",
    }
    return builders.commitment(**{**defaults, **changes})


def match(**changes: Any) -> bm.Match:
    """The councils match at least half of the State's money."""
    defaults = {
        "id": "cofinancement",
        "commitment": "etat-2019-2021",
        "by": ("cd-nord", "cd-pas-de-calais"),
        "ratio": Decimal("0.5"),
        "basis": bm.Basis.AT_LEAST,
    }
    return bm.Match(**{**defaults, **changes})


def payment(**changes: Any) -> bm.Payment:
    defaults = {
        "commitment": "etat-2019-2021",
        "year": 2019,
        "amount": Decimal("16000000.00"),
        "convention": "nord",
        "paid_on": dt.date(2019, 12, 16),
    }
    return bm.Payment(**{**defaults, **changes})


def programme_with_money(**changes: Any) -> bm.Programme:
    """The programme of the builders with all of the above."""
    defaults = {
        "conventions": (with_actions(), builders.other_convention()),
        "commitments": (builders.commitment(), joint_commitment()),
        "partners": (partner(),),
        "matches": (match(),),
        "payments": (payment(), payment(commitment="referents-2020", year=2020, amount=500_000)),
    }
    return builders.programme(**{**defaults, **changes})
