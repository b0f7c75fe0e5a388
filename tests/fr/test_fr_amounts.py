"""Reading French amounts: the corpus, what is refused on purpose, and round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import Basis
from bassin_minier._rules.money import amount_problem
from bassin_minier.fr import ParsedAmount, ParseError, parse_amount
from tests.corpus import Phrasing, phrasings

AMOUNTS = phrasings("amounts")


@pytest.mark.parametrize("phrasing", [p for p in AMOUNTS if not p.rejected], ids=str)
def test_the_corpus_reads(phrasing: Phrasing) -> None:
    euros, basis = phrasing.fields[0].split()
    found = parse_amount(phrasing.text)
    assert found.amount == Decimal(euros)
    # The exact digits too: 12,50 € keeps its cents, 1,5 M€ has none.
    assert str(found.amount) == euros
    if basis == "approximate":
        assert (found.basis, found.approximate) == (None, True)
    else:
        assert (found.basis, found.approximate) == (Basis(basis), False)


@pytest.mark.parametrize("phrasing", [p for p in AMOUNTS if p.rejected], ids=str)
def test_the_corpus_refuses(phrasing: Phrasing) -> None:
    with pytest.raises(ParseError) as info:
        parse_amount(phrasing.text)
    assert repr(phrasing.text) in str(info.value)


def test_the_corpus_covers_both_outcomes() -> None:
    outcomes = [p.rejected for p in AMOUNTS]
    assert outcomes.count(False) >= 25
    assert outcomes.count(True) >= 10


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1.500 €", "a dot between digits"),
        ("1,234 €", "whole cents"),
        ("0 €", "strictly positive"),
        ("-5 M€", "without a sign"),
        ("+5 M€", "without a sign"),
        ("48 millions de dollars", "not in euros"),
        ("plus de 10 millions d'euros", "strictly more or less"),
        ("moins de 10 millions d'euros", "strictly more or less"),
        ("1 000 000 000 000 000 €", "below 10^15"),
        ("9" * 80 + " milliards", "below 10^15"),
        ("cinq euros", "write the number in digits"),
        ("48 00 000 €", "expected an amount of euros"),
        ("1,5 M", "expected an amount of euros"),
        ("500 000 d'euros", "expected an amount of euros"),
    ],
)
def test_refusals_say_why(text: str, words: str) -> None:
    with pytest.raises(ParseError, match=r"^cannot read ") as info:
        parse_amount(text)
    assert words in str(info.value)


def test_every_basis_has_its_words() -> None:
    readings = {
        words: parse_amount(f"{words} 2 millions d'euros")
        for words in ["a minima", "pas moins de", "au plus", "dans la limite de", "environ"]
    }
    assert [r.basis for r in readings.values()] == [
        Basis.AT_LEAST,
        Basis.AT_LEAST,
        Basis.AT_MOST,
        Basis.AT_MOST,
        None,
    ]
    assert [r.approximate for r in readings.values()] == [False] * 4 + [True]


def test_scales() -> None:
    assert parse_amount("500 k€").amount == Decimal(500_000)
    assert parse_amount("2 Md€").amount == Decimal(2_000_000_000)
    assert parse_amount("1,2 Mds €").amount == Decimal(1_200_000_000)
    assert parse_amount("3 milliards d'euros").amount == Decimal(3_000_000_000)


def test_a_parsed_amount_fits_a_commitment() -> None:
    found = parse_amount("au minimum 48 millions d'euros")
    dataset = bm.datasets.bassin_minier_2019().commitment("etat-2019-2021")
    assert (found.amount, found.basis) == (dataset.amount, dataset.basis)
    assert found == ParsedAmount(amount=Decimal(48_000_000), basis=Basis.AT_LEAST)


def test_a_non_str_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="parse_amount reads a str, got int"):
        parse_amount(48_000_000)  # type: ignore[arg-type]


# -- properties ------------------------------------------------------------------------------

CENTS = st.integers(1, 10**17 - 1).map(lambda cents: Decimal(cents).scaleb(-2))
SPACES = st.sampled_from([" ", "\u00a0", "\u202f"])


def grouped(whole: int, space: str) -> str:
    """*whole* with its digits in groups of three, as French writes them."""
    digits = str(whole)
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return space.join(groups)


@given(CENTS, SPACES, st.booleans(), st.sampled_from(["€", "euros", "EUR"]))
def test_an_amount_in_euros_reads_back(
    amount: Decimal, space: str, group: bool, currency: str
) -> None:
    whole, cents = divmod(int(amount * 100), 100)
    number = grouped(whole, space) if group else str(whole)
    if cents:
        number += f",{cents:02}"
    assert parse_amount(f"{number}{space}{currency}").amount == amount


@given(
    st.integers(1, 999_999_999),
    st.integers(0, 6),
    st.sampled_from([("millions d'euros", 6), ("M€", 6), ("milliards", 9), ("k€", 3)]),
    st.sampled_from(["", "au minimum ", "jusqu'à ", "environ "]),
)
def test_a_scaled_amount_reads_back(
    digits: int, decimals: int, scale: tuple[str, int], words: str
) -> None:
    value = Decimal(digits).scaleb(-decimals)
    unit, exponent = scale
    number = f"{value:f}".replace(".", ",")
    expected = value.scaleb(exponent)
    text = f"{words}{number} {unit}"
    whole_cents = expected == expected.quantize(Decimal("0.01"))
    if 0 < expected < 10**15 and whole_cents:
        found = parse_amount(text)
        assert found.amount == expected
        assert (found.basis is None) == (words == "environ ")
    else:
        with pytest.raises(ParseError):
            parse_amount(text)


TOKENS = ["au minimum", "environ", "jusqu'à", "millions", "d'euros", "M€", "€", ",", ".", "-"]
FRENCH_NOISE = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.integers(0, 10**20).map(str)), max_size=6
).map(" ".join)


def outcome(text: str) -> ParsedAmount | ParseError:
    try:
        return parse_amount(text)
    except ParseError as error:
        return error


@given(st.one_of(st.text(), FRENCH_NOISE))
def test_garbage_raises_only_a_parse_error(text: str) -> None:
    found = outcome(text)
    if isinstance(found, ParseError):
        assert found.text == text
    else:
        # Whatever reads is an amount the model accepts.
        assert amount_problem(found.amount) is None
