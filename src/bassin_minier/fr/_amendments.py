"""What announcements of amendments say: « un avenant … pour l'année 2020 », « prolongées
jusqu'au 31 décembre 2023 », « repoussé au 30 juin 2021, au lieu du 31 décembre 2020 ».

Each fact is read from the words of one sentence, and only where those words leave nothing
open: a day needs the cue that gives it its role (« jusqu'au » after a prolongation, « au »
after a postponed execution), and a day written without its year stays without one.

Every search here runs over the text a bounded number of times, with patterns that cannot
backtrack over more than the words they look at, so that a long or hostile text is read in
time proportional to its length.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from typing import TypeVar

import attrs

from bassin_minier.fr._dates import _MONTHS as _MONTH_FORMS
from bassin_minier.fr._dates import _WEEKDAYS as _WEEKDAY_FORMS
from bassin_minier.fr._dates import read_date
from bassin_minier.fr._errors import ParseError
from bassin_minier.fr._find import Found
from bassin_minier.fr._words import require_text

__all__ = ["AmendmentFacts", "DayWithoutYear", "find_amendment_facts"]

T = TypeVar("T")

# Month names as French writes them; they are matched once folded (no accents).
_MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
# The folded full names, as the date reader knows them (its first form of each).
_MONTHS = tuple(forms[0] for forms in _MONTH_FORMS)
_WEEKDAYS = tuple(forms[0] for forms in _WEEKDAY_FORMS)


@attrs.frozen
class DayWithoutYear:
    """A day a text writes without its year (« mercredi 29 novembre »): the year is yours.

    *month* runs from 1 to 12; *weekday* (0 for Monday) is the weekday the text names, if
    it names one. `in_year` gives the date once you know the year, checking the weekday.

    >>> day = DayWithoutYear(day=29, month=11, weekday=2)
    >>> str(day)
    'mercredi 29 novembre'
    >>> day.in_year(2023)
    datetime.date(2023, 11, 29)
    """

    day: int
    month: int
    weekday: int | None = None

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"a month runs from 1 to 12, got {self.month}")
        if not 1 <= self.day <= _longest(self.month):
            raise ValueError(f"{_MONTH_NAMES[self.month - 1]} has no day {self.day}")
        if self.weekday is not None and not 0 <= self.weekday <= 6:
            raise ValueError(f"a weekday runs from 0 (Monday) to 6, got {self.weekday}")

    def __str__(self) -> str:
        day = "1er" if self.day == 1 else str(self.day)
        written = f"{day} {_MONTH_NAMES[self.month - 1]}"
        if self.weekday is None:
            return written
        return f"{_WEEKDAYS[self.weekday]} {written}"

    def in_year(self, year: int) -> dt.date:
        """This day in *year*; a `ParseError` if it does not exist then or is another weekday.

        >>> DayWithoutYear(day=29, month=11, weekday=2).in_year(2022)
        Traceback (most recent call last):
        ...
        bassin_minier.fr._errors.ParseError: cannot read 'mercredi 29 novembre': \
