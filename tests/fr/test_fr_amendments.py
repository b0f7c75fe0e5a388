"""Reading announcements of amendments: the sentences of real sources, refusals, hostile text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bassin_minier.fr import (
    AmendmentFacts,
    DayWithoutYear,
    Found,
    ParseError,
    find_amendment_facts,
)

# The sources' own sentences (docs: reference facts C1, C3, G4, G8), as published.
C1 = (
    "Le 3 juillet, M. Bruno Faure, président du conseil départemental du Cantal et Mme. "
    "Isabelle Sima, préfet du Cantal, ont signé un avenant à la convention d'appui à la "
    "lutte contre la pauvreté et d'accès à l'emploi pour l'année 2020."
)
C3 = (
    "Les services de l'État et du Département n'ont pas attendu la signature officielle de la "
    "prolongation de la convention d'appui à la lutte contre la pauvreté et d'accès à "
    "l'emploi pour l'année 2023, mercredi 29 novembre, au Conseil départemental, pour mener "
    "les actions du programme."
)
G4 = (
    "Ainsi, le délai de mise en œuvre des mesures est repoussé au 30 juin 2021, au lieu du "
    "31 décembre 2020."
)
G8 = (
    "Les conventions départementales et métropolitaines d'appui à la lutte contre la pauvreté "
    "et d'accès à l'emploi, qui auraient dû se terminer en 2022, ont été prolongées jusqu'au "
    "31 décembre 2023."
)
REPORT = "Avenants 2020 : report d'exécution des crédits au 30 juin 2021."
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


def facts(found: tuple[Found[Any], ...]) -> list[tuple[str, object]]:
    return [(f.text, f.value) for f in found]


def nonempty(result: AmendmentFacts) -> set[str]:
    return {field.name for field in attrs.fields(AmendmentFacts) if getattr(result, field.name)}


def test_an_amendment_and_its_year() -> None:
    result = find_amendment_facts(C1)
    assert facts(result.years) == [("pour l'année 2020", 2020)]
    # « Le 3 juillet » has no year: the signature's day is given without one.
    assert facts(result.days_without_year) == [("3 juillet", DayWithoutYear(day=3, month=7))]
    assert result.signed_on == ()
    assert nonempty(result) == {"years", "days_without_year"}


def test_a_signature_day_without_its_year_is_left_to_the_user() -> None:
    result = find_amendment_facts(C3)
    assert facts(result.years) == [("pour l'année 2023", 2023)]
    [day] = result.days_without_year
    assert (day.text, day.value) == ("mercredi 29 novembre", DayWithoutYear(29, 11, weekday=2))
    assert C3[day.start : day.end] == day.text
    assert nonempty(result) == {"years", "days_without_year"}
    # The year is the user's to give; the weekday the text names is checked against it.
    assert day.value.in_year(2023) == dt.date(2023, 11, 29)
    with pytest.raises(ParseError, match="in 2022 it is a mardi, not a mercredi"):
        day.value.in_year(2022)


def test_a_new_end_of_the_period() -> None:
    result = find_amendment_facts(G8)
    assert facts(result.period_ends) == [("31 décembre 2023", dt.date(2023, 12, 31))]
    assert nonempty(result) == {"period_ends"}


def test_a_spend_by_day_and_the_day_it_replaces() -> None:
    result = find_amendment_facts(G4)
    assert facts(result.spend_by) == [("30 juin 2021", dt.date(2021, 6, 30))]
    assert facts(result.replaced) == [("31 décembre 2020", dt.date(2020, 12, 31))]
    assert nonempty(result) == {"spend_by", "replaced"}


def test_a_postponed_execution() -> None:
    result = find_amendment_facts(REPORT)
    assert facts(result.years) == [("Avenants 2020", 2020)]
    assert facts(result.spend_by) == [("30 juin 2021", dt.date(2021, 6, 30))]
    assert nonempty(result) == {"years", "spend_by"}


def test_sentences_of_a_longer_text_are_read_apart() -> None:
    text = "\n\n".join([C1, G4, "Le plan a été présenté le 13 septembre 2018.", G8, C3])
    result = find_amendment_facts(text)
    assert [f.value for f in result.years] == [2020, 2023]
    assert [f.value for f in result.spend_by] == [dt.date(2021, 6, 30)]
    assert [f.value for f in result.replaced] == [dt.date(2020, 12, 31)]
    assert [f.value for f in result.period_ends] == [dt.date(2023, 12, 31)]
    assert [f.text for f in result.days_without_year] == ["3 juillet", "mercredi 29 novembre"]
    spans = [(f.start, f.end, f.text) for f in result.spend_by]
    spans += [(f.start, f.end, f.text) for f in result.days_without_year]
    spans += [(f.start, f.end, f.text) for f in result.years]
    assert all(text[start:end] == words for start, end, words in spans)


def test_a_signature_day_with_its_year() -> None:
    result = find_amendment_facts("L'avenant 2021 a été signé le 1er octobre 2021 à Aurillac.")
    assert facts(result.signed_on) == [("1er octobre 2021", dt.date(2021, 10, 1))]
    assert facts(result.years) == [("avenant 2021", 2021)]


@pytest.mark.parametrize(
    "text",
    [
        # No amendment: the convention itself is signed.
        "La convention a été signée le 10 juillet 2019 à Lille.",
        # A day that is not a day.
        "La convention a été prolongée jusqu'en décembre 2023.",
        # Postponed, but neither a convention nor an execution: a meeting.
        "La réunion est repoussée au 30 juin 2021.",
        # A year that is not an amendment's.
        "Les crédits 2021 sont délégués pour l'année 2021.",
        "",
    ],
)
def test_nothing_is_read_where_nothing_is_said(text: str) -> None:
    assert find_amendment_facts(text) == AmendmentFacts()


def test_what_cannot_be_read_is_said_not_dropped() -> None:
    wrong_weekday = find_amendment_facts("L'avenant est signé le jeudi 29 novembre 2023.")
    [unread] = wrong_weekday.unread
    assert unread.text == "jeudi 29 novembre 2023"
    assert "is a mercredi, not a jeudi" in unread.value
    assert wrong_weekday.signed_on == ()

    no_year = find_amendment_facts("Le délai de mise en œuvre est repoussé au 30 juin.")
    assert facts(no_year.unread) == [
        ("30 juin", "it has no year; the year of this deadline is left to you")
    ]

    two_days = find_amendment_facts(
        "L'avenant, préparé le 2 juin 2020, a été signé le 3 juillet 2020."
    )
    assert [f.text for f in two_days.unread] == ["2 juin 2020", "3 juillet 2020"]
    assert all("which is the signature's is left to you" in f.value for f in two_days.unread)
    assert two_days.signed_on == ()

    no_such_day = find_amendment_facts("L'avenant est signé le 31 juin.")
    assert [f.text for f in no_such_day.unread] == ["31 juin"]
    assert no_such_day.days_without_year == ()


def test_a_replaced_day_needs_a_new_one() -> None:
    # « au lieu du » with nothing it is instead of is not a fact.
    result = find_amendment_facts("L'avenant est signé, au lieu du 31 décembre 2020.")
    assert result.replaced == result.signed_on == ()
    assert [f.text for f in result.unread] == ["31 décembre 2020"]
    assert "no new end or deadline comes before it" in result.unread[0].value


def test_titles_and_initials_do_not_end_a_sentence() -> None:
    text = "Le 3 juillet, B. Faure et Mme. Sima ont signé l'avenant. Il court jusqu'à 2021."
    assert [f.text for f in find_amendment_facts(text).days_without_year] == ["3 juillet"]


def test_accents_case_and_spaces_do_not_matter() -> None:
    text = (
        "LE DÉLAI DE MISE EN OEUVRE EST REPOUSSÉ AU\u00a030\u202fJUIN 2021, "
        "AU LIEU DU 31 DECEMBRE 2020."
    )
    result = find_amendment_facts(text)
    assert facts(result.spend_by) == [("30\u202fJUIN 2021", dt.date(2021, 6, 30))]
    assert [f.value for f in result.replaced] == [dt.date(2020, 12, 31)]


def test_a_day_without_year_checks_itself() -> None:
    assert str(DayWithoutYear(day=1, month=8)) == "1er août"
    assert str(DayWithoutYear(day=25, month=12, weekday=0)) == "lundi 25 décembre"
    assert str(DayWithoutYear(day=29, month=2)) == "29 février"
    assert DayWithoutYear(day=29, month=2).in_year(2024) == dt.date(2024, 2, 29)
    with pytest.raises(ParseError, match="there is no such day in 2023"):
        DayWithoutYear(day=29, month=2).in_year(2023)
    with pytest.raises(ValueError, match="juin has no day 31"):
        DayWithoutYear(day=31, month=6)
    with pytest.raises(ValueError, match="a month runs from 1 to 12"):
        DayWithoutYear(day=1, month=13)
    with pytest.raises(ValueError, match="a weekday runs from 0"):
        DayWithoutYear(day=1, month=1, weekday=7)
    with pytest.raises(TypeError, match="in_year takes a year as an int"):
        DayWithoutYear(day=1, month=1).in_year("2023")  # type: ignore[arg-type]


def test_the_reader_needs_text() -> None:
    with pytest.raises(TypeError, match="find_amendment_facts reads a str"):
        find_amendment_facts(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "avenant" + " " * 1_000_000 + "x",
        ". " * 500_000,
        "\n " * 500_000,
        "mercredi," + " " * 1_000_000,
        "1 " * 500_000,
        "M. " * 300_000,
        "prolongé jusqu'au " * 50_000,
        "avenant 2020 " * 50_000,
        "12" + " " * 1_000_000 + "juin",
    ],
    ids=lambda text: repr(text[:12]),
)
def test_long_hostile_text_is_read_in_one_pass(text: str) -> None:
    # Each of these would take hours with a pattern that backtracks over the whole text or
    # a search started again from every word; read in one pass, each takes a moment.
    result = find_amendment_facts(text)
    assert result.period_ends == result.spend_by == result.signed_on == ()


def test_many_facts_in_a_long_text_are_all_kept() -> None:
    text = " ".join([G4] * 2_000)
    result = find_amendment_facts(text)
    assert len(result.spend_by) == len(result.replaced) == 2_000
    assert {f.value for f in result.spend_by} == {dt.date(2021, 6, 30)}


DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31))


def written(day: dt.date) -> str:
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS.split()[day.month - 1]} {day.year}"


@given(new=DAYS, old=DAYS)
def test_any_deadline_reads_back(new: dt.date, old: dt.date) -> None:
    text = f"Le délai de mise en œuvre est repoussé au {written(new)}, au lieu du {written(old)}."
    result = find_amendment_facts(text)
    assert [f.value for f in result.spend_by] == [new]
    assert [f.value for f in result.replaced] == [old]


@given(end=DAYS, year=st.integers(1900, 2199))
def test_any_new_end_and_year_read_back(end: dt.date, year: int) -> None:
    text = f"L'avenant pour l'année {year} est prolongé jusqu'au {written(end)}."
    result = find_amendment_facts(text)
    assert [f.value for f in result.years] == [year]
    assert [f.value for f in result.period_ends] == [end]


@given(
    st.lists(
        st.sampled_from(
            [
                "avenant",
                "signé",
                "prolongée",
                "jusqu'au",
                "au lieu du",
                "repoussé au",
                "mise en œuvre",
                "mercredi",
                "29",
                "31",
                "novembre",
                "février",
                "2023",
                "pour l'année",
                ".",
                ",",
                "M.",
                "Le",
                "\n\n",
                "\u00a0",
            ]
        ),
        max_size=40,
    ).map(" ".join)
    | st.text(max_size=200)
)
def test_any_text_gives_facts_where_they_are(text: str) -> None:
    result = find_amendment_facts(text)
    for field in attrs.fields(AmendmentFacts):
        found: tuple[Found[Any], ...] = getattr(result, field.name)
        assert [f.start for f in found] == sorted(f.start for f in found)
        for f in found:
            assert text[f.start : f.end] == f.text
