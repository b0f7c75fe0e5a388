"""The programme schema as msgspec Structs, validated as bassin_minier validates it.

Field patterns and bounds are msgspec constraints; what relates fields to one another is
checked in ``__post_init__``, which msgspec runs while decoding.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

from peers.rules import (
    MAX_AMOUNT,
    SIREN_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
    check_amendment,
    check_commitment,
    check_convention,
    check_indicator,
    check_match,
    check_number,
    check_party_codes,
    check_programme,
    check_ratio,
    check_territory_codes,
    check_tranche,
    check_unique,
    whole_cents,
)

__all__ = ["Programme", "dump", "load"]

Slug = Annotated[str, Meta(pattern=SLUG_PATTERN)]
Text = Annotated[str, Meta(pattern=TEXT_PATTERN)]
PartyKind = Literal[
    "state",
    "departement",
    "region",
    "commune",
    "epci",
    "other",
    "collectivite",
    "public_body",
    "association",
    "company",
]
ConventionKind = Literal[
    "departementale",
    "territoire_demonstrateur",
    "other",
    "metropolitaine",
    "regionale",
    "pacte_solidarites",
    "contrat_de_ville",
    "crte",
    "cper",
    "petites_villes_de_demain",
    "subvention",
]
Siren = Annotated[str, Meta(pattern=SIREN_PATTERN)]


def _amount(value: Decimal) -> None:
    if not (0 < value < MAX_AMOUNT and whole_cents(value)):
        raise ValueError("an amount must be positive, below 10^15 and in whole cents")


class _Model(Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    pass


class Period(_Model, kw_only=True):
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("the period ends before it starts")


class Territory(_Model, kw_only=True):
    code: Text
    name: Text
    kind: Literal["region", "departement", "commune", "epci", "area", "collectivite"]
    within: tuple[Text, ...] = ()

    def __post_init__(self) -> None:
        check_territory_codes(self.code, self.kind, self.within)


class Party(_Model, kw_only=True):
    id: Slug
    name: Text
    kind: PartyKind
    territory: Text | None = None
    siren: Siren | None = None

    def __post_init__(self) -> None:
        check_party_codes(self.territory, self.siren)


class Signatory(_Model, kw_only=True):
    name: Text
    role: Text
    party: Slug


class Participant(_Model, kw_only=True):
    name: Text
    role: Text


class Priority(_Model, kw_only=True):
    id: Slug
    label: Text
    themes: tuple[Text, ...] = ()

    def __post_init__(self) -> None:
        check_unique(list(self.themes), "theme")


class Tranche(_Model, kw_only=True):
    year: Annotated[int, Meta(ge=1, le=9999)]
    amount: Decimal
    convention: Slug
    spend_by: dt.date | None = None

    def __post_init__(self) -> None:
        _amount(self.amount)
        check_tranche(self)


class FundingCommitment(_Model, kw_only=True):
    id: Slug
    funder: Slug
    amount: Decimal
    basis: Literal["at_least", "exactly", "at_most"]
    period: Period
    conventions: tuple[Slug, ...] = ()
    priority: Slug | None = None
    tranches: tuple[Tranche, ...] = ()
    act: Slug | None = None
    revises: Slug | None = None
    co_funders: tuple[Slug, ...] = ()
    action: Slug | None = None

    def __post_init__(self) -> None:
        _amount(self.amount)
        check_commitment(self)


class Amendment(_Model, kw_only=True):
    id: Slug
    title: Text | None = None
    signed_on: dt.date | None = None
    signatories: tuple[Signatory, ...] = ()
    period: Period | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        check_amendment(self)


class Relation(_Model, kw_only=True):
    kind: Literal["succeeds", "implements", "integrates"]
    convention: Slug


class Action(_Model, kw_only=True):
    id: Slug
    label: Text
    priority: Slug | None = None
    lead: Slug | None = None
    description: Text | None = None


class Measure(_Model, kw_only=True):
    year: Annotated[int, Meta(ge=1, le=9999)]
    value: Decimal

    def __post_init__(self) -> None:
        check_number(self.value)


class Indicator(_Model, kw_only=True):
    id: Slug
    label: Text
    unit: Text
    action: Slug | None = None
    baseline: Measure | None = None
    targets: tuple[Measure, ...] = ()
    results: tuple[Measure, ...] = ()

    def __post_init__(self) -> None:
        check_indicator(self)


class Match(_Model, kw_only=True):
    id: Slug
    commitment: Slug
    by: tuple[Slug, ...]
    ratio: Decimal
    basis: Literal["at_least", "exactly", "at_most"]

    def __post_init__(self) -> None:
        check_ratio(self.ratio)
        check_match(self)


class Payment(_Model, kw_only=True):
    commitment: Slug
    year: Annotated[int, Meta(ge=1, le=9999)]
    amount: Decimal
    convention: Slug | None = None
    paid_on: dt.date | None = None

    def __post_init__(self) -> None:
        _amount(self.amount)


class Convention(_Model, kw_only=True):
    id: Slug
    title: Text
    kind: ConventionKind
    territory: Territory
    parties: tuple[Party, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    participants: tuple[Participant, ...] = ()
    priorities: tuple[Priority, ...] = ()
    period: Period
    signed_on: dt.date | None = None
    signed_at: Text | None = None
    event: Text | None = None
    amendments: tuple[Amendment, ...] = ()
    related: tuple[Relation, ...] = ()
    actions: tuple[Action, ...] = ()
    indicators: tuple[Indicator, ...] = ()

    def __post_init__(self) -> None:
        check_convention(self)


class Strategy(_Model, kw_only=True):
    name: Text
    presented_on: dt.date | None = None
    axes: tuple[Priority, ...] = ()

    def __post_init__(self) -> None:
        check_unique([a.id for a in self.axes], "axis")


class Milestone(_Model, kw_only=True):
    on: dt.date
    label: Text


class Programme(_Model, kw_only=True):
    id: Slug
    name: Text
    period: Period
    strategy: Strategy | None = None
    conventions: tuple[Convention, ...] = ()
    commitments: tuple[FundingCommitment, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    partners: tuple[Party, ...] = ()
    matches: tuple[Match, ...] = ()
    payments: tuple[Payment, ...] = ()

    def __post_init__(self) -> None:
        check_programme(self)


_DECODER = msgspec.json.Decoder(Programme)
_ENCODER = msgspec.json.Encoder(decimal_format="string")


def load(text: str) -> Programme:
    return _DECODER.decode(text)


def dump(programme: Programme) -> str:
    return _ENCODER.encode(programme).decode("utf-8")
