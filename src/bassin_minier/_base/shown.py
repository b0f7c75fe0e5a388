"""How a value a user gave is quoted in a message: cut short when long, lists counted,
wrong values described by their type.

Every message that quotes input goes through here, so that one huge value, or thousands of
them, cannot flood a report.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Iterable
from decimal import Decimal
from itertools import islice

__all__ = ["describe", "shown", "shown_list"]

# A value is quoted in a message in at most this many characters (its escapes counted),
# and a list in messages names at most this many items: one huge value, or thousands of
# them, cannot flood a report.
_SHOWN = 60
_LISTED = 10


def shown(value: str, *, quoted: bool = True) -> str:
    """*value* for a message; when long, cut short and followed by its length.

    It is quoted as Python writes a str, escapes and all, unless *quoted* is False: then it
    stands as it is, which suits only valid text (a name already checked).
    """
    written = repr if quoted else str
    marks = 2 if quoted else 0
    head = value[: _SHOWN + 1]
    whole = written(head)
    if len(head) <= _SHOWN and len(whole) <= _SHOWN + marks:
        return whole
    # Keep as many characters as fit once escaped: "\U000e0001" takes ten.
    kept = width = 0
    for char in head:
        width += len(written(char)) - marks
        if width > _SHOWN:
            break
        kept += 1
    return f"{written(value[:kept])}… ({len(value)} characters)"


def shown_list(values: Iterable[str], empty: str) -> str:
    """*values* quoted and separated by commas for a message, or *empty* when there are none.

    Each is quoted by `shown`, and after the first few the rest are only counted.
    """
    # A collection is not copied: a message about one of many items costs the same
    # whatever their number.
    items = values if isinstance(values, Collection) else list(values)
    if not items:
        return empty
    quoted = ", ".join(map(shown, islice(items, _LISTED)))
    rest = len(items) - _LISTED
    return quoted if rest <= 0 else f"{quoted} and {rest} more"


def describe(value: object) -> str:
    """A short description of a wrong value for a message: its type, and itself if short."""
    if value is None:
        return "null"
    kind = type(value).__name__
    article = "an" if kind[0] in "aeiouAEIOU" else "a"
    detail = _detail(value)
    return f"{article} {kind}" if detail is None else f"{article} {kind} ({detail})"


def _detail(value: object) -> str | None:
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    # Numbers are shown only when short: an int beyond 4300 digits cannot even be printed.
    if isinstance(value, int):
        return repr(value) if value.bit_length() <= 128 else None
    if isinstance(value, (float, Decimal)):
        return text if len(text := str(value)) <= 40 else None
    return None
