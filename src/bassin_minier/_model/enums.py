"""The closed vocabularies of the domain; each value is the string used in JSON."""

from __future__ import annotations

import enum

__all__ = ["Basis", "ConventionKind", "PartyKind", "RelationKind", "TerritoryKind"]


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
    #: A collectivité à statut particulier, with its COG code: ``6AE`` (Alsace), ``69M``
    #: (Métropole de Lyon), ``20R`` (Corse), ``75C`` (Paris), ``972R``, ``973R``.
    COLLECTIVITE = "collectivite"


class PartyKind(_Vocabulary):
    """What kind of body a party to a convention is."""

    STATE = "state"
    DEPARTEMENT = "departement"
    REGION = "region"
    COMMUNE = "commune"
    EPCI = "epci"
    OTHER = "other"
    #: A collectivité à statut particulier: the Métropole de Lyon, Corse, Alsace…
    COLLECTIVITE = "collectivite"
    #: A public body that is not a local authority: a CAF, France Travail, the Caisse des
    #: dépôts, an agency.
    PUBLIC_BODY = "public_body"
    ASSOCIATION = "association"
    COMPANY = "company"


class ConventionKind(_Vocabulary):
    """The contractual frame a convention belongs to."""

    #: A State–département convention of the poverty strategy.
    DEPARTEMENTALE = "departementale"
    #: A convention of one of the ten « territoires démonstrateurs ».
    TERRITOIRE_DEMONSTRATEUR = "territoire_demonstrateur"
    OTHER = "other"
    #: A State–métropole convention of the poverty strategy (open to métropoles from 2020).
    METROPOLITAINE = "metropolitaine"
    #: A State–région convention of the poverty strategy (open to régions from 2020).
    REGIONALE = "regionale"
    #: A pacte local des solidarités, the successor of the poverty conventions (2024–2027).
    PACTE_SOLIDARITES = "pacte_solidarites"
    #: A contrat de ville of the urban policy.
    CONTRAT_DE_VILLE = "contrat_de_ville"
    #: A contrat de relance et de transition écologique.
    CRTE = "crte"
    #: A contrat de plan État–région.
    CPER = "cper"
    #: A convention of the Petites villes de demain programme.
    PETITES_VILLES_DE_DEMAIN = "petites_villes_de_demain"
    #: A grant agreement (convention de subvention).
    SUBVENTION = "subvention"


class Basis(_Vocabulary):
    """How a committed amount binds its funder."""

    #: A floor: the funder mobilises at least this much.
    AT_LEAST = "at_least"
    EXACTLY = "exactly"
    #: A ceiling: the funder mobilises at most this much.
    AT_MOST = "at_most"


class RelationKind(_Vocabulary):
    """How a convention stands to another one of its programme (`Relation`)."""

    #: It takes over from the other, which has ended: a pacte des solidarités after a
    #: poverty-plan convention.
    SUCCEEDS = "succeeds"
    #: It carries out, locally, what the other sets out.
    IMPLEMENTS = "implements"
    #: It takes the other in, as one of its parts.
    INTEGRATES = "integrates"
