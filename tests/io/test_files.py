"""Reading and writing files: what is read, and how a file is replaced."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import bassin_minier as bm
import bassin_minier.export
from bassin_minier._io import files as _files
from bassin_minier._io.fileset import staged_set

PROGRAMME = bm.datasets.bassin_minier_2019()

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file kinds and permissions")


def names(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


# -- what load reads ----------------------------------------------------------------------------

# Every reader of a path: a whole document, and a stream of them.
READERS: dict[str, Callable[[Path | str], object]] = {
    "load": lambda path: bm.load(path, bm.Programme),
    "iter_jsonl": lambda path: list(bm.export.iter_jsonl(path, bm.Programme)),
}
each_reader = pytest.mark.parametrize("read", READERS.values(), ids=list(READERS))


@posix_only
@each_reader
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, read: Callable[[Path | str], object]
) -> None:
    pipe = tmp_path / "programme.json"
    os.mkfifo(pipe)
    with pytest.raises(bm.FileError, match="not a regular file but a named pipe") as caught:
        read(pipe)
    assert str(pipe) in str(caught.value)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@each_reader
def test_a_device_that_never_ends_is_refused_before_it_is_read(
    read: Callable[[Path | str], object],
) -> None:
    with pytest.raises(bm.FileError) as caught:
        read("/dev/zero")
    assert str(caught.value) == (
        "cannot read /dev/zero: not a regular file but a character device"
    )
    assert isinstance(caught.value.__cause__, OSError)


def test_a_folder_is_refused_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(bm.FileError) as caught:
        bm.load(tmp_path, bm.Programme)
    assert isinstance(caught.value.__cause__, (IsADirectoryError, PermissionError))


@posix_only
def test_a_link_to_a_saved_file_is_read_through(tmp_path: Path) -> None:
    bm.save(PROGRAMME, tmp_path / "programme.json")
    (tmp_path / "link.json").symlink_to("programme.json")
    assert bm.load(tmp_path / "link.json", bm.Programme) == PROGRAMME


@pytest.mark.parametrize("where", ["name", "folder"])
def test_a_nul_byte_in_a_path_is_a_file_error(tmp_path: Path, where: str) -> None:
    path = tmp_path / ("pro\0gramme.json" if where == "name" else "fol\0der/programme.json")
    with pytest.raises(bm.FileError) as caught:
        bm.load(path, bm.Programme)
    assert "cannot hold a NUL byte" in str(caught.value)
    assert "\0" not in str(caught.value)
    with pytest.raises(bm.FileError, match="cannot hold a NUL byte"):
        bm.save(PROGRAMME, path)
    with pytest.raises(bm.FileError, match="cannot hold a NUL byte"):
        bm.export.write_jsonl([PROGRAMME], path)
    with pytest.raises(bm.FileError, match="cannot hold a NUL byte"):
        list(bm.export.iter_jsonl(path, bm.Programme))
    assert names(tmp_path) == []


def test_reading_a_stream_stops_past_the_limit() -> None:
    class Endless:
        def read(self, size: int) -> bytes:
            return b"0" * size

    assert _files.read_limited(Endless(), 5000) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [0, 1, 4999, 5000])
def test_a_stream_within_the_limit_is_read_whole(size: int) -> None:
    import io  # noqa: PLC0415

    content = bytes(range(256)) * 20
    assert _files.read_limited(io.BytesIO(content[:size]), 5000) == content[:size]


# -- symbolic links -----------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize("existing", [True, False], ids=["existing", "dangling"])
def test_saving_through_a_link_replaces_the_file_it_leads_to(
    tmp_path: Path, existing: bool
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "programme.json"
    if existing:
        real.write_text("previous content\n", encoding="utf-8")
    link = tmp_path / "programme.json"
    link.symlink_to(Path("shared") / "programme.json")

    bm.save(PROGRAMME, link)

    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("shared", "programme.json")
    assert bm.load(real, bm.Programme) == PROGRAMME
    assert names(tmp_path) == ["programme.json", "shared"]
    assert names(shared) == ["programme.json"]


@posix_only
def test_saving_through_a_chain_of_links_keeps_every_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("{}", encoding="utf-8")
    (tmp_path / "middle.json").symlink_to("real.json")
    (tmp_path / "first.json").symlink_to("middle.json")

    bm.save(PROGRAMME, tmp_path / "first.json")

    assert (tmp_path / "first.json").is_symlink()
    assert (tmp_path / "middle.json").is_symlink()
    assert bm.load(real, bm.Programme) == PROGRAMME


# -- permissions --------------------------------------------------------------------------------


def creation_modes(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[int]:
    """The permission bits each file created in *folder* has the moment it is created."""
    modes: list[int] = []
    real_open = os.open

    def recording_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        handle = real_open(path, flags, *args, **kwargs)
        if flags & os.O_CREAT and Path(path).parent == folder:
            modes.append(stat.S_IMODE(os.fstat(handle).st_mode))
        return handle

    monkeypatch.setattr(os, "open", recording_open)
    return modes


def written_with(umask: int, write: Callable[[], object]) -> None:
    previous = os.umask(umask)
    try:
        write()
    finally:
        os.umask(previous)


@posix_only
@pytest.mark.parametrize("mode", [0o600, 0o400, 0o640], ids=oct)
def test_a_saved_file_is_never_more_open_than_the_file_it_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    target = tmp_path / "programme.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(mode)
    modes = creation_modes(monkeypatch, tmp_path)

    written_with(0o022, lambda: bm.save(PROGRAMME, target))

    assert modes  # the temporary file was seen being created
    assert all(created & ~mode & 0o077 == 0 for created in modes), [oct(m) for m in modes]
    assert stat.S_IMODE(target.stat().st_mode) == mode


@posix_only
def test_a_file_of_a_set_is_never_more_open_than_the_file_it_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    modes = creation_modes(monkeypatch, tmp_path)

    def write() -> None:
        with (
            staged_set(tmp_path, "csv-tables", manifest=False) as files,
            files.create("table.csv") as stream,
        ):
            stream.write(b"new\n")

    written_with(0o022, write)

    assert modes[0] == 0o600
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# -- temporary files ----------------------------------------------------------------------------


def test_a_file_name_of_255_bytes_can_be_saved(tmp_path: Path) -> None:
    target = tmp_path / ("p" * 250 + ".json")
    bm.save(PROGRAMME, target)
    assert bm.load(target, bm.Programme) == PROGRAMME
    assert names(tmp_path) == [target.name]


def test_the_temporary_file_has_a_short_hidden_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_fsync = os.fsync

    def looking_fsync(handle: int) -> None:
        seen.extend(name for name in names(tmp_path) if name.startswith("."))
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", looking_fsync)
    bm.save(PROGRAMME, tmp_path / ("é" * 120 + ".json"))

    (temporary,) = seen
    assert temporary.startswith(".bassin-minier-")
    assert temporary.endswith(".tmp")
    assert len(temporary.encode()) < 64


CRASHING_SAVE = """
import os, sys
import bassin_minier as bm
import bassin_minier.export
def crash(handle):  # the process dies while the temporary file is being written
    os._exit(3)
