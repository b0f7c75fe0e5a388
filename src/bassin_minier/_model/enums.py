"""The closed vocabularies of the domain; each value is the string used in JSON."""

from __future__ import annotations

import enum

__all__ = ["Basis", "ConventionKind", "PartyKind", "TerritoryKind"]


class _Vocabulary(str, enum.Enum):
    # A str mixin so that members compare equal to their JSON value and print as it.
    def __str__(self) -> str:
        return str(self.value)


class TerritoryKind(_Vocabulary):
    """The level of a territory in the official geography (INSEE COG), or a free area."""

    REGION = "region"
    DEPARTEMENT = "departement"
    COMMUNE = "commune"
    EPCI = "epci"
    #: A territory with no official code of its own, such as the mining basin.
    AREA = "area"


class PartyKind(_Vocabulary):
    """What kind of body a party to a convention is."""

    STATE = "state"
    DEPARTEMENT = "departement"
    REGION = "region"
    COMMUNE = "commune"
    EPCI = "epci"
    OTHER = "other"


class ConventionKind(_Vocabulary):
    """The contractual frame a convention belongs to."""

    #: A State–département convention of the poverty strategy.
    DEPARTEMENTALE = "departementale"
    #: A convention of one of the ten « territoires démonstrateurs ».
    TERRITOIRE_DEMONSTRATEUR = "territoire_demonstrateur"
    OTHER = "other"


class Basis(_Vocabulary):
    """How a committed amount binds its funder."""

    #: A floor: the funder mobilises at least this much.
    AT_LEAST = "at_least"
    EXACTLY = "exactly"
    #: A ceiling: the funder mobilises at most this much.
    AT_MOST = "at_most"
