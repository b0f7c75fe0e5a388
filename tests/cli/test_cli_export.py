"""``bassin-minier export``: every format, to stdout or a folder, and its errors."""

from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import bassin_minier as bm
from bassin_minier import export
from bassin_minier._cli import commands as _cli
from bassin_minier._cli import main
from tests import builders
from tests.cli.test_cli import run

DATASET = bm.datasets.bassin_minier_2019()


@pytest.fixture
def stream(tmp_path: Path) -> Path:
    """Three programmes, one per line."""
    path = tmp_path / "collection.jsonl"
    export.write_jsonl([DATASET, builders.programme(), builders.programme(id="autre-plan")], path)
    return path


def test_export_ocds_of_the_builtin_dataset_through_the_entry_point() -> None:
    result = run("export", "--to", "ocds", "--ocid-prefix", "ocds-abc123")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    package = json.loads(result.stdout, parse_float=Decimal)
    assert package == json.loads(
        export.ocds_json(export.to_ocds(DATASET, ocid_prefix="ocds-abc123")), parse_float=Decimal
    )
    assert package["uri"] == "urn:bassin-minier:ocds-abc123-plan-pauvrete-nord-pas-de-calais"


def test_export_ocds_of_a_stream_is_one_package(
    stream: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["export", str(stream), "--to", "ocds", "--out", str(out), "--published",
                 "2024-05-06", "--publisher", "Préfecture du Nord", "--ocid-prefix",
                 "ocds-abc123"])  # fmt: skip
    assert code == 0
    assert capsys.readouterr() == ("", "")
    package = json.loads((out / "collection.ocds.json").read_text("utf-8"))
    assert len(package["releases"]) == 3 + 2 + 2
    assert package["releases"][-1]["ocid"] == "ocds-abc123-autre-plan.pas-de-calais"
    assert package["publishedDate"] == "2024-05-06T00:00:00Z"
    assert package["publisher"] == {"name": "Préfecture du Nord"}


def test_export_json_to_stdout_and_to_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--to", "json"]) == 0
    assert bm.from_json(capsys.readouterr().out, bm.Programme) == DATASET
    assert main(["export", "--to", "json", "--out", str(tmp_path / "a" / "b")]) == 0
    assert bm.load(tmp_path / "a" / "b" / f"{DATASET.id}.json", bm.Programme) == DATASET


def test_export_json_from_a_stream_writes_one_file_per_object(
    stream: Path, tmp_path: Path
) -> None:
    assert main(["export", str(stream), "--to", "json", "--out", str(tmp_path / "o")]) == 0
    names = sorted(p.name for p in (tmp_path / "o").iterdir())
    assert names == ["autre-plan.json", f"{DATASET.id}.json", "plan-pauvrete.json"]


def test_export_jsonl_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "programme.json"
    bm.save(DATASET, saved)
    assert main(["export", str(saved), "--to", "jsonl"]) == 0
    assert capsys.readouterr().out == bm.to_json(DATASET) + "\n"
    assert main(["export", str(saved), "--to", "jsonl", "--out", str(tmp_path)]) == 0
    assert list(export.iter_jsonl(tmp_path / "programme.jsonl", bm.Programme)) == [DATASET]


