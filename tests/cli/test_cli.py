"""The ``bassin-minier`` command, through its real entry points and in-process."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import bassin_minier as bm
from bassin_minier._cli import commands as _cli
from bassin_minier._cli import main
from bassin_minier.analysis import french_amount
from tests.export.amended import amended_programme

MODULE = (sys.executable, "-m", "bassin_minier")
SCRIPT = Path(sys.executable).parent / "bassin-minier"
ENTRY_POINTS = [
    pytest.param(MODULE, id="python-m"),
    pytest.param(
        (str(SCRIPT),),
        id="console-script",
        marks=pytest.mark.skipif(
            not SCRIPT.exists(),
            reason=f"no console script at {SCRIPT}: the package is not installed next to "
            "this interpreter",
        ),
    ),
]


def run(
    *args: str | bytes, entry: Sequence[str] = MODULE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the command in a fresh interpreter; no bad input may ever end in a traceback."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    result = subprocess.run(
        [*entry, *args],
        capture_output=True,
        encoding="utf-8",
        errors="strict",
        env=environment,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr
    return result


def flat(text: str) -> str:
    """*text* with its line breaks and indentation folded, as a reader takes it in."""
    return " ".join(text.split())


@pytest.fixture
def programme() -> bm.Programme:
    return bm.datasets.bassin_minier_2019()


@pytest.fixture
def saved(tmp_path: Path, programme: bm.Programme) -> Path:
    path = tmp_path / "programme.json"
    bm.save(programme, path)
    return path


def write_json(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def invalid(tmp_path: Path, programme: bm.Programme) -> Path:
    """The dataset with two mistakes: a département 20 (which does not exist since 1976)
    and Nicole Gruson signing for a council that is not a party to the convention."""
    document = bm.to_dict(programme)
    document["conventions"][0]["territory"]["code"] = "20"
    document["conventions"][2]["signatories"][3]["party"] = "cd-somme"
    return write_json(tmp_path / "invalid.json", document)


def violation_lines(path: Path) -> list[str]:
    with pytest.raises(bm.ValidationError) as caught:
        bm.load(path, bm.Programme)
    return [f"{path}: {v.path}: {v.message}" for v in caught.value.violations]


# -- show, through the entry points ---------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_show_summarises_the_builtin_dataset(entry: Sequence[str]) -> None:
    result = run("show", entry=entry)

    assert result.returncode == 0
    assert result.stderr == ""
    text = flat(result.stdout)
    for fact in [
        "plan-pauvrete-nord-pas-de-calais",
        "2019-01-01 to 2021-12-31",
        "Stratégie nationale de prévention et de lutte contre la pauvreté",
        "2018-09-13",
        # The three conventions.
        "Convention nord",
        "Convention pas-de-calais",
        "Convention bassin-minier",
        "territoire démonstrateur de la mise en œuvre du plan pauvreté",
        "Nord (code 59, departement), within 32",
        "within 59 (Nord), 62 (Pas-de-Calais)",
        # The signature of the mining-basin convention.
        "Signed on: 2019-07-10",
        "Signed at: Lille",
        "2e conférence régionale des acteurs de la lutte contre la pauvreté",
        # The four signatories, their roles and whom they sign for.
        "Michel Lalande, for État [etat] préfet de la région Hauts-de-France, préfet du Nord",
        "Fabien Sudry, for État [etat] préfet du Pas-de-Calais",
        "Jean-René Lecerf, for Conseil départemental du Nord [cd-nord] président du conseil "
        "départemental du Nord",
        "Nicole Gruson, for Conseil départemental du Pas-de-Calais [cd-pas-de-calais] "
        "vice-présidente du conseil départemental du Pas-de-Calais",
        # The two participants, who do not sign.
        "Olivier Noblecourt délégué interministériel à la prévention et à la lutte contre la "
        "pauvreté",
        "Alain Neveü délégué interministériel pour le renouveau du bassin minier du Nord et du "
        "Pas-de-Calais",
        # The priorities and their themes.
        "l'insertion et l'accès à l'emploi [insertion-emploi]",
        "la prévention [prevention] themes: petite enfance, santé, parentalité",
        # The budget floor.
        "Funder: État [etat]",
        "Amount: at least 48 000 000,00 € (floor)",
        "Conventions: nord, pas-de-calais, bassin-minier",
    ]:
        assert fact in text
    milestones = [text.index(day) for day in ("2018-09-13 ", "2018-12-18 ", "2019-07-10 ")]
    assert milestones == sorted(milestones)
    assert "Completeness gaps (7)" in text
    assert "$.conventions[0].signatories: no signatory is known" in text


def test_show_reads_a_saved_file(saved: Path) -> None:
    result = run("show", str(saved))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Programme plan-pauvrete-nord-pas-de-calais\n")
    assert "at least 48 000 000,00 €" in result.stdout


def test_show_a_convention(tmp_path: Path, programme: bm.Programme) -> None:
    path = tmp_path / "convention.json"
    bm.save(programme.convention("bassin-minier"), path)

    result = run("show", str(path), "--class", "Convention")

    assert result.returncode == 0, result.stderr
    text = flat(result.stdout)
    assert text.startswith("Convention bassin-minier")
    assert "Nicole Gruson, for Conseil départemental du Pas-de-Calais [cd-pas-de-calais]" in text
    # Everything the seed says about this convention is in the data.
    assert "Completeness gaps (0) ===================== Nothing is missing." in text


# -- validate, through the entry points -----------------------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_validate_a_valid_file(entry: Sequence[str], saved: Path) -> None:
    result = run("validate", str(saved), entry=entry)

    assert (result.returncode, result.stdout, result.stderr) == (0, f"{saved}: ok\n", "")


def test_validate_reports_each_violation_with_file_and_path(invalid: Path) -> None:
    result = run("validate", str(invalid))

    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines == violation_lines(invalid)
    assert lines[0].startswith(f"{invalid}: $.conventions[0].territory.code: ")
    assert "'20'" in lines[0]
    assert lines[1].startswith(f"{invalid}: $.conventions[2].signatories[3].party: Nicole Gruson")
    assert "'cd-somme'" in lines[1]


def test_validate_goes_on_after_a_missing_file(saved: Path, invalid: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"

    result = run("validate", str(saved), str(missing), str(invalid))

    assert result.returncode == 2  # an unreadable file outweighs an invalid one
    assert result.stdout.splitlines() == [f"{saved}: ok", *violation_lines(invalid)]
    assert result.stderr.splitlines() == [
        f"bassin-minier: {missing}: cannot read the file: No such file or directory"
    ]


def test_validate_reports_unreadable_files_in_one_line_each(tmp_path: Path) -> None:
    not_json = tmp_path / "notes.json"
    not_json.write_text("format_version = 1\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"name": "État"}'.encode("latin-1"))
    folder = tmp_path / "folder.json"
    folder.mkdir()

    result = run("validate", str(not_json), str(latin1), str(folder))

    assert result.returncode == 2
    assert result.stdout == ""
    first, second, third = result.stderr.splitlines()
    assert first.startswith(f"bassin-minier: {not_json}: is not valid JSON: ")
    assert second.startswith(f"bassin-minier: {latin1}: is not UTF-8 text: byte 0xc9")
    assert third.startswith(f"bassin-minier: {folder}: cannot read the file: ")


def test_validate_an_unknown_format_version(tmp_path: Path, programme: bm.Programme) -> None:
    path = write_json(tmp_path / "future.json", {"format_version": 99, **bm.to_dict(programme)})

    result = run("validate", str(path))

    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{path}: $.format_version: format_version 99 ")
    supported = ", ".join(map(str, bm.SUPPORTED_FORMAT_VERSIONS))
    assert line.endswith(f"reads format_version {supported}")


def test_validate_as_json(saved: Path, invalid: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"

    result = run("validate", "--format", "json", str(saved), str(invalid), str(missing))

    assert result.returncode == 2
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["valid"] is False
    ok, wrong, unreadable = report["files"]
    assert ok == {"file": str(saved), "valid": True, "violations": [], "error": None}
    assert wrong["file"] == str(invalid)
    assert wrong["valid"] is False
    assert wrong["error"] is None
    assert [(v["path"], v["rule"]) for v in wrong["violations"]] == [
        ("$.conventions[0].territory.code", "territory-code"),
        ("$.conventions[2].signatories[3].party", "signatory-party"),
    ]
    assert "Nicole Gruson signs for 'cd-somme'" in wrong["violations"][1]["message"]
    assert unreadable["valid"] is False
    assert unreadable["violations"] == []
    assert "No such file or directory" in unreadable["error"]


# -- schema and usage, through the entry points ---------------------------------------------


def test_schema_prints_the_json_schema() -> None:
    result = run("schema")

    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == bm.json_schema(bm.Programme)


def test_an_unknown_class_is_a_usage_error(saved: Path) -> None:
    result = run("validate", "--class", "Contract", str(saved))

    assert result.returncode == 2
    assert result.stdout == ""
    assert "unknown class 'Contract'" in result.stderr
    assert "Convention, FundingCommitment" in result.stderr


def test_no_command_prints_the_usage() -> None:
    result = run()

    assert result.returncode == 2
    assert result.stderr.startswith("usage: bassin-minier ")


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_version(entry: Sequence[str]) -> None:
    result = run("--version", entry=entry)

    assert (result.returncode, result.stdout) == (0, f"bassin-minier {bm.__version__}\n")


# -- the terminal, through the entry points -------------------------------------------------


def test_an_ascii_terminal_gets_escapes() -> None:
    result = subprocess.run(
        [*MODULE, "show"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
        check=False,
    )

    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    assert b"Alain Neve\\xfc" in result.stdout
    assert b"48 000 000,00 \\u20ac" in result.stdout


def test_a_file_name_that_is_not_text(tmp_path: Path, saved: Path) -> None:
    odd = os.fsencode(tmp_path) + b"/\xff.json"
    Path(os.fsdecode(odd)).write_bytes(saved.read_bytes())

    result = run("validate", odd)

    assert result.returncode == 0
    assert result.stdout.endswith("\\udcff.json: ok\n")


# A long output meets the closed pipe while writing, a short one when flushed at the end.
@pytest.mark.parametrize("command", [("show",), ("schema", "Period")])
def test_a_closed_pipe_ends_quietly(command: tuple[str, ...]) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # nobody will ever read what the command writes
    # Buffered, as stdout to a pipe usually is, so the last write happens at the flush.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    try:
        result = subprocess.run(
            [*MODULE, *command],
            stdout=writer,
            stderr=subprocess.PIPE,
            env=environment,
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)

    assert result.stderr == b""
    assert result.returncode == 141


# -- finer details, in-process --------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("48000000"), "48 000 000,00 €"),
        (Decimal("48000000.00"), "48 000 000,00 €"),
        (Decimal("1234.5"), "1 234,50 €"),
        (Decimal("999.99"), "999,99 €"),
        (Decimal("0.05"), "0,05 €"),
        (Decimal("1.230"), "1,23 €"),
        (Decimal("999999999999999.99"), "999 999 999 999 999,99 €"),
    ],
)
def test_french_amount(amount: Decimal, text: str) -> None:
    assert french_amount(amount) == text


def test_show_fits_a_terminal_of_100_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert all(line == line.rstrip() for line in lines)
    assert "\x1b" not in "".join(lines)  # no colour codes


def test_show_lists_every_gap(programme: bm.Programme, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show"]) == 0

    out = capsys.readouterr().out
    gaps_section = out[out.index("Completeness gaps") :]
    for gap in bm.gaps(programme):
        assert f"- {gap.path}: {gap.message}\n" in gaps_section
    # The seed names no signatory and no place of signature for the departmental conventions.
    assert "$.conventions[1].signed_at: the place of signature is not known" in gaps_section


def test_show_milestones_in_date_order(
    tmp_path: Path, programme: bm.Programme, capsys: pytest.CaptureFixture[str]
) -> None:
    shuffled = attrs.evolve(programme, milestones=programme.milestones[::-1])
    path = tmp_path / "shuffled.json"
    bm.save(shuffled, path)

    assert main(["show", str(path)]) == 0

    out = capsys.readouterr().out
    section = out[out.index("Milestones (3)") : out.index("Completeness gaps")]
    days = [line.split()[0] for line in section.splitlines() if line.startswith("  20")]
    assert days == ["2018-09-13", "2018-12-18", "2019-07-10"]


def test_show_tranches_per_year(
    tmp_path: Path, programme: bm.Programme, capsys: pytest.CaptureFixture[str]
) -> None:
    # An illustrative breakdown (the seed gives none): 16 M€ a year, some through the basin.
    tranches = [
        bm.Tranche(year=2019, amount=Decimal("10000000"), convention="nord"),
        bm.Tranche(year=2019, amount=Decimal("6000000"), convention="bassin-minier"),
        bm.Tranche(year=2020, amount=Decimal("16000000"), convention="pas-de-calais"),
        bm.Tranche(year=2021, amount=Decimal("16000000.50"), convention="nord"),
    ]
    commitment = attrs.evolve(programme.commitments[0], tranches=tranches)
    path = tmp_path / "commitment.json"
    bm.save(commitment, path)

    assert main(["show", str(path), "--class", "FundingCommitment"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("Funding commitment etat-2019-2021\n")
    rows = [flat(line) for line in out[out.index("Tranches by year:") :].splitlines()[1:5]]
    assert rows == [
        "2019 16 000 000,00 €",
        "2020 16 000 000,00 €",
        "2021 16 000 000,50 €",
        "total 48 000 000,50 €",
    ]
    assert "Funder: etat" in flat(out)  # alone, the commitment knows its funder by id only


def test_show_amendments_the_effective_period_and_relations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "programme.json"
    bm.save(amended_programme(), path)

    assert main(["show", str(path)]) == 0

    out = capsys.readouterr().out
    nord = out[out.index("Convention nord\n") : out.index("Convention pas-de-calais\n")]
    assert "  Period:        2019-01-01 to 2020-12-31\n" in nord
    assert "  Effective:     2019-01-01 to 2021-06-30 (set by amendment avenant-2020)\n" in nord
    amendments = nord[nord.index("  Amendments:\n") : nord.index("  Related:\n")]
    assert flat(amendments) == flat(
        """Amendments:
        - Avenant 2020 à la convention d'appui [avenant-2020]
          signed on: 2020-07-03
          period set: 2019-01-01 to 2021-06-30
          signed by: Michel Lalande, préfet du Nord, for État [etat]
          signed by: Jean-René Lecerf, président du conseil départemental du Nord, for Conseil
          départemental du Nord [cd-nord]
          note: Prolonge la convention <jusqu'en juin 2021> & fixe les crédits 2020
        - untitled [avenant-2021]
          signed on: not known
          period: unchanged"""
    )
    assert nord.endswith("  Related:\n    - succeeds pas-de-calais\n\n")
    # A convention as signed shows neither.
    other = out[out.index("Convention pas-de-calais\n") : out.index("Funding commitments")]
    assert "Effective:" not in other
    assert "Amendments:" not in other


def test_show_acts_revisions_and_spending_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "programme.json"
    bm.save(amended_programme(), path)

    assert main(["show", str(path)]) == 0

    out = capsys.readouterr().out
    credits = out[out.index("Funding commitment etat-2020\n") :]
    credits = credits[: credits.index("Funding commitment etat-2020-refaction")]
    assert "  Made by:       amendment avenant-2020\n" in credits
    assert "  Revised by:    etat-2020-refaction\n" in credits
    assert "Revises:" not in credits
    assert credits.rstrip().endswith("Spend by:\n    - 2020 through nord: until 2021-06-30")
    cut = out[out.index("Funding commitment etat-2020-refaction\n") : out.index("Milestones")]
    assert "  Revises:       etat-2020 (replaced from its act on)\n" in cut
    assert "Spend by:" not in cut
    first = out[out.index("Funding commitment etat-2019-2021\n") :]
    first = first[: first.index("Funding commitment etat-2020\n")]
    for label in ("Made by:", "Revises:", "Revised by:"):
        assert label not in first
    assert all(len(line) <= 100 for line in out.splitlines())


@pytest.mark.parametrize(
    ("basis", "words"),
    [
        ("at_least", "at least 5 000,00 € (floor)"),
        ("exactly", "exactly 5 000,00 € (exact sum)"),
        ("at_most", "at most 5 000,00 € (ceiling)"),
    ],
)
def test_show_the_basis_in_words(
    tmp_path: Path, basis: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    commitment = bm.FundingCommitment(
        id="aide",
        funder="etat",
        amount=Decimal("5000"),
        basis=basis,
        period=bm.Period.from_years(2020),
        conventions=["nord"],
        priority="prevention",
    )
    path = tmp_path / "aide.json"
    bm.save(commitment, path)

    assert main(["show", str(path), "--class", "fundingcommitment"]) == 0

    out = flat(capsys.readouterr().out)
    assert f"Amount: {words}" in out
    assert "Priority: prevention" in out
    assert "Tranches: not broken down by year yet" in out


def test_show_other_classes_as_json(
    tmp_path: Path, programme: bm.Programme, capsys: pytest.CaptureFixture[str]
) -> None:
    territory = programme.convention("bassin-minier").territory
    path = tmp_path / "territory.json"
    bm.save(territory, path)

    assert main(["show", str(path), "--class", "Territory"]) == 0

    assert json.loads(capsys.readouterr().out) == bm.to_dict(territory)


def test_show_an_invalid_file(invalid: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(invalid)]) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"bassin-minier: {line}" for line in violation_lines(invalid)
    ]


def test_show_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.json"

    assert main(["show", str(missing)]) == 2

    assert capsys.readouterr().err == (
        f"bassin-minier: {missing}: cannot read the file: No such file or directory\n"
    )


def test_show_a_class_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--class", "Convention"]) == 2

    err = capsys.readouterr().err
    assert err.startswith("usage: bassin-minier show ")
    assert "--class Convention needs a FILE" in err


def test_validate_another_class(
    tmp_path: Path, programme: bm.Programme, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nord.json"
    bm.save(programme.convention("nord"), path)

    assert main(["validate", "--class", "convention", str(path)]) == 0
    assert main(["validate", str(path)]) == 1  # a convention is not a programme

    ok, *wrong = capsys.readouterr().out.splitlines()
    assert ok == f"{path}: ok"
    assert f"{path}: $.name: is required but missing" in wrong
    (title,) = (line for line in wrong if line.startswith(f"{path}: $.title: "))
    assert "unknown key" in title
    assert "'title'" in title


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2

    assert "the following arguments are required: FILE" in capsys.readouterr().err


def test_schema_of_a_class(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "Convention"]) == 0

    assert json.loads(capsys.readouterr().out) == bm.json_schema(bm.Convention)


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0

    out = capsys.readouterr().out
    for command in ("show", "validate", "schema"):
        assert command in out


def test_an_interrupt_exits_130(
    saved: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bm, "load", interrupted)

    assert main(["validate", str(saved)]) == 130


def test_a_library_error_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def lost() -> None:
        raise bm.FileError("cannot read bassin_minier_2019.json: No such file or directory")

    monkeypatch.setattr(bm.datasets, "bassin_minier_2019", lost)

    assert main(["show"]) == 2

    assert capsys.readouterr().err == (
        "bassin-minier: cannot read bassin_minier_2019.json: No such file or directory\n"
    )


def test_show_a_bare_programme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bare = bm.Programme(id="plan", name="Plan", period=bm.Period.from_years(2019, 2021))
    path = tmp_path / "bare.json"
    bm.save(bare, path)

    assert main(["show", str(path)]) == 0

    out = flat(capsys.readouterr().out)
    assert "Strategy ======== not known" in out
    assert "Conventions (0)" in out
    assert "$.strategy: the strategy the programme carries out is not known" in out
    assert "$.milestones: no milestone is known" in out


# -- standard input, special files and odd names ------------------------------------------


def run_with_input(*args: str, given: bytes | Path) -> subprocess.CompletedProcess[str]:
    """Run the command with *given* (bytes, or a file opened for it) as standard input."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    with contextlib.ExitStack() as stack:
        options: dict[str, Any] = {"input": given}
        if isinstance(given, Path):
            options = {"stdin": stack.enter_context(given.open("rb"))}
        result = subprocess.run(
            [*MODULE, *args],
            capture_output=True,
            env=environment,
            timeout=60,
            check=False,
            **options,
        )
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    return subprocess.CompletedProcess(result.args, result.returncode, stdout, stderr)


