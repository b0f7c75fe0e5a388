"""What counts as an identifier (slug) and as a piece of text in the domain."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import cast
from unicodedata import is_normalized

from bassin_minier._base.shown import shown

__all__ = [
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "are_slugs",
    "are_texts",
    "folded",
    "is_slug",
    "is_text",
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
# The bidirectional controls (the Arabic letter mark, the left-to-right and right-to-left
# marks, embeddings, overrides and isolates): anywhere in a text they can make it read in
# another order than it is stored, so that "etat" may display as "tate".
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Unicode's Default_Ignorable_Code_Point characters, which display nothing (the zero-width
# space, joiners, variation selectors, tags, Hangul fillers…), the bidirectional controls
# among them. Alone they make a text that looks empty; at either end, a name that looks
# like another one. Between visible characters some are needed (a joiner in an emoji, a
# soft hyphen), so they are refused only at the ends. The characters beyond the Basic
# Multilingual Plane are written as themselves: Python and ECMA-262 escape them differently.
_IGNORABLE = (
    r"\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\u061c"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
# The variation selectors, ignorable too, choose how the character before them is drawn
# (text or emoji: "❤️" ends with one), so they may end a text after a visible character.
_VARIATION = r"\ufe00-\ufe0f" "\U000e0100-\U000e01ef"
_SURROGATE = r"\ud800-\udfff"


def _one_line(edge: str, inner: str) -> str:
    # Not empty, none of the *edge* characters at either end but variation selectors after
    # the last visible one, none of the *inner* ones at all (every *inner* character is an
    # *edge* one too).
    return rf"[^{edge}](?:[^{inner}]*[^{edge}])?[{_VARIATION}]*"


_TEXT_EDGE = _SPACE + _CONTROL + _IGNORABLE
_TEXT_INNER = _CONTROL + _BIDI

#: Non-empty; no white space or invisible character at either end; no control character
#: or bidirectional control anywhere. (Being in normalisation form NFC, which text must
#: also be, is beyond a pattern.)
TEXT_PATTERN = rf"^{_one_line(_TEXT_EDGE, _TEXT_INNER)}$"

_SLUG = re.compile(SLUG_PATTERN)
# The same, refusing lone surrogates too, which no UTF-8 text can hold: acceptable text in
# a single match, but for its normalisation form.
_WHOLE_TEXT_BODY = _one_line(_TEXT_EDGE + _SURROGATE, _TEXT_INNER + _SURROGATE)
_WHOLE_TEXT = re.compile(_WHOLE_TEXT_BODY, re.DOTALL)
# Many of them, one per line: neither a slug nor a text can hold a line break.
_SLUG_LINES = re.compile(rf"{_SLUG_BODY}(?:\n{_SLUG_BODY})*")
_TEXT_LINES = re.compile(rf"{_WHOLE_TEXT_BODY}(?:\n{_WHOLE_TEXT_BODY})*", re.DOTALL)
# What is wrong with a refused text. Only a refused text needs these patterns, so they are
# left to the re module to compile, and keep, on first use: importing the package does not
# pay for them.
_CONTROL_CHARACTER = rf"[{_CONTROL}]"
_BLANK = rf"[{_SPACE}]+"
_PADDED = rf"\A[{_SPACE}]|[{_SPACE}]\Z"
_UNSEEN = rf"[{_SPACE}{_IGNORABLE}]+"
_BIDI_CONTROL = rf"[{_BIDI}]"
_IGNORED_AT_AN_END = rf"\A[{_IGNORABLE}]|[{_IGNORABLE}]\Z"
_VARIATIONS_AT_THE_END = rf"[{_VARIATION}]+\Z"
_SURROGATE_CHARACTER = rf"[{_SURROGATE}]"

#: Whether a str is a slug identifier.
is_slug = _SLUG.fullmatch


def is_text(value: str) -> bool:
    """Whether *value* is acceptable text (the fast check; `text_problem` says why not)."""
    # The pattern, then the normalisation form, which C checks quickly for most text.
    return _WHOLE_TEXT.fullmatch(value) is not None and is_normalized("NFC", value)


def are_slugs(values: Sequence[object]) -> bool:
    """Whether every item of *values* is a str and a slug identifier, in one match."""
    return _all_lines_match(_SLUG_LINES, values) is not None


def are_texts(values: Sequence[object]) -> bool:
    """Whether every item of *values* is a str and acceptable text, in one match."""
    joined = _all_lines_match(_TEXT_LINES, values)
    # NFC holds for the whole exactly when it holds for each value: nothing composes with
    # a line break, on either side.
    return joined is not None and is_normalized("NFC", joined)


def _all_lines_match(lines: re.Pattern[str], values: Sequence[object]) -> str | None:
    # The values joined by line breaks when they all match, else None. One match over them
    # all costs far less than one match a value, and each value repeated in a document (an
    # id named by many tranches) need only be matched once. A value holding a line break of
    # its own fails alone, and would pass for two values once joined: counting the breaks
    # tells it apart.
    if not values:
        return ""
    if not set(map(type, values)) <= {str}:
        return None
    distinct = set(cast("Sequence[str]", values))
    joined = "\n".join(distinct)
    if joined.count("\n") == len(distinct) - 1 and lines.fullmatch(joined) is not None:
        return joined
    return None


def _drawn(value: str) -> str:
    # *value* without the variation selectors that end it, which belong to the character
    # before them: what is left must end with something visible. (Alone they are left.)
    return re.sub(_VARIATIONS_AT_THE_END, "", value) or value


def _named(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def text_problem(value: str) -> str | None:
    """Why *value* is not acceptable text, or None when it is."""
    if is_text(value):
        return None
    return _shape_problem(value) or _character_problem(value)


def _shape_problem(value: str) -> str | None:
    # Nothing to read, or something around what there is to read.
    if not value:
        return "must not be empty"
    if re.fullmatch(_BLANK, value):
        return "must not be blank"
    if re.fullmatch(_UNSEEN, value):
        unseen = next(char for char in value if not re.fullmatch(_BLANK, char))
        return (
            f"must not be invisible: it holds only white space and characters that display "
            f"nothing, such as {_named(unseen)}"
        )
    if re.search(_PADDED, _drawn(value)):
        return f"must not start or end with spaces, got {shown(value)}"
    return None


def _character_problem(value: str) -> str:
    if re.search(_CONTROL_CHARACTER, value):
        return f"must be on one line, without control characters, got {shown(value)}"
    if bidi := re.search(_BIDI_CONTROL, value):
        return (
            f"must not hold bidirectional controls, which change the order in which text "
            f"reads: {_named(bidi[0])} at index {bidi.start()}, got {shown(value)}"
        )
    if end := re.search(_IGNORED_AT_AN_END, _drawn(value)):
        return (
            f"must not start or end with a character that displays nothing "
            f"({_named(end[0])}), got {shown(value)}"
        )
    if re.search(_SURROGATE_CHARACTER, value):
        return "must be valid Unicode text (it holds a lone surrogate)"
    # Nothing else is left: text that Unicode normalisation writes otherwise.
    return _normal_form_problem(value)


# How far a message looks for the letters that compose differently.
_CLUSTER = 8


def _normal_form_problem(value: str) -> str:
    normal = unicodedata.normalize("NFC", value)
    differ = (i for i, (a, b) in enumerate(zip(value, normal, strict=False)) if a != b)
    start = next(differ, min(len(value), len(normal)))
    # The characters that compose into something else: the first one that differs and
    # the accents that follow it (or, for Hangul, the letters that join it).
    end, last = start + 1, min(len(value), start + _CLUSTER)
    while end < last and (
        unicodedata.combining(value[end])
        or unicodedata.normalize("NFC", value[start:end]) == value[start:end]
    ):
        end += 1
    written = value[start:end]
    return (
        f"must be in Unicode normalisation form NFC (accents composed with their letters): "
        f"{written!a} at index {start} is {unicodedata.normalize('NFC', written)!r} in "
        f'that form; write the text as unicodedata.normalize("NFC", text) gives it'
    )


def slug_problem(value: str) -> str | None:
    """Why *value* is not a slug identifier, or None when it is."""
    if _SLUG.fullmatch(value):
        return None
    return (
        f"must be a slug (lowercase letters and digits joined by single hyphens, "
        f"like 'pas-de-calais'), got {shown(value)}"
    )


def folded(text: str) -> str:
    """*text* without accents and case, « œ » as « oe »: two spellings of a word made one.

    Letters lose what is drawn on them, and compatibility characters become their plain
    form (a ligature « ﬁ » two letters, a superscript « ² » a digit), so that « Œuvre »,
    « OEUVRE » and « œuvre » compare equal.

    >>> folded("Côte-d’Or, Œuvre")
    'cote-d’or, oeuvre'
    """
    # « œ » is a letter of its own to Unicode, not an « o » carrying something; it is
    # replaced once decomposed, which turns its modifier form « ꟹ » into it.
    decomposed = unicodedata.normalize("NFKD", text).replace("œ", "oe").replace("Œ", "oe")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
