"""Strategies for the objects of shared money and evaluation, and programmes holding them.

Actions, measures, indicators, matches and payments, each drawn within its own rules; and
programmes built on the built-in one, with partners, joint commitments, actions,
indicators, matches and payments that fit together, so that the programme rules hold.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier.testing import amounts, dates, slugs, texts

YEARS = st.integers(1, 9999)


def _scaled(places: int, bound: int) -> st.SearchStrategy[Decimal]:
    """Decimals with exactly *places* decimals, strictly between -*bound* and *bound*."""
    limit = bound * 10**places - 1
    return st.integers(-limit, limit).map(lambda n: Decimal(n).scaleb(-places))


#: Measured values: zero, negative, up to 15 digits and 6 decimals, trailing zeros kept.
VALUES = st.one_of(
    st.integers(0, 6).flatmap(lambda places: _scaled(places, 10**15)),
    st.sampled_from([Decimal(0), Decimal("-0"), Decimal("0.000000"), Decimal("23000")]),
)
#: Ratios: positive, below 1000, up to 4 decimals.
RATIOS = st.integers(0, 4).flatmap(
    lambda places: st.integers(1, 1000 * 10**places - 1).map(lambda n: Decimal(n).scaleb(-places))
)

measures = st.builds(bm.Measure, year=YEARS, value=VALUES)


def _by_year(items: st.SearchStrategy[bm.Measure]) -> st.SearchStrategy[list[bm.Measure]]:
    return st.lists(items, max_size=4, unique_by=lambda m: m.year)


actions = st.builds(
    bm.Action,
    id=slugs(),
    label=texts(),
    priority=st.none() | slugs(),
    lead=st.none() | slugs(),
    description=st.none() | texts(),
)
indicators = st.builds(
    bm.Indicator,
    id=slugs(),
    label=texts(),
    unit=texts(),
    action=st.none() | slugs(),
    baseline=st.none() | measures,
    targets=_by_year(measures),
    results=_by_year(measures),
)
matches = st.builds(
    bm.Match,
    id=slugs(),
    commitment=slugs(),
    by=st.lists(slugs(), min_size=1, max_size=3, unique=True),
    ratio=RATIOS,
    basis=st.sampled_from(bm.Basis),
)
payments = st.builds(
    bm.Payment,
    commitment=slugs(),
    year=YEARS,
    amount=amounts(),
    convention=st.none() | slugs(),
    paid_on=st.none() | dates(),
)

PARTNER_IDS = ["caisse-des-depots", "maisons-et-cites", "sia-habitat"]
_YEARS = (2019, 2020, 2021)


@st.composite
def money_programmes(draw: st.DrawFn) -> bm.Programme:
    """The built-in programme with shared money and evaluation drawn into it.

    Actions and indicators go to the bassin minier convention; partners join; the
    Département du Nord may commit jointly with partners or the Pas-de-Calais to one of
    the actions; matches name the commitments and their parties; payments fall in the
    years and conventions of the commitments they are made under.
    """
    programme = bm.datasets.bassin_minier_2019()
    nord, pas_de_calais, basin = programme.conventions
    state = programme.commitments[0]
    partner_ids = draw(st.lists(st.sampled_from(PARTNER_IDS), unique=True, max_size=3))
    partners = [
        bm.Party(id=pid, name=draw(texts()), kind=draw(st.sampled_from(bm.PartyKind)))
        for pid in partner_ids
    ]
    action_list = draw(
        st.lists(
            st.builds(
                bm.Action,
                id=slugs(),
                label=texts(),
                priority=st.none() | st.sampled_from([p.id for p in basin.priorities]),
                lead=st.none() | st.sampled_from([p.id for p in basin.parties]),
                description=st.none() | texts(),
            ),
            max_size=3,
            unique_by=lambda a: a.id,
        )
    )
    action_ids = [a.id for a in action_list]
    indicator_actions = st.none() | st.sampled_from(action_ids) if action_ids else st.none()
    indicator_list = draw(
        st.lists(
            st.builds(
                bm.Indicator,
                id=slugs(),
                label=texts(),
                unit=texts(),
                action=indicator_actions,
                baseline=st.none() | measures,
                targets=_by_year(measures),
                results=_by_year(measures),
            ),
            max_size=3,
            unique_by=lambda i: i.id,
        )
    )
    basin = attrs.evolve(basin, actions=action_list, indicators=indicator_list)
    commitments = [state]
    if draw(st.booleans()):
        co_funders = draw(
            st.lists(st.sampled_from(["cd-pas-de-calais", *partner_ids]), unique=True, max_size=3)
        )
        commitments.append(
            bm.FundingCommitment(
                id="cd-nord-joint",
                funder="cd-nord",
                co_funders=co_funders,
                amount=draw(amounts()),
                basis=draw(st.sampled_from(bm.Basis)),
                period=bm.Period.from_years(2020, 2021),
                conventions=[basin.id],
                action=draw(st.none() | st.sampled_from(action_ids)) if action_ids else None,
            )
        )
    commitment_ids = [c.id for c in commitments]
    party_ids = ["etat", "cd-nord", "cd-pas-de-calais", *partner_ids]
    match_list = draw(
        st.lists(
            st.builds(
                bm.Match,
                id=slugs(),
                commitment=st.sampled_from(commitment_ids),
                by=st.lists(st.sampled_from(party_ids), min_size=1, max_size=3, unique=True),
                ratio=RATIOS,
                basis=st.sampled_from(bm.Basis),
            ),
            max_size=2,
            unique_by=lambda m: m.id,
        )
    )
    payment_list = draw(st.lists(_payment(commitments), max_size=4, unique=True).map(tuple))
    return attrs.evolve(
        programme,
        conventions=(nord, pas_de_calais, basin),
        commitments=commitments,
        partners=partners,
        matches=match_list,
        payments=payment_list,
    )


@st.composite
def _payment(draw: st.DrawFn, commitments: list[bm.FundingCommitment]) -> bm.Payment:
    commitment = draw(st.sampled_from(commitments))
    return bm.Payment(
        commitment=commitment.id,
        year=draw(st.sampled_from(commitment.period.years)),
        amount=draw(amounts()),
        convention=draw(st.none() | st.sampled_from(commitment.conventions)),
        paid_on=draw(st.none() | dates(dt.date(2019, 1, 1), dt.date(2022, 12, 31))),
    )


#: A strategy for each class of shared money and evaluation, and for programmes holding them.
MONEY_STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    bm.Action: actions,
    bm.Measure: measures,
    bm.Indicator: indicators,
    bm.Match: matches,
    bm.Payment: payments,
    bm.Programme: money_programmes(),
}
