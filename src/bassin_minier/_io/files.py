"""Files on disk: reading regular files only, and replacing a file in one rename.

Reading opens the path first and then asks the open file what it is: a folder, a named
pipe or a device (``/dev/zero`` never ends) is refused before anything is read, and the
answer cannot change between the question and the read.

Writing goes through a temporary file beside the target, renamed over it once complete
and synced, so the target is always either the previous file or the new one. The
temporary file:

- is created with permissions no wider than the file it replaces (owner-only, then those
  of that file), so a private file never has a readable copy, even an empty one;
- has a short name, whatever the length of the target's: ``.bassin-minier-HASH-N.tmp``,
  where HASH is drawn from the target's name and N is the first number no other writer
  of that file holds, so that the next save of the same file finds and removes what a
  crash left behind (a file another writer still has open is locked, and kept);
- is written beside the file a symbolic link points to, which the rename replaces: the
  link itself stays.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from bassin_minier._base.errors import FileError

# Writers lock their temporary file, so that another can tell it is not abandoned. Where
# there are no such locks (Windows), a file still open cannot be removed anyway.
_LOCKING = os.name == "posix"

__all__ = [
    "atomic_writer",
    "create_like",
    "file_errors",
    "is_regular_file",
    "named",
    "open_regular",
    "read_limited",
    "read_regular",
]

_TEMPORARY_PREFIX = ".bassin-minier-"
_TEMPORARY_SUFFIX = ".tmp"
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
# Opening a named pipe for reading waits for a writer: without waiting, the descriptor
# says what the path is before any read.
_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
_READ |= getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


def named(path: str | os.PathLike[str]) -> str:
    """*path* as messages show it: a NUL byte, which no file name can hold, as ``\\0``."""
    return os.fspath(path).replace("\0", "\\0")


class _FileErrors:
    """Turns an `OSError` raised in its block into a `FileError` saying what failed."""

    __slots__ = ("_doing",)

    def __init__(self, doing: str) -> None:
        self._doing = doing

    def __enter__(self) -> None:
        return None

    # Returns None, never True: an error is replaced, never swallowed (so type checkers
    # know that a block ending in a return does return).
    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # A FileError already says which file failed, and how (an inner block's, or a
        # source read while writing): it goes through unchanged.
        if isinstance(error, OSError) and not isinstance(error, FileError):
            raise FileError(f"cannot {self._doing}: {error.strerror or error}") from error


def file_errors(verb: str, name: str | os.PathLike[str]) -> _FileErrors:
    """A block in which an `OSError` becomes a `FileError`: ``cannot VERB NAME: REASON``.

    *name* is a path, shown by `named`, or what stands for one (``standard input``); the
    reason is the system's (``No such file or directory``), and the error its cause.
    """
    return _FileErrors(f"{verb} {named(name)}")


def _checked(path: str | os.PathLike[str]) -> str:
    text = os.fspath(path)
    if "\0" in text:
        # os.open would raise ValueError: this is the error of any other unusable name.
        raise OSError(errno.EINVAL, "a file name cannot hold a NUL byte")
    return text


# -- reading ----------------------------------------------------------------------------------


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """The content of the regular file *path*; `OSError` for anything else."""
    # Unbuffered, read() asks the file its size and reads it in one go.
    with open_regular(path, buffered=False) as stream:
        return stream.read()


@contextlib.contextmanager
def open_regular(path: str | os.PathLike[str], *, buffered: bool = True) -> Iterator[BinaryIO]:
    """The regular file *path*, open for reading in binary; `OSError` for anything else."""
    handle = os.open(_checked(path), _READ)
    with os.fdopen(handle, "rb", buffering=-1 if buffered else 0) as stream:
        _require_regular(os.fstat(handle).st_mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle, True)
        yield stream


def _require_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    raise OSError(errno.EINVAL, f"not a regular file but {_kind(mode)}")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"  # pragma: no cover - no other kind on POSIX


def read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    """Everything *stream* holds, read a chunk at a time; None if that is over *limit* bytes."""
    chunks = bytearray()
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - len(chunks)))
        if not chunk:
            return bytes(chunks)
        chunks += chunk
        if len(chunks) > limit:
            return None


def is_regular_file(stream: BinaryIO) -> bool:
    """Whether a regular file is behind *stream*: its size is known, and it ends."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):  # a stream made in memory, with no file behind it
        return False


