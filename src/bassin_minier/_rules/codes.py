"""Official codes: INSEE COG territory codes and SIREN company numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bassin_minier._base.shown import shown
from bassin_minier._rules.text import SLUG_PATTERN

__all__ = [
    "ANY_CODE_PATTERNS",
    "COLLECTIVITE_CODES",
    "COLLECTIVITE_CODES_TEXT",
    "COLLECTIVITE_PATTERN",
    "COMMUNE_PATTERN",
    "DEPARTEMENT_CODES",
    "DEPARTEMENT_CODES_TEXT",
    "DEPARTEMENT_PATTERN",
    "REGION_PATTERN",
    "SIREN_PATTERN",
    "any_code_problem",
    "is_any_code",
    "luhn_check_digit",
    "luhn_checksum",
    "siren_problem",
]

#: Every département code of the COG: 01–19, 21–95, Corsica's 2A and 2B, 971–974 and 976.
DEPARTEMENT_CODES: tuple[str, ...] = (
    # Corsica has been two départements since 1976, 2A and 2B, so there is no 20.
    *(f"{n:02d}" for n in (*range(1, 20), *range(21, 96))),
    "2A",
    "2B",
    # The overseas départements; 975 was Saint-Pierre-et-Miquelon, no longer one.
    *(str(n) for n in (971, 972, 973, 974, 976)),
)


def _pattern_of(codes: Iterable[str]) -> str:
    """A pattern matching exactly *codes* (letters and digits).

    Codes that differ only in their last character share a branch (``9[012345]``): a dozen
    branches rather than a hundred compile and match several times faster.
    """
    endings: dict[str, str] = {}
    for code in codes:
        endings[code[:-1]] = endings.get(code[:-1], "") + code[-1]
    return f"^(?:{'|'.join(f'{head}[{last}]' for head, last in endings.items())})$"


def _spans_of(codes: Iterable[str]) -> str:
    """*codes* as a reader would list them, runs of consecutive numbers as ranges."""
    runs: list[list[str]] = []
    for code in codes:
        last = runs[-1][-1] if runs else ""
        follows = code.isdigit() and last.isdigit() and len(code) == len(last)
        if follows and int(code) == int(last) + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    spans = [repr(run[0]) if len(run) == 1 else f"{run[0]!r}–{run[-1]!r}" for run in runs]
    return ", ".join(spans[:-1]) + " or " + spans[-1] if len(spans) > 1 else spans[0]


#: A région code: two digits.
REGION_PATTERN = r"^[0-9]{2}$"
#: A département code: one of `DEPARTEMENT_CODES`.
DEPARTEMENT_PATTERN = _pattern_of(DEPARTEMENT_CODES)
#: What a département code may be, in the words of a message.
DEPARTEMENT_CODES_TEXT = _spans_of(DEPARTEMENT_CODES)
# Five characters: the département's two (or 2A/2B), then three; overseas 97x + two.
#: A commune code.
COMMUNE_PATTERN = r"^(?:[0-9]{2}|2A|2B)[0-9]{3}$"

#: The COG codes of the collectivités à statut particulier: the code of the territory
#: they stand for followed by a letter for their status.
COLLECTIVITE_CODES: tuple[str, ...] = (
    "20R",  # Collectivité de Corse
    "69M",  # Métropole de Lyon
    "6AE",  # Collectivité européenne d'Alsace
    "75C",  # Ville de Paris
    "972R",  # Collectivité territoriale unique de La Martinique
    "973R",  # Collectivité territoriale unique de La Guyane
)
#: A collectivité code: one of `COLLECTIVITE_CODES`.
COLLECTIVITE_PATTERN = _pattern_of(COLLECTIVITE_CODES)
#: What a collectivité code may be, in the words of a message.
COLLECTIVITE_CODES_TEXT = _spans_of(COLLECTIVITE_CODES)

#: Nine digits; the checksum is not expressible as a pattern.
SIREN_PATTERN = r"^[0-9]{9}$"
_SIREN = re.compile(SIREN_PATTERN)

#: Every shape of code a territory may have: the official ones, a SIREN for an EPCI, and
#: a slug for an area, which has none.
ANY_CODE_PATTERNS = (
    REGION_PATTERN,
    DEPARTEMENT_PATTERN,
    COMMUNE_PATTERN,
    SIREN_PATTERN,
    SLUG_PATTERN,
    COLLECTIVITE_PATTERN,
)
# Any kind of code, in one match.
_ANY_CODE = re.compile("|".join(f"(?:{pattern})" for pattern in ANY_CODE_PATTERNS))


def siren_problem(siren: str) -> str | None:
    """Why *siren* is not a valid SIREN number, or None when it is."""
    if not _SIREN.fullmatch(siren):
        return f"is not a SIREN: expected 9 digits, got {shown(siren)}"
    if luhn_checksum(siren):
        return f"is not a SIREN: {siren!r} fails the Luhn checksum"
    return None


def luhn_checksum(digits: str) -> int:
    """The Luhn sum of *digits* modulo 10: 0 when their last digit is their check digit.

    From the right, every second digit is doubled (less 9 when that is more than 9).

    >>> luhn_checksum("225900018"), luhn_checksum("225900017")
    (0, 9)
    """
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10


def luhn_check_digit(body: str) -> str:
    """The digit that, written after *body*, makes a number that passes the Luhn checksum.

    >>> luhn_check_digit("22590001")
    '8'
    """
    # A 0 in the check digit's place puts every digit of the body where it will stand; the
    # check digit is not doubled, so it is what brings the sum up to a multiple of 10.
    return str(-luhn_checksum(body + "0") % 10)


#: Whether a str is the code of some kind of territory (the fast check).
is_any_code = _ANY_CODE.fullmatch


def any_code_problem(code: str) -> str | None:
    """Why *code* is not the code of any kind of territory, or None when it is one."""
    if is_any_code(code):
        return None
    return (
        f"is not a territory code: expected a COG code (région, département, commune, "
        f"EPCI, collectivité) or an area slug, got {shown(code)}"
    )
