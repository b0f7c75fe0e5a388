"""The switch that puts off the checks of the objects built in this thread, for a while.

Normally an object judges itself as it is built and raises every violation at once. The
fast reader builds a whole document instead, then judges all its objects in one go, which
costs far less than judging them one at a time. While checks are put off
(`checks_deferred`), building an object does not judge it at all: it is handed, with the
rules that will judge it, to the `Deferred` collection of the thread, and whoever put the
checks off asks that collection whether everything built passes (`Deferred.all_valid`),
and drops the objects if not. The switch is per thread: objects another thread builds
meanwhile are judged as usual.
"""

from __future__ import annotations

import contextlib
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Protocol

__all__ = ["DEFERRAL", "Deferred", "FieldJudge", "Judge", "all_held_valid", "checks_deferred"]


#: How to read one field of an object, and whether every value of many read so passes.
FieldJudge = tuple[Callable[[object], object], Callable[[Sequence[object]], bool]]


class Judge(Protocol):
    """What judges every object of one class at once: the rules of that class."""

    @property
    def fields(self) -> tuple[FieldJudge, ...]:
        """For each field, how to read it and how to judge all its values at once."""
        ...

    def constraints_hold(self, objs: Sequence[object]) -> bool:
        """Whether the constraints between the fields of *objs* hold, their fields all valid."""
        ...


class Deferred:
    """The objects built while checks are put off, each kept with the rules to judge it."""

    __slots__ = ("held",)

    def __init__(self) -> None:
        #: The objects built, by the rules that judge them (an object's class has one).
        self.held: defaultdict[Judge, list[object]] = defaultdict(list)

    def all_valid(self) -> bool:
        """Whether every object built passes every rule of its class (`all_held_valid`)."""
        return all_held_valid(self.held)


def all_held_valid(held: Mapping[Judge, Sequence[object]]) -> bool:
    """Whether every object of *held* passes every rule of the judge it is held under.

    The values a rule judges are pooled across classes first (the names of parties and of
    signatories are texts alike), so a small document costs one pattern match per kind of
    value, not one per field of each class; then the constraints of each object are judged.
    """
    pooled: defaultdict[Callable[[Sequence[object]], bool], list[object]] = defaultdict(list)
    for judge, objs in held.items():
        for read, valid in judge.fields:
            pooled[valid].extend(map(read, objs))
    if not all(valid(values) for valid, values in pooled.items()):
        return False
    return all(judge.constraints_hold(objs) for judge, objs in held.items())


class _Switch(threading.local):
    # Per thread: objects another thread builds meanwhile are checked as usual.
    held: defaultdict[Judge, list[object]] | None = None


#: In this thread, where the objects being built are held while their checks are put off,
#: or None when each object judges itself as it is built. (An attribute rather than a
#: function: every object built reads it.)
DEFERRAL = _Switch()


@contextlib.contextmanager
def checks_deferred() -> Iterator[Deferred]:
    """Put off the checks of the objects built in this thread until the block ends.

    The objects built meanwhile are judged by nobody until their builder asks the
    `Deferred` collection given whether they all pass.
    """
    previous = DEFERRAL.held
    deferred = Deferred()
    DEFERRAL.held = deferred.held
    try:
        yield deferred
    finally:
        DEFERRAL.held = previous
