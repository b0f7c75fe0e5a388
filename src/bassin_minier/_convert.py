"""The cattrs converter between model objects and plain data (dicts, lists, strings).

The model knows its invariants; this module only knows how each type is written. Every
hook is strict (no ``str(5)``, no float for money, no unknown keys) and every failure
becomes a `Violation` whose path starts at the object being read.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from bassin_minier._checker import describe
from bassin_minier._convention import Convention
from bassin_minier._errors import ValidationError, Violation
from bassin_minier._funding import FundingCommitment, Tranche
from bassin_minier._money import format_amount, parse_amount_text
from bassin_minier._party import Participant, Party, Signatory
from bassin_minier._period import Period
from bassin_minier._priority import Priority
from bassin_minier._programme import Milestone, Programme, Strategy
from bassin_minier._territory import Territory

__all__ = [
    "MODEL_CLASSES",
    "converter",
    "key_path",
    "require_model_class",
    "require_model_object",
    "structure",
    "unstructure",
    "violations_of",
]

T = TypeVar("T")

#: Every class that can be read and written, in dependency order.
MODEL_CLASSES: tuple[type[Any], ...] = (
    Period,
    Territory,
    Party,
    Signatory,
    Participant,
    Priority,
    Tranche,
    FundingCommitment,
    Convention,
    Strategy,
    Milestone,
    Programme,
)


def require_model_class(cls: object) -> None:
    """Refuse, as a programming error, a class that is not one of the model classes."""
    if cls not in MODEL_CLASSES:
        names = ", ".join(c.__name__ for c in MODEL_CLASSES)
        raise TypeError(f"cls must be one of the model classes ({names}), not {cls!r}")


def require_model_object(obj: object) -> None:
    """Refuse, as a programming error, an object that is not a model object."""
    if type(obj) not in MODEL_CLASSES:
        raise TypeError(f"expected a model object such as a Programme, not {type(obj).__name__}")


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _type_error(expected: str, value: object) -> ValidationError:
    return ValidationError.at("$", f"must be {expected}, got {describe(value)}", "type")


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
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise _type_error("a date written YYYY-MM-DD", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError.at(
            "$", f"is not a date of the calendar: {value!r}", "type"
        ) from None


def _structure_amount(value: object, _: object) -> Decimal:
    # Text is the canonical form. A JSON number arrives as an int or, because the JSON
    # reader parses non-integers with Decimal, as an exact Decimal; the model then checks
    # the cents. A float can only come from Python code and has already lost the cents.
    if isinstance(value, str):
        amount = parse_amount_text(value)
        if amount is None:
            raise ValidationError.at(
                "$",
                f'must be an amount written like "48000000.00" (digits, then at most two '
                f"decimals; no sign, no exponent), got {describe(value)}",
                "amount",
            )
        return amount
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        raise ValidationError.at(
            "$",
            f'must be an amount as text like "12.50", not a float ({value!r}): '
            "a float cannot hold cents exactly",
            "type",
        )
    raise _type_error('an amount written like "48000000.00"', value)


def _enum_hook(vocabulary: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
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


def _is_tuple_of(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(made: cattrs.Converter, type_: Any) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = get_args(type_)[0]
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
                violations.extend(violations_of(exc, f"$[{index}]"))
        if violations:
            raise ValidationError(violations)
        return tuple(items)

    return structure


def _plural(item_type: Any) -> str:
    return "texts" if item_type is str else f"{item_type.__name__} objects"


def _class_hook(made: cattrs.Converter, cls: type[T]) -> Callable[[object, object], T]:
    fields = make_dict_structure_fn(cls, made)
    what = f"an object (a {cls.__name__})"

    def structure(value: object, _: object) -> T:
        if not isinstance(value, Mapping):
            raise _type_error(what, value)
        return fields(value, cls)

    return structure


# -- the converter ----------------------------------------------------------------------------


def _make_converter() -> cattrs.Converter:
    made = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    made.register_structure_hook(str, _structure_str)
    made.register_structure_hook(int, _structure_int)
    made.register_structure_hook(dt.date, _structure_date)
    made.register_structure_hook(Decimal, _structure_amount)
    made.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    made.register_structure_hook_factory(_is_tuple_of, lambda t: _tuple_hook(made, t))
    made.register_structure_hook_factory(attrs.has, lambda cls: _class_hook(made, cls))

    made.register_unstructure_hook(dt.date, dt.date.isoformat)
    made.register_unstructure_hook(Decimal, format_amount)
    made.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda _: _enum_value
    )
    made.register_unstructure_hook_factory(_is_tuple_of, lambda t: _list_hook(made, t))
    return made


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _list_hook(made: cattrs.Converter, type_: Any) -> Callable[[tuple[Any, ...]], list[Any]]:
    unstructure_item = made.get_unstructure_hook(get_args(type_)[0])

    def unstructure(items: tuple[Any, ...]) -> list[Any]:
        return [unstructure_item(item) for item in items]

    return unstructure


converter = _make_converter()


def structure(data: object, cls: type[T]) -> T:
    """*data* read as a *cls*, or a `ValidationError` listing everything wrong with it."""
    try:
        return converter.structure(data, cls)
    except Exception as exc:  # whatever a hook raised, the caller gets a ValidationError
        raise ValidationError(violations_of(exc, "$")) from None


def unstructure(obj: object) -> dict[str, Any]:
    """The plain-data form of a model object: the input `structure` reads back."""
    result: dict[str, Any] = converter.unstructure(obj)
    return result


# -- errors -----------------------------------------------------------------------------------


def violations_of(exc: BaseException, path: str) -> Iterator[Violation]:
    """The violations *exc* stands for, with paths under *path*.

    cattrs groups the errors of a class or a list and marks each with the attribute name
    or index it came from; this walks the groups to give each leaf its full path.
    """
    if isinstance(exc, ValidationError):
        yield from (v.under(path) for v in exc.violations)
    elif isinstance(exc, ForbiddenExtraKeysError):
        expected = ", ".join(a.name for a in attrs.fields(exc.cl))
        for key in sorted(exc.extra_fields, key=repr):
            yield Violation(
                key_path(path, key),
                f"unknown key {key!r} in a {exc.cl.__name__} (its keys are {expected})",
                "unknown-key",
            )
    elif isinstance(exc, (ClassValidationError, IterableValidationError)):
        for sub in exc.exceptions:
            yield from violations_of(sub, _sub_path(path, sub))
    elif isinstance(exc, KeyError) and _note(exc) is not None:
        yield Violation(path, "is required but missing", "required")
    elif isinstance(exc, RecursionError):
        yield Violation(path, "is nested too deeply to be read", "json")
    else:  # pragma: no cover - a hook failing in a way no test has shown
        yield Violation(path, f"cannot be read ({type(exc).__name__}: {exc})", "type")


def _note(exc: BaseException) -> AttributeValidationNote | IterableValidationNote | None:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, (AttributeValidationNote, IterableValidationNote)):
            return note
    return None


def _sub_path(path: str, exc: BaseException) -> str:
    note = _note(exc)
    if isinstance(note, AttributeValidationNote):
        return key_path(path, note.name)
    if isinstance(note, IterableValidationNote):
        return f"{path}[{note.index}]"
    return path  # raised by the class itself: its paths already start at the object


def key_path(path: str, key: object) -> str:
    """*path* followed by the object key *key*, quoted when it is not a plain name."""
    if isinstance(key, str):
        if _IDENTIFIER.match(key):
            return f"{path}.{key}"
        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}[{describe(key)}]"
