"""Rules of one field, judged one object at a time or for a whole document at once.

A class whose every rule is a rule of one of its fields declares them as `FieldRules`.
An object built in Python runs them as it is built, and each failure is a violation with
its message. The fast reader instead builds a document's objects with these checks put
off (`_checker.checks_deferred`), then judges each field of all the objects of a class
in one go (`all_fields_valid`): one pattern match over all their slugs, one pass over all
their amounts. Both ways accept the same values; a document that fails goes to the
reference reader, which reports each violation.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any, TypeVar, cast

from bassin_minier._base.hints import attrs_classes_in, field_types
from bassin_minier._rules.checker import DEFERRAL, Checker, are_years, enforce
from bassin_minier._rules.codes import any_code_problem, is_any_code, siren_problem
from bassin_minier._rules.money import are_canonical_amounts
from bassin_minier._rules.text import are_slugs, are_texts

__all__ = [
    "AMOUNT",
    "DATE",
    "OPTIONAL_SIREN",
    "OPTIONAL_TERRITORY_CODE",
    "SLUG",
    "TEXT",
    "YEAR",
    "FieldRule",
    "FieldRules",
    "all_fields_valid",
    "member_of",
    "optional_text",
    "unique_texts",
]

E = TypeVar("E", bound=enum.Enum)


class FieldRule:
    """How the value of a field is judged.

    *check* judges one value and reports it to a `Checker`; *all_valid* says whether
    every one of many values passes, without saying why not.
    """

    __slots__ = ("all_valid", "check")

    def __init__(
        self,
        check: Callable[[Checker, str, Any], object],
        all_valid: Callable[[Sequence[object]], bool],
    ) -> None:
        self.check = check
        self.all_valid = all_valid


def _are_dates(values: Sequence[object]) -> bool:
    return set(map(type, values)) <= {dt.date}


SLUG = FieldRule(Checker.slug, are_slugs)
TEXT = FieldRule(Checker.text, are_texts)
YEAR = FieldRule(Checker.year, are_years)
AMOUNT = FieldRule(Checker.amount, are_canonical_amounts)
DATE = FieldRule(Checker.date, _are_dates)


def optional_text(
    problem: Callable[[str], str | None], fits: Callable[[str], object], rule: str
) -> FieldRule:
    """None, or text in which *problem* finds nothing wrong (*fits* says so faster).

    A violation found by *problem* is reported under *rule*.
    """

    def check(checker: Checker, path: str, value: object) -> None:
        if not checker.text(path, value, optional=True):
            return
        if found := problem(cast("str", value)):
            checker.fail(path, found, rule)

    def all_valid(values: Sequence[object]) -> bool:
        present = [value for value in values if value is not None]
        # Texts first: *fits* and *problem* take a str.
        return are_texts(present) and all(map(fits, cast("list[str]", present)))

    return FieldRule(check, all_valid)


def _is_siren(siren: str) -> bool:
    return siren_problem(siren) is None


#: The code of a territory of any kind, or None.
OPTIONAL_TERRITORY_CODE = optional_text(any_code_problem, is_any_code, "territory-code")
#: A SIREN number, or None.
OPTIONAL_SIREN = optional_text(siren_problem, _is_siren, "siren")


def member_of(vocabulary: type[E]) -> FieldRule:
    """A member of the enumeration *vocabulary*."""

    def check(checker: Checker, path: str, value: object) -> bool:
        return checker.member(path, value, vocabulary)

    def all_valid(values: Sequence[object]) -> bool:
        return set(map(type, values)) <= {vocabulary}

    return FieldRule(check, all_valid)


def unique_texts(what: str) -> FieldRule:
    """A tuple of texts, none listed twice; *what* names one in messages."""

    def check(checker: Checker, path: str, value: object) -> None:
        checker.unique(path, checker.texts(path, value), what)

    def all_valid(values: Sequence[object]) -> bool:
        if not set(map(type, values)) <= {tuple}:
            return False
        tuples = cast("Sequence[tuple[object, ...]]", values)
        texts = list(chain.from_iterable(tuples))
        # Texts first: only then can they be put in sets, which keep one of each.
        return are_texts(texts) and len(texts) == sum(map(len, map(set, tuples)))

    return FieldRule(check, all_valid)


class FieldRules:
    """The rule of each field of a class, given by field name in field order."""

    __slots__ = ("_fields",)

    def __init__(self, **rules: FieldRule) -> None:
        # Each field's value read in C, the path of its violations, and its rule.
        self._fields = tuple((attrgetter(name), f"$.{name}", rule) for name, rule in rules.items())

    def __call__(self, check: Checker, obj: object) -> None:
        """Report each field of *obj* that breaks its rule to *check*, in field order."""
        for read, path, rule in self._fields:
            rule.check(check, path, read(obj))

    def post_init(self) -> Callable[[Any], None]:
        """An ``__attrs_post_init__`` raising every violation, unless checks are put off."""

        def checked(obj: Any) -> None:
            # The state is read here rather than in a call: every small object of a
            # document read by msgspec goes through this.
            if DEFERRAL.checker is None:
                enforce(self, obj)

        return checked

    def all_valid(self, objs: Sequence[object]) -> bool:
        """Whether every object of *objs* passes every rule."""
        return all(rule.all_valid(list(map(read, objs))) for read, _, rule in self._fields)


def all_fields_valid(root: object) -> bool:
    """Whether every object in *root*, itself included, passes its class's `FieldRules`."""
    for cls, routes in _routes(type(root)).items():
        found = [obj for route in routes for obj in _reached(root, route)]
        if not _field_rules(cls).all_valid(found):
            return False
    return True


def _field_rules(cls: type[Any]) -> FieldRules:
    return cast("FieldRules", cls._rules)


_ROUTES: dict[type[Any], dict[type[Any], list[tuple[str, ...]]]] = {}


def _routes(root: type[Any]) -> dict[type[Any], list[tuple[str, ...]]]:
    # Each class with FieldRules found in a *root*, and the fields that lead to it.
    known = _ROUTES.get(root)
    if known is not None:
        return known
    found: dict[type[Any], list[tuple[str, ...]]] = {}

    def visit(cls: type[Any], route: tuple[str, ...]) -> None:
        if isinstance(getattr(cls, "_rules", None), FieldRules):
            found.setdefault(cls, []).append(route)
        for name, type_ in field_types(cls).items():
            for inner in attrs_classes_in(type_):
                visit(inner, (*route, name))

    visit(root, ())
    _ROUTES[root] = found
    return found


def _reached(root: object, route: tuple[str, ...]) -> list[object]:
    objs = [root]
    for name in route:
        step: list[object] = []
        for obj in objs:
            value = getattr(obj, name)
            if type(value) is tuple:
                step.extend(value)
            elif value is not None:
                step.append(value)
        objs = step
    return objs
