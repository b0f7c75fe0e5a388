"""The documents the benchmarks read and write, generated deterministically.

``small`` is the built-in dataset. ``medium`` and ``large`` are programmes of the same
shape at national scale: conventions spread over the départements, each with its parties,
signatories, participants and priorities, and funding commitments broken down into
tranches by year and convention. The documents are written as `bassin_minier.to_json`
writes them, every key of format version 2 included; one convention in ten is prolonged by
an amendment to the programme's last year, one in ten (the territoires démonstrateurs)
implements the convention before it, and the commitment that covers an amended convention
five places on is made by that amendment, so every contender checks the rules of amendments,
relations and acts too. Shared money and evaluation have their share as well: one
convention in five sets out two actions, measured by two indicators (a baseline, targets
and results, some negative, some with decimals), and the commitment starting from it funds
the first; one commitment in ten is made jointly with the Caisse des dépôts, a partner of
the programme; one in ten is matched by the département of the convention it starts from;
one in four has payments. The same size always gives the same text, byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

import bassin_minier as bm

__all__ = ["SIZES", "document", "text"]

# Conventions per document; each commitment has 20 tranches, one commitment per convention.
SIZES = {"small": 0, "medium": 100, "large": 1_000}

_YEARS = (2019, 2020, 2021)
# One convention in ten (those whose index ends in _AMENDED) is prolonged a year by an
# amendment: the programme runs a year longer than the conventions and commitments.
_AMENDED = 5
COVERED = 7  # conventions per commitment: 7 × 3 years leaves room for 20 tranches
_TRANCHES = 20
# The conventions with actions and indicators (index ending in 1 or 6), the commitments made
# jointly with the partner, matched, and paid.
_WITH_ACTIONS = 1
_JOINT = 3
_MATCHED = 1
_PAID = 0
_PARTNERS = [
    {
        "id": "caisse-des-depots",
        "name": "Caisse des dépôts",
        "kind": "public_body",
        "territory": None,
        "siren": None,
    },
    {
        "id": "maisons-et-cites",
        "name": "Maisons & Cités",
        "kind": "company",
        "territory": None,
        "siren": None,
    },
]

# Every département code of the COG, in order (there is no 20 and no 975).
_DEPARTEMENTS = (
    [f"{n:02d}" for n in range(1, 20)]
    + ["2A", "2B"]
    + [f"{n:02d}" for n in range(21, 96)]
    + ["971", "972", "973", "974", "976"]
)


def _period() -> dict[str, str]:
    return {"start": "2019-01-01", "end": "2021-12-31"}


def _programme_period() -> dict[str, str]:
    return {"start": "2019-01-01", "end": "2022-12-31"}


def _amendment_id(index: int) -> str:
    return f"avenant-{index:05d}-1"


def _departement_party(code: str) -> dict[str, Any]:
    return {
        "id": f"cd-{code.lower()}",
        "name": f"Conseil départemental {code}",
        "kind": "departement",
        "territory": code,
        "siren": None,
    }


_STATE = {"id": "etat", "name": "État", "kind": "state", "territory": None, "siren": None}


def _convention(index: int) -> dict[str, Any]:
    code = _DEPARTEMENTS[index % len(_DEPARTEMENTS)]
    council = _departement_party(code)
    prefect = {"name": f"Préfet {index}", "role": f"préfet du département {code}", "party": "etat"}
    president = {
        "name": f"Président {index}",
        "role": f"président du conseil départemental {code}",
        "party": council["id"],
    }
    amendments = []
    if index % 10 == _AMENDED:
        amendments.append(
            {
                "id": _amendment_id(index),
                "title": f"Avenant n° 1 à la convention n° {index} : prolongation d’un an",
                "signed_on": "2021-11-15",
                "signatories": [prefect, president],
                "period": _programme_period(),
                "note": None,
            }
        )
    actions: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    if index % 5 == _WITH_ACTIONS:
        actions, indicators = _actions(index, council["id"])
    related = []
    if index % 10 == 0 and index > 0:
        related.append({"kind": "implements", "convention": f"convention-{index - 1:05d}"})
    return {
        "id": f"convention-{index:05d}",
        "title": f"Convention d’appui à la lutte contre la pauvreté n° {index}",
        "kind": "territoire_demonstrateur" if index % 10 == 0 else "departementale",
        "territory": {
            "code": f"zone-{index:05d}",
            "name": f"Territoire n° {index} du département {code}",
            "kind": "area",
            "within": [code],
        },
        "parties": [_STATE, council],
        "signatories": [prefect, president],
        "participants": [
            {"name": f"Délégué {index}", "role": "délégué interministériel à la pauvreté"}
        ],
        "priorities": [
            {"id": "insertion", "label": "L’insertion et l’accès à l’emploi", "themes": []},
            {
                "id": "prevention",
                "label": "La prévention",
                "themes": ["petite enfance", "santé", "parentalité"],
            },
        ],
        "period": _period(),
        "signed_on": f"2019-{1 + index % 12:02d}-{1 + index % 28:02d}",
        "signed_at": "Lille",
        "event": None,
        "amendments": amendments,
        "related": related,
        "actions": actions,
        "indicators": indicators,
    }


def _action_id(index: int) -> str:
    return f"referents-{index:05d}"


def _actions(index: int, council: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    actions = [
        {
            "id": _action_id(index),
            "label": f"Référents de parcours n° {index}",
            "priority": "insertion",
            "lead": council,
            "description": None,
        },
        {
            "id": f"petite-enfance-{index:05d}",
            "label": "Petite enfance",
            "priority": "prevention",
            "lead": None,
            "description": "Accueil des jeunes enfants des familles en insertion",
        },
    ]

    def measure(year: int, value: str) -> dict[str, Any]:
        return {"year": year, "value": value}

    indicators = [
        {
            "id": f"personnes-accompagnees-{index:05d}",
            "label": "Personnes accompagnées",
            "unit": "personnes",
            "action": _action_id(index),
            "baseline": measure(2018, str(100 + index % 50)),
            "targets": [
                measure(year, str(200 + 50 * k + index % 7)) for k, year in enumerate(_YEARS)
            ],
            "results": [measure(2019, str(180 + index % 11)), measure(2020, "-3")],
        },
        {
            "id": f"taux-acces-{index:05d}",
            "label": "Taux d’accès au premier accueil",
            "unit": "%",
            "action": None,
            "baseline": None,
            "targets": [measure(2021, f"{60 + index % 30}.5")],
            "results": [measure(2019, f"{40 + index % 20}.125")],
        },
    ]
    return actions, indicators


def _commitment(index: int, count: int) -> dict[str, Any]:
    covered = [f"convention-{(index + k) % count:05d}" for k in range(min(COVERED, count))]
    pairs = [(year, convention) for convention in covered for year in _YEARS][:_TRANCHES]
    amounts = [f"{100_000 + 1_000 * (index % 97) + 7 * k}.{k % 100:02d}" for k in range(20)]
    tranches: list[dict[str, Any]] = [
        {"year": year, "amount": amount, "convention": convention, "spend_by": None}
        for (year, convention), amount in zip(pairs, amounts, strict=True)
    ]
    # The commitment covering an amended convention five places on is made by its amendment.
    amended = (index + _AMENDED) % count
    act = _amendment_id(amended) if index % 10 == 0 and amended % 10 == _AMENDED else None
    # A floor met by the breakdown: the committed amount is the sum rounded down.
    floor = sum(int(t["amount"].split(".")[0]) for t in tranches)
    # Its first convention's first action, when it sets some out.
    action = _action_id(index) if index % 5 == _WITH_ACTIONS and index < count else None
    return {
        "id": f"engagement-{index:05d}",
        "funder": "etat",
        "amount": f"{floor}.00",
        "basis": "at_least",
        "period": _period(),
        "conventions": covered,
        "priority": "insertion",
        "tranches": tranches,
        "act": act,
        "revises": None,
        "co_funders": [_PARTNERS[0]["id"]] if index % 10 == _JOINT else [],
        "action": action,
    }


def _match(index: int, count: int) -> dict[str, Any]:
    # Matched by the département of the convention the commitment starts from.
    code = _DEPARTEMENTS[index % count % len(_DEPARTEMENTS)]
    return {
        "id": f"cofinancement-{index:05d}",
        "commitment": f"engagement-{index:05d}",
        "by": [f"cd-{code.lower()}"],
        "ratio": "0.5",
        "basis": "at_least",
    }


def _payments(index: int, count: int) -> list[dict[str, Any]]:
    first = f"convention-{index % count:05d}"
    return [
        {
            "commitment": f"engagement-{index:05d}",
            "year": year,
            "amount": f"{90_000 + 13 * index + year % 100}.{index % 100:02d}",
            "convention": first if year != 2021 else None,
            "paid_on": f"{year + 1}-03-{1 + index % 28:02d}" if year != 2020 else None,
        }
        for year in (2019, 2020, 2021)
    ]


def document(size: str) -> dict[str, Any]:
    """The plain document of the programme of *size* (a key of `SIZES`)."""
    count = SIZES[size]
    if count == 0:
        return bm.to_dict(bm.datasets.bassin_minier_2019())
    return national(count, f"programme-{size}")


def national(count: int, id: str = "programme") -> dict[str, Any]:
    """The plain document of a programme of *count* conventions (one or more)."""
    small = bm.to_dict(bm.datasets.bassin_minier_2019())
    return {
        "id": id,
        "name": f"Programme national de démonstration ({count} conventions)",
        "period": _programme_period(),
        "strategy": small["strategy"],
        "conventions": [_convention(i) for i in range(count)],
        "commitments": [_commitment(i, count) for i in range(count)],
        "milestones": small["milestones"],
        "partners": _PARTNERS,
        "matches": [_match(i, count) for i in range(count) if i % 10 == _MATCHED],
        "payments": [p for i in range(count) if i % 4 == _PAID for p in _payments(i, count)],
    }


def text(size: str) -> str:
    """The compact JSON text of the programme of *size*, as `bassin_minier.to_json` writes it."""
    return json.dumps(document(size), ensure_ascii=False, separators=(",", ":"))