def test_export_a_convention(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "nord.json"
    bm.save(builders.convention(), saved)
    assert main(["export", str(saved), "--class", "convention", "--to", "ocds"]) == 0
    package = json.loads(capsys.readouterr().out)
    assert [r["ocid"] for r in package["releases"]] == ["ocds-bassin-nord"]


def test_export_csv_and_parquet_tables(stream: Path, tmp_path: Path) -> None:
    assert main(["export", str(stream), "--to", "csv", "--out", str(tmp_path / "csv"),
                 "--excel"])  == 0  # fmt: skip
    assert export.read_csv(tmp_path / "csv") == tuple(export.iter_jsonl(stream, bm.Programme))
    assert (tmp_path / "csv" / "programmes.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["export", str(stream), "--to", "parquet", "--out", str(tmp_path / "pq")]) == 0
    assert pq.read_table(tmp_path / "pq" / "programmes.parquet").num_rows == 3


def test_progress_is_reported_on_stderr(
    stream: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_cli, "PROGRESS_EVERY", 2)
    assert main(["export", str(stream), "--to", "jsonl", "--progress"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "bassin-minier: export: 2 objects read",
        "bassin-minier: export: 3 objects read, done",
    ]
    saved = tmp_path / "one.json"
    bm.save(DATASET, saved)
    assert main(["export", str(saved), "--to", "ocds", "--progress"]) == 0
    assert capsys.readouterr().err == "bassin-minier: export: 1 object read, done\n"


def test_progress_goes_to_a_terminal_only_unless_asked(
    stream: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["export", str(stream), "--to", "jsonl"]) == 0
    assert terminal.getvalue() == "bassin-minier: export: 3 objects read, done\n"
    assert main(["export", str(stream), "--to", "jsonl", "--no-progress"]) == 0
    assert terminal.getvalue().count("done") == 1
    closed = io.StringIO()
    closed.close()
    assert not _cli._is_terminal(closed)


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--to", "csv"], "--to csv writes one file per table: give the folder with --out DIR"),
        (["--to", "parquet", "--class", "Convention", "x.json", "--out", "o"],
         "--to parquet writes the tables of programmes, not of Convention"),
        (["--to", "json", "--class", "Convention"], "--class Convention needs a FILE"),
        (["--to", "json", "--class", "Party", "p.json"],
         "export reads Programme or Convention objects, not Party"),
        (["--to", "json", "many.jsonl"], "a .jsonl file holds many objects: give --out DIR"),
        (["--to", "csv", "--out", "o", "--ocid-prefix", "ocds-abc123"],
         "--ocid-prefix, --published and --publisher apply to --to ocds only"),
        (["--to", "jsonl", "--publisher", "Préfecture"],
         "--ocid-prefix, --published and --publisher apply to --to ocds only"),
        (["--to", "json", "--excel"], "--excel applies to --to csv only"),
        (["--to", "ocds", "--published", "10/07/2019"], "is not a date written YYYY-MM-DD"),
        (["--to", "xml"], "invalid choice: 'xml'"),
    ],
)  # fmt: skip
def test_usage_errors(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", *arguments]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err


def test_an_invalid_file_exits_1_with_every_violation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = bm.to_dict(DATASET)
    document["conventions"][0]["territory"]["code"] = "20"
    path = tmp_path / "invalid.json"
    path.write_text(json.dumps(document), "utf-8")
    assert main(["export", str(path), "--to", "ocds"]) == 1
    err = capsys.readouterr().err
    assert f"{path}: $.conventions[0].territory.code: " in err


def test_an_invalid_line_exits_1_and_writes_nothing(
    stream: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with stream.open("a", encoding="utf-8") as file:
        file.write(bm.to_json(builders.programme()).replace('"nord"', '"Nord"', 1) + "\n")
    out = tmp_path / "tables"
    assert main(["export", str(stream), "--to", "csv", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"bassin-minier: {stream}: line 4: $.conventions[0].id: " in err
    assert list(out.iterdir()) == []


def test_a_line_that_is_not_json_exits_2(stream: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with stream.open("a", encoding="utf-8") as file:
        file.write("{\n")
    assert main(["export", str(stream), "--to", "ocds"]) == 2
    assert f"{stream}: line 4: $: is not valid JSON" in capsys.readouterr().err


def test_missing_input_and_unwritable_output_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(tmp_path / "none.jsonl"), "--to", "jsonl"]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "none.json"), "--to", "jsonl"]) == 2
    assert "cannot read the file" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["export", "--to", "ocds", "--out", str(blocker)]) == 2
    assert capsys.readouterr().err.startswith("bassin-minier: ")


def test_an_empty_programme_has_no_ocds_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.json"
    bm.save(builders.programme(conventions=(), commitments=()), path)
    assert main(["export", str(path), "--to", "ocds"]) == 1
    assert "$.conventions: there is no convention" in capsys.readouterr().err


def test_csv_written_by_the_command_is_rfc4180(tmp_path: Path) -> None:
    assert main(["export", "--to", "csv", "--out", str(tmp_path)]) == 0
    with (tmp_path / "tranches.csv").open(encoding="utf-8", newline="") as file:
        assert list(csv.reader(file)) == [["programme", "commitment", "year", "amount",
                                           "convention", "spend_by"]]  # fmt: skip


def test_export_json_refuses_two_objects_with_one_id_and_writes_nothing(
    stream: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o"
    out.mkdir()
    bm.save(DATASET, out / "plan-pauvrete.json")
    before = (out / "plan-pauvrete.json").read_bytes()
    renamed = builders.programme(name="Un autre programme du même identifiant")
    with stream.open("a", encoding="utf-8") as file:
        file.write(bm.to_json(renamed) + "\n")
    assert main(["export", str(stream), "--to", "json", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"bassin-minier: {stream}: objects 2 and 4 have the same id 'plan-pauvrete', and each "
        f"would be saved as {out / 'plan-pauvrete.json'}: nothing was written\n"
    )
    # Neither object replaced the file of an earlier export, and no other file was added.
    assert [p.name for p in out.iterdir()] == ["plan-pauvrete.json"]
    assert (out / "plan-pauvrete.json").read_bytes() == before


def test_export_json_to_a_folder_writes_nothing_when_a_line_is_invalid(
    stream: Path, tmp_path: Path
) -> None:
    with stream.open("a", encoding="utf-8") as file:
        file.write(bm.to_json(builders.programme(id="x")).replace('"nord"', '"Nord"', 1) + "\n")
    out = tmp_path / "o"
    assert main(["export", str(stream), "--to", "json", "--out", str(out)]) == 1
    assert list(out.iterdir()) == []


# -- the table of formats ---------------------------------------------------------------------


@pytest.mark.parametrize("to", list(_cli._FORMATS))
def test_every_format_writes_the_builtin_dataset_into_a_folder(tmp_path: Path, to: str) -> None:
    out = tmp_path / "out"
    assert main(["export", "--to", to, "--out", str(out)]) == 0
    assert any(out.iterdir())


def test_the_help_names_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "write data as JSON, JSON Lines, OCDS, CSV or Parquet" in capsys.readouterr().out
    assert main(["export", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "{json,jsonl,ocds,csv,parquet}" in help_text
    assert "json, jsonl and ocds go to stdout unless --out is given" in help_text
    assert "csv and parquet write one file per table in --out" in help_text


@pytest.mark.parametrize(
    ("to", "option"),
    [(to, option) for to, f in _cli._FORMATS.items() for option in f.options],
)
def test_an_option_of_one_format_is_refused_with_another(
    to: str, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    value = [] if option == "--excel" else ["2020-01-01"]
    other = "jsonl"
    assert main(["export", "--to", other, option, *value]) == 2
    assert f"to --to {to} only" in capsys.readouterr().err
