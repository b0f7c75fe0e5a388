"""The Engagement pour le renouveau du bassin minier (2017), built from sourced facts alone.

The facts are those of the project's list of real agreements, ids ``E1`` to ``E13``: each
a public source and the source's own sentence. A value no fact gives is left unknown. The
module ``_renouveau_provenance`` beside this one gives, for every value, the fact it comes
from and the words of its sentence; ``docs/renouveau.md`` explains every choice the facts
leave open.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bassin_minier._model.action import Action
from bassin_minier._model.amendment import Amendment
from bassin_minier._model.convention import Convention
from bassin_minier._model.funding import FundingCommitment, Tranche
from bassin_minier._model.indicator import Indicator, Measure
from bassin_minier._model.match import Match
from bassin_minier._model.party import Party, Signatory
from bassin_minier._model.period import Period
from bassin_minier._model.priority import Priority
from bassin_minier._model.programme import Milestone, Programme
from bassin_minier._model.territory import Territory

__all__ = [
    "AXES",
    "CD_NORD",
    "CD_PAS_DE_CALAIS",
    "EPCI",
    "ETAT",
    "HABITAT",
    "LOCAL_AUTHORITIES",
    "PARTIES",
    "PARTNERS",
    "REGION",
    "YEARS",
    "renouveau_bassin_minier_2017",
]

#: The ten years of the engagement: those of the State's yearly payments (E7), which E2
#: and E6 count as ten.
YEARS = Period.from_years(2018, 2027)
_SIGNED_ON = dt.date(2017, 3, 7)
_CONVENTION = "erbm"

ETAT = Party(id="etat", name="État", kind="state")
REGION = Party(id="region-hdf", name="Région Hauts-de-France", kind="region", territory="32")
CD_NORD = Party(
    id="cd-nord", name="Conseil départemental du Nord", kind="departement", territory="59"
)
CD_PAS_DE_CALAIS = Party(
    id="cd-pas-de-calais",
    name="Conseil départemental du Pas-de-Calais",
    kind="departement",
    territory="62",
)
# The eight EPCI in the order E5 names them; their SIREN, their only code, no fact gives.
EPCI = tuple(
    Party(id=party_id, name=name, kind="epci")
    for party_id, name in (
        ("valenciennes-metropole", "Valenciennes Métropole"),
        ("porte-du-hainaut", "La Porte du Hainaut"),
        ("cc-coeur-d-ostrevent", "Communauté de Communes Cœur d'Ostrevent"),
        ("douaisi-agglo", "Douaisi Agglo"),
        ("osartis-marquion", "Osartis Marquion"),
        ("agglo-henin-carvin", "agglomération Hénin-Carvin"),
        ("agglo-lens-lievin", "agglomération de Lens-Liévin"),
        ("agglo-bethune-bruay", "agglomération de Béthune-Bruay"),
    )
)
#: The twelve parties of E2, in its order.
PARTIES = (ETAT, REGION, CD_NORD, CD_PAS_DE_CALAIS, *EPCI)
#: The local authorities among them: all but the State.
LOCAL_AUTHORITIES = tuple(p.id for p in PARTIES[1:])

# The funders of E10 that are party to no convention. The legal form of the two social
# landlords is not given: `other`.
PARTNERS = (
    Party(id="maisons-et-cites", name="Maisons & Cités", kind="other"),
    Party(id="sia", name="S.I.A", kind="other"),
    Party(id="caisse-des-depots", name="Caisse des dépôts", kind="public_body"),
)

AXES = (
    Priority(
        id="energie",
        label="Redonner de l'énergie au territoire, en faire un territoire d'excellence de "
        "la rénovation énergétique",
    ),
    Priority(id="mouvement", label="Redonner du mouvement au territoire"),
    Priority(
        id="fierte",
        label="Redonner la fierté aux habitants et métamorphoser leur cadre de vie",
    ),
    Priority(
        id="reparer",
        label="Réparer le passé et conforter la responsabilité et la solidarité des acteurs "
        "du territoire",
    ),
)

HABITAT = Action(
    id="habitat",
    label="Habitat/Cités minières",
    description="éradiquer en 10 ans les logements miniers énergivores (correspondant à une "
    "étiquette énergétique de niveau E, F et G)",
)

_DWELLINGS = Indicator(
    id="logements-energivores",
    label="logements miniers énergivores",
    unit="logements",
    action=HABITAT.id,
    baseline=Measure(year=2017, value=23_000),
    # « Éradiquer en 10 ans »: none left at the end of the ten years.
    targets=[Measure(year=2027, value=0)],
    # The number concerned once the 2021 law had raised it (E9): a new count, not a step
    # back; docs/renouveau.md says more.
    results=[Measure(year=2021, value=30_000)],
)

_TOP_UP_PAID = Amendment(
    id="versements-supplementaires",
    note="24 M€ supplémentaires ont été versés par l'Etat",
)
_FINANCE_BILL_2025 = Amendment(
    id="plf-2025",
    title="projet de loi de finances 2025",
    note="8 M€ prévus dans le projet de loi de finances 2025",
)


def _convention() -> Convention:
    return Convention(
        id=_CONVENTION,
        title="Engagement pour le renouveau du bassin minier",
        kind="other",
        territory=Territory(
            code="bassin-minier-nord-pas-de-calais",
            name="bassin minier",
            kind="area",
            within=["59", "62"],
        ),
        parties=PARTIES,
        signatories=[
            Signatory(name="Bernard Cazeneuve", role="Premier ministre", party=ETAT.id),
            Signatory(name="Frédéric Delannoy", role="président", party="cc-coeur-d-ostrevent"),
        ],
        priorities=AXES,
        period=YEARS,
        signed_on=_SIGNED_ON,
        signed_at="Oignies",
        # The yearly finance acts stand in for avenants; no fact gives their days.
        amendments=[_TOP_UP_PAID, _FINANCE_BILL_2025],
        actions=[HABITAT],
        indicators=[_DWELLINGS],
    )


def _state(
    commitment_id: str,
    amount: int,
    *,
    tranches: tuple[Tranche, ...] = (),
    act: str | None = None,
    revises: str | None = None,
) -> FundingCommitment:
    """A commitment of the State through the engagement, for the renovation of dwellings."""
    return FundingCommitment(
        id=commitment_id,
        funder=ETAT.id,
        amount=Decimal(amount),
        basis="exactly",
        period=YEARS,
        conventions=[_CONVENTION],
        tranches=tranches,
        act=act,
        revises=revises,
        action=HABITAT.id,
    )


def _commitments() -> list[FundingCommitment]:
    return [
        _state(
            "etat-2017",
            100_000_000,
            tranches=tuple(
                Tranche(year=year, amount=Decimal(10_000_000), convention=_CONVENTION)
                for year in YEARS.years
            ),
        ),
        # Each top-up replaces the State's amount from its act on: the revised totals,
        # with no yearly breakdown, since no fact says in which years the money came.
        _state(
            "etat-complement-verse",
            124_000_000,
            act=_TOP_UP_PAID.id,
            revises="etat-2017",
        ),
        _state(
            "etat-plf-2025",
            132_000_000,
            act=_FINANCE_BILL_2025.id,
            revises="etat-complement-verse",
        ),
        # One sum for all the funders E10 names, split unknown.
        FundingCommitment(
            id="investissement-total",
            funder=PARTNERS[0].id,
            co_funders=[p.id for p in PARTNERS[1:]] + list(LOCAL_AUTHORITIES),
            amount=Decimal(1_000_000_000),
            basis="exactly",
            period=YEARS,
            conventions=[_CONVENTION],
        ),
    ]


def renouveau_bassin_minier_2017() -> Programme:
    """The Engagement pour le renouveau du bassin minier, signed at Oignies on 7 March 2017.

    Twelve parties (the State, the Région Hauts-de-France, the départements of the Nord
    and the Pas-de-Calais and eight intercommunalités) committed for ten years to the
    renewal of the Nord – Pas-de-Calais mining basin: one convention with four axes, the
    State's 100 million euros (10 million a year, 2018–2027) and its later top-ups to
    132 million, matched « à égalité » by the local authorities, a total investment of a
    billion euros with the social landlords and the Caisse des dépôts, and the renovation
    of the energy-hungry mining dwellings with its indicator.

    Built only from sourced facts: each value's fact is in the module's ``PROVENANCE``,
    a value no fact gives is None or left out, and ``docs/renouveau.md`` explains every
    choice. Each call builds a fresh, valid programme.

    >>> programme = renouveau_bassin_minier_2017()
    >>> programme.convention("erbm").signed_on
    datetime.date(2017, 3, 7)
    >>> programme.totals_by_funder()["etat"]
    Decimal('132000000.00')
    """
    return Programme(
        id="renouveau-bassin-minier-2017",
        name="Engagement pour le renouveau du bassin minier",
        period=YEARS,
        conventions=[_convention()],
        commitments=_commitments(),
        milestones=[
            Milestone(
                on=_SIGNED_ON,
                label="Signature de l'Engagement pour le renouveau du bassin minier à Oignies",
            )
        ],
        partners=PARTNERS,
        matches=[
            Match(
                id="cofinancement-a-egalite",
                commitment="etat-2017",
                by=LOCAL_AUTHORITIES,
                ratio=1,
                basis="exactly",
            )
        ],
    )
