"""Values that break a rule: spoiled texts, slugs and codes, bad SIRENs and amounts."""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from hypothesis import strategies as st

from bassin_minier import TerritoryKind
from bassin_minier._base import hints
from bassin_minier.testing._values import _ANY_CENTS, _BIDI_CONTROLS, _SIRENS, _SLUGS, _TEXTS


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
    TerritoryKind.COLLECTIVITE: ("69D", "69", "20", "6A", "974R", "75M"),
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


@st.composite
def _seven_decimals(draw: st.DrawFn) -> str:
    whole = draw(st.integers(-999_999, 999_999))
    return f"{whole}.{draw(st.integers(0, 999_999)):06d}{draw(st.sampled_from('123456789'))}"


# Measured values: beyond the bounds, too precise, or not written as plain digits (a JSON
# number in exponent form is only refused out of bounds: 2.3E+4 is held as 23000).
_BAD_NUMBERS = st.one_of(
    _seven_decimals(),
    _seven_decimals().map(Decimal),  # written as a JSON number
    st.sampled_from(
        [
            "1000000000000000",
            "-1000000000000000",
            10**15,
            -(10**16),
            Decimal("1E+15"),
            Decimal("-2.5E+15"),
            "1e3",
            "2.3E+4",
            "+1",
            ".5",
            "-.5",
            "1.",
            "1,5",
            "1 000",
            "12\n",
            "",
            "NaN",
            "Infinity",
            "--1",
            "½",
        ]
    ),
)

# Matching ratios: zero or below, a thousand or more, more than four decimals, or not
# written as plain digits.
_BAD_RATIOS = st.sampled_from(
    [
        "0",
        "0.0",
        0,
        Decimal("0.0000"),
        -1,
        Decimal("-0.5"),
        "-0.5",
        "1000",
        "1000.0",
        1000,
        Decimal("1E+3"),
        "0.33333",
        Decimal("0.33333"),
        "0.00001",
        "1e-1",
        "50%",
        "0,5",
        ".5",
        "1.",
        "+1",
        "0.5\n",
        "",
        "1/2",
        "NaN",
    ]
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
    base = hints.without_none(field_type)
    missing: tuple[object, ...] = () if hints.is_optional(field_type) else (None,)
    if hints.is_tuple_of(base):
        return ("nord", {}, 3, None)  # a list, even an empty one, is never null
    if isinstance(base, type) and issubclass(base, enum.Enum):
        values = {member.value for member in base}
        wrong = (*(v for v in _NOT_IN_ANY_VOCABULARY if v not in values), 1)
    else:
        wrong = _WRONG_VALUES.get(base, ("nord", [], 3))  # or else a model object
    return (*wrong, *missing)
