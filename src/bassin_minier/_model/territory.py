"""`Territory`: a place a convention applies to, named by its official code."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

import attrs

from bassin_minier._base import paths
from bassin_minier._base.shown import shown
from bassin_minier._model import coerce as _coerce
from bassin_minier._model.enums import TerritoryKind
from bassin_minier._rules import codes
from bassin_minier._rules.catalogue import TERRITORY_CODE, WITHIN
from bassin_minier._rules.checker import Checker
from bassin_minier._rules.codes import any_code_problem, is_any_code, siren_problem
from bassin_minier._rules.fields import TEXT, Constraint, Rules, member_of
from bassin_minier._rules.text import SLUG_PATTERN

__all__ = ["CODE_PATTERNS", "Territory", "code_problem"]

#: The shape of a territory code, for each kind of territory.
CODE_PATTERNS: dict[TerritoryKind, str] = {
    TerritoryKind.REGION: codes.REGION_PATTERN,
    TerritoryKind.DEPARTEMENT: codes.DEPARTEMENT_PATTERN,
    TerritoryKind.COMMUNE: codes.COMMUNE_PATTERN,
    TerritoryKind.EPCI: codes.SIREN_PATTERN,
    TerritoryKind.AREA: SLUG_PATTERN,
    TerritoryKind.COLLECTIVITE: codes.COLLECTIVITE_PATTERN,
}

_EXPECTED = {
    TerritoryKind.REGION: "2 digits, like '32' for Hauts-de-France",
    TerritoryKind.DEPARTEMENT: codes.DEPARTEMENT_CODES_TEXT,
    TerritoryKind.COMMUNE: "5 characters, like '59350' or '2A004'",
    TerritoryKind.EPCI: "its 9-digit SIREN",
    TerritoryKind.AREA: "a slug, like 'bassin-minier'",
    TerritoryKind.COLLECTIVITE: codes.COLLECTIVITE_CODES_TEXT,
}

_CODES = {kind: re.compile(pattern) for kind, pattern in CODE_PATTERNS.items()}


def code_problem(kind: TerritoryKind, code: str) -> str | None:
    """Why *code* is not a valid code for a territory of *kind*, or None when it is."""
    if not _CODES[kind].fullmatch(code):
        return f"is not a {kind.value} code: expected {_EXPECTED[kind]}, got {shown(code)}"
    if kind is TerritoryKind.EPCI:
        return siren_problem(code)
    return None


def _codes(value: Sequence[str]) -> tuple[str, ...]:
    return _coerce.frozen(value)


_CODE = paths.field(paths.ROOT, "code")
_WITHIN = paths.field(paths.ROOT, "within")


def _code_fits_kind(check: Checker, territory: Territory) -> None:
    problem = code_problem(territory.kind, territory.code)
    if problem:
        check.fail(_CODE, problem, TERRITORY_CODE)


def _lies_within_others(check: Checker, territory: Territory) -> None:
    codes = check.items(_WITHIN, territory.within, str)
    if codes is not None and _plainly_within(territory):
        return
    # Each code is judged on its own, so one bad code does not hide another.
    usable = [(i, code) for i, code in codes or () if check.text(paths.item(_WITHIN, i), code)]
    for index, code in usable:
        path = paths.item(_WITHIN, index)
        if code == territory.code:
            check.fail(path, f"a territory cannot lie within itself ({shown(code)})", WITHIN)
        elif problem := any_code_problem(code):
            check.fail(path, problem, TERRITORY_CODE)
    if codes is not None and len(usable) == len(codes):
        check.unique(_WITHIN, usable, "territory code")


@attrs.frozen(kw_only=True)
class Territory:
    """A région, département, commune, EPCI, collectivité à statut particulier or free area.

    *code* follows the INSEE COG for its *kind* (an area, which has no official code, uses
    a slug); *within* lists the codes of the territories it lies in, wholly or partly.

    >>> nord = Territory(code="59", name="Nord", kind="departement", within=["32"])
    >>> nord.kind, nord.within
    (<TerritoryKind.DEPARTEMENT: 'departement'>, ('32',))
    """

    code: str
    name: str
    kind: TerritoryKind = attrs.field(converter=_coerce.territory_kind)
    within: tuple[str, ...] = attrs.field(default=(), converter=_codes)

    # The kind first: a code is judged against it. The codes it lies within are judged
    # against its own code.
    _rules: ClassVar[Rules] = Rules(
        kind=member_of(TerritoryKind),
        code=TEXT,
        name=TEXT,
        constraints=[
            Constraint(_code_fits_kind, needs=("kind", "code")),
            Constraint(_lies_within_others),
        ],
    )
    __attrs_post_init__ = _rules.post_init()


def _plainly_within(territory: Territory) -> bool:
    # The usual case, decided at once: distinct codes (codes are texts), none its own.
    within = territory.within
    return (
        all(map(is_any_code, within))
        and territory.code not in within
        and len(set(within)) == len(within)
    )
