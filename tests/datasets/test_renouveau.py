"""The 2017 Engagement pour le renouveau du bassin minier against the facts it is built from.

The facts are the rows E1–E13 of ``../shared/reference/real-agreements.md``: each value of
the programme has its fact in ``PROVENANCE``, and each fact's sentence is read here from
that file, never from the dataset. Values the sentence writes as they stand (dates,
amounts, names) are read back from the quoted words with the library's French reader; the
others are checked one by one below, against what the facts say.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import Basis, ConventionKind, PartyKind, Programme, TerritoryKind, fr
from bassin_minier.datasets import renouveau_bassin_minier_2017
from bassin_minier.datasets._provenance import Provenance
from bassin_minier.datasets._renouveau_provenance import PROVENANCE, UNUSED

REFERENCE = Path(__file__).parents[3] / "shared" / "reference"
FACTS = REFERENCE / "real-agreements.md"
COG = REFERENCE / "cog"
DOCS = Path(__file__).parents[2] / "docs"

MILLION = Decimal(1_000_000)


@pytest.fixture(scope="module")
def programme() -> Programme:
    return renouveau_bassin_minier_2017()


@attrs.frozen
class Fact:
    """A row of the reference list: what it says, and the source's sentence."""

    id: str
    fact: str
    sentence: str

    @property
    def row(self) -> str:
        return f"{self.fact} {self.sentence}"


_FACT_ROW = re.compile(
    r"^\| (?P<id>[A-Z][0-9]+b?) \| (?P<fact>.*?) \| (?P<source>\S+.*?) \| (?P<sentence>.*) \|$"
)


def _read_facts() -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for line in FACTS.read_text(encoding="utf-8").splitlines():
        if match := _FACT_ROW.match(line):
            # The table escapes the double quotes inside a sentence.
            sentence = match["sentence"].replace('\\"', '"')
            facts[match["id"]] = Fact(match["id"], match["fact"], sentence)
    return facts


@pytest.fixture(scope="module")
def facts() -> dict[str, Fact]:
    if not FACTS.is_file():
        pytest.skip("the list of real agreements (../shared/reference) is not here")
    return _read_facts()


def _found(pattern: str, text: str) -> re.Match[str]:
    match = re.search(pattern, text)
    assert match is not None, f"{pattern!r} is not in {text!r}"
    return match


def _engagement_ids(facts: dict[str, Fact]) -> set[str]:
    return {fact_id for fact_id in facts if fact_id.startswith("E")}


# -- reaching a value by its path ------------------------------------------------------------

_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")
_ABSENT = object()


def value_at(obj: object, path: str) -> object:
    """The value at *path* (``$.a[2].b``) in the objects themselves, or a marker when none."""
    assert path.startswith("$"), path
    assert "".join(f".{k}" if k else f"[{i}]" for k, i in _STEP.findall(path)) == path[1:]
    node = obj
    for key, index in _STEP.findall(path[1:]):
        cls = type(node)
        if key and attrs.has(cls) and key in attrs.fields_dict(cls):
            node = getattr(node, key)
        elif index and isinstance(node, tuple) and int(index) < len(node):
            node = node[int(index)]
        else:
            return _ABSENT
    return node


def leaves(node: object, path: str = "$") -> Iterator[tuple[str, object]]:
    """Every value of *node* that is not an object or a list, with its path."""
    cls = type(node)
    if attrs.has(cls):
        for field in attrs.fields(cls):
            yield from leaves(getattr(node, field.name), f"{path}.{field.name}")
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from leaves(item, f"{path}[{index}]")
    else:
        yield path, node


def test_value_at_and_leaves_agree(programme: Programme) -> None:
    found = dict(leaves(programme))
    assert len(found) > 150
    assert all(value_at(programme, path) is value for path, value in found.items())
    assert value_at(programme, "$.conventions[1]") is _ABSENT
    assert value_at(programme, "$.conventions[0].nothing") is _ABSENT


