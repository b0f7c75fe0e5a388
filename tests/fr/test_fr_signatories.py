"""Reading lists of signatories: names, roles, and the parties they represent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import PartyKind, Signatory
from bassin_minier.fr import ParsedSignatory, ParseError, parse_signatories, parse_signatory
from bassin_minier.geography import departements, regions
from tests.corpus import Phrasing, phrasings

SIGNATORIES = phrasings("signatories")

SEED_LIST = """Les signataires :
     • Michel Lalande, préfet de la région Hauts-de-France, préfet du Nord,
     • Fabien Sudry, préfet du Pas-de-Calais,
     • Jean-René Lecerf, président du conseil départemental du Nord,
     • Nicole Gruson, vice-présidente du conseil départemental du Pas-de-Calais.
"""


@pytest.mark.parametrize("phrasing", [p for p in SIGNATORIES if not p.rejected], ids=str)
def test_the_corpus_reads(phrasing: Phrasing) -> None:
    name, kind, territory, party_id = phrasing.fields
    found = parse_signatory(phrasing.text)
    assert found.name == name
    assert found.party_kind is PartyKind(kind)
    assert found.territory == (territory or None)
    assert found.party_id == party_id
    assert found.party().id == party_id


@pytest.mark.parametrize("phrasing", [p for p in SIGNATORIES if p.rejected], ids=str)
def test_the_corpus_refuses(phrasing: Phrasing) -> None:
    with pytest.raises(ParseError):
        parse_signatory(phrasing.text)


def test_the_seed_list_gives_the_datasets_signatories() -> None:
    convention = bm.datasets.bassin_minier_2019().convention("bassin-minier")
    found = parse_signatories(SEED_LIST)
    assert tuple(s.signatory() for s in found) == convention.signatories
    parties = {s.party_id: s.party() for s in found}
    assert set(parties.values()) == set(convention.parties)


def test_each_office_names_its_territory() -> None:
    lalande = parse_signatory(
        "Michel Lalande, préfet de la région Hauts-de-France, préfet du Nord"
    )
    assert lalande.role == "préfet de la région Hauts-de-France, préfet du Nord"
    assert [(o.text, o.party_kind, o.territory, o.territory_kind) for o in lalande.offices] == [
        ("préfet de la région Hauts-de-France", PartyKind.STATE, "32", bm.TerritoryKind.REGION),
        ("préfet du Nord", PartyKind.STATE, "59", bm.TerritoryKind.DEPARTEMENT),
    ]


def test_unknown_offices_are_kept_as_written() -> None:
    found = parse_signatory("Lina Roy, préfète du Nord, ancienne directrice de l'ARS")
    assert found.role == "préfète du Nord, ancienne directrice de l'ARS"
    assert [o.party_kind for o in found.offices] == [PartyKind.STATE, PartyKind.OTHER]
    assert found.party_kind is PartyKind.STATE


def test_names_may_hold_particles() -> None:
    for name in ["Valéry Giscard d'Estaing", "Anne de La Tour", "J.-R. Lecerf", "Awa N’Diaye"]:
        assert parse_signatory(f"{name}, préfète du Nord").name == name


def test_the_party_id_can_be_chosen() -> None:
    found = parse_signatory("Jean-René Lecerf, président du conseil départemental du Nord")
    assert found.signatory("departement-nord") == Signatory(
        name="Jean-René Lecerf",
        role="président du conseil départemental du Nord",
        party="departement-nord",
    )


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("Jean Dupont", "expected 'Name, role'"),
        ("Jean Dupont, conseiller", "no role it recognises"),
        ("Jean Dupont, président du conseil départemental du Nrod", "'du nrod' is not a"),
        ("Jean Dupont, président du conseil régional de Bourgogne", "is not a région"),
        ("Jean Dupont, préfet du Nord, président du conseil départemental du Nord", "different"),
        ("Jean Dupont, président du conseil départemental du Nord, présidente du conseil "
         "départemental de l'Aisne", "different parties"),
        ("jean Dupont, préfet du Nord", "starts with a capital"),
        ("J2 Dupont, préfet du Nord", "not a person's name"),
        ("Jean 2, préfet du Nord", "not a person's name"),
    ],
)  # fmt: skip
def test_refusals_say_why(line: str, words: str) -> None:
    with pytest.raises(ParseError, match=r"^cannot read ") as info:
        parse_signatory(line)
    assert words in str(info.value)


def test_a_list_skips_headings_and_names_the_failing_line() -> None:
    text = "En présence de :\n\n• Olivier Noblecourt, délégué interministériel\n• Personne\n"
    with pytest.raises(ParseError, match="line 4: cannot read '• Personne'"):
        parse_signatories(text)
    assert [s.name for s in parse_signatories(text.replace("• Personne\n", ""))] == [
        "Olivier Noblecourt"
    ]
    assert parse_signatories("") == ()


def test_wrong_types_are_programming_errors() -> None:
    with pytest.raises(TypeError, match="parse_signatory reads a str"):
        parse_signatory(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="parse_signatories reads a str"):
        parse_signatories(["Jean Dupont, préfet du Nord"])  # type: ignore[arg-type]


# -- properties ------------------------------------------------------------------------------

FIRST = st.sampled_from(["Jean-René", "Nicole", "Alain", "Éloïse", "Zoé", "Marc", "Anne-Sophie"])
LAST = st.sampled_from(["Lecerf", "Gruson", "Neveü", "Lefèvre", "de La Tour", "N'Diaye", "Ôzil"])
NAMES = st.builds(lambda first, last: f"{first} {last}", FIRST, LAST)
OF = st.sampled_from(["du ", "de la ", "de l'", "de l’", "des ", "de "])


@given(NAMES, st.sampled_from(departements()), OF, st.sampled_from(["", "vice-"]), st.booleans())
def test_a_council_president_speaks_for_the_departement(
    name: str, departement: object, of: str, vice: str, feminine: bool
) -> None:
    title = f"{vice}président{'e' if feminine else ''}"
    line = f"• {name}, {title} du conseil départemental {of}{departement.name},"  # type: ignore[attr-defined]
    found = parse_signatory(line)
    assert (found.name, found.party_kind) == (name, PartyKind.DEPARTEMENT)
    assert found.territory == departement.code  # type: ignore[attr-defined]
    party = found.party()
    assert party.territory == departement.code  # type: ignore[attr-defined]
    assert party.name.endswith(departement.name)  # type: ignore[attr-defined]


@given(NAMES, st.sampled_from(regions()), st.sampled_from(departements()), st.booleans())
def test_a_prefect_speaks_for_the_state(
    name: str, region: object, departement: object, feminine: bool
) -> None:
    title = "préfète" if feminine else "préfet"
    line = (
        f"{name}, {title} de la région {region.name}, "  # type: ignore[attr-defined]
        f"{title} du département de {departement.name}"  # type: ignore[attr-defined]
    )
    found = parse_signatory(line)
    assert (found.party_kind, found.territory, found.party_id) == (PartyKind.STATE, None, "etat")
    assert [o.territory for o in found.offices] == [region.code, departement.code]  # type: ignore[attr-defined]


@given(st.one_of(st.text(), st.lists(st.sampled_from([
    "Jean Dupont", ",", "préfet", "du", "Nord", "conseil départemental", "président", "•", "\n",
    "de la région", "Hauts-de-France", ":", "délégué", "vice-", "de l'",
])).map(" ".join)))  # fmt: skip
def test_garbage_raises_only_a_parse_error(text: str) -> None:
    for read in (parse_signatory, parse_signatories):
        try:
            found = read(text)
        except ParseError:
            continue
        items = found if isinstance(found, tuple) else (found,)
        assert all(isinstance(item, ParsedSignatory) for item in items)
        for item in items:
            item.signatory()  # always a valid Signatory
            item.party()
