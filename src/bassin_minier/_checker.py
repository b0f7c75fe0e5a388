"""`Checker`: gathers every violation of one object, then raises them together."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Hashable, Iterable
from decimal import Decimal
from typing import TypeVar

from bassin_minier._errors import ValidationError, Violation
from bassin_minier._money import amount_problem
from bassin_minier._text import slug_problem, text_problem

__all__ = ["Checker", "describe"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def describe(value: object) -> str:
    """A short description of a wrong value for a message: its type, and itself if short."""
    if value is None:
        return "null"
    kind = type(value).__name__
    # Only small scalars are shown: repr of a huge or deeply nested value could be slow,
    # fail (ints beyond 4300 digits) or recurse without end.
    if isinstance(value, str) and len(value) <= 40:
        return f"a str ({value!r})"
    if isinstance(value, int) and value.bit_length() <= 128:
        return f"a {kind} ({value!r})"
    if isinstance(value, (float, Decimal, dt.date, enum.Enum)):
        shown = repr(value)
        return f"a {kind} ({shown})" if len(shown) <= 60 else f"a {kind}"
    return f"a {kind}"


class Checker:
    """Collects violations of one object; each check says whether the value is usable.

    A check that fails records a violation and returns False, so rules that depend on
    the value (comparisons, look-ups) are skipped instead of raising on a wrong type.
    """

    __slots__ = ("_violations",)

    def __init__(self) -> None:
        self._violations: list[Violation] = []

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
        self.fail(path, f"must be {what}, got {describe(value)}", "type")
        return False

    def text(self, path: str, value: object, *, optional: bool = False) -> bool:
        if optional and value is None:
            return False
        if not self.instance(path, value, str, "text" + (" or null" if optional else "")):
            return False
        assert isinstance(value, str)
        return self._passes(path, text_problem(value), "text")

    def slug(self, path: str, value: object, *, optional: bool = False) -> bool:
        if optional and value is None:
            return False
        what = "a slug identifier" + (" or null" if optional else "")
        if not self.instance(path, value, str, what):
            return False
        assert isinstance(value, str)
        return self._passes(path, slug_problem(value), "slug")

    def date(self, path: str, value: object, *, optional: bool = False) -> bool:
        if optional and value is None:
            return False
        if isinstance(value, dt.datetime):
            # A datetime is a date to isinstance, but its time of day would leak into JSON.
            self.fail(path, f"must be a date without a time of day, got {value!r}", "type")
            return False
        return self.instance(path, value, dt.date, "a date" + (" or null" if optional else ""))

    def year(self, path: str, value: object) -> bool:
        return self.instance(path, value, int, "a year (an integer)")

    def amount(self, path: str, value: object) -> bool:
        if isinstance(value, float):
            self.fail(
                path,
                f"must be a Decimal, not a float ({value!r}): a float cannot hold cents exactly",
                "type",
            )
            return False
        if not self.instance(path, value, Decimal, "an amount (a Decimal)"):
            return False
        assert isinstance(value, Decimal)
        return self._passes(path, amount_problem(value), "amount")

    def member(self, path: str, value: object, vocabulary: type[E]) -> bool:
        if isinstance(value, vocabulary):
            return True
        allowed = ", ".join(repr(m.value) for m in vocabulary)
        self.fail(path, f"must be one of {allowed}, got {describe(value)}", "type")
        return False

    def _passes(self, path: str, problem: str | None, rule: str) -> bool:
        if problem is None:
            return True
        self.fail(path, problem, rule)
        return False

    # -- collections -----------------------------------------------------------------------

    def items(self, path: str, value: object, cls: type[T], what: str) -> list[tuple[int, T]]:
        """The ``(index, item)`` pairs of a tuple whose items are of type *cls*.

        Items of another type are reported and left out, so later rules see only usable ones.
        """
        if not self.instance(path, value, tuple, f"a tuple of {what}"):
            return []
        assert isinstance(value, tuple)
        usable = []
        for index, item in enumerate(value):
            if self.instance(f"{path}[{index}]", item, cls, what):
                usable.append((index, item))
        return usable

    def texts(self, path: str, value: object) -> list[tuple[int, str]]:
        """The usable items of a tuple of texts, each checked as text."""
        return [
            (i, text)
            for i, text in self.items(path, value, str, "text")
            if self.text(f"{path}[{i}]", text)
        ]

    def slugs(self, path: str, value: object) -> list[tuple[int, str]]:
        """The usable items of a tuple of slug identifiers, each checked as a slug."""
        return [
            (i, slug)
            for i, slug in self.items(path, value, str, "slug identifiers")
            if self.slug(f"{path}[{i}]", slug)
        ]

    def unique(self, path: str, keyed: Iterable[tuple[int, Hashable]], what: str) -> None:
        """Report every item of the collection at *path* whose key an earlier item has."""
        first: dict[Hashable, int] = {}
        for index, key in keyed:
            if key in first:
                self.fail(
                    f"{path}[{index}]",
                    f"{what} {key!r} is listed twice (first at {path}[{first[key]}])",
                    "unique",
                )
            else:
                first[key] = index
