"""Official codes: INSEE COG territory codes and SIREN company numbers."""

from __future__ import annotations

import re

from bassin_minier._enums import TerritoryKind
from bassin_minier._text import SLUG_PATTERN, shown

__all__ = [
    "CODE_PATTERNS",
    "SIREN_PATTERN",
    "any_code_problem",
    "code_problem",
    "is_any_code",
    "siren_problem",
]

#: The shape of a territory code, for each kind of territory.
CODE_PATTERNS: dict[TerritoryKind, str] = {
    TerritoryKind.REGION: r"^[0-9]{2}$",
    # 01–19, 21–95 (Corsica is 2A and 2B since 1976, so no 20), then the overseas
    # départements 971–974 and 976 (975 was Saint-Pierre-et-Miquelon, no longer one).
    TerritoryKind.DEPARTEMENT: r"^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-46])$",
    # Five characters: the département's two (or 2A/2B), then three; overseas 97x + two.
    TerritoryKind.COMMUNE: r"^(?:[0-9]{2}|2A|2B)[0-9]{3}$",
    TerritoryKind.EPCI: r"^[0-9]{9}$",
    TerritoryKind.AREA: SLUG_PATTERN,
}

_EXPECTED = {
    TerritoryKind.REGION: "2 digits, like '32' for Hauts-de-France",
    TerritoryKind.DEPARTEMENT: "'01'–'19', '21'–'95', '2A', '2B', '971'–'974' or '976'",
    TerritoryKind.COMMUNE: "5 characters, like '59350' or '2A004'",
    TerritoryKind.EPCI: "its 9-digit SIREN",
    TerritoryKind.AREA: "a slug, like 'bassin-minier'",
}

_CODES = {kind: re.compile(pattern) for kind, pattern in CODE_PATTERNS.items()}
# Any kind of code, in one match.
_ANY_CODE = re.compile("|".join(f"(?:{pattern})" for pattern in CODE_PATTERNS.values()))

#: Nine digits; the checksum is not expressible as a pattern.
SIREN_PATTERN = r"^[0-9]{9}$"
_SIREN = re.compile(SIREN_PATTERN)


def code_problem(kind: TerritoryKind, code: str) -> str | None:
    """Why *code* is not a valid code for a territory of *kind*, or None when it is."""
    if not _CODES[kind].fullmatch(code):
        return f"is not a {kind.value} code: expected {_EXPECTED[kind]}, got {shown(code)}"
    if kind is TerritoryKind.EPCI:
        return siren_problem(code)
    return None


def siren_problem(siren: str) -> str | None:
    """Why *siren* is not a valid SIREN number, or None when it is."""
    if not _SIREN.fullmatch(siren):
        return f"is not a SIREN: expected 9 digits, got {shown(siren)}"
    if not _luhn_valid(siren):
        return f"is not a SIREN: {siren!r} fails the Luhn checksum"
    return None


def _luhn_valid(digits: str) -> bool:
    # Luhn: double every second digit from the right, sum the digits, divisible by 10.
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


#: Whether a str is the code of some kind of territory (the fast check).
is_any_code = _ANY_CODE.fullmatch


def any_code_problem(code: str) -> str | None:
    """Why *code* is not the code of any kind of territory, or None when it is one."""
    if is_any_code(code):
        return None
    return (
        f"is not a territory code: expected a COG code (région, département, commune, "
        f"EPCI) or an area slug, got {shown(code)}"
    )
