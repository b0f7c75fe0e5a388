"""Hypothesis strategies for bassin_minier objects and documents, for your own test suites.

Install with ``pip install 'bassin-minier[testing]'``; ``import bassin_minier`` alone
never imports Hypothesis.

**Valid objects.** There is a strategy for every model class (`MODEL_STRATEGIES` maps
each class to it) and for the values they are made of: `slugs`, `texts`, `dates`,
`amounts`, `sirens`, `territory_codes`. The constructors refuse anything invalid, so each
strategy builds its data to fit the rules (a SIREN gets its Luhn digit computed, tranches
are cut from the total they must honour, a programme draws its parties first and shares
them between its conventions) instead of drawing at random and throwing most of it away.

**Invalid documents.** `invalid_documents` draws JSON texts that break exactly one rule of
`bassin_minier.RULES`, each with the path where the library reports it. A document is a
valid object written with `bassin_minier.to_dict`, then changed at one place: the
changed value breaks the rule, and nothing else in the document refers to it in a way
that would break another. `breakable_rules` says which rules a document of a class can
break: a `Period` has no identifier, so it cannot break ``slug``.

These rules are in `RULES` but no document read with `bassin_minier.from_json` can
break them (`UNREPRESENTABLE_RULES` holds the same list):

- ``format-version``: only `bassin_minier.load` reads the ``format_version`` key that
  `bassin_minier.save` writes; to `from_json` that key is an unknown one, and breaks
  ``unknown-key``.

Strategies are built once, at import or for each new set of parameters: building them
anew for every draw would cost more than the drawing.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import itertools
import json
import re
import types
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, get_args, get_origin

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from bassin_minier import (
    RULES,
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
    to_dict,
)
from bassin_minier._text import is_text, slug_problem

__all__ = [
    "DEPARTEMENT_CODES",
    "MODEL_STRATEGIES",
    "UNREPRESENTABLE_RULES",
    "InvalidDocument",
    "amounts",
    "breakable_rules",
    "conventions",
    "dates",
    "funding_commitments",
    "invalid_documents",
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

# -- arguments --------------------------------------------------------------------------------


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidArgument(message)


def _require_count(name: str, value: object) -> int:
    _require(
        isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        f"{name} must be a non-negative integer, got {value!r}",
    )
    assert isinstance(value, int)
    return value


def _require_sizes(what: str, low: object, high: object) -> None:
    fewest = _require_count(f"min_{what}", low)
    most = _require_count(f"max_{what}", high)
    _require(fewest <= most, f"min_{what}={fewest} is more than max_{what}={most}")


def _require_with_tranches(value: object) -> None:
    _require(
        value is None or isinstance(value, bool),
        f"with_tranches must be True, False or None, got {value!r}",
    )


def _territory_kind(kind: object) -> TerritoryKind:
    try:
        return TerritoryKind(kind)
    except ValueError:
        allowed = ", ".join(repr(k.value) for k in TerritoryKind)
        raise InvalidArgument(f"kind must be a TerritoryKind ({allowed}), got {kind!r}") from None


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
    """Identifiers: lowercase ASCII words joined by single hyphens (``pas-de-calais``).

    >>> from hypothesis import given
    >>> from bassin_minier import Party
    >>> @given(slugs())
    ... def test_any_slug_is_a_party_id(party_id):
    ...     assert Party(id=party_id, name="État", kind="state").id == party_id
    >>> test_any_slug_is_a_party_id()
    """
    return _SLUGS


# Letters and signs of written French, the typographic apostrophe and guillemets included.
_FRENCH_VISIBLE = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ’'«»“”‘-–—.,;:!?()/&%€°"
)
# French typography puts a (narrow) no-break space inside guillemets and before « : ».
_FRENCH_SPACES = " \u00a0\u202f"

# Control characters (Cc), lone surrogates (Cs) and the line and paragraph separators
# (Zl, Zp) are never one-line text, nor are the bidirectional controls. Spaces (Zs) are
# whitespace to str.strip, so they may only stand between other characters, and so may
# characters that display nothing (zero-width space, joiners…): `is_text` tells, for one
# character, whether it may stand at an end.
_EDGE = st.one_of(
    st.sampled_from(_FRENCH_VISIBLE),
    st.characters(exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")).filter(is_text),
)
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INNER = st.one_of(
    st.sampled_from(_FRENCH_VISIBLE + _FRENCH_SPACES),
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters=_BIDI_CONTROLS),
)


def _composed(first: str, inner: str, last: str) -> str:
    # Text is held in normalisation form NFC: a letter drawn next to a combining accent
    # becomes the accented letter, as a keyboard would have typed it. Composing never puts
    # a space or an invisible character at an end, so the text stays acceptable.
    return unicodedata.normalize("NFC", first + inner + last)


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
    st.builds(_composed, _EDGE, st.text(_INNER, max_size=30), _EDGE),
)
_MAYBE_TEXT = st.none() | _TEXTS


def texts() -> st.SearchStrategy[str]:
    """Non-empty one-line text: nothing invisible at either end, no control characters.

    Text is in normalisation form NFC and holds no bidirectional control; characters that
    display nothing (a zero-width joiner, a soft hyphen) only stand between others.

    >>> import datetime as dt
    >>> from hypothesis import given
    >>> from bassin_minier import Milestone
    >>> @given(texts())
    ... def test_any_text_is_a_label(label):
    ...     assert Milestone(on=dt.date(2019, 7, 10), label=label).label == label
    >>> test_any_text_is_a_label()
    """
    return _TEXTS


# -- dates and periods ------------------------------------------------------------------------

_AROUND_THE_SOURCE = (dt.date(2015, 1, 1), dt.date(2025, 12, 31))
_ONE_DAY = dt.timedelta(days=1)


def dates(
    min_value: dt.date = dt.date.min, max_value: dt.date = dt.date.max
) -> st.SearchStrategy[dt.date]:
    """Calendar days from *min_value* to *max_value*, those around 2019 drawn more often.

    >>> import datetime as dt
    >>> from hypothesis import given
    >>> @given(dates(dt.date(2019, 1, 1), dt.date(2021, 12, 31)))
    ... def test_in_the_plan(day):
    ...     assert day.year in (2019, 2020, 2021)
    >>> test_in_the_plan()
    """
    _require(
        all(type(bound) is dt.date for bound in (min_value, max_value)),
        f"min_value and max_value must be dates, got {min_value!r} and {max_value!r}",
    )
    _require(min_value <= max_value, f"min_value={min_value} is after max_value={max_value}")
    return _dates(min_value, max_value)


def _dates(min_value: dt.date, max_value: dt.date) -> st.SearchStrategy[dt.date]:
    low = max(min_value, _AROUND_THE_SOURCE[0])
    high = min(max_value, _AROUND_THE_SOURCE[1])
    anywhere = st.dates(min_value, max_value)
    return st.one_of(st.dates(low, high), anywhere) if low <= high else anywhere


_DATES = _dates(dt.date.min, dt.date.max)
_MAYBE_DATE = st.none() | _DATES


@st.composite
def _period(draw: st.DrawFn, within: Period | None) -> Period:
    low, high = (dt.date.min, dt.date.max) if within is None else (within.start, within.end)
    if draw(st.booleans()):
        first = draw(st.integers(low.year, high.year))
        whole_years = Period.from_years(first, draw(st.integers(first, high.year)))
        if within is None or whole_years in within:
            return whole_years
    start = draw(_dates(low, high))
    return Period(start=start, end=draw(_dates(start, high)))


_PERIODS = _period(None)


def periods(within: Period | None = None) -> st.SearchStrategy[Period]:
    """Periods (often whole calendar years), lying inside *within* when it is given.

    >>> from hypothesis import given
    >>> from bassin_minier import Period
    >>> plan = Period.from_years(2019, 2021)
    >>> @given(periods(within=plan))
    ... def test_inside_the_plan(period):
    ...     assert period in plan
    >>> test_inside_the_plan()
    """
    if within is None:
        return _PERIODS
    _require(isinstance(within, Period), f"within must be a Period or None, got {within!r}")
    return _period(within)


# Whole years around the source document: never a single day, never touching the ends of
# the calendar, so there is always a date before, inside and after them.
_YEARS_AROUND = st.integers(2015, 2025)
_SPANS = st.tuples(_YEARS_AROUND, _YEARS_AROUND).map(
    lambda years: Period.from_years(min(years), max(years))
)

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
    """Nine-digit SIREN numbers whose last digit is their Luhn check digit.

    >>> from hypothesis import given
    >>> from bassin_minier import Party
    >>> @given(sirens())
    ... def test_any_siren_is_accepted(siren):
    ...     assert Party(id="cd-nord", name="Nord", kind="departement", siren=siren).siren
    >>> test_any_siren_is_accepted()
    """
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


def territory_codes(kind: TerritoryKind | str) -> st.SearchStrategy[str]:
    """Codes that the COG (or, for an area, the slug rule) allows for *kind*.

    >>> from hypothesis import given
    >>> from bassin_minier import Territory
    >>> @given(territory_codes("departement"))
    ... def test_any_departement_code(code):
    ...     assert code != "20"
    ...     assert Territory(code=code, name="Département", kind="departement").code == code
    >>> test_any_departement_code()
    """
    return _CODES[_territory_kind(kind)]


@st.composite
def _territory(draw: st.DrawFn, kind: TerritoryKind | None, min_within: int) -> Territory:
    kind = draw(st.sampled_from(TerritoryKind)) if kind is None else kind
    code = draw(_CODES[kind])
    # One more than needed: the territory's own code is dropped if it comes up.
    around = st.lists(_ANY_CODE, min_size=min_within and min_within + 1, max_size=3, unique=True)
    return Territory(
        code=code,
        name=draw(_TEXTS),
        kind=kind,
        within=tuple(c for c in draw(around) if c != code),
    )


_TERRITORIES = _territory(None, 0)


def territories(kind: TerritoryKind | str | None = None) -> st.SearchStrategy[Territory]:
    """Territories of *kind* (of any kind when None), lying within other territories.

    >>> from hypothesis import given
    >>> from bassin_minier import TerritoryKind
    >>> @given(territories(TerritoryKind.EPCI))
    ... def test_an_epci_is_named_by_its_siren(epci):
    ...     assert len(epci.code) == 9 and epci.code.isdigit()
    >>> test_an_epci_is_named_by_its_siren()
    """
    if kind is None:
        return _TERRITORIES
    return _territory(_territory_kind(kind), 0)


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


def _priorities(min_themes: int) -> st.SearchStrategy[Priority]:
    themes = st.lists(_TEXTS, min_size=min_themes, max_size=3, unique=True).map(tuple)
    return st.builds(Priority, id=_SLUGS, label=_TEXTS, themes=themes)


_PRIORITIES = _priorities(0)


def parties() -> st.SearchStrategy[Party]:
    """Parties of every kind, with or without a territory code and a SIREN.

    >>> from hypothesis import given
    >>> import bassin_minier as bm
    >>> @given(parties())
    ... def test_party_round_trip(party):
    ...     assert bm.from_json(bm.to_json(party), bm.Party) == party
    >>> test_party_round_trip()
    """
    return _PARTIES


def signatories(party_ids: Iterable[str] | None = None) -> st.SearchStrategy[Signatory]:
    """Signatories, each signing for one of *party_ids* when they are given.

    >>> from hypothesis import given
    >>> @given(signatories(party_ids=["etat", "cd-nord"]))
    ... def test_signs_for_a_known_party(signatory):
    ...     assert signatory.party in ("etat", "cd-nord")
    >>> test_signs_for_a_known_party()
    """
    if party_ids is None:
        return _SIGNATORIES
    _require(not isinstance(party_ids, str), f"party_ids must be ids, not one str: {party_ids!r}")
    ids = tuple(party_ids)
    _require(bool(ids), "party_ids must hold at least one party id")
    for party_id in ids:
        _require(
            isinstance(party_id, str) and slug_problem(party_id) is None,
            f"party_ids must be slugs like 'cd-nord', got {party_id!r}",
        )
    return _signatories_for(ids)


def _signatories_for(party_ids: Sequence[str]) -> st.SearchStrategy[Signatory]:
    return st.builds(Signatory, name=_TEXTS, role=_TEXTS, party=st.sampled_from(party_ids))


def participants() -> st.SearchStrategy[Participant]:
    """People present at a signature who do not sign.

    >>> from hypothesis import given
    >>> @given(participants())
    ... def test_a_participant_has_a_role(participant):
    ...     assert participant.role.strip() == participant.role
    >>> test_a_participant_has_a_role()
    """
    return _PARTICIPANTS


def priorities() -> st.SearchStrategy[Priority]:
    """Priorities with up to three distinct themes.

    >>> from hypothesis import given
    >>> @given(priorities())
    ... def test_themes_are_distinct(priority):
    ...     assert len(set(priority.themes)) == len(priority.themes)
    >>> test_themes_are_distinct()
    """
    return _PRIORITIES


# -- money ------------------------------------------------------------------------------------

# The largest amount in cents: 999 999 999 999 999.99 €, just under 10^15 euros.
_MAX_CENTS = 10**17 - 1


def _cents(low: int = 1, high: int = _MAX_CENTS) -> st.SearchStrategy[int]:
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
    """Amounts of euros with two decimal places, from 0.01 to just under 10^15.

    >>> from decimal import Decimal
    >>> from hypothesis import given
    >>> @given(amounts())
    ... def test_whole_cents(amount):
    ...     assert Decimal("0.01") <= amount < 10**15
    ...     assert amount == amount.quantize(Decimal("0.01"))
    >>> test_whole_cents()
    """
    return _AMOUNTS


_TRANCHES = st.builds(
    Tranche, year=st.integers(dt.MINYEAR, dt.MAXYEAR), amount=_AMOUNTS, convention=_SLUGS
)


def tranches() -> st.SearchStrategy[Tranche]:
    """Tranches on their own: any year, any amount, any convention id.

    >>> from hypothesis import given
    >>> @given(tranches())
    ... def test_a_tranche_has_a_year(tranche):
    ...     assert 1 <= tranche.year <= 9999
    >>> test_a_tranche_has_a_year()
    """
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
        amount = draw(_cents(1, min(sum(shares), _MAX_CENTS)))
    else:
        total = draw(_cents(len(slots), _MAX_CENTS))
        shares = _split(draw, total, len(slots))
        amount = total if basis is Basis.EXACTLY else draw(_cents(total, _MAX_CENTS))
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
    with_tranches: bool | None,
) -> FundingCommitment:
    basis = draw(st.sampled_from(Basis))
    broken_down = draw(st.booleans()) if with_tranches is None else with_tranches
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
def _lone_commitment(
    draw: st.DrawFn, with_tranches: bool | None, spans: st.SearchStrategy[Period]
) -> FundingCommitment:
    # A tranche goes through a covered convention: a breakdown needs one at least.
    covered = st.lists(_SLUGS, min_size=1 if with_tranches else 0, max_size=3, unique=True)
    return _commitment(
        draw,
        commitment_id=draw(_SLUGS),
        funder=draw(_SLUGS),
        period=draw(spans),
        covered=draw(covered),
        priority=draw(_MAYBE_SLUG),
        with_tranches=with_tranches,
    )


_COMMITMENTS = _lone_commitment(None, _PERIODS)


def funding_commitments(
    *, with_tranches: bool | None = None
) -> st.SearchStrategy[FundingCommitment]:
    """Commitments on their own, whose tranches (if any) honour their basis.

    *with_tranches*: True, always broken down into tranches; False, never; None, either.

    >>> from hypothesis import given
    >>> @given(funding_commitments(with_tranches=True))
    ... def test_broken_down(commitment):
    ...     assert commitment.tranches
    ...     assert {t.convention for t in commitment.tranches} <= set(commitment.conventions)
    >>> test_broken_down()
    """
    _require_with_tranches(with_tranches)
    return _COMMITMENTS if with_tranches is None else _commitments_with(with_tranches)


@functools.cache
def _commitments_with(with_tranches: bool) -> st.SearchStrategy[FundingCommitment]:
    return _lone_commitment(with_tranches, _PERIODS)


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
    min_parties: int,
) -> Convention:
    chosen = _some_of(draw, party_pool, _by_id, min_size=min_parties)
    signing = st.lists(
        _signatories_for([p.id for p in chosen]), max_size=3, unique_by=lambda s: (s.name, s.party)
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
        signed_on=draw(st.none() | _dates(earliest, period.end)),
        signed_at=draw(_MAYBE_TEXT),
        event=draw(_MAYBE_TEXT),
    )


def _party_pool(max_size: int) -> st.SearchStrategy[list[Party]]:
    return st.lists(_PARTIES, min_size=1, max_size=max_size, unique_by=_by_id)


_PRIORITY_POOL = st.lists(_PRIORITIES, max_size=3, unique_by=_by_id)


@st.composite
def _lone_convention(
    draw: st.DrawFn, min_parties: int, max_parties: int, spans: st.SearchStrategy[Period]
) -> Convention:
    pool = st.lists(_PARTIES, min_size=min_parties, max_size=max_parties, unique_by=_by_id)
    return _convention(
        draw,
        convention_id=draw(_SLUGS),
        period=draw(spans),
        party_pool=draw(pool),
        priority_pool=draw(_PRIORITY_POOL),
        min_parties=min_parties,
    )


_CONVENTIONS = _lone_convention(0, 4, _PERIODS)


def conventions(*, min_parties: int = 0, max_parties: int = 4) -> st.SearchStrategy[Convention]:
    """Conventions whose signatories sign for their parties, signed before their end.

    Each has from *min_parties* to *max_parties* parties.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(conventions(min_parties=2))
    ... def test_every_signatory_is_a_party(convention):
    ...     assert len(convention.parties) >= 2
    ...     party_ids = {party.id for party in convention.parties}
    ...     assert {s.party for s in convention.signatories} <= party_ids
    >>> test_every_signatory_is_a_party()
    """
    _require_sizes("parties", min_parties, max_parties)
    if (min_parties, max_parties) == (0, 4):
        return _CONVENTIONS
    return _conventions_with(min_parties, max_parties)


@functools.cache
def _conventions_with(min_parties: int, max_parties: int) -> st.SearchStrategy[Convention]:
    return _lone_convention(min_parties, max_parties, _PERIODS)


# -- programmes -------------------------------------------------------------------------------

_STRATEGIES = st.builds(
    Strategy, name=_TEXTS, presented_on=_MAYBE_DATE, axes=_PRIORITY_POOL.map(tuple)
)
_MILESTONES = st.builds(Milestone, on=_DATES, label=_TEXTS)


def strategies() -> st.SearchStrategy[Strategy]:
    """National strategies with up to three axes of distinct ids.

    >>> from hypothesis import given
    >>> @given(strategies())
    ... def test_axes_have_distinct_ids(strategy):
    ...     assert len({axis.id for axis in strategy.axes}) == len(strategy.axes)
    >>> test_axes_have_distinct_ids()
    """
    return _STRATEGIES


def milestones() -> st.SearchStrategy[Milestone]:
    """Dated steps of a programme.

    >>> import datetime as dt
    >>> from hypothesis import given
    >>> @given(milestones())
    ... def test_a_milestone_has_a_date(milestone):
    ...     assert isinstance(milestone.on, dt.date)
    >>> test_a_milestone_has_a_date()
    """
    return _MILESTONES


def _commitment_in(
    draw: st.DrawFn,
    *,
    commitment_id: str,
    period: Period,
    party_pool: Sequence[Party],
    members: Sequence[Convention],
    with_tranches: bool | None,
) -> FundingCommitment:
    # A funder that is party to no convention can only cover none: prefer those that are.
    in_conventions = [p for c in members for p in c.parties]
    funder = draw(st.sampled_from(in_conventions or party_pool)).id
    eligible = [c for c in members if any(p.id == funder for p in c.parties)]
    # Commitments covering conventions have the most rules to honour: make them common.
    fewest = 1 if with_tranches else draw(st.sampled_from([1, 1, 0]))
    covered = _some_of(draw, eligible, _by_id, min_size=fewest)
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
        with_tranches=with_tranches,
    )


_SOME_MILESTONES = st.lists(_MILESTONES, max_size=3, unique_by=lambda m: (m.on, m.label))


@st.composite
def _programme(
    draw: st.DrawFn,
    *,
    min_conventions: int,
    max_conventions: int,
    with_tranches: bool | None,
    spans: st.SearchStrategy[Period],
    min_parties: int,
) -> Programme:
    period = draw(spans)
    party_pool = draw(_party_pool(3))
    priority_pool = draw(_PRIORITY_POOL)
    # Tranches go through a convention to which the funder is a party: when every
    # commitment must have some, there is a convention, and the first has a party.
    fewest = max(min_conventions, 1) if with_tranches else min_conventions
    convention_ids = draw(st.lists(_SLUGS, min_size=fewest, max_size=max_conventions, unique=True))
    members = [
        _convention(
            draw,
            convention_id=convention_id,
            period=draw(periods(within=period)),
            party_pool=party_pool,
            priority_pool=priority_pool,
            min_parties=1 if with_tranches and index == 0 else min_parties,
        )
        for index, convention_id in enumerate(convention_ids)
    ]
    commitment_ids = st.lists(_SLUGS, min_size=1 if with_tranches else 0, max_size=2, unique=True)
    commitments = [
        _commitment_in(
            draw,
            commitment_id=commitment_id,
            period=period,
            party_pool=party_pool,
            members=members,
            with_tranches=with_tranches,
        )
        for commitment_id in draw(commitment_ids)
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


_PROGRAMMES = _programme(
    min_conventions=0, max_conventions=3, with_tranches=None, spans=_PERIODS, min_parties=0
)


def programmes(
    *, min_conventions: int = 0, max_conventions: int = 3, with_tranches: bool | None = None
) -> st.SearchStrategy[Programme]:
    """Small programmes whose conventions share parties and whose commitments fit them.

    Each has from *min_conventions* to *max_conventions* conventions. *with_tranches*:
    True, at least one commitment and every commitment broken down into tranches (so at
    least one convention, to which the funder is a party); False, no tranches at all;
    None, either.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(programmes(min_conventions=2, with_tranches=True))
    ... def test_tranches_by_year_add_up(programme):
    ...     assert len(programme.conventions) >= 2
    ...     # A commitment within another is part of it: its tranches are not added again.
    ...     outer = [c for c in programme.commitments
    ...              if not any(c.lies_within(o) for o in programme.commitments)]
    ...     every_tranche = [t.amount for c in outer for t in c.tranches]
    ...     assert sum(programme.totals_by_year().values()) == sum(every_tranche) > 0
    >>> test_tranches_by_year_add_up()
    """
    _require_sizes("conventions", min_conventions, max_conventions)
    _require_with_tranches(with_tranches)
    _require(
        not with_tranches or max_conventions > 0,
        "with_tranches=True needs max_conventions >= 1: a tranche goes through a convention",
    )
    if (min_conventions, max_conventions, with_tranches) == (0, 3, None):
        return _PROGRAMMES
    return _programmes_with(min_conventions, max_conventions, with_tranches)


@functools.cache
def _programmes_with(
    min_conventions: int, max_conventions: int, with_tranches: bool | None
) -> st.SearchStrategy[Programme]:
    return _programme(
        min_conventions=min_conventions,
        max_conventions=max_conventions,
        with_tranches=with_tranches,
        spans=_PERIODS,
        min_parties=0,
    )


#: A strategy for each model class, in the order the classes build on one another.
MODEL_STRATEGIES: Mapping[type[Any], st.SearchStrategy[Any]] = types.MappingProxyType(
    {
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
)

# Objects with a place for every rule their class can break: the fallback when a drawn
# object has none (a convention without parties has no SIREN to spoil).
_FULL: Mapping[type[Any], st.SearchStrategy[Any]] = {
    **MODEL_STRATEGIES,
    Period: _SPANS,
    Territory: _territory(None, 1),
    Priority: _priorities(1),
    FundingCommitment: _lone_commitment(True, _SPANS),
    Convention: _lone_convention(1, 4, _SPANS),
    Strategy: st.builds(
        Strategy,
        name=_TEXTS,
        presented_on=_MAYBE_DATE,
        axes=st.lists(_PRIORITIES, min_size=1, max_size=3, unique_by=_by_id).map(tuple),
    ),
    Programme: _programme(
        min_conventions=2, max_conventions=2, with_tranches=True, spans=_SPANS, min_parties=1
    ),
}

# -- invalid documents: the public part -------------------------------------------------------


@attrs.frozen
class InvalidDocument:
    """A JSON document that breaks one rule, and where the library reports it.

    *cls* is the model class the document is meant to be read as, *text* the JSON text,
    *rule* the name of the broken rule (one of `bassin_minier.RULES`) and *path* the
    JSONPath-like place, from the document root, where the violation is reported.
    """

    cls: type[Any]
    text: str
    rule: str
    path: str


#: The rules of `bassin_minier.RULES` that no document read by `from_json` can break,
#: each with the reason.
UNREPRESENTABLE_RULES: Mapping[str, str] = types.MappingProxyType(
    {
        "format-version": (
            "only load reads the format_version key that save writes; to from_json it is "
            "an unknown key"
        ),
    }
)

_EVERY_CLASS = frozenset(MODEL_STRATEGIES)
_WITH_TEXT = frozenset(
    {Territory, Party, Signatory, Participant, Priority, Convention, Strategy, Milestone}
)
_WITH_TRANCHES = frozenset({FundingCommitment, Programme})

# The classes whose documents can break each rule: the class the rule belongs to and
# those that contain it.
_BREAKABLE_IN: Mapping[str, frozenset[type[Any]]] = {
    "json": _EVERY_CLASS,
    "duplicate-key": _EVERY_CLASS,
    "unknown-key": _EVERY_CLASS,
    "required": _EVERY_CLASS,
    "type": _EVERY_CLASS,
    "text": _WITH_TEXT | {Programme},
    "slug": frozenset(
        {Party, Signatory, Priority, Tranche, FundingCommitment, Convention, Strategy, Programme}
    ),
    "unique": frozenset({Territory, Priority, FundingCommitment, Convention, Strategy, Programme}),
    "territory-code": frozenset({Territory, Party, Convention, Programme}),
    "within": frozenset({Territory, Convention, Programme}),
    "siren": frozenset({Party, Convention, Programme}),
    "amount": frozenset({Tranche, FundingCommitment, Programme}),
    "period-order": frozenset({Period, FundingCommitment, Convention, Programme}),
    "signatory-party": frozenset({Convention, Programme}),
    "signature-date": frozenset({Convention, Programme}),
    "tranche-year": _WITH_TRANCHES,
    "tranche-convention": _WITH_TRANCHES,
    "tranche-basis": _WITH_TRANCHES,
    "within-programme": frozenset({Programme}),
    "commitment-convention": frozenset({Programme}),
    "funder-party": frozenset({Programme}),
    "commitment-priority": frozenset({Programme}),
    "party-consistency": frozenset({Programme}),
}


def _require_model_class(cls: object) -> type[Any]:
    names = ", ".join(c.__name__ for c in MODEL_STRATEGIES)
    _require(
        cls in MODEL_STRATEGIES, f"cls must be one of the model classes ({names}), not {cls!r}"
    )
    assert isinstance(cls, type)
    return cls


def breakable_rules(cls: type[Any] = Programme) -> tuple[str, ...]:
    """The names of the rules that `invalid_documents` can break in a document of *cls*.

    They come in the order of `bassin_minier.RULES`.

    >>> from bassin_minier import Period
    >>> breakable_rules(Period)
    ('json', 'duplicate-key', 'unknown-key', 'required', 'type', 'period-order')
    """
    cls = _require_model_class(cls)
    return tuple(rule.name for rule in RULES if cls in _BREAKABLE_IN.get(rule.name, ()))


def invalid_documents(
    cls: type[Any] = Programme, *, rules: Iterable[str] | None = None
) -> st.SearchStrategy[InvalidDocument]:
    """Documents meant to be read as *cls* that break exactly one of *rules*.

    *rules* defaults to every rule a document of *cls* can break (`breakable_rules`).
    The rule may belong to a class the document contains: a programme breaks ``siren``
    through one of its parties. Each document starts as a valid object and is changed at
    one place, so reading it reports that rule only, at `InvalidDocument.path` (a rule
    that compares values, such as ``funder-party``, may be reported there more than
    once).

    >>> from hypothesis import given, settings
    >>> import bassin_minier as bm
    >>> @settings(max_examples=20)
    ... @given(invalid_documents(bm.Convention, rules=["siren", "signatory-party"]))
    ... def test_the_broken_rule_is_reported(document):
    ...     try:
    ...         bm.from_json(document.text, document.cls)
    ...     except bm.ValidationError as error:
    ...         assert {v.rule for v in error.violations} == {document.rule}
    ...         assert document.path in {v.path for v in error.violations}
    ...     else:
    ...         raise AssertionError(f"accepted: {document.text}")
    >>> test_the_broken_rule_is_reported()
    """
    cls = _require_model_class(cls)
    breakable = breakable_rules(cls)
    if rules is None:
        return _invalid_documents(cls, breakable)
    _require(not isinstance(rules, str), f"rules must be rule names, not one str: {rules!r}")
    wanted = set(rules)
    _require(bool(wanted), "rules must name at least one rule")
    known = {rule.name for rule in RULES}
    for name in sorted(wanted, key=str):
        _require(name in known, f"no rule named {name!r} in bassin_minier.RULES")
        _require(
            name not in UNREPRESENTABLE_RULES,
            f"no document breaks {name!r}: {UNREPRESENTABLE_RULES.get(name)}",
        )
        _require(
            name in breakable,
            f"a {cls.__name__} document cannot break {name!r}; it can break "
            + ", ".join(breakable),
        )
    return _invalid_documents(cls, tuple(name for name in breakable if name in wanted))


_BUILT: dict[tuple[type[Any], tuple[str, ...]], st.SearchStrategy[InvalidDocument]] = {}


def _invalid_documents(
    cls: type[Any], rules: tuple[str, ...]
) -> st.SearchStrategy[InvalidDocument]:
    built = _BUILT.get((cls, rules))
    if built is None:
        built = _BUILT[cls, rules] = st.one_of(*(_broken(cls, rule) for rule in rules))
    return built


@st.composite
def _broken(draw: st.DrawFn, cls: type[Any], rule: str) -> InvalidDocument:
    find_sites = _SITES[rule]
    # Half of the documents start from an object with a place for every rule of its class,
    # and so does the other half when the object drawn has no place for this rule.
    draft = _Draft.of(draw(st.one_of(MODEL_STRATEGIES[cls], _FULL[cls])))
    sites = find_sites(draft)
    if not sites:
        draft = _Draft.of(draw(_FULL[cls]))
        sites = find_sites(draft)
    assert sites, f"a full {cls.__name__} has no place to break {rule!r}"
    path = draw(st.sampled_from(sites))(draw)
    return InvalidDocument(cls=cls, text=draft.written(), rule=rule, path=path)


# -- invalid documents: drafts ----------------------------------------------------------------

# A place where a rule can be broken: it changes the draft and returns the violation's path.
_Site = Callable[[st.DrawFn], str]


@attrs.define
class _Node:
    """A model object in a document: its path, the object, and its (changeable) plain form."""

    path: str
    obj: Any
    data: dict[str, Any]
    parent: _Node | None

    def at(self, *steps: str | int) -> str:
        path = self.path
        for step in steps:
            path += f"[{step}]" if isinstance(step, int) else f".{step}"
        return path

    @property
    def programme(self) -> Programme | None:
        node: _Node | None = self
        while node is not None and not isinstance(node.obj, Programme):
            node = node.parent
        return None if node is None else node.obj


@attrs.frozen
class _Raw:
    """Text written into the document as it is, such as a token JSON does not have."""

    token: str


@attrs.define
class _Draft:
    """The plain form of a valid object, on its way to breaking one rule."""

    data: dict[str, Any]
    nodes: list[_Node]
    #: The object path and key of a pair written twice.
    duplicate: tuple[str, str] | None = None
    #: The whole text, when the break is in the text rather than in the data.
    text: str | None = None

    @classmethod
    def of(cls, obj: Any) -> _Draft:
        data = to_dict(obj)
        return cls(data, list(_walk(obj, data, "$", None)))

    def nodes_of(self, *classes: type[Any]) -> list[_Node]:
        return [node for node in self.nodes if isinstance(node.obj, classes)]

    def written(self) -> str:
        return self.text if self.text is not None else _write(self.data, "$", self.duplicate)


def _walk(obj: Any, data: dict[str, Any], path: str, parent: _Node | None) -> Iterable[_Node]:
    node = _Node(path, obj, data, parent)
    yield node
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if type(value) in MODEL_STRATEGIES:
            yield from _walk(value, data[field.name], node.at(field.name), node)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if type(item) in MODEL_STRATEGIES:
                    item_data = data[field.name][index]
                    yield from _walk(item, item_data, node.at(field.name, index), node)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _write(value: object, path: str, duplicate: tuple[str, str] | None) -> str:
    """Compact JSON text of *value*, with the pair *duplicate* written twice."""
    if isinstance(value, dict):
        pairs = []
        for key, item in value.items():
            pair = f"{_string(key)}:{_write(item, f'{path}.{key}', duplicate)}"
            pairs.extend([pair, pair] if (path, key) == duplicate else [pair])
        return "{" + ",".join(pairs) + "}"
    if isinstance(value, list):
        items = (_write(item, f"{path}[{i}]", duplicate) for i, item in enumerate(value))
        return "[" + ",".join(items) + "]"
    if isinstance(value, _Raw):
        return value.token
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value)


def _string(text: str) -> str:
    # A lone surrogate cannot be encoded as UTF-8: JSON can only carry it escaped.
    return json.dumps(text, ensure_ascii=bool(_SURROGATE.search(text)))


# -- invalid documents: values that break a rule ----------------------------------------------


def _fresh(draw: st.DrawFn, taken: Collection[str]) -> str:
    """A slug that is none of *taken*."""
    base = candidate = draw(_SLUGS)
    for number in itertools.count(2):
        if candidate not in taken:
            break
        candidate = f"{base}-{number}"
    return candidate


def _known_or_fresh(draw: st.DrawFn, known: Sequence[str], taken: Collection[str]) -> str:
    """One of the *known* ids, or a slug that is none of *taken*."""
    if len(known) > 0 and draw(st.booleans()):
        return draw(st.sampled_from(known))
    return _fresh(draw, taken)


def _amount_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _cents_of(amount: str) -> int:
    return int(Decimal(amount).scaleb(2))


# Spaces that str.strip removes, and characters that have no place in one-line text.
_PADDING = " \t\u00a0\u2003\u202f\u3000"
_CONTROLS = "\n\r\t\x00\x1b\x7f\x85\u2028\u2029\ud800"
# Characters that display nothing: a zero-width space, joiners, a word joiner, a soft hyphen,
# a Hangul filler, a tag, a Mongolian vowel separator; and a variation selector, which may
# only end a text after a visible character, so it spoils a text alone or at its start.
_UNSEEN_AT_AN_END = "\u200b\u200c\u200d\u2060\u00ad\u3164\U000e0041\u180e\u034f"
_UNSEEN = _UNSEEN_AT_AN_END + "\ufe0f"
# Accented letters written decomposed (a letter, then its accent) and signs that Unicode
# writes as another character (the ångström sign is the letter Å): never NFC.
_DECOMPOSED = ("e\u0301", "E\u0300", "c\u0327", "u\u0308", "n\u0303", "\u212b", "\u2126")


def _at_an_end(draw: st.DrawFn, text: str, added: Sequence[str]) -> str:
    extra = draw(st.sampled_from(added))
    return extra + text if draw(st.booleans()) else text + extra


def _inside(draw: st.DrawFn, text: str, added: Sequence[str]) -> str:
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.sampled_from(added)) + text[at:]


def _unseen(draw: st.DrawFn, text: str) -> str:
    return draw(st.text(st.sampled_from(_UNSEEN + _PADDING), min_size=1, max_size=3))


def _blank(draw: st.DrawFn, text: str) -> str:
    return draw(st.text(_PADDING, min_size=1, max_size=3))


# Each way of spoiling a text: from a valid text, one that breaks the rule "text".
_SPOILS: Mapping[str, Callable[[st.DrawFn, str], str]] = {
    "padded": partial(_at_an_end, added=_PADDING),
    "line break": lambda draw, text: text + "\n",  # as pasted from a file or a form
    "control": partial(_inside, added=_CONTROLS),
    "empty": lambda draw, text: "",
    "blank": _blank,
    "invisible": _unseen,
    "invisible end": partial(_at_an_end, added=_UNSEEN_AT_AN_END),
    # Bidirectional controls are refused anywhere, ends included, and a decomposed letter
    # is one wherever it stands.
    "bidirectional": partial(_inside, added=_BIDI_CONTROLS),
    "decomposed": partial(_inside, added=_DECOMPOSED),
}
_HOW_TO_SPOIL = st.sampled_from(list(_SPOILS))


@st.composite
def _spoiled_text(draw: st.DrawFn, text: str) -> str:
    return _SPOILS[draw(_HOW_TO_SPOIL)](draw, text)


def _not_slugs(slug: str) -> list[str]:
    doubled = slug.replace("-", "--") if "-" in slug else f"{slug}--x"
    variants = [
        f"{slug}-",
        f"-{slug}",
        doubled,
        f"{slug}_1",
        f"{slug} x",
        f"é{slug}",
        f"{slug}\n",
        "",
    ]
    return [*variants, slug.upper()] if slug.upper() != slug else variants


# Codes that break the COG for one kind of territory (but pass as text).
_MISCODES: Mapping[TerritoryKind, tuple[str, ...]] = {
    TerritoryKind.REGION: ("3", "321", "2A", "R3"),
    TerritoryKind.DEPARTEMENT: ("20", "975", "00", "96", "977", "2C", "5"),
    TerritoryKind.COMMUNE: ("5935", "593500", "2C004", "59A50"),
    TerritoryKind.EPCI: ("20009320", "2000932010", "20009320A"),
    TerritoryKind.AREA: ("Bassin-Minier", "bassin_minier", "-bassin", "bassin--minier"),
}
# Codes of no kind of territory: not a slug, not two, five or nine digits.
_NO_CODES = st.one_of(
    st.sampled_from(["Nord", "2C", "FR-59", "Hauts-de-France", "5 9"]),
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=6),
)


@st.composite
def _bad_sirens(draw: st.DrawFn) -> str:
    siren = draw(_SIRENS)
    how = draw(st.sampled_from(["digit", "short", "long", "letter"]))
    if how == "digit":
        # The Luhn checksum catches every change of a single digit.
        at = draw(st.integers(0, 8))
        digit = str((int(siren[at]) + draw(st.integers(1, 9))) % 10)
        return siren[:at] + digit + siren[at + 1 :]
    return {"short": siren[:-1], "long": siren + "0", "letter": siren[:-1] + "A"}[how]


@st.composite
def _three_decimals(draw: st.DrawFn) -> str:
    return _amount_text(draw(_ANY_CENTS)) + draw(st.sampled_from("123456789"))


_BAD_AMOUNTS = st.one_of(
    _three_decimals(),
    _three_decimals().map(Decimal),  # written as a JSON number
    st.sampled_from(
        [
            # zero, negative, too large
            "0",
            "0.00",
            0,
            Decimal("0.00"),
            -5,
            Decimal("-0.01"),
            "1000000000000000.00",
            10**15,
            Decimal("1E+15"),
            # not written like an amount
            "1e3",
            "1.5E+2",
            "-12.00",
            "+12.00",
            ".50",
            "12.",
            "12,50",
            "1 000.00",
            "12.500",
            "12.00\n",
        ]
    ),
)

_NOT_JSON = ("NaN", "Infinity", "-Infinity", "'nord'", '"\\x"', "01", "True", "None", ".5", "+1")
_AFTER_THE_END = ("}", ",", "x", "{}", "]")

_KEY_NAMES = st.one_of(
    st.sampled_from(["ends", "Id", "nom", "siret", "startDate", "amount_eur", "comment"]),
    st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10).map(lambda k: "x" + k),
)
_ANY_JSON = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), _TEXTS)

_NOT_IN_ANY_VOCABULARY = ("département", "Region", "", "at least", "territoire démonstrateur")


# Values of the wrong type for a field, by the type it holds (None is added when the
# field is required: null is its value when it is optional).
_WRONG_VALUES: Mapping[Any, tuple[object, ...]] = {
    str: (123, True, [], {}),
    # A year: text, a boolean, not a whole number, outside the calendar.
    int: ("2019", True, Decimal("2019.5"), 0, 10_000, []),
    Decimal: (True, [], {}),
    dt.date: (20190710, "10/07/2019", "2019-02-30", "2019-07-10T00:00:00", True),
}


def _wrong_values(field_type: Any) -> tuple[object, ...]:
    """Values of the wrong type (to the library) for a field of type *field_type*."""
    args = get_args(field_type)
    optional = type(None) in args
    base = next(a for a in args if a is not type(None)) if optional else field_type
    missing: tuple[object, ...] = () if optional else (None,)
    if get_origin(base) is tuple:
        return ("nord", {}, 3, None)  # a list, even an empty one, is never null
    if isinstance(base, type) and issubclass(base, enum.Enum):
        values = {member.value for member in base}
        wrong = (*(v for v in _NOT_IN_ANY_VOCABULARY if v not in values), 1)
    else:
        wrong = _WRONG_VALUES.get(base, ("nord", [], 3))  # or else a model object
    return (*wrong, *missing)


def _field_types(cls: type[Any]) -> dict[str, Any]:
    return {f.name: f.type for f in attrs.fields(attrs.resolve_types(cls))}


_FIELD_TYPES = {cls: _field_types(cls) for cls in MODEL_STRATEGIES}
_REQUIRED = {
    cls: tuple(f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING)
    for cls in MODEL_STRATEGIES
}

# Fields checked as text, one value or a list of them.
_TEXT_FIELDS: Mapping[type[Any], tuple[str, ...]] = {
    Territory: ("code", "name"),
    Party: ("name", "territory", "siren"),
    Signatory: ("name", "role"),
    Participant: ("name", "role"),
    Priority: ("label",),
    Convention: ("title", "signed_at", "event"),
    Strategy: ("name",),
    Milestone: ("label",),
    Programme: ("name",),
}
_TEXT_LISTS: Mapping[type[Any], tuple[str, ...]] = {Territory: ("within",), Priority: ("themes",)}

# Lists whose items must be unique (by id, or by what identifies them).
_UNIQUE_LISTS: Mapping[type[Any], tuple[str, ...]] = {
    Territory: ("within",),
    Priority: ("themes",),
    FundingCommitment: ("conventions",),
    Convention: ("parties", "signatories", "participants", "priorities"),
    Strategy: ("axes",),
    Programme: ("conventions", "commitments", "milestones"),
}

# -- invalid documents: where each rule can be broken -----------------------------------------


def _replace(
    container: Any, key: str | int, values: st.SearchStrategy[Any], path: str, draw: st.DrawFn
) -> str:
    container[key] = draw(values)
    return path


def _insert(items: list[Any], item: Any, path: str, draw: st.DrawFn, after: int = -1) -> str:
    at = draw(st.integers(after + 1, len(items)))
    items.insert(at, item)
    return f"{path}[{at}]"


# How a document is written.


def _json_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = [partial(_cut_short, draft), partial(_add_after_the_end, draft)]
    for node in draft.nodes:
        sites.extend(partial(_not_json, node.data, key) for key in node.data)
    return sites


def _cut_short(draft: _Draft, draw: st.DrawFn) -> str:
    # No proper prefix of a JSON object is JSON: its closing brace is missing.
    text = draft.written()
    draft.text = text[: draw(st.integers(0, len(text) - 1))]
    return "$"


def _add_after_the_end(draft: _Draft, draw: st.DrawFn) -> str:
    draft.text = draft.written() + draw(st.sampled_from(_AFTER_THE_END))
    return "$"


def _not_json(data: dict[str, Any], key: str, draw: st.DrawFn) -> str:
    data[key] = _Raw(draw(st.sampled_from(_NOT_JSON)))
    return "$"


def _duplicate_key_sites(draft: _Draft) -> list[_Site]:
    return [partial(_repeat_key, draft, node, key) for node in draft.nodes for key in node.data]


def _repeat_key(draft: _Draft, node: _Node, key: str, draw: st.DrawFn) -> str:
    draft.duplicate = (node.path, key)
    return node.at(key)


def _unknown_key_sites(draft: _Draft) -> list[_Site]:
    return [partial(_add_unknown_key, node) for node in draft.nodes]


def _add_unknown_key(node: _Node, draw: st.DrawFn) -> str:
    known = {field.name for field in attrs.fields(type(node.obj))}
    key = draw(_KEY_NAMES)
    # format_version is known to load, which reads the same documents.
    while key in known or key == "format_version":
        key += "_"
    pairs = list(node.data.items())
    pairs.insert(draw(st.integers(0, len(pairs))), (key, draw(_ANY_JSON)))
    node.data.clear()
    node.data.update(pairs)
    return node.at(key)


def _required_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(_remove_key, node, name)
        for node in draft.nodes
        for name in _REQUIRED[type(node.obj)]
    ]


def _remove_key(node: _Node, name: str, draw: st.DrawFn) -> str:
    del node.data[name]
    return node.at(name)


# What each value is.


def _type_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes:
        for name, field_type in _FIELD_TYPES[type(node.obj)].items():
            wrong = st.sampled_from(_wrong_values(field_type))
            sites.append(partial(_replace, node.data, name, wrong, node.at(name)))
            if get_origin(field_type) is tuple:
                items = node.data[name]
                wrong_item = st.sampled_from(_wrong_values(get_args(field_type)[0]))
                sites.extend(
                    partial(_replace, items, index, wrong_item, node.at(name, index))
                    for index in range(len(items))
                )
    return sites


def _text_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes:
        for name in _TEXT_FIELDS.get(type(node.obj), ()):
            sites.append(partial(_spoil_text, node.data, name, node.at(name)))
        for name in _TEXT_LISTS.get(type(node.obj), ()):
            items = node.data[name]
            sites.extend(
                partial(_spoil_text, items, index, node.at(name, index))
                for index in range(len(items))
            )
    return sites


def _spoil_text(container: Any, key: str | int, path: str, draw: st.DrawFn) -> str:
    text = container[key] if container[key] is not None else draw(_TEXTS)
    container[key] = draw(_spoiled_text(text))
    return path


def _slug_sites(draft: _Draft) -> list[_Site]:
    # Identifiers that something refers to are left alone: renaming one would leave its
    # references dangling, a second problem.
    sites: list[_Site] = []
    for node in draft.nodes:
        names = _slug_fields(node)
        sites.extend(partial(_spoil_slug, node.data, name, node.at(name)) for name in names)
        if isinstance(node.obj, FundingCommitment):
            in_tranches = {t.convention for t in node.obj.tranches}
            covered = node.data["conventions"]
            sites.extend(
                partial(_spoil_slug, covered, index, node.at("conventions", index))
                for index, convention_id in enumerate(covered)
                if convention_id not in in_tranches
            )
    return sites


def _slug_fields(node: _Node) -> tuple[str, ...]:
    obj = node.obj
    if isinstance(obj, Programme):
        return ("id",)
    if isinstance(obj, FundingCommitment):
        return ("id", "funder") if obj.priority is None else ("id", "funder", "priority")
    if isinstance(obj, Tranche):
        return ("convention",)
    if isinstance(obj, Signatory):
        return ("party",)
    if isinstance(obj, (Convention, Party, Priority)):
        return () if _is_referenced(node) else ("id",)
    return ()


def _is_referenced(node: _Node) -> bool:
    """Whether anything in the document refers to the convention, party or priority."""
    obj, container = node.obj, node.parent.obj if node.parent else None
    commitments = node.programme.commitments if node.programme else ()
    if isinstance(obj, Convention):
        return any(obj.id in c.conventions for c in commitments)
    if not isinstance(container, Convention):
        return False  # a strategy's axes, or an object on its own
    covering = [c for c in commitments if container.id in c.conventions]
    if isinstance(obj, Party):
        signing = any(s.party == obj.id for s in container.signatories)
        return signing or any(c.funder == obj.id for c in covering)
    return any(c.priority == obj.id for c in covering)


def _spoil_slug(container: Any, key: str | int, path: str, draw: st.DrawFn) -> str:
    container[key] = draw(st.sampled_from(_not_slugs(container[key])))
    return path


def _unique_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes:
        for name in _UNIQUE_LISTS.get(type(node.obj), ()):
            items = node.data[name]
            path = node.at(name)
            sites.extend(partial(_repeat_item, items, i, path) for i in range(len(items)))
        if isinstance(node.obj, FundingCommitment):
            sites.extend(
                partial(_split_tranche, node.data["tranches"], index, node.at("tranches"))
                for index, tranche in enumerate(node.obj.tranches)
                if tranche.amount >= Decimal("0.02")
            )
    return sites


def _repeat_item(items: list[Any], index: int, path: str, draw: st.DrawFn) -> str:
    return _insert(items, copy.deepcopy(items[index]), path, draw, after=index)


def _split_tranche(tranches: list[Any], index: int, path: str, draw: st.DrawFn) -> str:
    # Two tranches for the same year and convention, adding up to the one they replace,
    # so that the breakdown still honours the basis.
    tranche = tranches[index]
    cents = _cents_of(tranche["amount"])
    part = draw(st.integers(1, cents - 1))
    tranches[index] = {**tranche, "amount": _amount_text(part)}
    return _insert(tranches, {**tranche, "amount": _amount_text(cents - part)}, path, draw, index)


def _territory_code_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(Territory):
        sites.extend([partial(_miscode, node), partial(_change_kind, node)])
        within = node.data["within"]
        sites.extend(
            partial(_replace, within, i, _NO_CODES, node.at("within", i))
            for i in range(len(within))
        )
    sites.extend(
        partial(_replace, node.data, "territory", _NO_CODES, node.at("territory"))
        for node in draft.nodes_of(Party)
    )
    return sites


def _miscode(node: _Node, draw: st.DrawFn) -> str:
    territory: Territory = node.obj
    miscodes = list(_MISCODES[territory.kind])
    if territory.kind is TerritoryKind.EPCI:
        last = str((int(territory.code[-1]) + draw(st.integers(1, 9))) % 10)
        miscodes.append(territory.code[:-1] + last)  # fails the Luhn checksum
    # A code it lies within would break "within" too.
    code = draw(st.sampled_from([c for c in miscodes if c not in territory.within]))
    node.data["code"] = code
    return node.at("code")


def _change_kind(node: _Node, draw: st.DrawFn) -> str:
    # A région has two characters and a commune five: no code fits both.
    node.data["kind"] = "region" if len(node.obj.code) != 2 else "commune"
    return node.at("code")


def _within_sites(draft: _Draft) -> list[_Site]:
    return [partial(_within_itself, node) for node in draft.nodes_of(Territory)]


def _within_itself(node: _Node, draw: st.DrawFn) -> str:
    return _insert(node.data["within"], node.obj.code, node.at("within"), draw)


def _siren_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(_replace, node.data, "siren", _bad_sirens(), node.at("siren"))
        for node in draft.nodes_of(Party)
    ]


def _amount_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(_replace, node.data, "amount", _BAD_AMOUNTS, node.at("amount"))
        for node in draft.nodes_of(Tranche, FundingCommitment)
    ]


def _period_order_sites(draft: _Draft) -> list[_Site]:
    return [partial(_reverse, node) for node in draft.nodes_of(Period)]


def _reverse(node: _Node, draw: st.DrawFn) -> str:
    start, end = node.obj.start, node.obj.end
    if start > dt.date.min:
        node.data["end"] = draw(_dates(dt.date.min, start - _ONE_DAY)).isoformat()
    else:  # the first day of the calendar: the period cannot be a single day, so end > start
        node.data["start"] = draw(_dates(end + _ONE_DAY, dt.date.max)).isoformat()
    return node.at("end")


# How the parts of a convention and a commitment fit together.


def _signatory_party_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(Convention):
        party_ids = {p.id for p in node.obj.parties}
        signing = node.data["signatories"]
        sites.append(partial(_add_signatory, signing, party_ids, node.at("signatories")))
        sites.extend(
            partial(_sign_for_other, signatory, party_ids, node.at("signatories", index))
            for index, signatory in enumerate(signing)
        )
    return sites


def _add_signatory(signing: list[Any], party_ids: set[str], path: str, draw: st.DrawFn) -> str:
    signatory = {"name": draw(_TEXTS), "role": draw(_TEXTS), "party": _fresh(draw, party_ids)}
    return _insert(signing, signatory, path, draw) + ".party"


def _sign_for_other(
    signatory: dict[str, Any], party_ids: set[str], path: str, draw: st.DrawFn
) -> str:
    signatory["party"] = _fresh(draw, party_ids)
    return f"{path}.party"


def _signature_date_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(_sign_late, node)
        for node in draft.nodes_of(Convention)
        if node.obj.period.end < dt.date.max
    ]


def _sign_late(node: _Node, draw: st.DrawFn) -> str:
    day = draw(_dates(node.obj.period.end + _ONE_DAY, dt.date.max))
    node.data["signed_on"] = day.isoformat()
    return node.at("signed_on")


def _tranche_year_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(FundingCommitment):
        years = _years_outside(node.obj.period)
        if years is not None:
            sites.extend(
                partial(_replace, tranche, "year", years, node.at("tranches", index, "year"))
                for index, tranche in enumerate(node.data["tranches"])
            )
    return sites


def _years_outside(period: Period) -> st.SearchStrategy[int] | None:
    first, last = period.start.year, period.end.year
    before = [st.integers(max(dt.MINYEAR, first - 30), first - 1)] if first > dt.MINYEAR else []
    after = [st.integers(last + 1, min(dt.MAXYEAR, last + 30))] if last < dt.MAXYEAR else []
    return st.one_of(*before, *after) if before or after else None


def _tranche_convention_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(FundingCommitment):
        # A convention of the programme the commitment does not cover, or none at all.
        programme = node.programme
        members = [c.id for c in programme.conventions] if programme else []
        others = [c for c in members if c not in node.obj.conventions]
        sites.extend(
            partial(_through_other, tranche, node.obj.conventions, others, node.at("tranches", i))
            for i, tranche in enumerate(node.data["tranches"])
        )
    return sites


def _through_other(
    tranche: dict[str, Any],
    covered: Sequence[str],
    others: Sequence[str],
    path: str,
    draw: st.DrawFn,
) -> str:
    tranche["convention"] = _known_or_fresh(draw, others, covered)
    return f"{path}.convention"


def _tranche_basis_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(FundingCommitment):
        if node.obj.tranches:
            sites.append(partial(_change_amount_against_tranches, node))
            if node.obj.tranche_total != node.obj.amount:
                sites.append(partial(_change_basis_against_tranches, node))
    return sites


def _change_amount_against_tranches(node: _Node, draw: st.DrawFn) -> str:
    commitment: FundingCommitment = node.obj
    total = sum(_cents_of(t["amount"]) for t in node.data["tranches"])
    below = [(1, min(total - 1, _MAX_CENTS))] if total > 1 else []
    above = [(total + 1, _MAX_CENTS)] if total < _MAX_CENTS else []
    breaking = {Basis.AT_LEAST: above, Basis.EXACTLY: below + above, Basis.AT_MOST: below}
    ranges = breaking[commitment.basis] or below + above
    if not breaking[commitment.basis]:
        # No amount is out of reach of this breakdown under this basis: say "exactly".
        node.data["basis"] = Basis.EXACTLY.value
    low, high = draw(st.sampled_from(ranges))
    node.data["amount"] = _amount_text(draw(_cents(low, high)))
    return node.at("tranches")


def _change_basis_against_tranches(node: _Node, draw: st.DrawFn) -> str:
    commitment: FundingCommitment = node.obj
    assert commitment.tranche_total is not None
    broken_by = Basis.AT_MOST if commitment.tranche_total > commitment.amount else Basis.AT_LEAST
    node.data["basis"] = draw(st.sampled_from([broken_by, Basis.EXACTLY])).value
    return node.at("tranches")


# How the parts of a programme fit together: only programme documents can break these.


def _programme_node(draft: _Draft) -> _Node:
    root = draft.nodes[0]
    assert isinstance(root.obj, Programme), "a rule of programmes, in a document of another class"
    return root


def _within_programme_sites(draft: _Draft) -> list[_Site]:
    root = _programme_node(draft)
    bounds: Period = root.obj.period
    if (bounds.start, bounds.end) == (dt.date.min, dt.date.max):
        return []  # a programme for all time: nothing can go beyond it
    return [
        partial(_stretch, root, collection, index)
        for collection in ("conventions", "commitments")
        for index in range(len(root.data[collection]))
    ]


def _stretch(root: _Node, collection: str, index: int, draw: st.DrawFn) -> str:
    bounds: Period = root.obj.period
    period = root.data[collection][index]["period"]
    sides = (["end"] if bounds.end < dt.date.max else []) + (
        ["start"] if bounds.start > dt.date.min else []
    )
    # Only ever widened, so the dates inside it (signature, tranche years) stay inside.
    if draw(st.sampled_from(sides)) == "end":
        period["end"] = draw(_dates(bounds.end + _ONE_DAY, dt.date.max)).isoformat()
    else:
        period["start"] = draw(_dates(dt.date.min, bounds.start - _ONE_DAY)).isoformat()
    return root.at(collection, index, "period")


def _commitment_convention_sites(draft: _Draft) -> list[_Site]:
    root = _programme_node(draft)
    members = {c.id for c in root.obj.conventions}
    return [
        partial(_cover_missing, members, root.data["commitments"][i], root.at("commitments", i))
        for i in range(len(root.obj.commitments))
    ]


def _cover_missing(
    members: set[str], commitment: dict[str, Any], path: str, draw: st.DrawFn
) -> str:
    missing = _fresh(draw, members | set(commitment["conventions"]))
    return _insert(commitment["conventions"], missing, f"{path}.conventions", draw)


def _covering_sites(
    draft: _Draft, change: Callable[[Programme, FundingCommitment, Any, str, st.DrawFn], str]
) -> list[_Site]:
    root = _programme_node(draft)
    programme: Programme = root.obj
    return [
        partial(
            change, programme, commitment, root.data["commitments"][i], root.at("commitments", i)
        )
        for i, commitment in enumerate(programme.commitments)
        if commitment.conventions
    ]


def _covered(programme: Programme, commitment: FundingCommitment) -> list[Convention]:
    return [programme.convention(c) for c in commitment.conventions]


def _funder_party_sites(draft: _Draft) -> list[_Site]:
    return _covering_sites(draft, _fund_by_outsider)


def _fund_by_outsider(
    programme: Programme,
    commitment: FundingCommitment,
    data: dict[str, Any],
    path: str,
    draw: st.DrawFn,
) -> str:
    covered = _covered(programme, commitment)
    everyone = [p.id for p in programme.parties]
    # A party of the programme missing from a covered convention, or no party at all.
    outsiders = [
        party_id
        for party_id in everyone
        if any(all(p.id != party_id for p in c.parties) for c in covered)
    ]
    data["funder"] = _known_or_fresh(draw, outsiders, everyone)
    return f"{path}.funder"


def _commitment_priority_sites(draft: _Draft) -> list[_Site]:
    return _covering_sites(draft, _earmark_elsewhere)


def _earmark_elsewhere(
    programme: Programme,
    commitment: FundingCommitment,
    data: dict[str, Any],
    path: str,
    draw: st.DrawFn,
) -> str:
    covered = _covered(programme, commitment)
    every_priority = {p.id for c in programme.conventions for p in c.priorities}
    shared = set.intersection(*({p.id for p in c.priorities} for c in covered))
    elsewhere = sorted(every_priority - shared)
    data["priority"] = _known_or_fresh(draw, elsewhere, every_priority)
    return f"{path}.priority"


def _party_consistency_sites(draft: _Draft) -> list[_Site]:
    root = _programme_node(draft)
    members: tuple[Convention, ...] = root.obj.conventions
    documents = root.data["conventions"]
    first_in: dict[str, int] = {}
    sites: list[_Site] = []
    for c_index, convention in enumerate(members):
        for p_index, party in enumerate(convention.parties):
            path = root.at("conventions", c_index, "parties", p_index)
            if party.id in first_in:
                # A later description of a party: it must match the first one.
                party_data = documents[c_index]["parties"][p_index]
                sites.append(partial(_redescribe_in_place, party_data, path))
                continue
            first_in[party.id] = c_index
            later = [
                (index, documents[index]["parties"])
                for index in range(c_index + 1, len(members))
                if all(p.id != party.id for p in members[index].parties)
            ]
            sites.extend(
                partial(
                    _add_described_differently,
                    to_dict(party),
                    parties,
                    root.at("conventions", index, "parties"),
                )
                for index, parties in later
            )
    return sites


def _redescribe_in_place(party: dict[str, Any], path: str, draw: st.DrawFn) -> str:
    _redescribe(party, draw)
    return path


def _add_described_differently(
    party: dict[str, Any], parties: list[Any], path: str, draw: st.DrawFn
) -> str:
    _redescribe(party, draw)
    return _insert(parties, party, path, draw)


def _redescribe(party: dict[str, Any], draw: st.DrawFn) -> None:
    """Change one thing a party is described by (not its id) to another valid value."""
    field = draw(st.sampled_from(["name", "kind", "territory", "siren"]))
    current = party[field]
    if field == "name":
        other = draw(_TEXTS)
        party["name"] = other if other != current else f"{current} bis"
    elif field == "kind":
        party["kind"] = draw(st.sampled_from([k.value for k in PartyKind if k.value != current]))
    else:
        values = _MAYBE_CODE if field == "territory" else st.none() | _SIRENS
        fallback = "59" if field == "territory" else "225900018"
        code = draw(values)
        party[field] = code if code != current else (fallback if current is None else None)


_SITES: Mapping[str, Callable[[_Draft], list[_Site]]] = {
    "json": _json_sites,
    "duplicate-key": _duplicate_key_sites,
    "unknown-key": _unknown_key_sites,
    "required": _required_sites,
    "type": _type_sites,
    "text": _text_sites,
    "slug": _slug_sites,
    "unique": _unique_sites,
    "territory-code": _territory_code_sites,
    "within": _within_sites,
    "siren": _siren_sites,
    "amount": _amount_sites,
    "period-order": _period_order_sites,
    "signatory-party": _signatory_party_sites,
    "signature-date": _signature_date_sites,
    "tranche-year": _tranche_year_sites,
    "tranche-convention": _tranche_convention_sites,
    "tranche-basis": _tranche_basis_sites,
    "within-programme": _within_programme_sites,
    "commitment-convention": _commitment_convention_sites,
    "funder-party": _funder_party_sites,
    "commitment-priority": _commitment_priority_sites,
    "party-consistency": _party_consistency_sites,
}
