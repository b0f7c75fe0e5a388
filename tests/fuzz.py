"""Fuzzing the loaders: whatever a document holds, reading it ends in one of two ways.

Either a valid object comes out, and it survives a JSON round trip to the same object and
the same canonical text, or a `BassinMinierError` is raised, whose violations each carry a
path from the document root ("$..."), a message and a rule of the catalogue. Any other
exception, a hang, a malformed violation, a repeated key accepted silently or a command
line that disagrees with the library is a finding.

The inputs are arbitrary bytes, arbitrary JSON values and, mostly, valid documents broken
on purpose: keys dropped, renamed or repeated, values of the wrong type, huge or special
numbers, deep nesting, very long text, lone surrogates, bad UTF-8, a BOM, garbage after
the document, a truncated text, several of these at once.

Run it from the repository root::

    python -m tests.fuzz --examples 100000 [--seed N] [--json REPORT.json]

A seeded `random.Random` draws the examples (hypothesis draws the valid objects they start
from), so each example can be replayed alone with ``--seed N --replay INDEX``; the smallest
input still showing a finding is searched for at the end. The regular test suite runs a
small slice through hypothesis instead, which shrinks any failing example.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import math
import os
import random
import re
import reprlib
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, TypeVar

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._cli import main as cli_main
from bassin_minier._model.registry import MODEL_CLASSES
from bassin_minier.testing import MODEL_STRATEGIES

T = TypeVar("T")
RULE_NAMES = frozenset(rule.name for rule in bm.RULES)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TARGETS = ("from_json", "from_json(str)", "from_dict", "load", "cli")
#: Seconds one example may take before it counts as a hang.
DEFAULT_TIMEOUT = 20.0
NESTED_TOO_DEEPLY = "nested too deeply"


# -- choices ----------------------------------------------------------------------------------


class Chooser(Protocol):
    """Where the choices of an example come from: a seeded random engine, or hypothesis."""

    def below(self, n: int) -> int:
        """An integer from 0 to n - 1."""

    def chance(self, p: float) -> bool:
        """True with probability about *p*; shrinks towards False."""

    def raw_bytes(self, size: int) -> bytes: ...

    def text(self, alphabet: str, size: int) -> str: ...

    def valid_object(self, cls: type[Any]) -> Any: ...


class RandomChooser:
    """Choices from a `random.Random`; valid objects from a pool drawn beforehand."""

    def __init__(self, rng: random.Random, pool: dict[type[Any], list[Any]]) -> None:
        self._rng = rng
        self._pool = pool

    def below(self, n: int) -> int:
        return self._rng.randrange(n)

    def chance(self, p: float) -> bool:
        return self._rng.random() < p

    def raw_bytes(self, size: int) -> bytes:
        return self._rng.randbytes(size)

    def text(self, alphabet: str, size: int) -> str:
        return "".join(self._rng.choices(alphabet, k=size))

    def valid_object(self, cls: type[Any]) -> Any:
        return self._rng.choice(self._pool[cls])


class DrawChooser:
    """Choices drawn by hypothesis, so that a failing example shrinks."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def below(self, n: int) -> int:
        return self._draw(st.integers(0, n - 1))

    def chance(self, p: float) -> bool:
        return self._draw(st.integers(0, 999)) >= round(1000 * (1 - p))

    def raw_bytes(self, size: int) -> bytes:
        return self._draw(st.binary(min_size=size, max_size=size))

    def text(self, alphabet: str, size: int) -> str:
        return self._draw(st.text(alphabet, min_size=size, max_size=size))

    def valid_object(self, cls: type[Any]) -> Any:
        return self._draw(MODEL_STRATEGIES[cls])


def pick(choose: Chooser, items: Sequence[T]) -> T:
    return items[choose.below(len(items))]


def pick_weighted(choose: Chooser, table: Sequence[tuple[int, T]]) -> T:
    roll = choose.below(sum(weight for weight, _ in table))
    for weight, item in table:
        if roll < weight:
            return item
        roll -= weight
    raise AssertionError("unreachable: the roll is below the total weight")


# -- documents as trees -----------------------------------------------------------------------


@attrs.frozen
class Raw:
    """A value written as this exact JSON *text*; `from_dict` receives *python* instead.

    Holds what a Python value cannot be written as (NaN, 1e999, 10**5000 digits) and what
    JSON cannot hold (a set, a float, a date).
    """

    text: str
    python: Any = attrs.field(eq=False, repr=False)


class Pairs:
    """A JSON object written pair by pair, so that a key can appear twice."""

    __slots__ = ("items",)

    def __init__(self, items: list[tuple[str, Any]]) -> None:
        self.items = items


def to_python(node: Any) -> Any:
    """The value `from_dict` receives for *node*: the last of repeated keys wins, as in JSON."""
    if isinstance(node, Raw):
        return node.python
    if isinstance(node, Pairs):
        return {key: to_python(value) for key, value in node.items}
    if isinstance(node, dict):
        return {key: to_python(value) for key, value in node.items()}
    if isinstance(node, list):
        return [to_python(item) for item in node]
    return node


@attrs.frozen
class Style:
    """How a tree is written: separators, line breaks, escapes."""

    item_separator: str = ","
    key_separator: str = ":"
    indent: str | None = None
    ascii_only: bool = False


def render(node: Any, style: Style) -> str:
    parts: list[str] = []
    _render(node, style, 0, parts)
    return "".join(parts)


def _render(node: Any, style: Style, depth: int, parts: list[str]) -> None:
    if isinstance(node, Raw):
        parts.append(node.text)
    elif isinstance(node, (dict, Pairs)):
        pairs: list[tuple[str | None, Any]] = list(
            node.items if isinstance(node, Pairs) else node.items()
        )
        _render_members(pairs, "{}", style, depth, parts)
    elif isinstance(node, list):
        _render_members([(None, item) for item in node], "[]", style, depth, parts)
    elif isinstance(node, str):
        parts.append(json.dumps(node, ensure_ascii=style.ascii_only))
    else:  # None, bool, int and float write as JSON does (NaN and Infinity included)
        parts.append(json.dumps(node))


def _render_members(
    members: Sequence[tuple[str | None, Any]],
    brackets: str,
    style: Style,
    depth: int,
    parts: list[str],
) -> None:
    parts.append(brackets[0])
    for position, (key, value) in enumerate(members):
        if position:
            parts.append(style.item_separator)
        if style.indent is not None:
            parts.append("\n" + style.indent * (depth + 1))
        if key is not None:
            parts.append(json.dumps(key, ensure_ascii=style.ascii_only) + style.key_separator)
        _render(value, style, depth + 1, parts)
    if members and style.indent is not None:
        parts.append("\n" + style.indent * depth)
    parts.append(brackets[1])


STYLES = (
    Style(),
    Style(", ", ": "),
    Style(",", ": ", indent="  "),
    Style(ascii_only=True),
    Style(" ,\t", " :\r\n", indent="\t", ascii_only=True),
)


# Where a value sits: its container and its key or index there.
Slot = tuple[Any, Any]


def slots(holder: list[Any]) -> list[Slot]:
    """Every place of the tree held in *holder* (a one-item list, so the root has a place)."""
    found: list[Slot] = []
    stack: list[Slot] = [(holder, 0)]
    while stack:
        slot = stack.pop()
        found.append(slot)
        node = get(slot)
        if isinstance(node, dict):
            stack.extend((node, key) for key in node)
        elif isinstance(node, Pairs):
            stack.extend((node, index) for index in range(len(node.items)))
        elif isinstance(node, list):
            stack.extend((node, index) for index in range(len(node)))
    return found


def get(slot: Slot) -> Any:
    parent, key = slot
    return parent.items[key][1] if isinstance(parent, Pairs) else parent[key]


def put(slot: Slot, value: Any) -> None:
    parent, key = slot
    if isinstance(parent, Pairs):
        parent.items[key] = (parent.items[key][0], value)
    else:
        parent[key] = value


