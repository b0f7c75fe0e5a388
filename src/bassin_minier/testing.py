"""Hypothesis strategies for every model class, drawing only valid objects.

The constructors refuse anything invalid, so each strategy builds its data to fit the
rules (a SIREN gets its Luhn digit computed, tranches are cut from the total they must
honour, a programme draws its parties first and shares them between its conventions)
instead of drawing at random and throwing most of it away.

Strategies without parameters are built once, at import: building them anew for every
draw costs more than the drawing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from bassin_minier import (
    Basis,
    Convention,
    ConventionKind,
    FundingCommitment,
    Milestone,
    Participant,
    Party,
    PartyKind,
    Period,
    Priority,
    Programme,
    Signatory,
    Strategy,
    Territory,
    TerritoryKind,
    Tranche,
)

__all__ = [
    "DEPARTEMENT_CODES",
    "MAX_CENTS",
    "MODEL_STRATEGIES",
    "amounts",
    "conventions",
    "dates",
    "funding_commitments",
    "milestones",
    "participants",
    "parties",
    "periods",
    "priorities",
    "programmes",
    "signatories",
    "sirens",
    "slugs",
    "strategies",
    "territories",
    "territory_codes",
    "texts",
    "tranches",
]

# -- identifiers and text ---------------------------------------------------------------------

_SLUGS = st.one_of(
    st.sampled_from(["etat", "nord", "pas-de-calais", "cd-nord", "bassin-minier", "32"]),
    st.lists(
        st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8),
        min_size=1,
        max_size=4,
    ).map("-".join),
)
_MAYBE_SLUG = st.none() | _SLUGS


def slugs() -> st.SearchStrategy[str]:
    """Identifiers: lowercase ASCII words joined by single hyphens (``pas-de-calais``)."""
    return _SLUGS


# Letters and signs of written French, the typographic apostrophe and guillemets included.
_FRENCH_VISIBLE = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ’'«»“”‘-–—.,;:!?()/&%€°"
)
# French typography puts a (narrow) no-break space inside guillemets and before « : ».
_FRENCH_SPACES = " \u00a0\u202f"

# Control characters (Cc), lone surrogates (Cs) and the line and paragraph separators
# (Zl, Zp) are never one-line text. Spaces (Zs) are whitespace to str.strip, so they may
# only stand between other characters.
_EDGE = st.one_of(
    st.sampled_from(_FRENCH_VISIBLE),
    st.characters(exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
)
_INNER = st.one_of(
    st.sampled_from(_FRENCH_VISIBLE + _FRENCH_SPACES),
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")),
)

# Phrases as the source document writes them, so that real shapes come up often.
_FRENCH_PHRASES = (
    "la prévention",
    "l'insertion et l'accès à l'emploi",
    "petite enfance",
    "territoire démonstrateur de la mise en œuvre du plan pauvreté",
    "Convention «\u00a0territoire démonstrateur\u00a0»",
    "Alain Neveü",
    "préfet de la région Hauts-de-France, préfet du Nord",
    "Accompagner les sorties de l’Aide Sociale à l’Enfance (ASE)",
    "2e conférence régionale des acteurs de la lutte contre la pauvreté",
)

_TEXTS = st.one_of(
    st.sampled_from(_FRENCH_PHRASES),
    _EDGE,
    st.builds(
        lambda first, inner, last: first + inner + last,
        _EDGE,
        st.text(_INNER, max_size=30),
        _EDGE,
    ),
)
_MAYBE_TEXT = st.none() | _TEXTS


def texts() -> st.SearchStrategy[str]:
    """Non-empty one-line text: no surrounding whitespace, no control characters."""
    return _TEXTS


# -- dates and periods ------------------------------------------------------------------------

_AROUND_THE_SOURCE = (dt.date(2015, 1, 1), dt.date(2025, 12, 31))


def dates(
    min_value: dt.date = dt.date.min, max_value: dt.date = dt.date.max
) -> st.SearchStrategy[dt.date]:
    """Calendar days, those of the years around the source document drawn more often."""
    low = max(min_value, _AROUND_THE_SOURCE[0])
    high = min(max_value, _AROUND_THE_SOURCE[1])
    anywhere = st.dates(min_value, max_value)
    return st.one_of(st.dates(low, high), anywhere) if low <= high else anywhere


_DATES = dates()
_MAYBE_DATE = st.none() | _DATES


@st.composite
def _period(draw: st.DrawFn, within: Period | None) -> Period:
    low, high = (dt.date.min, dt.date.max) if within is None else (within.start, within.end)
    if draw(st.booleans()):
        first = draw(st.integers(low.year, high.year))
        whole_years = Period.from_years(first, draw(st.integers(first, high.year)))
        if within is None or whole_years in within:
            return whole_years
    start = draw(dates(low, high))
    return Period(start=start, end=draw(dates(start, high)))


_PERIODS = _period(None)


def periods(within: Period | None = None) -> st.SearchStrategy[Period]:
    """Periods (often whole calendar years), lying inside *within* when it is given."""
    return _PERIODS if within is None else _period(within)


# -- territories ------------------------------------------------------------------------------

#: Every département code of the COG: 01–19, 21–95 (Corsica is 2A and 2B), 971–974, 976.
DEPARTEMENT_CODES: tuple[str, ...] = (
    *(f"{n:02d}" for n in range(1, 20)),
    "2A",
    "2B",
    *(f"{n:02d}" for n in range(21, 96)),
    *(str(n) for n in (971, 972, 973, 974, 976)),
)

_DIGIT = st.sampled_from("0123456789")


def _luhn_check_digit(body: str) -> str:
    # The check digit will sit at position 0 from the right, so the body's last digit
    # is at position 1: it and every second digit leftwards are doubled.
    total = 0
    for position, char in enumerate(reversed(body)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


_SIRENS = st.one_of(
    # Real ones: the départements of Nord and Pas-de-Calais, the Métropole européenne de Lille.
    st.sampled_from(["225900018", "226200012", "200093201"]),
    st.text(_DIGIT, min_size=8, max_size=8).map(lambda body: body + _luhn_check_digit(body)),
)


def sirens() -> st.SearchStrategy[str]:
    """Nine-digit SIREN numbers whose last digit is their Luhn check digit."""
    return _SIRENS


_TWO_DIGITS = st.text(_DIGIT, min_size=2, max_size=2)
_CODES: dict[TerritoryKind, st.SearchStrategy[str]] = {
    TerritoryKind.REGION: _TWO_DIGITS,
    TerritoryKind.DEPARTEMENT: st.sampled_from(DEPARTEMENT_CODES),
    # A commune code starts with two characters of its département (2A, 2B in Corsica).
    TerritoryKind.COMMUNE: st.builds(
        str.__add__,
        st.one_of(_TWO_DIGITS, st.sampled_from(["2A", "2B"])),
        st.text(_DIGIT, min_size=3, max_size=3),
    ),
    TerritoryKind.EPCI: _SIRENS,
    TerritoryKind.AREA: _SLUGS,
}
_ANY_CODE = st.one_of(*_CODES.values())
_MAYBE_CODE = st.none() | _ANY_CODE
_SOME_CODES = st.lists(_ANY_CODE, max_size=3, unique=True)


def territory_codes(kind: TerritoryKind) -> st.SearchStrategy[str]:
    """Codes that the COG (or, for an area, the slug rule) allows for *kind*."""
    return _CODES[kind]


@st.composite
def _territory(draw: st.DrawFn, kind: TerritoryKind | None) -> Territory:
    kind = draw(st.sampled_from(TerritoryKind)) if kind is None else kind
    code = draw(_CODES[kind])
    return Territory(
        code=code,
        name=draw(_TEXTS),
        kind=kind,
        within=tuple(c for c in draw(_SOME_CODES) if c != code),
    )


_TERRITORIES = _territory(None)


def territories(kind: TerritoryKind | None = None) -> st.SearchStrategy[Territory]:
    """Territories of *kind* (of any kind when None), lying within other territories."""
    return _TERRITORIES if kind is None else _territory(kind)


# -- people and priorities --------------------------------------------------------------------

_PARTIES = st.builds(
    Party,
    id=_SLUGS,
    name=_TEXTS,
    kind=st.sampled_from(PartyKind),
    territory=_MAYBE_CODE,
    siren=st.none() | _SIRENS,
)
_SIGNATORIES = st.builds(Signatory, name=_TEXTS, role=_TEXTS, party=_SLUGS)
_PARTICIPANTS = st.builds(Participant, name=_TEXTS, role=_TEXTS)
_PRIORITIES = st.builds(
    Priority,
    id=_SLUGS,
    label=_TEXTS,
    themes=st.lists(_TEXTS, max_size=3, unique=True).map(tuple),
)


def parties() -> st.SearchStrategy[Party]:
    return _PARTIES


def signatories(party_ids: Sequence[str] | None = None) -> st.SearchStrategy[Signatory]:
    """Signatories, each signing for one of *party_ids* when they are given."""
    if party_ids is None:
        return _SIGNATORIES
    return st.builds(Signatory, name=_TEXTS, role=_TEXTS, party=st.sampled_from(party_ids))


def participants() -> st.SearchStrategy[Participant]:
    return _PARTICIPANTS


def priorities() -> st.SearchStrategy[Priority]:
    return _PRIORITIES


# -- money ------------------------------------------------------------------------------------

#: The largest amount in cents: 999 999 999 999 999.99 €, just under 10^15 euros.
MAX_CENTS = 10**17 - 1


def _cents(low: int = 1, high: int = MAX_CENTS) -> st.SearchStrategy[int]:
    """Amounts in cents from *low* to *high*, the smallest and largest drawn often."""
    return st.one_of(
        st.integers(low, min(high, low + 100)),
        st.integers(low, high),
        st.integers(max(low, high - 100), high),
    )


def _euros(cents: int) -> Decimal:
    # scaleb keeps two decimal places: 4_800_000_000 cents is Decimal("48000000.00").
    return Decimal(cents).scaleb(-2)


_ANY_CENTS = _cents()
_AMOUNTS = st.one_of(_ANY_CENTS, st.sampled_from([1, 100, 4_800_000_000])).map(_euros)


def amounts() -> st.SearchStrategy[Decimal]:
    """Amounts of euros in cents form, from 0.01 to just under 10^15."""
    return _AMOUNTS


_TRANCHES = st.builds(
    Tranche, year=st.integers(dt.MINYEAR, dt.MAXYEAR), amount=_AMOUNTS, convention=_SLUGS
)


def tranches() -> st.SearchStrategy[Tranche]:
    return _TRANCHES


def _split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """*total* cents cut into *parts* strictly positive shares."""
    spare = total - parts
    cuts = sorted(draw(st.lists(st.integers(0, spare), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, spare]
    return [1 + high - low for low, high in itertools.pairwise(bounds)]


def _breakdown(
    draw: st.DrawFn, basis: Basis, years: Sequence[int], covered: Sequence[str]
) -> tuple[Decimal, tuple[Tranche, ...]]:
    """An amount and its full breakdown by year and convention, honouring *basis*."""
    slots = draw(
        st.lists(
            st.tuples(st.sampled_from(years), st.sampled_from(covered)),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    if basis is Basis.AT_LEAST:
        # A floor: the tranches may even add up to more than any one amount can be.
        shares = [draw(_ANY_CENTS) for _ in slots]
        amount = draw(_cents(1, min(sum(shares), MAX_CENTS)))
    else:
        total = draw(_cents(len(slots), MAX_CENTS))
        shares = _split(draw, total, len(slots))
        amount = total if basis is Basis.EXACTLY else draw(_cents(total, MAX_CENTS))
    breakdown = tuple(
        Tranche(year=year, amount=_euros(share), convention=convention)
        for (year, convention), share in zip(slots, shares, strict=True)
    )
    return _euros(amount), breakdown


def _commitment(
    draw: st.DrawFn,
    *,
    commitment_id: str,
    funder: str,
    period: Period,
    covered: Sequence[str],
    priority: str | None,
) -> FundingCommitment:
    basis = draw(st.sampled_from(Basis))
    broken_down: bool = draw(st.booleans())
    if covered and broken_down:
        amount, breakdown = _breakdown(draw, basis, period.years, covered)
    else:
        amount, breakdown = draw(_AMOUNTS), ()
    return FundingCommitment(
        id=commitment_id,
        funder=funder,
        amount=amount,
        basis=basis,
        period=period,
        conventions=tuple(covered),
        priority=priority,
        tranches=breakdown,
    )


@st.composite
def _lone_commitment(draw: st.DrawFn) -> FundingCommitment:
    return _commitment(
        draw,
        commitment_id=draw(_SLUGS),
        funder=draw(_SLUGS),
        period=draw(_PERIODS),
        covered=draw(st.lists(_SLUGS, max_size=3, unique=True)),
        priority=draw(_MAYBE_SLUG),
    )


_COMMITMENTS = _lone_commitment()


def funding_commitments() -> st.SearchStrategy[FundingCommitment]:
    """Commitments on their own, with or without a tranche breakdown."""
    return _COMMITMENTS


# -- conventions ------------------------------------------------------------------------------


def _some_of(draw: st.DrawFn, pool: Sequence[Any], key: Any, min_size: int = 0) -> tuple[Any, ...]:
    """Some items of *pool* (at least *min_size* if it has them), no two with the same *key*."""
    if not pool:
        return ()
    return tuple(
        draw(
            st.lists(
                st.sampled_from(pool),
                min_size=min(min_size, len(pool)),
                max_size=len(pool),
                unique_by=key,
            )
        )
    )


def _by_id(item: Party | Priority | Convention) -> str:
    return item.id


_SOME_PARTICIPANTS = st.lists(_PARTICIPANTS, max_size=2, unique_by=lambda p: p.name)


def _convention(
    draw: st.DrawFn,
    *,
    convention_id: str,
    period: Period,
    party_pool: Sequence[Party],
    priority_pool: Sequence[Priority],
) -> Convention:
    chosen = _some_of(draw, party_pool, _by_id)
    signing = st.lists(
        signatories([p.id for p in chosen]), max_size=3, unique_by=lambda s: (s.name, s.party)
    )
    # Conventions are often signed before their period starts (18 December 2018 for 2019).
    earliest = dt.date(max(dt.MINYEAR, period.start.year - 2), 1, 1)
    return Convention(
        id=convention_id,
        title=draw(_TEXTS),
        kind=draw(st.sampled_from(ConventionKind)),
        territory=draw(_TERRITORIES),
        parties=chosen,
        signatories=tuple(draw(signing)) if chosen else (),
        participants=tuple(draw(_SOME_PARTICIPANTS)),
        priorities=_some_of(draw, priority_pool, _by_id),
        period=period,
        signed_on=draw(st.none() | dates(earliest, period.end)),
        signed_at=draw(_MAYBE_TEXT),
        event=draw(_MAYBE_TEXT),
    )


def _party_pool(max_size: int) -> st.SearchStrategy[list[Party]]:
    return st.lists(_PARTIES, min_size=1, max_size=max_size, unique_by=_by_id)


_PRIORITY_POOL = st.lists(_PRIORITIES, max_size=3, unique_by=_by_id)


@st.composite
def _lone_convention(draw: st.DrawFn) -> Convention:
    return _convention(
        draw,
        convention_id=draw(_SLUGS),
        period=draw(_PERIODS),
        party_pool=draw(_party_pool(4)),
        priority_pool=draw(_PRIORITY_POOL),
    )


_CONVENTIONS = _lone_convention()


def conventions() -> st.SearchStrategy[Convention]:
    """Conventions whose signatories sign for their parties, signed before their end."""
    return _CONVENTIONS


# -- programmes -------------------------------------------------------------------------------

_STRATEGIES = st.builds(
    Strategy, name=_TEXTS, presented_on=_MAYBE_DATE, axes=_PRIORITY_POOL.map(tuple)
)
_MILESTONES = st.builds(Milestone, on=_DATES, label=_TEXTS)


def strategies() -> st.SearchStrategy[Strategy]:
    return _STRATEGIES


def milestones() -> st.SearchStrategy[Milestone]:
    return _MILESTONES


def _commitment_in(
    draw: st.DrawFn,
    commitment_id: str,
    period: Period,
    party_pool: Sequence[Party],
    members: Sequence[Convention],
) -> FundingCommitment:
    # A funder that is party to no convention can only cover none: prefer those that are.
    in_conventions = [p for c in members for p in c.parties]
    funder = draw(st.sampled_from(in_conventions or party_pool)).id
    eligible = [c for c in members if any(p.id == funder for p in c.parties)]
    # Commitments covering conventions have the most rules to honour: make them common.
    covered = _some_of(draw, eligible, _by_id, min_size=draw(st.sampled_from([1, 1, 0])))
    if covered:
        shared = set.intersection(*({p.id for p in c.priorities} for c in covered))
        priority = (st.none() | st.sampled_from(sorted(shared))) if shared else st.none()
    else:
        priority = _MAYBE_SLUG  # covering nothing, a priority has nothing to agree with
    return _commitment(
        draw,
        commitment_id=commitment_id,
        funder=funder,
        period=draw(periods(within=period)),
        covered=[c.id for c in covered],
        priority=draw(priority),
    )


_SOME_MILESTONES = st.lists(_MILESTONES, max_size=3, unique_by=lambda m: (m.on, m.label))


@st.composite
def _programme(draw: st.DrawFn) -> Programme:
    period = draw(_PERIODS)
    party_pool = draw(_party_pool(3))
    priority_pool = draw(_PRIORITY_POOL)
    members = [
        _convention(
            draw,
            convention_id=convention_id,
            period=draw(periods(within=period)),
            party_pool=party_pool,
            priority_pool=priority_pool,
        )
        for convention_id in draw(st.lists(_SLUGS, max_size=3, unique=True))
    ]
    commitments = [
        _commitment_in(draw, commitment_id, period, party_pool, members)
        for commitment_id in draw(st.lists(_SLUGS, max_size=2, unique=True))
    ]
    return Programme(
        id=draw(_SLUGS),
        name=draw(_TEXTS),
        period=period,
        strategy=draw(st.none() | _STRATEGIES),
        conventions=tuple(members),
        commitments=tuple(commitments),
        milestones=tuple(draw(_SOME_MILESTONES)),
    )


_PROGRAMMES = _programme()


def programmes() -> st.SearchStrategy[Programme]:
    """Small programmes whose conventions share parties and whose commitments fit them."""
    return _PROGRAMMES


#: A strategy for each model class, in the order the classes build on one another.
MODEL_STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    Period: _PERIODS,
    Territory: _TERRITORIES,
    Party: _PARTIES,
    Signatory: _SIGNATORIES,
    Participant: _PARTICIPANTS,
    Priority: _PRIORITIES,
    Tranche: _TRANCHES,
    FundingCommitment: _COMMITMENTS,
    Convention: _CONVENTIONS,
    Strategy: _STRATEGIES,
    Milestone: _MILESTONES,
    Programme: _PROGRAMMES,
}
