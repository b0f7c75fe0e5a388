"""The COG tables read from the package, the look-ups over them and the opt-in geography check."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from typing import Final, TypeVar

import attrs

from bassin_minier._base import paths
from bassin_minier._base.errors import UnknownIdError, Violation
from bassin_minier._base.shown import shown
from bassin_minier._model.convention import Convention
from bassin_minier._model.enums import PartyKind, TerritoryKind
from bassin_minier._model.party import Party
from bassin_minier._model.programme import Programme
from bassin_minier._model.territory import Territory
from bassin_minier._rules.catalogue import Rule
from bassin_minier._rules.text import folded

__all__ = [
    "COG_CODE",
    "COG_NAME",
    "GEOGRAPHY_RULES",
    "Departement",
    "Region",
    "departement",
    "departements",
    "name_key",
    "region",
    "regions",
    "validate_geography",
]

#: The name of each rule of the geography check, as `Violation.rule` holds it.
COG_CODE: Final = "cog-code"
COG_NAME: Final = "cog-name"

#: The rules `validate_geography` checks. They are not part of `bassin_minier.RULES`
#: because building an object never enforces them: a territory may be named as its
#: source names it, and the official tables change from year to year.
GEOGRAPHY_RULES: tuple[Rule, ...] = (
    Rule(COG_CODE, "a région or département code names one in the official geography"),
    Rule(COG_NAME, "a région or département carries its official name, spelt exactly"),
)


R = TypeVar("R", "Region", "Departement")


@attrs.frozen
class Region:
    """A région of the COG: its code (``"32"``) and official name (``"Hauts-de-France"``)."""

    code: str
    name: str

    def departements(self) -> tuple[Departement, ...]:
        """The départements of this région, in code order."""
        return tuple(d for d in departements() if d.region == self.code)

    def territory(self) -> Territory:
        """This région as a `Territory`."""
        return Territory(code=self.code, name=self.name, kind=TerritoryKind.REGION)


@attrs.frozen
class Departement:
    """A département of the COG: code, official name and the code of its *region*.

    >>> departement("2A")
    Departement(code='2A', name='Corse-du-Sud', region='94')
    """

    code: str
    name: str
    region: str

    def territory(self) -> Territory:
        """This département as a `Territory` lying within its région.

        >>> departement("62").territory()
        Territory(code='62', name='Pas-de-Calais', kind=<TerritoryKind.DEPARTEMENT: \
'departement'>, within=('32',))
        """
        return Territory(
            code=self.code, name=self.name, kind=TerritoryKind.DEPARTEMENT, within=(self.region,)
        )


@attrs.frozen
class _Tables:
    regions: tuple[Region, ...]
    departements: tuple[Departement, ...]
    region_index: dict[str, Region]
    departement_index: dict[str, Departement]


_SEPARATORS = re.compile(r"[\s'’\-]+")
# A leading article is not part of how people refer to a département: « la Somme »,
# « l'Aisne », « les Landes » name the same places as « Somme », « Aisne », « Landes ».
_ARTICLE = re.compile(r"^(?:le|la|les|l) ")


def name_key(name: str) -> str:
    """*name* reduced for comparison: no accents, case, hyphens or apostrophes.

    >>> name_key("Côte-d’Or") == name_key("cote d'or")
    True
    """
    return _SEPARATORS.sub(" ", folded(name)).strip()


def _keys(code: str, name: str) -> Iterator[str]:
    yield code
    key = name_key(name)
    yield key
    yield _ARTICLE.sub("", key)


@functools.cache
def _tables() -> _Tables:
    from importlib import resources  # noqa: PLC0415 - only when the tables are asked for

    text = resources.files(__package__).joinpath("cog.json").read_text(encoding="utf-8")
    data = json.loads(text)
    regions = tuple(Region(code=r["code"], name=r["name"]) for r in data["regions"])
    departements = tuple(
        Departement(code=d["code"], name=d["name"], region=d["region"])
        for d in data["departements"]
    )
    region_index = {key: r for r in regions for key in _keys(r.code, r.name)}
    departement_index = {key: d for d in departements for key in _keys(d.code, d.name)}
    return _Tables(regions, departements, region_index, departement_index)


def regions() -> tuple[Region, ...]:
    """The 18 régions, in code order."""
    return _tables().regions


def departements() -> tuple[Departement, ...]:
    """The 101 départements, in code order (``2A`` and ``2B`` after ``19``)."""
    return _tables().departements


def region(key: str) -> Region:
    """The région whose code or name is *key* (names without regard to accents or case).

    Raises `bassin_minier.UnknownIdError` (a `KeyError`) when there is none.

    >>> region("hauts de france").code
    '32'
    """
    return _lookup(_tables().region_index, key, "région")


def departement(key: str) -> Departement:
    """The département whose code or name is *key* (names without regard to accents or case).

    Raises `bassin_minier.UnknownIdError` (a `KeyError`) when there is none.

    >>> departement("Finistere").code
    '29'
    >>> departement("20")
    Traceback (most recent call last):
    ...
    bassin_minier._base.errors.UnknownIdError: no département '20' in the COG 2025 tables
    """
    return _lookup(_tables().departement_index, key, "département")


def _lookup(index: dict[str, R], key: str, what: str) -> R:
    if not isinstance(key, str):
        raise TypeError(f"a {what} is looked up by its code or name (a str), got {key!r}")
    found = index.get(key.strip().upper()) or index.get(name_key(key))
    if found is None:
        raise UnknownIdError(f"no {what} {shown(key)} in the COG 2025 tables")
    return found


def validate_geography(obj: object) -> tuple[Violation, ...]:
    """The violations of the official geography in *obj*, each with its path.

    Looks at every région and département in a `Programme`, `Convention`, `Territory` or
    `Party`: a territory must use a code of the COG and its official name, spelt exactly; a
    party of kind région or département must speak for a code of that level. Communes,
    EPCIs and areas are not in the tables and pass. Nothing raises; other objects have
    nothing to check.

    >>> from bassin_minier import Territory
    >>> for violation in validate_geography(
    ...     Territory(code="62", name="Pas de Calais", kind="departement")
    ... ):
    ...     print(violation.rule, violation.path)
    ...     print(violation.message)
    cog-name $.name
    the official name of département '62' is 'Pas-de-Calais', got 'Pas de Calais'
    """
    return tuple(_violations(obj, paths.ROOT))


def _violations(obj: object, path: str) -> Iterator[Violation]:
    if isinstance(obj, Programme):
        for index, convention in enumerate(obj.conventions):
            yield from _violations(convention, paths.item(paths.field(path, "conventions"), index))
    elif isinstance(obj, Convention):
        yield from _violations(obj.territory, paths.field(path, "territory"))
        for index, party in enumerate(obj.parties):
            yield from _violations(party, paths.item(paths.field(path, "parties"), index))
    elif isinstance(obj, Territory):
        yield from _territory(obj, path)
    elif isinstance(obj, Party):
        yield from _party(obj, path)


_LEVELS = {TerritoryKind.REGION: "région", TerritoryKind.DEPARTEMENT: "département"}


def _official(kind: TerritoryKind, code: str) -> Region | Departement | None:
    tables = _tables()
    index: dict[str, Region] | dict[str, Departement] = (
        tables.region_index if kind is TerritoryKind.REGION else tables.departement_index
    )
    # Only codes are looked up here: a name in place of a code is not a code.
    found = index.get(code)
    return found if found is not None and found.code == code else None


def _territory(territory: Territory, path: str) -> Iterator[Violation]:
    if territory.kind not in _LEVELS:
        return
    what = _LEVELS[territory.kind]
    official = _official(territory.kind, territory.code)
    if official is None:
        yield Violation(
            paths.field(path, "code"),
            f"there is no {what} {territory.code!r} in the COG 2025 tables",
            COG_CODE,
        )
    elif territory.name != official.name:
        yield Violation(
            paths.field(path, "name"),
            f"the official name of {what} {official.code!r} is {official.name!r}, "
            f"got {shown(territory.name)}",
            COG_NAME,
        )


_PARTY_LEVELS = {
    PartyKind.REGION: TerritoryKind.REGION,
    PartyKind.DEPARTEMENT: TerritoryKind.DEPARTEMENT,
}


def _party(party: Party, path: str) -> Iterator[Violation]:
    level = _PARTY_LEVELS.get(party.kind)
    if level is None or party.territory is None:
        return
    what = _LEVELS[level]
    official = _official(level, party.territory)
    if official is None:
        yield Violation(
            paths.field(path, "territory"),
            f"a party of kind {party.kind.value} speaks for a {what}, and there is no "
            f"{what} {party.territory!r} in the COG 2025 tables",
            COG_CODE,
        )
