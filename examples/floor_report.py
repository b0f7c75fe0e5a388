"""Report how far each funding commitment of a programme is broken down, year by year.

For every commitment: its basis and amount, the money known by year and convention so
far, what is still missing to reach a floor and whether the breakdown is complete; then
the known money per year. Reads a programme saved with ``bm.save`` or, without a file,
the built-in dataset, whose 48 M€ floor is not broken down yet. ``--chart`` also saves
the funding chart (PNG or SVG, by the file's suffix; needs the ``plot`` extra).

Run: python examples/floor_report.py [FILE] [--chart funding.png]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import bassin_minier as bm
from bassin_minier import analysis
from bassin_minier.analysis import french_amount


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python examples/floor_report.py")
    parser.add_argument("file", nargs="?", type=Path, help="a saved Programme (JSON)")
    parser.add_argument("--chart", type=Path, help="also save the funding chart here")
    arguments = parser.parse_args(argv)
    try:
        programme = (
            bm.datasets.bassin_minier_2019()
            if arguments.file is None
            else bm.load(arguments.file, bm.Programme)
        )
    except bm.BassinMinierError as error:
        print(f"{arguments.file}: {error}", file=sys.stderr)
        return 2
    print(f"{programme.name} ({programme.period})")
    for status in analysis.floor_status(programme):
        state = "complete" if status.complete else "incomplete"
        amount = french_amount(status.amount)
        print(f"\n{status.commitment} ({status.funder}): {status.basis.value} {amount}")
        print(f"  broken down: {french_amount(status.broken_down)} (from {status.known_from})")
        print(f"  still missing: {french_amount(status.shortfall)}")
        print(f"  headroom: {french_amount(status.headroom)}")
        print(f"  breakdown: {state}")
    by_year = analysis.totals(analysis.tranche_rows(programme), "year")
    print("\nknown per year:" if by_year else "\nknown per year: no yearly breakdown known")
    for year, amount in by_year.items():
        print(f"  {year}: {french_amount(amount)}")
    if arguments.chart is not None:
        from bassin_minier import plot  # noqa: PLC0415 - only when a chart is asked for

        ax = plot.funding_by_year(programme)
        ax.figure.savefig(arguments.chart)
        print(f"\nchart saved: {arguments.chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
