"""The CSV dialect of the tables: RFC 4180, cells safe to open in a spreadsheet, any length.

A spreadsheet program runs a cell that starts like a formula (OWASP, "CSV injection"), so a
text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written after
a single quote, which spreadsheets show as "this is text" and do not display. A text that
really starts with a quote gets one more, so that every text reads back exactly.
"""

from __future__ import annotations

import contextlib
import csv
import sys
import threading
from collections.abc import Iterator
from typing import Any, TextIO

__all__ = ["GUARD_NOTE", "csv_writer", "guarded", "long_fields", "unguarded"]

# What a spreadsheet may take for the start of a formula, and the quote that guards them,
# which must then be guarded itself.
_GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")
_GUARD = "'"

#: How the data dictionary says it of a text column (only text can start so: ids, codes,
#: dates and amounts never do).
GUARD_NOTE = "; a ' before a leading =, +, -, @, tab, CR or ' is not part of the text"


def guarded(text: str) -> str:
    """*text* as a cell no spreadsheet runs: a quote before a formula's first character."""
    return _GUARD + text if text.startswith(_GUARDED) else text


def unguarded(cell: str) -> str:
    """The text of a *cell* written by `guarded`: without its first quote, if it has one."""
    return cell[1:] if cell.startswith(_GUARD) else cell


def csv_writer(stream: TextIO) -> Any:
    """A writer of RFC 4180 rows: CRLF line ends, fields quoted only when they must be."""
    return csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


# csv refuses a field longer than csv.field_size_limit() (131 072 characters by default), a
# setting of the whole process. Texts have no length limit, so reading raises it, and puts
# it back once the last reader, in any thread, is done.
_LOCK = threading.Lock()
_readers = 0
_saved_limit = 0
# The largest limit csv accepts: a C long, 32 bits on Windows.
_NO_LIMIT = min(sys.maxsize, 2**31 - 1)


@contextlib.contextmanager
def long_fields() -> Iterator[None]:
    """A block in which csv readers accept fields of any length."""
    global _readers, _saved_limit  # noqa: PLW0603 - the one process-wide setting, counted
    with _LOCK:
        if _readers == 0:
            _saved_limit = csv.field_size_limit(_NO_LIMIT)
        _readers += 1
    try:
        yield
    finally:
        with _LOCK:
            _readers -= 1
            if _readers == 0:
                csv.field_size_limit(_saved_limit)
