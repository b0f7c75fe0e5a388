"""Who takes part in a convention: `Party`, `Signatory` and `Participant`."""

from __future__ import annotations

import attrs

from bassin_minier import _coerce
from bassin_minier._checker import Checker, enforce
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
        enforce(self._rules, self)

    @staticmethod
    def _rules(check: Checker, party: Party) -> None:
        check.slug("$.id", party.id)
        check.text("$.name", party.name)
        check.member("$.kind", party.kind, PartyKind)
        if check.text("$.territory", party.territory, optional=True):
            assert party.territory is not None
            if problem := any_code_problem(party.territory):
                check.fail("$.territory", problem, "territory-code")
        if check.text("$.siren", party.siren, optional=True):
            assert party.siren is not None
            if problem := siren_problem(party.siren):
                check.fail("$.siren", problem, "siren")


@attrs.frozen(kw_only=True)
class Signatory:
    """A person who signs a convention in the name of one of its parties.

    *party* is the `Party.id` of the party represented.
    """

    name: str
    role: str
    party: str

    def __attrs_post_init__(self) -> None:
        enforce(self._rules, self)

    @staticmethod
    def _rules(check: Checker, signatory: Signatory) -> None:
        check.text("$.name", signatory.name)
        check.text("$.role", signatory.role)
        check.slug("$.party", signatory.party)


@attrs.frozen(kw_only=True)
class Participant:
    """A person present at the signature who does not sign."""

    name: str
    role: str

    def __attrs_post_init__(self) -> None:
        enforce(self._rules, self)

    @staticmethod
    def _rules(check: Checker, participant: Participant) -> None:
        check.text("$.name", participant.name)
        check.text("$.role", participant.role)
