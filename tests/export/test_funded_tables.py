"""The tables of shared money and evaluation: partners, co-funders, actions, indicators,
measures, matches and payments, in CSV and Parquet, read back exactly."""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

import bassin_minier as bm
from bassin_minier import export
from tests.export.funded import funded_programme, funded_programmes


def table_of(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def written(tmp_path: Path) -> Path:
    export.write_csv(funded_programme(), tmp_path)
    return tmp_path


def _measure_texts(programme: bm.Programme) -> list[str]:
    return [
        str(measure.value)
        for convention in programme.conventions
        for indicator in convention.indicators
        for measure in (
            *((indicator.baseline,) if indicator.baseline else ()),
            *indicator.targets,
            *indicator.results,
        )
    ]


def test_each_baseline_target_and_result_is_a_row_with_its_exact_value(written: Path) -> None:
    key = {"programme": "plan-pauvrete", "convention": "nord", "indicator": "jeunes-ase"}
    assert table_of(written, "measures") == [
        {**key, "kind": "baseline", "year": "2018", "value": "-3"},
        {**key, "kind": "target", "year": "2019", "value": "0.5"},
        {**key, "kind": "target", "year": "2020", "value": "150"},
        {**key, "kind": "result", "year": "2019", "value": "0.25"},
    ]
    assert [i["id"] for i in table_of(written, "indicators")] == ["jeunes-ase", "taux"]
    assert table_of(written, "indicators")[0]["action"] == "referents"


def test_actions_partners_and_joint_commitments_have_their_rows(written: Path) -> None:
    actions = table_of(written, "actions")
    assert [(a["id"], a["priority"], a["lead"]) for a in actions] == [
        ("referents", "prevention", "cd-nord"),
        ("premier-accueil", "", ""),
    ]
    assert table_of(written, "partners") == [
        {
            "programme": "plan-pauvrete",
            "id": "caisse-des-depots",
            "name": "Caisse des dépôts",
            "kind": "public_body",
            "territory": "",
            "siren": "",
        }
    ]
    assert [c["action"] for c in table_of(written, "commitments")] == ["", "referents"]
    # The co-funders in the order given; the funder stays in the commitments table.
    assert [(r["commitment"], r["co_funder"]) for r in table_of(written, "co_funders")] == [
        ("departements", "cd-pas-de-calais"),
        ("departements", "caisse-des-depots"),
    ]


def test_matches_their_parties_and_payments_have_their_rows(written: Path) -> None:
    assert table_of(written, "matches") == [
        {
            "programme": "plan-pauvrete",
            "id": "cofinancement",
            "commitment": "etat-2019-2021",
            "ratio": "0.5",
            "basis": "at_least",
        }
    ]
    assert [(r["match"], r["party"]) for r in table_of(written, "match_parties")] == [
        ("cofinancement", "cd-nord"),
        ("cofinancement", "cd-pas-de-calais"),
    ]
    assert [
        (p["commitment"], p["year"], p["amount"], p["convention"], p["paid_on"])
        for p in table_of(written, "payments")
    ] == [
        ("etat-2019-2021", "2019", "4000000.00", "nord", "2019-11-04"),
        ("etat-2019-2021", "2020", "1.50", "", ""),
        ("departements", "2020", "200000.00", "", ""),
    ]


def test_a_label_like_a_formula_is_guarded_and_a_negative_value_is_a_number(
    written: Path,
) -> None:
    raw = (written / "actions.csv").read_bytes().decode()
    assert ",'=Référents de parcours," in raw
    assert ",-3\r\n" in (written / "measures.csv").read_bytes().decode()


def test_the_funded_programme_reads_back_exactly(written: Path) -> None:
    (programme,) = export.read_csv(written)
    assert programme == funded_programme()
    assert _measure_texts(programme) == ["-3", "0.5", "150", "0.25"]
    assert str(programme.matches[0].ratio) == "0.5"


@settings(max_examples=50, deadline=None)
@given(funded_programmes())
def test_any_funded_programme_reads_back_with_its_exact_numbers(
    programme: bm.Programme,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export.write_csv(programme, folder)
        (read,) = export.read_csv(folder)
    assert read == programme
    # Equal decimals may differ in form (0.5 and 0.50): the form is kept too.
    assert _measure_texts(read) == _measure_texts(programme)
    assert [str(m.ratio) for m in read.matches] == [str(m.ratio) for m in programme.matches]


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / f"{name}.csv"
    text = path.read_bytes().decode()
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode())


def _violations(folder: Path) -> list[tuple[str, str]]:
    with pytest.raises(bm.ValidationError) as caught:
        export.read_csv(folder)
    return [(v.path, v.message) for v in caught.value.violations]


def test_a_second_baseline_and_an_unknown_kind_are_reported(written: Path) -> None:
    _edit(written, "measures", ",target,2019,", ",baseline,2019,")
    _edit(written, "measures", ",result,", ",résultat,")
    assert _violations(written) == [
        (
            "measures.csv[3].kind",
            "indicator 'jeunes-ase' of convention 'nord' already has a baseline; "
            "expected one at most",
        ),
        ("measures.csv[5].kind", "expected 'baseline' or 'target' or 'result'"),
    ]


def test_rows_of_unknown_indicators_and_matches_are_reported(written: Path) -> None:
    _edit(written, "measures", ",jeunes-ase,target,2020", ",jeunes,target,2020")
    _edit(written, "match_parties", ",cofinancement,cd-nord", ",cofi,cd-nord")
    assert _violations(written) == [
        (
            "measures.csv[4].indicator",
            "no indicator 'jeunes' of convention 'nord' in programme 'plan-pauvrete'",
        ),
        ("match_parties.csv[2].match", "no match 'cofi' in programme 'plan-pauvrete'"),
    ]


def test_a_value_that_is_not_a_number_is_a_broken_rule(written: Path) -> None:
    _edit(written, "measures", ",0.25\r\n", ",un quart\r\n")
    with pytest.raises(bm.ValidationError) as caught:
        export.read_csv(written)
    (violation,) = caught.value.violations
    assert violation.path == "programmes.csv[2]$.conventions[0].indicators[0].results[0].value"


def test_parquet_holds_values_and_ratios_as_exact_decimals(tmp_path: Path) -> None:
    export.write_parquet(funded_programme(), tmp_path)
    measures = pq.read_table(tmp_path / "measures.parquet")
    assert measures.schema.field("value").type == pa.decimal128(21, 6)
    assert measures.column("value").to_pylist() == [
        Decimal("-3"),
        Decimal("0.5"),
        Decimal(150),
        Decimal("0.25"),
    ]
    assert measures.column("kind").to_pylist() == ["baseline", "target", "target", "result"]
    matches = pq.read_table(tmp_path / "matches.parquet")
    assert matches.schema.field("ratio").type == pa.decimal128(7, 4)
    assert matches.column("ratio").to_pylist() == [Decimal("0.5")]
    payments = pq.read_table(tmp_path / "payments.parquet")
    assert payments.column("amount").to_pylist() == [
        Decimal("4000000.00"),
        Decimal("1.50"),
        Decimal("200000.00"),
    ]
    assert payments.column("paid_on").to_pylist() == [dt.date(2019, 11, 4), None, None]
    assert payments.schema.field("paid_on").nullable
    assert not payments.schema.field("amount").nullable


@settings(max_examples=30, deadline=None)
@given(funded_programmes())
def test_parquet_keeps_any_measured_value_exactly(programme: bm.Programme) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export.write_parquet(programme, folder)
        values = pq.read_table(Path(folder) / "measures.parquet").column("value").to_pylist()
    assert values == [Decimal(text) for text in _measure_texts(programme)]


# What spreadsheet programs take for the start of a formula (OWASP, "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@settings(max_examples=50, deadline=None)
@given(funded_programmes())
def test_no_text_of_the_new_tables_starts_like_a_formula(programme: bm.Programme) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        export.write_csv(programme, folder)
        for table in export.TABLES:
            texts = [c.name for c in table.columns if c.type == "text"]
            for row in table_of(folder, table.name):
                for column in texts:
                    assert not row[column].startswith(_FORMULA_STARTS), (table.name, row)
                # A number may start with a minus sign: it is the number, not a formula.
                for column in (c.name for c in table.columns if c.type in ("number", "ratio")):
                    assert _NUMBER.fullmatch(row[column]), (table.name, row)


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
