"""Drafts: the plain form of a valid object, changed in place, then written as JSON text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from bassin_minier import Programme, to_dict
from bassin_minier._base import paths
from bassin_minier.testing._objects import MODEL_STRATEGIES

# A place where a rule can be broken: it changes the draft and returns the violation's path.
_Site = Callable[[st.DrawFn], str]


@attrs.define
class _Node:
    """A model object in a document: its path, the object, and its (changeable) plain form."""

    path: str
    obj: Any
    data: dict[str, Any]
    parent: _Node | None

    def at(self, *steps: str | int) -> str:
        path = self.path
        for step in steps:
            path = paths.item(path, step) if isinstance(step, int) else paths.field(path, step)
        return path

    @property
    def programme(self) -> Programme | None:
        node: _Node | None = self
        while node is not None and not isinstance(node.obj, Programme):
            node = node.parent
        return None if node is None else node.obj


@attrs.frozen
class _Raw:
    """Text written into the document as it is, such as a token JSON does not have."""

    token: str


@attrs.define
class _Draft:
    """The plain form of a valid object, on its way to breaking one rule."""

    data: dict[str, Any]
    nodes: list[_Node]
    #: The object path and key of a pair written twice.
    duplicate: tuple[str, str] | None = None
    #: The whole text, when the break is in the text rather than in the data.
    text: str | None = None

    @classmethod
    def of(cls, obj: Any) -> _Draft:
        data = to_dict(obj)
        return cls(data, list(_walk(obj, data, paths.ROOT, None)))

    def nodes_of(self, *classes: type[Any]) -> list[_Node]:
        return [node for node in self.nodes if isinstance(node.obj, classes)]

    def written(self) -> str:
        return (
            self.text if self.text is not None else _write(self.data, paths.ROOT, self.duplicate)
        )


def _walk(obj: Any, data: dict[str, Any], path: str, parent: _Node | None) -> Iterable[_Node]:
    node = _Node(path, obj, data, parent)
    yield node
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if type(value) in MODEL_STRATEGIES:
            yield from _walk(value, data[field.name], node.at(field.name), node)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if type(item) in MODEL_STRATEGIES:
                    item_data = data[field.name][index]
                    yield from _walk(item, item_data, node.at(field.name, index), node)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _write(value: object, path: str, duplicate: tuple[str, str] | None) -> str:
    """Compact JSON text of *value*, with the pair *duplicate* written twice."""
    if isinstance(value, dict):
        pairs = []
        for key, item in value.items():
            pair = f"{_string(key)}:{_write(item, paths.field(path, key), duplicate)}"
            pairs.extend([pair, pair] if (path, key) == duplicate else [pair])
        return "{" + ",".join(pairs) + "}"
    if isinstance(value, list):
        items = (_write(item, paths.item(path, i), duplicate) for i, item in enumerate(value))
        return "[" + ",".join(items) + "]"
    if isinstance(value, _Raw):
        return value.token
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value)


def _string(text: str) -> str:
    # A lone surrogate cannot be encoded as UTF-8: JSON can only carry it escaped.
    return json.dumps(text, ensure_ascii=bool(_SURROGATE.search(text)))