# -- what the programme is ------------------------------------------------------------------


def test_valid_fresh_and_stable(programme: Programme) -> None:
    again = renouveau_bassin_minier_2017()
    assert again == programme
    assert again is not programme
    assert bm.to_json(again) == bm.to_json(programme)
    # Valid as a document too: read back, every rule runs again.
    assert bm.from_json(bm.to_json(programme), Programme) == programme


def test_the_engagement(programme: Programme) -> None:
    (convention,) = programme.conventions
    assert convention.id == "erbm"
    assert convention.title == programme.name == "Engagement pour le renouveau du bassin minier"
    assert convention.kind is ConventionKind.OTHER
    assert (convention.signed_on, convention.signed_at) == (dt.date(2017, 3, 7), "Oignies")
    assert convention.territory.kind is TerritoryKind.AREA
    assert convention.territory.within == ("59", "62")
    assert [m.on for m in programme.milestones] == [convention.signed_on]
    assert programme.strategy is None


def test_ten_years(programme: Programme, facts: dict[str, Fact]) -> None:
    first, last = map(int, _found(r"de (\d{4}) à (\d{4})", facts["E7"].sentence).groups())
    assert "sur 10 ans" in facts["E2"].sentence
    assert programme.period == programme.conventions[0].period == bm.Period.from_years(first, last)
    assert len(programme.period.years) == 10
    assert all(c.period == programme.period for c in programme.commitments)


def test_twelve_parties(programme: Programme, facts: dict[str, Fact]) -> None:
    parties = programme.parties
    count = int(_found(r"partenariat de (\d+) acteurs", facts["E2"].sentence)[1])
    assert len(parties) == count == 12
    kinds = [p.kind for p in parties]
    assert kinds[:4] == [PartyKind.STATE, PartyKind.REGION, *[PartyKind.DEPARTEMENT] * 2]
    epci = [p.name for p in parties if p.kind is PartyKind.EPCI]
    assert len(epci) == int(_found(r"les (\d) EPCI", facts["E5"].sentence)[1])
    # E5 names each of them, in its order (Cœur d'Ostrevent with its full name, from E2).
    listed = facts["E5"].sentence
    places = [listed.find(name.replace("Communauté de Communes Cœur", "Coeur")) for name in epci]
    assert -1 not in places
    assert places == sorted(places)
    # No fact gives a SIREN, nor the code of an EPCI (its SIREN).
    assert all(p.siren is None for p in parties)
    assert all(p.territory is None for p in parties if p.kind is PartyKind.EPCI)


def test_codes_and_names_agree_with_the_cog(programme: Programme) -> None:
    if not COG.is_dir():
        pytest.skip("the INSEE COG reference tables (../shared/reference/cog) are not here")
    regions = _cog_rows("cog-regions@2025.csv")
    departements = _cog_rows("cog-departments@2025.csv")
    councils = _cog_rows("cog-collectivities@2025.csv")
    region = programme.party("region-hdf")
    assert region.territory is not None
    assert region.name == f"Région {regions[region.territory]['name']}"
    for party_id in ("cd-nord", "cd-pas-de-calais"):
        party = programme.party(party_id)
        assert party.territory is not None
        assert party.name == councils[f"{party.territory}D"]["name"]
        assert departements[party.territory]["region_code"] == region.territory
    territory = programme.conventions[0].territory
    assert [departements[code]["name"] for code in territory.within] == ["Nord", "Pas-de-Calais"]


def _cog_rows(name: str) -> dict[str, dict[str, str]]:
    with (COG / name).open(encoding="utf-8", newline="") as stream:
        return {row["code"]: row for row in csv.DictReader(stream)}


