"""Where each value of `renouveau_bassin_minier_2017` comes from: `PROVENANCE` and `UNUSED`.

`PROVENANCE` holds one `Provenance` per value of the programme (ids aside, which are
chosen): its path, the id of the fact it comes from (``E1`` to ``E13`` in the project's list
of real agreements) and the words of the fact's sentence it is read from, with a note when
the value is not written there as it stands. `UNUSED` lists the facts of the engagement that
give nothing the programme can hold, and why.
"""

from __future__ import annotations

from bassin_minier._base import paths
from bassin_minier.datasets._provenance import Provenance
from bassin_minier.datasets._renouveau import (
    AXES,
    CD_NORD,
    CD_PAS_DE_CALAIS,
    ETAT,
    LOCAL_AUTHORITIES,
    PARTIES,
    PARTNERS,
    REGION,
    YEARS,
)

__all__ = ["PROVENANCE", "UNUSED"]


_C = paths.item(paths.field(paths.ROOT, "conventions"), 0)
_TO_TEN_YEARS = (
    "the ten years of E2 (« engagés sur 10 ans ») taken as the calendar years of the "
    "State's yearly payments, 2018 to 2027 (E7)"
)
_AS_E7 = "the same ten years as the State's commitment (E7)"
_ONE_CONVENTION = "the programme's one convention, the engagement itself"
_REVISION_YEARS = "the revised amount keeps the ten years: no fact says the money goes beyond them"

# The quotes naming each party in E2 or E5, and how its name and kind are read.
_DEPARTEMENTS = "Départements du Nord et du Pas-de-Calais"
_EPCI_KIND = (
    "E5 counts them among « les 8 EPCI du bassin minier »: établissements publics de "
    "coopération intercommunale"
)
_E5_NAMES = {
    "valenciennes-metropole": "Valenciennes Métropole",
    "porte-du-hainaut": "La Porte du Hainaut",
    "douaisi-agglo": "Douaisi Agglo",
    "osartis-marquion": "Osartis Marquion",
    "agglo-henin-carvin": "agglomération Hénin-Carvin",
    "agglo-lens-lievin": "agglomération de Lens-Liévin",
    "agglo-bethune-bruay": "agglomération de Béthune-Bruay",
}


def _parties() -> list[Provenance]:
    found: list[Provenance] = []
    for index, party in enumerate(PARTIES):
        at = paths.item(paths.field(_C, "parties"), index)
        if party is ETAT:
            found += [
                Provenance(
                    path=paths.field(at, "name"),
                    fact="E2",
                    quote="Etat",
                    note="spelt « État », with its accent, as the built-in dataset spells it",
                ),
                Provenance(
                    path=paths.field(at, "kind"), fact="E2", quote="Etat", note="the State"
                ),
            ]
        elif party is REGION:
            found += [
                Provenance(
                    path=paths.field(at, "name"),
                    fact="E2",
                    quote="Région Haut-sde-France",
                    note="the typo « Haut-sde-France » corrected to the name of the région "
                    "in the INSEE COG (cog-regions, code 32)",
                ),
                Provenance(
                    path=paths.field(at, "name"),
                    fact="E10",
                    quote="la Région hauts-de-France",
                    note="the capital of « Hauts » restored, as in the INSEE COG",
                ),
                Provenance(
                    path=paths.field(at, "kind"),
                    fact="E2",
                    quote="Région Haut-sde-France",
                    note="a région",
                ),
                Provenance(
                    path=paths.field(at, "territory"),
                    fact="E2",
                    quote="Région Haut-sde-France",
                    note="the code of Hauts-de-France in the INSEE COG (cog-regions)",
                ),
            ]
        elif party in (CD_NORD, CD_PAS_DE_CALAIS):
            code = party.territory
            found += [
                Provenance(
                    path=paths.field(at, "name"),
                    fact="E2",
                    quote=_DEPARTEMENTS,
                    note=f"the name the INSEE COG gives the council (cog-collectivities, "
                    f"{code}D), as in the built-in dataset",
                ),
                Provenance(
                    path=paths.field(at, "kind"),
                    fact="E2",
                    quote=_DEPARTEMENTS,
                    note="a département, party through its council",
                ),
                Provenance(
                    path=paths.field(at, "territory"),
                    fact="E2",
                    quote=_DEPARTEMENTS,
                    note=f"the code of the département in the INSEE COG (cog-departments, {code})",
                ),
            ]
        else:
            if party.id in _E5_NAMES:
                found.append(
                    Provenance(path=paths.field(at, "name"), fact="E5", quote=_E5_NAMES[party.id])
                )
            else:
                # The full name is E2's; E5 names it « Coeur d'Ostrevent » among the eight.
                found += [
                    Provenance(path=paths.field(at, "name"), fact="E2", quote=party.name),
                    Provenance(
                        path=paths.field(at, "name"),
                        fact="E5",
                        quote="Coeur d'Ostrevent",
                        note="E5's short name; the full one, with « Cœur », is E2's",
                    ),
                ]
            found.append(
                Provenance(
                    path=paths.field(at, "kind"),
                    fact="E5",
                    quote="les 8 EPCI du bassin minier",
                    note=_EPCI_KIND,
                )
            )
    return found


