"""The French-reading example runs as a user would run it, on our text and on the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.project.test_examples import run

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
ANNOUNCEMENT = Path(__file__).parents[1] / "data" / "fr" / "announcement.txt"


def test_read_announcement_finds_the_facts_of_the_dataset() -> None:
    result = run("read_announcement.py")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "published on 2019-07-15"
    assert "signed on: 2019-07-10 (agrees)" in lines
    assert "mentions the strategy's presentation: True (agrees)" in lines
    assert "floor: at least 48000000 € (agrees)" in lines
    assert (
        "signatories: Michel Lalande (etat), Fabien Sudry (etat), Jean-René Lecerf (cd-nord), "
        "Nicole Gruson (cd-pas-de-calais) (agrees)"
    ) in lines
    assert "present: Olivier Noblecourt, Alain Neveü (agrees)" in lines
    assert "official geography problems: [] (agrees)" in lines
    assert lines[-1] == "9 of 9 facts agree with the dataset"


def test_read_announcement_reads_the_source_news_item() -> None:
    if not SEED.is_dir():
        pytest.skip(f"the source news item folder {SEED} is not present")
    for path in sorted(SEED.glob("*.txt")):
        result = run("read_announcement.py", path)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.splitlines()[-1] == "9 of 9 facts agree with the dataset"


def test_read_announcement_says_what_differs(tmp_path: Path) -> None:
    text = ANNOUNCEMENT.read_text(encoding="utf-8")
    changed = text.replace("au moins 48 millions", "au moins 50 millions").replace(
        "Le mercredi 10 juillet 2019", "Le jeudi 11 juillet 2019"
    )
    assert changed.count("50 millions") == 1
    assert "jeudi 11 juillet" in changed
    path = tmp_path / "announcement.txt"
    path.write_text(changed, encoding="utf-8")
    result = run("read_announcement.py", path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "signed on: 2019-07-11 (DIFFERS from the dataset: 2019-07-10)" in lines
    assert "floor: at least 50000000 € (DIFFERS from the dataset: at least 48000000 €)" in lines
    assert lines[-1] == "7 of 9 facts agree with the dataset"


def test_read_announcement_reports_what_it_cannot_find(tmp_path: Path) -> None:
    text = ANNOUNCEMENT.read_text(encoding="utf-8")
    path = tmp_path / "announcement.txt"
    path.write_text(text.replace("Les signataires :", "Signé par :"), encoding="utf-8")
    result = run("read_announcement.py", path)
    assert result.returncode == 1
    assert f"{path}: no line starts with 'Les signataires'" in result.stderr
    wrong = text.replace("Fabien Sudry, préfet", "Fabien Sudry, sénateur")
    path.write_text(wrong, encoding="utf-8")
    result = run("read_announcement.py", path)
    assert result.returncode == 1
    assert "line 2: cannot read" in result.stderr
    assert "no role it recognises" in result.stderr
    assert run("read_announcement.py", path, path).returncode != 0
