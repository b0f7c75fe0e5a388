"""JSON text and files: the public reading and writing functions."""

from __future__ import annotations

import decimal
import os
import types
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from bassin_minier._base import paths
from bassin_minier._base.errors import (
    FormatVersionError,
    MalformedDocumentError,
    ValidationError,
    Violation,
)
from bassin_minier._base.shown import describe, shown
from bassin_minier._io import codec as _codec
from bassin_minier._io.convert import structure, unstructure
from bassin_minier._model.convention import Convention
from bassin_minier._model.funding import FundingCommitment, Tranche
from bassin_minier._model.programme import Programme
from bassin_minier._model.registry import require_model_class, require_model_object
from bassin_minier._rules import catalogue
from bassin_minier._rules.catalogue import DUPLICATE_KEY, JSON

__all__ = [
    "ADDED_IN_VERSION_2",
    "FORMAT_VERSION",
    "SUPPORTED_FORMAT_VERSIONS",
    "from_dict",
    "from_json",
    "load",
    "parse_json",
    "save",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

#: The ``format_version`` that `save` writes.
FORMAT_VERSION = 2
#: The ``format_version`` values `load` reads.
SUPPORTED_FORMAT_VERSIONS: tuple[int, ...] = (1, 2)

#: The fields format_version 2 added, by class. A version-1 document has no key for them:
#: it reads as the same document with each of them at its default, empty or None.
ADDED_IN_VERSION_2: Mapping[type[Any], tuple[str, ...]] = types.MappingProxyType(
    {
        Tranche: ("spend_by",),
        FundingCommitment: ("act", "revises", "co_funders", "action"),
        Convention: ("amendments", "related", "actions", "indicators"),
        Programme: ("partners", "matches", "payments"),
    }
)

# Version 2 first held the life of agreements (amendments, relations, acts, revisions,
# spend-by days); shared money and evaluation came later in the same version, as fields
# with empty defaults that a document written before has no key for.
_SHARED_MONEY: Mapping[type[Any], tuple[str, ...]] = {
    FundingCommitment: ("co_funders", "action"),
    Convention: ("actions", "indicators"),
    Programme: ("partners", "matches", "payments"),
}

# What save writes before the object's first key.
_VERSION_HEADER = b'"format_version":%d,' % FORMAT_VERSION
# What a saved file may hold there: the header of any version read, or none.
_HEADERS = (
    *(b'"format_version":%d,' % version for version in reversed(SUPPORTED_FORMAT_VERSIONS)),
    b"",
)


def _left_out(fields: Mapping[type[Any], tuple[str, ...]]) -> _codec.LeftOut:
    return frozenset((cls, name) for cls, names in fields.items() for name in names)


# The canonical text as version 1 wrote it: without any key for the fields added since.
_VERSION_1_LAYOUT = _left_out(ADDED_IN_VERSION_2)
# The canonical text as version 2 wrote it before shared money and evaluation.
_EARLY_VERSION_2_LAYOUT = _left_out(_SHARED_MONEY)
# The fast reader takes a document written in any of these layouts, oldest first, as
# well as the current one (each holds its left-out fields at their defaults).
_OLDER_LAYOUTS = (_VERSION_1_LAYOUT, _EARLY_VERSION_2_LAYOUT)


# -- dicts ------------------------------------------------------------------------------------


def to_dict(obj: object) -> dict[str, Any]:
    """The plain form of *obj*: a dict of JSON-ready values, keyed by attribute name.

    Amounts are decimal strings with two decimals, dates ISO strings, enums their values.
    """
    require_model_object(obj)
    return unstructure(obj)


def from_dict(data: object, cls: type[T]) -> T:
    """Read *data* (as produced by `to_dict`, or parsed JSON) as a *cls* object.

    Raises `ValidationError` listing every problem, each with its path from *data*.
    """
    require_model_class(cls)
    return structure(data, cls)


# -- JSON text --------------------------------------------------------------------------------


def to_json(obj: object, *, indent: int | None = None) -> str:
    """The canonical JSON text of *obj*: same object, same text, byte for byte.

    Keys come in attribute order; with no *indent* the text is compact.
    """
    require_model_object(obj)
    if indent is not None and indent < 1:
        return _unindented(to_dict(obj), indent)
    return _written(obj, indent).decode("utf-8")


def _written(obj: object, indent: int | None, header: bytes = b"") -> bytes:
    # The text json.dumps gives for the plain form of obj, written faster.
    text = _codec.encode(obj)
    if header:
        text = b"{" + header + text[1:]
    return text if indent is None else _codec.indent(text, indent)


def _unindented(data: dict[str, Any], indent: int) -> str:
    # json's own layout for an indent of 0 or less: a line per item, with no indentation.
    import json  # noqa: PLC0415 - off the import path, like every use of the json module here

    return json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ": "))


def from_json(data: str | bytes, cls: type[T]) -> T:
    """Read the JSON text *data* (a str, or UTF-8 bytes) as a *cls* object.

    Raises `MalformedDocumentError` when *data* is not JSON at all and `ValidationError`
    listing every problem otherwise; duplicate keys are problems too.
    """
    require_model_class(cls)
    read = _codec.decode(data, cls, older=_OLDER_LAYOUTS)
    if read is not None:
        return read
    document, duplicates = parse_json(data)
    return _structure_checked(document, cls, duplicates)


def _structure_checked(document: object, cls: type[T], found: list[Violation]) -> T:
    # Duplicate keys are reported together with whatever else is wrong.
    try:
        result = structure(document, cls)
    except ValidationError as error:
        raise ValidationError([*found, *error.violations]) from None
    if found:
        raise ValidationError(found)
    return result


class _Duplicates(dict[str, Any]):
    """A JSON object in which some keys were repeated; the last value of each was kept."""

    repeated: list[str]


