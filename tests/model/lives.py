"""Programmes with a life: amendments on known and unknown days, acts, revisions, matches
and payments.

A small strategy for the properties of `Programme.as_of`, `Programme.history`, `diff` and
the totals: the Nord and Pas-de-Calais conventions of the builders, each with a few
amendments (some extending the period), and commitments of the State and of the Nord
council, some made by an amendment, some revising an earlier one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

import bassin_minier as bm
from tests import builders

__all__ = ["FAR", "lives", "revisable"]

FIRST_YEAR, LAST_YEAR = 2019, 2024
#: A day after every signature a drawn programme holds.
FAR = dt.date(2100, 1, 1)
CONVENTIONS = ("nord", "pas-de-calais")


@st.composite
def _amendments(draw: st.DrawFn, convention: str, *, dated_last: bool) -> tuple[bm.Amendment, ...]:
    count = draw(st.integers(0, 3))
    known = sorted(
        draw(
            st.lists(
                st.dates(dt.date(2019, 1, 1), dt.date(2022, 12, 31)),
                min_size=count,
                max_size=count,
            )
        )
    )
    amendments = []
    for index, day in enumerate(known):
        unknown = draw(st.booleans()) and not (dated_last and index == count - 1)
        end_year = draw(st.integers(max(day.year, 2021), LAST_YEAR))
        extends = draw(st.booleans())
        amendments.append(
            bm.Amendment(
                id=f"{convention}-avenant-{index + 1}",
                signed_on=None if unknown else day,
                period=bm.Period(start=dt.date(2019, 1, 1), end=dt.date(end_year, 12, 31))
                if extends
                else None,
                note=draw(st.sampled_from([None, "Avenant financier", "Prolongation"])),
            )
        )
    return tuple(amendments)


@st.composite
def _commitments(
    draw: st.DrawFn, acts: dict[str, tuple[str, ...]]
) -> tuple[bm.FundingCommitment, ...]:
    commitments: list[bm.FundingCommitment] = []
    for index in range(draw(st.integers(0, 6))):
        conventions = draw(
            st.sampled_from([("nord",), ("pas-de-calais",), ("nord", "pas-de-calais")])
        )
        funder = "etat"
        if conventions == ("nord",) and draw(st.booleans()):
            funder = "cd-nord"
        first = draw(st.integers(FIRST_YEAR, LAST_YEAR))
        last = draw(st.integers(first, min(first + 2, LAST_YEAR)))
        cents = draw(st.integers(1, 10**9))
        amount = Decimal(cents).scaleb(-2)
        changes: dict[str, Any] = {
            "id": f"c{index}",
            "funder": funder,
            "amount": amount,
            "basis": draw(st.sampled_from(list(bm.Basis))),
            "period": bm.Period.from_years(first, last),
            "conventions": conventions,
            "priority": None,
        }
        if draw(st.booleans()):
            # A full breakdown, exactly the amount, all in the first year.
            changes["basis"] = bm.Basis.EXACTLY
            changes["tranches"] = (
                bm.Tranche(year=first, amount=amount, convention=conventions[0]),
            )
        possible_acts = [a for c in conventions for a in acts[c]]
        if possible_acts and draw(st.booleans()):
            changes["act"] = draw(st.sampled_from(possible_acts))
        earlier = [c.id for c in commitments if c.funder == funder]
        if earlier and draw(st.booleans()):
            changes["revises"] = draw(st.sampled_from(earlier))
        commitments.append(builders.commitment(**changes))
    return tuple(commitments)


@st.composite
def lives(draw: st.DrawFn, *, dated_last: bool = False) -> bm.Programme:
    """A valid programme with amendments, acts and revisions.

    With *dated_last*, the last amendment of each convention has a known day: on a day
    after every signature, every amendment stands.
    """
    nord = builders.convention(amendments=draw(_amendments("nord", dated_last=dated_last)))
    pas_de_calais = builders.other_convention(
        amendments=draw(_amendments("pas-de-calais", dated_last=dated_last))
    )
    acts = {c.id: tuple(a.id for a in c.amendments) for c in (nord, pas_de_calais)}
    commitments = draw(_commitments(acts))
    return builders.programme(
        period=bm.Period.from_years(FIRST_YEAR, LAST_YEAR),
        conventions=(nord, pas_de_calais),
        commitments=commitments,
        matches=draw(_matches(commitments)),
        payments=draw(_payments(commitments)),
    )


@st.composite
def _matches(
    draw: st.DrawFn, commitments: tuple[bm.FundingCommitment, ...]
) -> tuple[bm.Match, ...]:
    """Matching rules on some of the commitments, revised or not, met by the Nord council."""
    if not commitments:
        return ()
    chosen = draw(st.lists(st.sampled_from(commitments), max_size=2))
    return tuple(
        bm.Match(
            id=f"m{index}",
            commitment=commitment.id,
            by=("cd-nord",),
            ratio=Decimal("0.5"),
            basis=bm.Basis.AT_LEAST,
        )
        for index, commitment in enumerate(chosen)
    )


@st.composite
def _payments(
    draw: st.DrawFn, commitments: tuple[bm.FundingCommitment, ...]
) -> tuple[bm.Payment, ...]:
    """Payments under some of the commitments, in one of their years, some on a known day."""
    payments: list[bm.Payment] = []
    for commitment in (
        draw(st.lists(st.sampled_from(commitments), max_size=4)) if commitments else ()
    ):
        year = draw(st.integers(commitment.period.start.year, commitment.period.end.year))
        payment = bm.Payment(
            commitment=commitment.id,
            year=year,
            amount=Decimal(draw(st.integers(1, 10**9))).scaleb(-2),
            convention=draw(st.sampled_from([None, *commitment.conventions])),
            paid_on=draw(st.none() | st.dates(dt.date(year, 1, 1), dt.date(year + 1, 6, 30))),
        )
        if payment not in payments:
            payments.append(payment)
    return tuple(payments)


def revisable(programme: bm.Programme) -> list[bm.FundingCommitment]:
    """The commitments of *programme* that no other revises."""
    revised = {c.revises for c in programme.commitments}
    return [c for c in programme.commitments if c.id not in revised]


def days() -> st.SearchStrategy[dt.date]:
    """Any day from before the first signature to after the last."""
    return st.dates(dt.date(2018, 1, 1), dt.date(2025, 12, 31))
