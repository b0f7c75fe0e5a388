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
    check_breakdown,
    check_party_codes,
    check_territory_codes,
    check_unique,
)

__all__ = ["Programme", "dump", "load"]

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
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
    kind: Literal["region", "departement", "commune", "epci", "area"]
    within: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _codes(self) -> Territory:
        check_territory_codes(self.code, self.kind, self.within)
        return self


class Party(_Model):
    id: Slug
    name: Text
    kind: Literal["state", "departement", "region", "commune", "epci", "other"]
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


class FundingCommitment(_Model):
    id: Slug
    funder: Slug
    amount: Amount
    basis: Literal["at_least", "exactly", "at_most"]
    period: Period
    conventions: tuple[Slug, ...] = ()
    priority: Slug | None = None
    tranches: tuple[Tranche, ...] = ()

    @model_validator(mode="after")
    def _breakdown(self) -> FundingCommitment:
        covered = set(self.conventions)
        check_unique(list(self.conventions), "convention")
        check_unique([(t.year, t.convention) for t in self.tranches], "tranche")
        for tranche in self.tranches:
            if not self.period.start.year <= tranche.year <= self.period.end.year:
                raise ValueError("a tranche falls outside the commitment's years")
            if tranche.convention not in covered:
                raise ValueError("a tranche goes through a convention not covered")
        if self.tranches:
            check_breakdown(self.basis, self.amount, sum(t.amount for t in self.tranches))
        return self


class Convention(_Model):
    id: Slug
    title: Text
    kind: Literal["departementale", "territoire_demonstrateur", "other"]
    territory: Territory
    parties: tuple[Party, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    participants: tuple[Participant, ...] = ()
    priorities: tuple[Priority, ...] = ()
    period: Period
    signed_on: dt.date | None = None
    signed_at: Text | None = None
    event: Text | None = None

    @model_validator(mode="after")
    def _references(self) -> Convention:
        party_ids = [p.id for p in self.parties]
        check_unique(party_ids, "party")
        check_unique([p.id for p in self.priorities], "priority")
        check_unique([(s.name, s.party) for s in self.signatories], "signatory")
        check_unique([p.name for p in self.participants], "participant")
        known = set(party_ids)
        for signatory in self.signatories:
            if signatory.party not in known:
                raise ValueError("a signatory signs for a party not in the convention")
        if self.signed_on is not None and self.signed_on > self.period.end:
            raise ValueError("signed after the period ends")
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

    @model_validator(mode="after")
    def _references(self) -> Programme:
        by_id = {c.id: c for c in self.conventions}
        if len(by_id) != len(self.conventions):
            raise ValueError("a convention id is listed twice")
        check_unique([c.id for c in self.commitments], "commitment")
        check_unique([(m.on, m.label) for m in self.milestones], "milestone")
        parties: dict[str, Party] = {}
        for convention in self.conventions:
            _within(convention.period, self.period)
            for party in convention.parties:
                if parties.setdefault(party.id, party) != party:
                    raise ValueError("a party is described differently")
        for commitment in self.commitments:
            _within(commitment.period, self.period)
            for convention_id in commitment.conventions:
                convention = by_id.get(convention_id)
                if convention is None:
                    raise ValueError("a commitment covers an unknown convention")
                if all(p.id != commitment.funder for p in convention.parties):
                    raise ValueError("the funder is not a party to a covered convention")
                if commitment.priority is not None and all(
                    p.id != commitment.priority for p in convention.priorities
                ):
                    raise ValueError("the priority is not one of a covered convention")
        return self


def _within(inner: Period, outer: Period) -> None:
    if not (outer.start <= inner.start and inner.end <= outer.end):
        raise ValueError("a period goes beyond the programme's")


def load(text: str) -> Programme:
    return Programme.model_validate_json(text)


def dump(programme: Programme) -> str:
    return programme.model_dump_json()
