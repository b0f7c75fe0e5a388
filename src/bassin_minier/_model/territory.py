"""`Territory`: a place a convention applies to, named by its official code."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from bassin_minier._base.shown import shown
from bassin_minier._model import coerce as _coerce
from bassin_minier._model.enums import TerritoryKind
from bassin_minier._rules import codes
from bassin_minier._rules.checker import Checker, enforce
from bassin_minier._rules.codes import any_code_problem, is_any_code, siren_problem
from bassin_minier._rules.text import SLUG_PATTERN

__all__ = ["CODE_PATTERNS", "Territory", "code_problem"]

#: The shape of a territory code, for each kind of territory.
CODE_PATTERNS: dict[TerritoryKind, str] = {
    TerritoryKind.REGION: codes.REGION_PATTERN,
    TerritoryKind.DEPARTEMENT: codes.DEPARTEMENT_PATTERN,
    TerritoryKind.COMMUNE: codes.COMMUNE_PATTERN,
    TerritoryKind.EPCI: codes.SIREN_PATTERN,
    TerritoryKind.AREA: SLUG_PATTERN,
}

_EXPECTED = {
    TerritoryKind.REGION: "2 digits, like '32' for Hauts-de-France",
    TerritoryKind.DEPARTEMENT: codes.DEPARTEMENT_CODES_TEXT,
    TerritoryKind.COMMUNE: "5 characters, like '59350' or '2A004'",
    TerritoryKind.EPCI: "its 9-digit SIREN",
    TerritoryKind.AREA: "a slug, like 'bassin-minier'",
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


@attrs.frozen(kw_only=True)
class Territory:
    """A région, département, commune, EPCI or free area.

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

    def __attrs_post_init__(self) -> None:
        enforce(self._rules, self)

    @staticmethod
    def _rules(check: Checker, territory: Territory) -> None:
        kind_ok = check.member("$.kind", territory.kind, TerritoryKind)
        if check.text("$.code", territory.code) and kind_ok:
            problem = code_problem(territory.kind, territory.code)
            if problem:
                check.fail("$.code", problem, "territory-code")
        check.text("$.name", territory.name)
        codes = check.items("$.within", territory.within, str)
        if codes is not None and _plainly_within(territory):
            return
        # Each code is judged on its own, so one bad code does not hide another.
        usable = [(i, code) for i, code in codes or () if check.text(f"$.within[{i}]", code)]
        for index, code in usable:
            path = f"$.within[{index}]"
            if code == territory.code:
                check.fail(path, f"a territory cannot lie within itself ({shown(code)})", "within")
            elif problem := any_code_problem(code):
                check.fail(path, problem, "territory-code")
        if codes is not None and len(usable) == len(codes):
            check.unique("$.within", usable, "territory code")


def _plainly_within(territory: Territory) -> bool:
    # The usual case, decided at once: distinct codes (codes are texts), none its own.
    within = territory.within
    return (
        all(map(is_any_code, within))
        and territory.code not in within
        and len(set(within)) == len(within)
    )
