"""Programmes with shared money and evaluation (partners, joint commitments, actions,
indicators, matches, payments) for the export and display tests.

`funded_programme` holds each feature at once, with values the tests can name;
`funded_programmes` draws such programmes at random, around the two departmental
conventions of the builders, with exact values of every shape the rules allow.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import strategies as st

import bassin_minier as bm
from tests import builders

_CDC = bm.Party(id="caisse-des-depots", name="Caisse des dépôts", kind=bm.PartyKind.PUBLIC_BODY)


def funded_programme() -> bm.Programme:
    """The two departmental conventions, the Nord one with two actions and an indicator; a
    joint commitment of both councils, matched by the State; payments of two years."""
    nord = builders.convention(
        actions=(
            bm.Action(
                id="referents",
                label="=Référents de parcours",
                priority="prevention",
                lead="cd-nord",
                description="Un référent <b>pour chaque</b> allocataire & sa famille",
            ),
            bm.Action(id="premier-accueil", label="Premier accueil social"),
        ),
        indicators=(
            bm.Indicator(
                id="jeunes-ase",
                label="Jeunes sortant de l'ASE accompagnés",
                unit="jeunes",
                action="referents",
                baseline=bm.Measure(year=2018, value=Decimal("-3")),
                targets=(
                    bm.Measure(year=2019, value=Decimal("0.5")),
                    bm.Measure(year=2020, value=150),
                ),
                results=(bm.Measure(year=2019, value=Decimal("0.25")),),
            ),
            bm.Indicator(id="taux", label="Taux de contractualisation", unit="%"),
        ),
    )
    joint = builders.commitment(
        id="departements",
        funder="cd-nord",
        co_funders=("cd-pas-de-calais", "caisse-des-depots"),
        amount=Decimal("600000.00"),
        basis=bm.Basis.EXACTLY,
        conventions=("nord",),
        action="referents",
    )
    # The Pas-de-Calais council funds the Nord convention here: it must be a party to it.
    nord = attrs.evolve(nord, parties=(*nord.parties, *builders.other_convention().parties[1:]))
    return builders.programme(
        conventions=(nord, builders.other_convention()),
        commitments=(builders.commitment(), joint),
        partners=(_CDC,),
        matches=(
            bm.Match(
                id="cofinancement",
                commitment="etat-2019-2021",
                by=("cd-nord", "cd-pas-de-calais"),
                ratio=Decimal("0.5"),
                basis=bm.Basis.AT_LEAST,
            ),
        ),
        payments=(
            bm.Payment(
                commitment="etat-2019-2021",
                year=2019,
                amount=Decimal("4000000"),
                convention="nord",
                paid_on=dt.date(2019, 11, 4),
            ),
            bm.Payment(commitment="etat-2019-2021", year=2020, amount=Decimal("1.5")),
            bm.Payment(commitment="departements", year=2020, amount=Decimal("200000.00")),
        ),
    )


# -- random ones --------------------------------------------------------------------------------

_YEARS = st.integers(2019, 2021)
_SLUGS = st.from_regex(r"\A[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?\Z")
# Texts that start like formulas, hold markup, quotes and commas.
_TEXTS = st.text(alphabet=st.sampled_from("aé œ=+-@'\"<>&,;1"), min_size=1, max_size=12).filter(
    lambda t: t == t.strip()
)


@st.composite
def _decimal(draw: st.DrawFn, places: int, limit: int, low: int) -> Decimal:
    """An exact decimal of at most *places* places, at least *low* units of its last place
    and below *limit*: -3, 0.5, 0, 999999999999999.999999."""
    shown = draw(st.integers(0, places))
    units = draw(st.integers(max(low, -(limit * 10**shown) + 1), limit * 10**shown - 1))
    return Decimal(units).scaleb(-shown)


def _plain(value: Decimal) -> Decimal:
    # As the model holds it: 2.3E+4 as 23000.
    return bm.Measure(year=2019, value=value).value


_NUMBERS = _decimal(6, 10**15, -(10**21)).map(_plain)
_RATIOS = _decimal(4, 1000, 1).map(
    lambda r: bm.Match(id="m", commitment="c", by=("p",), ratio=r, basis=bm.Basis.EXACTLY).ratio
)


@st.composite
def _indicator(draw: st.DrawFn, ident: str, actions: tuple[str, ...]) -> bm.Indicator:
    def measures() -> tuple[bm.Measure, ...]:
        years = draw(st.lists(_YEARS, unique=True, max_size=3))
        return tuple(bm.Measure(year=y, value=draw(_NUMBERS)) for y in years)

    baseline = draw(st.none() | st.builds(bm.Measure, year=st.just(2018), value=_NUMBERS))
    return bm.Indicator(
        id=ident,
        label=draw(_TEXTS),
        unit=draw(_TEXTS),
        action=draw(st.none() | st.sampled_from(actions)) if actions else None,
        baseline=baseline,
        targets=measures(),
        results=measures(),
    )


@st.composite
def funded_programmes(draw: st.DrawFn) -> bm.Programme:
    """A programme of the builders with random partners, actions, indicators, joint
    commitments, matches and payments, each valid and every value exact."""
    action_ids = tuple(draw(st.lists(_SLUGS, unique=True, max_size=3)))
    actions = tuple(
        bm.Action(
            id=ident,
            label=draw(_TEXTS),
            priority=draw(st.sampled_from([None, "prevention"])),
            lead=draw(st.sampled_from([None, "etat", "cd-nord"])),
            description=draw(st.none() | _TEXTS),
        )
        for ident in action_ids
    )
    indicator_ids = draw(st.lists(_SLUGS, unique=True, max_size=2))
    indicators = tuple(draw(_indicator(i, action_ids)) for i in indicator_ids)
    nord = builders.convention(actions=actions, indicators=indicators)
    partners = (_CDC,) if draw(st.booleans()) else ()
    co_funders = draw(
        st.lists(st.sampled_from(["cd-nord", *(p.id for p in partners)]), unique=True, max_size=2)
    )
    commitment = builders.commitment(
        co_funders=tuple(co_funders),
        action=draw(st.sampled_from([None, *action_ids])) if actions else None,
        conventions=("nord",),
    )
    parties = ["etat", "cd-nord", "cd-pas-de-calais", *(p.id for p in partners)]
    matches = tuple(
        bm.Match(
            id=f"match-{index}",
            commitment=commitment.id,
            by=tuple(draw(st.lists(st.sampled_from(parties), unique=True, min_size=1))),
            ratio=draw(_RATIOS),
            basis=draw(st.sampled_from(bm.Basis)),
        )
        for index in range(draw(st.integers(0, 2)))
    )
    payments = tuple(
        draw(
            st.lists(
                st.builds(
                    bm.Payment,
                    commitment=st.just(commitment.id),
                    year=_YEARS,
                    amount=st.integers(1, 10**12).map(lambda c: Decimal(c).scaleb(-2)),
                    convention=st.sampled_from([None, "nord"]),
                    paid_on=st.none() | st.dates(dt.date(2019, 1, 1), dt.date(2022, 6, 30)),
                ),
                max_size=3,
                unique=True,
            )
        )
    )
    return builders.programme(
        conventions=(nord, builders.other_convention()),
        commitments=(commitment,),
        partners=partners,
        matches=matches,
        payments=payments,
    )