# -- writing ----------------------------------------------------------------------------------


def create_like(path: Path, model: Path) -> int:
    """Create the file *path* for writing, with the permissions of *model* if it exists.

    Created owner-only, then given *model*'s permissions: no moment sees it more open than
    *model*. Without *model*, it gets a new file's permissions (0o666 less the umask).
    Returns the open descriptor.
    """
    try:
        mode: int | None = stat.S_IMODE(os.stat(model).st_mode)
    except FileNotFoundError:
        mode = None
    handle = os.open(path, _CREATE, 0o666 if mode is None else 0o600)
    try:
        if mode is not None:
            if os.chmod in os.supports_fd:
                os.chmod(handle, mode)
            else:  # pragma: no cover - Windows before Python 3.13
                os.chmod(path, mode)
    except BaseException:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return handle


@contextlib.contextmanager
def atomic_writer(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces *target* only when the block ends normally.

    Every file the library writes goes through it, so each is either the previous one or
    the complete new one. Raises `OSError` when the file cannot be written.
    """
    # Through a symbolic link, the file replaced is the one the link leads to.
    real = Path(os.path.realpath(_checked(target)))
    handle, temporary = _create_temporary(real)
    # A second descriptor keeps the lock that tells other writers the file is in use,
    # from its creation until it has taken the target's place.
    held = os.dup(handle) if _LOCKING else None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    finally:
        if held is not None:
            os.close(held)


# The temporary files of one target are numbered from 0, each writer taking the first
# number free: a save finds what earlier ones left by trying a few names, where listing
# the folder would make saving many files into one folder quadratic. One rule keeps two
# writers from taking one name: a temporary file is removed only by whoever holds its
# lock, once sure the name is still that file's. Past this many numbers in a row with no
# file, none is looked for.
_GAP = 8


def _temporary_name(real: Path, number: int) -> Path:
    import hashlib  # noqa: PLC0415 - off the import path, like everything only saving needs

    digest = hashlib.sha256(os.fsencode(real.name)).hexdigest()[:16]
    return real.with_name(f"{_TEMPORARY_PREFIX}{digest}-{number}{_TEMPORARY_SUFFIX}")


def _create_temporary(real: Path) -> tuple[int, Path]:
    number = 0
    while True:
        candidate = _temporary_name(real, number)
        try:
            handle = create_like(candidate, real)
        except FileExistsError:
            if not _remove_if_abandoned(candidate):
                number += 1  # another writer's: try the next number
            continue
        if _claim(handle, candidate):
            _remove_abandoned_after(real, number)
            return handle, candidate
        # Someone removing an abandoned file took this one for it: it is theirs to remove.
        os.close(handle)
        number += 1


def _claim(handle: int, path: Path) -> bool:
    if not _LOCKING:  # pragma: no cover - Windows keeps an open file from being removed
        return True
    try:
        _lock(handle)
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks: nobody removes anything there
        return True
    return _names(handle, path)


def _remove_abandoned_after(real: Path, number: int) -> None:
    missing = 0
    while missing < _GAP:
        number += 1
        candidate = _temporary_name(real, number)
        if os.path.lexists(candidate):
            missing = 0
            _remove_if_abandoned(candidate)
        else:
            missing += 1


def _remove_if_abandoned(path: Path) -> bool:
    """Remove the temporary file *path* if no writer holds it; say whether the name is free."""
    if not _LOCKING:  # pragma: no cover - Windows refuses to remove a file still open
        return _removed(path)
    try:
        handle = os.open(path, _READ | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        _lock(handle)
        if not _names(handle, path):
            return False
        os.unlink(path)
    except OSError:  # held by a writer, or locks unavailable: keep it
        return False
    finally:
        os.close(handle)
    return True


def _removed(path: Path) -> bool:  # pragma: no cover - Windows
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


def _names(handle: int, path: Path) -> bool:
    # Whether *path* is still the name of the open file *handle*.
    try:
        named_file = os.lstat(path)
    except OSError:
        return False
    opened = os.fstat(handle)
    return (named_file.st_dev, named_file.st_ino) == (opened.st_dev, opened.st_ino)


def _lock(handle: int) -> None:
    import fcntl  # noqa: PLC0415 - POSIX only, and only saving needs it

    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
