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
    check_breakdown,
    check_party_codes,
    check_territory_codes,
    check_unique,
    whole_cents,
)

__all__ = ["Programme", "dump", "load"]

Slug = Annotated[str, Meta(pattern=SLUG_PATTERN)]
Text = Annotated[str, Meta(pattern=TEXT_PATTERN)]
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
    kind: Literal["region", "departement", "commune", "epci", "area"]
    within: tuple[Text, ...] = ()

    def __post_init__(self) -> None:
        check_territory_codes(self.code, self.kind, self.within)


class Party(_Model, kw_only=True):
    id: Slug
    name: Text
    kind: Literal["state", "departement", "region", "commune", "epci", "other"]
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

    def __post_init__(self) -> None:
        _amount(self.amount)


class FundingCommitment(_Model, kw_only=True):
    id: Slug
    funder: Slug
    amount: Decimal
    basis: Literal["at_least", "exactly", "at_most"]
    period: Period
    conventions: tuple[Slug, ...] = ()
    priority: Slug | None = None
    tranches: tuple[Tranche, ...] = ()

    def __post_init__(self) -> None:
        _amount(self.amount)
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


class Convention(_Model, kw_only=True):
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

    def __post_init__(self) -> None:
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

    def __post_init__(self) -> None:
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


def _within(inner: Period, outer: Period) -> None:
    if not (outer.start <= inner.start and inner.end <= outer.end):
        raise ValueError("a period goes beyond the programme's")


_DECODER = msgspec.json.Decoder(Programme)
_ENCODER = msgspec.json.Encoder(decimal_format="string")


def load(text: str) -> Programme:
    return _DECODER.decode(text)


def dump(programme: Programme) -> str:
    return _ENCODER.encode(programme).decode("utf-8")
