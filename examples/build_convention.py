"""Build a convention in Python, check what is missing, and print it as JSON.

The convention is the « territoire démonstrateur » convention of the Nord – Pas-de-Calais
mining basin, signed in Lille on 10 July 2019. Every object checks itself when it is
built, so reaching the print statements means the convention is valid.

Run: python examples/build_convention.py
"""

from __future__ import annotations

import datetime as dt

import bassin_minier as bm
from bassin_minier import Convention, Participant, Party, Period, Priority, Signatory, Territory


def mining_basin_convention() -> Convention:
    """The convention as the government's news item of 15 July 2019 describes it."""
    etat = Party(id="etat", name="État", kind="state")
    cd_nord = Party(
        id="cd-nord", name="Conseil départemental du Nord", kind="departement", territory="59"
    )
    cd_pas_de_calais = Party(
        id="cd-pas-de-calais",
        name="Conseil départemental du Pas-de-Calais",
        kind="departement",
        territory="62",
    )
    return Convention(
        id="bassin-minier",
        title="territoire démonstrateur de la mise en œuvre du plan pauvreté",
        kind="territoire_demonstrateur",
        territory=Territory(
            code="bassin-minier-nord-pas-de-calais",
            name="bassin minier du Nord - Pas-de-Calais",
            kind="area",
            within=["59", "62"],
        ),
        parties=[etat, cd_nord, cd_pas_de_calais],
        signatories=[
            Signatory(
                name="Michel Lalande",
                role="préfet de la région Hauts-de-France, préfet du Nord",
                party="etat",
            ),
            Signatory(name="Fabien Sudry", role="préfet du Pas-de-Calais", party="etat"),
            Signatory(
                name="Jean-René Lecerf",
                role="président du conseil départemental du Nord",
                party="cd-nord",
            ),
            Signatory(
                name="Nicole Gruson",
                role="vice-présidente du conseil départemental du Pas-de-Calais",
                party="cd-pas-de-calais",
            ),
        ],
        participants=[
            Participant(
                name="Olivier Noblecourt",
                role="délégué interministériel à la prévention et à la lutte contre la pauvreté",
            ),
            Participant(
                name="Alain Neveü",
                role="délégué interministériel pour le renouveau du bassin minier "
                "du Nord et du Pas-de-Calais",
            ),
        ],
        priorities=[
            Priority(id="insertion-emploi", label="l'insertion et l'accès à l'emploi"),
            Priority(
                id="prevention",
                label="la prévention",
                themes=["petite enfance", "santé", "parentalité"],
            ),
        ],
        period=Period.from_years(2019, 2021),
        signed_on=dt.date(2019, 7, 10),
        signed_at="Lille",
        event="2e conférence régionale des acteurs de la lutte contre la pauvreté",
    )


def main() -> None:
    convention = mining_basin_convention()
    years = convention.period.years
    print(f"{convention.title} ({convention.id})")
    print(f"  {years[0]}–{years[-1]}, signed on {convention.signed_on} in {convention.signed_at}")
    for party in convention.parties:
        names = ", ".join(s.name for s in convention.signatories_for(party.id))
        print(f"  {party.name}: {names}")
    print(f"  missing information: {len(bm.gaps(convention))}")
    print(bm.to_json(convention, indent=2))


if __name__ == "__main__":
    main()