def clone(node: Any) -> Any:
    """A copy of a tree whose containers can be changed apart; a `Raw` is never changed."""
    if isinstance(node, Pairs):
        return Pairs([(key, clone(value)) for key, value in node.items])
    if isinstance(node, dict):
        return {key: clone(value) for key, value in node.items()}
    if isinstance(node, list):
        return [clone(item) for item in node]
    return node


def is_leaf(node: Any) -> bool:
    return not isinstance(node, (dict, list, Pairs))


# -- values that are often trouble ------------------------------------------------------------

FIELD_NAMES: tuple[str, ...] = tuple(
    sorted({f.name for cls in MODEL_CLASSES for f in attrs.fields(cls)})
)
VOCABULARY: tuple[str, ...] = tuple(
    m.value
    for e in (bm.TerritoryKind, bm.PartyKind, bm.ConventionKind, bm.Basis, bm.RelationKind)
    for m in e
)

STRINGS: tuple[str, ...] = (
    *("", " ", "nord", "etat", "pas-de-calais", "Nord", " nord", "nord ", "nord--x", "a_b"),
    *("2019-07-10", "2019-02-29", "2020-02-29", "0001-01-01", "9999-12-31", "0000-01-01"),
    *("10000-01-01", "2019-7-10", "2019-07-10T00:00:00", "١٩٨٤-٠١-٠١", "2019-13-01"),
    *("48000000.00", "0.01", "0.00", "1.234", "1.230", "-1.00", "1e999", "1E+2", "NaN"),
    *("Infinity", "-0", "+1.00", "1_000.00", " 1.00", "1.00 ", "1,00", "١٢٣", "１２３"),
    *("999999999999999.99", "1000000000000000.00", "0000000000000001.00", "48 000 000"),
    *("59", "62", "32", "2A", "2b", "20", "975", "976", "00", "59000", "225900018"),
    *("225900019", "22590001", "2259000180", "at_least", "AT_LEAST", "region", "Region"),
    *("a\x00b", "a\nb", "\u2028", "\ufeff", "a\u00a0", "\u202fa", "\U0001f1eb\U0001f1f7"),
    *("\\", '"', "\x7f", "\x85", "é" * 41, "Neveü", "mise en œuvre", "$", "$.id"),
    *FIELD_NAMES,
    *VOCABULARY,
)
INTEGERS = (0, 1, -1, 2, 1976, 2018, 2019, 2021, 9999, 10000, 10**15, 10**15 - 1, 2**31, 2**63)
FLOATS = (0.0, -0.0, 0.5, 1.5, 2019.0, 48000000.0, 0.1 + 0.2, 1e300, math.inf, -math.inf, math.nan)

#: Numbers as JSON text, and what a Python caller might pass instead.
NUMBER_LITERALS: tuple[tuple[str, Any], ...] = (
    ("NaN", math.nan),
    ("Infinity", math.inf),
    ("-Infinity", -math.inf),
    ("1e999", Decimal("1e999")),
    ("-1e999", Decimal("-1e999")),
    ("1e-999", Decimal("1e-999")),
    ("1e99999999999999999999", math.inf),
    ("1e-99999999999999999999", 0.0),
    ("-0", 0),
    ("-0.0", Decimal("-0.0")),
    ("0.0", Decimal("0.0")),
    ("1.0000000000000000001", Decimal("1.0000000000000000001")),
    ("1.230", Decimal("1.230")),
    ("12.345", Decimal("12.345")),
    ("1E+2", Decimal("1E+2")),
    ("1.5e3", Decimal("1.5e3")),
    ("2019.0", Decimal("2019.0")),
    ("48000000", 48_000_000),
    ("48000000.00", Decimal("48000000.00")),
    ("999999999999999.99", Decimal("999999999999999.99")),
    ("0.01", Decimal("0.01")),
    ("-1", -1),
    # Not JSON at all: the reader must say so.
    ("00", 0),
    ("+1", 1),
    (".5", 0.5),
    ("1.", 1.0),
    ("0x10", 16),
    ("1_000", 1000),
    ("nan", math.nan),
    ("-NaN", math.nan),
    ("1e", 1),
    ("infinity", math.inf),
)

#: Text of JSON strings holding lone surrogates, and the Python text they stand for.
SURROGATE_LITERALS: tuple[tuple[str, str], ...] = (
    ('"\\ud800"', "\ud800"),
    ('"a\\udfffb"', "a\udfffb"),
    ('"\\ud800\\u0041"', "\ud800A"),
    ('"\\udc00\\ud800"', "\udc00\ud800"),
    ('"\\ud83c\\udde7"', "\U0001f1e7"),
    ('"nord\\ud800"', "nord\ud800"),
)


def huge_integer(choose: Chooser) -> Raw | int:
    digits = pick(choose, (20, 4300, 4301, 5000, 20000))
    if digits == 20 and choose.chance(0.5):
        return pick(choose, (10**20, -(10**20), 2**64))
    if digits == 5000:
        # 10**5000 written out: str() of the int itself would refuse that many digits.
        return Raw("1" + "0" * digits, 10**digits)
    text = "9" * digits
    return Raw(text, int(text) if digits <= 4300 else 10**digits - 1)


def nested(depth: int, shape: str) -> Raw:
    """A value nested *depth* levels deep, built without recursion."""
    python: Any = 0
    for level in reversed(range(depth)):  # from the innermost level out
        python = [python] if shape == "[" or (shape == "mixed" and level % 2) else {"a": python}
    if shape == "[":
        text = "[" * depth + "0" + "]" * depth
    elif shape == "{":
        text = '{"a":' * depth + "0" + "}" * depth
    else:
        opening = "".join('{"a":' if level % 2 == 0 else "[" for level in range(depth))
        closing = "".join("}" if level % 2 == 0 else "]" for level in reversed(range(depth)))
        text = opening + "0" + closing
    return Raw(text, python)


