"""Show that JSON Lines are written and read in memory that does not grow with the file.

For 1 000, 10 000 and 100 000 conventions (one programme per line, each with its
convention and the State's commitment broken down by year), the script writes the file from
a generator, then reads it back, which validates every object, and sums the amounts
exactly. It prints the peak of memory allocated by Python during each pass (tracemalloc)
and the process's peak resident size so far:

    python benchmarks/stream_memory.py [SIZE ...]

The files are made in a temporary folder and removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import bassin_minier as bm
from bassin_minier import export

T = TypeVar("T")

DEPARTEMENTS = ("59", "62", "02", "60", "80")


def programme(index: int) -> bm.Programme:
    """The *index*-th programme: deterministic, different amounts on every line."""
    code = DEPARTEMENTS[index % len(DEPARTEMENTS)]
    council = bm.Party(
        id=f"cd-{code}", name=f"Conseil départemental {code}", kind="departement", territory=code
    )
    state = bm.Party(id="etat", name="État", kind="state")
    period = bm.Period.from_years(2019, 2021)
    convention = bm.Convention(
        id=f"convention-{index}",
        title=f"Convention départementale n° {index}",
        kind="departementale",
        territory=bm.Territory(code=code, name=f"Département {code}", kind="departement"),
        parties=(state, council),
        signatories=(bm.Signatory(name="Préfet", role="préfet", party="etat"),),
        period=period,
        signed_on=dt.date(2018, 12, 18),
    )
    yearly = Decimal(1000 + index % 997) + Decimal(index % 100) / 100
    commitment = bm.FundingCommitment(
        id=f"etat-{index}",
        funder="etat",
        amount=yearly * 3,
        basis="exactly",
        period=period,
        conventions=(convention.id,),
        tranches=tuple(
            bm.Tranche(year=year, amount=yearly, convention=convention.id) for year in period.years
        ),
    )
    return bm.Programme(
        id=f"programme-{index}",
        name=f"Programme {index}",
        period=period,
        conventions=(convention,),
        commitments=(commitment,),
    )


def generate(count: int) -> Iterator[bm.Programme]:
    return (programme(index) for index in range(count))


def read_and_sum(path: Path) -> tuple[int, Decimal]:
    count, amount = 0, Decimal(0)
    for item in export.iter_jsonl(path, bm.Programme):
        count += len(item.conventions)
        amount += sum(item.totals_by_year().values(), Decimal(0))
    return count, amount


def measured(work: Callable[..., T], *args: object) -> tuple[T, float, float]:
    """The result of *work(*args)*, the peak of Python allocations in MiB, and seconds taken."""
    tracemalloc.start()
    started = time.perf_counter()
    result = work(*args)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, peak / 2**20, elapsed


def max_rss_mib() -> float:
    # Linux reports kibibytes, macOS bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def main(sizes: list[int]) -> None:
    print(
        f"{'conventions':>12} {'file MiB':>9} {'write peak':>11} {'read peak':>10} "
        f"{'max RSS':>8} {'read s':>7}  total of the tranches"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"programmes-{size}.jsonl"
            written, write_peak, _ = measured(export.write_jsonl, generate(size), path)
            (count, amount), read_peak, seconds = measured(read_and_sum, path)
            assert written == count == size
            print(
                f"{size:>12,} {path.stat().st_size / 2**20:>9.1f} {write_peak:>9.2f}Mi "
                f"{read_peak:>8.2f}Mi {max_rss_mib():>6.0f}Mi {seconds:>7.1f}  {amount} €"
            )
            path.unlink()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
