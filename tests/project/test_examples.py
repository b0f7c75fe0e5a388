"""The scripts in examples/ run as a user would run them, and say what they claim."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import bassin_minier as bm
from bassin_minier import analysis

EXAMPLES = Path(__file__).parents[2] / "examples"


def run(script: str, *arguments: str | Path) -> subprocess.CompletedProcess[str]:
    # UTF-8 output whatever the platform's console encoding: the data is French text.
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *map(str, arguments)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_every_example_says_what_it_shows(script: str) -> None:
    source = (EXAMPLES / script).read_text(encoding="utf-8")
    assert source.startswith('"""')
    assert "Run: python examples/" in source


def test_build_convention_prints_the_mining_basin_convention() -> None:
    result = run("build_convention.py")
    assert result.returncode == 0, result.stderr
    summary, _, text = result.stdout.partition("\n{")
    assert "territoire démonstrateur de la mise en œuvre du plan pauvreté" in summary
    assert "signed on 2019-07-10 in Lille" in summary
    assert "Conseil départemental du Nord: Jean-René Lecerf" in summary
    assert "État: Michel Lalande, Fabien Sudry" in summary
    assert "missing information: 0" in summary
    # Built by hand from the source, it is the same convention as the built-in dataset's.
    dataset = bm.datasets.bassin_minier_2019().convention("bassin-minier")
    assert json.loads("{" + text) == json.loads(bm.to_json(dataset))


def test_roundtrip_reports_an_exact_copy() -> None:
    result = run("roundtrip.py")
    assert result.returncode == 0, result.stderr
    assert "conventions: nord, pas-de-calais, bassin-minier" in result.stdout
    assert "committed by etat: 48000000.00 €" in result.stdout
    assert "loaded copy equals the original: True" in result.stdout
    assert "saved again, same bytes: True" in result.stdout


def test_validate_accepts_a_saved_programme(tmp_path: Path) -> None:
    path = tmp_path / "programme.json"
    bm.save(bm.datasets.bassin_minier_2019(), path)
    result = run("validate_file.py", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"{path}: valid Programme"


def test_validate_reads_another_class_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "convention.json"
    bm.save(bm.datasets.bassin_minier_2019().convention("nord"), path)
    assert run("validate_file.py", path, "Convention").returncode == 0
    # The same file is not a Programme: it has keys a Programme does not know.
    as_programme = run("validate_file.py", path)
    assert as_programme.returncode == 1
    lines = as_programme.stdout.splitlines()
    assert f"{path}: $.name: is required but missing [required]" in lines
    unknown = [line for line in lines if line.startswith(f"{path}: $.title: unknown key")]
    assert len(unknown) == 1
    assert unknown[0].endswith("[unknown-key]")


def _nord_document() -> dict[str, object]:
    return json.loads(bm.to_json(bm.datasets.bassin_minier_2019().convention("bassin-minier")))


def test_validate_prints_each_violation_with_path_and_rule(tmp_path: Path) -> None:
    document = _nord_document()
    document["signatories"][3]["party"] = "cd-pas-de-calai"  # type: ignore[index]
    document["signed_on"] = "2022-07-10"
    path = tmp_path / "convention.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run("validate_file.py", path, "Convention")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}: $.signatories[3].party: Nicole Gruson signs for")
    assert lines[0].endswith("[signatory-party]")
    assert lines[1].startswith(f"{path}: $.signed_on: the convention is signed on 2022-07-10")
    assert lines[1].endswith("[signature-date]")
    assert lines[2] == f"{path}: invalid Convention, 2 violation(s)"


def test_validate_reports_problems_at_every_level_at_once(tmp_path: Path) -> None:
    # A padded title and a signatory's padded name are independent mistakes; a user
    # fixing a file wants both in one run, not one per run.
    document = _nord_document()
    document["title"] = document["title"] + " "  # type: ignore[operator]
    document["signatories"][0]["name"] = " Michel Lalande"  # type: ignore[index]
    path = tmp_path / "convention.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run("validate_file.py", path, "Convention")
    assert result.returncode == 1
    assert f"{path}: $.signatories[0].name: must not start or end with spaces" in result.stdout
    assert f"{path}: $.title: must not start or end with spaces" in result.stdout


def test_validate_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    result = run("validate_file.py", tmp_path / "missing.json")
    assert result.returncode == 2
    assert "cannot read" in result.stderr
    assert result.stdout == ""


def test_validate_explains_its_usage() -> None:
    assert run("validate_file.py").returncode == 2
    wrong_class = run("validate_file.py", "programme.json", "Programmes")
    assert wrong_class.returncode == 2
    assert "usage: python examples/validate_file.py FILE [CLASS]" in wrong_class.stderr


def test_publish_open_data_writes_every_format(tmp_path: Path) -> None:
    result = run("publish_open_data.py", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "OCDS: plan-pauvrete-nord-pas-de-calais.ocds.json, 3 contracting processes" in (
        result.stdout
    )
    assert "ocds-213czf-plan-pauvrete-nord-pas-de-calais.bassin-minier" in result.stdout
    assert "read back equal: True" in result.stdout
    assert "Parquet: committed in total 48000000.00 €" in result.stdout
    assert (tmp_path / "site" / "csv" / "datadictionary.csv").is_file()
    assert run("publish_open_data.py").returncode == 0


def test_floor_report_shows_what_the_floor_still_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.analysis.test_analysis import with_2020  # noqa: PLC0415 - shared made-up breakdown

    result = run("floor_report.py")
    assert result.returncode == 0, result.stderr
    assert "etat-2019-2021 (etat): at_least 48 000 000,00 €" in result.stdout
    assert "still missing: 48 000 000,00 €" in result.stdout
    assert "known per year: no yearly breakdown known" in result.stdout
    path = tmp_path / "programme.json"
    bm.save(with_2020(bm.datasets.bassin_minier_2019()), path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    result = run("floor_report.py", path, "--chart", tmp_path / "funding.png")
    assert result.returncode == 0, result.stderr
    assert "broken down: 16 000 000,00 € (from commitments)" in result.stdout
    assert "still missing: 32 000 000,00 €" in result.stdout
    assert "  2020: 16 000 000,00 €" in result.stdout
    assert (tmp_path / "funding.png").read_bytes().startswith(b"\x89PNG")
    assert run("floor_report.py", tmp_path / "missing.json").returncode == 2


def test_the_floor_report_writes_amounts_as_show_does() -> None:
    from bassin_minier._cli.summary import summary  # noqa: PLC0415 - the command's own text

    floor = analysis.french_amount(Decimal("48000000.00"))
    assert floor == "48 000 000,00 €"
    assert f"at_least {floor}" in run("floor_report.py").stdout
    assert f"at least {floor} (floor)" in "\n".join(summary(bm.datasets.bassin_minier_2019()))