def long_string(choose: Chooser) -> str:
    size = pick(choose, (10**3, 10**4, 10**6))
    pattern = pick(choose, ("a", "é", "nord-", "1", "\\", "€ ", "\U0001f1eb"))
    value = (pattern * (size // len(pattern) + 1))[:size]
    return pick(choose, (value, value + "x", " " + value, value + "\ud800"))


class _Opaque:
    """An object no reader knows about."""

    def __repr__(self) -> str:
        return "<opaque>"


def python_only(choose: Chooser) -> Raw:
    """A value that JSON cannot hold, for `from_dict`; the text is its closest JSON."""
    choices: tuple[tuple[str, Any], ...] = (
        ("1.5", 1.5),
        ("2019.0", 2019.0),
        ("[1]", (1,)),
        ('["59"]', ("59",)),
        ("[1]", {1}),
        ('["59"]', frozenset({"59"})),
        ('"nord"', b"nord"),
        ('"nord"', bytearray(b"nord")),
        ('"NaN"', Decimal("NaN")),
        ('"sNaN"', Decimal("sNaN")),
        ('"-Infinity"', Decimal("-Infinity")),
        ('"1.5"', Decimal("1.5")),
        ('"2019-07-10"', dt.date(2019, 7, 10)),
        ('"2019-07-10T12:00:00"', dt.datetime(2019, 7, 10, 12)),
        ('"1j"', 1j),
        ("null", _Opaque()),
        ('"state"', bm.PartyKind.STATE),
        ('"region"', bm.TerritoryKind.REGION),
        ('{"1":1}', {1: 1}),
        ('{"null":1}', {None: 1}),
        ('{"[1, 2]":1}', {(1, 2): 1}),
        ('{"id":"nord"}', {"id": "nord", 2: "b"}),
        ('{"NaN":1}', {math.nan: 1}),
        # A key whose repr() refuses to be written: too many digits.
        ('{"1":1}', {10**5000: 1}),
    )
    text, python = pick(choose, choices)
    return Raw(text, python)


def arbitrary_json(choose: Chooser, depth: int = 0) -> Any:
    kind = pick_weighted(
        choose,
        ((5, "str"), (3, "int"), (1, "float"), (1, "bool"), (1, "null"), (1, "number"))
        + (((2, "list"), (2, "dict")) if depth < 4 else ()),
    )
    if kind == "list":
        return [arbitrary_json(choose, depth + 1) for _ in range(choose.below(4))]
    if kind == "dict":
        keys = [arbitrary_key(choose) for _ in range(choose.below(4))]
        return {key: arbitrary_json(choose, depth + 1) for key in keys}
    return arbitrary_scalar(choose, kind)


def arbitrary_scalar(choose: Chooser, kind: str) -> Any:
    makers: dict[str, Callable[[], Any]] = {
        "str": lambda: _arbitrary_text(choose),
        "int": lambda: pick(choose, INTEGERS) if choose.chance(0.7) else choose.below(10**6) - 500,
        "float": lambda: pick(choose, FLOATS),
        "bool": lambda: choose.chance(0.5),
        "number": lambda: Raw(*pick(choose, NUMBER_LITERALS)),
        "null": lambda: None,
    }
    return makers[kind]()


def _arbitrary_text(choose: Chooser) -> str:
    if choose.chance(0.7):
        return pick(choose, STRINGS)
    return choose.text('abc-_ .éœ0123456789\u00a0\ud800\x00"\\{}', choose.below(12))


def arbitrary_key(choose: Chooser) -> str:
    if choose.chance(0.7):
        return pick(choose, FIELD_NAMES)
    return pick(choose, STRINGS)


# -- mutations of a document ------------------------------------------------------------------

Mutation = Callable[[Chooser, list[Any]], bool]


def _objects(holder: list[Any]) -> list[Slot]:
    return [s for s in slots(holder) if isinstance(get(s), dict) and get(s)]


def _lists(holder: list[Any]) -> list[Slot]:
    return [s for s in slots(holder) if isinstance(get(s), list) and get(s)]


def _values(holder: list[Any]) -> list[Slot]:
    # Not the holder itself, and nothing inside a Raw, which is written as it is.
    return [s for s in slots(holder) if s[0] is not holder]


def _leaves(holder: list[Any]) -> list[Slot]:
    return [s for s in _values(holder) if is_leaf(get(s)) and not isinstance(get(s), Raw)]


def drop_key(choose: Chooser, holder: list[Any]) -> bool:
    objects = _objects(holder)
    if not objects:
        return False
    obj = get(pick(choose, objects))
    del obj[pick(choose, list(obj))]
    return True


def rename_key(choose: Chooser, holder: list[Any]) -> bool:
    objects = _objects(holder)
    if not objects:
        return False
    obj = get(pick(choose, objects))
    old = pick(choose, list(obj))
    new = pick(
        choose,
        (
            old.upper(),
            old + "_",
            old[:-1],
            old.replace("_", "-"),
            old.title().replace("_", ""),
            " " + old,
            old + "\u00a0",
            old + "\ud800",
            "",
            "format_version",
            arbitrary_key(choose),
        ),
    )
    renamed = {(new if key == old else key): value for key, value in obj.items()}
    obj.clear()
    obj.update(renamed)
    return True


def repeat_key(choose: Chooser, holder: list[Any]) -> bool:
    objects = _objects(holder)
    if not objects:
        return False
    slot = pick(choose, objects)
    pairs = list(get(slot).items())
    index = choose.below(len(pairs))
    key, value = pairs[index]
    again = clone(value) if choose.chance(0.5) else arbitrary_json(choose, 3)
    where = pick(choose, (index + 1, len(pairs), 0))
    pairs.insert(where, (key, again))
    put(slot, Pairs(pairs))
    return True


def retype(choose: Chooser, holder: list[Any]) -> bool:
    values = _values(holder)
    if not values:
        return False
    slot = pick(choose, values)
    put(slot, _retyped(choose, get(slot)))
    return True


def _retyped(choose: Chooser, value: Any) -> Any:
    makers: dict[str, Callable[[], Any]] = {
        "str": lambda: _as_text(value),
        "int": lambda: _as_integer(value),
        "float": lambda: float(_as_integer(value)) + pick(choose, (0.0, 0.5)),
        "list": lambda: pick(choose, ([], [value])),
        "dict": lambda: pick(choose, ({}, {"value": value})),
        "bool": lambda: bool(value),
        "null": lambda: None,
    }
    return makers[pick(choose, tuple(makers))]()


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value + " "
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return repr(value)
    return ""


def _as_integer(value: Any) -> int:
    if isinstance(value, str):
        digits = value.replace("-", "").replace(".", "")
        return int(digits[:18]) if digits[:18].isdecimal() and digits.isascii() else len(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, dict)):
        return len(value)
    return 0


def huge_number(choose: Chooser, holder: list[Any]) -> bool:
    return _replace(choose, holder, lambda: huge_integer(choose))


def special_number(choose: Chooser, holder: list[Any]) -> bool:
    return _replace(choose, holder, lambda: Raw(*pick(choose, NUMBER_LITERALS)))


def number_text(choose: Chooser, holder: list[Any]) -> bool:
    texts = ("1e999", "NaN", "Infinity", "-0", "-0.00", "0.00", "1.234", "1.230", " 1.00")
    return _replace(choose, holder, lambda: pick(choose, texts))


def deep_nesting(choose: Chooser, holder: list[Any]) -> bool:
    depth = pick(choose, (2, 50, 500, 900, 980, 990, 1000, 1200, 5000, 10**5))
    return _replace(choose, holder, lambda: nested(depth, pick(choose, ("[", "{", "mixed"))))


def very_long_string(choose: Chooser, holder: list[Any]) -> bool:
    return _replace(choose, holder, lambda: long_string(choose), leaves_only=True)


def lone_surrogate(choose: Chooser, holder: list[Any]) -> bool:
    if choose.chance(0.5):
        return _replace(choose, holder, lambda: Raw(*pick(choose, SURROGATE_LITERALS)))
    # As a character of the text itself: escaped or, when written raw, not UTF-8.
    return _replace(choose, holder, lambda: pick(choose, ("\ud800", "nord\udc00", "\udfff")))


def python_value(choose: Chooser, holder: list[Any]) -> bool:
    return _replace(choose, holder, lambda: python_only(choose))


def add_key(choose: Chooser, holder: list[Any]) -> bool:
    objects = _objects(holder)
    if not objects:
        return False
    get(pick(choose, objects))[arbitrary_key(choose)] = arbitrary_json(choose, 2)
    return True


def format_version(choose: Chooser, holder: list[Any]) -> bool:
    if not isinstance(holder[0], dict):
        return False
    versions: tuple[Any, ...] = (1, 1, 2, 0, -1, "1", True, None, 10**30, [1], {})
    version = pick(choose, (*versions, Raw("1.0", 1.0), Raw("1e999", math.inf)))
    document = {"format_version": version, **holder[0]}
    if choose.chance(0.5):  # where save() does not put it
        document = {**holder[0], "format_version": version}
    holder[0] = document
    return True


def swap_values(choose: Chooser, holder: list[Any]) -> bool:
    leaves = _leaves(holder)
    if len(leaves) < 2:
        return False
    first, second = pick(choose, leaves), pick(choose, leaves)
    one, other = get(first), get(second)
    put(first, other)
    put(second, one)
    return True


def copy_value(choose: Chooser, holder: list[Any]) -> bool:
    """Make one value equal to another: two ids alike, a reference to another thing.

    Mostly between values of the same shape (a slug for a slug, a date for a date), so
    that the document stays well typed and only the rules relating values can object.
    """
    leaves = _leaves(holder)
    if len(leaves) < 2:
        return False
    target = pick(choose, leaves)
    alike = [s for s in leaves if _shape(get(s)) == _shape(get(target))]
    put(target, get(pick(choose, alike if choose.chance(0.8) else leaves)))
    return True


def _shape(value: Any) -> str:
    if not isinstance(value, str):
        return type(value).__name__
    if value.replace(".", "").isdecimal() and "." in value:
        return "amount"
    if len(value) == 10 and value[4:5] == "-":
        return "date"
    return "slug" if SLUG.match(value) else "text"


def repeat_item(choose: Chooser, holder: list[Any]) -> bool:
    lists = _lists(holder)
    if not lists:
        return False
    items = get(pick(choose, lists))
    items.insert(choose.below(len(items) + 1), clone(pick(choose, items)))
    return True


def drop_item(choose: Chooser, holder: list[Any]) -> bool:
    lists = _lists(holder)
    if not lists:
        return False
    items = get(pick(choose, lists))
    del items[choose.below(len(items))]
    return True


def perturb(choose: Chooser, holder: list[Any]) -> bool:
    """Change a value for another of the same kind: a date, an amount, a code, a word."""
    leaves = _leaves(holder)
    if not leaves:
        return False
    slot = pick(choose, leaves)
    put(slot, _neighbour(choose, get(slot)))
    return True


def _neighbour(choose: Chooser, value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return arbitrary_scalar(choose, "str")
    if isinstance(value, int):
        return value + pick(choose, (-2, -1, 1, 3, 10**4))
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        return _other_date(choose)
    if isinstance(value, str) and value.replace(".", "").isdecimal() and "." in value:
        cents = pick(choose, (0, 1, 99, 4_800_000_000, 10**17 - 1, 10**17, choose.below(10**9)))
        return f"{cents // 100}.{cents % 100:02d}"
    return pick(choose, STRINGS)


def _other_date(choose: Chooser) -> str:
    if choose.chance(0.3):
        return pick(choose, ("2019-02-29", "2019-04-31", "0000-12-31", "9999-12-31", "2019-7-1"))
    day = dt.date(1, 1, 1) + dt.timedelta(days=choose.below(3_652_059))
    return day.isoformat()


def reorder_keys(choose: Chooser, holder: list[Any]) -> bool:
    """Write the keys of an object in another order, which changes nothing."""
    objects = _objects(holder)
    if not objects:
        return False
    obj = get(pick(choose, objects))
    pairs = list(obj.items())
    reordered = [pairs.pop(choose.below(len(pairs))) for _ in range(len(pairs))]
    obj.clear()
    obj.update(reordered)
    return True


def _replace(
    choose: Chooser, holder: list[Any], make: Callable[[], Any], *, leaves_only: bool = False
) -> bool:
    values = _leaves(holder) if leaves_only else _values(holder)
    if not values:
        return False
    put(pick(choose, values), make())
    return True


TREE_MUTATIONS: tuple[tuple[int, Mutation], ...] = (
    (8, drop_key),
    (5, rename_key),
    (8, repeat_key),
    (10, retype),
    (3, huge_number),
    (5, special_number),
    (3, number_text),
    (2, deep_nesting),
    (1, very_long_string),
    (3, lone_surrogate),
    (4, python_value),
    (4, add_key),
    (3, format_version),
    (5, swap_values),
    (6, copy_value),
    (4, repeat_item),
    (4, drop_item),
    (10, perturb),
    (3, reorder_keys),
)


# -- mutations of the bytes -------------------------------------------------------------------

BAD_UTF8 = (
    b"\xff",
    b"\xc3\x28",
    b"\xed\xa0\x80",  # a surrogate encoded as if it were a character
    b"\xc0\xaf",  # an overlong slash
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\xe2\x82",  # cut in the middle of a character
    b"\x80",
)
GARBAGE = (
    b"x",
    b" }",
    b",",
    b"\x00",
    b"]",
    b"{}",
    b" \n\t",
    b"\xff",
    b"//",
    b"null",
    b"\xef\xbb\xbf",
)
JSON_ALPHABET = '{}[]":,0123456789.eE+- \n\ttruefalsenul\\/uéœ$'

ByteMutation = Callable[[Chooser, bytes], bytes]


def add_bom(choose: Chooser, data: bytes) -> bytes:
    return (
        pick(choose, (b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
        + data
    )


def other_encoding(choose: Chooser, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    return text.encode(pick(choose, ("utf-16", "utf-16-be", "utf-32", "latin-1")), "replace")


def bad_utf8(choose: Chooser, data: bytes) -> bytes:
    at = choose.below(len(data) + 1)
    return data[:at] + pick(choose, BAD_UTF8) + data[at:]


def trailing_garbage(choose: Chooser, data: bytes) -> bytes:
    return data + pick(choose, GARBAGE)


def truncate(choose: Chooser, data: bytes) -> bytes:
    return data[: choose.below(len(data) + 1)]


def flip_byte(choose: Chooser, data: bytes) -> bytes:
    if not data:
        return data
    at = choose.below(len(data))
    return data[:at] + bytes([data[at] ^ (1 << choose.below(8))]) + data[at + 1 :]


def cut_bytes(choose: Chooser, data: bytes) -> bytes:
    at = choose.below(len(data) + 1)
    return data[:at] + data[at + 1 + choose.below(8) :]


def insert_bytes(choose: Chooser, data: bytes) -> bytes:
    at = choose.below(len(data) + 1)
    inserted = choose.text(JSON_ALPHABET, 1 + choose.below(4)).encode()
    return data[:at] + inserted + data[at:]


BYTE_MUTATIONS: tuple[tuple[int, ByteMutation], ...] = (
    (3, add_bom),
    (1, other_encoding),
    (3, bad_utf8),
    (3, trailing_garbage),
    (4, truncate),
    (3, flip_byte),
    (2, cut_bytes),
    (2, insert_bytes),
)


# -- examples ---------------------------------------------------------------------------------

NO_VALUE: Any = type("NoValue", (), {"__repr__": lambda _: "NO_VALUE"})()


_short = reprlib.Repr()
_short.maxstring = _short.maxother = 400
_short.maxlevel = 4


@attrs.frozen
class Case:
    """One input, in the forms each loader reads it."""

    cls: type[Any]
    origin: str
    mutations: tuple[str, ...]
    data: bytes = attrs.field(repr=lambda data: f"{_short.repr(data)} ({len(data)} bytes)")
    #: The JSON text before any change of its bytes, when there was one.
    text: str | None = attrs.field(default=None, repr=False)
    #: What `from_dict` reads, when there is something other than the parsed text.
    value: Any = attrs.field(default=NO_VALUE, repr=False)
    #: The options given to ``bassin-minier validate`` before the file.
    cli_options: tuple[str, ...] = ()

    @property
    def pristine(self) -> bool:
        """Whether this is a valid object's own document, which must be read back."""
        return self.origin in {"valid", "dataset"} and not self.mutations


def amended_programme() -> bm.Programme:
    """The built-in programme as its life could have gone on: every field version 2 added.

    The bassin minier convention is amended twice (once to shorten what is left of its
    period, once without touching it, on an unknown day), it integrates the Nord's, and a
    commitment made by the first amendment revises the original one, with a tranche whose
    money may be spent until the middle of the next year.
    """
    programme = bm.datasets.bassin_minier_2019()
    nord, pas_de_calais, basin = programme.conventions
    prefect = basin.signatories[0]
    amendments = (
        bm.Amendment(
            id="avenant-1",
            title="Avenant n° 1 à la convention du bassin minier",
            signed_on=dt.date(2020, 3, 2),
            signatories=(prefect,),
            period=bm.Period(start=basin.period.start, end=dt.date(2021, 6, 30)),
            note="la dernière année est ramenée à six mois",
        ),
        bm.Amendment(id="avenant-2", title="Avenant n° 2"),
    )
    basin = attrs.evolve(
        basin,
        amendments=amendments,
        related=(bm.Relation(kind=bm.RelationKind.INTEGRATES, convention=nord.id),),
    )
    original = programme.commitments[0]
    revision = attrs.evolve(
        original,
        id="etat-avenant-1",
        act="avenant-1",
        revises=original.id,
        tranches=(
            bm.Tranche(
                year=2020,
                amount=original.amount,
                convention=basin.id,
                spend_by=dt.date(2021, 6, 30),
            ),
        ),
    )
    return attrs.evolve(
        programme,
        conventions=(nord, pas_de_calais, basin),
        commitments=(original, revision),
    )


def shared_money_programme() -> bm.Programme:
    """The built-in programme with shared money and evaluation: every field added with them.

    A partner, actions and indicators (with a baseline, targets and results, one of them
    negative and one with decimals) in the bassin minier convention, a commitment the
    Département du Nord makes jointly with the partner for one action, a matching rule of
    the départements on the State's commitment, and payments.
    """
    programme = bm.datasets.bassin_minier_2019()
    nord, pas_de_calais, basin = programme.conventions
    state = programme.commitments[0]
    partner = bm.Party(
        id="caisse-des-depots", name="Caisse des dépôts", kind=bm.PartyKind.PUBLIC_BODY
    )
    actions = (
        bm.Action(
            id="referents-parcours",
            label="Référents de parcours",
            priority=basin.priorities[0].id,
            lead="cd-nord",
        ),
        bm.Action(id="petite-enfance", label="Petite enfance"),
    )
    indicators = (
        bm.Indicator(
            id="logements-renoves",
            label="Logements miniers rénovés",
            unit="logements",
            action="referents-parcours",
            baseline=bm.Measure(year=2019, value=0),
            targets=(bm.Measure(year=2021, value=23_000),),
            results=(bm.Measure(year=2020, value=Decimal("-3")),),
        ),
        bm.Indicator(
            id="taux-acces",
            label="Taux d'accès",
            unit="%",
            targets=(bm.Measure(year=2020, value=Decimal("12.5")),),
        ),
    )
    basin = attrs.evolve(basin, actions=actions, indicators=indicators)
    joint = bm.FundingCommitment(
        id="cd-nord-cdc-2020",
        funder="cd-nord",
        co_funders=(partner.id,),
        amount=Decimal("600000.00"),
        basis=bm.Basis.AT_LEAST,
        period=bm.Period.from_years(2020),
        conventions=(basin.id,),
        action="referents-parcours",
    )
    return attrs.evolve(
        programme,
        conventions=(nord, pas_de_calais, basin),
        commitments=(state, joint),
        partners=(partner,),
        matches=(
            bm.Match(
                id="cofinancement",
                commitment=state.id,
                by=("cd-nord", "cd-pas-de-calais"),
                ratio=Decimal("0.5"),
                basis=bm.Basis.AT_LEAST,
            ),
        ),
        payments=(
            bm.Payment(commitment=state.id, year=2019, amount=Decimal("16000000.00")),
            bm.Payment(
                commitment=joint.id,
                year=2020,
                amount=Decimal("150000.00"),
                convention=basin.id,
                paid_on=dt.date(2021, 3, 1),
            ),
        ),
    )


def dataset_parts() -> list[Any]:
    """The built-in programme, amended, and every object in both: valid documents to break."""
    parts: list[Any] = []
    stack: list[Any] = list(SEED_PROGRAMMES)
    while stack:
        obj = stack.pop()
        parts.append(obj)
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            inner = value if isinstance(value, tuple) else (value,)
            stack.extend(item for item in inner if type(item) in MODEL_CLASSES)
    return parts


SEED_PROGRAMMES = (
    bm.datasets.bassin_minier_2019(),
    amended_programme(),
    shared_money_programme(),
)
DATASET_PARTS = dataset_parts()
ORIGINS = ((10, "bytes"), (15, "json"), (55, "valid"), (20, "dataset"))


def draw_case(choose: Chooser) -> Case:
    origin = pick_weighted(choose, ORIGINS)
    if origin == "bytes":
        return _bytes_case(choose)
    if origin == "json":
        cls = pick(choose, MODEL_CLASSES)
        tree = _fields_of(choose, cls) if choose.chance(0.5) else arbitrary_json(choose)
        return _written(choose, cls, origin, tree, ())
    obj = _valid_object(choose, origin)
    # Now and then the document is read as the wrong class.
    cls = pick(choose, MODEL_CLASSES) if choose.chance(0.05) else type(obj)
    holder = [bm.to_dict(obj)]
    applied = _mutate(choose, holder)
    if cls is not type(obj):
        applied = (f"read_as_{cls.__name__}", *applied)
    return _written(choose, cls, origin, holder[0], applied)


# The classes the testing package draws valid objects of: every model class, once each has
# its strategy (tests/io/test_roundtrip.py holds that each does). Objects of the others
# still come, from the seed programmes.
DRAWN_CLASSES = tuple(cls for cls in MODEL_CLASSES if cls in MODEL_STRATEGIES)

# The classes with the most rules relating their parts come up most often.
VALID_CLASSES: tuple[tuple[int, type[Any]], ...] = (
    *((4 if cls is bm.Programme else 1, cls) for cls in DRAWN_CLASSES),
    (2, bm.Convention),
    (2, bm.FundingCommitment),
)


def _valid_object(choose: Chooser, origin: str) -> Any:
    if origin == "valid":
        return choose.valid_object(pick_weighted(choose, VALID_CLASSES))
    return pick(choose, SEED_PROGRAMMES) if choose.chance(0.4) else pick(choose, DATASET_PARTS)


def _bytes_case(choose: Chooser) -> Case:
    size = choose.below(300)
    data = (
        choose.raw_bytes(size) if choose.chance(0.3) else choose.text(JSON_ALPHABET, size).encode()
    )
    cls = pick(choose, MODEL_CLASSES)
    return Case(cls, "bytes", (), data, cli_options=cli_options(choose, cls))


def _fields_of(choose: Chooser, cls: type[Any]) -> dict[str, Any]:
    """An object with some of the keys of *cls*, holding anything."""
    names = [f.name for f in attrs.fields(cls)]
    return {
        pick(choose, names): arbitrary_json(choose, 1) for _ in range(choose.below(len(names) + 1))
    }


def _mutate(choose: Chooser, holder: list[Any]) -> tuple[str, ...]:
    count = pick_weighted(choose, ((10, 0), (45, 1), (25, 2), (10, 3), (10, 5)))
    applied = []
    for _ in range(count):
        mutation = pick_weighted(choose, TREE_MUTATIONS)
        if mutation(choose, holder):
            applied.append(mutation.__name__)
    return tuple(applied)


def _written(
    choose: Chooser, cls: type[Any], origin: str, tree: Any, applied: tuple[str, ...]
) -> Case:
    text = render(tree, pick(choose, STYLES))
    data = text.encode("utf-8", "surrogatepass")
    if choose.chance(0.2):
        for _ in range(1 + choose.below(2)):
            mutation = pick_weighted(choose, BYTE_MUTATIONS)
            data = mutation(choose, data)
            applied = (*applied, mutation.__name__)
    return Case(cls, origin, applied, data, text, to_python(tree), cli_options(choose, cls))


def cli_options(choose: Chooser, cls: type[Any]) -> tuple[str, ...]:
    options = ("--format", "json") if choose.chance(0.25) else ()
    if cls is bm.Programme and choose.chance(0.5):
        return options  # the default class
    return (*options, "--class", pick(choose, (cls.__name__, cls.__name__.lower())))


# -- outcomes ---------------------------------------------------------------------------------


@attrs.frozen
class Outcome:
    """What a loader did with an input: the object it read, or what it raised."""

    obj: Any = None
    error: BaseException | None = None

    @property
    def accepted(self) -> bool:
        return self.error is None

    @property
    def violations(self) -> tuple[bm.Violation, ...]:
        return self.error.violations if isinstance(self.error, bm.ValidationError) else ()

    def same_as(self, other: Outcome) -> bool:
        if self.accepted or other.accepted:
            return self.accepted == other.accepted and self.obj == other.obj
        return type(self.error) is type(other.error) and (
            self.violations == other.violations
            if self.violations
            else str(self.error) == str(other.error)
        )

    @property
    def depth_limited(self) -> bool:
        """Whether the reader ran out of stack, which depends on where it was called from."""
        return any(NESTED_TOO_DEEPLY in v.message for v in self.violations)


def attempt(read: Callable[[], Any]) -> Outcome:
    try:
        return Outcome(obj=read())
    except Exception as error:  # the checks decide which exceptions are allowed
        return Outcome(error=error)


@attrs.frozen
class Finding:
    """Something a loader must never do, grouped by *signature* across examples."""

    signature: str
    detail: str


def where_raised(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "bassin_minier" in f.filename] or frames
    if not ours:
        return "?"
    return f"{Path(ours[-1].filename).name}:{ours[-1].lineno} ({ours[-1].name})"


# -- checks -----------------------------------------------------------------------------------


@attrs.define
class Checked:
    """The outcome of each loader on one case, and the findings."""

    outcomes: dict[str, Outcome] = attrs.Factory(dict)
    findings: list[Finding] = attrs.Factory(list)
    exit_code: int | None = None
    #: Whether two loaders disagreed only because one of them ran out of stack.
    depth_dependent: bool = False
    #: The loader being checked, to blame for a hang.
    running: str = "example"

    def find(self, target: str, what: str, detail: str = "") -> None:
        self.findings.append(Finding(f"{target}: {what}", detail))

    def compare(self, target: str, what: str, one: Outcome, other: Outcome) -> None:
        """Find *what* unless both outcomes are the same or one of them ran out of stack."""
        if one.same_as(other):
            return
        if one.depth_limited or other.depth_limited:
            self.depth_dependent = True
        else:
            self.find(target, what)


def check_case(case: Case, path: Path, targets: Sequence[str], checked: Checked) -> None:
    """Feed *case* to each loader of *targets* and record what each one did in *checked*."""
    path.write_bytes(case.data)
    runs: dict[str, Callable[[], object]] = {
        "from_json": lambda: _judge(
            checked, "from_json", case, lambda: bm.from_json(case.data, case.cls)
        ),
        "from_json(str)": lambda: _check_text(checked, case),
        "from_dict": lambda: _check_dict(checked, case),
        "load": lambda: _judge(checked, "load", case, lambda: bm.load(path, case.cls)),
        "cli": lambda: _check_cli(checked, case, path),
    }
    for target in targets:
        checked.running = target
        runs[target]()
    checked.running = "agreement"
    _check_agreement(checked, case)


def _judge(checked: Checked, target: str, case: Case, read: Callable[[], Any]) -> Outcome:
    outcome = attempt(read)
    checked.outcomes.setdefault(target, outcome)
    error = outcome.error
    if error is None:
        _check_object(checked, target, case, outcome.obj)
    elif not isinstance(error, bm.BassinMinierError):
        _escaped(checked, target, error)
    else:
        for violation in outcome.violations:
            _check_violation(checked, target, violation)
    if case.pristine and not outcome.accepted:
        checked.find(target, "a valid object's own document was refused", str(error)[:300])
    return outcome


def _escaped(checked: Checked, target: str, error: BaseException) -> None:
    what = f"{type(error).__name__} escaped from {where_raised(error)}"
    checked.find(target, what, str(error)[:300])


def _check_violation(checked: Checked, target: str, violation: bm.Violation) -> None:
    path, message, rule = violation.path, violation.message, violation.rule
    if not (isinstance(path, str) and path.startswith("$")):
        checked.find(target, "violation path does not start with $", repr(violation)[:300])
    if not (isinstance(message, str) and message.strip()):
        checked.find(target, "violation without a message", repr(violation)[:300])
    if rule not in RULE_NAMES:
        checked.find(target, "violation rule not in RULES", repr(rule))
    if (
        isinstance(message, str)
        and isinstance(path, str)
        and ("\n" in path + message or "\r" in path + message)
    ):
        checked.find(target, "violation spans several lines", repr(violation)[:300])


def _check_object(checked: Checked, target: str, case: Case, obj: Any) -> None:
    if type(obj) is not case.cls:
        checked.find(target, f"read a {type(obj).__name__} when asked for a {case.cls.__name__}")
        return
    text = bm.to_json(obj)
    again = attempt(lambda: bm.from_json(text, case.cls))
    if not again.accepted or again.obj != obj:
        checked.find(target, "an object read does not survive to_json and from_json", text[:300])
    elif bm.to_json(again.obj) != text:
        checked.find(target, "the canonical text changes when written again", text[:300])


def _check_dict(checked: Checked, case: Case) -> None:
    if case.value is not NO_VALUE:
        _judge(checked, "from_dict", case, lambda: bm.from_dict(case.value, case.cls))
    parsed = stdlib_parse(case.data)
    if parsed is not NO_VALUE:
        _judge(checked, "from_dict", case, lambda: bm.from_dict(parsed, case.cls))
    elif case.value is NO_VALUE:  # nothing else to read: the bytes themselves
        _judge(checked, "from_dict", case, lambda: bm.from_dict(case.data, case.cls))


def stdlib_parse(data: bytes) -> Any:
    """*data* as `json.loads` reads it (floats, NaN, the last of repeated keys), if it can."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return NO_VALUE


def repeated_keys(data: bytes) -> bool | None:
    """Whether some object of the JSON text *data* repeats a key; None if it is not JSON."""
    repeated = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        repeated = repeated or len({key for key, _ in pairs}) < len(pairs)
        return {}

    try:
        json.loads(data.decode("utf-8-sig"), object_pairs_hook=pairs_hook)
    except (ValueError, RecursionError):
        return None
    return repeated


def _check_agreement(checked: Checked, case: Case) -> None:
    from_bytes, from_file = checked.outcomes.get("from_json"), checked.outcomes.get("load")
    if from_bytes and from_file and not _has_format_version(case.data):
        checked.compare("load", "reads a file differently from from_json", from_bytes, from_file)
    if repeated_keys(case.data):
        for target in ("from_json", "from_json(str)", "load"):
            _check_repeated(checked, target, checked.outcomes.get(target))


def _has_format_version(data: bytes) -> bool:
    document = stdlib_parse(data)
    return isinstance(document, dict) and "format_version" in document


def _check_repeated(checked: Checked, target: str, outcome: Outcome | None) -> None:
    if outcome is None:
        return
    if outcome.accepted:
        checked.find(target, "a repeated key was accepted silently")
    elif type(outcome.error) is bm.ValidationError and not any(
        v.rule == "duplicate-key" for v in outcome.violations
    ):
        checked.find(
            target, "a repeated key was not reported as duplicate-key", str(outcome.error)[:300]
        )


def _check_text(checked: Checked, case: Case) -> None:
    try:
        decoded = case.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = None
    if decoded is not None:
        outcome = _judge(checked, "from_json(str)", case, lambda: bm.from_json(decoded, case.cls))
        from_bytes = checked.outcomes.get("from_json")
        if from_bytes:
            what = "reads the decoded text differently from the bytes"
            checked.compare("from_json(str)", what, outcome, from_bytes)
    if case.text is not None and case.text != decoded:
        text = case.text
        _judge(checked, "from_json(str)", case, lambda: bm.from_json(text, case.cls))


# -- the command line -------------------------------------------------------------------------


def expected_exit(outcome: Outcome) -> int | None:
    """The exit status of ``validate`` for a file that `load` reads with *outcome*."""
    if outcome.accepted:
        return 0
    if isinstance(outcome.error, bm.MalformedDocumentError):
        return 2
    if isinstance(outcome.error, bm.ValidationError):
        return 1
    return 2 if isinstance(outcome.error, bm.BassinMinierError) else None


@attrs.frozen
class Printed:
    """What one run of ``bassin-minier validate`` on one file gave."""

    file: str
    code: int
    stdout: str
    stderr: str


def _check_cli(checked: Checked, case: Case, path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main(["validate", *case.cli_options, str(path)])
    except Exception as error:  # main must turn every problem into an exit status
        _escaped(checked, "cli", error)
        return
    checked.exit_code = code
    printed = Printed(str(path), code, out.getvalue(), err.getvalue())
    if code not in (0, 1, 2):
        checked.find("cli", f"exit status {code!r}")
    if "Traceback" in printed.stderr:
        checked.find("cli", "a traceback on stderr", printed.stderr[-300:])
    from_file = checked.outcomes.get("load")
    if from_file is None or expected_exit(from_file) is None:
        return
    if code != expected_exit(from_file):
        if from_file.depth_limited or NESTED_TOO_DEEPLY in printed.stdout + printed.stderr:
            checked.depth_dependent = True
        else:
            detail = f"{code} for {from_file.error!r}"[:300]
            checked.find("cli", "exit status disagrees with load", detail)
    elif "json" in case.cli_options:
        _check_json_report(checked, printed, from_file)
    else:
        _check_text_report(checked, printed, from_file)


def _check_text_report(checked: Checked, printed: Printed, from_file: Outcome) -> None:
    file, stderr = printed.file, printed.stderr
    if printed.code == 2:
        if printed.stdout or not stderr.startswith(f"bassin-minier: {file}: "):
            checked.find("cli", "an unreadable file is not reported on stderr", stderr[:300])
        elif stderr.count("\n") != 1:
            checked.find("cli", "an unreadable file is reported on several lines", stderr[:300])
        return
    lines = [f"{file}: {v.path}: {v.message}\n" for v in from_file.violations]
    if printed.stdout != "".join(lines or [f"{file}: ok\n"]) or stderr:
        what = "the text report differs from the violations load reports"
        checked.find("cli", what, printed.stdout[:300])


def _check_json_report(checked: Checked, printed: Printed, from_file: Outcome) -> None:
    try:
        report = json.loads(printed.stdout)
    except ValueError:
        checked.find("cli", "--format json does not print JSON", printed.stdout[:300])
        return
    code = printed.code
    # A file that is not JSON at all is an error of the file, not a list of violations.
    listed = from_file.violations if code == 1 else ()
    expected = {
        "file": printed.file,
        "valid": code == 0,
        "violations": [{"path": v.path, "message": v.message, "rule": v.rule} for v in listed],
    }
    try:
        entry = report["files"][0]
        agrees = (
            report["valid"] == (code == 0)
            and {key: entry[key] for key in expected} == expected
            and (entry["error"] is None) == (code != 2)
        )
    except (KeyError, IndexError, TypeError):
        agrees = False
    if not agrees or printed.stderr:
        checked.find("cli", "the JSON report differs from what load reports", printed.stdout[:300])


# -- running one example ----------------------------------------------------------------------


class Hang(BaseException):
    """An example that ran out of time; not an Exception, so no loader can swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or not hasattr(signal, "setitimer") or not _on_main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _on_main_thread() -> bool:
    import threading  # noqa: PLC0415 - only where signals are used

    return threading.current_thread() is threading.main_thread()


def judge(
    case: Case,
    path: Path,
    timeout: float | None = DEFAULT_TIMEOUT,
    targets: Sequence[str] = TARGETS,
) -> Checked:
    """Check *case* against *targets*, turning a hang into a finding."""
    checked = Checked()
    try:
        with time_limit(timeout):
            check_case(case, path, targets, checked)
    except Hang:
        checked.find(checked.running, f"took more than {timeout} s")
    return checked


def describe_findings(checked: Checked) -> str:
    return "\n".join(f"{f.signature}: {f.detail}" for f in checked.findings)


# -- the engines ------------------------------------------------------------------------------


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Examples drawn by hypothesis, which shrinks a failing one."""
    return draw_case(DrawChooser(draw))


#: Examples per pool of valid objects; each block of examples draws a fresh pool.
BLOCK = 10_000


def draw_pool(seed: int, per_class: int) -> dict[type[Any], list[Any]]:
    """*per_class* valid objects of each model class, drawn by hypothesis from *seed*."""
    return {cls: _draw_objects(cls, seed, per_class) for cls in DRAWN_CLASSES}


def _draw_objects(cls: type[Any], seed: int, count: int) -> list[Any]:
    drawn: list[Any] = []

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(MODEL_STRATEGIES[cls])
    def collect(obj: Any) -> None:
        drawn.append(obj)

    collect()
    return drawn


def block_pool(seed: int, examples: int, index: int) -> dict[type[Any], list[Any]]:
    """The pool of valid objects that example *index* of a run of *examples* draws from."""
    start = index - index % BLOCK
    size = min(BLOCK, examples - start)
    return draw_pool(seed * 1_000_003 + start // BLOCK, min(100, max(5, size // 100)))


def example(seed: int, index: int, pool: dict[type[Any], list[Any]]) -> Case:
    return draw_case(RandomChooser(random.Random(f"{seed}:{index}"), pool))


@attrs.define
class Record:
    """Every example that showed one kind of finding; the first one is kept."""

    signature: str
    detail: str
    first: int
    case: Case
    count: int = 1
    minimal: bytes | None = None


@attrs.define
class Tally:
    """How many examples ended each way, per loader."""

    examples: int = 0
    origins: Counter[str] = attrs.Factory(Counter)
    mutations: Counter[str] = attrs.Factory(Counter)
    accepted: Counter[str] = attrs.Factory(Counter)
    rejected: dict[str, Counter[str]] = attrs.Factory(dict)
    rules: dict[str, Counter[str]] = attrs.Factory(dict)
    other: Counter[str] = attrs.Factory(Counter)
    exit_codes: Counter[int] = attrs.Factory(Counter)
    depth_dependent: int = 0

    def add(self, case: Case, checked: Checked) -> None:
        self.examples += 1
        self.origins[case.origin] += 1
        self.mutations.update(case.mutations)
        for target, outcome in checked.outcomes.items():
            if outcome.accepted:
                self.accepted[target] += 1
            elif isinstance(outcome.error, bm.BassinMinierError):
                self.rejected.setdefault(target, Counter())[type(outcome.error).__name__] += 1
                self.rules.setdefault(target, Counter()).update(
                    {v.rule for v in outcome.violations}
                )
            else:
                self.other[target] += 1
        if checked.exit_code is not None:
            self.exit_codes[checked.exit_code] += 1
        self.depth_dependent += checked.depth_dependent


@attrs.define
class Run:
    """A whole run: its settings, its tally and its findings by signature."""

    examples: int
    seed: int
    tally: Tally = attrs.Factory(Tally)
    findings: dict[str, Record] = attrs.Factory(dict)
    seconds: float = 0.0

    def add(self, index: int, case: Case, checked: Checked) -> None:
        self.tally.add(case, checked)
        for finding in checked.findings:
            record = self.findings.get(finding.signature)
            if record is not None:
                record.count += 1
            elif len(self.findings) < 100:  # memory stays bounded whatever goes wrong
                self.findings[finding.signature] = Record(
                    finding.signature, finding.detail, index, case
                )

    def replay_command(self, index: int) -> str:
        return (
            f"python -m tests.fuzz --examples {self.examples} --seed {self.seed} --replay {index}"
        )


def run(
    examples: int,
    seed: int,
    timeout: float | None = DEFAULT_TIMEOUT,
    progress: Callable[[Run, int], None] | None = None,
    shrink_seconds: float = 20,
) -> Run:
    """Check *examples* examples drawn from *seed*, then shrink the input of each finding.

    Shrinking spends at most *shrink_seconds* on each of the first ten kinds of finding.
    """
    outcome = Run(examples, seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bassin-minier-fuzz-") as folder:
        path = Path(folder) / "document.json"
        pool: dict[type[Any], list[Any]] = {}
        for index in range(examples):
            if index % BLOCK == 0:
                pool = block_pool(seed, examples, index)
            case = example(seed, index, pool)
            outcome.add(index, case, judge(case, path, timeout))
            if progress is not None:
                progress(outcome, index + 1)
        for record in list(outcome.findings.values())[:10]:
            record.minimal = minimise(record, path, timeout, shrink_seconds)
    outcome.seconds = time.monotonic() - started
    return outcome


# -- the smallest input showing a finding -----------------------------------------------------

#: The loaders a finding of each loader needs to show up again.
REPLAYED = {
    "from_json": ("from_json",),
    "from_json(str)": ("from_json", "from_json(str)"),
    "load": ("from_json", "load"),
    "cli": ("load", "cli"),
}


def minimise(
    record: Record, path: Path, timeout: float | None, seconds: float = 20
) -> bytes | None:
    """The shortest input found, by deleting bytes, that still shows the finding."""
    targets = REPLAYED.get(record.signature.split(":")[0])
    if targets is None:
        return None

    def still_shows(data: bytes) -> bool:
        trial = Case(
            record.case.cls, "minimised", ("minimised",), data, cli_options=record.case.cli_options
        )
        return any(
            f.signature == record.signature for f in judge(trial, path, timeout, targets).findings
        )

    if not still_shows(record.case.data):
        return None
    return shrink_bytes(record.case.data, still_shows, time.monotonic() + seconds)


def shrink_bytes(data: bytes, still_shows: Callable[[bytes], bool], deadline: float) -> bytes:
    """Delete halves, quarters... of *data*, then every short run of bytes, while it shows."""
    chunk = max(1, len(data) // 2)
    while chunk > 64 and time.monotonic() < deadline:
        data = _delete_runs(data, still_shows, deadline, chunk, step=chunk)
        chunk //= 2
    smaller = b""
    while smaller != data and time.monotonic() < deadline:
        smaller = data
        for size in (64, 32, 16, 8, 4, 3, 2, 1):
            data = _delete_runs(data, still_shows, deadline, size, step=1)
    return data


def _delete_runs(
    data: bytes, still_shows: Callable[[bytes], bool], deadline: float, size: int, step: int
) -> bytes:
    at = 0
    while at < len(data) and time.monotonic() < deadline:
        candidate = data[:at] + data[at + size :]
        if still_shows(candidate):
            data = candidate
        else:
            at += step
    return data


# -- the report -------------------------------------------------------------------------------


def report(outcome: Run) -> dict[str, Any]:
    """The summary of a run as JSON-ready data."""
    tally = outcome.tally
    seen = set().union(*tally.rules.values()) if tally.rules else set()
    return {
        "examples": tally.examples,
        "seed": outcome.seed,
        "seconds": round(outcome.seconds, 1),
        "origins": dict(tally.origins.most_common()),
        "mutations": dict(tally.mutations.most_common()),
        "outcomes": {
            target: {
                "accepted": tally.accepted[target],
                "rejected": dict(tally.rejected.get(target, Counter()).most_common()),
                "rules": dict(tally.rules.get(target, Counter()).most_common()),
                "other": tally.other[target],
            }
            for target in TARGETS
            if target != "cli"
        },
        "cli_exit_codes": {str(code): n for code, n in sorted(tally.exit_codes.items())},
        "rules_never_reported": sorted(RULE_NAMES - seen),
        "depth_dependent": tally.depth_dependent,
        "findings": [_finding_report(outcome, record) for record in outcome.findings.values()],
    }


def _finding_report(outcome: Run, record: Record) -> dict[str, Any]:
    return {
        "signature": record.signature,
        "examples": record.count,
        "first_example": record.first,
        "replay": outcome.replay_command(record.first),
        "class": record.case.cls.__name__,
        "origin": record.case.origin,
        "mutations": list(record.case.mutations),
        "detail": record.detail,
        "minimal_input": None if record.minimal is None else _short.repr(record.minimal),
    }


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {n}" for key, n in counts.items()) or "none"


def summary_lines(data: dict[str, Any]) -> Iterator[str]:
    """The summary of a run for people, from its `report`."""
    rate = data["examples"] / data["seconds"] if data["seconds"] else 0
    yield f"{data['examples']} examples, seed {data['seed']}, {data['seconds']} s ({rate:.0f}/s)"
    yield f"inputs: {_counts(data['origins'])}"
    yield f"mutations: {_counts(data['mutations'])}"
    yield "outcomes:"
    for target, counts in data["outcomes"].items():
        rejected = _counts(counts["rejected"])
        yield (
            f"  {target:15} accepted {counts['accepted']}, rejected ({rejected}), "
            f"other exception {counts['other']}"
        )
    yield f"  {'cli validate':15} exit status {_counts(data['cli_exit_codes'])}"
    yield f"rejected by rule (from_json): {_counts(data['outcomes']['from_json']['rules'])}"
    yield f"rejected by rule (from_dict): {_counts(data['outcomes']['from_dict']['rules'])}"
    yield f"rules never reported: {', '.join(data['rules_never_reported']) or 'none'}"
    if data["depth_dependent"]:
        yield (
            "loaders disagreed only because one of them ran out of stack (nesting near the "
            f"recursion limit) in {data['depth_dependent']} examples: not counted as findings"
        )
    yield f"findings: {len(data['findings'])}"
    for number, finding in enumerate(data["findings"], 1):
        yield f"  [{number}] {finding['signature']} ({finding['examples']} examples)"
        mutations = ", ".join(finding["mutations"]) or "none"
        yield f"      a {finding['class']} from {finding['origin']}, mutations: {mutations}"
        if finding["detail"]:
            yield f"      {finding['detail'][:200]}"
        yield f"      replay: {finding['replay']}"
        if finding["minimal_input"] is not None:
            yield f"      smallest input: {finding['minimal_input']}"


# -- command line -----------------------------------------------------------------------------


def replay(examples: int, seed: int, index: int, timeout: float | None) -> int:
    """Run example *index* alone and show what each loader made of it."""
    case = example(seed, index, block_pool(seed, examples, index))
    print(repr(case))
    with tempfile.TemporaryDirectory(prefix="bassin-minier-fuzz-") as folder:
        checked = judge(case, Path(folder) / "document.json", timeout)
    for target, outcome in checked.outcomes.items():
        if outcome.error is None:
            print(f"{target}: accepted: {outcome.obj!r}"[:2000])
        else:
            print(f"{target}: {type(outcome.error).__name__}: {outcome.error}"[:2000])
    print(f"cli: exit {checked.exit_code}")
    print(describe_findings(checked) or "no finding")
    return 1 if checked.findings else 0


def _progress(every: float) -> Callable[[Run, int], None]:
    started = time.monotonic()
    last = [started]

    def show(outcome: Run, done: int) -> None:
        now = time.monotonic()
        if now - last[0] >= every or done == outcome.examples:
            last[0] = now
            print(
                f"{done}/{outcome.examples} examples, {now - started:.0f} s, "
                f"{len(outcome.findings)} kinds of finding",
                file=sys.stderr,
                flush=True,
            )

    return show


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--examples", type=int, default=10_000, help="how many (default 10000)")
    parser.add_argument("--seed", type=int, help="the seed of the run (default: a random one)")
    parser.add_argument(
        "--json", type=Path, metavar="REPORT.json", help="also write the summary there"
    )
    parser.add_argument(
        "--replay", type=int, metavar="INDEX", help="run one example of the run alone"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds before an example counts as a hang",
    )
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    if args.replay is not None:
        return replay(args.examples, seed, args.replay, args.timeout)
    print(f"fuzzing the loaders: {args.examples} examples, seed {seed}", file=sys.stderr)
    data = report(run(args.examples, seed, args.timeout, _progress(30)))
    print("\n".join(summary_lines(data)))
    if args.json is not None:
        args.json.write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return 1 if data["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
