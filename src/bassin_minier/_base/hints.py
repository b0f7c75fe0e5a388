"""What the type of a field says: the one place that reads type hints.

A field of the model holds one of four shapes: a plain value (``str``, ``Decimal``, a
date, a vocabulary), an object of an attrs class, ``X | None``, or ``tuple[X, ...]`` for
every list. Readers, writers, the schema and the rules ask these questions here, so that
a new shape is taught to all of them at once.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, get_args, get_origin

import attrs

__all__ = [
    "attrs_classes_in",
    "field_types",
    "is_attrs_class",
    "is_optional",
    "is_tuple_of",
    "item_type",
    "required_fields",
    "without_none",
]

_UNIONS = (typing.Union, types.UnionType)
_NONE = type(None)


# Resolved once per class: resolving reads the module of every annotation.
_FIELD_TYPES: dict[type[Any], Mapping[str, Any]] = {}


def field_types(cls: type[Any]) -> Mapping[str, Any]:
    """The type of each field of the attrs class *cls*, resolved, in field order."""
    known = _FIELD_TYPES.get(cls)
    if known is None:
        # The modules write their annotations as text (``from __future__ import annotations``).
        hints = typing.get_type_hints(cls)
        resolved = {field.name: hints[field.name] for field in attrs.fields(cls)}
        known = _FIELD_TYPES[cls] = types.MappingProxyType(resolved)
    return known


def required_fields(cls: type[Any]) -> tuple[str, ...]:
    """The fields of the attrs class *cls* that have no default, in field order."""
    return tuple(field.name for field in attrs.fields(cls) if field.default is attrs.NOTHING)


def is_attrs_class(type_: Any) -> bool:
    """Whether *type_* is an attrs class: a field holding one object of the model."""
    return attrs.has(type_)


def is_optional(type_: Any) -> bool:
    """Whether *type_* is ``X | None`` (or ``Optional[X]``)."""
    args = get_args(type_)
    return len(args) == 2 and _NONE in args and get_origin(type_) in _UNIONS


def without_none(type_: Any) -> Any:
    """``X`` for ``X | None``; any other type as it is."""
    if not is_optional(type_):
        return type_
    (present,) = (arg for arg in get_args(type_) if arg is not _NONE)
    return present


def is_tuple_of(type_: Any) -> bool:
    """Whether *type_* is ``tuple[X, ...]``, the type of every list in the model."""
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def item_type(type_: Any) -> Any:
    """``X`` for ``tuple[X, ...]``."""
    if not is_tuple_of(type_):
        raise TypeError(f"{type_!r} is not a tuple of items of one type")
    return get_args(type_)[0]


def attrs_classes_in(type_: Any) -> Iterator[type[Any]]:
    """The attrs classes a field of type *type_* may hold: itself, its items, what it may be."""
    if attrs.has(type_):
        yield type_
    for arg in get_args(type_):
        yield from attrs_classes_in(arg)
