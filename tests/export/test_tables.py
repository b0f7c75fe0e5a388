"""CSV tables: RFC 4180 files, a data dictionary, and programmes read back exactly."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import json
import os
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import export
from bassin_minier._base import hints
from bassin_minier._io import fileset as _fileset
from bassin_minier._rules.numbers import NUMBER_PATTERN
from bassin_minier.export import _csv, _tables
from bassin_minier.export._csvtext import guarded, unguarded
from bassin_minier.testing import programmes
from tests import builders
from tests.export.amended import amended_programme


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


@pytest.fixture
def written(tmp_path: Path) -> Path:
    export.write_csv(bm.datasets.bassin_minier_2019(), tmp_path)
    return tmp_path


def test_one_file_per_table_and_a_data_dictionary(tmp_path: Path) -> None:
    paths = export.write_csv(bm.datasets.bassin_minier_2019(), tmp_path / "new" / "folder")
    names = [p.name for p in paths]
    tables = [f"{t.name}.csv" for t in export.TABLES]
    assert names == [*tables, "datadictionary.csv", "csv-tables.json"]
    assert all(p.is_file() for p in paths)
    assert [t.name for t in export.TABLES] == [
        "programmes",
        "milestones",
        "conventions",
        "parties",
        "signatories",
        "participants",
        "priorities",
        "themes",
        "amendments",
        "amendment_signatories",
        "relations",
        "actions",
        "indicators",
        "measures",
        "commitments",
        "co_funders",
        "tranches",
        "partners",
        "matches",
        "match_parties",
        "payments",
    ]


def test_files_are_utf8_rfc4180_without_a_byte_order_mark(written: Path) -> None:
    raw = (written / "signatories.csv").read_bytes()
    assert raw.startswith(b"programme,convention,name,role,party\r\n")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    # A comma in a field quotes the field.
    assert '"préfet de la région Hauts-de-France, préfet du Nord"'.encode() in raw


def test_excel_files_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    export.write_csv(bm.datasets.bassin_minier_2019(), tmp_path, excel=True)
    assert (tmp_path / "parties.csv").read_bytes().startswith(b"\xef\xbb\xbfprogramme,")
    (programme,) = export.read_csv(tmp_path)
    assert programme == bm.datasets.bassin_minier_2019()


def test_amounts_keep_their_exact_decimal_form(written: Path) -> None:
    header, row = read_rows(written / "commitments.csv")
    assert dict(zip(header, row, strict=True)) == {
        "programme": "plan-pauvrete-nord-pas-de-calais",
        "id": "etat-2019-2021",
        "funder": "etat",
        "amount": "48000000.00",
        "basis": "at_least",
        "period_start": "2019-01-01",
        "period_end": "2021-12-31",
        "conventions": "nord pas-de-calais bassin-minier",
        "priority": "",
        "act": "",
        "revises": "",
        "action": "",
    }


def test_the_data_dictionary_describes_every_column(written: Path) -> None:
    rows = read_rows(written / "datadictionary.csv")
    assert rows[0] == ["table", "column", "type", "required", "description"]
    described = [(r[0], r[1]) for r in rows[1:]]
    assert described == [(t.name, c.name) for t in export.TABLES for c in t.columns]
    assert rows[-3][:4] == ["payments", "amount", "amount", "yes"]
    assert rows[-1][:4] == ["payments", "paid_on", "date", "no"]
    assert export.data_dictionary()[0] == dict(zip(rows[0], rows[1], strict=True))


def test_the_dataset_reads_back_exactly(written: Path) -> None:
    assert export.read_csv(written) == (bm.datasets.bassin_minier_2019(),)


@settings(max_examples=100)
@given(st.lists(programmes(), max_size=2, unique_by=lambda p: p.id), st.booleans())
def test_any_programmes_read_back_as_equal_objects(
    collection: list[bm.Programme], excel: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export.write_csv(iter(collection), folder, excel=excel)
        assert export.read_csv(folder) == tuple(collection)


def table_of(folder: Path, name: str) -> list[dict[str, str]]:
    header, *rows = read_rows(folder / f"{name}.csv")
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_amendments_relations_acts_and_spending_days_have_their_rows(tmp_path: Path) -> None:
    programme = amended_programme()
    export.write_csv(programme, tmp_path)
    key = {"programme": "plan-pauvrete", "convention": "nord"}
    assert table_of(tmp_path, "amendments") == [
        {
            **key,
            "id": "avenant-2020",
            "title": "Avenant 2020 à la convention d'appui",
            "signed_on": "2020-07-03",
            "period_start": "2019-01-01",
            "period_end": "2021-06-30",
            "note": "Prolonge la convention <jusqu'en juin 2021> & fixe les crédits 2020",
        },
        # An amendment that leaves the period as it was: both ends are empty.
        {
            **key,
            "id": "avenant-2021",
            "title": "",
            "signed_on": "",
            "period_start": "",
            "period_end": "",
            "note": "",
        },
    ]
    assert table_of(tmp_path, "amendment_signatories") == [
        {**key, "amendment": "avenant-2020", "name": s.name, "role": s.role, "party": s.party}
        for s in programme.conventions[0].amendments[0].signatories
    ]
    assert table_of(tmp_path, "relations") == [
        {**key, "kind": "succeeds", "related": "pas-de-calais"}
    ]
    commitments = table_of(tmp_path, "commitments")
    assert [(c["id"], c["act"], c["revises"]) for c in commitments] == [
        ("etat-2019-2021", "", ""),
        ("etat-2020", "avenant-2020", ""),
        ("etat-2020-refaction", "avenant-2020", "etat-2020"),
    ]
    assert [t["spend_by"] for t in table_of(tmp_path, "tranches")] == ["2021-06-30", ""]
    assert export.read_csv(tmp_path) == (programme,)


# The columns of the two tables that version 2 widened, as version 1 wrote them.
_V1_HEADERS = {
    "commitments": "programme,id,funder,amount,basis,period_start,period_end,conventions,priority",
    "tranches": "programme,commitment,year,amount,convention",
}
_V2_TABLES = ("amendments", "amendment_signatories", "relations")
# The tables version 3 added (shared money and evaluation), and the column it added.
_V3_TABLES = (
    "actions",
    "indicators",
    "measures",
    "co_funders",
    "partners",
    "matches",
    "match_parties",
    "payments",
)
_V2_HEADERS = {
    "commitments": "programme,id,funder,amount,basis,period_start,period_end,conventions,"
    "priority,act,revises",
}


def as_version_2(folder: Path) -> None:
    """Make the tables in *folder* those an export of version 2 wrote."""
    for name in _V3_TABLES:
        (folder / f"{name}.csv").unlink()
    for name, header in _V2_HEADERS.items():
        rows = read_rows(folder / f"{name}.csv")
        width = header.count(",") + 1
        # The column version 3 added is the last one, and empty in version 2 data.
        assert all(not "".join(row[width:]) for row in rows[1:])
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as stream:
            _csv.csv_writer(stream).writerows(row[:width] for row in rows)


def as_version_1(folder: Path) -> None:
    """Make the tables in *folder* those an export of version 1 wrote."""
    for name in _V2_TABLES + _V3_TABLES:
        (folder / f"{name}.csv").unlink()
    for name, header in _V1_HEADERS.items():
        rows = read_rows(folder / f"{name}.csv")
        width = header.count(",") + 1
        # The columns version 2 added are the last ones, and empty in version 1 data.
        assert all(not "".join(row[width:]) for row in rows[1:])
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as stream:
            _csv.csv_writer(stream).writerows(row[:width] for row in rows)
        assert read_rows(folder / f"{name}.csv")[0] == header.split(",")


def test_tables_written_before_amendments_are_read(tmp_path: Path) -> None:
    commitment = builders.commitment(
        amount=Decimal("1000.00"), tranches=(builders.tranche(),), conventions=("nord",)
    )
    programme = builders.programme(commitments=(commitment,))
    export.write_csv(programme, tmp_path)
    as_version_1(tmp_path)
    assert export.read_csv(tmp_path) == (programme,)


def test_tables_written_before_shared_money_are_read(tmp_path: Path) -> None:
    programme = amended_programme()
    export.write_csv(programme, tmp_path)
    as_version_2(tmp_path)
    assert export.read_csv(tmp_path) == (programme,)


@pytest.mark.parametrize("name", _V3_TABLES)
def test_a_missing_table_of_version_3_is_a_file_error(written: Path, name: str) -> None:
    (written / f"{name}.csv").unlink()
    with pytest.raises(bm.FileError, match=rf"{name}\.csv"):
        export.read_csv(written)


def test_tables_of_versions_2_and_3_are_not_read_together(tmp_path: Path) -> None:
    export.write_csv(amended_programme(), tmp_path)
    # The commitments of version 2, beside the tables of version 3.
    rows = read_rows(tmp_path / "commitments.csv")
    with (tmp_path / "commitments.csv").open("w", encoding="utf-8", newline="") as stream:
        _csv.csv_writer(stream).writerows(row[:-1] for row in rows)
    violation = single_violation(tmp_path)
    assert violation.path == "commitments.csv"
    assert violation.message == (
        "holds the tables of version 2, but actions.csv those of version 3; "
        "expected the tables of one export"
    )


def test_tables_of_two_versions_are_not_read_together(tmp_path: Path) -> None:
    export.write_csv(amended_programme(), tmp_path)
    as_version_1_columns = tmp_path / "tranches.csv"
    replace_in(as_version_1_columns, ",spend_by\r\n", "\r\n")
    replace_in(as_version_1_columns, ",2021-06-30\r\n", "\r\n")
    replace_in(as_version_1_columns, ",nord,\r\n", ",nord\r\n")
    violation = single_violation(tmp_path)
    assert violation.path == "tranches.csv"
    assert violation.message == (
        "holds the tables of version 1, but amendments.csv those of version 2 or later; "
        "expected the tables of one export"
    )


@pytest.mark.parametrize("name", _V2_TABLES)
def test_a_missing_table_of_version_2_is_a_file_error(written: Path, name: str) -> None:
    (written / f"{name}.csv").unlink()
    with pytest.raises(bm.FileError, match=rf"{name}\.csv"):
        export.read_csv(written)


def test_amendment_rows_that_belong_nowhere_are_reported(tmp_path: Path) -> None:
    export.write_csv(amended_programme(), tmp_path)
    replace_in(tmp_path / "amendment_signatories.csv", ",avenant-2020,", ",avenant-2019,")
    replace_in(tmp_path / "relations.csv", "plan-pauvrete,nord", "plan-pauvrete,sud")
    with pytest.raises(bm.ValidationError) as caught:
        export.read_csv(tmp_path)
    assert [(v.path, v.message) for v in caught.value.violations] == [
        (
            "amendment_signatories.csv[2].amendment",
            "no amendment 'avenant-2019' of convention 'nord' in programme 'plan-pauvrete'",
        ),
        ("relations.csv[2].convention", "no convention 'sud' in programme 'plan-pauvrete'"),
    ]


def test_half_a_period_set_by_an_amendment_is_a_broken_rule(tmp_path: Path) -> None:
    export.write_csv(amended_programme(), tmp_path)
    replace_in(tmp_path / "amendments.csv", ",2021-06-30,", ",,")
    violation = single_violation(tmp_path)
    assert violation.path == "programmes.csv[2]$.conventions[0].amendments[0].period.end"


def test_a_generator_is_consumed_one_programme_at_a_time(tmp_path: Path) -> None:
    seen: list[str] = []

    def produce() -> object:
        for index in range(3):
            # Each programme is asked for only after the previous one is written out.
            assert len(seen) == index
            programme = builders.programme(id=f"programme-{index}")
            seen.append(programme.id)
            yield programme

    export.write_csv(produce(), tmp_path)  # type: ignore[arg-type]
    assert [p.id for p in export.read_csv(tmp_path)] == seen


# -- what is refused --------------------------------------------------------------------------


def test_only_programmes_make_tables(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="not Convention objects"):
        export.write_csv([builders.convention()], tmp_path)  # type: ignore[list-item]
    assert not (tmp_path / "conventions.csv").exists()


def test_a_failed_write_keeps_the_previous_tables(written: Path) -> None:
    before = (written / "conventions.csv").read_bytes()
    with pytest.raises(TypeError):
        export.write_csv([builders.programme(), "oops"], written)  # type: ignore[list-item]
    assert (written / "conventions.csv").read_bytes() == before
    assert sorted(p.name for p in written.iterdir()) == sorted(
        [f"{t.name}.csv" for t in export.TABLES] + ["datadictionary.csv", "csv-tables.json"]
    )


def test_an_unwritable_folder_is_a_file_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(bm.FileError, match="cannot write the tables"):
        export.write_csv(builders.programme(), blocker)


def test_a_missing_table_is_a_file_error(written: Path) -> None:
    (written / "themes.csv").unlink()
    with pytest.raises(bm.FileError, match=r"themes\.csv"):
        export.read_csv(written)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_bytes().decode("utf-8")
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))


def single_violation(folder: Path) -> bm.Violation:
    with pytest.raises(bm.ValidationError) as caught:
        export.read_csv(folder)
    (violation,) = caught.value.violations
    return violation


def test_a_wrong_header_is_reported(written: Path) -> None:
    replace_in(written / "parties.csv", "siren", "sirene")
    violation = single_violation(written)
    assert violation.path == "parties.csv[1]"
    assert "expected the columns programme, convention, id, name" in violation.message


def test_an_empty_file_is_reported(written: Path) -> None:
    (written / "milestones.csv").write_bytes(b"")
    assert single_violation(written).path == "milestones.csv[1]"


def test_a_short_row_is_reported(written: Path) -> None:
    replace_in(written / "parties.csv", ",59,\r\n", ",59\r\n")
    violation = single_violation(written)
    assert violation.path == "parties.csv[3]"
    assert violation.message == "the row has 6 cells; expected 7"


def test_broken_quoting_is_reported(written: Path) -> None:
    with (written / "participants.csv").open("a", encoding="utf-8", newline="") as stream:
        stream.write('plan,bassin-minier,"Jean "x" Dupont",role\r\n')
    violation = single_violation(written)
    assert violation.path == "participants.csv"
    assert violation.message.startswith("is not valid CSV")


def test_text_that_is_not_utf8_is_reported(written: Path) -> None:
    path = written / "milestones.csv"
    path.write_bytes(path.read_bytes() + "2019,é\r\n".encode("latin-1"))
    assert single_violation(written).message.startswith("is not UTF-8 text")


def test_rows_that_belong_nowhere_are_reported_with_their_line(written: Path) -> None:
    replace_in(written / "parties.csv", "pas-de-calais,etat", "calais,etat")
    replace_in(written / "milestones.csv", "plan-pauvrete", "plan-richesse")
    replace_in(written / "tranches.csv", "spend_by\r\n", "spend_by\r\nplan,x,2019,1.00,nord,\r\n")
    replace_in(written / "themes.csv", "prevention,santé", "prévention,santé")
    with pytest.raises(bm.ValidationError) as caught:
        export.read_csv(written)
    assert [(v.path, v.message) for v in caught.value.violations] == [
        (
            "milestones.csv[2].programme",
            "no programme 'plan-richesse-nord-pas-de-calais' in programmes.csv",
        ),
        (
            "parties.csv[4].convention",
            "no convention 'calais' in programme 'plan-pauvrete-nord-pas-de-calais'",
        ),
        ("themes.csv[3].priority", "no priority 'prévention' for this theme"),
        ("tranches.csv[2].commitment", "no commitment 'x' in programme 'plan'"),
    ]


def test_a_repeated_programme_and_an_axis_without_strategy_are_reported(tmp_path: Path) -> None:
    with_axes = builders.programme()
    export.write_csv([with_axes, with_axes], tmp_path)
    with pytest.raises(bm.ValidationError) as caught:
        export.read_csv(tmp_path)
    assert caught.value.violations[0].path == "programmes.csv[3].id"
    assert caught.value.violations[0].message == "programme 'plan-pauvrete' appears twice"
    export.write_csv(with_axes, tmp_path)
    replace_in(
        tmp_path / "programmes.csv",
        "Stratégie nationale de prévention et de lutte contre la pauvreté,2018-09-13",
        ",",
    )
    with pytest.raises(bm.ValidationError) as caught:
        export.read_csv(tmp_path)
    axes = caught.value.violations
    assert [v.path for v in axes] == [
        "priorities.csv[2].convention",
        "priorities.csv[3].convention",
    ]
    assert "has no strategy for this axis" in axes[0].message


def test_broken_rules_are_reported_from_the_programme(written: Path) -> None:
    replace_in(written / "commitments.csv", "48000000.00", "48000000.001")
    replace_in(written / "signatories.csv", ",cd-nord\r\n", ",cd-calais\r\n")
    with pytest.raises(bm.ValidationError) as caught:
        export.read_csv(written)
    paths = sorted(v.path for v in caught.value.violations)
    assert paths == [
        "programmes.csv[2]$.commitments[0].amount",
        "programmes.csv[2]$.conventions[2].signatories[2].party",
    ]


def test_a_strategy_date_without_a_name_is_a_broken_rule(written: Path) -> None:
    replace_in(
        written / "programmes.csv",
        "Stratégie nationale de prévention et de lutte contre la pauvreté",
        "",
    )
    violation = single_violation(written)
    assert violation.path == "programmes.csv[2]$.strategy.name"


def test_a_year_that_is_not_a_number_is_a_broken_rule(tmp_path: Path) -> None:
    commitment = builders.commitment(
        amount=Decimal("1000.00"), tranches=(builders.tranche(),), conventions=("nord",)
    )
    export.write_csv(builders.programme(commitments=(commitment,)), tmp_path)
    replace_in(tmp_path / "tranches.csv", ",2019,", ",deux mille,")
    violation = single_violation(tmp_path)
    assert violation.path == "programmes.csv[2]$.commitments[0].tranches[0].year"


def test_the_documentation_shows_the_dictionary_of_the_code() -> None:
    page = (Path(__file__).parents[2] / "docs" / "export.md").read_text("utf-8")
    shown: list[tuple[str, str, str, str, str]] = []
    table = ""
    for line in page.splitlines():
        if heading := re.fullmatch(r"\*\*(\w+)\*\* — .*", line):
            table = heading.group(1)
        elif cells := re.fullmatch(r"\| `(\w+)` \| (\w+) \| (yes|no) \| (.*) \|", line):
            shown.append((table, *cells.groups()))
    assert shown == [
        (t.name, c.name, c.type, "yes" if c.required else "no", c.description)
        for t in export.TABLES
        for c in t.columns
    ]


def test_every_table_reports_rows_of_unknown_programmes_and_conventions(written: Path) -> None:
    orphans = {
        "conventions": "ailleurs,c,T,other,59,Nord,departement,,2019-01-01,2019-12-31,,,",
        "parties": "ailleurs,nord,etat,État,state,,",
        "signatories": "plan-pauvrete-nord-pas-de-calais,inconnue,Nom,rôle,etat",
        "participants": "plan-pauvrete-nord-pas-de-calais,inconnue,Nom,rôle",
        "priorities": "ailleurs,,axe,Un axe",
        "amendments": "plan-pauvrete-nord-pas-de-calais,inconnue,avenant,,,,,",
        "amendment_signatories": "ailleurs,nord,avenant,Nom,rôle,etat",
        "relations": "plan-pauvrete-nord-pas-de-calais,inconnue,succeeds,nord",
        "actions": "ailleurs,nord,a,Une action,,,",
        "indicators": "plan-pauvrete-nord-pas-de-calais,inconnue,i,I,u,",
        "measures": "plan-pauvrete-nord-pas-de-calais,bassin-minier,inconnu,target,2019,1",
        "commitments": "ailleurs,e,etat,1.00,exactly,2019-01-01,2019-12-31,,,,,",
        "co_funders": "plan-pauvrete-nord-pas-de-calais,inconnu,cd-nord",
        "partners": "ailleurs,cdc,Caisse des dépôts,public_body,,",
        "matches": "ailleurs,m,etat-2019-2021,0.5,at_least",
        "match_parties": "plan-pauvrete-nord-pas-de-calais,inconnu,etat",
        "payments": "ailleurs,etat-2019-2021,2019,1.00,,",
    }
    for table, row in orphans.items():
        with (written / f"{table}.csv").open("a", encoding="utf-8", newline="") as stream:
            stream.write(row + "\r\n")
    header = "convention,id,label\r\n"
    unknown = "plan-pauvrete-nord-pas-de-calais,inconnue,p,P\r\n"
    replace_in(written / "priorities.csv", header, header + unknown)
    with pytest.raises(bm.ValidationError) as caught:
        export.read_csv(written)
    assert [v.path for v in caught.value.violations] == [
        "conventions.csv[5].programme",
        "parties.csv[9].programme",
        "signatories.csv[6].convention",
        "participants.csv[4].convention",
        "priorities.csv[2].convention",
        "priorities.csv[8].programme",
        "amendments.csv[2].convention",
        "amendment_signatories.csv[2].programme",
        "relations.csv[2].convention",
        "actions.csv[2].programme",
        "indicators.csv[2].convention",
        "measures.csv[2].indicator",
        "commitments.csv[3].programme",
        "co_funders.csv[2].commitment",
        "partners.csv[2].programme",
        "matches.csv[2].programme",
        "match_parties.csv[2].match",
        "payments.csv[2].programme",
    ]


# -- cells a spreadsheet would run ------------------------------------------------------------

# What spreadsheet programs take for the start of a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Starts for the texts of a programme: formula characters, the quote that guards them
# (alone, doubled, or before a formula character) and nothing at all.
PREFIXES = ("", "=", "+", "-", "@", "'", "''", "'=", "=-", "@'", "-'")
# The keys of a programme's plain form that hold text (see the "text" columns of TABLES).
TEXT_KEYS = frozenset({"name", "title", "label", "role", "signed_at", "event", "note"})


def with_prefixes(programme: bm.Programme, data: st.DataObject) -> bm.Programme:
    """*programme* with a drawn start before each of its texts: the same before the same text."""
    chosen: dict[str, str] = {}

    def prefixed(text: str) -> str:
        if text not in chosen:
            chosen[text] = data.draw(st.sampled_from(PREFIXES), label=f"before {text!r}")
        return chosen[text] + text

    def walk(node: object) -> object:
        if isinstance(node, dict):
            return {
                key: (
                    prefixed(value)
                    if key in TEXT_KEYS and isinstance(value, str)
                    else [prefixed(t) for t in value]
                    if key == "themes"
                    else walk(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    try:
        return bm.from_dict(walk(bm.to_dict(programme)), bm.Programme)
    except bm.ValidationError:
        # Two texts that became one ("=" + "x" and "" + "=x"): no longer unique.
        reject()


def cells_of(folder: Path) -> list[str]:
    return [
        cell
        for table in export.TABLES
        for row in read_rows(folder / f"{table.name}.csv")[1:]
        for cell in row
    ]


@settings(max_examples=60)
@given(programmes(), st.data())
def test_texts_that_start_like_formulas_read_back_exactly(
    programme: bm.Programme, data: st.DataObject
) -> None:
    programme = with_prefixes(programme, data)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        export.write_csv(programme, folder)
        # A negative measured value is written as the number it is: a spreadsheet reads
        # it as a number, never as a formula, and a guard would turn it into text.
        assert not [
            cell
            for cell in cells_of(folder)
            if cell.startswith(FORMULA_STARTS) and not re.fullmatch(NUMBER_PATTERN, cell)
        ]
        assert export.read_csv(folder) == (programme,)


@given(st.text())
def test_the_guard_of_any_cell_is_undone_exactly(text: str) -> None:
    cell = guarded(text)
    assert unguarded(cell) == text
    assert not cell.startswith(FORMULA_STARTS)
    # Text that could not be taken for a formula, nor for a guarded one, is left as it is.
    if not text.startswith((*FORMULA_STARTS, "'")):
        assert cell == text


def test_a_formula_is_written_as_text(tmp_path: Path) -> None:
    programme = builders.programme(name="=HYPERLINK(\"http://x\";\"clic\")", milestones=(
        bm.Milestone(on=dt.date(2019, 7, 10), label="'quoted' from the start"),
        bm.Milestone(on=dt.date(2019, 7, 11), label="-1 on the list"),
        bm.Milestone(on=dt.date(2019, 7, 12), label="@mention"),
    ))  # fmt: skip
    export.write_csv(programme, tmp_path)
    assert read_rows(tmp_path / "programmes.csv")[1][1] == '\'=HYPERLINK("http://x";"clic")'
    labels = [row[2] for row in read_rows(tmp_path / "milestones.csv")[1:]]
    assert labels == ["''quoted' from the start", "'-1 on the list", "'@mention"]
    assert export.read_csv(tmp_path) == (programme,)


def test_the_data_dictionary_says_how_texts_are_guarded() -> None:
    for row in export.data_dictionary():
        guards = "a ' before a leading =, +, -, @, tab, CR or ' is not part of the text"
        assert (guards in row["description"]) == (row["type"] == "text"), row


def test_a_text_longer_than_the_csv_field_limit_reads_back(tmp_path: Path) -> None:
    limit = csv.field_size_limit()
    long_name = "Programme " + "très long, " * 20_000 + "fin"
    assert len(long_name) > 131_072
    programme = builders.programme(name=long_name)
    export.write_csv(programme, tmp_path)
    assert export.read_csv(tmp_path) == (programme,)
    # The limit of the process is as it was, for other code that reads CSV.
    assert csv.field_size_limit() == limit


# -- replacing the files as a set -------------------------------------------------------------

OLD = bm.datasets.bassin_minier_2019()
NEW = builders.programme()
# One rename of the manifest, then one per table and one for the data dictionary.
CSV_RENAMES = 1 + len(export.TABLES) + 1


def stop_at(monkeypatch: pytest.MonkeyPatch, step: int, how: str) -> None:
    """Make the *step*-th ``os.replace`` of the process fail.

    *how*: ``error``, an OSError (a full disk); ``interrupt``, Ctrl-C; ``crash``, the end
    of the process: that rename and every later rename, removal and sync fail, so nothing
    is cleared up.
    """
    calls = 0
    dead = False
    real = {name: getattr(os, name) for name in ("replace", "unlink", "fsync")}

    def replace(source: object, target: object) -> None:
        nonlocal calls, dead
        calls += 1
        if calls == step and how == "interrupt":
            raise KeyboardInterrupt
        if calls == step:
            dead = how == "crash"
            raise OSError(errno.ENOSPC, "No space left on device")
        if dead:
            raise OSError(errno.EIO, "the process has ended")
        real["replace"](source, target)

    def after_death(name: str) -> Callable[..., object]:
        def call(*args: object) -> object:
            if dead:
                raise OSError(errno.EIO, "the process has ended")
            return real[name](*args)

        return call

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "unlink", after_death("unlink"))
    monkeypatch.setattr(os, "fsync", after_death("fsync"))


def hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@settings(max_examples=80)
@given(st.integers(1, CSV_RENAMES + 1), st.sampled_from(["error", "interrupt", "crash"]))
def test_an_export_stopped_at_any_step_leaves_the_old_tables_or_the_new(
    step: int, how: str
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        export.write_csv(OLD, folder)
        stopped = False
        with pytest.MonkeyPatch.context() as monkeypatch:
            stop_at(monkeypatch, step, how)
            try:
                export.write_csv(NEW, folder)
            except (OSError, KeyboardInterrupt):
                stopped = True
        assert stopped == (step <= CSV_RENAMES)
        # Renaming the manifest is the moment the new tables replace the old ones.
        assert export.read_csv(folder) == ((OLD,) if step == 1 else (NEW,))
        # The next export clears whatever the stopped one left.
        export.write_csv(OLD, folder)
        assert hidden_files(folder) == []
        assert export.read_csv(folder) == (OLD,)


def test_a_stopped_export_leaves_its_new_tables_under_their_staged_names(tmp_path: Path) -> None:
    export.write_csv(OLD, tmp_path)
    with pytest.MonkeyPatch.context() as monkeypatch:
        stop_at(monkeypatch, 4, "crash")
        with pytest.raises(bm.FileError, match="No space left on device"):
            export.write_csv(NEW, tmp_path)
    # The manifest and two tables were renamed; the others wait under their staged names,
    # which the manifest lists, while their own names still hold the old tables.
    manifest = json.loads((tmp_path / "csv-tables.json").read_text("ascii"))
    staged = hidden_files(tmp_path)
    assert staged == sorted(manifest["files"][name] for name in list(manifest["files"])[2:])
    assert (tmp_path / "conventions.csv").read_bytes().count(b"\r\n") == 1 + 3
    assert export.read_csv(tmp_path) == (NEW,)


def test_tables_without_a_manifest_are_read_as_they_are(written: Path) -> None:
    (written / "csv-tables.json").unlink()
    assert export.read_csv(written) == (OLD,)


def test_a_manifest_that_is_not_one_is_reported(written: Path) -> None:
    manifest = written / "csv-tables.json"
    document = json.loads(manifest.read_text("ascii"))
    document["files"]["programmes.csv"] = "../../etc/passwd"
    manifest.write_text(json.dumps(document), "ascii")
    violation = single_violation(written)
    assert violation.path == "csv-tables.json"
    assert violation.message.startswith("is not a manifest of bassin_minier")


def test_tables_replaced_while_being_read_are_read_again(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_table = _csv._read_table
    replaced = []

    def read_and_replace(folder: Path, table: export.Table, staged: Path | None) -> object:
        rows = read_table(folder, table, staged)
        if table.name == "parties" and not replaced:
            # Another export commits between two tables of this read.
            replaced.append(export.write_csv(NEW, written))
        return rows

    monkeypatch.setattr(_csv, "_read_table", read_and_replace)
    assert export.read_csv(written) == (NEW,)
    assert replaced


def test_a_set_refuses_two_names_that_a_case_blind_file_system_takes_for_one(
    tmp_path: Path,
) -> None:
    def stage_both() -> None:
        with _fileset.staged_set(tmp_path, "json-objects", manifest=False) as files:
            files.path("plan.json")
            files.path("PLAN.json")

    with pytest.raises(ValueError, match="already in this set"):
        stage_both()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_new_tables_keep_the_permissions_of_the_old(written: Path) -> None:
    (written / "parties.csv").chmod(0o600)
    export.write_csv(NEW, written)
    assert (written / "parties.csv").stat().st_mode & 0o777 == 0o600


# -- the one declaration of the tables --------------------------------------------------------


def _type_at(cls: Any, path: str) -> Any:
    # The type of the attribute at *path* of a *cls* object, through optional objects.
    for step in path.split(".") if path else ():
        cls = hints.without_none(hints.field_types(hints.without_none(cls))[step])
    return cls


def test_every_column_holds_an_attribute_and_every_attribute_has_a_column() -> None:
    row_types: dict[str, Any] = {"programmes": bm.Programme}
    covered: dict[Any, set[str]] = {}

    def cover(cls: Any, path: str) -> None:
        steps = path.split(".")
        for index, step in enumerate(steps):
            covered.setdefault(_type_at(cls, ".".join(steps[:index])), set()).add(step)

    for layout in _tables.LAYOUTS:
        heading = layout.owners + (layout.tag is not None)
        assert layout.table.columns[heading:] == tuple(f.column for f in layout.fields)
        # A tag tells the rows of each source apart: each has its own.
        assert (layout.tag is None) == (len({s.tag for s in layout.sources}) <= 1)
        for source in layout.sources:
            found = _type_at(row_types[source.parent], source.items)
            item = found if source.single else hints.item_type(found)
            assert row_types.setdefault(layout.name, item) is item
            cover(row_types[source.parent], source.items)
        for field in layout.fields:
            _type_at(row_types[layout.name], field.path)  # a KeyError names a wrong path
            if field.path:
                cover(row_types[layout.name], field.path)
    for cls, names in covered.items():
        assert names == set(hints.field_types(cls)), cls
