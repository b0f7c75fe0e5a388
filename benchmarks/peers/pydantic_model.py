"""The programme schema as pydantic v2 models, validated as bassin_minier validates it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

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
)

__all__ = ["Programme", "dump", "load"]

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
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
Siren = Annotated[str, StringConstraints(pattern=SIREN_PATTERN)]
Amount = Annotated[Decimal, Field(gt=0, lt=MAX_AMOUNT, decimal_places=2)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(_Model):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError("the period ends before it starts")
        return self


class Territory(_Model):
    code: Text
    name: Text
    kind: Literal["region", "departement", "commune", "epci", "area", "collectivite"]
    within: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _codes(self) -> Territory:
        check_territory_codes(self.code, self.kind, self.within)
        return self


class Party(_Model):
    id: Slug
    name: Text
    kind: PartyKind
    territory: Text | None = None
    siren: Siren | None = None

    @model_validator(mode="after")
    def _codes(self) -> Party:
        check_party_codes(self.territory, self.siren)
        return self


class Signatory(_Model):
    name: Text
    role: Text
    party: Slug


class Participant(_Model):
    name: Text
    role: Text


class Priority(_Model):
    id: Slug
    label: Text
    themes: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _themes(self) -> Priority:
        check_unique(list(self.themes), "theme")
        return self


class Tranche(_Model):
    year: Annotated[int, Field(ge=1, le=9999)]
    amount: Amount
    convention: Slug
    spend_by: dt.date | None = None

    @model_validator(mode="after")
    def _spent(self) -> Tranche:
        check_tranche(self)
        return self


class FundingCommitment(_Model):
    id: Slug
    funder: Slug
    amount: Amount
    basis: Literal["at_least", "exactly", "at_most"]
    period: Period
    conventions: tuple[Slug, ...] = ()
    priority: Slug | None = None
    tranches: tuple[Tranche, ...] = ()
    act: Slug | None = None
    revises: Slug | None = None
    co_funders: tuple[Slug, ...] = ()
    action: Slug | None = None

    @model_validator(mode="after")
    def _references(self) -> FundingCommitment:
        check_commitment(self)
        return self


class Amendment(_Model):
    id: Slug
    title: Text | None = None
    signed_on: dt.date | None = None
    signatories: tuple[Signatory, ...] = ()
    period: Period | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _signed(self) -> Amendment:
        check_amendment(self)
        return self


class Relation(_Model):
    kind: Literal["succeeds", "implements", "integrates"]
    convention: Slug


class Action(_Model):
    id: Slug
    label: Text
    priority: Slug | None = None
    lead: Slug | None = None
    description: Text | None = None


class Measure(_Model):
    year: Annotated[int, Field(ge=1, le=9999)]
    value: Decimal

    @model_validator(mode="after")
    def _value(self) -> Measure:
        check_number(self.value)
        return self


class Indicator(_Model):
    id: Slug
    label: Text
    unit: Text
    action: Slug | None = None
    baseline: Measure | None = None
    targets: tuple[Measure, ...] = ()
    results: tuple[Measure, ...] = ()

    @model_validator(mode="after")
    def _years(self) -> Indicator:
        check_indicator(self)
        return self


class Match(_Model):
    id: Slug
    commitment: Slug
    by: tuple[Slug, ...]
    ratio: Decimal
    basis: Literal["at_least", "exactly", "at_most"]

    @model_validator(mode="after")
    def _ratio(self) -> Match:
        check_ratio(self.ratio)
        check_match(self)
        return self


class Payment(_Model):
    commitment: Slug
    year: Annotated[int, Field(ge=1, le=9999)]
    amount: Amount
    convention: Slug | None = None
    paid_on: dt.date | None = None


class Convention(_Model):
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

    @model_validator(mode="after")
    def _references(self) -> Convention:
        check_convention(self)
        return self


class Strategy(_Model):
    name: Text
    presented_on: dt.date | None = None
    axes: tuple[Priority, ...] = ()

    @model_validator(mode="after")
    def _axes(self) -> Strategy:
        check_unique([a.id for a in self.axes], "axis")
        return self


class Milestone(_Model):
    on: dt.date
    label: Text


class Programme(_Model):
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

    @model_validator(mode="after")
    def _references(self) -> Programme:
        check_programme(self)
        return self


def load(text: str) -> Programme:
    return Programme.model_validate_json(text)


def dump(programme: Programme) -> str:
    return programme.model_dump_json()
