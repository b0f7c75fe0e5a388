"""JSON Lines: collections of any size, read and written one object at a time.

Each line holds one object in its canonical compact JSON (`to_json`), so memory holds one
object, never the whole collection.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from bassin_minier._base import paths
from bassin_minier._base.errors import ValidationError
from bassin_minier._io.documents import from_json, to_json
from bassin_minier._io.files import atomic_writer, file_errors, open_regular
from bassin_minier._model.registry import require_model_class, require_model_object

__all__ = ["iter_jsonl", "write_jsonl"]

T = TypeVar("T")


def write_jsonl(objects: Iterable[object], path: str | os.PathLike[str]) -> int:
    """Write *objects* to *path*, one compact JSON document per line; return how many.

    *objects* may be a generator: each object is written as soon as it is produced. The
    file is replaced atomically, so a failure half-way (an invalid object, a full disk)
    leaves the previous file intact.
    """
    target = Path(path)
    count = 0
    with file_errors("write", target), atomic_writer(target) as stream:
        for obj in objects:
            require_model_object(obj)
            stream.write(to_json(obj).encode("utf-8") + b"\n")
            count += 1
    return count


def iter_jsonl(path: str | os.PathLike[str], cls: type[T]) -> Iterator[T]:
    """The *cls* objects of the JSON Lines file *path*, read lazily, one line at a time.

    Blank lines are skipped. A line that is not a valid *cls* document raises
    `ValidationError` (or `MalformedDocumentError` when it is not JSON) whose paths start
    with its line number: ``line 12: $.conventions[0].id``. The objects before it have
    already been produced by then.
    """
    require_model_class(cls)  # now, not when the first object is asked for
    return _objects(Path(path), cls)


def _objects(source: Path, cls: type[T]) -> Iterator[T]:
    with file_errors("read", source), open_regular(source) as stream:
        # Iterating a binary file reads one line at a time, whatever its length.
        for number, line in enumerate(stream, start=1):
            if line.strip():
                yield _line(line, number, cls)


def _line(line: bytes, number: int, cls: type[T]) -> T:
    try:
        # Without its line end, a line written by write_jsonl is canonical text as it is.
        return from_json(line.rstrip(b"\r\n"), cls)
    except ValidationError as error:
        raise type(error)(
            v.under(f"line {number}: {paths.ROOT}") for v in error.violations
        ) from None
