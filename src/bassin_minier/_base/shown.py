"""How a value a user gave is quoted in a message: cut short when long, lists counted.

Every message that quotes input goes through here, so that one huge value, or thousands of
them, cannot flood a report.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["shown", "shown_list"]

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
    items = list(values)
    if not items:
        return empty
    quoted = ", ".join(map(shown, items[:_LISTED]))
    rest = len(items) - _LISTED
    return quoted if rest <= 0 else f"{quoted} and {rest} more"
