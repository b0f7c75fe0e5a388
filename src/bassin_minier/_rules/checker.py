"""`Checker`: gathers every violation of one object, then raises them together."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Hashable, Sequence
from decimal import Decimal
from itertools import repeat
from operator import itemgetter
from typing import Final, Literal, TypeVar, cast

from bassin_minier._base import paths
from bassin_minier._base.errors import ValidationError, Violation
from bassin_minier._base.shown import describe, shown
from bassin_minier._rules.catalogue import AMOUNT, SLUG, TEXT, TYPE, UNIQUE
from bassin_minier._rules.money import float_problem, held_amount_problem, is_canonical_amount
from bassin_minier._rules.text import is_slug, is_text, slug_problem, text_problem

__all__ = ["UNREAD", "Checker", "Unread", "are_years"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

# The item of an ``(index, item)`` pair.
_ITEM = itemgetter(1)


class Unread(enum.Enum):
    """The type of `UNREAD`, its only value."""

    UNREAD = "UNREAD"

    def __repr__(self) -> str:
        return "UNREAD"


#: Stands for a field that could not be read from a document, whose own problems are
#: already reported: checks skip it quietly.
UNREAD: Final[Literal[Unread.UNREAD]] = Unread.UNREAD


def are_years(values: Sequence[object]) -> bool:
    """Whether every item of *values* passes `Checker.year`'s plain test, all at once."""
    if not set(map(type, values)) <= {int}:
        return False
    # Once every value is an int (no bool among them), a few distinct years remain.
    years = set(cast("Sequence[int]", values))
    return not years or (min(years) >= dt.MINYEAR and max(years) <= dt.MAXYEAR)


