"""`Period`: a span of whole days, both ends included."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

import attrs

from bassin_minier._base import paths
from bassin_minier._rules.catalogue import PERIOD_ORDER
from bassin_minier._rules.checker import Checker
from bassin_minier._rules.fields import DATE, Constraint, Rules

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

__all__ = ["Period"]

_ONE_DAY = dt.timedelta(days=1)


def _ends_after_start(check: Checker, period: Period) -> None:
    if period.start > period.end:
        check.fail(
            paths.field(paths.ROOT, "end"),
            f"the period ends on {period.end}, before it starts on {period.start}; "
            "expected an end on or after the start",
            PERIOD_ORDER,
        )


@attrs.frozen(kw_only=True)
class Period:
    """The days from *start* to *end*, both included.

    >>> p = Period.from_years(2019, 2021)
    >>> p.years
    (2019, 2020, 2021)
    >>> dt.date(2020, 2, 29) in p
    True
    >>> Period.from_years(2020) in p
    True
    """

    start: dt.date
    end: dt.date

    _rules: ClassVar[Rules] = Rules(
        start=DATE,
        end=DATE,
        constraints=[Constraint(_ends_after_start, needs=("start", "end"))],
    )
    __attrs_post_init__ = _rules.post_init()

    @classmethod
    def from_years(cls, first: int, last: int | None = None) -> Period:
        """The calendar years *first* to *last* (or just *first*), 1 January to 31 December."""
        last = first if last is None else last
        check = Checker()
        check.year(paths.field(paths.ROOT, "start"), first)
        check.year(paths.field(paths.ROOT, "end"), last)
        check.raise_if_any()
        return cls(start=dt.date(first, 1, 1), end=dt.date(last, 12, 31))

    @property
    def years(self) -> tuple[int, ...]:
        """Every calendar year the period touches, in order."""
        return tuple(range(self.start.year, self.end.year + 1))

    @property
    def days(self) -> int:
        """How many days the period holds, both ends counted."""
        return (self.end - self.start).days + 1

    @property
    def duration(self) -> relativedelta:
        """The length of the period in years, months and days (2019–2021 is 3 years)."""
        from dateutil.relativedelta import relativedelta  # noqa: PLC0415 - off the import path

        if self.end < dt.date.max:
            return relativedelta(self.end + _ONE_DAY, self.start)
        # No day follows the last date. The calendar repeats every 400 years, so measure
        # to the same day 400 years earlier and add those years back (or, for a period
        # shorter than that, measure the whole period 400 years earlier).
        earlier_end = self.end.replace(year=self.end.year - 400) + _ONE_DAY
        if self.start < earlier_end:
            return relativedelta(earlier_end, self.start) + relativedelta(years=400)
        return relativedelta(earlier_end, self.start.replace(year=self.start.year - 400))

    def __contains__(self, item: object) -> bool:
        """Whether a date falls in the period, or another period lies wholly inside it."""
        if isinstance(item, Period):
            return self.start <= item.start and item.end <= self.end
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            return self.start <= item <= self.end
        raise TypeError(f"a Period holds dates and periods, not {type(item).__name__} values")

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        """Both days, as messages and tables show a period: ``2019-01-01 – 2021-12-31``."""
        return f"{self.start.isoformat()} – {self.end.isoformat()}"
