"""How money is worded for people: each basis in every form it takes, amounts in French,
spans of years.

The HTML of a notebook, the text of ``bassin-minier show``, the OCDS descriptions, the
charts and the messages of the rules on a commitment's tranches take their words from here,
so that a basis, an amount or a span of years reads the same wherever it is shown. Nothing
here is loaded by ``import bassin_minier``: only what shows the data, or a broken rule that
words it, needs it.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from decimal import Decimal

import attrs

from bassin_minier._model.enums import Basis

__all__ = [
    "BASIS_WORDS",
    "NARROW_NO_BREAK_SPACE",
    "NO_BREAK_SPACE",
    "BasisWords",
    "french_amount",
    "year_span",
]


@attrs.frozen(kw_only=True)
class BasisWords:
    """The words of one basis.

    *qualifier* goes before an amount (``at least 48 000 000,00 €``); *bound* says what the
    amount then is (``floor``); *label* is the basis on its own, in a table cell (``at least
    (floor)``); *french* goes before an amount in French (``au moins``).
    """

    qualifier: str
    bound: str
    label: str
    french: str


#: The words of every basis.
BASIS_WORDS: Mapping[Basis, BasisWords] = types.MappingProxyType(
    {
        Basis.AT_LEAST: BasisWords(
            qualifier="at least", bound="floor", label="at least (floor)", french="au moins"
        ),
        Basis.EXACTLY: BasisWords(
            qualifier="exactly", bound="exact sum", label="exactly", french="exactement"
        ),
        Basis.AT_MOST: BasisWords(
            qualifier="at most", bound="ceiling", label="at most (ceiling)", french="au plus"
        ),
    }
)

#: U+00A0: digits grouped with it stay on one line, in a table cell as in a sentence.
NO_BREAK_SPACE = "\u00a0"
#: U+202F, the narrow no-break space of French typography.
NARROW_NO_BREAK_SPACE = "\u202f"


def french_amount(
    value: Decimal | float, *, space: str = " ", euro: bool = True, places: int = 2
) -> str:
    """*value* written the French way: ``48 000 000,00 €``, as ``bassin-minier show`` does.

    The thousands are grouped by *space*, the decimal mark is a comma, and *places*
    decimals are written; with *euro*, *space* and the euro sign follow. The default space
    is the ordinary one (U+0020), so that any terminal or tool shows the text and finds it
    again; a no-break space (``"\\u00a0"``) keeps the figure whole where lines wrap, as in
    the HTML tables. An amount of the model is written exactly, with its two decimals (a
    `Decimal` never goes through a float); a float, which only a chart draws with, is
    rounded as Python rounds it. `bassin_minier.fr.parse_amount` reads the text back.

    >>> french_amount(Decimal("48000000.00"))
    '48 000 000,00 €'
    >>> french_amount(Decimal("1234.5"), space="\\u00a0")
    '1\\xa0234,50\\xa0€'
    >>> french_amount(2.5, euro=False, places=1)
    '2,5'
    """
    # One pass swaps both marks: the space given may be anything but a digit.
    text = f"{value:,.{places}f}".translate({ord(","): space, ord("."): ","})
    return f"{text}{space}€" if euro else text


def year_span(first: int, last: int) -> str:
    """The calendar years from *first* to *last* as people write them.

    >>> year_span(2019, 2021), year_span(2019, 2019)
    ('2019–2021', '2019')
    """
    return str(first) if first == last else f"{first}–{last}"
