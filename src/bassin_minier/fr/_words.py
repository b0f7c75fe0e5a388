"""How French text is reduced before it is read: spaces, apostrophes, accents, case."""

from __future__ import annotations

import re

from bassin_minier._rules.text import folded

__all__ = ["NUMBER_WORDS", "bare", "require_text", "spaced"]

# Ordinary, no-break (U+00A0) and narrow no-break (U+202F) spaces all separate words, and
# French typography puts the two no-break ones before « : ; ? ! » and inside numbers.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})


def require_text(value: object, what: str) -> str:
    """*value* itself if it is a str; a TypeError (a programming mistake) otherwise."""
    if not isinstance(value, str):
        raise TypeError(f"{what} reads a str, got {type(value).__name__}")
    return value


def spaced(text: str) -> str:
    """*text* with every run of spaces made one plain space, and none around it."""
    return _SPACES.sub(" ", text).strip()


def bare(text: str) -> str:
    """*text* spaced, lowercase, without accents and with straight apostrophes.

    >>> bare("  Côte-d’Or,\u00a0Décembre")
    "cote-d'or, decembre"
    """
    return folded(spaced(text).translate(_APOSTROPHES))


#: Numbers written as words, as they appear in « dix mois plus tard » or « trois ans ».
NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        [
            *("zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
            *("dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept"),
            *("dix-huit", "dix-neuf", "vingt"),
        ]
    )
} | {"une": 1, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100}
