"""Programmes and conventions with a life: amendments, relations, acts, revisions.

Built on the public strategies, which draw conventions as signed; these add what happens
after the signature so that every export is tested on it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier.testing import conventions, programmes, texts
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


@st.composite
def _amendments(
    draw: st.DrawFn, convention: bm.Convention, latest: dt.date | None, prefix: str
) -> tuple[bm.Amendment, ...]:
    """Amendments of *convention*, in signature order, setting periods that end by *latest*."""
    start = convention.period.start
    first_day = convention.signed_on or start
    count = draw(st.integers(0, 2))
    last_day = dt.date.fromordinal(min(first_day.toordinal() + 400, dt.date.max.toordinal()))
    known = sorted(draw(st.lists(st.dates(first_day, last_day), max_size=count)))
    # The days not known fall anywhere; those known stay in signature order.
    unknown = draw(st.permutations([True] * (count - len(known)) + [False] * len(known)))
    in_order = iter(known)
    days = [None if blank else next(in_order) for blank in unknown]
    amendments = []
    for index, day in enumerate(days):
        period = None
        earliest = max(start, day or start)
        if draw(st.booleans()) and (latest is None or earliest <= latest):
            end = draw(st.dates(earliest, latest or dt.date.max))
            period = bm.Period(start=start, end=end)
        amendments.append(
            bm.Amendment(
                id=f"{prefix}{index}",
                title=draw(st.none() | texts()),
                signed_on=day,
                signatories=draw(st.lists(st.sampled_from(convention.signatories), unique=True))
                if convention.signatories
                else (),
                period=period,
                note=draw(st.none() | texts()),
            )
        )
    return tuple(amendments)


@st.composite
def amended_conventions(draw: st.DrawFn) -> bm.Convention:
    """Conventions of `conventions` with up to two amendments."""
    convention = draw(conventions())
    return attrs.evolve(convention, amendments=draw(_amendments(convention, None, "avenant-")))


@st.composite
def amended_programmes(draw: st.DrawFn, min_conventions: int = 0) -> bm.Programme:
    """Programmes of `programmes` whose conventions are amended and related, and whose
    commitments are made by acts, revise each other and have days to spend their tranches by.
    """
    programme = draw(programmes(min_conventions=min_conventions))
    ids = [c.id for c in programme.conventions]
    amended = []
    for index, convention in enumerate(programme.conventions):
        # The convention's index keeps amendment ids unique in the programme.
        amendments = draw(_amendments(convention, programme.period.end, f"avenant-{index}-"))
        others = [i for i in ids if i != convention.id]
        related = (
            draw(
                st.lists(
                    st.tuples(st.sampled_from(bm.RelationKind), st.sampled_from(others)),
                    max_size=2,
                    unique=True,
                )
            )
            if others
            else []
        )
        relations = tuple(bm.Relation(kind=k, convention=c) for k, c in related)
        amended.append(attrs.evolve(convention, amendments=amendments, related=relations))
    acts = {c.id: [a.id for a in c.amendments] for c in amended}
    commitments: list[bm.FundingCommitment] = []
    for commitment in programme.commitments:
        possible = [a for c in commitment.conventions for a in acts.get(c, ())]
        act = draw(st.none() | st.sampled_from(possible)) if possible else None
        earlier = [c.id for c in commitments if c.funder == commitment.funder]
        revises = draw(st.none() | st.sampled_from(earlier)) if earlier else None
        tranches = tuple(
            attrs.evolve(t, spend_by=draw(st.none() | st.dates(dt.date(t.year, 1, 1))))
            for t in commitment.tranches
        )
        commitments.append(attrs.evolve(commitment, act=act, revises=revises, tranches=tranches))
    return attrs.evolve(programme, conventions=tuple(amended), commitments=tuple(commitments))
