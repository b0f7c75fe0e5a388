"""A programme with a life (amendments, relations, acts, revisions) for the export tests.

The public strategies draw such programmes at random; this one holds each feature at
once, with values the tests can name.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

import bassin_minier as bm
from tests import builders


def amended_programme() -> bm.Programme:
    """The two departmental conventions, the Nord one amended twice and succeeding the other.

    The first amendment extends the Nord convention to 2021 and commits 2020 money, which a
    later commitment revises; the second changes nothing of the period and is barely known.
    """
    avenant = bm.Amendment(
        id="avenant-2020",
        title="Avenant 2020 à la convention d'appui",
        signed_on=dt.date(2020, 7, 3),
        signatories=(builders.prefect(), builders.president()),
        period=bm.Period(start=dt.date(2019, 1, 1), end=dt.date(2021, 6, 30)),
        note="Prolonge la convention <jusqu'en juin 2021> & fixe les crédits 2020",
    )
    nord = builders.convention(
        period=bm.Period.from_years(2019, 2020),
        amendments=(avenant, bm.Amendment(id="avenant-2021")),
        related=(bm.Relation(kind=bm.RelationKind.SUCCEEDS, convention="pas-de-calais"),),
    )
    credits = builders.commitment(
        id="etat-2020",
        amount=Decimal("1000000.00"),
        basis=bm.Basis.EXACTLY,
        period=bm.Period.from_years(2020, 2020),
        conventions=("nord",),
        act="avenant-2020",
        tranches=(
            builders.tranche(
                year=2020, amount=Decimal("1000000.00"), spend_by=dt.date(2021, 6, 30)
            ),
        ),
    )
    cut = attrs.evolve(
        credits,
        id="etat-2020-refaction",
        amount=Decimal("800000.00"),
        revises="etat-2020",
        tranches=(builders.tranche(year=2020, amount=Decimal("800000.00")),),
    )
    return builders.programme(
        conventions=(nord, builders.other_convention()),
        commitments=(builders.commitment(), credits, cut),
    )
