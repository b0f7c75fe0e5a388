"""French amounts of euros: « au minimum 48 millions d'euros », « 1,5 M€ », « 48 000 000 € »."""

from __future__ import annotations

import decimal
import re
from decimal import Decimal

import attrs

from bassin_minier._model.enums import Basis
from bassin_minier._rules.money import amount_problem
from bassin_minier.fr._errors import ParseError
from bassin_minier.fr._words import NUMBER_WORDS, bare, require_text

__all__ = ["ParsedAmount", "parse_amount"]


@attrs.frozen
class ParsedAmount:
    """An amount of euros read from French text, with how the text binds it.

    *basis* is what the words before the amount say (« au minimum » is a floor,
    `Basis.AT_LEAST`; « jusqu'à » a ceiling, `Basis.AT_MOST`; no such word,
    `Basis.EXACTLY`). An *approximate* amount (« environ », « près de ») has no basis.
    """

    amount: Decimal
    basis: Basis | None
    approximate: bool = False


# The words before an amount that say how it binds, once accents and case are gone.
_QUALIFIERS: dict[str, Basis | None] = {
    "au minimum": Basis.AT_LEAST,
    "au moins": Basis.AT_LEAST,
    "a minima": Basis.AT_LEAST,
    "minimum": Basis.AT_LEAST,
    "pas moins de": Basis.AT_LEAST,
    "au maximum": Basis.AT_MOST,
    "au plus": Basis.AT_MOST,
    "maximum": Basis.AT_MOST,
    "jusqu'a": Basis.AT_MOST,
    "dans la limite de": Basis.AT_MOST,
    "environ": None,
    "pres de": None,
    "quelque": None,
    "autour de": None,
    "approximativement": None,
    "de l'ordre de": None,
}
# « plus de 10 millions » is strictly more than: no basis says that, and calling it a
# floor of 10 millions would put words in the text's mouth.
_STRICT = ("plus de", "moins de")

_SCALES = {
    "million": 6,
    "millions": 6,
    "milliard": 9,
    "milliards": 9,
    "m": 6,
    "md": 9,
    "mds": 9,
    "k": 3,
}
_QUALIFIER = "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True))
_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# Thousands are grouped by three with a space (made plain beforehand); the decimal mark is
# a comma. A dot is either, depending on who wrote it, so it is refused.
_DIGITS = r"[0-9]{1,3}(?: [0-9]{3})+|[0-9]+"
_AMOUNT = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER}) )?"
    rf"(?:(?P<number>(?:{_DIGITS})(?:,[0-9]+)?)|(?P<word>{_WORD}))"
    r"(?:"
    r" ?(?P<symbol_scale>m|md|mds|k) ?€"
    r"| (?P<word_scale>millions?|milliards?)(?: d'euros?| ?€| euros?)?"
    r"| ?(?P<currency>€|euros?|eur)"
    r")"
)
_EXACT = decimal.Context(prec=60, traps=[decimal.Inexact, decimal.InvalidOperation])

_EXPECTED = (
    "expected an amount of euros such as '48 millions d'euros', '1,5 M€', '48 000 000 €' "
    "or '500 000 euros', possibly after 'au minimum', 'jusqu'à' or 'environ'"
)


def parse_amount(text: str) -> ParsedAmount:
    """The amount of euros *text* writes in French, exactly.

    Digits are grouped by three with spaces (plain, no-break or narrow no-break), the
    decimal mark is a comma, and « millions », « milliards », « M€ », « Md€ » and « k€ »
    scale the number. A `ParseError` (a `ValueError`) says why anything else is refused:
    a dot (« 1.500 » is 1.5 or 1500 depending on the writer), more precision than cents,
    zero, a sign, another currency, « plus de » (strictly more than). A *text* that is not
    a str is a `TypeError`.

    >>> parse_amount("au minimum 48 millions d’euros")
    ParsedAmount(amount=Decimal('48000000'), basis=<Basis.AT_LEAST: 'at_least'>, \
approximate=False)
    >>> parse_amount("1,5 M€").amount
    Decimal('1500000')
    """
    require_text(text, "parse_amount")
    reduced = bare(text).rstrip(".,;")
    match = _AMOUNT.fullmatch(reduced)
    if match is None:
        raise ParseError(text, _problem(reduced))
    value = _value(text, match)
    if problem := amount_problem(value):
        raise ParseError(text, f"the amount {problem}")
    qualifier = match["qualifier"]
    basis = _QUALIFIERS[qualifier] if qualifier else Basis.EXACTLY
    whole = value == value.to_integral_value()
    exact = value.quantize(Decimal(1) if whole else Decimal("0.01"), context=_EXACT)
    return ParsedAmount(amount=exact, basis=basis, approximate=basis is None)


def _value(text: str, match: re.Match[str]) -> Decimal:
    if match["word"] is not None:
        if match["word_scale"] is None:
            # « cinq euros »: numbers in words are read with millions and milliards only.
            raise ParseError(text, "write the number in digits, or say 'millions'")
        number = Decimal(NUMBER_WORDS[match["word"]])
    else:
        number = Decimal(match["number"].replace(" ", "").replace(",", "."))
    scale = _SCALES.get(match["symbol_scale"] or match["word_scale"] or "", 0)
    try:
        return number.scaleb(scale, context=_EXACT)
    except decimal.Inexact:
        # More digits than an exact context holds: far beyond any amount anyway.
        raise ParseError(text, "the amount must be below 10^15 euros") from None


def _problem(reduced: str) -> str:
    if reduced.startswith(_STRICT):
        return (
            "'plus de' and 'moins de' mean strictly more or less than the amount, which "
            "no basis states; " + _EXPECTED
        )
    if re.search(r"[0-9]\.[0-9]", reduced):
        return (
            "a dot between digits is a decimal point to some writers and a thousands "
            "separator to others: write 1 500 or 1,5"
        )
    if re.search(r"\$|dollars?|usd|£|livres?", reduced):
        return "it is not in euros"
    if re.search(r"^-|^\+|moins [0-9]", reduced):
        return "an amount is positive and written without a sign"
    return _EXPECTED
