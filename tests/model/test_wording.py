"""The words of each basis and amounts written in French, shared by everything that shows data."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import analysis, fr
from bassin_minier._model.wording import (
    BASIS_WORDS,
    NARROW_NO_BREAK_SPACE,
    NO_BREAK_SPACE,
    french_amount,
    year_span,
)
from bassin_minier.testing import amounts
from tests import builders

SPACES = st.sampled_from([" ", NO_BREAK_SPACE, NARROW_NO_BREAK_SPACE])


def test_every_basis_has_its_words() -> None:
    assert set(BASIS_WORDS) == set(bm.Basis)
    for words in BASIS_WORDS.values():
        assert words.qualifier in words.label
        assert all(text and text == text.strip() for text in attrs.astuple(words))


def test_the_public_name_is_the_one_function() -> None:
    assert analysis.french_amount is french_amount
    assert "french_amount" in analysis.__all__


@given(amounts(), SPACES)
def test_a_french_amount_reads_back_exactly(amount: Decimal, space: str) -> None:
    text = french_amount(amount, space=space)
    assert fr.parse_amount(text).amount == amount
    digits = text.removesuffix(f"{space}€").replace(space, "").replace(",", ".")
    assert Decimal(digits) == amount
    assert digits == f"{amount:.2f}"  # two decimals, always


@given(amounts(), SPACES)
def test_the_euro_sign_is_all_that_euro_adds(amount: Decimal, space: str) -> None:
    bare = french_amount(amount, space=space, euro=False)
    assert french_amount(amount, space=space) == f"{bare}{space}€"
    assert "€" not in bare


@given(amounts())
def test_thousands_are_grouped_by_three(amount: Decimal) -> None:
    whole, _, cents = french_amount(amount, euro=False).partition(",")
    groups = whole.split(" ")
    assert len(cents) == 2
    assert 1 <= len(groups[0]) <= 3
    assert all(len(group) == 3 for group in groups[1:])


@pytest.mark.parametrize(
    ("value", "options", "text"),
    [
        (Decimal("48000000.00"), {}, "48 000 000,00 €"),
        (Decimal("1.230"), {"space": NO_BREAK_SPACE}, "1,23\u00a0€"),
        (
            Decimal("1234567.8"),
            {"space": NARROW_NO_BREAK_SPACE, "euro": False},
            "1\u202f234\u202f567,80",
        ),
        (2.5, {"euro": False, "places": 1}, "2,5"),
        (1234.0, {"euro": False, "places": 0}, "1 234"),
    ],
)
def test_french_amount_options(
    value: Decimal | float, options: dict[str, object], text: str
) -> None:
    assert french_amount(value, **options) == text  # type: ignore[arg-type]


def test_importing_the_library_leaves_the_wording_for_later() -> None:
    from tests.project.test_imports import loaded_by  # noqa: PLC0415 - a fresh interpreter's probe

    wording = ("bassin_minier._model.wording",)
    assert loaded_by("import bassin_minier", wording) == []
    assert loaded_by("from bassin_minier import analysis", wording) == list(wording)


def test_a_span_of_years_names_one_year_once() -> None:
    assert year_span(2019, 2021) == "2019–2021"
    assert year_span(2019, 2019) == "2019"


@pytest.mark.parametrize("basis", list(bm.Basis))
def test_the_rule_on_tranches_words_the_basis_as_the_display_does(basis: bm.Basis) -> None:
    # One tranche, short of a floor or an exact sum of one euro, over a ceiling of one euro.
    amount = Decimal("1.00")
    part = Decimal("2.00") if basis is bm.Basis.AT_MOST else Decimal("0.01")
    with pytest.raises(bm.ValidationError) as raised:
        builders.commitment(
            basis=basis,
            amount=amount,
            tranches=[bm.Tranche(year=2030, amount=part, convention="nord")],
        )
    messages = {v.rule: v.message for v in raised.value.violations}
    qualifier = BASIS_WORDS[basis].qualifier
    assert f"but the commitment is {qualifier} {amount} € (basis" in messages["tranche-basis"]
    assert messages["tranche-year"].endswith("outside the commitment's years 2019–2021")