def test_signatories(programme: Programme, facts: dict[str, Fact]) -> None:
    signatories = [(s.name, s.role, s.party) for s in programme.conventions[0].signatories]
    assert signatories == [
        ("Bernard Cazeneuve", "Premier ministre", "etat"),
        ("Frédéric Delannoy", "président", "cc-coeur-d-ostrevent"),
    ]
    # The Prime Minister and eleven presidents: one for each party. The other ten
    # presidents are not named, so they are not listed.
    presidents = int(_found(r"accompagné de (\d+) présidents", facts["E3"].sentence)[1])
    assert presidents + 1 == len(programme.parties)


def test_the_four_axes(programme: Programme, facts: dict[str, Fact]) -> None:
    axes = [p.label for p in programme.conventions[0].priorities]
    written = [part.strip(" ;.") for part in facts["E4"].sentence.strip('"').split("- ")[1:]]
    assert axes == written
    assert len(axes) == 4
    assert all(p.themes == () for p in programme.conventions[0].priorities)


def test_the_habitat_action_and_its_dwellings(programme: Programme) -> None:
    convention = programme.conventions[0]
    (action,) = convention.actions
    assert (action.id, action.label) == ("habitat", "Habitat/Cités minières")
    # No fact ties it to one of the four axes, nor says who leads it.
    assert (action.priority, action.lead) == (None, None)
    (indicator,) = convention.indicators
    assert (indicator.action, indicator.unit) == ("habitat", "logements")
    assert indicator.baseline == bm.Measure(year=2017, value=23_000)
    assert indicator.target(2027) == 0
    assert indicator.result(2021) == 30_000
    assert len(indicator.targets) == len(indicator.results) == 1


def test_partners_fund_without_signing(programme: Programme) -> None:
    partners = [(p.id, p.kind) for p in programme.partners]
    assert partners == [
        ("maisons-et-cites", PartyKind.OTHER),
        ("sia", PartyKind.OTHER),
        ("caisse-des-depots", PartyKind.PUBLIC_BODY),
    ]
    parties = {p.id for p in programme.parties}
    assert not parties & {partner_id for partner_id, _ in partners}


# -- the money -------------------------------------------------------------------------------


def _amount_in(fact: Fact, words: str) -> Decimal:
    assert words in fact.sentence
    return fr.parse_amount(words).amount


def test_the_states_hundred_million_euros(programme: Programme, facts: dict[str, Fact]) -> None:
    commitment = programme.commitment("etat-2017")
    e7 = facts["E7"]
    assert commitment.funder == "etat"
    assert commitment.amount == _amount_in(e7, "100 millions d'euros")
    assert commitment.basis is Basis.EXACTLY
    assert commitment.action == "habitat"
    assert commitment.by_year() == dict.fromkeys(
        programme.period.years, _amount_in(e7, "10 millions")
    )
    assert commitment.by_convention() == {"erbm": commitment.amount}
    assert (commitment.act, commitment.revises, commitment.co_funders) == (None, None, ())


def test_the_top_ups_revise_it(programme: Programme, facts: dict[str, Fact]) -> None:
    e9 = facts["E9"]
    original = programme.commitment("etat-2017")
    paid = programme.commitment("etat-complement-verse")
    planned = programme.commitment("etat-plf-2025")
    assert (paid.revises, planned.revises) == ("etat-2017", "etat-complement-verse")
    assert paid.amount == original.amount + _amount_in(e9, "24 M€")
    assert planned.amount == paid.amount + _amount_in(e9, "8 M€")
    assert planned.amount - original.amount == _amount_in(e9, "32 M€")
    # Made by the yearly finance acts, as amendments whose day no fact gives.
    convention = programme.conventions[0]
    assert [(a.id, a.signed_on) for a in convention.amendments] == [
        (paid.act, None),
        (planned.act, None),
    ]
    assert convention.amendment("plf-2025").title == "projet de loi de finances 2025"
    assert all(a.period is None for a in convention.amendments)
    # No fact says in which years the extra money comes: no breakdown.
    assert paid.tranches == planned.tranches == ()


