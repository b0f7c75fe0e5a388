"""Finding dates and amounts among the other words of a text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bassin_minier import Basis
from bassin_minier.fr import Found, find_amounts, find_dates

FILLER = st.lists(
    st.sampled_from(["la", "convention", "État", "mobilisera", "Lille", "(ASE)", "2e", "3", "et"]),
    max_size=5,
).map(" ".join)
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


def test_dates_are_found_where_they_are() -> None:
    text = (
        "Mise à jour : 15 juillet 2019\nDix mois plus tard, ce mercredi 10 juillet 2019, à Lille."
    )
    found = find_dates(text)
    assert [(f.text, f.value) for f in found] == [
        ("15 juillet 2019", dt.date(2019, 7, 15)),
        ("ce mercredi 10 juillet 2019", dt.date(2019, 7, 10)),
    ]
    assert all(text[f.start : f.end] == f.text for f in found)


def test_relative_dates_need_the_day_of_writing() -> None:
    text = "Présentée le 13 septembre dernier, hier encore discutée, dix mois plus tard signée."
    assert find_dates(text) == ()
    found = find_dates(text, reference=dt.date(2019, 7, 15))
    # The offset counts from an event of the story, not from the day of writing: left out.
    assert [f.value for f in found] == [dt.date(2018, 9, 13), dt.date(2019, 7, 14)]


def test_amounts_are_found_with_their_basis() -> None:
    text = (
        "Au total, au minimum 48 millions d’euros, dont jusqu’à 1,5 M€ pour Lille et 3 fois rien."
    )
    found = find_amounts(text)
    assert [(f.text, f.value.amount, f.value.basis) for f in found] == [
        ("au minimum 48 millions d’euros", Decimal(48_000_000), Basis.AT_LEAST),
        ("jusqu’à 1,5 M€", Decimal(1_500_000), Basis.AT_MOST),
    ]
    assert isinstance(found[0], Found)


def test_the_finders_need_text() -> None:
    with pytest.raises(TypeError, match="find_dates reads a str"):
        find_dates(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="find_amounts reads a str"):
        find_amounts(b"48 M\xe2\x82\xac")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reference of find_dates is a date"):
        find_dates("hier", reference=20190715)  # type: ignore[arg-type]


@given(FILLER, FILLER, st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_a_date_among_other_words_is_found(before: str, after: str, day: dt.date) -> None:
    phrase = f"{day.day} {MONTHS.split()[day.month - 1]} {day.year}"
    text = f"{before} {phrase}, {after}".strip()
    assert [(f.text, f.value) for f in find_dates(text)] == [(phrase, day)]


@given(FILLER, FILLER, st.integers(1, 999_999), st.sampled_from(["€", "M€", "millions d'euros"]))
def test_an_amount_among_other_words_is_found(
    before: str, after: str, number: int, unit: str
) -> None:
    phrase = f"au moins {number} {unit}"
    text = f"{before} {phrase}. {after}".strip()
    (found,) = find_amounts(text)
    assert found.text == phrase
    assert found.value.basis is Basis.AT_LEAST
    scale = {"€": 1, "M€": 10**6, "millions d'euros": 10**6}[unit]
    assert found.value.amount == number * scale


@given(st.text(max_size=200))
def test_any_text_is_searched_without_error(text: str) -> None:
    for found in (*find_dates(text, reference=dt.date(2019, 7, 15)), *find_amounts(text)):
        assert text[found.start : found.end] == found.text
