"""Strategies for the values objects are made of: slugs, texts, dates, codes, amounts."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

from hypothesis import strategies as st

from bassin_minier import Period, TerritoryKind
from bassin_minier._rules.codes import COLLECTIVITE_CODES, DEPARTEMENT_CODES, luhn_check_digit
from bassin_minier._rules.text import is_text
from bassin_minier.testing._arguments import _require, _territory_kind

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
# At least two of those years: room for a convention to end a year before the programme.
_LONG_SPANS = (
    st.tuples(_YEARS_AROUND, _YEARS_AROUND)
    .filter(lambda years: years[0] != years[1])
    .map(lambda years: Period.from_years(min(years), max(years)))
)

# -- territories ------------------------------------------------------------------------------

_DIGIT = st.sampled_from("0123456789")
_SIRENS = st.one_of(
    # Real ones: the départements of Nord and Pas-de-Calais, the Métropole européenne de Lille.
    st.sampled_from(["225900018", "226200012", "200093201"]),
    st.text(_DIGIT, min_size=8, max_size=8).map(lambda body: body + luhn_check_digit(body)),
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
    TerritoryKind.COLLECTIVITE: st.sampled_from(COLLECTIVITE_CODES),
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
