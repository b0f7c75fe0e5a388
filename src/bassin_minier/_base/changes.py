"""`Change`: a value that differs between two objects, at a path.

A sibling of `Violation`: both name a place in a document the same way
(``$.conventions[0].amendments[1].period.end``). `bassin_minier.diff` finds the changes.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Change"]


@attrs.frozen(kw_only=True)
class Change:
    """One value that differs between two objects, at *path*.

    *before* is the value in the first object and *after* the one in the second. An
    item added to a collection has *before* None and the item as *after*, at its place in
    the second object; an item removed has the item as *before* and *after* None, at its
    place in the first. Any other change is at a path that leads to a value in both.

    >>> import datetime as dt
    >>> change = Change(path="$.period.end", before=dt.date(2021, 12, 31),
    ...                 after=dt.date(2023, 12, 31))
    >>> print(change)
    $.period.end: 2021-12-31 → 2023-12-31
    """

    path: str
    before: Any
    after: Any

    def __str__(self) -> str:
        return f"{self.path}: {_shown(self.before)} → {_shown(self.after)}"


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    # A model object by its own one-line repr; a plain value as it reads.
    return repr(value) if attrs.has(type(value)) else str(value)
