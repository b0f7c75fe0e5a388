"""Finding dates and amounts in running text, where they sit among other words."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

import attrs

from bassin_minier.fr._amounts import ParsedAmount, parse_amount
from bassin_minier.fr._dates import checked_reference, read_date
from bassin_minier.fr._errors import ParseError
from bassin_minier.fr._words import require_text

__all__ = ["Found", "find_amounts", "find_dates"]

T = TypeVar("T")

_WORD = re.compile(r"\S+")
# No phrasing either reader accepts is longer than this many words.
_LONGEST = 7
# Words cannot start a phrase when they only close one: « 2019), », « : ».
_OPENING = re.compile(r"[\w€+-]")


@attrs.frozen
class Found(Generic[T]):
    """A *value* read from *text*, the words at ``[start:end]`` of a longer text."""

    text: str
    start: int
    end: int
    value: T


def find_dates(text: str, *, reference: dt.date | None = None) -> tuple[Found[dt.date], ...]:
    """Every date *text* writes, in order, each with where it is.

    Phrasings relative to the day of writing (« le 13 septembre dernier », « hier ») are
    read when *reference* gives that day. Offsets (« dix mois plus tard ») are left out:
    they count from an event the text tells, which only a reader of the text knows.

    >>> [(f.text, f.value.isoformat()) for f in find_dates(
    ...     "Ce mercredi 10 juillet 2019, à Lille, dix mois après le 13 septembre dernier.",
    ...     reference=dt.date(2019, 7, 15),
    ... )]
    [('Ce mercredi 10 juillet 2019', '2019-07-10'), ('le 13 septembre dernier', '2018-09-13')]
    """
    require_text(text, "find_dates")
    on = checked_reference(reference, "find_dates")
    return tuple(_scan(text, lambda phrase: read_date(phrase, on, offsets=False)))


def find_amounts(text: str) -> tuple[Found[ParsedAmount], ...]:
    """Every amount of euros *text* writes, in order, each with where it is.

    >>> [(f.text, f.value.amount, f.value.basis.value) for f in find_amounts(
    ...     "Ce sont au minimum 48 millions d’euros que l’État mobilisera."
    ... )]
    [('au minimum 48 millions d’euros', Decimal('48000000'), 'at_least')]
    """
    require_text(text, "find_amounts")
    return tuple(_scan(text, parse_amount))


def _scan(text: str, read: Callable[[str], T]) -> Iterator[Found[T]]:
    # The longest run of words that reads, from each word on; then on after it.
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    index = 0
    while index < len(words):
        start = words[index][0]
        if _OPENING.match(text, start):
            for last in range(min(index + _LONGEST, len(words)) - 1, index - 1, -1):
                phrase = text[start : words[last][1]].rstrip(".,;:")
                try:
                    value = read(phrase)
                except ParseError:
                    continue
                yield Found(text=phrase, start=start, end=start + len(phrase), value=value)
                index = last
                break
        index += 1
