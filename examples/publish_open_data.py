"""Publish the built-in dataset as open data: an OCDS package, CSV tables and Parquet.

The files go to the folder given as argument (created if needed), or to a temporary
folder removed afterwards. The script reads the CSV tables back and checks they hold the
same programme, and sums the Parquet amounts when pyarrow (the ``parquet`` extra) is
installed.

Run: python examples/publish_open_data.py [FOLDER]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import bassin_minier as bm
from bassin_minier import export


def publish(folder: Path) -> None:
    programme = bm.datasets.bassin_minier_2019()
    package = export.to_ocds(programme, ocid_prefix="ocds-213czf")
    ocds = folder / f"{programme.id}.ocds.json"
    ocds.parent.mkdir(parents=True, exist_ok=True)
    ocds.write_text(export.ocds_json(package) + "\n", encoding="utf-8")
    print(f"OCDS: {ocds.name}, {len(package['releases'])} contracting processes")
    for release in package["releases"]:
        print(f"  {release['ocid']}")

    tables = export.write_csv(programme, folder / "csv")
    print(f"CSV: {len(tables)} files in csv/, {', '.join(p.name for p in tables[:3])}, …")
    print(f"  read back equal: {export.read_csv(folder / 'csv') == (programme,)}")

    try:
        export.write_parquet(programme, folder / "parquet")
    except export.MissingExtraError as error:
        print(f"Parquet: skipped ({error})")
        return
    import pyarrow.compute as pc  # noqa: PLC0415 - present once write_parquet worked
    import pyarrow.parquet as pq  # noqa: PLC0415

    amounts = pq.read_table(folder / "parquet" / "commitments.parquet").column("amount")
    print(f"Parquet: committed in total {pc.sum(amounts).as_py()} €")


def main(arguments: list[str]) -> int:
    if arguments:
        publish(Path(arguments[0]))
    else:
        with tempfile.TemporaryDirectory() as folder:
            publish(Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