@pytest.mark.parametrize("how", ["pipe", "file"])
def test_validate_dash_reads_standard_input(saved: Path, how: str) -> None:
    result = run_with_input("validate", "-", given=saved if how == "file" else saved.read_bytes())

    assert (result.returncode, result.stdout, result.stderr) == (0, "-: ok\n", "")


def test_validate_dash_reports_violations_of_standard_input(invalid: Path) -> None:
    result = run_with_input("validate", "-", given=invalid.read_bytes())

    assert result.returncode == 1
    assert [line.split(": ")[:2] for line in result.stdout.splitlines()] == [
        ["-", "$.conventions[0].territory.code"],
        ["-", "$.conventions[2].signatories[3].party"],
    ]


def test_show_and_export_read_standard_input(saved: Path, tmp_path: Path) -> None:
    shown = run_with_input("show", "-", given=saved.read_bytes())
    assert shown.returncode == 0
    assert "Convention départementale du Nord" in shown.stdout

    out = tmp_path / "out"
    exported = run_with_input("export", "-", "--to", "json", "--out", str(out), given=saved)
    assert exported.returncode == 0, exported.stderr
    programme = bm.datasets.bassin_minier_2019()
    assert bm.load(out / f"{programme.id}.json", bm.Programme) == programme


def test_standard_input_is_read_up_to_a_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Endless(io.RawIOBase):
        """Zeros without end, as /dev/zero gives them."""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            buffer[:] = b"0" * len(buffer)
            return len(buffer)

    monkeypatch.setattr(_cli, "STDIN_LIMIT", 3 * 2**20)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))

    assert main(["validate", "-"]) == 2

    assert capsys.readouterr().err == (
        "bassin-minier: -: standard input holds more than 3 MiB, the most it is read for: "
        "save it to a file and give the file's name\n"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_validate_a_device_is_refused_at_once(saved: Path) -> None:
    result = run("validate", "/dev/zero", str(saved))

    assert result.returncode == 2
    assert result.stdout == f"{saved}: ok\n"
    assert result.stderr == (
        "bassin-minier: /dev/zero: cannot read the file: not a regular file but a character "
        "device\n"
    )


@pytest.mark.skipif(os.name != "posix", reason="named pipes of POSIX")
def test_validate_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)

    result = run("validate", "--format", "json", str(pipe))

    assert result.returncode == 2
    (report,) = json.loads(result.stdout)["files"]
    assert report["error"] == "cannot read the file: not a regular file but a named pipe"


