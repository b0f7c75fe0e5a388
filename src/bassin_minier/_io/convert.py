"""The cattrs converter between model objects and plain data (dicts, lists, strings).

The model knows its invariants; this module only knows how each type is written. Every
hook is strict (no ``str(5)``, no float for money, no unknown keys) and every failure
becomes a `Violation` whose path starts at the object being read.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from bassin_minier._base import hints, paths
from bassin_minier._base.errors import ValidationError, Violation
from bassin_minier._base.shown import describe, shown
from bassin_minier._model.registry import VOCABULARIES
from bassin_minier._rules.catalogue import AMOUNT, REQUIRED, TYPE, UNKNOWN_KEY
from bassin_minier._rules.checker import UNREAD, Checker
from bassin_minier._rules.fields import Rules, rules_of
from bassin_minier._rules.money import (
    canonical_amount,
    float_problem,
    format_amount,
    parse_amount_text,
)

if TYPE_CHECKING:
    import cattrs

    from bassin_minier._io.numbers import PlainNumber

__all__ = [
    "reference_converter",
    "structure",
    "unstructure",
    "violations_of",
]

T = TypeVar("T")

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _type_error(expected: str, value: object) -> ValidationError:
    return ValidationError.at(paths.ROOT, f"must be {expected}, got {describe(value)}", TYPE)


# -- scalars ----------------------------------------------------------------------------------


def _structure_str(value: object, _: object) -> str:
    if isinstance(value, str):
        return value
    raise _type_error("text", value)


def _structure_int(value: object, _: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _type_error("an integer", value)


def _structure_date(value: object, _: object) -> dt.date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _type_error("a date written YYYY-MM-DD", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError.at(
            paths.ROOT, f"is not a date of the calendar: {value}", TYPE
        ) from None


def _structure_amount(value: object, _: object) -> Decimal:
    # Held with two decimals, as construction holds amounts, so that the rules judging a
    # document that cannot be built see the values the object would have had.
    return canonical_amount(_read_amount(value))


def _read_amount(value: object) -> Decimal:
    # Text is the canonical form. A JSON number arrives as an int or, because the JSON
    # reader parses non-integers with Decimal, as an exact Decimal; the model then checks
    # the cents. A float can only come from Python code and has already lost the cents.
    if isinstance(value, str):
        amount = parse_amount_text(value)
        if amount is None:
            raise ValidationError.at(
                paths.ROOT,
                f'must be an amount written like "48000000.00" (digits, then at most two '
                f"decimals; no sign, no exponent), got {describe(value)}",
                AMOUNT,
            )
        return amount
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        raise ValidationError.at(
            paths.ROOT, float_problem(value, 'an amount as text like "12.50"'), TYPE
        )
    raise _type_error('an amount written like "48000000.00"', value)


def _plain_number_hook(kind: PlainNumber) -> Callable[[object, object], Decimal]:
    # A Decimal field that is not an amount: read as the number it is, never held with
    # two decimals nor judged as euros (bassin_minier._io.numbers).
    from bassin_minier._io.numbers import read_plain_number  # noqa: PLC0415 - with the converter

    def structure(value: object, _: object) -> Decimal:
        return read_plain_number(value, kind)

    return structure


def _enum_hook(vocabulary: type[enum.Enum]) -> Callable[[object, object], Any]:
    allowed = ", ".join(repr(m.value) for m in vocabulary)

    def structure(value: object, _: object) -> enum.Enum:
        if isinstance(value, str):
            try:
                return vocabulary(value)
            except ValueError:
                pass
        raise _type_error(f"one of {allowed}", value)

    return structure


# -- containers -------------------------------------------------------------------------------


def _tuple_hook(made: cattrs.Converter, type_: Any) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = hints.item_type(type_)
    structure_item = made.get_structure_hook(item_type)
    what = f"a list of {_plural(item_type)}"

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            raise _type_error(what, value)
        items = []
        violations: list[Violation] = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as exc:  # every failure of an item becomes its violations
                violations.extend(violations_of(exc, paths.item(paths.ROOT, index)))
        if violations:
            raise ValidationError(violations)
        return tuple(items)

    return structure


def _plural(item_type: Any) -> str:
    return "texts" if item_type is str else f"{item_type.__name__} objects"


def _class_hook(made: cattrs.Converter, cls: type[Any]) -> Callable[[object, object], Any]:
    fields = attrs.fields(cls)
    types = hints.field_types(cls)
    readers = [
        (name, type_, _field_reader(made, cls, name, type_)) for name, type_ in types.items()
    ]
    required = hints.required_fields(cls)
    known = frozenset(types)
    rules = rules_of(cls)
    what = f"an object ({_a(cls)})"

    def structure(value: object, _: object) -> Any:
        if not isinstance(value, Mapping):
            raise _type_error(what, value)
        values: dict[str, Any] = {}
        violations: list[Violation] = []
        for name, type_, read in readers:
            if name in value:
                try:
                    values[name] = read(value[name], type_)
                except Exception as exc:  # every failure of a field becomes its violations
                    violations.extend(violations_of(exc, paths.key(paths.ROOT, name)))
        violations.extend(
            Violation(paths.key(paths.ROOT, name), "is required but missing", REQUIRED)
            for name in required
            if name not in value
        )
        violations.extend(_unknown_keys(cls, value.keys() - known))
        if not violations:
            return cls(**values)
        # The object cannot be built, but its own rules can still judge the fields
        # that were read, so that fixing one problem does not reveal the next.
        raise ValidationError([*violations, *_partial_rules(rules, fields, value, values)])

    return structure


def _field_reader(
    made: cattrs.Converter, cls: type[Any], name: str, type_: Any
) -> Callable[[object, object], Any]:
    from bassin_minier._io.numbers import PLAIN_NUMBERS  # noqa: PLC0415 - with the converter

    kind = PLAIN_NUMBERS.get((cls, name))
    return made.get_structure_hook(type_) if kind is None else _plain_number_hook(kind)


def _a(cls: type[Any]) -> str:
    """The class name with its article: a Period, an Amendment."""
    return f"{'an' if cls.__name__[0] in 'AEIOU' else 'a'} {cls.__name__}"


def _unknown_keys(cls: type[Any], keys: AbstractSet[object]) -> Iterator[Violation]:
    expected = ", ".join(f.name for f in attrs.fields(cls))
    # Text keys first, in order; repr() cannot be the sort key: it fails on huge ints.
    for key in sorted(keys, key=lambda k: (0, k) if isinstance(k, str) else (1, describe(k))):
        name = shown(key) if isinstance(key, str) else describe(key)
        yield Violation(
            paths.key(paths.ROOT, key),
            f"unknown key {name} in {_a(cls)} (its keys are {expected})",
            UNKNOWN_KEY,
        )


def _partial_rules(
    rules: Rules,
    fields: Sequence[attrs.Attribute[Any]],
    document: Mapping[Any, Any],
    values: Mapping[str, Any],
) -> tuple[Violation, ...]:
    def value_of(field: attrs.Attribute[Any]) -> Any:
        if field.name in values:
            return values[field.name]
        if field.name in document or field.default is attrs.NOTHING:
            return UNREAD  # unreadable or missing: already reported
        return field.default

    partial = SimpleNamespace(**{f.name: value_of(f) for f in fields})
    check = Checker()
    rules(check, partial)
    return check.violations


# -- the converter ----------------------------------------------------------------------------


def _make_converter() -> cattrs.Converter:
    # cattrs is loaded here, with the first document that needs the reference converter.
    import cattrs  # noqa: PLC0415

    made = cattrs.Converter()
    made.register_structure_hook(str, _structure_str)
    made.register_structure_hook(int, _structure_int)
    made.register_structure_hook(dt.date, _structure_date)
    made.register_structure_hook(Decimal, _structure_amount)
    # By type, not by factory: the vocabularies are str subclasses, and a hook registered
    # for a type takes precedence over factories, so the str hooks would handle them.
    for vocabulary in VOCABULARIES:
        made.register_structure_hook(vocabulary, _enum_hook(vocabulary))
        made.register_unstructure_hook(vocabulary, _enum_value)
    made.register_structure_hook_factory(hints.is_tuple_of, lambda t: _tuple_hook(made, t))
    made.register_structure_hook_factory(hints.is_attrs_class, lambda cls: _class_hook(made, cls))

    made.register_unstructure_hook(dt.date, dt.date.isoformat)
    made.register_unstructure_hook(Decimal, format_amount)
    made.register_unstructure_hook_factory(hints.is_tuple_of, lambda t: _list_hook(made, t))
    # Loaded here, with the converter, so that importing the package does not load it.
    from bassin_minier._io.numbers import PLAIN_NUMBERS  # noqa: PLC0415

    for owner in {cls for cls, _ in PLAIN_NUMBERS}:
        made.register_unstructure_hook(owner, _plain_numbers_writer(made, owner))
    return made


def _plain_numbers_writer(
    made: cattrs.Converter, cls: type[Any]
) -> Callable[[Any], dict[str, Any]]:
    # Its plain numbers are written as they are held ("0.5"), not as amounts ("0.50").
    from bassin_minier._io.numbers import PLAIN_NUMBERS  # noqa: PLC0415 - with the converter
    from bassin_minier._rules.numbers import format_number  # noqa: PLC0415

    writers = [
        (
            name,
            format_number if (cls, name) in PLAIN_NUMBERS else made.get_unstructure_hook(type_),
        )
        for name, type_ in hints.field_types(cls).items()
    ]

    def unstructure(obj: Any) -> dict[str, Any]:
        return {name: write(getattr(obj, name)) for name, write in writers}

    return unstructure


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _list_hook(made: cattrs.Converter, type_: Any) -> Callable[[tuple[Any, ...]], list[Any]]:
    unstructure_item = made.get_unstructure_hook(hints.item_type(type_))

    def unstructure(items: tuple[Any, ...]) -> list[Any]:
        return [unstructure_item(item) for item in items]

    return unstructure


@functools.cache
def reference_converter() -> cattrs.Converter:
    """The converter, built on first use so that importing the package does not pay for it.

    It is the reference: whatever reads or writes faster must give what it gives.
    """
    return _make_converter()


def structure(data: object, cls: type[T]) -> T:
    """*data* read as a *cls*, or a `ValidationError` listing everything wrong with it."""
    try:
        return reference_converter().structure(data, cls)
    except Exception as exc:  # whatever a hook raised, the caller gets a ValidationError
        raise ValidationError(violations_of(exc, paths.ROOT)) from None


def unstructure(obj: object) -> dict[str, Any]:
    """The plain-data form of a model object: the input `structure` reads back."""
    result: dict[str, Any] = reference_converter().unstructure(obj)
    return result


# -- errors -----------------------------------------------------------------------------------


def violations_of(exc: BaseException, path: str) -> Iterator[Violation]:
    """The violations *exc* stands for, with paths under *path*."""
    if isinstance(exc, ValidationError):
        yield from (v.under(path) for v in exc.violations)
    else:  # pragma: no cover - a hook failing in a way no test has shown
        yield Violation(path, f"cannot be read ({type(exc).__name__}: {exc})", TYPE)
