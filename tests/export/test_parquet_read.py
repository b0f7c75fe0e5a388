"""Programmes read back from their Parquet tables, exactly, with the checks of CSV."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import export
from bassin_minier.testing import programmes
from tests.export.amended import amended_programme
from tests.export.funded import funded_programme, funded_programmes


def test_the_dataset_and_a_programme_with_a_life_read_back(tmp_path: Path) -> None:
    for index, programme in enumerate((bm.datasets.bassin_minier_2019(), amended_programme())):
        export.write_parquet(programme, tmp_path / str(index))
        assert export.read_parquet(tmp_path / str(index)) == (programme,)


@settings(max_examples=40, deadline=None)
@given(st.lists(programmes(), max_size=2, unique_by=lambda p: p.id))
def test_any_programmes_read_back_as_equal_objects(collection: list[bm.Programme]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export.write_parquet(iter(collection), folder)
        assert export.read_parquet(folder) == tuple(collection)


def test_the_funded_programme_reads_back_in_the_shortest_form(tmp_path: Path) -> None:
    export.write_parquet(funded_programme(), tmp_path)
    (programme,) = export.read_parquet(tmp_path)
    assert programme == funded_programme()
    indicator = programme.conventions[0].indicators[0]
    assert [str(m.value) for m in (indicator.baseline, *indicator.targets)] == ["-3", "0.5", "150"]


@settings(max_examples=30, deadline=None)
@given(funded_programmes())
def test_any_funded_programme_reads_back(programme: bm.Programme) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export.write_parquet(programme, folder)
        assert export.read_parquet(folder) == (programme,)


def test_tables_written_before_shared_money_are_read(tmp_path: Path) -> None:
    programme = amended_programme()
    export.write_parquet(programme, tmp_path)
    for name in ("actions", "indicators", "measures", "co_funders", "partners"):
        (tmp_path / f"{name}.parquet").unlink()
    for name in ("matches", "match_parties", "payments"):
        (tmp_path / f"{name}.parquet").unlink()
    (tmp_path / "parquet-tables.json").unlink()  # tables as another program left them
    commitments = pq.read_table(tmp_path / "commitments.parquet")
    pq.write_table(commitments.drop_columns(["action"]), tmp_path / "commitments.parquet")
    assert export.read_parquet(tmp_path) == (programme,)


def test_a_missing_table_is_a_file_error(tmp_path: Path) -> None:
    export.write_parquet(funded_programme(), tmp_path)
    (tmp_path / "payments.parquet").unlink()
    with pytest.raises(bm.FileError, match=r"payments\.parquet"):
        export.read_parquet(tmp_path)


def test_a_file_that_is_not_parquet_and_wrong_columns_are_reported(tmp_path: Path) -> None:
    export.write_parquet(funded_programme(), tmp_path)
    (tmp_path / "parquet-tables.json").unlink()
    milestones = pq.read_table(tmp_path / "milestones.parquet")
    (tmp_path / "milestones.parquet").write_bytes(b"programme,on,label\r\n")
    with pytest.raises(bm.ValidationError) as caught:
        export.read_parquet(tmp_path)
    (violation,) = caught.value.violations
    assert violation.path == "milestones.parquet"
    assert violation.message.startswith("is not a Parquet table")
    pq.write_table(milestones.drop_columns(["label"]), tmp_path / "milestones.parquet")
    with pytest.raises(bm.ValidationError) as caught:
        export.read_parquet(tmp_path)
    (violation,) = caught.value.violations
    assert violation.message == (
        "holds the columns programme, on; expected the columns programme, on, label"
    )


def test_rows_that_belong_nowhere_and_broken_rules_name_their_row(tmp_path: Path) -> None:
    export.write_parquet(funded_programme(), tmp_path)
    (tmp_path / "parquet-tables.json").unlink()
    parties = pq.read_table(tmp_path / "parties.parquet").to_pylist()
    parties[3]["convention"] = "sud"
    table = pq.read_table(tmp_path / "parties.parquet")
    pq.write_table(table.from_pylist(parties, schema=table.schema), tmp_path / "parties.parquet")
    with pytest.raises(bm.ValidationError) as caught:
        export.read_parquet(tmp_path)
    assert [(v.path, v.message) for v in caught.value.violations] == [
        ("parties.parquet[4].convention", "no convention 'sud' in programme 'plan-pauvrete'")
    ]


def test_without_pyarrow_reading_names_the_extra(
    hide_package: Callable[[str], None], tmp_path: Path
) -> None:
    hide_package("pyarrow")
    with pytest.raises(export.MissingExtraError, match=r"bassin-minier\[parquet\]"):
        export.read_parquet(tmp_path)
