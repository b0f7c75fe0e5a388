"""French State–local authority agreements ("conventions") as typed, validated data.

Build objects in Python or read them from JSON; either way an invalid object cannot
exist, and a valid one survives every round trip exactly.

>>> import bassin_minier as bm
>>> programme = bm.datasets.bassin_minier_2019()
>>> programme.commitment("etat-2019-2021").amount
Decimal('48000000.00')
"""

from bassin_minier import datasets
from bassin_minier._convention import Convention
from bassin_minier._enums import Basis, ConventionKind, PartyKind, TerritoryKind
from bassin_minier._errors import (
    BassinMinierError,
    FileError,
    FormatVersionError,
    MalformedDocumentError,
    UnknownIdError,
    ValidationError,
    Violation,
)
from bassin_minier._funding import FundingCommitment, Tranche
from bassin_minier._gaps import Gap, gaps
from bassin_minier._json import (
    FORMAT_VERSION,
    SUPPORTED_FORMAT_VERSIONS,
    from_dict,
    from_json,
    load,
    save,
    to_dict,
    to_json,
)
from bassin_minier._party import Participant, Party, Signatory
from bassin_minier._period import Period
from bassin_minier._priority import Priority
from bassin_minier._programme import Milestone, Programme, Strategy
from bassin_minier._rules import RULES, Rule
from bassin_minier._schema import json_schema
from bassin_minier._territory import Territory
from bassin_minier._version import __version__

__all__ = [
    "FORMAT_VERSION",
    "RULES",
    "SUPPORTED_FORMAT_VERSIONS",
    "Basis",
    "BassinMinierError",
    "Convention",
    "ConventionKind",
    "FileError",
    "FormatVersionError",
    "FundingCommitment",
    "Gap",
    "MalformedDocumentError",
    "Milestone",
    "Participant",
    "Party",
    "PartyKind",
    "Period",
    "Priority",
    "Programme",
    "Rule",
    "Signatory",
    "Strategy",
    "Territory",
    "TerritoryKind",
    "Tranche",
    "UnknownIdError",
    "ValidationError",
    "Violation",
    "__version__",
    "datasets",
    "from_dict",
    "from_json",
    "gaps",
    "json_schema",
    "load",
    "save",
    "to_dict",
    "to_json",
]
