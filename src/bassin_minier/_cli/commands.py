"""The commands of ``bassin-minier``, their arguments, and how each reads and reports."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import bassin_minier as bm
from bassin_minier._cli.summary import summary
from bassin_minier._io.documents import from_saved_text
from bassin_minier._io.files import atomic_writer as export_file
from bassin_minier._io.files import file_errors, is_regular_file, read_limited
from bassin_minier._io.fileset import staged_set
from bassin_minier._model.registry import MODEL_CLASSES_BY_NAME, model_class_named

__all__ = ["main"]

PROG = "bassin-minier"

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
# What a shell reports for a process ended by SIGINT (2) or SIGPIPE (13): 128 + signal.
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

# -- entry point ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line *argv* (the process arguments by default); return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        _tolerate_unencodable_text(stream)
    try:
        code = _run(argv)
        sys.stdout.flush()  # a broken pipe must surface here, not at interpreter exit
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except (bm.BassinMinierError, OSError) as error:
        _complain(str(error) or type(error).__name__)
        return EXIT_USAGE
    return code


def _run(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        _check_combination(args)
    except SystemExit as exit_:
        # argparse exits after --help, --version and usage errors; main returns instead.
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    return _COMMANDS[args.command](args)


def _tolerate_unencodable_text(stream: object) -> None:
    # French text on an ASCII terminal, or a file name that is not valid text (which
    # Python keeps as lone surrogates), prints as escapes rather than ending in a crash.
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        stream.reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    # Python flushes stdout once more on exit; sending it to the null device keeps that
    # last flush from reporting the same broken pipe a second time.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _complain(message: str) -> None:
    with contextlib.suppress(OSError):  # a closed stderr leaves nowhere to report to
        print(f"{PROG}: {_one_line(message)}", file=sys.stderr)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- arguments --------------------------------------------------------------------------------


_CLASS_NAMES = ", ".join(sorted(MODEL_CLASSES_BY_NAME))


def _model_class(name: str) -> type[Any]:
    cls = model_class_named(name)
    if cls is None:
        raise argparse.ArgumentTypeError(f"unknown class {name!r}; expected one of {_CLASS_NAMES}")
    return cls


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read, check and describe French State–local authority conventions.",
        epilog="Exit status: 0 when all is well, 1 when some data is invalid, 2 for usage "
        "errors and for files that cannot be read.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {bm.__version__}")
    commands = parser.add_subparsers(
        title="commands", dest="command", required=True, metavar="COMMAND"
    )
    show = commands.add_parser(
        "show",
        help="summarise a programme (the built-in dataset by default) or another object",
        description="Summarise FILE in plain text, or the built-in 2019 dataset when no FILE "
        "is given, ending with what the data does not say yet.",
    )
    show.add_argument(
        "file", nargs="?", metavar="FILE", help="a JSON file, as save() writes; - for stdin"
    )
    _add_class_option(show)
    show.set_defaults(command_parser=show)
    validate = commands.add_parser(
        "validate",
        help="check files against every rule",
        description="Check each FILE and report every broken rule as FILE: PATH: MESSAGE.",
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="a JSON file, as save() writes; - for stdin"
    )
    _add_class_option(validate)
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one line per file or violation; json: one document on stdout, which "
        "also reports the files that cannot be read (default: text)",
    )
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a class",
        description="Print the JSON Schema (2020-12) of the documents of CLASS.",
    )
    schema.add_argument(
        "cls",
        nargs="?",
        type=_model_class,
        default=bm.Programme,
        metavar="CLASS",
        help=f"one of {_CLASS_NAMES} (default: Programme)",
    )
    _add_export(commands)
    return parser


_EXPORTED_CLASSES = ("Programme", "Convention")


def _add_export(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help=f"write data as {_either(f.title for f in _FORMATS.values())}",
        description="Export FILE (a JSON file as save() writes, or a .jsonl file of one "
        "object per line, read one at a time), or the built-in dataset when no FILE is "
        f"given. {_both(name for name, f in _FORMATS.items() if not f.tables)} go to stdout "
        f"unless --out is given; {_both(name for name, f in _FORMATS.items() if f.tables)} "
        "write one file per table in --out.",
    )
    export.add_argument(
        "file", nargs="?", metavar="FILE", help="a .json or .jsonl file; - for JSON on stdin"
    )
    export.add_argument(
        "--to", dest="to", choices=tuple(_FORMATS), required=True, help="the output format"
    )
    # Each kind of file once: the formats of tables all write "the tables".
    *files, last = dict.fromkeys(f.files for f in _FORMATS.values())
    export.add_argument(
        "--out",
        metavar="DIR",
        help=f"the folder to write into (created if needed): {', '.join(files)}, or {last}",
    )
    _add_class_option(export)
    export.add_argument(
        "--ocid-prefix",
        metavar="PREFIX",
        default=None,
        help="the registered OCID prefix of the publisher (ocds only)",
    )
    export.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        type=_day,
        default=None,
        help="the publication date of the OCDS package (default: the latest date of the data)",
    )
    export.add_argument(
        "--publisher",
        metavar="NAME",
        default=None,
        help="who publishes the OCDS package (default: bassin_minier)",
    )
    export.add_argument(
        "--excel",
        action="store_true",
        help="start CSV files with a byte-order mark, for spreadsheet programs",
    )
    export.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="report progress on stderr (default: for .jsonl input when stderr is a terminal)",
    )
    export.set_defaults(command_parser=export)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _add_class_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--class",
        dest="cls",
        type=_model_class,
        default=bm.Programme,
        metavar="NAME",
        help=f"the class the file holds: {_CLASS_NAMES} (default: Programme)",
    )


def _check_combination(args: argparse.Namespace) -> None:
    if args.command in ("show", "export") and args.file is None and args.cls is not bm.Programme:
        args.command_parser.error(
            f"--class {args.cls.__name__} needs a FILE: the built-in dataset is a Programme"
        )
    if args.command != "export":
        return
    error = args.command_parser.error
    if any("\0" in name for name in (args.file, args.out) if name is not None):
        error("a file name cannot hold a NUL byte")
    if args.cls.__name__ not in _EXPORTED_CLASSES:
        error(f"export reads {' or '.join(_EXPORTED_CLASSES)} objects, not {args.cls.__name__}")
    if _FORMATS[args.to].tables:
        if args.cls is not bm.Programme:
            error(f"--to {args.to} writes the tables of programmes, not of {args.cls.__name__}")
        if args.out is None:
            error(f"--to {args.to} writes one file per table: give the folder with --out DIR")
    if args.to == "json" and args.out is None and _is_stream(args.file):
        error("a .jsonl file holds many objects: give --out DIR for one JSON file each")
    for name, format_ in _FORMATS.items():
        given = [getattr(args, _dest(o)) not in (None, False) for o in format_.options]
        if name != args.to and any(given):
            verb = "applies" if len(given) == 1 else "apply"
            error(f"{_both(format_.options)} {verb} to --to {name} only")


def _dest(option: str) -> str:
    return option.removeprefix("--").replace("-", "_")


def _both(items: Iterable[str]) -> str:
    *others, last = items
    return f"{', '.join(others)} and {last}" if others else last


def _either(items: Iterable[str]) -> str:
    *others, last = items
    return f"{', '.join(others)} or {last}" if others else last


def _is_stream(file: str | None) -> bool:
    return file is not None and file.lower().endswith(".jsonl")


# -- reading files ----------------------------------------------------------------------------


class _Outcome(NamedTuple):
    """What reading one file gave: the object, its violations, or why it cannot be read."""

    file: str
    obj: object = None
    violations: tuple[bm.Violation, ...] = ()
    error: str | None = None

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return EXIT_USAGE
        return EXIT_INVALID if self.violations else EXIT_OK


#: The FILE that stands for standard input.
STDIN = "-"
#: The most that standard input may hold, unless it is a file (``< programme.json``): a
#: pipe or a device may never end, and all of it is held in memory to be read.
STDIN_LIMIT = 256 * 2**20


def _read(file: str, cls: type[Any]) -> _Outcome:
    try:
        obj = from_saved_text(_standard_input(), cls) if file == STDIN else bm.load(file, cls)
    except bm.MalformedDocumentError as error:
        # Not JSON at all is a file problem rather than broken rules.
        return _Outcome(file, error="; ".join(v.message for v in error.violations))
    except bm.ValidationError as error:  # FormatVersionError included
        return _Outcome(file, violations=error.violations)
    except bm.FileError as error:
        cause = error.__cause__
        if isinstance(cause, OSError) and cause.strerror:
            return _Outcome(file, error=f"cannot read the file: {cause.strerror}")
        return _Outcome(file, error=str(error))
    return _Outcome(file, obj=obj)


def _standard_input() -> bytes:
    stream = sys.stdin.buffer if sys.stdin is not None else None
    with file_errors("read", "standard input"):
        if stream is None:
            raise OSError(errno.EBADF, "standard input is closed")
        if is_regular_file(stream):
            return stream.read()
        content = read_limited(stream, STDIN_LIMIT)
    if content is None:
        raise bm.FileError(
            f"standard input holds more than {STDIN_LIMIT // 2**20} MiB, the most it is read "
            "for: save it to a file and give the file's name"
        )
    return content


def _report_unusable(outcome: _Outcome) -> int:
    """Report a file that cannot be used on stderr; return its exit code."""
    if outcome.error is not None:
        _complain(f"{outcome.file}: {outcome.error}")
    for violation in outcome.violations:
        _complain(f"{outcome.file}: {violation.path}: {violation.message}")
    return outcome.exit_code


def _source(args: argparse.Namespace) -> _Outcome:
    if args.file is None:
        return _Outcome("", obj=bm.datasets.bassin_minier_2019())
    return _read(args.file, args.cls)


# -- commands ---------------------------------------------------------------------------------


def _show(args: argparse.Namespace) -> int:
    outcome = _source(args)
    if outcome.exit_code != EXIT_OK:
        return _report_unusable(outcome)
    print("\n".join(summary(outcome.obj)))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    outcomes = []
    for file in args.files:
        outcome = _read(file, args.cls)
        outcomes.append(outcome)
        if args.format == "text":
            _print_outcome(outcome)
    if args.format == "json":
        print(json.dumps(_outcomes_document(outcomes), ensure_ascii=False, indent=2))
    return max(o.exit_code for o in outcomes)


def _print_outcome(outcome: _Outcome) -> None:
    if outcome.error is not None:
        _complain(f"{outcome.file}: {outcome.error}")
    elif outcome.violations:
        for violation in outcome.violations:
            print(f"{outcome.file}: {violation.path}: {violation.message}")
    else:
        print(f"{outcome.file}: ok")


def _outcomes_document(outcomes: Sequence[_Outcome]) -> dict[str, Any]:
    files = [
        {
            "file": _file_name(o.file),
            "valid": o.exit_code == EXIT_OK,
            "violations": [
                {"path": _text(v.path), "message": _text(v.message), "rule": v.rule}
                for v in o.violations
            ],
            "error": None if o.error is None else _text(o.error),
        }
        for o in outcomes
    ]
    return {"valid": all(f["valid"] for f in files), "files": files}


def _file_name(file: str) -> str:
    """*file* as a JSON report names it: its bytes that are not UTF-8 as ``\\xff`` escapes.

    Python keeps such bytes of a file name as lone surrogates, which UTF-8 cannot hold.
    """
    try:
        return os.fsencode(file).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a surrogate that no file name on disk has
        return _text(file)


def _text(text: str) -> str:
    # A lone surrogate (a JSON document may spell one as an escape) as a \udcff escape.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(bm.json_schema(args.cls), ensure_ascii=False, indent=2))
    return EXIT_OK


#: How many objects of a stream are read between two progress reports.
PROGRESS_EVERY = 1000


def _export(args: argparse.Namespace) -> int:
    from bassin_minier import export  # noqa: PLC0415 - only this command needs it

    objects: Iterator[Any]
    if args.file is None:
        objects = iter([bm.datasets.bassin_minier_2019()])
        name = bm.datasets.bassin_minier_2019().id
    elif _is_stream(args.file):
        objects = export.iter_jsonl(args.file, args.cls)
        name = Path(args.file).stem
    else:
        outcome = _read(args.file, args.cls)
        if outcome.exit_code != EXIT_OK:
            return _report_unusable(outcome)
        read: Any = outcome.obj  # a Programme or a Convention, named by its id
        objects = iter([read])
        name = read.id if args.file == STDIN else Path(args.file).stem
    progress = args.progress
    if progress is None:
        progress = _is_stream(args.file) and _is_terminal(sys.stderr)
    if progress:
        objects = _reporting(objects)
    out = None if args.out is None else Path(args.out)
    try:
        if out is None:
            _FORMATS[args.to].write(export, args, objects, out, name)
        else:
            # Standard output is left out: a broken pipe there is not a file error.
            with file_errors("export to", out):
                out.mkdir(parents=True, exist_ok=True)
                _FORMATS[args.to].write(export, args, objects, out, name)
    except bm.MalformedDocumentError as error:
        _complain(f"{args.file}: {error.violations[0].path}: {error.violations[0].message}")
        return EXIT_USAGE
    except bm.ValidationError as error:
        where = args.file or "the built-in dataset"
        for violation in error.violations:
            _complain(f"{where}: {violation.path}: {violation.message}")
        return EXIT_INVALID
    return EXIT_OK


def _export_json(
    export: Any, args: argparse.Namespace, objects: Iterator[Any], out: Path | None, name: str
) -> None:
    if out is None:
        for obj in objects:
            print(bm.to_json(obj, indent=2))
    else:
        _write_json_files(objects, out, args.file)


def _export_jsonl(
    export: Any, args: argparse.Namespace, objects: Iterator[Any], out: Path | None, name: str
) -> None:
    if out is None:
        for obj in objects:
            sys.stdout.write(bm.to_json(obj) + "\n")
    else:
        export.write_jsonl(objects, out / f"{name}.jsonl")


def _export_ocds(
    export: Any, args: argparse.Namespace, objects: Iterator[Any], out: Path | None, name: str
) -> None:
    options: dict[str, Any] = {"published": args.published}
    if args.ocid_prefix is not None:
        options["ocid_prefix"] = args.ocid_prefix
    if args.publisher is not None:
        options["publisher"] = args.publisher
    items = list(objects)
    # One object makes the package of that object; a stream, that of the collection.
    source = items if _is_stream(args.file) else items[0]
    text = export.ocds_json(export.to_ocds(source, **options)) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        with export_file(out / f"{name}.ocds.json") as stream:
            stream.write(text.encode("utf-8"))


def _export_csv(
    export: Any, args: argparse.Namespace, objects: Iterator[Any], out: Path | None, name: str
) -> None:
    export.write_csv(objects, out, excel=args.excel)


def _export_parquet(
    export: Any, args: argparse.Namespace, objects: Iterator[Any], out: Path | None, name: str
) -> None:
    export.write_parquet(objects, out)


def _write_json_files(objects: Iterator[Any], out: Path, file: str | None) -> None:
    """Save each object as ``ID.json`` in *out*, all of them or, after an error, none."""
    # The first object (counted from 1) written to each file name. Ids are lowercase
    # slugs, but a file system that ignores case would take two names differing only by
    # case for one file: names are compared case-folded all the same.
    first: dict[str, int] = {}
    with staged_set(out, "json-objects", manifest=False) as files:
        for number, obj in enumerate(objects, start=1):
            name = f"{obj.id}.json"
            earlier = first.setdefault(name.casefold(), number)
            if earlier != number:
                where = f"{file}: " if file else ""
                raise bm.BassinMinierError(
                    f"{where}objects {earlier} and {number} have the same id {obj.id!r}, "
                    f"and each would be saved as {out / name}: nothing was written"
                )
            bm.save(obj, files.path(name))


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _reporting(objects: Iterator[Any]) -> Iterator[Any]:
    count = 0
    for count, obj in enumerate(objects, start=1):
        if count % PROGRESS_EVERY == 0:
            _complain(f"export: {_objects(count)} read")
        yield obj
    _complain(f"export: {_objects(count)} read, done")


def _objects(count: int) -> str:
    return f"{count:,} object" if count == 1 else f"{count:,} objects"


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "show": _show,
    "validate": _validate,
    "schema": _schema,
    "export": _export,
}


class _Format(NamedTuple):
    """A format of ``export --to``: how the help names it, what it writes, and how."""

    title: str
    #: What it writes in the --out folder.
    files: str
    #: Several files, which need a folder.
    tables: bool
    #: The options only this format takes.
    options: tuple[str, ...]
    #: Writes the objects: (export module, arguments, objects, --out folder, name).
    write: Callable[[Any, argparse.Namespace, Iterator[Any], Path | None, str], None]


#: The formats of ``export --to``, in the order the help lists them.
_FORMATS: dict[str, _Format] = {
    "json": _Format(
        "JSON", "ID.json per object (no two objects may share an id)", False, (), _export_json
    ),
    "jsonl": _Format("JSON Lines", "NAME.jsonl", False, (), _export_jsonl),
    "ocds": _Format(
        "OCDS",
        "NAME.ocds.json",
        False,
        ("--ocid-prefix", "--published", "--publisher"),
        _export_ocds,
    ),
    "csv": _Format("CSV", "the tables", True, ("--excel",), _export_csv),
    "parquet": _Format("Parquet", "the tables", True, (), _export_parquet),
}