def _state_commitments() -> list[Provenance]:
    found: list[Provenance] = []
    at = paths.item(paths.field(paths.ROOT, "commitments"), 0)
    found += [
        Provenance(
            path=paths.field(at, "funder"),
            fact="E7",
            quote="l'Etat s'engageait à verser 100 millions d'euros",
            note="the id of the State",
        ),
        Provenance(path=paths.field(at, "amount"), fact="E7", quote="100 millions d'euros"),
        Provenance(path=paths.field(at, "amount"), fact="E12", quote="100 millions d'euros"),
        Provenance(path=paths.field(at, "basis"), fact="E7", quote="100 millions d'euros"),
        Provenance(
            path=paths.field(paths.field(at, "period"), "start"),
            fact="E7",
            quote="de 2018 à 2027",
            note="1 January",
        ),
        Provenance(
            path=paths.field(paths.field(at, "period"), "end"),
            fact="E7",
            quote="de 2018 à 2027",
            note="31 December",
        ),
        Provenance(
            path=paths.item(paths.field(at, "conventions"), 0),
            fact="E7",
            quote="l'Etat s'engageait",
            note=_ONE_CONVENTION,
        ),
        Provenance(
            path=paths.field(at, "action"),
            fact="E7",
            quote="pour rénover les logements énergivores des cités minières",
            note="the money goes to the renovation of the mining dwellings: the habitat "
            "action (E6)",
        ),
    ]
    for index, year in enumerate(YEARS.years):
        tranche = paths.item(paths.field(at, "tranches"), index)
        found += [
            Provenance(
                path=paths.field(tranche, "year"),
                fact="E7",
                quote="par an de 2018 à 2027",
                note=f"{year}, one of the years from 2018 to 2027",
            ),
            Provenance(path=paths.field(tranche, "amount"), fact="E7", quote="10 millions"),
            Provenance(
                path=paths.field(tranche, "convention"),
                fact="E7",
                quote="10 millions par an",
                note=_ONE_CONVENTION,
            ),
        ]
    top_up, bill = (
        paths.item(paths.field(paths.ROOT, "commitments"), 1),
        paths.item(paths.field(paths.ROOT, "commitments"), 2),
    )
    for where, revised in ((top_up, "etat-2017"), (bill, "etat-complement-verse")):
        found += [
            Provenance(
                path=paths.field(where, "funder"),
                fact="E9",
                quote="versés par l'Etat",
                note="the id of the State",
            ),
            Provenance(
                path=paths.field(paths.field(where, "period"), "start"),
                fact="E7",
                quote="de 2018 à 2027",
                note=_REVISION_YEARS,
            ),
            Provenance(
                path=paths.field(paths.field(where, "period"), "end"),
                fact="E7",
                quote="de 2018 à 2027",
                note=_REVISION_YEARS,
            ),
            Provenance(
                path=paths.item(paths.field(where, "conventions"), 0),
                fact="E9",
                quote="l'Etat",
                note=_ONE_CONVENTION,
            ),
            Provenance(
                path=paths.field(where, "revises"),
                fact="E9",
                quote="Cette rallonge de 32 M€",
                note=f"a top-up of the State's money: it replaces {revised}",
            ),
            Provenance(
                path=paths.field(where, "action"),
                fact="E9",
                quote="le nombre de logements concernés",
                note="the top-up follows the dwellings concerned: the habitat action",
            ),
        ]
    found += [
        Provenance(
            path=paths.field(top_up, "amount"),
            fact="E9",
            quote="24 M€ supplémentaires",
            note="the 100 M€ of E7 and these 24 M€: 124 M€",
        ),
        Provenance(path=paths.field(top_up, "basis"), fact="E9", quote="24 M€"),
        Provenance(
            path=paths.field(top_up, "act"),
            fact="E9",
            quote="24 M€ supplémentaires ont été versés par l'Etat",
            note="the acts that granted them, unnamed: the amendment versements-supplementaires",
        ),
        Provenance(
            path=paths.field(bill, "amount"),
            fact="E9",
            quote="Cette rallonge de 32 M€",
            note="the 100 M€ of E7 and the 32 M€ top-up (the 24 M€ paid and the 8 M€ planned "
            "in the 2025 finance bill): 132 M€",
        ),
        Provenance(path=paths.field(bill, "basis"), fact="E9", quote="8 M€"),
        Provenance(
            path=paths.field(bill, "act"),
            fact="E9",
            quote="projet de loi de finances 2025",
            note="the finance bill, as the amendment plf-2025",
        ),
    ]
    return found


