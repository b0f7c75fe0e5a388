"""The fast JSON codec: msgspec reads and writes the text, the reference converter vouches.

Reading: msgspec builds model objects straight from the text, and each object checks its
own rules as it is built. msgspec does not judge everything the format does, though: it
skips unknown keys, keeps the last of repeated keys and reads amounts in more spellings
than the format allows. Rather than repeat those checks here, `decode` accepts what it
built only when writing it back gives the very text it read (whitespace aside). Anything
else, an error or a document that is valid but not written canonically, gives None, and
the reference converter reads the document and reports precisely what is wrong with it.

Writing: msgspec writes a slotted attrs object with its fields in slot order, which Python
sorts by name, so each object first becomes a plain dict in attribute order (by functions
cattrs generates); dates, decimals and enumerations go to msgspec as they are.

msgspec is imported on first use, so that ``import bassin_minier`` does not load it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
from collections.abc import Callable, Iterator
from decimal import Decimal
from types import UnionType
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin

import cattrs
from cattrs.fns import identity

from bassin_minier._convert import VOCABULARIES, is_tuple_of

if TYPE_CHECKING:
    import msgspec

__all__ = ["decode", "encode", "indent"]

T = TypeVar("T")


def encode(obj: object) -> bytes:
    """The canonical JSON text of the model object *obj*, as UTF-8."""
    return _encoder().encode(_plain(type(obj))(obj))


def indent(canonical: bytes, spaces: int) -> bytes:
    """The canonical text *canonical* laid out with *spaces* per level, as `json.dumps` does."""
    import msgspec  # noqa: PLC0415 - loaded with the first document

    return msgspec.json.format(canonical, indent=spaces)


def decode(data: str | bytes, cls: type[T], *, headers: tuple[bytes, ...] = (b"",)) -> T | None:
    """*data* read as a *cls*, when it is the canonical text of a valid object; else None.

    *headers* are the texts allowed before the object's first key: a saved file starts
    with ``"format_version":1,``.
    """
    import msgspec  # noqa: PLC0415 - loaded with the first document

    try:
        with _collection_paused():
            obj: T = _decoder(cls).decode(data)
            written = encode(obj)
        text = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    except Exception:  # whatever went wrong, the reference reader reports it
        return None
    candidates = {b"{" + header + written[1:] if header else written for header in headers}
    if text in candidates:
        return obj
    # Indented, or laid out some other way: compare without the white space between tokens.
    try:
        compact = msgspec.json.format(text, indent=-1)
    except msgspec.DecodeError:  # pragma: no cover - msgspec has just read it
        return None
    return obj if compact in candidates else None


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    # Each collection the garbage collector runs while a large document is being built
    # walks every object built so far, again and again. The objects hold no reference
    # cycles, so nothing is kept longer by collecting once, after they are all built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_DECODERS: dict[type[Any], msgspec.json.Decoder[Any]] = {}


def _decoder(cls: type[T]) -> msgspec.json.Decoder[T]:
    decoder = _DECODERS.get(cls)
    if decoder is None:
        import msgspec  # noqa: PLC0415 - loaded with the first document

        decoder = _DECODERS[cls] = msgspec.json.Decoder(cls)
    return decoder


@functools.cache
def _encoder() -> msgspec.json.Encoder:
    import msgspec  # noqa: PLC0415 - loaded with the first document

    return msgspec.json.Encoder()


def _plain(cls: type[Any]) -> Callable[[Any], Any]:
    # cattrs keeps the hook it generates for each class.
    return _converter().get_unstructure_hook(cls)


@functools.cache
def _converter() -> cattrs.Converter:
    # Only what msgspec cannot write in order is turned into plain data: the objects.
    made = cattrs.Converter()
    for native in (str, int, Decimal, dt.date, *VOCABULARIES):
        made.register_unstructure_hook(native, identity)
    made.register_unstructure_hook_factory(is_tuple_of, lambda t: _tuple_hook(made, t))
    made.register_unstructure_hook_factory(_is_optional, lambda t: _optional_hook(made, t))
    return made


def _tuple_hook(made: cattrs.Converter, type_: Any) -> Callable[[tuple[Any, ...]], Any]:
    item = made.get_unstructure_hook(get_args(type_)[0])
    if item is identity:
        return identity  # msgspec writes a tuple as an array
    return lambda items: [item(one) for one in items]


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return len(args) == 2 and type(None) in args and get_origin(type_) in (Union, UnionType)


def _optional_hook(made: cattrs.Converter, type_: Any) -> Callable[[Any], Any]:
    (present,) = (arg for arg in get_args(type_) if arg is not type(None))
    plain = made.get_unstructure_hook(present)
    if plain is identity:
        return identity
    return lambda value: None if value is None else plain(value)
