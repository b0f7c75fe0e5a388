"""How a place in a document is written: ``$.conventions[2].signatories[1].party``.

Violations, citations and changes all name places this way: ``$`` is the object itself,
``.name`` one of its fields (or a key of a JSON object), ``[2]`` an item of a list. Every
path the library writes is spelt here, so they cannot drift apart.
"""

from __future__ import annotations

import re

from bassin_minier._base.shown import describe

__all__ = ["ROOT", "field", "item", "key", "under"]

#: The object itself: every path starts here.
ROOT = "$"

# A key written after a dot; any other key is quoted as a JSON string in brackets.
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def field(path: str, name: str) -> str:
    """The field *name* (a Python identifier) of the object at *path*."""
    return f"{path}.{name}"


def item(path: str, index: int) -> str:
    """The item at *index* of the list at *path*."""
    return f"{path}[{index}]"


def key(path: str, key: object) -> str:
    """The key *key* of the JSON object at *path*, quoted when it is not a plain name.

    A key that is not text at all (a Python mapping may have one) is described instead.
    """
    if isinstance(key, str):
        if _NAME.fullmatch(key):
            return f"{path}.{key}"
        import json  # noqa: PLC0415 - only a key that is not a plain name needs it

        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}[{describe(key)}]"


def under(prefix: str, path: str) -> str:
    """*path*, counted from the object itself, seen from where *prefix* leads to it."""
    return prefix + path[len(ROOT) :]