def test_a_nul_byte_in_a_file_name_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "pro\0gramme.json"]) == 2
    assert capsys.readouterr().err.endswith(
        "gramme.json: cannot read the file: a file name cannot hold a NUL byte\n"
    )


@pytest.mark.parametrize(
    "args",
    [("export", "a\0.jsonl", "--to", "jsonl"), ("export", "--to", "csv", "--out", "out\0")],
)
def test_a_nul_byte_in_an_export_path_is_a_usage_error(
    args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(list(args)) == 2
    assert "a file name cannot hold a NUL byte" in capsys.readouterr().err


def test_a_json_report_is_utf8_whatever_the_file_names(tmp_path: Path, saved: Path) -> None:
    odd = os.fsencode(tmp_path) + b"/\xff.json"
    Path(os.fsdecode(odd)).write_bytes(saved.read_bytes())
    # An unknown key that a JSON escape spells as a lone surrogate.
    strange = write_json(
        tmp_path / "strange.json", {**bm.to_dict(bm.datasets.bassin_minier_2019())}
    )
    strange.write_bytes(strange.read_bytes()[:-1] + b',"\\udcff":1}')
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8:surrogateescape"}

    result = subprocess.run(
        [*MODULE, "validate", "--format", "json", odd, str(strange)],
        capture_output=True,
        env=environment,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout.decode("utf-8"))  # strict: valid UTF-8 only
    first, second = report["files"]
    assert first["file"] == os.fsdecode(tmp_path) + "/\\xff.json"
    assert first["valid"] is True
    (violation,) = second["violations"]
    assert violation["rule"] == "unknown-key"
    assert "\\udcff" in violation["path"]
    json.dumps(report, ensure_ascii=False).encode("utf-8")  # no lone surrogate left
