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
precisely what is wrong with it. A document written by an earlier format, or by an earlier
state of the current one, which has no key for the fields added since, is canonical too
when it is the current text with exactly those keys left out (each of them then holds its
default: the text has no place for another value). Measured values and ratios must also be
held as construction holds them, without an exponent: msgspec keeps ``"2.3E+4"`` as it
reads it, and writes it back the same, so the comparison alone would not catch it.

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
from collections.abc import Iterator
from types import GenericAlias
from typing import TYPE_CHECKING, Any, Optional, TypeVar

from bassin_minier._base import hints
from bassin_minier._rules.deferral import Deferred, checks_deferred

if TYPE_CHECKING:
    import msgspec

__all__ = ["LeftOut", "decode", "encode", "indent"]

T = TypeVar("T")

#: Fields a layout leaves out: pairs of a model class and a field name.
LeftOut = frozenset[tuple[type[Any], str]]

_NOTHING_LEFT_OUT: LeftOut = frozenset()


def encode(obj: object, left_out: LeftOut = _NOTHING_LEFT_OUT) -> bytes:
    """The canonical JSON text of the model object *obj*, as UTF-8.

    The fields of *left_out* are not written (as an earlier format version wrote them).
    """
    import msgspec  # noqa: PLC0415 - loaded with the first document

    mirrored = msgspec.convert(obj, _mirror(type(obj), left_out), from_attributes=True)
    return _encoder().encode(mirrored)


def indent(canonical: bytes, spaces: int) -> bytes:
    """The canonical text *canonical* laid out with *spaces* per level, as `json.dumps` does."""
    import msgspec  # noqa: PLC0415 - loaded with the first document

    return msgspec.json.format(canonical, indent=spaces)


def decode(
    data: str | bytes,
    cls: type[T],
    *,
    headers: tuple[bytes, ...] = (b"",),
    older: tuple[LeftOut, ...] = (),
) -> T | None:
    """*data* read as a *cls*, when it is the canonical text of a valid object; else None.

    *headers* are the texts allowed before the object's first key: a saved file starts
    with ``"format_version":2,``. The text may also be canonical but for the fields of one
    of the *older* layouts, whose keys are then all absent: an earlier format, or an
    earlier state of the current one, wrote no key for the fields added since.
    """
    import msgspec  # noqa: PLC0415 - loaded with the first document

    try:
        with _full_collections_put_off:
            with checks_deferred() as deferred:
                obj: T = _decoder(cls).decode(data)
            if not (deferred.all_valid() and _plain_numbers_held_plainly(deferred)):
                return None
            text = data.encode("utf-8") if isinstance(data, str) else bytes(data)
            layouts = _Layouts(obj, older, text)
            if _any_written(_body(text, headers), layouts):
                return obj
            # Indented, or laid out some other way: compare without the white space
            # between tokens.
            compact = msgspec.json.format(text, indent=-1)
            return obj if _any_written(_body(compact, headers), layouts) else None
    except Exception:  # whatever went wrong, the reference reader reports it
        return None


def _plain_numbers_held_plainly(deferred: Deferred) -> bool:
    """Whether every measured value and ratio built is held without an exponent.

    msgspec fills the fields itself, so a value written ``"2.3E+4"`` is held as read, and
    written back the same way by `encode`: the text would look canonical. The reference
    reader refuses that spelling; construction never holds a valid number so.
    """
    from bassin_minier._io.numbers import is_plainly_held  # noqa: PLC0415 - loaded with msgspec

    plain = _plain_fields()
    for objs in deferred.held.values():
        names = plain.get(type(objs[0])) if objs else None
        if names and not all(
            is_plainly_held(getattr(obj, name)) for obj in objs for name in names
        ):
            return False
    return True


@functools.cache
def _plain_fields() -> dict[type[Any], list[str]]:
    """The names of the plain-number fields of each class that has some."""
    from bassin_minier._io.numbers import PLAIN_NUMBERS  # noqa: PLC0415 - loaded with msgspec

    fields: dict[type[Any], list[str]] = {}
    for owner, name in PLAIN_NUMBERS:
        fields.setdefault(owner, []).append(name)
    return fields


def _body(text: bytes, headers: tuple[bytes, ...]) -> bytes | None:
    """*text* without the first of *headers* it starts with; None when it starts with none."""
    for header in headers:
        if not header:
            return text
        opened = b"{" + header
        if text.startswith(opened):
            return b"{" + text[len(opened) :]
    return None


