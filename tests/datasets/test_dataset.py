"""The built-in dataset: what it holds, where each value comes from, how it is shipped.

The expected values come from the source document (a government news item of 15 July 2019)
and the INSEE COG, not from the dataset file. The last part keeps the documentation pages
that describe the library in step with it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator

import bassin_minier as bm
from bassin_minier import (
    Basis,
    Convention,
    ConventionKind,
    PartyKind,
    Programme,
    TerritoryKind,
)
from bassin_minier.datasets import _builtin, bassin_minier_2019

DOCS = Path(__file__).parents[2] / "docs"
SHARED = Path(__file__).parents[3] / "shared"
SEED = SHARED / "seed" / "000_7784f87862f9f26f.txt"
COG = SHARED / "reference" / "cog"

YEARS_2019_2021 = bm.Period(start=dt.date(2019, 1, 1), end=dt.date(2021, 12, 31))


@pytest.fixture(scope="module")
def programme() -> Programme:
    return bassin_minier_2019()


@pytest.fixture(scope="module")
def plain(programme: Programme) -> dict[str, Any]:
    return bm.to_dict(programme)


def convention(programme: Programme, convention_id: str) -> Convention:
    return programme.convention(convention_id)


# -- what the dataset holds -------------------------------------------------------------------


def test_the_three_conventions(programme: Programme) -> None:
    assert [c.id for c in programme.conventions] == ["nord", "pas-de-calais", "bassin-minier"]
    assert [c.kind for c in programme.conventions] == [
        ConventionKind.DEPARTEMENTALE,
        ConventionKind.DEPARTEMENTALE,
        ConventionKind.TERRITOIRE_DEMONSTRATEUR,
    ]
    assert all(c.period == YEARS_2019_2021 for c in programme.conventions)
    assert programme.period == YEARS_2019_2021


def test_departmental_conventions_contracted_on_18_december_2018(programme: Programme) -> None:
    for convention_id in ("nord", "pas-de-calais"):
        assert convention(programme, convention_id).signed_on == dt.date(2018, 12, 18)


def test_parties(programme: Programme) -> None:
    assert [p.id for p in programme.parties] == ["etat", "cd-nord", "cd-pas-de-calais"]
    etat = programme.party("etat")
    assert (etat.name, etat.kind, etat.territory) == ("État", PartyKind.STATE, None)
    assert programme.party("cd-nord").territory == "59"
    assert programme.party("cd-pas-de-calais").territory == "62"
    assert programme.party("cd-nord").kind is PartyKind.DEPARTEMENT
    parties_of = {c.id: [p.id for p in c.parties] for c in programme.conventions}
    assert parties_of == {
        "nord": ["etat", "cd-nord"],
        "pas-de-calais": ["etat", "cd-pas-de-calais"],
        "bassin-minier": ["etat", "cd-nord", "cd-pas-de-calais"],
    }


def test_the_states_commitment_is_a_floor_of_48_million_euros(programme: Programme) -> None:
    (commitment,) = programme.commitments
    assert commitment.id == "etat-2019-2021"
    assert commitment.funder == "etat"
    assert commitment.amount == Decimal(48_000_000)
    assert commitment.basis is Basis.AT_LEAST
    assert commitment.period == YEARS_2019_2021
    assert commitment.conventions == ("nord", "pas-de-calais", "bassin-minier")
    assert commitment.tranches == ()  # the source gives no breakdown


def test_strategy_and_its_three_axes(programme: Programme) -> None:
    strategy = programme.strategy
    assert strategy is not None
    assert strategy.presented_on == dt.date(2018, 9, 13)
    assert "pauvreté" in strategy.name
    first, second, third = (axis.label for axis in strategy.axes)
    assert "sorties" in first
    assert "(ASE)" in first
    assert "RSA (Revenu de solidarité active)" in second
    assert "premier accueil social" in third
    assert "référent de parcours" in third


def test_milestones(programme: Programme) -> None:
    assert [m.on for m in programme.milestones] == [
        dt.date(2018, 9, 13),
        dt.date(2018, 12, 18),
        dt.date(2019, 7, 10),
    ]


def test_bassin_minier_signed_in_lille_on_10_july_2019(programme: Programme) -> None:
    bassin = convention(programme, "bassin-minier")
    assert bassin.title == "territoire démonstrateur de la mise en œuvre du plan pauvreté"
    assert bassin.signed_on == dt.date(2019, 7, 10)
    assert bassin.signed_at == "Lille"
    assert bassin.event is not None
    assert "2e conférence régionale" in bassin.event
    assert bassin.territory.kind is TerritoryKind.AREA
    assert bassin.territory.within == ("59", "62")


def test_signatories_and_whom_they_represent(programme: Programme) -> None:
    signatories = [
        (s.name, s.role, s.party) for s in convention(programme, "bassin-minier").signatories
    ]
    assert signatories == [
        ("Michel Lalande", "préfet de la région Hauts-de-France, préfet du Nord", "etat"),
        ("Fabien Sudry", "préfet du Pas-de-Calais", "etat"),
        ("Jean-René Lecerf", "président du conseil départemental du Nord", "cd-nord"),
        (
            "Nicole Gruson",
            "vice-présidente du conseil départemental du Pas-de-Calais",
            "cd-pas-de-calais",
        ),
    ]


def test_participants_present_without_signing(programme: Programme) -> None:
    participants = [(p.name, p.role) for p in convention(programme, "bassin-minier").participants]
    assert participants == [
        (
            "Olivier Noblecourt",
            "délégué interministériel à la prévention et à la lutte contre la pauvreté",
        ),
        (
            "Alain Neveü",
            "délégué interministériel pour le renouveau du bassin minier du Nord et du "
            "Pas-de-Calais",
        ),
    ]


def test_the_two_priorities(programme: Programme) -> None:
    priorities = [(p.label, p.themes) for p in convention(programme, "bassin-minier").priorities]
    assert priorities == [
        ("l'insertion et l'accès à l'emploi", ()),
        ("la prévention", ("petite enfance", "santé", "parentalité")),
    ]


def test_official_codes(programme: Programme) -> None:
    nord = convention(programme, "nord").territory
    pas_de_calais = convention(programme, "pas-de-calais").territory
    assert (nord.code, nord.kind, nord.within) == ("59", TerritoryKind.DEPARTEMENT, ("32",))
    assert (pas_de_calais.code, pas_de_calais.within) == ("62", ("32",))


def test_codes_and_names_agree_with_the_cog(programme: Programme) -> None:
    if not COG.is_dir():
        pytest.skip("the INSEE COG reference tables (../shared/reference/cog) are not here")
    departements = _cog_rows("cog-departments@2025.csv")
    regions = _cog_rows("cog-regions@2025.csv")
    councils = _cog_rows("cog-collectivities@2025.csv")
    for convention_id in ("nord", "pas-de-calais"):
        territory = convention(programme, convention_id).territory
        row = departements[territory.code]
        assert territory.name == row["name"]
        assert territory.within == (row["region_code"],)
    assert regions["32"]["name"] == "Hauts-de-France"
    for party_id, code in (("cd-nord", "59"), ("cd-pas-de-calais", "62")):
        assert programme.party(party_id).name == councils[f"{code}D"]["name"]


def _cog_rows(name: str) -> dict[str, dict[str, str]]:
    with (COG / name).open(encoding="utf-8", newline="") as stream:
        return {row["code"]: row for row in csv.DictReader(stream)}


def test_spelling_is_kept(plain: dict[str, Any]) -> None:
    text = json.dumps(plain, ensure_ascii=False)
    assert "Neveü" in text
    assert "œuvre" in text
    assert "oeuvre" not in text
    assert "RSARevenu" not in text


# -- provenance (docs/dataset.md) -------------------------------------------------------------


def test_every_provenance_value_is_in_the_dataset(plain: dict[str, Any]) -> None:
    rows = _table_rows("Source sentence") + _table_rows("Note")
    assert len(rows) > 50
    wrong = [
        f"{path}: documented {value}, dataset has {json.dumps(found, ensure_ascii=False)}"
        for path, value, _ in rows
        if (found := _value_at(plain, path)) != json.loads(value)
    ]
    assert wrong == []


def test_every_quoted_sentence_is_in_the_source() -> None:
    if not SEED.is_file():
        pytest.skip("the source document (../shared/seed) is not here to compare quotes with")
    source = SEED.read_text(encoding="utf-8")
    missing = [
        f"{path}: {quote!r}"
        for path, _, quote in _table_rows("Source sentence")
        if not quote or quote not in source
    ]
    assert missing == []


def test_every_value_of_the_dataset_has_its_provenance(plain: dict[str, Any]) -> None:
    quoted = {path for path, _, _ in _table_rows("Source sentence")}
    chosen = {path for path, _, _ in _table_rows("Note")}
    assert not quoted & chosen
    values = dict(_leaves(plain, "$"))
    # Identifiers need no quotation; anything else listed as chosen would escape the check.
    assert {p for p in chosen if not _is_chosen_identifier(plain, p)} == set()
    undocumented = [p for p, v in values.items() if v is not None and p not in quoted | chosen]
    assert undocumented == []


def test_provenance_rows_are_not_repeated() -> None:
    paths = [path for path, _, _ in _table_rows("Source sentence") + _table_rows("Note")]
    assert len(paths) == len(set(paths))


def _is_chosen_identifier(plain: dict[str, Any], path: str) -> bool:
    if path.endswith(".id"):
        return True
    territory = path.removesuffix(".code")
    return path.endswith(".territory.code") and _value_at(plain, f"{territory}.kind") == "area"


_ROW = re.compile(r"^\| `(?P<path>[^`]+)` \| `(?P<value>[^`]+)` \| (?P<last>.*) \|$")


def _table_rows(last_column: str) -> list[tuple[str, str, str]]:
    """The rows of every table of docs/dataset.md headed ``Path | Value | <last_column>``."""
    rows: list[tuple[str, str, str]] = []
    in_table = False
    for line in (DOCS / "dataset.md").read_text(encoding="utf-8").splitlines():
        if line == f"| Path | Value | {last_column} |":
            in_table = True
        elif not line.startswith("|"):
            in_table = False
        elif in_table and not line.startswith("|---"):
            match = _ROW.match(line)
            assert match, f"a provenance row is not `path` | `value` | text: {line!r}"
            # Only ASCII spaces are markup: the quotations keep the source's U+00A0.
            rows.append((match["path"], match["value"], match["last"].strip(" ")))
    return rows


_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")
_ABSENT = object()


def _value_at(document: object, path: str) -> object:
    """The value at a JSONPath-like *path* (``$.a[2].b``), or a marker when there is none."""
    assert path.startswith("$"), path
    node = document
    for key, index in _STEP.findall(path[1:]):
        if key and isinstance(node, dict) and key in node:
            node = node[key]
        elif index and isinstance(node, list) and int(index) < len(node):
            node = node[int(index)]
        else:
            return _ABSENT
    return node


def _leaves(node: object, path: str) -> Iterator[tuple[str, object]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, f"{path}[{index}]")
    else:
        yield path, node


# -- how the dataset is shipped ---------------------------------------------------------------


def _packaged_file() -> resources.abc.Traversable:
    return resources.files("bassin_minier.datasets").joinpath("bassin_minier_2019.json")


def test_loaded_through_the_public_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Path, type]] = []

    def spy(path: Path, cls: type[Programme]) -> Programme:
        calls.append((Path(path), cls))
        return bm.load(path, cls)

    monkeypatch.setattr(_builtin, "load", spy)
    fresh = bassin_minier_2019.__wrapped__()
    assert [(path.name, cls) for path, cls in calls] == [("bassin_minier_2019.json", Programme)]
    assert fresh == bassin_minier_2019()


def test_cached_and_immutable(programme: Programme) -> None:
    assert bassin_minier_2019() is programme
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        programme.conventions = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        programme.conventions[0].signed_on = None  # type: ignore[misc]
    assert isinstance(programme.conventions, tuple)
    assert isinstance(programme.conventions[2].signatories, tuple)


def test_packaged_file_is_what_save_writes(programme: Programme, tmp_path: Path) -> None:
    # Keeping the shipped file canonical makes every change to it a minimal diff.
    bm.save(programme, tmp_path / "copy.json")
    assert (tmp_path / "copy.json").read_bytes() == _packaged_file().read_bytes()


def test_packaged_file_matches_the_schema() -> None:
    document = json.loads(_packaged_file().read_text(encoding="utf-8"))
    assert document["format_version"] == bm.FORMAT_VERSION
    Draft202012Validator(bm.json_schema(Programme)).validate(document)


def test_plain_form_holds_plain_json_values(plain: dict[str, Any]) -> None:
    # to_dict promises JSON-ready values with enums as their values: tools that check
    # exact types (YAML safe dumpers, type-dispatching encoders) refuse str subclasses.
    kinds = {path: type(value) for path, value in _leaves(plain, "$")}
    odd = {
        path: kind.__name__ for path, kind in kinds.items() if kind not in (str, int, type(None))
    }
    assert odd == {}


def test_completeness_report_matches_what_the_source_leaves_out(programme: Programme) -> None:
    # The source names neither the signatories nor the place of the departmental
    # conventions, and gives no yearly breakdown of the 48 million euros.
    assert [gap.path for gap in bm.gaps(programme)] == [
        "$.conventions[0].signatories",
        "$.conventions[0].priorities",
        "$.conventions[0].signed_at",
        "$.conventions[1].signatories",
        "$.conventions[1].priorities",
        "$.conventions[1].signed_at",
        "$.commitments[0].tranches",
    ]


# -- documentation kept in step with the library -----------------------------------------------


def test_every_rule_is_explained_in_order() -> None:
    text = (DOCS / "invariants.md").read_text(encoding="utf-8")
    documented = re.findall(r"^#{2,4} `([a-z-]+)`", text, flags=re.MULTILINE)
    assert documented == [rule.name for rule in bm.RULES]


def test_every_key_of_every_class_is_in_the_format_reference() -> None:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)
    keys_by_class = {
        match[1]: re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
        for section in sections
        if (match := re.match(r"`(\w+)`\n", section))
    }
    # Keys in attribute order, as to_json writes them.
    expected = {
        cls.__name__: [field.name for field in attrs.fields(cls)]
        for cls in (
            bm.Period,
            bm.Territory,
            bm.Party,
            bm.Signatory,
            bm.Participant,
            bm.Priority,
            bm.Tranche,
            bm.FundingCommitment,
            bm.Amendment,
            bm.Relation,
            bm.Convention,
            bm.Action,
            bm.Indicator,
            bm.Measure,
            bm.Strategy,
            bm.Milestone,
            bm.Programme,
            bm.Match,
            bm.Payment,
        )
    }
    assert keys_by_class == expected
