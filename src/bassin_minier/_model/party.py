"""Who takes part in a convention: `Party`, `Signatory` and `Participant`."""

from __future__ import annotations

from typing import ClassVar

import attrs

from bassin_minier._model import coerce as _coerce
from bassin_minier._model.enums import PartyKind
from bassin_minier._rules.fields import (
    OPTIONAL_SIREN,
    OPTIONAL_TERRITORY_CODE,
    SLUG,
    TEXT,
    Rules,
    member_of,
)

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

    _rules: ClassVar[Rules] = Rules(
        id=SLUG,
        name=TEXT,
        kind=member_of(PartyKind),
        territory=OPTIONAL_TERRITORY_CODE,
        siren=OPTIONAL_SIREN,
    )
    __attrs_post_init__ = _rules.post_init()


@attrs.frozen(kw_only=True)
class Signatory:
    """A person who signs a convention in the name of one of its parties.

    *party* is the `Party.id` of the party represented.
    """

    name: str
    role: str
    party: str

    _rules: ClassVar[Rules] = Rules(name=TEXT, role=TEXT, party=SLUG)
    __attrs_post_init__ = _rules.post_init()


@attrs.frozen(kw_only=True)
class Participant:
    """A person present at the signature who does not sign."""

    name: str
    role: str

    _rules: ClassVar[Rules] = Rules(name=TEXT, role=TEXT)
    __attrs_post_init__ = _rules.post_init()
