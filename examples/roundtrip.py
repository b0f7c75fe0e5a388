"""Save the built-in dataset to a file, load it back, and check nothing changed.

The copy is written to a temporary folder that is removed afterwards. The loaded
programme equals the original, and saving it again gives the same bytes: the JSON form
holds everything, and the amounts and dates come back exactly.

Run: python examples/roundtrip.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import bassin_minier as bm


def main() -> int:
    original = bm.datasets.bassin_minier_2019()
    with tempfile.TemporaryDirectory() as folder:
        first = Path(folder) / "programme.json"
        bm.save(original, first)
        copy = bm.load(first, bm.Programme)
        second = Path(folder) / "programme-again.json"
        bm.save(copy, second)
        size = first.stat().st_size
        same_bytes = first.read_bytes() == second.read_bytes()
    print(f"programme {copy.id}: {copy.name}")
    print(f"  conventions: {', '.join(c.id for c in copy.conventions)}")
    for funder, amount in copy.totals_by_funder().items():
        print(f"  committed by {funder}: {amount} €")
    print(f"  saved as {size} bytes of JSON (format_version {bm.FORMAT_VERSION})")
    print(f"  loaded copy equals the original: {copy == original}")
    print(f"  saved again, same bytes: {same_bytes}")
    return 0 if copy == original and same_bytes else 1


if __name__ == "__main__":
    sys.exit(main())