def test_the_billion_euros_of_every_funder_together(
    programme: Programme, facts: dict[str, Fact]
) -> None:
    commitment = programme.commitment("investissement-total")
    read = fr.parse_amount("1 milliard d'euros")
    assert "1 milliard d'euros sur 10 ans" in facts["E10"].sentence
    assert (commitment.amount, commitment.basis) == (read.amount, read.basis)
    assert commitment.funder == "maisons-et-cites"
    # The social landlords and the Caisse des dépôts, then the local authorities; not the
    # State, which the sentence does not name.
    local = [p.id for p in programme.parties if p.kind is not PartyKind.STATE]
    assert commitment.co_funders == ("sia", "caisse-des-depots", *local)
    assert "etat" not in commitment.funders
    assert commitment.tranches == ()


def test_the_local_authorities_match_the_state(programme: Programme) -> None:
    (match,) = programme.matches
    assert match.commitment == "etat-2017"
    assert (match.ratio, match.basis) == (Decimal(1), Basis.EXACTLY)
    assert match.by == tuple(p.id for p in programme.parties if p.kind is not PartyKind.STATE)
    assert programme.payments == ()


def test_totals_count_the_latest_revision(programme: Programme) -> None:
    joint = programme.commitment("investissement-total")
    assert programme.totals_by_funder() == {
        "etat": programme.commitment("etat-plf-2025").amount,
        joint.funded_by: joint.amount,
    }
    assert programme.totals_by_funder()["etat"] == 132 * MILLION
    # The latest revision has no yearly breakdown, and replaces the one that had.
    assert programme.totals_by_year() == {}
    assert programme.within("etat-2017") is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_as_of_any_day_is_the_engagement_as_signed(day: dt.date) -> None:
    # No fact gives the day of a top-up: on no day can they be said to stand.
    programme = renouveau_bassin_minier_2017()
    then = programme.as_of(day)
    assert then.conventions[0].amendments == ()
    assert [c.id for c in then.commitments] == ["etat-2017", "investissement-total"]
    assert then.totals_by_funder()["etat"] == 100 * MILLION
    assert then.totals_by_year() == dict.fromkeys(range(2018, 2028), 10 * MILLION)
    assert bm.from_json(bm.to_json(then), Programme) == then


def test_history_has_no_step(programme: Programme) -> None:
    assert programme.history() == ()


# -- the fact behind every value ---------------------------------------------------------------


def _kept() -> list[Provenance]:
    return [p for p in PROVENANCE if p.kept]


def test_every_path_leads_to_a_value(programme: Programme) -> None:
    nowhere = [p.path for p in PROVENANCE if value_at(programme, p.path) in (_ABSENT, None, ())]
    assert nowhere == []


def test_every_value_has_its_fact(programme: Programme) -> None:
    # Identifiers are chosen, not sourced; everything else a fact gives.
    cited = {p.path for p in _kept()}
    values = [
        path for path, value in leaves(programme) if value is not None and not path.endswith(".id")
    ]
    assert len(values) > 150
    assert [path for path in values if path not in cited] == []


def test_no_fact_is_cited_twice_for_a_value() -> None:
    pairs = [(p.path, p.fact) for p in PROVENANCE]
    assert len(pairs) == len(set(pairs))


def test_every_fact_is_in_the_list(facts: dict[str, Fact]) -> None:
    cited = {p.fact for p in PROVENANCE} | set(UNUSED)
    assert cited <= _engagement_ids(facts)


def test_every_fact_of_the_engagement_is_used_or_said_unused(facts: dict[str, Fact]) -> None:
    used = {p.fact for p in PROVENANCE}
    assert not used & set(UNUSED)
    assert used | set(UNUSED) == _engagement_ids(facts)
    assert all(reason for reason in UNUSED.values())


def test_every_quote_is_in_its_sentence(facts: dict[str, Fact]) -> None:
    # A fact not kept may say its value beside the sentence (E10: "the same page says").
    missing = [
        f"{p.path} ({p.fact}): {p.quote!r}"
        for p in PROVENANCE
        if p.quote not in (facts[p.fact].sentence if p.kept else facts[p.fact].row)
    ]
    assert missing == []