in 2022 it is a mardi, not a mercredi
        """
        if not isinstance(year, int) or isinstance(year, bool):
            raise TypeError(f"in_year takes a year as an int, got {type(year).__name__}")
        try:
            found = dt.date(year, self.month, self.day)
        except ValueError as error:
            raise ParseError(str(self), f"there is no such day in {year} ({error})") from None
        if self.weekday is not None and found.weekday() != self.weekday:
            raise ParseError(
                str(self),
                f"in {year} it is a {_WEEKDAYS[found.weekday()]}, not a {_WEEKDAYS[self.weekday]}",
            )
        return found


def _longest(month: int) -> int:
    # 29 February exists in some years: only the year, which is not known, can refuse it.
    return 29 if month == 2 else calendar.monthrange(2001, month)[1]


@attrs.frozen
class AmendmentFacts:
    """What a French text says of amendments, each fact with the words it comes from.

    Every tuple lists its facts in the order of the text, as `Found` values whose ``text``
    is the words read and ``start``/``end`` where they are.

    - *years*: the year an amendment is for (« un avenant … pour l'année 2020 »,
      « les avenants 2020 »), as an int;
    - *period_ends*: the new end of a convention's period (« prolongées jusqu'au
      31 décembre 2023 »);
    - *spend_by*: the day until which the money may be used (« le délai de mise en œuvre
      des mesures est repoussé au 30 juin 2021 », « report d'exécution … au 30 juin 2021 »);
    - *replaced*: the end or deadline a new one replaces (« au lieu du 31 décembre 2020 »);
    - *signed_on*: the day an amendment is signed, when the text gives it in full;
    - *days_without_year*: the day an amendment is signed, when the text leaves out the
      year (« mercredi 29 novembre »): a `DayWithoutYear`, the year being yours to give;
    - *unread*: days that tell of an amendment but cannot be read as a fact, the value
      saying why (a weekday that is wrong, a deadline without its year, several days
      where one signature is told).
    """

    years: tuple[Found[int], ...] = ()
    period_ends: tuple[Found[dt.date], ...] = ()
    spend_by: tuple[Found[dt.date], ...] = ()
    replaced: tuple[Found[dt.date], ...] = ()
    signed_on: tuple[Found[dt.date], ...] = ()
    days_without_year: tuple[Found[DayWithoutYear], ...] = ()
    unread: tuple[Found[str], ...] = ()


def find_amendment_facts(text: str) -> AmendmentFacts:
    """What *text*, in French, says of amendments: years, new ends, deadlines, signatures.

    Only sentences that speak of an amendment (« avenant », « prolongation »,
    « prorogation », « prolongé », « prorogé ») or of a postponed execution
    (« le délai de mise en œuvre … est repoussé au … ») are read. A day is a new end when
    « jusqu'au » follows a prolongation, a deadline when « au » or « jusqu'au » follows a
    postponed execution, the day it replaces after « au lieu du », and the signature's day
    when the sentence tells of a signature and gives no other day. Nothing is guessed: a
    year the text does not write is left out (see `AmendmentFacts.days_without_year`).
    A *text* that is not a str is a `TypeError`.

    >>> facts = find_amendment_facts(
    ...     "Ainsi, le délai de mise en œuvre des mesures est repoussé au 30 juin 2021, "
    ...     "au lieu du 31 décembre 2020."
    ... )
    >>> [(found.text, found.value) for found in facts.spend_by]
    [('30 juin 2021', datetime.date(2021, 6, 30))]
    >>> [(found.text, found.value) for found in facts.replaced]
    [('31 décembre 2020', datetime.date(2020, 12, 31))]
    """
    require_text(text, "find_amendment_facts")
    return _Reader(text).read()


# The text is folded character by character, so that a position in the folded text is the
# same position in the text as written: lowercase, without accents, with plain spaces and
# straight apostrophes. A character whose folded form is not one character stays as it is.
class _Folding(dict[int, str]):
    # Characters up to the end of the general punctuation block (accented Latin letters,
    # the no-break spaces) are kept once folded; others are folded afresh each time, so
    # that a text of every character of Unicode does not grow the table for good.
    _KEPT = 0x2070

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isspace():
            folded = " "
        elif char in "’ʼ‘`":
            folded = "'"
        else:
            lower = char.lower()
            base = unicodedata.normalize("NFD", lower)[:1] if len(lower) == 1 else char
            folded = base if base and not unicodedata.combining(base) else char
        if code < self._KEPT:
            self[code] = folded
        return folded


_FOLDING = _Folding()

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(_WEEKDAYS)
# A day, once folded: « mercredi 29 novembre », « 1er août 2019 », « 30 juin 2021 »,
# « 30/06/2021 ». Each quantifier is followed by a character it cannot match, so that no
# position is tried twice by one match.
_DAY = re.compile(
    rf"\b(?:(?P<weekday>{_WEEKDAY}),? +)?(?P<day>1er|[0-9]{{1,2}}) +(?P<month>{_MONTH})\b"
    r"(?: +(?P<year>[0-9]{4})\b)?"
    r"|\b(?P<numeric>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})\b"
)
# A sentence ends at « . », « ! » or « ? » before a capital (or the end), but not after a
# title or an initial (« M. Bruno Faure », « Mme. Isabelle Sima », « B. Faure »).
_END = re.compile(r"[.!?](?=\s+[\"«(A-ZÀ-Þ]|\s*$)|\n\s*\n")
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:M|MM|Mme|Mmes|Mlle|Dr|Me|Pr|St|Ste|[A-Z])$")

_AMENDMENT = re.compile(
    r"\b(?:avenants?|prolongations?|prorogations?|prolonge(?:e|es|s|r|nt)?|proroge(?:e|es|s|r|nt)?)\b"
)
_POSTPONED = re.compile(r"\b(?:repouss|report|prolong|proroge|decal)")
_EXECUTION = re.compile(r"\b(?:mise en (?:œ|oe)uvre|execution|utilisation|consommation)\b")
_SIGNATURE = re.compile(r"\bsign(?:e|ee|es|ees|ent|ature|atures|er|eront|era)\b")
_YEAR = re.compile(
    r"\bpour l'annee (?P<year>[12][0-9]{3})\b"
    r"|\bavenants? (?:de |pour )?(?:l'annee )?(?P<after>[12][0-9]{3})\b"
)
# What comes just before a day gives it its role; these look at the end of a short window.
_UNTIL = re.compile(r"\bjusqu' ?(?:au|a) (?:la date du |le )?$")
_TO = re.compile(r"\b(?:jusqu' ?)?(?:au|a) (?:la date du |le )?$")
_INSTEAD = re.compile(r"\bau lieu (?:du|de la date du|de) (?:le )?$")
# The roles a day can have, and what « au lieu du » can replace.
_PERIOD_END, _DEADLINE, _REPLACED = "period end", "deadline", "replaced"
_REPLACEABLE = (_PERIOD_END, _DEADLINE)
# How far back a role's cue is looked for, in characters: a few words.
_CUE = 40
# How far back in its sentence a day looks for what is postponed: a long clause.
_CLAUSE = 300


@attrs.frozen
class _Day:
    start: int
    end: int
    value: dt.date | DayWithoutYear | str  # a str says why the day cannot be read


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = text.translate(_FOLDING)
        self.years: list[Found[int]] = []
        self.period_ends: list[Found[dt.date]] = []
        self.spend_by: list[Found[dt.date]] = []
        self.replaced: list[Found[dt.date]] = []
        self.signed_on: list[Found[dt.date]] = []
        self.days_without_year: list[Found[DayWithoutYear]] = []
        self.unread: list[Found[str]] = []
        self.by_role = {
            _PERIOD_END: self.period_ends,
            _DEADLINE: self.spend_by,
            _REPLACED: self.replaced,
        }

    def read(self) -> AmendmentFacts:
        for start, end in self.sentences():
            self.sentence(start, end)
        return AmendmentFacts(
            years=tuple(self.years),
            period_ends=tuple(self.period_ends),
            spend_by=tuple(self.spend_by),
            replaced=tuple(self.replaced),
            signed_on=tuple(self.signed_on),
            days_without_year=tuple(self.days_without_year),
            unread=tuple(self.unread),
        )

    def sentences(self) -> Iterator[tuple[int, int]]:
        start = 0
        for match in _END.finditer(self.text):
            if match[0] != "\n" and _ABBREVIATION.search(
                self.text, max(0, match.start() - 5), match.start()
            ):
                continue
            yield start, match.end()
            start = match.end()
        if start < len(self.text):
            yield start, len(self.text)

    def found(self, start: int, end: int, value: T) -> Found[T]:
        return Found(text=self.text[start:end], start=start, end=end, value=value)

    def sentence(self, start: int, end: int) -> None:
        folded = self.folded
        amendment = _AMENDMENT.search(folded, start, end) is not None
        postponed = _POSTPONED.search(folded, start, end) is not None
        if not (amendment or postponed):
            return
        if amendment:
            for match in _YEAR.finditer(folded, start, end):
                year = int(match["year"] or match["after"])
                self.years.append(self.found(match.start(), match.end(), year))
        signing = amendment and _SIGNATURE.search(folded, start, end) is not None
        unclaimed: list[_Day] = []
        previous: str | None = None  # the role of the day before, which « au lieu du » replaces
        for day in self.days(start, end):
            role = self.role(start, day)
            if role == _REPLACED and previous not in _REPLACEABLE:
                why = "it follows « au lieu du », but no new end or deadline comes before it"
                self.unread.append(self.found(day.start, day.end, why))
            elif role is None:
                unclaimed.append(day)
            else:
                self.claim(day, role)
            previous = role
        if signing:
            self.signature(unclaimed)

    def role(self, sentence: int, day: _Day) -> str | None:
        folded = self.folded
        cue = folded[max(sentence, day.start - _CUE) : day.start]
        clause = folded[max(sentence, day.start - _CLAUSE) : day.start]
        if _INSTEAD.search(cue):
            return _REPLACED
        postponed = _POSTPONED.search(clause) is not None
        if postponed and _EXECUTION.search(clause) and _TO.search(cue):
            return _DEADLINE
        if postponed and _UNTIL.search(cue) and _AMENDMENT.search(clause):
            return _PERIOD_END
        return None

    def claim(self, day: _Day, role: str) -> None:
        value = day.value
        if isinstance(value, dt.date):
            self.by_role[role].append(self.found(day.start, day.end, value))
            return
        why = (
            value
            if isinstance(value, str)
            else f"it has no year; the year of this {role} is left to you"
        )
        self.unread.append(self.found(day.start, day.end, why))

    def signature(self, unclaimed: list[_Day]) -> None:
        if len(unclaimed) > 1:
            for day in unclaimed:
                self.unread.append(
                    self.found(
                        day.start,
                        day.end,
                        f"the sentence tells of a signature and gives {len(unclaimed)} days: "
                        "which is the signature's is left to you",
                    )
                )
            return
        for day in unclaimed:
            if isinstance(day.value, dt.date):
                self.signed_on.append(self.found(day.start, day.end, day.value))
            elif isinstance(day.value, DayWithoutYear):
                self.days_without_year.append(self.found(day.start, day.end, day.value))
            else:
                self.unread.append(self.found(day.start, day.end, day.value))

    def days(self, start: int, end: int) -> Iterator[_Day]:
        for match in _DAY.finditer(self.folded, start, end):
            yield _Day(match.start(), match.end(), self.value(match))

    def value(self, match: re.Match[str]) -> dt.date | DayWithoutYear | str:
        if match["numeric"] is not None or match["year"] is not None:
            try:
                return read_date(self.text[match.start() : match.end()], None)
            except ParseError as error:
                return str(error)
        weekday = None if match["weekday"] is None else _WEEKDAYS.index(match["weekday"])
        day = 1 if match["day"] == "1er" else int(match["day"])
        try:
            return DayWithoutYear(
                day=day, month=_MONTHS.index(match["month"]) + 1, weekday=weekday
            )
        except ValueError as error:
            return f"no such day: {error}"