os.fsync = crash
bm.save(bm.datasets.bassin_minier_2019(), sys.argv[1])
"""


@posix_only
def test_the_next_save_removes_what_a_crash_left(tmp_path: Path) -> None:
    target = tmp_path / "programme.json"
    target.write_text("previous content\n", encoding="utf-8")
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_SAVE, str(target)],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert crashed.returncode == 3, crashed.stderr
    (left,) = [name for name in names(tmp_path) if name != "programme.json"]
    assert left.startswith(".bassin-minier-")
    assert target.read_text(encoding="utf-8") == "previous content\n"

    bm.save(PROGRAMME, target)

    assert names(tmp_path) == ["programme.json"]
    assert bm.load(target, bm.Programme) == PROGRAMME


def held(path: Path) -> int:
    """Create *path* and lock it, as a writer that is still writing does."""
    import fcntl  # noqa: PLC0415 - POSIX only

    handle = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


@posix_only
def test_a_temporary_file_another_writer_holds_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "programme.json"
    busy = _files._temporary_name(target, 0)
    handle = held(busy)
    try:
        bm.save(PROGRAMME, target)
        assert names(tmp_path) == [busy.name, "programme.json"]
        assert bm.load(target, bm.Programme) == PROGRAMME
    finally:
        os.close(handle)
    bm.save(PROGRAMME, target)  # once the other writer is gone, its file is too
    assert names(tmp_path) == ["programme.json"]


@posix_only
@pytest.mark.parametrize("numbers", [[1], [0, 3], [2, 9], [0, 1, 2, 3]], ids=str)
def test_every_file_a_crash_left_is_removed_by_the_next_save(
    tmp_path: Path, numbers: list[int]
) -> None:
    target = tmp_path / "programme.json"
    for number in numbers:
        _files._temporary_name(target, number).write_bytes(b"half a document")

    bm.save(PROGRAMME, target)

    assert names(tmp_path) == ["programme.json"]


@posix_only
def test_files_left_beside_one_another_writer_holds_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "programme.json"
    busy = _files._temporary_name(target, 0)
    handle = held(busy)
    try:
        for number in (1, 2, 5):
            _files._temporary_name(target, number).write_bytes(b"half a document")
        bm.save(PROGRAMME, target)
        assert names(tmp_path) == [busy.name, "programme.json"]
    finally:
        os.close(handle)


def test_the_temporary_files_of_other_targets_are_left_alone(tmp_path: Path) -> None:
    other = _files._temporary_name(tmp_path / "other.json", 0)
    other.write_bytes(b"")
    bm.save(PROGRAMME, tmp_path / "programme.json")
    assert names(tmp_path) == [other.name, "programme.json"]


def test_saving_does_not_list_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Saving n files into one folder would take time in n² if each save listed it.
    def listing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the folder was listed")

    monkeypatch.setattr(os, "scandir", listing)
    monkeypatch.setattr(os, "listdir", listing)
    for number in range(3):
        bm.save(PROGRAMME, tmp_path / f"programme-{number}.json")
    monkeypatch.undo()
    assert len(names(tmp_path)) == 3


# -- how a file that cannot be used is reported -------------------------------------------------


def test_an_os_error_becomes_a_file_error_naming_the_file_and_the_reason(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    with pytest.raises(bm.FileError) as caught, _files.file_errors("read", missing):
        missing.read_bytes()
    assert str(caught.value) == f"cannot read {missing}: No such file or directory"
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_an_os_error_without_a_reason_is_shown_whole() -> None:
    with pytest.raises(bm.FileError) as caught, _files.file_errors("read", "standard input"):
        raise OSError("the stream is gone")
    assert str(caught.value) == "cannot read standard input: the stream is gone"


def test_a_file_name_holding_a_nul_byte_is_shown_with_an_escape() -> None:
    with pytest.raises(bm.FileError) as caught, _files.file_errors("write", "a\0b.json"):
        raise OSError(22, "Invalid argument")
    assert str(caught.value) == "cannot write a\\0b.json: Invalid argument"


def test_a_file_error_raised_inside_goes_through_unchanged() -> None:
    inner = bm.FileError("cannot read source.jsonl: Input/output error")
    with pytest.raises(bm.FileError) as caught, _files.file_errors("write", "target.jsonl"):
        raise inner
    assert caught.value is inner


@pytest.mark.parametrize("error", [ValueError("not a file problem"), KeyboardInterrupt()])
def test_other_exceptions_go_through_unchanged(error: BaseException) -> None:
    with pytest.raises(type(error)) as caught, _files.file_errors("read", "x"):
        raise error
    assert caught.value is error


def test_a_block_that_succeeds_returns_its_value(tmp_path: Path) -> None:
    def read(path: Path) -> bytes:
        with _files.file_errors("read", path):
            return path.read_bytes()

    (tmp_path / "a").write_bytes(b"content")
    assert read(tmp_path / "a") == b"content"


def test_an_export_folder_that_is_a_file_is_named_in_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bassin_minier._cli.commands import main  # noqa: PLC0415 - the command line on demand

    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["export", "--to", "ocds", "--out", str(blocker)]) == 2
    assert capsys.readouterr().err == f"bassin-minier: cannot export to {blocker}: File exists\n"
