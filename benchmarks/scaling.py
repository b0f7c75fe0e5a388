"""How the time of the paths that large or hostile input drives grows with that input.

    python benchmarks/scaling.py                    # every case, table on stdout
    python benchmarks/scaling.py --base 500 --cases ocds
    python benchmarks/scaling.py --json scaling.json

Each case builds an input of size n and one of size 8n, and times the same operation on
both (processor time, the best of a few repeats, since a ratio of two best times is what
stays put on a busy machine). Every run gets an equal but new programme, built outside
the timing, so that what the library works out once per object and keeps is worked out
again in each run and counted. The figure to read is the ratio of the two times: about 8
for a path that grows linearly, about 64 for a quadratic one and 512 for a cubic one.
No test asserts these figures; they are measured here, where the machine can be quiet.

The cases are the ones an attacker or a national collection controls:

- ``duplicate-keys``: `from_json` of an object of n distinct keys, each written twice
  (refused: the time is the reader's finding out why);
- ``ocds``: `to_ocds` of a programme of n conventions, each with its commitment;
- ``floor-status``: `analysis.floor_status` of a programme of n multi-year floors without
  tranches and n yearly commitments with tranches lying within them;
- ``display``: the HTML display (what Jupyter shows) of that same programme.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import bassin_minier as bm
import bassin_minier.analysis
import bassin_minier.export

sys.path.insert(0, str(Path(__file__).parent))

import documents

#: How much larger the second input of every case is.
FACTOR = 8


#: A case's run, made ready outside the timing: calling it does what is timed.
Run = Callable[[], object]


def _fresh(programme: bm.Programme) -> Callable[[], bm.Programme]:
    # An equal programme that is another object, so nothing kept for the first one helps.
    return lambda: attrs.evolve(programme)


def _duplicate_keys(n: int) -> Callable[[], Run]:
    text = "{" + ",".join(f'"k{i}":0,"k{i}":0' for i in range(n)) + "}"

    def read() -> None:
        # Refused, as it must be: what is timed is finding out why.
        with contextlib.suppress(bm.ValidationError):
            bm.from_json(text, bm.Programme)

    return lambda: read


def _ocds(n: int) -> Callable[[], Run]:
    fresh = _fresh(bm.from_dict(documents.national(n), bm.Programme))

    def prepare() -> Run:
        programme = fresh()
        return lambda: bm.export.to_ocds(programme)

    return prepare


def _nested_commitments(n: int) -> bm.Programme:
    # n floors for the whole period, none broken down, and n yearly commitments broken
    # down by convention, each lying within every floor.
    document = documents.national(1 + documents.COVERED)
    document["conventions"] = document["conventions"][:1]
    convention = document["conventions"][0]["id"]
    floors = [
        {
            "id": f"plancher-{i:05d}",
            "funder": "etat",
            "amount": "1000000.00",
            "basis": "at_least",
            "period": {"start": "2019-01-01", "end": "2021-12-31"},
            "conventions": [convention],
            "priority": None,
            "tranches": [],
        }
        for i in range(n)
    ]
    yearly = [
        {
            "id": f"annuel-{i:05d}",
            "funder": "etat",
            "amount": "1000.00",
            "basis": "exactly",
            "period": {"start": "2020-01-01", "end": "2020-12-31"},
            "conventions": [convention],
            "priority": None,
            "tranches": [{"year": 2020, "amount": "1000.00", "convention": convention}],
        }
        for i in range(n)
    ]
    document["commitments"] = floors + yearly
    # The matches and payments named the commitments these replace.
    document["matches"] = document["payments"] = []
    return bm.from_dict(document, bm.Programme)


def _floor_status(n: int) -> Callable[[], Run]:
    fresh = _fresh(_nested_commitments(n))

    def prepare() -> Run:
        programme = fresh()
        return lambda: bm.analysis.floor_status(programme)

    return prepare


def _display(n: int) -> Callable[[], Run]:
    fresh = _fresh(_nested_commitments(n))
    return lambda: fresh()._repr_html_


#: Each case: what makes its runs ready for a size n, and the base size n whose run stays
#: in seconds.
CASES: dict[str, tuple[Callable[[int], Callable[[], Run]], int]] = {
    "duplicate-keys": (_duplicate_keys, 10_000),
    "ocds": (_ocds, 500),
    "floor-status": (_floor_status, 100),
    "display": (_display, 100),
}


def best_time(prepare: Callable[[], Run], repeats: int) -> float:
    """The least processor time a run made by *prepare* takes over *repeats*, in seconds."""
    prepare()()  # a first run loads what the path imports on first use
    times = []
    for _ in range(repeats):
        action = prepare()
        gc.collect()
        started = time.process_time()
        action()
        times.append(time.process_time() - started)
    return min(times)


def measure(name: str, base: int | None, repeats: int) -> dict[str, Any]:
    """Time case *name* at its base size (or *base*) and at `FACTOR` times that size."""
    build, default = CASES[name]
    n = base or default
    small, large = (best_time(build(size), repeats) for size in (n, FACTOR * n))
    return {"case": name, "n": n, "small_s": small, "large_s": large, "ratio": large / small}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cases", nargs="+", choices=sorted(CASES), default=list(CASES))
    parser.add_argument("--base", type=int, help="the size n of every case (default: its own)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each input (best kept)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    results = []
    print(f"{'case':<16}{'n':>8}{'time n':>12}{f'time {FACTOR}n':>12}{'ratio':>8}")
    for name in args.cases:
        row = measure(name, args.base, args.repeats)
        results.append(row)
        print(
            f"{name:<16}{row['n']:>8}{row['small_s'] * 1e3:>10.1f}ms"
            f"{row['large_s'] * 1e3:>10.1f}ms{row['ratio']:>8.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
