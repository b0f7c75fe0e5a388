"""Parquet tables: the CSV tables with exact decimal amounts, read back by pyarrow."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import export
from bassin_minier.testing import programmes
from tests import builders
from tests.export.amended import amended_programme
from tests.export.test_tables import hidden_files, stop_at


def tranched(index: int) -> bm.Programme:
    commitment = builders.commitment(
        id=f"etat-{index}",
        amount=Decimal("2000.01"),
        basis=bm.Basis.AT_LEAST,
        conventions=("nord",),
        tranches=(
            builders.tranche(year=2019, amount=Decimal("1000.01")),
            builders.tranche(year=2020, amount=Decimal("1000.00") + index),
        ),
    )
    return builders.programme(id=f"programme-{index}", commitments=(commitment,))


def test_the_tables_and_their_types(tmp_path: Path) -> None:
    paths = export.write_parquet(bm.datasets.bassin_minier_2019(), tmp_path)
    tables = [f"{t.name}.parquet" for t in export.TABLES]
    assert [p.name for p in paths] == [*tables, "parquet-tables.json"]
    commitments = pq.read_table(tmp_path / "commitments.parquet")
    assert commitments.schema.field("amount").type == pa.decimal128(18, 2)
    assert commitments.schema.field("period_start").type == pa.date32()
    assert not commitments.schema.field("amount").nullable
    assert commitments.schema.field("priority").nullable
    assert commitments.to_pylist() == [
        {
            "programme": "plan-pauvrete-nord-pas-de-calais",
            "id": "etat-2019-2021",
            "funder": "etat",
            "amount": Decimal("48000000.00"),
            "basis": "at_least",
            "period_start": dt.date(2019, 1, 1),
            "period_end": dt.date(2021, 12, 31),
            "conventions": "nord pas-de-calais bassin-minier",
            "priority": None,
            "act": None,
            "revises": None,
            "action": None,
        }
    ]
    tranches = pq.read_table(tmp_path / "tranches.parquet")
    assert tranches.num_rows == 0
    assert tranches.schema.field("year").type == pa.int32()
    conventions = pq.read_table(tmp_path / "conventions.parquet")
    assert conventions.column("signed_at").to_pylist() == [None, None, "Lille"]


def test_amendments_relations_acts_and_spending_days_are_tables_and_columns(
    tmp_path: Path,
) -> None:
    programme = amended_programme()
    export.write_parquet(programme, tmp_path)
    amendments = pq.read_table(tmp_path / "amendments.parquet")
    assert amendments.schema.field("period_end").type == pa.date32()
    assert amendments.schema.field("period_end").nullable
    assert amendments.select(["id", "signed_on", "period_end"]).to_pylist() == [
        {
            "id": "avenant-2020",
            "signed_on": dt.date(2020, 7, 3),
            "period_end": dt.date(2021, 6, 30),
        },
        {"id": "avenant-2021", "signed_on": None, "period_end": None},
    ]
    signatories = pq.read_table(tmp_path / "amendment_signatories.parquet")
    assert signatories.column("party").to_pylist() == ["etat", "cd-nord"]
    relations = pq.read_table(tmp_path / "relations.parquet")
    assert relations.to_pylist() == [
        {
            "programme": "plan-pauvrete",
            "convention": "nord",
            "kind": "succeeds",
            "related": "pas-de-calais",
        }
    ]
    commitments = pq.read_table(tmp_path / "commitments.parquet")
    assert commitments.column("act").to_pylist() == [None, "avenant-2020", "avenant-2020"]
    assert commitments.column("revises").to_pylist() == [None, None, "etat-2020"]
    tranches = pq.read_table(tmp_path / "tranches.parquet")
    assert tranches.column("spend_by").to_pylist() == [dt.date(2021, 6, 30), None]


def test_sums_read_back_equal_the_exact_totals(tmp_path: Path) -> None:
    collection = [tranched(index) for index in range(5)]
    # Small batches: several row groups per file, as for a national collection.
    export.write_parquet(iter(collection), tmp_path, batch_rows=3)
    tranches = pq.read_table(tmp_path / "tranches.parquet")
    assert pq.ParquetFile(tmp_path / "tranches.parquet").num_row_groups == 4
    expected = sum((sum(p.totals_by_year().values()) for p in collection), Decimal(0))
    assert pc.sum(tranches.column("amount")).as_py() == expected == Decimal("10010.05")
    commitments = pq.read_table(tmp_path / "commitments.parquet")
    assert pc.sum(commitments.column("amount")).as_py() == Decimal("10000.05")


@settings(max_examples=40)
@given(st.lists(programmes(with_tranches=True), max_size=2, unique_by=lambda p: p.id))
def test_any_amounts_survive_exactly(collection: list[bm.Programme]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export.write_parquet(collection, folder)
        tranches = pq.read_table(Path(folder) / "tranches.parquet")
        amounts = tranches.column("amount").to_pylist()
        assert amounts == [t.amount for p in collection for c in p.commitments for t in c.tranches]
        commitments = pq.read_table(Path(folder) / "commitments.parquet")
        assert commitments.column("amount").to_pylist() == [
            c.amount for p in collection for c in p.commitments
        ]


def test_only_programmes_make_tables_and_a_failure_keeps_the_files(tmp_path: Path) -> None:
    export.write_parquet(tranched(1), tmp_path)
    before = (tmp_path / "tranches.parquet").read_bytes()
    with pytest.raises(TypeError, match="not Convention objects"):
        export.write_parquet([tranched(2), builders.convention()], tmp_path)  # type: ignore[list-item]
    assert (tmp_path / "tranches.parquet").read_bytes() == before
    assert len(list(tmp_path.iterdir())) == len(export.TABLES) + 1  # and the manifest


def test_an_unwritable_folder_is_a_file_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(bm.FileError, match="cannot write the tables"):
        export.write_parquet(tranched(1), blocker)


def test_without_pyarrow_the_error_names_the_extra(
    hide_package: Callable[[str], None], tmp_path: Path
) -> None:
    hide_package("pyarrow")
    with pytest.raises(export.MissingExtraError, match=r"bassin-minier\[parquet\]") as caught:
        export.write_parquet(tranched(1), tmp_path)
    assert isinstance(caught.value, bm.BassinMinierError)
    assert isinstance(caught.value, ImportError)
    assert list(tmp_path.iterdir()) == []


def amounts_in(folder: Path) -> list[Decimal]:
    return pq.read_table(folder / "tranches.parquet").column("amount").to_pylist()


@settings(max_examples=30)
@given(st.integers(1, 1 + len(export.TABLES)), st.sampled_from(["error", "interrupt", "crash"]))
def test_tables_stopped_at_any_step_are_the_old_ones_or_the_new_once_finished(
    step: int, how: str
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        export.write_parquet(tranched(1), folder)
        old = amounts_in(folder)
        with pytest.MonkeyPatch.context() as monkeypatch:
            stop_at(monkeypatch, step, how)
            with pytest.raises((OSError, KeyboardInterrupt)):
                export.write_parquet(tranched(2), folder)
        if step == 1:
            # Stopped before the manifest was replaced: every old file is in place.
            assert amounts_in(folder) == old
        # The next export, even one that fails, first puts the committed files in place.
        with pytest.raises(TypeError):
            export.write_parquet([builders.convention()], folder)  # type: ignore[list-item]
        if step > 1:
            assert hidden_files(folder) == []
        assert amounts_in(folder) == (
            old if step == 1 else [Decimal("1000.01"), Decimal("1002.00")]
        )
        for table in export.TABLES:
            # Every table comes from the same export, which the programme's id tells.
            column = "id" if table.name == "programmes" else "programme"
            ids = pq.read_table(folder / f"{table.name}.parquet").column(column).to_pylist()
            assert set(ids) <= {"programme-1" if step == 1 else "programme-2"}
