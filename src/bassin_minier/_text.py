"""What counts as an identifier (slug) and as a piece of text in the domain."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import cast

__all__ = [
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "are_slugs",
    "are_texts",
    "is_slug",
    "is_text",
    "shown",
    "slug_problem",
    "text_problem",
]

_SLUG_BODY = r"[a-z0-9]+(?:-[a-z0-9]+)*"
#: Lowercase ASCII words joined by single hyphens: ``nord``, ``pas-de-calais``, ``etat``.
SLUG_PATTERN = rf"^{_SLUG_BODY}$"

# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators have no
# place in a one-line name, title or label.
_CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
# White space as JSON Schema's regex dialect (ECMA-262) counts it: Python's \s and the
# byte-order mark U+FEFF, so that the schema and the library agree on padded text.
_SPACE = r"\s\ufeff"


def _one_line(excluded: str) -> str:
    # Not empty, no white space at either end, none of the *excluded* characters inside.
    return rf"[^{_SPACE}{excluded}](?:[^{excluded}]*[^{_SPACE}{excluded}])?"


#: Non-empty, no surrounding whitespace, no control characters.
TEXT_PATTERN = rf"^{_one_line(_CONTROL)}$"

_SLUG = re.compile(SLUG_PATTERN)
# The same, refusing lone surrogates too, which no UTF-8 text can hold: acceptable text in
# a single match.
_WHOLE_TEXT_BODY = _one_line(_CONTROL + r"\ud800-\udfff")
_WHOLE_TEXT = re.compile(_WHOLE_TEXT_BODY, re.DOTALL)
# Many of them, one per line: neither a slug nor a text can hold a line break.
_SLUG_LINES = re.compile(rf"{_SLUG_BODY}(?:\n{_SLUG_BODY})*")
_TEXT_LINES = re.compile(rf"{_WHOLE_TEXT_BODY}(?:\n{_WHOLE_TEXT_BODY})*", re.DOTALL)
_CONTROL_CHARACTER = re.compile(rf"[{_CONTROL}]")
_BLANK = re.compile(rf"[{_SPACE}]+")
_PADDED = re.compile(rf"\A[{_SPACE}]|[{_SPACE}]\Z")

# Longer values are cut in messages, so that one huge bad value cannot flood a report.
_SHOWN = 60


def shown(value: str) -> str:
    """*value* quoted for a message, cut short when it is long."""
    if len(value) <= _SHOWN:
        return repr(value)
    return f"{value[:_SHOWN]!r}… ({len(value)} characters)"


#: Whether a str is a slug identifier.
is_slug = _SLUG.fullmatch
#: Whether a str is acceptable text (the fast check; `text_problem` says why not).
is_text = _WHOLE_TEXT.fullmatch


def are_slugs(values: Sequence[object]) -> bool:
    """Whether every item of *values* is a str and a slug identifier, in one match."""
    return _all_lines_match(_SLUG_LINES, values)


def are_texts(values: Sequence[object]) -> bool:
    """Whether every item of *values* is a str and acceptable text, in one match."""
    return _all_lines_match(_TEXT_LINES, values)


def _all_lines_match(lines: re.Pattern[str], values: Sequence[object]) -> bool:
    # One match over the values joined by line breaks costs far less than one match a
    # value, and each value repeated in a document (an id named by many tranches) need
    # only be matched once. A value holding a line break of its own fails alone, and
    # would pass for two values once joined: counting the breaks tells it apart.
    if not values:
        return True
    if not set(map(type, values)) <= {str}:
        return False
    distinct = set(cast("Sequence[str]", values))
    joined = "\n".join(distinct)
    return joined.count("\n") == len(distinct) - 1 and lines.fullmatch(joined) is not None


def text_problem(value: str) -> str | None:
    """Why *value* is not acceptable text, or None when it is."""
    if is_text(value):
        return None
    if not value:
        return "must not be empty"
    if _BLANK.fullmatch(value):
        return "must not be blank"
    if _PADDED.search(value):
        return f"must not start or end with spaces, got {shown(value)}"
    if _CONTROL_CHARACTER.search(value):
        return f"must be on one line, without control characters, got {shown(value)}"
    # Nothing else is left: a lone surrogate, which no UTF-8 text can hold.
    return "must be valid Unicode text (it holds a lone surrogate)"


def slug_problem(value: str) -> str | None:
    """Why *value* is not a slug identifier, or None when it is."""
    if _SLUG.fullmatch(value):
        return None
    return (
        f"must be a slug (lowercase letters and digits joined by single hyphens, "
        f"like 'pas-de-calais'), got {shown(value)}"
    )