class Checker:
    """Collects violations of one object; each check says whether the value is usable.

    A check that fails records a violation and returns False (or None for collections),
    so rules that depend on the value (comparisons, look-ups) are skipped instead of
    raising on a wrong type or reporting consequences of a problem already reported.
    A value that is `UNREAD` is unusable but reported elsewhere, so it adds no violation.

    Every check first asks, in one step, whether the value is plainly right, as nearly
    every value is; only a value that is not goes on to be judged and described.
    """

    __slots__ = ("_violations",)

    def __init__(self) -> None:
        self._violations: list[Violation] = []

    @property
    def violations(self) -> tuple[Violation, ...]:
        return tuple(self._violations)

    def fail(self, path: str, message: str, rule: str) -> None:
        self._violations.append(Violation(path, message, rule))

    def raise_if_any(self) -> None:
        if self._violations:
            raise ValidationError(self._violations)

    # -- one value -------------------------------------------------------------------------

    def instance(
        self, path: str, value: object, expected: type | tuple[type, ...], what: str
    ) -> bool:
        """Whether *value* is an instance of *expected* (``what`` names it for people)."""
        if isinstance(value, expected) and not isinstance(value, bool):
            return True
        if value is not UNREAD:
            self.fail(path, f"must be {what}, got {describe(value)}", TYPE)
        return False

    def optional(
        self, path: str, value: object, expected: type | tuple[type, ...], what: str
    ) -> bool:
        """Whether *value* is usable as an instance of *expected*; None is allowed but unusable."""
        return value is not None and self.instance(path, value, expected, f"{what} or null")

    def text(self, path: str, value: object, *, optional: bool = False) -> bool:
        if type(value) is str and is_text(value):
            return True
        if not self._present(path, value, str, "text", optional):
            return False
        assert isinstance(value, str)
        return self._passes(path, text_problem(value), TEXT)

    def slug(self, path: str, value: object, *, optional: bool = False) -> bool:
        if type(value) is str and is_slug(value):
            return True
        if not self._present(path, value, str, "a slug identifier", optional):
            return False
        assert isinstance(value, str)
        return self._passes(path, slug_problem(value), SLUG)

    def date(self, path: str, value: object, *, optional: bool = False) -> bool:
        if type(value) is dt.date:
            return True
        if isinstance(value, dt.datetime):
            # A datetime is a date to isinstance, but its time of day would leak into JSON.
            self.fail(path, f"must be a date without a time of day, got {value!r}", TYPE)
            return False
        return self._present(path, value, dt.date, "a date", optional)

    def year(self, path: str, value: object) -> bool:
        if type(value) is int and dt.MINYEAR <= value <= dt.MAXYEAR:
            return True
        if not self.instance(path, value, int, "a year (an integer)"):
            return False
        assert isinstance(value, int)
        if dt.MINYEAR <= value <= dt.MAXYEAR:
            return True
        self.fail(path, f"must be a year from 1 to 9999, got {describe(value)}", TYPE)
        return False

    def amount(self, path: str, value: object) -> bool:
        if type(value) is Decimal and is_canonical_amount(value):
            return True
        if isinstance(value, float):
            self.fail(path, float_problem(value, "a Decimal"), TYPE)
            return False
        if not self.instance(path, value, Decimal, "an amount (a Decimal)"):
            return False
        assert isinstance(value, Decimal)
        return self._passes(path, held_amount_problem(value), AMOUNT)

    def member(self, path: str, value: object, vocabulary: type[E]) -> bool:
        if isinstance(value, vocabulary) or value is UNREAD:
            return value is not UNREAD
        allowed = ", ".join(repr(m.value) for m in vocabulary)
        self.fail(path, f"must be one of {allowed}, got {describe(value)}", TYPE)
        return False

    def _present(
        self, path: str, value: object, expected: type, what: str, optional: bool
    ) -> bool:
        if optional:
            return self.optional(path, value, expected, what)
        return self.instance(path, value, expected, what)

    def _passes(self, path: str, problem: str | None, rule: str) -> bool:
        if problem is None:
            return True
        self.fail(path, problem, rule)
        return False

    # -- collections -----------------------------------------------------------------------

    def items(self, path: str, value: object, cls: type[T]) -> list[tuple[int, T]] | None:
        """The ``(index, item)`` pairs of a tuple whose items are all of type *cls*.

        None when the tuple or any item is unusable (each wrong item is reported), so that
        rules relating items to one another only run on the complete collection.
        """
        if type(value) is tuple and all(map(isinstance, value, repeat(cls))):
            return list(enumerate(value))
        one, many = (
            ("text", "texts") if cls is str else (f"a {cls.__name__}", f"{cls.__name__} objects")
        )
        if not self.instance(path, value, tuple, f"a tuple of {many}"):
            return None
        assert isinstance(value, tuple)
        usable = [
            self.instance(paths.item(path, i), item, cls, one) for i, item in enumerate(value)
        ]
        return list(enumerate(value)) if all(usable) else None

    def texts(self, path: str, value: object) -> list[tuple[int, str]] | None:
        """The items of a tuple of texts, each checked as text; None if any is unusable."""
        return self._each(path, value, is_text, self.text)

    def slugs(self, path: str, value: object) -> list[tuple[int, str]] | None:
        """The items of a tuple of slug identifiers; None if any is unusable."""
        return self._each(path, value, is_slug, self.slug)

    def _each(
        self,
        path: str,
        value: object,
        fits: Callable[[str], object],
        check: Callable[[str, object], bool],
    ) -> list[tuple[int, str]] | None:
        items = self.items(path, value, str)
        if items is None:
            return None
        assert isinstance(value, tuple)  # items() has just checked it
        if all(map(fits, value)):
            return items
        usable = [check(paths.item(path, i), item) for i, item in items]
        return items if all(usable) else None

    def unique(
        self,
        path: str,
        items: list[tuple[int, T]] | None,
        what: str,
        key: Callable[[T], Hashable] | None = None,
    ) -> None:
        """Report every item of the collection at *path* whose *key* an earlier item has.

        With no *key*, items are compared whole.
        """
        if items is None or len(items) < 2:
            return
        # map() with an attrgetter key runs in C: no Python call per item.
        values = map(_ITEM, items)
        if len(set(values if key is None else map(key, values))) == len(items):
            return
        keys = [item if key is None else key(item) for _, item in items]
        first: dict[Hashable, int] = {}
        for (index, _), identity in zip(items, keys, strict=True):
            if identity in first:
                self.fail(
                    paths.item(path, index),
                    f"{what} {_key_text(identity)} is listed twice "
                    f"(first at index {first[identity]})",
                    UNIQUE,
                )
            else:
                first[identity] = index


def _key_text(key: Hashable) -> str:
    # A compound key reads as its parts; dates in ISO form rather than as Python code, and
    # text cut short, since it is the user's and may be of any length.
    if isinstance(key, tuple):
        return "(" + ", ".join(_key_text(part) for part in key) + ")"
    if isinstance(key, str):
        return shown(key)
    return key.isoformat() if isinstance(key, dt.date) else repr(key)
