"""Sets of files replaced as a whole: the CSV or Parquet tables of an export, a folder of JSON.

A set is written in three steps. Each file is first written, complete and synced to disk,
under a hidden *staged* name in the target folder (``.csv-tables-GENERATION-3``). Then a
manifest (``csv-tables.json``) naming the new generation, and for each file its staged
name, replaces the previous manifest in one rename: that rename is the moment the new set
takes the place of the old one. Last, each staged file is renamed to its own name.

Readers go by the manifest (`committed_files`): a file of the set that is still under its
staged name is read from there. Before the manifest is replaced, every file of the old set
is in place, and the staged files of the new one are ignored; after it, the new set is read
whole, even when writing stopped (a crash, Ctrl-C, a full disk) before every file had its
name. The next write of the set finishes those renames first and removes what any earlier
interrupted write left.

A set written without a manifest (a folder of one JSON file per object) has no such
commit point: its files replace the old ones only once every one of them is written, so an
error while writing them leaves the folder as it was, but a crash during the renames leaves
some files new and others old, each of them whole.

One writer at a time: two programs writing the same set in one folder at once are not
kept apart.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from bassin_minier._base.errors import FileError, ValidationError
from bassin_minier._io.files import create_like, file_errors
from bassin_minier._rules.exports import TABLE

__all__ = ["FileSet", "committed_files", "manifest_state", "staged_set"]

# 64 random bits name a generation: two writes never pick the same.
_GENERATION = re.compile(r"[0-9a-f]{16}")
# Manifests are a few hundred bytes; a larger file is not one this module wrote.
_MANIFEST_LIMIT = 1 << 20
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
# What the manifest says of the program that wrote it, for a person opening the folder.
_WRITTEN_BY = "bassin_minier"


def manifest_name(kind: str) -> str:
    """The file name of the manifest of the sets of *kind* (``csv-tables.json``)."""
    return f"{kind}.json"


def _staged_pattern(kind: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(kind)}-([0-9a-f]{{16}})-(?:[0-9]+|manifest)")


class FileSet:
    """The files of one set being staged in *folder*; made and committed by `staged_set`."""

    def __init__(self, folder: Path, kind: str, *, manifest: bool) -> None:
        self.folder = folder
        self.kind = kind
        self.generation = os.urandom(8).hex()
        self._manifest = manifest
        # Keyed by the case-folded name: on a file system that ignores case, two names
        # that differ only by case would be one file.
        self._staged: dict[str, tuple[str, str]] = {}
        self._committed = False

    @property
    def manifest_path(self) -> Path | None:
        """Where the manifest of the set goes, or None for a set without one."""
        return self.folder / manifest_name(self.kind) if self._manifest else None

    def _reserve(self, name: str) -> tuple[int, Path]:
        if not name or name in (".", "..") or any(c in name for c in "/\\\0"):
            raise ValueError(f"{name!r} is not a plain file name")
        key = name.casefold()
        if key in self._staged:
            raise ValueError(f"{name!r} is already in this set, as {self._staged[key][0]!r}")
        staged = f".{self.kind}-{self.generation}-{len(self._staged)}"
        # Never more open than the file it replaces, not even for a moment.
        handle = create_like(self.folder / staged, self.folder / name)
        self._staged[key] = (name, staged)
        return handle, self.folder / staged

    @contextlib.contextmanager
    def create(self, name: str) -> Iterator[BinaryIO]:
        """A binary stream for the file *name* of the set, synced to disk when the block ends."""
        handle, _ = self._reserve(name)
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())

    def path(self, name: str) -> Path:
        """The staged path of the file *name*, for another writer to fill (and sync)."""
        handle, path = self._reserve(name)
        os.close(handle)
        return path

    def _commit(self) -> None:
        pending = list(self._staged.values())
        _sync_folder(self.folder)  # the staged files' names are on disk before the manifest
        if self.manifest_path is not None:
            staged = f".{self.kind}-{self.generation}-manifest"
            document = {
                "written_by": _WRITTEN_BY,
                "generation": self.generation,
                "files": dict(pending),
            }
            text = json.dumps(document, indent=2) + "\n"
            handle = os.open(self.folder / staged, _CREATE, 0o666)
            with os.fdopen(handle, "wb") as stream:
                stream.write(text.encode("ascii"))
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(self.folder / staged, self.manifest_path)
        # From here on readers take the new set through the manifest. (Without one, each
        # rename that follows replaces an old file for good.)
        self._committed = True
        _sync_folder(self.folder)
        for name, staged in pending:
            os.replace(self.folder / staged, self.folder / name)
        _sync_folder(self.folder)
        _remove_leftovers(self.folder, self.kind, keep=self.generation)

    def _abandon(self) -> None:
        """Clear up after an exception: undo before the commit, complete after it."""
        if self._committed and self._manifest:
            # Readers already take the new set: give its files their names if that can
            # still be done, and leave the staged ones the manifest names otherwise.
            _finish(self.folder, self.kind)
            return
        for _, staged in self._staged.values():
            with contextlib.suppress(OSError):
                os.unlink(self.folder / staged)
        with contextlib.suppress(OSError):
            os.unlink(self.folder / f".{self.kind}-{self.generation}-manifest")


@contextlib.contextmanager
def staged_set(folder: Path, kind: str, *, manifest: bool) -> Iterator[FileSet]:
    """Stage the files of a set of *kind* in *folder*; commit them when the block ends.

    When the block raises, nothing of the old set is replaced (but see the module's
    documentation for a set without a manifest). *kind* names the set, so that several
    sets (the CSV and the Parquet tables) can share a folder.
    """
    if manifest:
        _finish(folder, kind)
    files = FileSet(folder, kind, manifest=manifest)
    try:
        yield files
        files._commit()
    except BaseException:
        files._abandon()
        raise


def _finish(folder: Path, kind: str) -> None:
    # Rename the files of a committed set still under their staged names; best effort.
    try:
        _, staged = committed_files(folder, kind)
    except (FileError, ValidationError):
        return  # no readable manifest: nothing this module can finish
    for name, path in staged.items():
        with contextlib.suppress(OSError):
            os.replace(path, folder / name)
    with contextlib.suppress(OSError):
        _sync_folder(folder)


def _remove_leftovers(folder: Path, kind: str, *, keep: str) -> None:
    # Staged files of any other generation are left by an interrupted write: once the
    # set of generation *keep* is in place, nothing reads them.
    pattern = _staged_pattern(kind)
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = pattern.fullmatch(entry.name)
            if match is not None and match.group(1) != keep:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _sync_folder(folder: Path) -> None:
    # A rename is on disk only once its folder is (POSIX). Other systems cannot open a
    # folder for this, and commit their renames themselves.
    if os.name != "posix":  # pragma: no cover - tested on POSIX
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


# -- reading ----------------------------------------------------------------------------------


def manifest_state(folder: Path, kind: str) -> bytes | None:
    """The manifest of the set of *kind* in *folder* as it is now, or None if there is none.

    Two equal states bracketing a read mean that no write committed in between.
    """
    path = folder / manifest_name(kind)
    with file_errors("read", path):
        try:
            with path.open("rb") as stream:
                return stream.read(_MANIFEST_LIMIT + 1)
        except FileNotFoundError:
            return None


def committed_files(folder: Path, kind: str) -> tuple[bytes | None, dict[str, Path]]:
    """The manifest's state and, for each file of the set not yet renamed, its staged path.

    A file not listed is read under its own name: it is either in place, or the folder
    holds no manifest (tables written by hand, or by an earlier version). Raises
    `ValidationError` for a manifest this module did not write.
    """
    state = manifest_state(folder, kind)
    if state is None:
        return None, {}
    files = _manifest_files(state, kind)
    staged = {name: folder / s for name, s in files.items() if (folder / s).exists()}
    return state, staged


def _manifest_files(state: bytes, kind: str) -> dict[str, str]:
    where = manifest_name(kind)
    try:
        document = json.loads(state.decode("utf-8")) if len(state) <= _MANIFEST_LIMIT else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        document = None
    generation = document.get("generation") if isinstance(document, dict) else None
    files = document.get("files") if isinstance(document, dict) else None
    if not (
        isinstance(generation, str)
        and _GENERATION.fullmatch(generation)
        and isinstance(files, dict)
        and all(
            isinstance(name, str)
            and isinstance(staged, str)
            and name not in ("", ".", "..")
            and not any(c in name for c in "/\\\0")
            and re.fullmatch(rf"\.{re.escape(kind)}-{generation}-[0-9]+", staged)
            for name, staged in files.items()
        )
    ):
        raise ValidationError.at(
            where,
            "is not a manifest of bassin_minier: expected a JSON object with a 16-digit "
            "hexadecimal generation and the staged name of each file",
            TABLE,
        )
    return files
