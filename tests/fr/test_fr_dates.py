"""Reading French dates: the corpus, the shapes refused on purpose, and round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier.fr import ParseError, parse_date
from tests.corpus import Phrasing, phrasings, reference

DATES = phrasings("dates")

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
SHORT_MONTHS = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
UNACCENTED = str.maketrans("éû", "eu")


@pytest.mark.parametrize("phrasing", [p for p in DATES if not p.rejected], ids=str)
def test_the_corpus_reads(phrasing: Phrasing) -> None:
    expected = dt.date.fromisoformat(phrasing.fields[1])
    assert parse_date(phrasing.text, reference=reference(phrasing)) == expected


@pytest.mark.parametrize("phrasing", [p for p in DATES if p.rejected], ids=str)
def test_the_corpus_refuses(phrasing: Phrasing) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(phrasing.text, reference=reference(phrasing))
    assert repr(phrasing.text) in str(info.value)
    assert info.value.text == phrasing.text


def test_the_corpus_covers_both_outcomes() -> None:
    outcomes = [p.rejected for p in DATES]
    assert outcomes.count(False) >= 30
    assert outcomes.count(True) >= 15


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("en septembre 2018", "names a month, not a day"),
        ("13 septembre", "it has no year"),
        ("10/07/19", "two-digit year"),
        ("07/13/2019", "there is no month 13"),
        ("jeudi 10 juillet 2019", "2019-07-10 is a mercredi, not a jeudi"),
        ("31 février 2019", "no such date"),
        ("2019-02-29", "no such date"),
        ("13 septembre 2018 dernier", "cannot also be 'dernier'"),
        ("hier", "'hier' is relative: pass the date it is relative to as reference="),
        ("10 juillet 2019 à 14 h", "expected a French date such as '10 juillet 2019'"),
    ],
)
def test_refusals_say_why(text: str, words: str) -> None:
    with pytest.raises(ParseError, match=r"^cannot read ") as info:
        parse_date(text)
    assert words in str(info.value)


def test_a_parse_error_is_a_library_value_error() -> None:
    with pytest.raises(bm.BassinMinierError):
        parse_date("demain")
    with pytest.raises(ValueError, match="cannot read 'demain'"):
        parse_date("demain")


def test_a_parse_error_survives_pickling() -> None:
    import pickle  # noqa: PLC0415

    error = ParseError("hier", "it is relative")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.text, str(copy)) == (ParseError, "hier", str(error))


def test_relative_days_around_the_reference() -> None:
    on = dt.date(2019, 7, 15)
    readings = {t: parse_date(t, reference=on) for t in ["avant-hier", "après-demain", "demain"]}
    assert readings == {
        "avant-hier": dt.date(2019, 7, 13),
        "après-demain": dt.date(2019, 7, 17),
        "demain": dt.date(2019, 7, 16),
    }


def test_dernier_and_prochain_exclude_the_reference_day() -> None:
    on = dt.date(2019, 9, 13)
    assert parse_date("13 septembre dernier", reference=on) == dt.date(2018, 9, 13)
    assert parse_date("13 septembre prochain", reference=on) == dt.date(2020, 9, 13)
    assert parse_date("vendredi dernier", reference=on) == dt.date(2019, 9, 6)
    assert parse_date("vendredi prochain", reference=on) == dt.date(2019, 9, 20)


def test_a_datetime_reference_counts_as_its_day() -> None:
    moment = dt.datetime(2019, 7, 15, 23, 59)
    assert parse_date("hier", reference=moment) == dt.date(2019, 7, 14)


def test_wrong_types_are_programming_errors() -> None:
    with pytest.raises(TypeError, match="parse_date reads a str, got bytes"):
        parse_date(b"10 juillet 2019")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reference of parse_date is a date, got str"):
        parse_date("hier", reference="2019-07-15")  # type: ignore[arg-type]


def test_dates_beyond_the_calendar_are_refused() -> None:
    with pytest.raises(ParseError, match="outside the years a date can hold"):
        parse_date("demain", reference=dt.date.max)
    with pytest.raises(ParseError, match="outside the years a date can hold"):
        parse_date("dans 9999 ans", reference=dt.date(2019, 7, 15))
    with pytest.raises(ParseError, match="no such day within the years"):
        parse_date("29 février prochain", reference=dt.date(9997, 1, 1))


# -- properties ------------------------------------------------------------------------------

DAYS = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))


def _casing(text: str, how: int) -> str:
    return [text, text.upper(), text.capitalize(), text.translate(UNACCENTED)][how]


@st.composite
def worded(draw: st.DrawFn, day: dt.date) -> str:
    """*day* written out in one of the ways French texts write it."""
    number = "1er" if day.day == 1 and draw(st.booleans()) else str(day.day)
    month = draw(st.sampled_from([MONTHS, SHORT_MONTHS]))[day.month - 1]
    text = f"{number} {month} {day.year}"
    if draw(st.booleans()):
        text = f"{WEEKDAYS[day.weekday()]} {text}"
    if draw(st.booleans()):
        text = f"{draw(st.sampled_from(['le', 'ce', 'Le']))} {text}"
    space = draw(st.sampled_from([" ", "\u00a0", "\u202f", "  "]))
    return _casing(text, draw(st.integers(0, 3))).replace(" ", space)


@st.composite
def numeric(draw: st.DrawFn, day: dt.date) -> str:
    separator = draw(st.sampled_from("/.-"))
    width = draw(st.sampled_from([1, 2]))
    return f"{day.day:0{width}}{separator}{day.month:0{width}}{separator}{day.year}"


@given(st.data(), DAYS)
def test_a_date_written_in_french_reads_back(data: st.DataObject, day: dt.date) -> None:
    style = data.draw(st.sampled_from(["worded", "numeric", "iso"]))
    if style == "worded":
        text = data.draw(worded(day))
    elif style == "numeric":
        text = data.draw(numeric(day))
    else:
        text = day.isoformat()
    assert parse_date(text) == day


@given(DAYS, st.integers(0, 6))
def test_a_contradicting_weekday_is_refused(day: dt.date, shift: int) -> None:
    weekday = WEEKDAYS[(day.weekday() + shift) % 7]
    text = f"{weekday} {day.day} {MONTHS[day.month - 1]} {day.year}"
    if shift:
        with pytest.raises(ParseError, match="not a"):
            parse_date(text)
    else:
        assert parse_date(text) == day


@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9990, 12, 31)),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2000, 12, 31)),
    st.sampled_from(["dernier", "prochain"]),
)
def test_dernier_and_prochain_find_the_nearest_such_day(
    on: dt.date, day: dt.date, relative: str
) -> None:
    text = f"le {day.day} {MONTHS[day.month - 1]} {relative}"
    found = parse_date(text, reference=on)
    step = dt.timedelta(days=-1 if relative == "dernier" else 1)
    # Walk day by day from the reference: the first day with that day and month.
    expected = on + step
    while (expected.month, expected.day) != (day.month, day.day):
        expected += step
    assert found == expected


@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9000, 12, 31)),
    st.integers(1, 60),
    st.sampled_from(["plus tard", "auparavant"]),
)
def test_months_later_or_earlier_never_clamp_the_day(
    on: dt.date, count: int, direction: str
) -> None:
    signed = count if direction == "plus tard" else -count
    months = on.year * 12 + on.month - 1 + signed
    try:
        expected = dt.date(months // 12, months % 12 + 1, on.day)
    except ValueError:
        with pytest.raises(ParseError, match="falls on a day the month does not have"):
            parse_date(f"{count} mois {direction}", reference=on)
    else:
        assert parse_date(f"{count} mois {direction}", reference=on) == expected


@given(st.integers(1, 3000), st.sampled_from(["jours", "semaines"]))
def test_days_and_weeks_later(count: int, unit: str) -> None:
    on = dt.date(2019, 7, 10)
    days = count * (7 if unit == "semaines" else 1)
    assert parse_date(f"{count} {unit} plus tard", reference=on) == on + dt.timedelta(days)
    assert parse_date(f"il y a {count} {unit}", reference=on) == on - dt.timedelta(days)


TOKENS = [
    *MONTHS,
    *SHORT_MONTHS,
    *WEEKDAYS,
    "le",
    "1er",
    "dernier",
    "prochain",
    "plus tard",
    "il y a",
    "dans",
    "mois",
    "ans",
    "hier",
    "/",
    "-",
    ".",
    ",",
    "T",
    ":",
    "h",
]
FRENCH_NOISE = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.integers(0, 100000).map(str)), max_size=6
).map(" ".join)


def outcome(text: str, on: dt.date | None) -> dt.date | ParseError:
    try:
        return parse_date(text, reference=on)
    except ParseError as error:
        return error


@given(st.one_of(st.text(), FRENCH_NOISE, FRENCH_NOISE.map(lambda t: t.replace(" ", ""))))
def test_garbage_raises_only_a_parse_error(text: str) -> None:
    for on in (None, dt.date(2019, 7, 15)):
        found = outcome(text, on)
        if isinstance(found, ParseError):
            assert found.text == text
        else:
            assert type(found) is dt.date


@given(DAYS)
def test_a_two_digit_year_is_never_completed(day: dt.date) -> None:
    assume(day.day <= 28)
    with pytest.raises(ParseError, match="two-digit year"):
        parse_date(f"{day.day:02}/{day.month:02}/{day.year % 100:02}")
