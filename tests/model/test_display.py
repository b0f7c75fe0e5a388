"""The one-line text and the HTML tables of programmes, conventions and commitments."""

from __future__ import annotations

import ast
import datetime as dt
import html
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._model import display
from bassin_minier.testing import programmes
from tests import builders
from tests.export.amended import amended_programme
from tests.export.funded import funded_programme


@pytest.fixture
def dataset() -> bm.Programme:
    return bm.datasets.bassin_minier_2019()


class _Cells(HTMLParser):
    """The text of every table cell, and every tag opened, of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: list[str] = []
        self.text = ""
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attributes: object) -> None:
        self.tags.append(tag)
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._cell is not None:
            self._cell.append(data)


def cells(fragment: str) -> _Cells:
    parser = _Cells()
    parser.feed(fragment)
    parser.close()
    return parser


def test_short_texts_fit_a_line(dataset: bm.Programme) -> None:
    assert repr(dataset) == (
        "<Programme 'plan-pauvrete-nord-pas-de-calais' 2019–2021: "
        "3 conventions, 1 commitment, 3 milestones>"
    )
    assert repr(dataset.convention("bassin-minier")) == (
        "<Convention 'bassin-minier' territoire_demonstrateur 2019–2021: "
        "3 parties, 4 signatories, 2 priorities>"
    )
    assert str(dataset.commitments[0]) == (
        "<FundingCommitment 'etat-2019-2021' etat at_least 48000000.00 € 2019–2021: "
        "3 conventions, no tranches>"
    )
    for obj in (dataset, *dataset.conventions, *dataset.commitments):
        assert len(repr(obj)) <= 120
        assert "\n" not in repr(obj)


def test_short_texts_show_days_and_single_items() -> None:
    commitment = builders.commitment(
        period=bm.Period(start=dt.date(2019, 7, 10), end=dt.date(2019, 12, 31)),
        tranches=[bm.Tranche(year=2019, amount=Decimal("10.00"), convention="nord")],
        amount=Decimal("10.00"),
        basis="exactly",
        conventions=["nord"],
    )
    assert "2019-07-10 – 2019-12-31: 1 convention, 1 tranche>" in repr(commitment)
    one_year = attrs.evolve(commitment, period=bm.Period.from_years(2019))
    assert " 2019: " in repr(one_year)
    assert repr(attrs.evolve(commitment, tranches=[], conventions=["a", "b"])).endswith(
        "2 conventions, no tranches>"
    )


def test_a_long_text_is_cut_to_its_width_and_ends_in_an_ellipsis() -> None:
    assert display.shortened("nord", 4) == "nord"
    assert display.shortened("pas-de-calais", 6) == "pas-d…"
    assert len(display.shortened("x" * 100, 45)) == 45
    assert display.one_line("Convention", "a" * 50, "x") == f"<Convention '{'a' * 39}…' x>"


def test_small_classes_keep_their_full_repr(dataset: bm.Programme) -> None:
    party = dataset.parties[0]
    assert repr(party).startswith("Party(id='etat', name='État'")
    assert repr(dataset.period) == (
        "Period(start=datetime.date(2019, 1, 1), end=datetime.date(2021, 12, 31))"
    )


def test_convention_html_lists_parties_signatories_and_priorities(dataset: bm.Programme) -> None:
    page = cells(dataset.convention("bassin-minier")._repr_html_())
    text = page.cells
    assert "territoire démonstrateur de la mise en œuvre du plan pauvreté" in page.text
    assert "Conseil départemental du Nord" in text
    assert "Michel Lalande" in text
    assert "préfet de la région Hauts-de-France, préfet du Nord" in text
    assert "Nicole Gruson" in text
    assert "Alain Neveü" in text
    assert "petite enfance, santé, parentalité" in text
    assert "2019-07-10" in text
    assert "Lille" in text
    assert "script" not in page.tags


def test_programme_html_shows_the_floor_and_what_is_missing(dataset: bm.Programme) -> None:
    fragment = dataset._repr_html_()
    text = cells(fragment).cells
    assert "48\u00a0000\u00a0000,00\u00a0€" in text
    assert "at least (floor)" in text
    # Nothing is broken down yet: the whole floor is still missing.
    assert text.count("0,00\u00a0€") == 1
    assert "Présentation de la stratégie pauvreté par le président de la République" in text
    assert "Stratégie nationale de prévention et de lutte contre la pauvreté" in text
    assert fragment.startswith('<div class="bassin-minier">')


def test_commitment_html_shows_its_tranches() -> None:
    commitment = builders.commitment(
        amount=Decimal("30.00"),
        basis="at_least",
        conventions=["nord"],
        tranches=[
            bm.Tranche(year=2020, amount=Decimal("20.00"), convention="nord"),
            bm.Tranche(year=2019, amount=Decimal("10.00"), convention="nord"),
        ],
    )
    text = cells(commitment._repr_html_()).cells
    assert text[text.index("2019") : text.index("2019") + 3] == ["2019", "nord", "10,00\u00a0€"]
    assert text[-3:] == ["total", "", "30,00\u00a0€"]
    assert "at least (floor) 30,00\u00a0€" in text
    no_tranche = cells(attrs.evolve(commitment, tranches=[])._repr_html_())
    assert "Year" not in no_tranche.cells


def test_a_programme_with_nothing_says_so() -> None:
    empty = bm.Programme(id="vide", name="Vide", period=bm.Period.from_years(2019))
    fragment = empty._repr_html_()
    for words in ("No convention.", "No funding commitment.", "No milestone."):
        assert words in fragment
    bare = builders.convention(signatories=[], participants=[], priorities=[], signed_on=None)
    assert "No signatory known." in bare._repr_html_()
    assert "<em>not known</em>" in bare._repr_html_()


def test_markup_in_the_data_is_shown_as_text(dataset: bm.Programme) -> None:
    attack = '<script>alert("x")</script> & <b>'
    convention = dataset.convention("bassin-minier")
    evil = attrs.evolve(
        convention,
        title=attack,
        signatories=[attrs.evolve(convention.signatories[0], name=attack, role=attack)],
        participants=[],
    )
    programme = attrs.evolve(
        dataset,
        name=attack,
        conventions=[*dataset.conventions[:2], evil],
        milestones=[bm.Milestone(on=dt.date(2019, 1, 1), label=attack)],
    )
    for obj in (programme, evil):
        fragment = obj._repr_html_()
        assert "<script>" not in fragment
        assert "<b>" not in fragment
        assert html.escape(attack) in fragment
        assert any(attack in cell for cell in cells(fragment).cells)  # read back as text
        assert "script" not in cells(fragment).tags


@settings(max_examples=40)
@given(programmes(min_conventions=1))
def test_generated_text_is_always_escaped(programme: bm.Programme) -> None:
    for obj in (programme, *programme.conventions, *programme.commitments):
        fragment = obj._repr_html_()
        parsed = cells(fragment)
        assert set(parsed.tags) <= _TAGS
        # Every text of the data is there, escaped, and reads back as itself.
        for convention in programme.conventions:
            if obj is programme or obj is convention:
                assert html.escape(convention.title) in fragment


_MARKUP = st.text(alphabet="<>&\"'/=abscript", min_size=1, max_size=30)
_TAGS = {"div", "style", "h3", "h4", "code", "table", "thead", "tbody", "tr", "th", "td", "p"}
_TAGS |= {"em", "br", "strong"}


@settings(max_examples=40)
@given(programmes(min_conventions=1), _MARKUP, _MARKUP)
def test_markup_is_escaped_wherever_it_is(programme: bm.Programme, title: str, name: str) -> None:
    first = programme.conventions[0]
    convention = attrs.evolve(first, title=title, event=name)
    milestone = bm.Milestone(on=dt.date(2019, 7, 10), label=name)
    programme = attrs.evolve(
        programme,
        name=name,
        conventions=[convention, *programme.conventions[1:]],
        milestones=[milestone],
    )
    for obj in (programme, convention):
        fragment = obj._repr_html_()
        parsed = cells(fragment)
        assert set(parsed.tags) <= _TAGS
        for text in (title, name):
            assert html.escape(text) in fragment
            assert text in parsed.text


def test_the_html_needs_no_analysis_module() -> None:
    from tests.project.test_imports import loaded_by  # noqa: PLC0415 - a fresh interpreter's probe

    shown = "import bassin_minier as bm; bm.datasets.bassin_minier_2019()._repr_html_()"
    assert (
        loaded_by(shown, ("bassin_minier.analysis._rows", "bassin_minier.analysis._frames")) == []
    )


MODEL = Path(bm.__file__).parent / "_model"


def model_imports(module: str) -> set[str]:
    """The modules of the model layer *module* imports, anywhere in it (in a function, or
    only for type checking, alike)."""
    imported = set()
    for node in ast.walk(ast.parse((MODEL / f"{module}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "bassin_minier._model":
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
    prefix = "bassin_minier._model."
    return {name.removeprefix(prefix) for name in imported if name.startswith(prefix)} | {
        name for name in imported if "." not in name and (MODEL / f"{name}.py").is_file()
    }


def test_the_model_modules_import_one_way() -> None:
    graph = {path.stem: model_imports(path.stem) for path in MODEL.glob("*.py")}
    assert graph["display"] <= {"wording"}  # the toolkit knows no model class
    assert graph["wording"] <= {"enums"}
    assert "programme" not in graph["nesting"]
    # Take away the modules that import none of those left, until none is left.
    left = dict(graph)
    while left:
        done = {name for name, imports in left.items() if not imports & left.keys()}
        assert done, f"these model modules import each other: {sorted(left)}"
        left = {name: imports for name, imports in left.items() if name not in done}


# -- the life of a convention -----------------------------------------------------------------


def test_convention_html_lists_amendments_relations_and_the_effective_period() -> None:
    convention = amended_programme().conventions[0]
    text = cells(convention._repr_html_()).cells
    start = text.index("Period set")
    assert text[start - 3 : start + 3] == [
        "Id",
        "Title",
        "Signed on",
        "Period set",
        "Signatories",
        "Note",
    ]
    first = text.index("avenant-2020")
    assert text[first : first + 6] == [
        "avenant-2020",
        "Avenant 2020 à la convention d'appui",
        "2020-07-03",
        str(convention.amendments[0].period),
        "Michel Lalande (préfet du Nord), for État etat"
        "Jean-René Lecerf (président du conseil départemental du Nord), for Conseil "
        "départemental du Nord cd-nord",
        "Prolonge la convention <jusqu'en juin 2021> & fixe les crédits 2020",
    ]
    second = text.index("avenant-2021")
    assert text[second : second + 6] == [
        "avenant-2021",
        "not known",
        "not known",
        "unchanged",
        "not known",
        "",
    ]
    assert text[text.index("Effective period") + 1] == str(convention.effective_period)
    assert text[text.index("Relation") :] == [
        "Relation",
        "Convention",
        "succeeds",
        "pas-de-calais",
    ]


def test_convention_html_shows_no_amendment_table_when_there_is_none(
    dataset: bm.Programme,
) -> None:
    text = cells(dataset.convention("nord")._repr_html_()).cells
    assert "Period set" not in text
    assert "Effective period" not in text
    assert "Relation" not in text


def test_commitment_html_shows_its_act_revision_and_spending_days() -> None:
    _, credits, cut = amended_programme().commitments
    text = cells(credits._repr_html_()).cells
    assert text[text.index("Made by") + 1] == "amendment avenant-2020"
    assert text[text.index("Revises") + 1] == "nothing"
    assert text[text.index("Spend by") - 3 : text.index("Spend by") + 5] == [
        "Year",
        "Convention",
        "Amount",
        "Spend by",
        "2020",
        "nord",
        "1\u00a0000\u00a0000,00\u00a0€",
        "2021-06-30",
    ]
    text = cells(cut._repr_html_()).cells
    assert text[text.index("Revises") + 1] == "etat-2020"
    # No tranche of the cut has a day to be spent by: no such column.
    assert "Spend by" not in text
    assert text[text.index("Made by") + 1] == "amendment avenant-2020"
    text = cells(builders.commitment()._repr_html_()).cells
    assert text[text.index("Made by") + 1] == "the conventions as signed"


def test_programme_html_shows_effective_periods_amendments_acts_and_revisions() -> None:
    programme = amended_programme()
    text = cells(programme._repr_html_()).cells
    nord = text.index("nord")
    row = text[nord : nord + 8]
    assert row[4] == f"{programme.conventions[0].effective_period} (amended)"
    assert row[7] == "2"
    assert text[text.index("pas-de-calais") + 7] == "—"
    assert text[text.index("Act") : text.index("Act") + 2] == ["Act", "Revises"]
    cut = text.index("etat-2020-refaction")
    assert text[cut + 8 : cut + 10] == ["avenant-2020", "etat-2020"]
    original = text.index("etat-2019-2021")
    assert text[original + 8 : original + 10] == ["—", "—"]
    # A programme without acts or revisions has no such columns.
    assert "Act" not in cells(builders.programme()._repr_html_()).cells


@settings(max_examples=30)
@given(st.data())
def test_markup_in_amendments_and_relations_is_shown_as_text(data: st.DataObject) -> None:
    programme = amended_programme()
    title, note, name = (data.draw(_MARKUP) for _ in range(3))
    nord = programme.conventions[0]
    first = nord.amendments[0]
    signatory = attrs.evolve(first.signatories[0], name=name, role=name)
    amendment = attrs.evolve(first, title=title, note=note, signatories=[signatory])
    convention = attrs.evolve(nord, amendments=[amendment, *nord.amendments[1:]])
    fragment = convention._repr_html_()
    parsed = cells(fragment)
    assert set(parsed.tags) <= _TAGS
    for text in (title, note, name):
        assert html.escape(text) in fragment
        assert text in parsed.text


# -- shared money and evaluation --------------------------------------------------------------


def test_the_new_classes_fit_a_line() -> None:
    programme = funded_programme()
    nord = programme.conventions[0]
    assert repr(programme) == (
        "<Programme 'plan-pauvrete' 2019–2021: 2 conventions, 2 commitments, 1 milestone, "
        "1 partner, 1 match, 3 payments>"
    )
    assert repr(nord).endswith("1 priority, 2 actions, 2 indicators>")
    assert repr(nord.actions[0]) == "<Action 'referents' led by cd-nord: =Référents de parcours>"
    assert repr(nord.actions[1]) == "<Action 'premier-accueil' Premier accueil social>"
    assert repr(nord.indicators[0]) == (
        "<Indicator 'jeunes-ase' in jeunes: baseline 2018, 2 targets, 1 result>"
    )
    assert repr(nord.indicators[0].baseline) == "<Measure 2018: -3>"
    assert repr(nord.indicators[0].targets[0]) == "<Measure 2019: 0.5>"
    assert repr(programme.matches[0]) == (
        "<Match 'cofinancement' cd-nord, cd-pas-de-calais at_least 0.5 × etat-2019-2021>"
    )
    assert repr(programme.payments[0]) == (
        "<Payment 'etat-2019-2021' 2019: 4000000.00 € through nord, paid on 2019-11-04>"
    )
    assert repr(programme.payments[1]) == "<Payment 'etat-2019-2021' 2020: 1.50 €>"
    # A joint commitment is shown under its funders together, as totals report it.
    assert repr(programme.commitments[1]).startswith(
        "<FundingCommitment 'departements' caisse-des-depots+cd-nord+cd-pas-de-calais exactly"
    )
    for obj in (
        programme,
        *nord.actions,
        *nord.indicators,
        *programme.matches,
        *programme.payments,
    ):
        assert len(repr(obj)) <= 120
        assert "\n" not in repr(obj)


def test_a_measure_shows_its_value_as_held() -> None:
    assert repr(bm.Measure(year=2027, value=Decimal("2.3E+4"))) == "<Measure 2027: 23000>"
    assert repr(bm.Measure(year=2027, value=Decimal("0.000001"))) == "<Measure 2027: 0.000001>"


def test_convention_html_shows_actions_and_indicators_by_year() -> None:
    nord = funded_programme().conventions[0]
    parsed = cells(nord._repr_html_())
    assert "Actions" in parsed.text
    assert "Indicators" in parsed.text
    found = parsed.cells
    start = found.index("=Référents de parcours referents")
    assert found[start : start + 4] == [
        "=Référents de parcours referents",
        "prevention",
        "Conseil départemental du Nord cd-nord",
        "Un référent <b>pour chaque</b> allocataire & sa famille",
    ]
    start = found.index("Jeunes sortant de l'ASE accompagnés jeunes-ase")
    assert found[start : start + 14] == [
        "Jeunes sortant de l'ASE accompagnés jeunes-ase",
        "jeunes",
        "referents",
        "-3 (2018)",
        "2019",
        "0.5",
        "0.25",
        *["", "", "", ""],
        "2020",
        "150",
        "—",
    ]
    # An indicator with no value yet still has its row.
    start = found.index("Taux de contractualisation taux")
    assert found[start : start + 7] == [
        "Taux de contractualisation taux",
        "%",
        "—",
        "—",
        "—",
        "—",
        "—",
    ]


def test_programme_html_shows_partners_co_funders_matches_and_payments() -> None:
    programme = funded_programme()
    parsed = cells(programme._repr_html_())
    for heading in ("Partners (funders party to no convention)", "Matching rules", "Payments"):
        assert heading in parsed.text
    found = parsed.cells
    assert "Co-funders (funded by)" in found
    assert (
        "Conseil départemental du Pas-de-Calais cd-pas-de-calaisCaisse des dépôts "
        "caisse-des-depots(caisse-des-depots+cd-nord+cd-pas-de-calais)"
    ) in found
    assert found[found.index("caisse-des-depots") : found.index("caisse-des-depots") + 3] == [
        "caisse-des-depots",
        "Caisse des dépôts",
        "public_body",
    ]
    start = found.index("cofinancement")
    assert found[start : start + 5] == [
        "cofinancement",
        "etat-2019-2021",
        "Conseil départemental du Nord cd-nordConseil départemental du Pas-de-Calais "
        "cd-pas-de-calais",
        "0.5",
        "at least (floor)",
    ]
    assert found[-5:] == ["departements", "2020", "—", "not known", "200\xa0000,00\xa0€"]
    # Agreed facts only: no status of a match, nothing computed from payments.
    for word in ("shortfall", "Shortfall", "met", "remaining", "Remaining"):
        assert word not in parsed.cells


def test_a_version_1_programme_looks_as_it_did(dataset: bm.Programme) -> None:
    fragment = dataset._repr_html_() + "".join(c._repr_html_() for c in dataset.conventions)
    for heading in ("Partners", "Matching rules", "Payments", "Actions", "Indicators"):
        assert f">{heading}" not in fragment
    assert "Co-funders" not in fragment
    assert "Co-funders" not in dataset.commitments[0]._repr_html_()


def test_each_new_class_has_its_html() -> None:
    programme = funded_programme()
    nord = programme.conventions[0]
    indicator = nord.indicators[0]
    objects = (
        *nord.actions,
        *nord.indicators,
        indicator.targets[0],
        *programme.matches,
        *programme.payments,
        programme.commitments[1],
    )
    for obj in objects:
        fragment = obj._repr_html_()
        assert fragment.startswith('<div class="bassin-minier">')
        assert set(cells(fragment).tags) <= _TAGS
    found = cells(indicator._repr_html_()).cells
    assert found[found.index("Year") :] == [
        *["Year", "Target", "Result"],
        "2019",
        "0.5",
        "0.25",
        "2020",
        "150",
        "—",
    ]
    assert "-3 (2018)" in found
    assert "No target or result known." in nord.indicators[1]._repr_html_()
    assert "4\xa0000\xa0000,00\xa0€" in cells(programme.payments[0]._repr_html_()).cells
    commitment = cells(programme.commitments[1]._repr_html_()).cells
    assert "caisse-des-depots+cd-nord+cd-pas-de-calais" in commitment
    assert "referents" in commitment


@settings(max_examples=40)
@given(_MARKUP, _MARKUP)
def test_markup_in_actions_indicators_and_partners_is_shown_as_text(label: str, name: str) -> None:
    programme = funded_programme()
    nord = programme.conventions[0]
    action = attrs.evolve(nord.actions[0], label=label, description=name)
    indicator = attrs.evolve(nord.indicators[0], label=name, unit=label)
    nord = attrs.evolve(nord, actions=(action, *nord.actions[1:]), indicators=(indicator,))
    partner = attrs.evolve(programme.partners[0], name=name)
    programme = attrs.evolve(
        programme, conventions=(nord, *programme.conventions[1:]), partners=(partner,)
    )
    # The programme shows its partners; the convention, its actions and indicators.
    for obj, texts in (
        (programme, (name,)),
        (nord, (label, name)),
        (action, (label, name)),
        (indicator, (label, name)),
    ):
        fragment = obj._repr_html_()
        parsed = cells(fragment)
        assert set(parsed.tags) <= _TAGS
        for text in texts:
            assert html.escape(text) in fragment
            assert text in parsed.text
