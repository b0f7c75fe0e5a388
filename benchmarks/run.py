"""Time bassin_minier against pydantic v2, msgspec and plain JSON parsing, side by side.

    python benchmarks/run.py                      # every size, table on stdout
    python benchmarks/run.py --json results.json  # ... and the figures as JSON
    python benchmarks/run.py --sizes small medium --rounds 5

Every contender reads the same generated documents (see documents.py) and writes them
back. The rounds run the contenders in turn, so that whatever else the machine is doing
weighs on all of them alike, each round starting one contender further on, so that none
always follows the same one; each figure is the median of its rounds. Then come the
memory held by the objects read from the large document (tracemalloc) and the time
``import bassin_minier`` takes beside ``import attrs, cattrs``.

Needs the benchmark extra: ``pip install -e '.[benchmark]'``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import orjson
import pydantic

import bassin_minier as bm

sys.path.insert(0, str(Path(__file__).parent))

import documents
from peers import msgspec_model, pydantic_model

# The targets, as ratios measured on the large document.
TARGETS = {
    "load / pydantic": 0.5,
    "load / msgspec": 1.5,
    "dump / msgspec": 1.5,
    "memory / pydantic": 1.0,
    "import / attrs+cattrs": 1.3,
}


class Contender:
    """One way to read a document's text into validated objects and write them back."""

    def __init__(
        self,
        name: str,
        load: Callable[[str], Any],
        dump: Callable[[Any], Any] | None,
        *,
        validates: bool = True,
    ) -> None:
        self.name = name
        self.load = load
        self.dump = dump
        self.validates = validates


def contenders() -> list[Contender]:
    return [
        Contender(
            "bassin_minier",
            lambda text: bm.from_json(text, bm.Programme),
            bm.to_json,
        ),
        Contender(
            "bassin_minier dict",
            lambda text: bm.from_dict(json.loads(text), bm.Programme),
            bm.to_dict,
        ),
        Contender("pydantic", pydantic_model.load, pydantic_model.dump),
        Contender("msgspec", msgspec_model.load, msgspec_model.dump),
        Contender("json", json.loads, json.dumps, validates=False),
        Contender("orjson", orjson.loads, orjson.dumps, validates=False),
    ]


# The processor time of this process: unlike the wall clock, it does not count the time
# other programs take from it, so figures measured on a busy machine stay comparable.
# Every contender runs on one thread, where the two clocks agree on an idle machine.
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def _timed(action: Callable[[], Any], clock: Callable[[], float]) -> float:
    gc.collect()  # start each timing with the same heap, not another's garbage
    start = clock()
    action()
    return clock() - start


def time_size(size: str, rounds: int, clock: Callable[[], float]) -> dict[str, dict[str, float]]:
    """Median seconds to load and to dump the document of *size*, per contender."""
    text = documents.text(size)
    racers = contenders()
    _check_agreement(text, {c.name: c.load(text) for c in racers})  # also warms them up
    timings: dict[str, dict[str, list[float]]] = {c.name: {"load": [], "dump": []} for c in racers}
    for round_ in range(rounds):
        # Each round starts one contender further on: what a contender leaves behind in
        # the processor's caches and the allocator slows down the next one, so none may
        # always follow the same one.
        start = round_ % len(racers)
        for contender in racers[start:] + racers[:start]:
            load, dump = _one_round(contender, text, clock)
            timings[contender.name]["load"].append(load)
            if dump is not None:
                timings[contender.name]["dump"].append(dump)
    return {
        name: {step: statistics.median(values) for step, values in steps.items() if values}
        for name, steps in timings.items()
    }


def _one_round(
    contender: Contender, text: str, clock: Callable[[], float]
) -> tuple[float, float | None]:
    # Only this contender's objects are alive while it runs, and they are gone when it
    # returns: a heap full of another's objects would slow down its garbage collections.
    loaded: list[Any] = []
    load = _timed(lambda: loaded.append(contender.load(text)), clock)
    if contender.dump is None:
        return load, None
    return load, _timed(lambda: contender.dump(loaded[0]), clock)


def _check_agreement(text: str, loaded: dict[str, Any]) -> None:
    # Every contender must have read the same document: compare what each writes back.
    expected = json.loads(text)
    for name, obj in loaded.items():
        if name == "bassin_minier":
            written = json.loads(bm.to_json(obj))
        elif name == "bassin_minier dict":
            written = bm.to_dict(obj)
        elif name == "pydantic":
            written = json.loads(pydantic_model.dump(obj))
        elif name == "msgspec":
            written = json.loads(msgspec_model.dump(obj))
        else:
            written = obj
        if written != expected:
            raise SystemExit(f"{name} does not give the document back as it read it")