def parse_json(data: str | bytes) -> tuple[object, list[Violation]]:
    """Parse JSON text exactly: non-integers as `Decimal`, no NaN or Infinity.

    Returns the document and a violation for every key repeated within one object.
    """
    import json  # noqa: PLC0415 - off the import path

    text = _decode(data) if isinstance(data, (bytes, bytearray, memoryview)) else data
    if not isinstance(text, str):
        raise TypeError(f"JSON text must be str or bytes, not {type(text).__name__}")
    any_repeated = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal any_repeated
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        any_repeated = True
        marked = _Duplicates(obj)
        marked.repeated = repeated_keys(key for key, _ in pairs)
        return marked

    try:
        document = json.loads(
            text,
            parse_float=_exact_number,
            parse_constant=_refuse_constant,
            object_pairs_hook=pairs_hook,
        )
    except json.JSONDecodeError as exc:
        message = f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise _malformed(message) from None
    except RecursionError:
        raise _malformed("is nested too deeply to be read") from None
    except ValueError as exc:  # _refuse_constant, _exact_number, or an int too long to convert
        raise _malformed(f"is not valid JSON: {exc}") from None
    return document, list(_repeated_keys(document)) if any_repeated else []


def repeated_keys(keys: Iterable[str]) -> list[str]:
    """The keys that appear more than once in *keys*, each once, in the order they repeat."""
    # A dict keeps that order and answers "already reported?" in one look-up, so the check
    # grows with the number of keys, however many of them repeat.
    repeated: dict[str, None] = {}
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            repeated[key] = None
        else:
            seen.add(key)
    return list(repeated)


def _decode(data: bytes | bytearray | memoryview) -> str:
    raw = bytes(data)
    try:
        # A leading byte-order mark says "UTF-8" and is not part of the text.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _malformed(
            f"is not UTF-8 text: byte {raw[exc.start]:#04x} at offset {exc.start} ({exc.reason})"
        ) from None


def _exact_number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except decimal.InvalidOperation:  # an exponent beyond what decimal can hold
        raise ValueError(f"the number {text[:40]} is too large to read exactly") from None


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _malformed(message: str) -> MalformedDocumentError:
    return MalformedDocumentError([Violation(paths.ROOT, message, JSON)])


def _repeated_keys(document: object) -> Iterator[Violation]:
    # Walk with an explicit stack: the document may be as deep as the parser allowed.
    stack: list[tuple[str, object]] = [(paths.ROOT, document)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key in getattr(node, "repeated", ()):
                yield Violation(
                    paths.key(path, key),
                    f"the key {shown(key)} appears more than once in this object; "
                    "expected each key once",
                    DUPLICATE_KEY,
                )
            stack.extend((paths.key(path, k), v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((paths.item(path, i), v) for i, v in reversed(list(enumerate(node))))


# -- files ------------------------------------------------------------------------------------


def save(obj: object, path: str | os.PathLike[str]) -> None:
    """Write *obj* to the file *path* as indented JSON with a ``format_version``.

    The file is replaced atomically: a crash while writing leaves the previous content.
    Through a symbolic link, the file the link leads to is replaced and the link kept.
    Raises `FileError` when the file cannot be written.
    """
    # Loaded with the first file: pathlib alone costs importing the package a tenth more.
    from pathlib import Path  # noqa: PLC0415 - on demand

    from bassin_minier._io.files import atomic_writer, file_errors  # noqa: PLC0415 - on demand

    require_model_object(obj)
    content = _written(obj, 2, _VERSION_HEADER) + b"\n"
    target = Path(path)
    with file_errors("write", target), atomic_writer(target) as stream:
        stream.write(content)


def load(path: str | os.PathLike[str], cls: type[T]) -> T:
    """Read the file *path*, as written by `save`, as a *cls* object.

    A file without ``format_version`` (such as the output of `to_json`) is read as the
    current version. Raises `FileError` when the file cannot be read (a folder, a named
    pipe or a device is not read at all), `MalformedDocumentError` when it is not JSON,
    `FormatVersionError` for a version this library does not know and `ValidationError`
    for anything else.
    """
    from pathlib import Path  # noqa: PLC0415 - on demand, as in save

    from bassin_minier._io.files import file_errors, read_regular  # noqa: PLC0415 - on demand

    require_model_class(cls)
    source = Path(path)
    with file_errors("read", source):
        content = read_regular(source)
    return from_saved_text(content, cls)


def from_saved_text(content: bytes, cls: type[T]) -> T:
    """Read *content*, the text of a file as `save` writes it, as a *cls* object."""
    read = _codec.decode(content, cls, headers=_HEADERS, older=_OLDER_LAYOUTS)
    if read is not None:
        return read
    document, duplicates = parse_json(content)
    if isinstance(document, dict) and "format_version" in document:
        document = dict(document)
        _check_version(document.pop("format_version"))
    return _structure_checked(document, cls, duplicates)


def _check_version(version: object) -> None:
    if version in SUPPORTED_FORMAT_VERSIONS and type(version) is int:
        return
    if isinstance(version, bool) or version is None:
        import json  # noqa: PLC0415 - off the import path

        found = json.dumps(version)  # as the document wrote it: true, false, null
    elif isinstance(version, int) and version.bit_length() <= 128:
        found = str(version)
    else:
        found = describe(version)
    supported = ", ".join(map(str, SUPPORTED_FORMAT_VERSIONS))
    raise FormatVersionError(
        [
            Violation(
                paths.field(paths.ROOT, "format_version"),
                f"format_version {found} is not supported: this version of bassin_minier "
                f"reads format_version {supported}",
                catalogue.FORMAT_VERSION,
            )
        ]
    )
