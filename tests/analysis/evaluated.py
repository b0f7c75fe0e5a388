"""A small programme with what an evaluator records: a matching rule, actions, indicators
and the payments of a spending report. Shared by the evaluation, frame and chart tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import assume
from hypothesis import strategies as st

import bassin_minier as bm
from tests import builders

NORD_ONLY = ("nord",)
CAISSE = bm.Party(id="caisse-des-depots", name="Caisse des dépôts", kind="public_body")


def commitment(**changes: Any) -> bm.FundingCommitment:
    defaults: dict[str, Any] = {
        "basis": "exactly",
        "conventions": NORD_ONLY,
        "period": bm.Period.from_years(2019, 2020),
    }
    return bm.FundingCommitment(**{**defaults, **changes})


def evaluated(**changes: Any) -> bm.Programme:
    """The State pays 1 M€ through the Nord convention; the département matches half of it.

    - ``etat``: 400 000 € in 2019 and 600 000 € in 2020, paid 400 000 € and then
      350 000 € + 300 000 € (50 000 € more than committed in 2020);
    - ``cd-nord``: 300 000 € over both years, of which ``cd-nord-2019`` (100 000 € in
      2019, 80 000 € paid) is a part;
    - ``conjoint``: 250 000 € in 2020 from the département and the Caisse des dépôts
      jointly, nothing reported paid.
    """
    convention = builders.convention(
        actions=[
            bm.Action(id="jeunes-ase", label="Accompagner les jeunes sortant de l'ASE"),
        ],
        indicators=[
            bm.Indicator(
                id="jeunes-accompagnes",
                label="Jeunes sortant de l'ASE accompagnés",
                unit="jeunes",
                action="jeunes-ase",
                baseline=bm.Measure(year=2018, value=100),
                targets=[bm.Measure(year=2019, value=150), bm.Measure(year=2020, value=200)],
                results=[bm.Measure(year=2019, value=Decimal("120.5"))],
            )
        ],
    )
    defaults: dict[str, Any] = {
        "conventions": [convention],
        "partners": [CAISSE],
        "commitments": [
            commitment(
                id="etat",
                funder="etat",
                amount=1_000_000,
                tranches=[
                    bm.Tranche(year=2019, amount=400_000, convention="nord"),
                    bm.Tranche(year=2020, amount=600_000, convention="nord"),
                ],
            ),
            commitment(id="cd-nord", funder="cd-nord", amount=300_000),
            commitment(
                id="cd-nord-2019",
                funder="cd-nord",
                amount=100_000,
                period=bm.Period.from_years(2019),
            ),
            commitment(
                id="conjoint",
                funder="cd-nord",
                co_funders=["caisse-des-depots"],
                amount=250_000,
                period=bm.Period.from_years(2020),
            ),
        ],
        "matches": [
            bm.Match(
                id="cofinancement",
                commitment="etat",
                by=["cd-nord"],
                ratio=Decimal("0.5"),
                basis="at_least",
            ),
        ],
        "payments": [
            bm.Payment(commitment="etat", year=2019, amount=400_000, paid_on=dt.date(2019, 12, 2)),
            bm.Payment(commitment="etat", year=2020, amount=350_000),
            bm.Payment(commitment="etat", year=2020, amount=300_000, convention="nord"),
            bm.Payment(commitment="cd-nord-2019", year=2019, amount=80_000),
        ],
    }
    return builders.programme(**{**defaults, **changes})


# -- programmes drawn at random, with payments, matches and joint commitments ------------

_AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)
PARTNER = bm.Party(id="partenaire-commun", name="Partenaire commun", kind="other")


@st.composite
def with_payments(draw: st.DrawFn, programme: bm.Programme) -> bm.Programme:
    """*programme* with payments under any of its commitments, in any of their years."""
    payments = []
    for commitment in programme.commitments:
        for _ in range(draw(st.integers(0, 3))):
            year = draw(st.sampled_from(commitment.period.years))
            convention = draw(st.sampled_from((None, *commitment.conventions)))
            amount = draw(_AMOUNTS)
            payments.append(
                bm.Payment(
                    commitment=commitment.id, year=year, amount=amount, convention=convention
                )
            )
    # Identical payments are a repeated line, which the model refuses: keep one of each.
    unique = list(dict.fromkeys(payments))
    return attrs.evolve(programme, payments=draw(st.permutations(unique)))


@st.composite
def with_joint_commitments(draw: st.DrawFn, programme: bm.Programme) -> bm.Programme:
    """*programme* with a partner who co-funds some of its commitments."""
    assume(PARTNER.id not in {p.id for p in (*programme.parties, *programme.partners)})
    joint = draw(st.sets(st.sampled_from([c.id for c in programme.commitments]), min_size=1))
    commitments = [
        attrs.evolve(c, co_funders=[PARTNER.id]) if c.id in joint else c
        for c in programme.commitments
    ]
    # The partners drawn with the programme stay: its commitments may name them.
    partners = [*programme.partners, PARTNER]
    return attrs.evolve(programme, partners=partners, commitments=commitments)


@st.composite
def with_matches(draw: st.DrawFn, programme: bm.Programme) -> bm.Programme:
    """*programme* with matches of its commitments by some of its parties and partners."""
    parties = sorted({p.id for p in (*programme.parties, *programme.partners)})
    assume(parties)
    matches = [
        bm.Match(
            id=f"match-{index}",
            commitment=draw(st.sampled_from([c.id for c in programme.commitments])),
            by=sorted(draw(st.sets(st.sampled_from(parties), min_size=1))),
            ratio=draw(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("3"), places=4)),
            basis=draw(st.sampled_from(list(bm.Basis))),
        )
        for index in range(draw(st.integers(1, 4)))
    ]
    return attrs.evolve(programme, matches=matches)


@st.composite
def with_pledges(draw: st.DrawFn, programme: bm.Programme) -> bm.Programme:
    """*programme* with a partner's commitments around one of its commitments, matched.

    The partner (alone, or jointly with the matched commitment's funder) commits over
    some of the matched commitment's conventions and within its period, or partly beyond
    it, some of these commitments within others: the cases a match's pledges are made of.
    """
    assume(PARTNER.id not in {p.id for p in (*programme.parties, *programme.partners)})
    target = draw(st.sampled_from(programme.commitments))
    inside = st.dates(min_value=target.period.start, max_value=target.period.end)
    anywhere = st.dates(min_value=programme.period.start, max_value=programme.period.end)
    # The matched commitment's funder joins in when it is a party, as a match names one.
    known = target.funder in {p.id for p in programme.parties}
    pledges = []
    for index in range(draw(st.integers(1, 5))):
        first, last = sorted((draw(inside | anywhere), draw(inside)))
        period = draw(st.just(target.period) | st.just(bm.Period(start=first, end=last)))
        conventions = draw(
            st.sets(st.sampled_from(target.conventions)) if target.conventions else st.just(set())
        )
        joint = known and draw(st.booleans())
        pledges.append(
            bm.FundingCommitment(
                id=f"engagement-partenaire-{index}",
                funder=PARTNER.id,
                co_funders=[target.funder] if joint else [],
                amount=draw(_AMOUNTS),
                basis=draw(st.sampled_from(list(bm.Basis))),
                period=period,
                conventions=sorted(conventions),
            )
        )
    together = [sorted({PARTNER.id, target.funder})] if known else []
    by = draw(st.sampled_from([[PARTNER.id], *together]))
    matches = [
        bm.Match(
            id="contrepartie",
            commitment=target.id,
            by=by,
            ratio=draw(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("3"), places=4)),
            basis=draw(st.sampled_from(list(bm.Basis))),
        )
    ]
    return attrs.evolve(
        programme,
        partners=[*programme.partners, PARTNER],
        commitments=[*programme.commitments, *pledges],
        matches=matches,
    )