def _joint_commitment() -> list[Provenance]:
    at = paths.item(paths.field(paths.ROOT, "commitments"), 3)
    found = [
        Provenance(
            path=paths.field(at, "funder"),
            fact="E10",
            quote="Maisons & Cités",
            note="the first funder the sentence names",
        ),
        Provenance(path=paths.field(at, "amount"), fact="E10", quote="1 milliard d'euros"),
        # The basis the French reader gives a figure with no qualifier; the figure is
        # rounded, which the docs say.
        Provenance(path=paths.field(at, "basis"), fact="E10", quote="1 milliard d'euros"),
        Provenance(
            path=paths.field(paths.field(at, "period"), "start"),
            fact="E10",
            quote="sur 10 ans",
            note=_AS_E7,
        ),
        Provenance(
            path=paths.field(paths.field(at, "period"), "end"),
            fact="E10",
            quote="sur 10 ans",
            note=_AS_E7,
        ),
        Provenance(
            path=paths.item(paths.field(at, "conventions"), 0),
            fact="E10",
            quote="Il prévoit",
            note=_ONE_CONVENTION,
        ),
    ]
    named = {
        "sia": ("S.I.A", None),
        "caisse-des-depots": ("avec le concours de la caisse des Dépôts", None),
        "region-hdf": ("la Région hauts-de-France", None),
        "cd-nord": ("les Conseiles Départementaux du Nord et du Pas-de-Calais", None),
        "cd-pas-de-calais": ("les Conseiles Départementaux du Nord et du Pas-de-Calais", None),
    }
    agglomerations = (
        "des agglomérations et communautés de communes concernées",
        "the sentence does not name them: the eight EPCI of the engagement (E5)",
    )
    co_funders = [p.id for p in PARTNERS[1:]] + list(LOCAL_AUTHORITIES)
    for index, co_funder in enumerate(co_funders):
        quote, note = named.get(co_funder, agglomerations)
        found.append(
            Provenance(
                path=paths.item(paths.field(at, "co_funders"), index),
                fact="E10",
                quote=quote,
                note=note or "the id of the funder the quote names",
            )
        )
    return found


_E1_TITLE = 'le plan "Engagement pour le renouveau du bassin minier"'
_E3_SIGNING = (
    "le Premier ministre de l'ancien gouvernement était à Oignies pour signé l'acte "
    "d'engagement pour le Renouveau du Bassin Minier"
)
_NOT_MAY = (
    "E1 and E3, two independent sources, give the day and the place; E12, a "
    "parliamentary question, gives only a month, and one that neither agrees with"
)


