"""The fast JSON codec: msgspec reads and writes the text, the reference converter vouches.

Reading: msgspec builds model objects straight from the text, with their checks put off
(`bassin_minier._rules.deferral`): each object is only held as it is built, and once the
whole document is built each kind of value of all its objects is judged at once
(`bassin_minier._rules.deferral.all_held_valid`). msgspec does not judge everything the
format does, though: it skips unknown keys, keeps the last of repeated keys and reads
amounts in more spellings than the format allows. Rather than repeat those checks here,
`decode` accepts what it built only when writing it back gives the very text it read
(whitespace aside). Anything else, an error or a document that is valid but not written
canonically, gives None, and the reference converter reads the document and reports
precisely what is wrong with it.

Writing: msgspec writes a slotted attrs object with its fields in slot order, which Python
sorts by name. So each model class gets a mirror, a msgspec Struct declaring the same
fields in attribute order (unless it declares them in name order already); msgspec copies
an object into its mirror and writes that, both in C. Dates, decimals and enumerations go
to msgspec as they are.

msgspec is imported on first use, so that ``import bassin_minier`` does not load it.
"""

from __future__ import annotations

import _thread
import functools
import gc
from types import GenericAlias
from typing import TYPE_CHECKING, Any, Optional, TypeVar

from bassin_minier._base import hints
from bassin_minier._rules.deferral import checks_deferred

if TYPE_CHECKING:
    import msgspec

__all__ = ["decode", "encode", "indent"]

T = TypeVar("T")


def encode(obj: object) -> bytes:
    """The canonical JSON text of the model object *obj*, as UTF-8."""
    import msgspec  # noqa: PLC0415 - loaded with the first document

    mirrored = msgspec.convert(obj, _mirror(type(obj)), from_attributes=True)
    return _encoder().encode(mirrored)


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
        with _full_collections_put_off:
            with checks_deferred() as deferred:
                obj: T = _decoder(cls).decode(data)
            if not deferred.all_valid():
                return None
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


# How many collections of the middle generation may pass before the oldest is collected,
# while a document is being built: more than any build makes.
_NO_FULL_COLLECTION = 1 << 30


class _FullCollectionsPutOff:
    """Puts off the collections of the oldest generation while documents are being built.

    Each full collection walks every object alive, and the collector starts one each time
    the objects that survived the younger generations grow by a quarter: building a large
    document then walks what is built so far again and again (reading took 40 % longer).
    The objects built hold no reference cycles, so nothing they own waits for those
    collections. The young generations are still collected as usual, so the cycles other
    threads make and drop meanwhile are still freed; only those that live long enough to
    reach the oldest generation wait for the end of the build. (Switching the collector
    off altogether, for every thread of the process, let such cycles pile up without
    bound.) The setting is global, so loads running at once in several threads share one
    change, made by the first and undone by the last. (A collector that does not count
    full collections this way just goes on as usual: the build is then slower, not wrong.)
    """

    def __init__(self) -> None:
        self._lock = _thread.allocate_lock()  # threading would cost its import
        #: How many builds are going on.
        self.builds = 0
        self._before: tuple[int, int, int] = gc.get_threshold()

    def __enter__(self) -> None:
        with self._lock:
            if self.builds == 0:
                self._before = gc.get_threshold()
                young, middle, _ = self._before
                gc.set_threshold(young, middle, _NO_FULL_COLLECTION)
            self.builds += 1

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self.builds -= 1
            if self.builds == 0:
                young, middle, _ = self._before
                # A setting someone else made in the meantime is theirs to keep.
                if gc.get_threshold() == (young, middle, _NO_FULL_COLLECTION):
                    gc.set_threshold(*self._before)


_full_collections_put_off = _FullCollectionsPutOff()


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


_MIRRORS: dict[type[Any], type[msgspec.Struct]] = {}


def _mirror(cls: type[Any]) -> type[msgspec.Struct]:
    """A Struct with the fields of the model class *cls*, in its order, for msgspec to write.

    ``msgspec.convert`` fills it from a model object's attributes without calling back
    into Python, and msgspec writes a Struct's fields in the order they are declared.
    """
    known = _MIRRORS.get(cls)
    if known is not None:
        return known
    import msgspec  # noqa: PLC0415 - loaded with the first document

    fields = [(name, _mirrored(type_)) for name, type_ in hints.field_types(cls).items()]
    # Mirrors hold only values read from immutable objects, never a reference cycle:
    # the garbage collector need not track them.
    mirror = _MIRRORS[cls] = msgspec.defstruct(cls.__name__, fields, module=__name__, gc=False)
    return mirror


def _mirrored(type_: Any) -> Any:
    # Model classes become their mirrors; msgspec writes every other value as it is
    # (dates, decimals, enumerations, texts and tuples of them): Any lets it through.
    if hints.is_attrs_class(type_):
        # A class declaring its fields in name order needs no mirror: msgspec writes
        # them in that order (Participant, Priority).
        names = list(hints.field_types(type_))
        return Any if names == sorted(names) else _mirror(type_)
    if hints.is_tuple_of(type_):
        item = _mirrored(hints.item_type(type_))
        return Any if item is Any else GenericAlias(tuple, (item, ...))
    if hints.is_optional(type_):
        mirrored = _mirrored(hints.without_none(type_))
        return Any if mirrored is Any else Optional[mirrored]  # noqa: UP045 - built at run time
    return Any
