"""The official geography tables, their look-ups and the opt-in geography check."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import Convention, Party, Period, Programme, Territory, TerritoryKind
from bassin_minier._model.territory import code_problem
from bassin_minier._rules.text import folded
from bassin_minier.geography import (
    GEOGRAPHY_RULES,
    Departement,
    Region,
    departement,
    departements,
    name_key,
    region,
    regions,
    validate_geography,
)

# The repository is cloned with the shared reference folder beside it.
REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "cog"


def _reference(name: str) -> list[dict[str, str]]:
    if not REFERENCE.is_dir():
        pytest.skip(f"the INSEE COG reference folder {REFERENCE} is not present")
    with (REFERENCE / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


# -- the tables against the INSEE reference ------------------------------------------------


def test_regions_match_the_reference() -> None:
    rows = _reference("cog-regions@2025.csv")
    assert [(r.code, r.name) for r in regions()] == [(row["code"], row["name"]) for row in rows]


def test_departements_match_the_reference() -> None:
    rows = _reference("cog-departments@2025.csv")
    expected = [(row["code"], row["name"], row["region_code"]) for row in rows]
    assert [(d.code, d.name, d.region) for d in departements()] == expected


def test_the_tables_hold_every_region_and_departement() -> None:
    assert len(regions()) == 18
    assert len(departements()) == 101
    assert len({r.code for r in regions()}) == 18
    assert len({d.code for d in departements()}) == 101


def test_every_departement_lies_in_a_known_region() -> None:
    codes = {r.code for r in regions()}
    assert {d.region for d in departements()} == codes


def test_the_model_accepts_every_official_code() -> None:
    # The model's pattern and the official list must agree: every official code passes,
    # and so does nothing else of the same shape (the pattern admits exactly 101 codes).
    for d in departements():
        assert code_problem(TerritoryKind.DEPARTEMENT, d.code) is None
        assert d.territory().within == (d.region,)
    for r in regions():
        assert code_problem(TerritoryKind.REGION, r.code) is None
        assert r.territory().kind is TerritoryKind.REGION


def test_a_region_lists_its_departements() -> None:
    hauts_de_france = region("32")
    assert [d.name for d in hauts_de_france.departements()] == [
        "Aisne",
        "Nord",
        "Oise",
        "Pas-de-Calais",
        "Somme",
    ]
    assert [d.code for d in region("94").departements()] == ["2A", "2B"]


# -- look-ups ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("59", "59"),
        ("Nord", "59"),
        ("nord", "59"),
        (" NORD ", "59"),
        ("Pas-de-Calais", "62"),
        ("pas de calais", "62"),
        ("Finistère", "29"),
        ("finistere", "29"),
        ("Côte-d'Or", "21"),
        ("Côte-d’Or", "21"),
        ("COTE D OR", "21"),
        ("2a", "2A"),
        ("Corse-du-Sud", "2A"),
        ("La Réunion", "974"),
        ("Réunion", "974"),
        ("Landes", "40"),
        ("Territoire de Belfort", "90"),
    ],
)
def test_departement_by_code_or_name(key: str, code: str) -> None:
    assert departement(key).code == code


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("32", "32"),
        ("Hauts-de-France", "32"),
        ("hauts de france", "32"),
        ("Île-de-France", "11"),
        ("ile-de-france", "11"),
        ("Provence-Alpes-Côte d'Azur", "93"),
        ("Réunion", "04"),
    ],
)
def test_region_by_code_or_name(key: str, code: str) -> None:
    assert region(key).code == code


@pytest.mark.parametrize("key", ["20", "975", "", "Nordd", "Lille", "Hauts-de-France", "59 "])
def test_unknown_departement_is_a_library_key_error(key: str) -> None:
    if key == "59 ":
        assert departement(key).code == "59"  # surrounding spaces are not part of a code
        return
    with pytest.raises(bm.UnknownIdError, match="no département") as info:
        departement(key)
    assert isinstance(info.value, KeyError)
    assert repr(key) in str(info.value)


def test_every_name_and_code_finds_its_own_record() -> None:
    # No two records share a code or a name, even once accents and articles are gone.
    for r in regions():
        assert region(r.code) == region(r.name) == r
    for d in departements():
        assert departement(d.code) == departement(d.name) == d


def test_unknown_region_names_what_was_looked_up() -> None:
    with pytest.raises(bm.UnknownIdError, match=r"no région 'Nord' in the COG 2025 tables"):
        region("Nord")


def test_a_look_up_needs_text() -> None:
    with pytest.raises(TypeError, match="code or name"):
        departement(59)  # type: ignore[arg-type]


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(st.data())
def test_any_spelling_of_a_name_finds_its_departement(data: st.DataObject) -> None:
    official = data.draw(st.sampled_from(departements()))
    spelling = official.name
    if data.draw(st.booleans()):
        spelling = _without_accents(spelling)
    spelling = data.draw(st.sampled_from([spelling, spelling.upper(), spelling.lower()]))
    if data.draw(st.booleans()):
        spelling = spelling.replace("-", " ")
    assert departement(spelling) == official


def test_records_are_frozen_values() -> None:
    assert departement("62") == Departement(code="62", name="Pas-de-Calais", region="32")
    assert region("32") == Region(code="32", name="Hauts-de-France")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        departement("62").name = "Pas de Calais"  # type: ignore[misc]


# -- the opt-in geography check ------------------------------------------------------------


def test_the_builtin_dataset_uses_the_official_geography() -> None:
    assert validate_geography(bm.datasets.bassin_minier_2019()) == ()


def test_the_check_is_opt_in() -> None:
    # The model itself accepts an unofficial spelling: the source may spell it so.
    nord = Territory(code="59", name="Département du Nord", kind="departement")
    assert nord.name == "Département du Nord"
    (violation,) = validate_geography(nord)
    assert violation.rule == "cog-name"
    assert violation.path == "$.name"
    assert "'Nord'" in violation.message
    assert "'Département du Nord'" in violation.message


def test_names_are_compared_exactly() -> None:
    for name in ["nord", "NORD", "Le Nord", "Pas-de-Calais"]:
        territory = Territory(code="59", name=name, kind="departement")
        assert [v.rule for v in validate_geography(territory)] == ["cog-name"]
    assert validate_geography(departement("62").territory()) == ()


def test_an_unknown_region_code() -> None:
    (violation,) = validate_geography(Territory(code="99", name="Nulle part", kind="region"))
    assert (violation.path, violation.rule) == ("$.code", "cog-code")
    assert "no région '99'" in violation.message


def test_other_kinds_are_not_in_the_tables() -> None:
    for territory in [
        Territory(code="59350", name="Lille", kind="commune"),
        Territory(code="bassin-minier", name="bassin minier", kind="area"),
    ]:
        assert validate_geography(territory) == ()
    assert validate_geography("59") == ()
    assert validate_geography(Party(id="etat", name="État", kind="state")) == ()


def test_parties_speak_for_an_official_territory_of_their_level() -> None:
    region_party = Party(id="region", name="Région", kind="region", territory="59")
    (violation,) = validate_geography(region_party)
    assert (violation.path, violation.rule) == ("$.territory", "cog-code")
    assert "no région '59'" in violation.message
    commune_code = Party(id="cd", name="Conseil", kind="departement", territory="59350")
    assert [v.rule for v in validate_geography(commune_code)] == ["cog-code"]
    assert validate_geography(attrs.evolve(commune_code, territory="59")) == ()
    assert validate_geography(attrs.evolve(commune_code, territory=None)) == ()


def test_violations_carry_their_path_from_the_programme() -> None:
    dataset = bm.datasets.bassin_minier_2019()
    nord: Convention = dataset.convention("nord")
    wrong = attrs.evolve(
        nord,
        territory=attrs.evolve(nord.territory, name="Le Nord"),
        parties=[
            nord.parties[0],
            attrs.evolve(nord.parties[1], kind="region"),
        ],
    )
    programme = Programme(
        id="p", name="Programme", period=Period.from_years(2019, 2021), conventions=[wrong]
    )
    found = [(v.path, v.rule) for v in validate_geography(programme)]
    assert found == [
        ("$.conventions[0].territory.name", "cog-name"),
        ("$.conventions[0].parties[1].territory", "cog-code"),
    ]


def test_each_rule_of_the_check_is_catalogued() -> None:
    names = [rule.name for rule in GEOGRAPHY_RULES]
    assert names == ["cog-code", "cog-name"]
    assert not set(names) & {rule.name for rule in bm.RULES}


# -- the folding the look-ups and the French readers share ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Côte-d’Or", "cote-d’or"),
        ("ŒUVRE, œuvre, Oeuvre", "oeuvre, oeuvre, oeuvre"),
        ("Neveü", "neveu"),
        ("Île-de-France", "ile-de-france"),
        ("ﬁnancement du 2ᵉ", "financement du 2e"),
        ("Straße", "strasse"),
        ("cœur, c\ua7f9ur", "coeur, coeur"),
    ],
)
def test_folding_takes_away_accents_and_case(text: str, expected: str) -> None:
    assert folded(text) == expected


@given(st.text())
def test_folding_leaves_nothing_to_fold(text: str) -> None:
    once = folded(text)
    assert folded(once) == once
    assert not any(unicodedata.combining(c) for c in once)
    assert "œ" not in once


@given(st.text(alphabet=st.characters(codec="ascii")))
def test_folding_plain_ascii_only_lowers_it(text: str) -> None:
    assert folded(text) == text.lower()


@given(st.text())
def test_names_are_keyed_folded(text: str) -> None:
    assert name_key(folded(text)) == name_key(text)
