"""French State–local authority agreements ("conventions") as typed, validated data.

Build objects in Python or read them from JSON; either way an invalid object cannot
exist, and a valid one survives every round trip exactly.

>>> import bassin_minier as bm
>>> programme = bm.datasets.bassin_minier_2019()
>>> programme.commitment("etat-2019-2021").amount
Decimal('48000000.00')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bassin_minier._base.errors import (
    BassinMinierError,
    FileError,
    FormatVersionError,
    MalformedDocumentError,
    UnknownIdError,
    ValidationError,
    Violation,
)
from bassin_minier._io.documents import (
    FORMAT_VERSION,
    SUPPORTED_FORMAT_VERSIONS,
    from_dict,
    from_json,
    load,
    save,
    to_dict,
    to_json,
)
from bassin_minier._model.action import Action
from bassin_minier._model.amendment import Amendment
from bassin_minier._model.convention import Convention
from bassin_minier._model.enums import (
    Basis,
    ConventionKind,
    PartyKind,
    RelationKind,
    TerritoryKind,
)
from bassin_minier._model.funding import FundingCommitment, Tranche
from bassin_minier._model.indicator import Indicator, Measure
from bassin_minier._model.match import Match
from bassin_minier._model.party import Participant, Party, Signatory
from bassin_minier._model.payment import Payment
from bassin_minier._model.period import Period
from bassin_minier._model.priority import Priority
from bassin_minier._model.programme import Milestone, Programme, Strategy
from bassin_minier._model.relation import Relation
from bassin_minier._model.territory import Territory
from bassin_minier._rules.catalogue import RULES, Rule
from bassin_minier._version import __version__

if TYPE_CHECKING:
    from bassin_minier import datasets
    from bassin_minier._base.changes import Change
    from bassin_minier._io.schema import json_schema
    from bassin_minier._model.changes import diff
    from bassin_minier.analysis._gaps import Gap, gaps

# Loaded on first use: a program that only reads and writes documents never needs them.
_ON_DEMAND = {
    "Change": "bassin_minier._base.changes",
    "Gap": "bassin_minier.analysis._gaps",
    "datasets": "bassin_minier",
    "diff": "bassin_minier._model.changes",
    "gaps": "bassin_minier.analysis._gaps",
    "json_schema": "bassin_minier._io.schema",
}

__all__ = [
    "FORMAT_VERSION",
    "RULES",
    "SUPPORTED_FORMAT_VERSIONS",
    "Action",
    "Amendment",
    "Basis",
    "BassinMinierError",
    "Change",
    "Convention",
    "ConventionKind",
    "FileError",
    "FormatVersionError",
    "FundingCommitment",
    "Gap",
    "Indicator",
    "MalformedDocumentError",
    "Match",
    "Measure",
    "Milestone",
    "Participant",
    "Party",
    "PartyKind",
    "Payment",
    "Period",
    "Priority",
    "Programme",
    "Relation",
    "RelationKind",
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
    "diff",
    "from_dict",
    "from_json",
    "gaps",
    "json_schema",
    "load",
    "save",
    "to_dict",
    "to_json",
]


def __getattr__(name: str) -> Any:
    home = _ON_DEMAND.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module  # noqa: PLC0415 - on demand, like the names

    value = (
        getattr(import_module(home), name) if home != __name__ else import_module(f"{home}.{name}")
    )
    globals()[name] = value  # later look-ups find it without this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_ON_DEMAND})