def _convention_values() -> list[Provenance]:
    return [
        Provenance(
            path=paths.field(_C, "title"),
            fact="E1",
            quote="Engagement pour le renouveau du bassin minier",
        ),
        Provenance(
            path=paths.field(_C, "kind"),
            fact="E1",
            quote=_E1_TITLE,
            note="a plan of its own: none of the library's kinds of convention fits",
        ),
        Provenance(
            path=paths.field(paths.field(_C, "territory"), "code"),
            fact="E1",
            quote="bassin minier",
            note="an area has no official code: the slug of the built-in dataset's mining "
            "basin, the same area",
        ),
        Provenance(
            path=paths.field(paths.field(_C, "territory"), "name"),
            fact="E1",
            quote="bassin minier",
        ),
        Provenance(
            path=paths.field(paths.field(_C, "territory"), "kind"),
            fact="E1",
            quote="bassin minier",
            note="an area: the basin has no code of its own in the INSEE COG",
        ),
        Provenance(
            path=paths.item(paths.field(paths.field(_C, "territory"), "within"), 0),
            fact="E8",
            quote="cités minières du Nord et du Pas-de-Calais",
            note="the code of the Nord in the INSEE COG (cog-departments)",
        ),
        Provenance(
            path=paths.item(paths.field(paths.field(_C, "territory"), "within"), 1),
            fact="E8",
            quote="cités minières du Nord et du Pas-de-Calais",
            note="the code of the Pas-de-Calais in the INSEE COG (cog-departments)",
        ),
        *_parties(),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "signatories"), 0), "name"),
            fact="E1",
            quote="Bernard Cazeneuve",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "signatories"), 0), "role"),
            fact="E3",
            quote="Premier ministre",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "signatories"), 0), "party"),
            fact="E3",
            quote=_E3_SIGNING,
            note="the Prime Minister signs for the State",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "signatories"), 1), "name"),
            fact="E3",
            quote="Frédéric Delannoy",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "signatories"), 1), "role"),
            fact="E3",
            quote="accompagné de 11 présidents de collectivités et intercommunalités, dont "
            "Frédéric Delannoy",
            note="one of the eleven presidents: « président »",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "signatories"), 1), "party"),
            fact="E2",
            quote="8 intercommunalités dont la Communauté de Communes Cœur d'Ostrevent",
            note="E2 and E3 are the community's own page: the president it names is its own",
        ),
        *(
            Provenance(
                path=paths.field(paths.item(paths.field(_C, "priorities"), index), "label"),
                fact="E4",
                quote=axis.label,
            )
            for index, axis in enumerate(AXES)
        ),
        Provenance(
            path=paths.field(paths.field(_C, "period"), "start"),
            fact="E2",
            quote="engagés sur 10 ans",
            note=_TO_TEN_YEARS,
        ),
        Provenance(
            path=paths.field(paths.field(_C, "period"), "end"),
            fact="E2",
            quote="engagés sur 10 ans",
            note=_TO_TEN_YEARS,
        ),
        Provenance(path=paths.field(_C, "signed_on"), fact="E1", quote="7 mars 2017"),
        Provenance(path=paths.field(_C, "signed_on"), fact="E3", quote="Le 7 mars 2017"),
        Provenance(
            path=paths.field(_C, "signed_on"),
            fact="E12",
            quote="En mai 2017",
            note=_NOT_MAY,
            kept=False,
        ),
        Provenance(path=paths.field(_C, "signed_at"), fact="E1", quote="Oignies"),
        Provenance(path=paths.field(_C, "signed_at"), fact="E3", quote="Oignies"),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "amendments"), 0), "note"),
            fact="E9",
            quote="24 M€ supplémentaires ont été versés par l'Etat",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "amendments"), 1), "title"),
            fact="E9",
            quote="projet de loi de finances 2025",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "amendments"), 1), "note"),
            fact="E9",
            quote="8 M€ prévus dans le projet de loi de finances 2025",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "actions"), 0), "label"),
            fact="E6",
            quote="Habitat/Cités minières",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(_C, "actions"), 0), "description"),
            fact="E6",
            quote="éradiquer en 10 ans les logements miniers énergivores (correspondant à une "
            "étiquette énergétique de niveau E, F et G)",
        ),
        *_indicator(),
    ]


def _indicator() -> list[Provenance]:
    at = paths.item(paths.field(_C, "indicators"), 0)
    return [
        Provenance(
            path=paths.field(at, "label"), fact="E6", quote="logements miniers énergivores"
        ),
        Provenance(path=paths.field(at, "unit"), fact="E6", quote="logements"),
        Provenance(
            path=paths.field(at, "action"),
            fact="E6",
            quote="L'axe Habitat/Cités minières du programme ERBM vise à éradiquer en 10 ans "
            "les logements miniers énergivores",
            note="the dwellings the habitat action is to rid of their energy-hungry labels",
        ),
        Provenance(
            path=paths.field(paths.field(at, "baseline"), "year"),
            fact="E6",
            quote="estimés en 2017",
        ),
        Provenance(
            path=paths.field(paths.field(at, "baseline"), "value"),
            fact="E6",
            quote="23 000 logements",
        ),
        Provenance(
            path=paths.field(paths.field(at, "baseline"), "value"),
            fact="E9",
            quote="de 23 000 à 30 000",
            note="the count before the 2021 law: 23 000",
        ),
        Provenance(
            path=paths.field(paths.field(at, "baseline"), "value"),
            fact="E10",
            quote="12 000 logements",
            note="E6, a State page that dates its estimate and says what it counts, and E9 "
            "give 23 000; E10, a personal page, alone gives 12 000 and does not say what "
            "it counts",
            kept=False,
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(at, "targets"), 0), "year"),
            fact="E6",
            quote="en 10 ans",
            note="the end of the ten years, 2027 (the tenth year from 2018, as in E7)",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(at, "targets"), 0), "value"),
            fact="E6",
            quote="éradiquer en 10 ans les logements miniers énergivores",
            note="eradicated: none left, 0",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(at, "results"), 0), "year"),
            fact="E9",
            quote="la loi Climat et résilience de 2021",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(at, "results"), 0), "value"),
            fact="E9",
            quote="à 30 000",
            note=None,
        ),
    ]