class _Layouts:
    """The texts an object may be written as, each written when first compared.

    The current layout and each of the *older* ones, oldest first: each leaves out at
    least the fields the one after it leaves out. The first tried is the
    oldest whose left-out keys *text* does not even name: the others cannot match unless
    a text value happens to spell such a key. (Which comes first only saves writing
    layouts that cannot match; all are always compared.) A layout that changes nothing
    in an object of this class is the current one, and is written once.
    """

    def __init__(self, obj: object, older: tuple[LeftOut, ...], text: bytes) -> None:
        self._obj = obj
        cls = type(obj)
        full = _mirror(cls)
        distinct: dict[type[msgspec.Struct], LeftOut] = {full: _NOTHING_LEFT_OUT}
        for left_out in older:
            distinct.setdefault(_mirror(cls, left_out), left_out)
        self._order = list(distinct.values())
        if len(self._order) > 1:
            first = next(
                (i for i in range(1, len(self._order)) if not _names_any(self._order[i], text)),
                0,
            )
            self._order.insert(0, self._order.pop(first))
        self._written: dict[LeftOut, bytes] = {}

    def __iter__(self) -> Iterator[bytes]:
        for left_out in self._order:
            written = self._written.get(left_out)
            if written is None:
                written = self._written[left_out] = encode(self._obj, left_out)
            yield written


def _names_any(left_out: LeftOut, text: bytes) -> bool:
    """Whether *text* holds the key of any field of *left_out*, as JSON writes it."""
    return any(name in text for name in _key_names(left_out))


@functools.cache
def _key_names(left_out: LeftOut) -> tuple[bytes, ...]:
    return tuple(sorted({b'"%s"' % name.encode() for _, name in left_out}))


def _any_written(body: bytes | None, layouts: _Layouts) -> bool:
    return body is not None and any(body == written for written in layouts)


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


_MIRRORS: dict[tuple[type[Any], LeftOut], type[msgspec.Struct]] = {}


def _mirror(cls: type[Any], left_out: LeftOut = _NOTHING_LEFT_OUT) -> type[msgspec.Struct]:
    """A Struct with the fields of the model class *cls*, in its order, for msgspec to write.

    ``msgspec.convert`` fills it from a model object's attributes without calling back
    into Python, and msgspec writes a Struct's fields in the order they are declared.
    The fields of *left_out* are not declared; when that changes nothing in *cls* or the
    classes it holds, the mirror is the one of the full layout, the very same class.
    """
    known = _MIRRORS.get((cls, left_out))
    if known is not None:
        return known
    import msgspec  # noqa: PLC0415 - loaded with the first document

    fields = [
        (name, _mirrored(type_, left_out))
        for name, type_ in hints.field_types(cls).items()
        if (cls, name) not in left_out
    ]
    if left_out:
        full = _mirror(cls)
        if fields == [(name, _mirrored(type_)) for name, type_ in hints.field_types(cls).items()]:
            _MIRRORS[cls, left_out] = full
            return full
    # Mirrors hold only values read from immutable objects, never a reference cycle:
    # the garbage collector need not track them.
    mirror = msgspec.defstruct(cls.__name__, fields, module=__name__, gc=False)
    _MIRRORS[cls, left_out] = mirror
    return mirror


def _mirrored(type_: Any, left_out: LeftOut = _NOTHING_LEFT_OUT) -> Any:
    # Model classes become their mirrors; msgspec writes every other value as it is
    # (dates, decimals, enumerations, texts and tuples of them): Any lets it through.
    if hints.is_attrs_class(type_):
        # A class declaring its fields in name order needs no mirror: msgspec writes
        # them in that order (Participant, Priority), unless some are left out.
        names = list(hints.field_types(type_))
        if names == sorted(names) and not any(owner is type_ for owner, _ in left_out):
            return Any
        return _mirror(type_, left_out)
    if hints.is_tuple_of(type_):
        item = _mirrored(hints.item_type(type_), left_out)
        return Any if item is Any else GenericAlias(tuple, (item, ...))
    if hints.is_optional(type_):
        mirrored = _mirrored(hints.without_none(type_), left_out)
        return Any if mirrored is Any else Optional[mirrored]  # noqa: UP045 - built at run time
    return Any
