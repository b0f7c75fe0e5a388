"""Who takes part in a convention: `Party`, `Signatory` and `Participant`."""

from __future__ import annotations

import attrs

from bassin_minier import _coerce
from bassin_minier._checker import Checker
from bassin_minier._codes import any_code_problem, siren_problem
from bassin_minier._enums import PartyKind

__all__ = ["Participant", "Party", "Signatory"]


@attrs.frozen(kw_only=True)
class Party:
    """A body bound by a convention: the State, a departmental council, a commune…

    *territory* is the code of the territory it speaks for, *siren* its company number.

    >>> party = Party(id="cd-nord", name="Conseil départemental du Nord",
    ...               kind="departement", territory="59")
    >>> party.kind
    <PartyKind.DEPARTEMENT: 'departement'>
    """

    id: str
    name: str
    kind: PartyKind = attrs.field(converter=_coerce.party_kind)
    territory: str | None = None
    siren: str | None = None

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.slug("$.id", self.id)
        check.text("$.name", self.name)
        check.member("$.kind", self.kind, PartyKind)
        if check.text("$.territory", self.territory, optional=True):
            assert self.territory is not None
            if problem := any_code_problem(self.territory):
                check.fail("$.territory", problem, "territory-code")
        if check.text("$.siren", self.siren, optional=True):
            assert self.siren is not None
            if problem := siren_problem(self.siren):
                check.fail("$.siren", problem, "siren")
        check.raise_if_any()


@attrs.frozen(kw_only=True)
class Signatory:
    """A person who signs a convention in the name of one of its parties.

    *party* is the `Party.id` of the party represented.
    """

    name: str
    role: str
    party: str

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.text("$.name", self.name)
        check.text("$.role", self.role)
        check.slug("$.party", self.party)
        check.raise_if_any()


@attrs.frozen(kw_only=True)
class Participant:
    """A person present at the signature who does not sign."""

    name: str
    role: str

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.text("$.name", self.name)
        check.text("$.role", self.role)
        check.raise_if_any()
