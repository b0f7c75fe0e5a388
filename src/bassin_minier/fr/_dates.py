"""French dates: « le mercredi 10 juillet 2019 », « 1er août », « 13 septembre dernier »…

python-dateutil reads the dates through a French `parserinfo`; but its parser is built to
make the best of anything, filling in what is missing from a default date, swapping day
and month when the month would not exist, ignoring a weekday that contradicts the date and
completing two-digit years. Each of these is a guess, so the text first has to match one of
a few shapes in which nothing is left to guess, and the result is then checked against it.
Its ``dayfirst`` setting, right for 10/07/2019, would also turn ISO 2019-07-10 into the 7th of
October, so ISO dates go through its ISO parser instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import NoReturn, cast

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as relative_weekday

from bassin_minier.fr._errors import ParseError
from bassin_minier.fr._words import NUMBER_WORDS, bare, require_text

__all__ = ["FrenchParserInfo", "parse_date"]

_MONTHS = (
    ("janvier", "janv", "jan"),
    ("fevrier", "fevr", "fev"),
    ("mars",),
    ("avril", "avr"),
    ("mai",),
    ("juin",),
    ("juillet", "juil"),
    ("aout",),
    ("septembre", "sept"),
    ("octobre", "oct"),
    ("novembre", "nov"),
    ("decembre", "dec"),
)
_WEEKDAYS = (
    ("lundi",),
    ("mardi",),
    ("mercredi",),
    ("jeudi",),
    ("vendredi",),
    ("samedi",),
    ("dimanche",),
)


class FrenchParserInfo(dateutil_parser.parserinfo):
    """French month and weekday names, without accents, for python-dateutil.

    Text is reduced to lowercase without accents before it reaches dateutil, so « Août »,
    « aout » and « AOÛT » all read « aout ». The English words dateutil skips by default
    (« of », « the », « at »…) and its time-of-day words are not French: none is kept.
    """

    # dateutil reads these class attributes; its stubs fix the length of each tuple of
    # names, which French does not share (« mars » has no shorter form).
    JUMP = [" ", ".", ",", "/", "-"]  # noqa: RUF012
    MONTHS = cast("list[tuple[str, str] | tuple[str, str, str]]", list(_MONTHS))
    WEEKDAYS = cast("list[tuple[str, str]]", list(_WEEKDAYS))
    HMS = []  # noqa: RUF012
    AMPM = []  # noqa: RUF012
    PERTAIN = []  # noqa: RUF012
    UTCZONE = []  # noqa: RUF012

    def __init__(self) -> None:
        # French writes the day first: 10/07/2019 is the 10th of July.
        super().__init__(dayfirst=True, yearfirst=False)


_DATEUTIL = dateutil_parser.parser(FrenchParserInfo())

_MONTH_WORD = "|".join(name for names in _MONTHS for name in names)
_WEEKDAY_WORD = "|".join(names[0] for names in _WEEKDAYS)

# The shapes a date may take once reduced (lowercase, no accents, single spaces).
_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")
_NUMERIC = re.compile(
    r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4})"
)
_WORDED = re.compile(
    rf"(?:(?P<weekday>{_WEEKDAY_WORD}),? )?"
    rf"(?P<day>1er|[0-9]{{1,2}}) (?P<month>(?:{_MONTH_WORD})\.?)"
    r"(?: (?P<year>[0-9]{4}))?(?: (?P<relative>dernier|prochain))?"
)
_WEEKDAY_RELATIVE = re.compile(rf"(?P<weekday>{_WEEKDAY_WORD}) (?P<relative>dernier|prochain)")
_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNIT = r"jours?|semaines?|mois|ans?|annees?"
_OFFSET_AFTER = re.compile(
    rf"(?P<count>[0-9]{{1,4}}|{_NUMBER}) (?P<unit>{_UNIT}) "
    r"(?P<direction>plus tard|apres|plus tot|auparavant|avant)"
)
_OFFSET_BEFORE = re.compile(
    rf"(?P<direction>il y a|dans) (?P<count>[0-9]{{1,4}}|{_NUMBER}) (?P<unit>{_UNIT})"
)
_DAYS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "apres-demain": 2}
_LATER = {"plus tard", "apres", "dans"}
# Words that introduce a date without changing it: « le 10 juillet », « ce mercredi ».
_LEAD = re.compile(r"^(?:le|ce|du|au) ")

_EXPECTED = (
    "expected a French date such as '10 juillet 2019', 'le mercredi 10 juillet 2019', "
    "'1er août 2019', '10/07/2019' or '2019-07-10', or, given a reference date, "
    "'13 septembre dernier', 'mercredi prochain', 'hier' or 'dix mois plus tard'"
)


def parse_date(text: str, *, reference: dt.date | None = None) -> dt.date:
    """The date *text* writes in French.

    Absolute dates name a day, a month and a four-digit year; ISO dates (``2019-07-10``)
    are read too. Dates relative to *reference* (« 13 septembre dernier »,
    « mercredi prochain », « hier », « dix mois plus tard », « il y a deux ans ») need it.
    A `ParseError` (a `ValueError`) says why anything else is refused; a *text* that is not
    a str, or a *reference* that is not a date, is a `TypeError`.

    >>> parse_date("le mercredi 10 juillet 2019")
    datetime.date(2019, 7, 10)
    >>> parse_date("13 septembre dernier", reference=dt.date(2019, 7, 15))
    datetime.date(2018, 9, 13)
    """
    require_text(text, "parse_date")
    return read_date(text, checked_reference(reference, "parse_date"))


def checked_reference(reference: dt.date | None, caller: str) -> dt.date | None:
    """*reference* as a date (a datetime counts as its day); a TypeError if it is not one."""
    if reference is not None and not isinstance(reference, dt.date):
        raise TypeError(f"the reference of {caller} is a date, got {type(reference).__name__}")
    if isinstance(reference, dt.datetime):
        return reference.date()
    return reference


def read_date(text: str, reference: dt.date | None, *, offsets: bool = True) -> dt.date:
    """`parse_date` on checked arguments; without *offsets*, « dix mois plus tard » is refused.

    Running text gives no anchor for an offset: it counts from an event the text tells,
    not from the day it was written.
    """
    reduced = _LEAD.sub("", bare(text).rstrip(".,;"))
    return _Reading(text, reference, offsets=offsets).read(reduced)


class _Reading:
    """One call of `parse_date`: the text as given, for messages, and the reference."""

    def __init__(self, text: str, reference: dt.date | None, *, offsets: bool) -> None:
        self.text = text
        self._reference = reference
        self._offsets = offsets

    def fail(self, message: str) -> NoReturn:
        raise ParseError(self.text, message)

    def reference(self, what: str) -> dt.date:
        if self._reference is None:
            self.fail(f"{what} is relative: pass the date it is relative to as reference=")
        return self._reference

    def read(self, reduced: str) -> dt.date:
        if reduced in _DAYS:
            return self.shift(self.reference(repr(reduced)), relativedelta(days=_DAYS[reduced]))
        shapes: list[tuple[re.Pattern[str], Callable[[re.Match[str]], dt.date]]] = [
            (_ISO, self.iso),
            (_NUMERIC, self.numeric),
            (_WORDED, self.worded),
            (_WEEKDAY_RELATIVE, self.weekday_relative),
        ]
        if self._offsets:
            shapes += [(_OFFSET_AFTER, self.offset), (_OFFSET_BEFORE, self.offset)]
        for shape, read in shapes:
            if match := shape.fullmatch(reduced):
                return read(match)
        if re.fullmatch(rf"(?:en )?(?:{_MONTH_WORD}) [0-9]{{4}}", reduced):
            self.fail("it names a month, not a day; " + _EXPECTED)
        if re.search(r"\b[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2}\b", reduced):
            self.fail("a two-digit year leaves the century to guess: write the year in full")
        return self.fail(_EXPECTED)

    def dateutil(self, reduced: str, default: dt.datetime) -> dt.date:
        try:
            return _DATEUTIL.parse(reduced, default=default).date()
        except (ValueError, OverflowError) as error:
            # dateutil says « day is out of range for month » and the like, in English.
            self.fail(f"no such date ({error})")

    def iso(self, match: re.Match[str]) -> dt.date:
        # Not through the French parser: with dayfirst=True, dateutil reads 2019-07-10 as
        # the 7th of October. Its ISO parser has no such setting.
        try:
            return dateutil_parser.isoparse(match[0]).date()
        except ValueError as error:
            self.fail(f"no such date ({error})")

    def numeric(self, match: re.Match[str]) -> dt.date:
        found = self.dateutil(match[0], _DEFAULT)
        written = (int(match["year"]), int(match["month"]), int(match["day"]))
        if (found.year, found.month, found.day) != written:
            # dateutil swaps day and month when the month would not exist (09/13/2018).
            self.fail(
                f"there is no month {int(match['month'])} (numeric dates are read day first, "
                "as French writes them: 13/09/2018)"
            )
        return found

    def worded(self, match: re.Match[str]) -> dt.date:
        day = "1" if match["day"] == "1er" else match["day"]
        written = f"{day} {match['month'].rstrip('.')}"
        relative = match["relative"]
        if match["year"] is not None:
            if relative:
                self.fail(f"a date with a year cannot also be {relative!r}")
            found = self.dateutil(f"{written} {match['year']}", _DEFAULT)
        else:
            if not relative:
                self.fail(
                    "it has no year: write the year, or say 'dernier' or 'prochain' and pass "
                    "the date it is relative to as reference="
                )
            found = self.day_in_year(
                self.dateutil(written, _DEFAULT), relative, self.reference(repr(relative))
            )
        if match["weekday"] and _WEEKDAYS[found.weekday()][0] != match["weekday"]:
            self.fail(
                f"{found.isoformat()} is a {_WEEKDAYS[found.weekday()][0]}, "
                f"not a {match['weekday']}"
            )
        return found

    def day_in_year(self, day: dt.date, relative: str, reference: dt.date) -> dt.date:
        # The nearest such day strictly before (« dernier ») or after (« prochain »).
        step = -1 if relative == "dernier" else 1
        year = reference.year
        while True:
            try:
                candidate = day.replace(year=year)
            except ValueError:  # 29 February, in a year without it
                candidate = None
            if candidate is not None and (candidate - reference).days * step > 0:
                return candidate
            year += step
            if not dt.MINYEAR <= year <= dt.MAXYEAR:
                self.fail("no such day within the years a date can hold")

    def weekday_relative(self, match: re.Match[str]) -> dt.date:
        reference = self.reference(repr(match["relative"]))
        weekday = [names[0] for names in _WEEKDAYS].index(match["weekday"])
        if match["relative"] == "dernier":
            delta = relativedelta(days=-1, weekday=relative_weekday(weekday, -1))
        else:
            delta = relativedelta(days=+1, weekday=relative_weekday(weekday, +1))
        return self.shift(reference, delta)

    def offset(self, match: re.Match[str]) -> dt.date:
        reference = self.reference(repr(match["direction"]))
        count = match["count"]
        number = int(count) if count.isdigit() else NUMBER_WORDS[count]
        if match["direction"] not in _LATER:
            number = -number
        unit = match["unit"]
        if unit.startswith("jour"):
            delta = relativedelta(days=number)
        elif unit.startswith("semaine"):
            delta = relativedelta(weeks=number)
        elif unit == "mois":
            delta = relativedelta(months=number)
        else:
            delta = relativedelta(years=number)
        found = self.shift(reference, delta)
        if (delta.months or delta.years) and found.day != reference.day:
            # relativedelta moves 31 January by one month to 28 February: a guess.
            self.fail(
                f"{reference.isoformat()} moved by {match[0]!r} falls on a day the month "
                "does not have"
            )
        return found

    def shift(self, reference: dt.date, delta: relativedelta) -> dt.date:
        try:
            found: dt.date = reference + delta
        except (ValueError, OverflowError):
            self.fail(f"it falls outside the years a date can hold (from {reference})")
        return found


# dateutil fills the fields a text leaves out from this date. The shapes leave out only the
# year of « 13 septembre dernier », which is then resolved against the reference; 2000 is a
# leap year, so that « 29 février dernier » reads before it is resolved.
_DEFAULT = dt.datetime(2000, 1, 1)
