"""Valid objects for tests that build the model directly, one factory per piece.

Each factory returns a valid object drawn from the seed document (the Nord and Pas-de-Calais
conventions of the poverty plan, 2019 to 2021); keyword arguments replace its fields, so a
test changes only what it is about.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from bassin_minier import (
    Basis,
    Convention,
    ConventionKind,
    FundingCommitment,
    Milestone,
    Participant,
    Party,
    PartyKind,
    Period,
    Priority,
    Programme,
    Signatory,
    Strategy,
    Territory,
    TerritoryKind,
    Tranche,
)

START, END = dt.date(2019, 1, 1), dt.date(2021, 12, 31)


def period(**changes: Any) -> Period:
    return Period(**{"start": START, "end": END, **changes})


def territory(**changes: Any) -> Territory:
    defaults = {"code": "59", "name": "Nord", "kind": TerritoryKind.DEPARTEMENT, "within": ("32",)}
    return Territory(**{**defaults, **changes})


def area(**changes: Any) -> Territory:
    defaults = {
        "code": "bassin-minier",
        "name": "bassin minier du Nord - Pas-de-Calais",
        "kind": TerritoryKind.AREA,
        "within": ("59", "62"),
    }
    return Territory(**{**defaults, **changes})


def state(**changes: Any) -> Party:
    return Party(**{"id": "etat", "name": "État", "kind": PartyKind.STATE, **changes})


def council(**changes: Any) -> Party:
    defaults = {
        "id": "cd-nord",
        "name": "Conseil départemental du Nord",
        "kind": PartyKind.DEPARTEMENT,
        "territory": "59",
    }
    return Party(**{**defaults, **changes})


def prefect(**changes: Any) -> Signatory:
    defaults = {"name": "Michel Lalande", "role": "préfet du Nord", "party": "etat"}
    return Signatory(**{**defaults, **changes})


def president(**changes: Any) -> Signatory:
    defaults = {
        "name": "Jean-René Lecerf",
        "role": "président du conseil départemental du Nord",
        "party": "cd-nord",
    }
    return Signatory(**{**defaults, **changes})


def participant(**changes: Any) -> Participant:
    defaults = {
        "name": "Olivier Noblecourt",
        "role": "délégué interministériel à la prévention et à la lutte contre la pauvreté",
    }
    return Participant(**{**defaults, **changes})


def priority(**changes: Any) -> Priority:
    defaults = {
        "id": "prevention",
        "label": "la prévention",
        "themes": ("petite enfance", "santé", "parentalité"),
    }
    return Priority(**{**defaults, **changes})


def axis(**changes: Any) -> Priority:
    defaults = {"id": "sorties-ase", "label": "Accompagner les sorties de l’ASE", "themes": ()}
    return Priority(**{**defaults, **changes})


def tranche(**changes: Any) -> Tranche:
    defaults = {"year": 2019, "amount": Decimal("1000.00"), "convention": "nord"}
    return Tranche(**{**defaults, **changes})


def tranches(*amounts: str) -> tuple[Tranche, ...]:
    """One tranche per year from 2019, all through the Nord convention."""
    return tuple(
        tranche(year=2019 + offset, amount=Decimal(amount))
        for offset, amount in enumerate(amounts)
    )


def commitment(**changes: Any) -> FundingCommitment:
    """The State's 48 million euros at least, without a yearly breakdown."""
    defaults = {
        "id": "etat-2019-2021",
        "funder": "etat",
        "amount": Decimal("48000000.00"),
        "basis": Basis.AT_LEAST,
        "period": period(),
        "conventions": ("nord", "pas-de-calais"),
    }
    return FundingCommitment(**{**defaults, **changes})


def convention(**changes: Any) -> Convention:
    """The Nord convention, complete: nothing in it is unknown."""
    defaults = {
        "id": "nord",
        "title": "Convention départementale du Nord",
        "kind": ConventionKind.DEPARTEMENTALE,
        "territory": territory(),
        "parties": (state(), council()),
        "signatories": (prefect(), president()),
        "participants": (participant(),),
        "priorities": (priority(),),
        "period": period(),
        "signed_on": dt.date(2018, 12, 18),
        "signed_at": "Lille",
    }
    return Convention(**{**defaults, **changes})


def other_convention(**changes: Any) -> Convention:
    """The Pas-de-Calais convention: the State and its own departmental council."""
    pas_de_calais = council(
        id="cd-pas-de-calais", name="Conseil départemental du Pas-de-Calais", territory="62"
    )
    defaults = {
        "id": "pas-de-calais",
        "title": "Convention départementale du Pas-de-Calais",
        "territory": territory(code="62", name="Pas-de-Calais"),
        "parties": (state(), pas_de_calais),
        "signatories": (
            prefect(name="Fabien Sudry", role="préfet du Pas-de-Calais"),
            president(name="Nicole Gruson", role="vice-présidente", party="cd-pas-de-calais"),
        ),
    }
    return convention(**{**defaults, **changes})


def strategy(**changes: Any) -> Strategy:
    defaults = {
        "name": "Stratégie nationale de prévention et de lutte contre la pauvreté",
        "presented_on": dt.date(2018, 9, 13),
        "axes": (axis(), axis(id="insertion-rsa", label="Améliorer l’insertion")),
    }
    return Strategy(**{**defaults, **changes})


def milestone(**changes: Any) -> Milestone:
    defaults = {"on": dt.date(2018, 9, 13), "label": "Présentation de la stratégie pauvreté"}
    return Milestone(**{**defaults, **changes})


def programme(**changes: Any) -> Programme:
    """Both departmental conventions and the State's commitment to them."""
    defaults = {
        "id": "plan-pauvrete",
        "name": "Lutte contre la pauvreté dans le Nord et le Pas-de-Calais",
        "period": period(),
        "strategy": strategy(),
        "conventions": (convention(), other_convention()),
        "commitments": (commitment(),),
        "milestones": (milestone(),),
    }
    return Programme(**{**defaults, **changes})