def _programme_values() -> list[Provenance]:
    match = paths.item(paths.field(paths.ROOT, "matches"), 0)
    # Each partner's quote, then how its name and its kind are read from it.
    landlord = "one of the social landlords (« bailleurs sociaux »), its legal form not given"
    partners = [
        ("Maisons & Cités", None, landlord),
        ("S.I.A", None, landlord),
        (
            "caisse des Dépôts",
            "« Caisse des dépôts », capitalised as the institution names itself",
            "a public financial institution",
        ),
    ]
    found = [
        Provenance(
            path=paths.field(paths.ROOT, "name"),
            fact="E1",
            quote="Engagement pour le renouveau du bassin minier",
        ),
        Provenance(
            path=paths.field(paths.field(paths.ROOT, "period"), "start"),
            fact="E2",
            quote="engagés sur 10 ans",
            note=_TO_TEN_YEARS,
        ),
        Provenance(
            path=paths.field(paths.field(paths.ROOT, "period"), "end"),
            fact="E2",
            quote="engagés sur 10 ans",
            note=_TO_TEN_YEARS,
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(paths.ROOT, "milestones"), 0), "on"),
            fact="E1",
            quote="7 mars 2017",
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(paths.ROOT, "milestones"), 0), "on"),
            fact="E12",
            quote="En mai 2017",
            note=_NOT_MAY,
            kept=False,
        ),
        Provenance(
            path=paths.field(paths.item(paths.field(paths.ROOT, "milestones"), 0), "label"),
            fact="E1",
            quote="a signé le 7 mars 2017, à Oignies dans le Pas-de-Calais le plan",
            note="the signature, in the library's words",
        ),
        Provenance(
            path=paths.field(match, "commitment"),
            fact="E8",
            quote="Le Gouvernement s'est engagé en 2017 à cofinancer",
            note="the State's commitment of 2017",
        ),
        *(
            Provenance(
                path=paths.item(paths.field(match, "by"), index),
                fact="E8",
                quote="à égalité aux côtés des collectivités locales",
                note="the local authorities party to the engagement: all but the State (E2)",
            )
            for index in range(len(LOCAL_AUTHORITIES))
        ),
        Provenance(
            path=paths.field(match, "ratio"),
            fact="E8",
            quote="à égalité",
            note="equal shares: ratio 1",
        ),
        Provenance(
            path=paths.field(match, "basis"),
            fact="E8",
            quote="à égalité",
            note="equal: exactly, not at least",
        ),
    ]
    for index, (quote, name_note, kind_note) in enumerate(partners):
        found += [
            Provenance(
                path=paths.field(paths.item(paths.field(paths.ROOT, "partners"), index), "name"),
                fact="E10",
                quote=quote,
                note=name_note,
            ),
            Provenance(
                path=paths.field(paths.item(paths.field(paths.ROOT, "partners"), index), "kind"),
                fact="E10",
                quote=quote,
                note=kind_note,
            ),
        ]
    return found


#: Every value of `renouveau_bassin_minier_2017` (but ids, which are chosen), with the fact
#: it comes from; facts that give another value are listed with ``kept=False``.
PROVENANCE: tuple[Provenance, ...] = (
    *_programme_values(),
    *_convention_values(),
    *_state_commitments(),
    *_joint_commitment(),
)

#: The facts of the engagement that give nothing the programme holds, and why.
UNUSED: dict[str, str] = {
    "E11": "the budget programme the State's money comes from (programme 135 of the "
    "mission Cohésion des territoires): a commitment has no field for a budget line",
    "E13": "the basin's 250 communes and 1.2 million inhabitants: a territory holds no "
    "count of communes or inhabitants",
}