def _read(value: object, quote: str) -> object:
    """The value *quote* writes, read as *value* is: a date, an amount, a number, a year,
    a basis or a text."""
    if isinstance(value, dt.date):
        return fr.parse_date(quote)
    if isinstance(value, Basis):
        return fr.parse_amount(quote).basis
    if isinstance(value, Decimal):
        if "€" in quote or "euros" in quote or "millions" in quote:
            return fr.parse_amount(quote).amount
        number = re.search(r"[0-9]{1,3}(?: [0-9]{3})*", quote)
        return None if number is None else Decimal(number[0].replace(" ", ""))
    if isinstance(value, int):
        (year,) = re.findall(r"\b[0-9]{4}\b", quote)
        return int(year)
    return quote


def test_values_written_in_a_quote_are_read_from_it(programme: Programme) -> None:
    as_written = [p for p in _kept() if p.note is None]
    assert len(as_written) > 40
    wrong = [
        f"{p.path}: {value!r}, the quote {p.quote!r} writes {read!r}"
        for p in as_written
        if (read := _read(value := value_at(programme, p.path), p.quote)) != value
    ]
    assert wrong == []


def test_kinds_and_references_say_how_they_are_read(programme: Programme) -> None:
    # A kind is the library's word for what a quote says, and a reference the id of what
    # it names: neither is ever written in a quote as it stands. A basis is, as the French
    # reader reads an amount.
    kinds = [
        p.path
        for p in _kept()
        if isinstance(value_at(programme, p.path), enum.Enum)
        and not isinstance(value_at(programme, p.path), Basis)
    ]
    assert len(kinds) == 1 + 1 + 12 + 3  # convention, territory, parties, partners
    references = re.compile(
        r"\.(funder|party|action|act|revises|commitment)$|\.(by|co_funders|conventions)\[\d+\]$"
    )
    linked = [p.path for p in _kept() if references.search(p.path)]
    assert len(linked) > 30
    unexplained = [p.path for p in _kept() if p.path in {*kinds, *linked} and p.note is None]
    assert unexplained == []


def test_facts_not_kept_disagree_and_say_why(programme: Programme) -> None:
    rejected = [p for p in PROVENANCE if not p.kept]
    assert {(p.path, p.fact) for p in rejected} == {
        ("$.conventions[0].signed_on", "E12"),
        ("$.milestones[0].on", "E12"),
        ("$.conventions[0].indicators[0].baseline.value", "E10"),
    }
    kept_paths = {p.path for p in _kept()}
    for entry in rejected:
        assert entry.path in kept_paths
        assert entry.note
        value = value_at(programme, entry.path)
        try:
            read = _read(value, entry.quote)
        except fr.ParseError:
            continue  # « En mai 2017 » names no day at all
        assert read != value


def test_the_kept_date_and_amount_have_two_sources(facts: dict[str, Fact]) -> None:
    signed = [p.fact for p in _kept() if p.path == "$.conventions[0].signed_on"]
    assert signed == ["E1", "E3"]
    assert "mai 2017" in facts["E12"].sentence
    assert [p.fact for p in _kept() if p.path == "$.commitments[0].amount"] == ["E7", "E12"]


# -- the documentation -----------------------------------------------------------------------


def test_the_page_lists_every_fact_and_every_unused_one(facts: dict[str, Fact]) -> None:
    page = (DOCS / "renouveau.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (E[0-9]+) \|", page, flags=re.MULTILINE)
    assert rows == sorted(_engagement_ids(facts), key=lambda i: int(i[1:]))
    unused = re.search(r"^## Facts left unused\n(?P<text>.*?)(?=^## |\Z)", page, re.M | re.S)
    assert unused is not None
    assert sorted(re.findall(r"\*\*(E[0-9]+)\*\*", unused["text"])) == sorted(UNUSED)
    assert "(renouveau.md)" in (DOCS / "index.md").read_text(encoding="utf-8")