def _broken(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The document broken in one place, in ways every validating contender must refuse."""
    cases: dict[str, dict[str, Any]] = {}

    def case(name: str, change: Callable[[dict[str, Any]], None]) -> None:
        copy = json.loads(json.dumps(document))
        change(copy)
        cases[name] = copy

    case("unknown key", lambda d: d.update(note="x"))
    case("bad slug", lambda d: d["conventions"][1].update(id="Convention 1"))
    case("padded text", lambda d: d["conventions"][1].update(title=" Convention"))
    case("cents", lambda d: d["commitments"][1]["tranches"][0].update(amount="1.234"))
    case("period order", lambda d: d["conventions"][1]["period"].update(start="2022-01-01"))
    case("signatory party", lambda d: d["conventions"][1]["signatories"][0].update(party="x"))
    case("floor", lambda d: d["commitments"][1].update(amount="999999999.00"))
    case("tranche year", lambda d: d["commitments"][1]["tranches"][0].update(year=2030))
    case("unknown convention", lambda d: d["commitments"][1]["conventions"].append("nowhere"))
    case("territory code", lambda d: d["conventions"][1]["territory"].update(kind="region"))
    case("repeated id", lambda d: d["conventions"].append(d["conventions"][0]))
    # The rules of version 2: convention 5 is amended, 10 implements 9, commitment 0 is
    # made by the amendment of convention 5.
    amended = ("conventions", 5, "amendments", 0)
    case("amendment date", lambda d: _at(d, amended).update(signed_on="2018-01-01"))
    case("amendment period", lambda d: _at(d, (*amended, "period")).update(end="2023-12-31"))
    case("amendment party", lambda d: _at(d, (*amended, "signatories", 0)).update(party="x"))
    case("amendment id", lambda d: _at(d, amended).update(id=_at(d, (15, "amendments", 0))["id"]))
    case("related", lambda d: _at(d, ("conventions", 10, "related", 0)).update(convention="x"))
    case("act", lambda d: d["commitments"][0].update(act="avenant-99999-1"))
    case("revision", lambda d: d["commitments"][1].update(revises=d["commitments"][1]["id"]))
    case("spend by", lambda d: d["commitments"][1]["tranches"][0].update(spend_by="2018-12-31"))
    return cases


def _at(document: dict[str, Any], path: tuple[Any, ...]) -> Any:
    # A place in the document, from its root; a path starting with an index is a convention.
    value: Any = document if isinstance(path[0], str) else document["conventions"]
    for step in path:
        value = value[step]
    return value


def _check_refusals(size: str) -> None:
    # A contender that accepted a broken document would be timed doing less work.
    for name, document in _broken(documents.document(size)).items():
        text = json.dumps(document, ensure_ascii=False)
        for contender in contenders():
            if not contender.validates:
                continue
            try:
                contender.load(text)
            except (ValueError, msgspec.ValidationError):
                continue
            raise SystemExit(f"{contender.name} accepts a document with a broken {name}")


def memory(size: str) -> dict[str, dict[str, int]]:
    """Bytes held by the objects read from the document of *size*, and the peak on the way."""
    text = documents.text(size)
    result = {}
    for contender in contenders():
        contender.load(text)  # caches and lazy imports are not the document's memory
        gc.collect()
        tracemalloc.start()
        obj = contender.load(text)
        held, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del obj
        result[contender.name] = {"held": held, "peak": peak}
    return result


def import_times(runs: int) -> dict[str, float]:
    """Median processor seconds a fresh interpreter takes for each import, less its start-up.

    The interpreters may write bytecode, as an installed package has it: the first run
    writes it, and every timed run reads it.
    """
    statements = {
        "python": "pass",
        "attrs+cattrs": "import attrs, cattrs",
        "bassin_minier": "import bassin_minier",
    }
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    samples: dict[str, list[float]] = {name: [] for name in statements}
    for round_ in range(runs + 1):
        for name, statement in statements.items():
            before = _children_time()
            subprocess.run([sys.executable, "-c", statement], check=True, env=environment)
            if round_:  # the first round only writes the bytecode
                samples[name].append(_children_time() - before)
    medians = {name: statistics.median(values) for name, values in samples.items()}
    bare = medians.pop("python")
    return {name: value - bare for name, value in medians.items()}


def _children_time() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f}"


def report(results: dict[str, Any]) -> str:
    lines = []
    sizes = results["sizes"]
    for size, by_contender in sizes.items():
        stats = results["documents"][size]
        lines.append(
            f"\n{size}: {stats['conventions']} conventions, {stats['tranches']} tranches, "
            f"{stats['bytes']:,} bytes"
        )
        lines.append(f"  {'contender':<20} {'load ms':>9} {'dump ms':>9}")
        for name, steps in by_contender.items():
            dump = _ms(steps["dump"]) if "dump" in steps else f"{'-':>9}"
            lines.append(f"  {name:<20} {_ms(steps['load'])} {dump}")
        ours = by_contender["bassin_minier"]
        for peer in ("pydantic", "msgspec"):
            theirs = by_contender[peer]
            lines.append(
                f"  ours / {peer:<12} load {ours['load'] / theirs['load']:5.2f}×"
                f"   dump {ours['dump'] / theirs['dump']:5.2f}×"
            )
    lines.append("\nload time per convention (bassin_minier, from_json):")
    for size, per in results["per_convention_us"].items():
        lines.append(f"  {size:<8} {per:8.2f} µs")
    if "memory" in results:
        lines.append("\nmemory of the objects read from the large document (tracemalloc):")
        for name, figures in results["memory"].items():
            lines.append(
                f"  {name:<20} held {figures['held'] / 2**20:7.2f} MiB"
                f"   peak {figures['peak'] / 2**20:7.2f} MiB"
            )
    if "imports" in results:
        imports = results["imports"]
        lines.append("\nimport time, less the interpreter's start-up (median of fresh processes):")
        for name, seconds in imports.items():
            lines.append(f"  {name:<20} {_ms(seconds)} ms")
    lines.append("\ntargets (large document):")
    for name, (value, target) in results["targets"].items():
        verdict = "met" if value <= target else "MISSED"
        lines.append(f"  {name:<24} {value:5.2f}×  (at most {target}×)  {verdict}")
    return "\n".join(lines)


def _targets(results: dict[str, Any]) -> dict[str, tuple[float, float]]:
    found: dict[str, float] = {}
    large = results["sizes"].get("large")
    if large:
        ours = large["bassin_minier"]
        found["load / pydantic"] = ours["load"] / large["pydantic"]["load"]
        found["load / msgspec"] = ours["load"] / large["msgspec"]["load"]
        found["dump / msgspec"] = ours["dump"] / large["msgspec"]["dump"]
    if "memory" in results:
        held = results["memory"]
        found["memory / pydantic"] = held["bassin_minier"]["held"] / held["pydantic"]["held"]
    if "imports" in results:
        imports = results["imports"]
        found["import / attrs+cattrs"] = imports["bassin_minier"] / imports["attrs+cattrs"]
    return {name: (value, TARGETS[name]) for name, value in found.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", choices=list(documents.SIZES), default=None)
    parser.add_argument("--rounds", type=int, default=11, help="timings per figure")
    parser.add_argument(
        "--clock", choices=list(CLOCKS), default="cpu", help="processor time or wall clock"
    )
    parser.add_argument("--import-runs", type=int, default=30, help="fresh processes")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    sizes = args.sizes or list(documents.SIZES)

    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "bassin_minier": bm.__version__,
            "pydantic": pydantic.VERSION,
            "msgspec": msgspec.__version__,
            "orjson": orjson.__version__,
            "clock": args.clock,
        },
        "documents": {},
        "sizes": {},
    }
    for size in sizes:
        if size != "small":
            _check_refusals(size)
        document = documents.document(size)
        results["documents"][size] = {
            "conventions": len(document["conventions"]),
            "tranches": sum(len(c["tranches"]) for c in document["commitments"]),
            "bytes": len(documents.text(size).encode("utf-8")),
        }
        results["sizes"][size] = time_size(size, args.rounds, CLOCKS[args.clock])
    results["per_convention_us"] = {
        size: results["sizes"][size]["bassin_minier"]["load"]
        / results["documents"][size]["conventions"]
        * 1e6
        for size in sizes
        if results["documents"][size]["conventions"]
    }
    if "large" in sizes:
        results["memory"] = memory("large")
    if args.import_runs:
        results["imports"] = import_times(args.import_runs)
    results["targets"] = _targets(results)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
