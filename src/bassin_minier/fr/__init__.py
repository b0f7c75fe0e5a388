"""Reading the French of official texts: dates, amounts, signatories and amendments.

Press releases, deliberations and conventions write « le mercredi 10 juillet 2019 »,
« au minimum 48 millions d'euros » and « Michel Lalande, préfet de la région
Hauts-de-France, préfet du Nord ». These functions turn such pieces into exact values, or
raise a `ParseError` (a `ValueError` and a `bassin_minier.BassinMinierError`) saying why:
nothing is guessed.

This module is not imported by ``import bassin_minier``; import it explicitly:

>>> from bassin_minier import fr
>>> fr.parse_date("1er août 2019")
datetime.date(2019, 8, 1)
"""

from __future__ import annotations

from bassin_minier.fr._amendments import AmendmentFacts, DayWithoutYear, find_amendment_facts
from bassin_minier.fr._amounts import ParsedAmount, parse_amount
from bassin_minier.fr._dates import FrenchParserInfo, parse_date
from bassin_minier.fr._errors import ParseError
from bassin_minier.fr._find import Found, find_amounts, find_dates
from bassin_minier.fr._signatories import (
    Office,
    ParsedSignatory,
    parse_signatories,
    parse_signatory,
)

__all__ = [
    "AmendmentFacts",
    "DayWithoutYear",
    "Found",
    "FrenchParserInfo",
    "Office",
    "ParseError",
    "ParsedAmount",
    "ParsedSignatory",
    "find_amendment_facts",
    "find_amounts",
    "find_dates",
    "parse_amount",
    "parse_date",
    "parse_signatories",
    "parse_signatory",
]
