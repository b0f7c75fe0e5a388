"""Memory of a thread making reference cycles while another thread reads a large document.

    python benchmarks/gc_threads.py                     # 10 000 conventions, about 26 MB
    python benchmarks/gc_threads.py --conventions 80000 # about 210 MB

Reading a document keeps the garbage collector's full collections out of the build. This
measures what that costs the rest of the process: one thread makes and drops reference
cycles without pause (each holding a buffer of 8 KiB by default) while the main thread
reads the document with `from_json`. Each way of keeping collections out runs in a fresh process:

- ``put-off`` (what the library does): only the oldest generation waits for the build;
- ``paused``: the collector switched off for the whole process during the build;
- ``none``: nothing held back, for the reading time without any of it.

For each, the table gives the process's resident memory before the read and at its peak
during it (sampled by the cycle-making thread), how many cycles that thread made, and the
time of the read (wall clock: the two threads share the interpreter). Linux only (the
resident memory is read from /proc).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

MODES = ("put-off", "paused", "none")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident() -> int:
    with open("/proc/self/statm", encoding="ascii") as stream:
        return int(stream.read().split()[1]) * _PAGE


class _Paused:
    """How reading kept collections out before: the collector off, for every thread."""

    def __enter__(self) -> None:
        gc.disable()

    def __exit__(self, *exc_info: object) -> None:
        gc.enable()


def _measure(mode: str, conventions: int, payload: int) -> dict[str, float]:
    sys.path.insert(0, str(Path(__file__).parent))
    import documents  # noqa: PLC0415 - found through the path set just above

    import bassin_minier as bm  # noqa: PLC0415
    from bassin_minier._io import codec as _codec  # noqa: PLC0415

    if mode == "paused":
        _codec._full_collections_put_off = _Paused()  # type: ignore[assignment]
    elif mode == "none":
        _codec._full_collections_put_off = contextlib.nullcontext()  # type: ignore[assignment]
    document = documents.national(conventions)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    del document
    bm.from_json(bm.to_json(bm.datasets.bassin_minier_2019()), bm.Programme)  # warm up
    gc.collect()

    done = threading.Event()
    peak = [0]
    made = [0]

    def make_cycles() -> None:
        while not done.is_set():
            for _ in range(1000):
                node: list[object] = [bytearray(payload)]
                node.append(node)
            made[0] += 1000
            peak[0] = max(peak[0], _resident())

    before = _resident()
    maker = threading.Thread(target=make_cycles, daemon=True)
    maker.start()
    started = time.perf_counter()
    programme = bm.from_json(text, bm.Programme)
    elapsed = time.perf_counter() - started
    done.set()
    maker.join()
    assert len(programme.conventions) == conventions
    return {"before": before, "peak": peak[0], "cycles": made[0], "seconds": elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conventions", type=int, default=10_000)
    parser.add_argument("--payload", type=int, default=8192, help="bytes held by each cycle")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_measure(args.child, args.conventions, args.payload)))
        return 0
    print(f"{'mode':10} {'RSS before':>11} {'RSS peak':>10} {'cycles made':>12} {'read':>8}")
    for mode in args.modes:
        command = [sys.executable, __file__, "--child", mode]
        sizes = ["--conventions", str(args.conventions), "--payload", str(args.payload)]
        result = subprocess.run([*command, *sizes], capture_output=True, text=True, check=True)
        figures = json.loads(result.stdout)
        print(
            f"{mode:10} {figures['before'] / 2**20:>8.0f} MiB {figures['peak'] / 2**20:>6.0f} MiB"
            f" {figures['cycles']:>12,} {figures['seconds']:>7.2f}s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
