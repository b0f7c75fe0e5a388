"""What differs between two objects of one model class: `diff`, a tuple of `Change`.

Two states of one agreement, a programme and its `Programme.as_of` some day, two
editions of a data file: `diff` says what changed, value by value, each change at a path
in the language of violations (``$.conventions[0].amendments[1].period.end``).

Items of a collection are matched by what makes them unique in it, as the class declares
it for its own ``unique`` rule (`bassin_minier._rules.fields.Rules.item_key`): an id, a
signatory's name and party, a tranche's year and convention. Matching goes through one
dictionary per collection, so a diff takes time in proportion to the size of the two
objects, whatever their content.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import pairwise
from typing import Any

import attrs

from bassin_minier._base import paths
from bassin_minier._base.changes import Change
from bassin_minier._rules.fields import Rules

__all__ = ["Change", "diff"]


def _rules(cls: type[Any]) -> Rules | None:
    rules = getattr(cls, "_rules", None)
    return rules if isinstance(rules, Rules) else None


def diff(a: object, b: object) -> tuple[Change, ...]:
    """The changes that turn *a* into *b*, two objects of one model class, in document order.

    Each field of the class is compared in turn. A model object in a field is compared
    field by field (a period's ``end``), the same way. A collection of model objects is
    compared item by item, matched by what makes an item unique in it: the changes inside
    an item that both hold are at its place in *b*; an item only *b* holds is a change
    from None, one only *a* holds a change to None. Any other value (text, a date, an
    amount, a tuple of ids) changes as a whole. So does a collection whose shared items
    come in another order: the order is part of what it says (amendments are in
    signature order).

    The result is empty exactly when ``a == b``. Swapping *a* and *b* swaps *before* and
    *after* of each change (the changes inside an item then name its place in *a*). Raises
    `TypeError` unless *a* and *b* are of one model class.

    >>> from bassin_minier import Amendment, Period
    >>> first = Amendment(id="avenant-1", period=Period.from_years(2019, 2022))
    >>> second = Amendment(id="avenant-1", period=Period.from_years(2019, 2023), note="Prolongé")
    >>> for change in diff(first, second):
    ...     print(change)
    $.period.end: 2022-12-31 → 2023-12-31
    $.note: (none) → Prolongé
    """
    cls = type(a)
    if type(b) is not cls:
        raise TypeError(
            f"diff compares two objects of one model class; got {cls.__name__} and "
            f"{type(b).__name__}"
        )
    if _rules(cls) is None:
        raise TypeError(f"diff compares objects of the model classes; got {cls.__name__}")
    changes: list[Change] = []
    _objects(changes, paths.ROOT, a, b)
    return tuple(changes)


def _objects(changes: list[Change], path: str, a: Any, b: Any) -> None:
    """The changes between *a* and *b*, of one model class, that differ."""
    cls = type(a)
    rules = _rules(cls)
    assert rules is not None
    for field in attrs.fields(cls):
        name = field.name
        before, after = getattr(a, name), getattr(b, name)
        if before is after or before == after:
            continue
        where = paths.field(path, name)
        key = rules.item_key(name)
        if key is not None and type(before) is tuple and type(after) is tuple:
            _collections(changes, where, before, after, key)
        elif type(before) is type(after) and _rules(type(before)) is not None:
            _objects(changes, where, before, after)
        else:
            changes.append(Change(path=where, before=before, after=after))


def _collections(
    changes: list[Change],
    path: str,
    before: tuple[Any, ...],
    after: tuple[Any, ...],
    key: Callable[[Any], Hashable],
) -> None:
    """The changes between two collections of model objects, matched by *key*."""
    keys_a = list(map(key, before))
    keys_b = list(map(key, after))
    places_a = {k: i for i, k in enumerate(keys_a)}
    places_b = {k: i for i, k in enumerate(keys_b)}
    shared = [places_a[k] for k in keys_b if k in places_a]
    if (
        len(places_a) != len(before)
        or len(places_b) != len(after)
        or any(i >= j for i, j in pairwise(shared))
    ):
        # Items not told apart (no valid object has them), or shared items reordered.
        changes.append(Change(path=path, before=before, after=after))
        return
    # Through *b* in order. The shared items are in the same order in both, so the items
    # of *a* between two shared ones are those only *a* holds: each comes where it stood,
    # before the next shared item and before an item only *b* holds at its place or after.
    next_a = 0
    for j, (k, item) in enumerate(zip(keys_b, after, strict=True)):
        i = places_a.get(k)
        if i is None:
            while next_a <= j and next_a < len(before) and keys_a[next_a] not in places_b:
                changes.append(_gone(path, before, next_a))
                next_a += 1
            changes.append(Change(path=paths.item(path, j), before=None, after=item))
            continue
        changes.extend(_gone(path, before, gone) for gone in range(next_a, i))
        next_a = i + 1
        if before[i] != item:
            _objects(changes, paths.item(path, j), before[i], item)
    changes.extend(_gone(path, before, gone) for gone in range(next_a, len(before)))


def _gone(path: str, before: tuple[Any, ...], index: int) -> Change:
    return Change(path=paths.item(path, index), before=before[index], after=None)
