"""Patterns and checks both peers share, taken from bassin_minier itself.

Using the library's own patterns keeps the peers' field validation equal to ours: the
same text is accepted and refused, so the timings compare like with like.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from bassin_minier._model.enums import TerritoryKind
from bassin_minier._model.territory import code_problem
from bassin_minier._rules.codes import SIREN_PATTERN, any_code_problem, siren_problem
from bassin_minier._rules.money import AMOUNT_PATTERN, MAX_AMOUNT
from bassin_minier._rules.numbers import (
    number_problem,
    ratio_problem,
)
from bassin_minier._rules.text import SLUG_PATTERN, TEXT_PATTERN

__all__ = [
    "AMOUNT_PATTERN",
    "MAX_AMOUNT",
    "SIREN_PATTERN",
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "check_amendment",
    "check_breakdown",
    "check_commitment",
    "check_convention",
    "check_indicator",
    "check_match",
    "check_number",
    "check_party_codes",
    "check_programme",
    "check_ratio",
    "check_territory_codes",
    "check_tranche",
    "check_unique",
    "whole_cents",
]


def whole_cents(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and (
        exponent >= -2 or value == value.quantize(Decimal("0.01"))
    )


def check_unique(values: list[object], what: str) -> None:
    if len(set(values)) != len(values):
        raise ValueError(f"{what} listed twice")


def check_breakdown(basis: str, amount: Decimal, breakdown: Decimal) -> None:
    if basis == "at_least" and breakdown < amount:
        raise ValueError("the tranches fall short of the floor")
    if basis == "exactly" and breakdown != amount:
        raise ValueError("the tranches differ from the amount")
    if basis == "at_most" and breakdown > amount:
        raise ValueError("the tranches exceed the ceiling")


def check_territory_codes(code: str, kind: str, within: tuple[str, ...]) -> None:
    if code_problem(TerritoryKind(kind), code):
        raise ValueError("the code does not fit the kind of territory")
    for other in within:
        if other == code or any_code_problem(other):
            raise ValueError("a territory lies within a code that is not another territory")
    check_unique(list(within), "territory code")


def check_party_codes(territory: str | None, siren: str | None) -> None:
    if territory is not None and any_code_problem(territory):
        raise ValueError("the territory is not a territory code")
    if siren is not None and siren_problem(siren):
        raise ValueError("the SIREN fails its checksum")


# What relates fields and objects to one another, written once for both peers: their
# objects have the same attribute names.


def check_number(value: Decimal) -> None:
    if number_problem(value):
        raise ValueError("a measured value is out of range or has too many decimals")


def check_ratio(value: Decimal) -> None:
    if ratio_problem(value):
        raise ValueError("a ratio is not positive, not below 1000, or has too many decimals")


def check_indicator(indicator: Any) -> None:
    check_unique([m.year for m in indicator.targets], "target year")
    check_unique([m.year for m in indicator.results], "result year")


def check_match(match: Any) -> None:
    if not match.by:
        raise ValueError("nobody is named to match the commitment")
    check_unique(list(match.by), "party")


def check_tranche(tranche: Any) -> None:
    if tranche.spend_by is not None and tranche.spend_by < dt.date(tranche.year, 1, 1):
        raise ValueError("the money is to be spent before its year begins")


def check_amendment(amendment: Any) -> None:
    period, signed_on = amendment.period, amendment.signed_on
    if period is not None and signed_on is not None and signed_on > period.end:
        raise ValueError("an amendment is signed after the period it sets ends")


def check_commitment(commitment: Any) -> None:
    if commitment.revises == commitment.id:
        raise ValueError("a commitment revises itself")
    covered = set(commitment.conventions)
    check_unique(list(commitment.conventions), "convention")
    check_unique(list(commitment.co_funders), "co-funder")
    if commitment.funder in commitment.co_funders:
        raise ValueError("the funder is also named a co-funder")
    check_unique([(t.year, t.convention) for t in commitment.tranches], "tranche")
    first, last = commitment.period.start.year, commitment.period.end.year
    for tranche in commitment.tranches:
        if not first <= tranche.year <= last:
            raise ValueError("a tranche falls outside the commitment's years")
        if tranche.convention not in covered:
            raise ValueError("a tranche goes through a convention not covered")
    if commitment.tranches:
        breakdown = sum(t.amount for t in commitment.tranches)
        check_breakdown(commitment.basis, commitment.amount, breakdown)


def check_convention(convention: Any) -> None:
    party_ids = [p.id for p in convention.parties]
    check_unique(party_ids, "party")
    check_unique([p.id for p in convention.priorities], "priority")
    check_unique([(s.name, s.party) for s in convention.signatories], "signatory")
    check_unique([p.name for p in convention.participants], "participant")
    known = set(party_ids)
    for signatory in convention.signatories:
        if signatory.party not in known:
            raise ValueError("a signatory signs for a party not in the convention")
    if convention.signed_on is not None and convention.signed_on > convention.period.end:
        raise ValueError("signed after the period ends")
    if convention.amendments:
        _check_amendments(convention, known)
    for relation in convention.related:
        if relation.convention == convention.id:
            raise ValueError("a convention is related to itself")
    if convention.actions or convention.indicators:
        _check_actions(convention, known)


def _check_actions(convention: Any, parties: set[str]) -> None:
    actions = [a.id for a in convention.actions]
    check_unique(actions, "action")
    check_unique([i.id for i in convention.indicators], "indicator")
    priorities = {p.id for p in convention.priorities}
    for action in convention.actions:
        if action.priority is not None and action.priority not in priorities:
            raise ValueError("an action carries out a priority not in the convention")
        if action.lead is not None and action.lead not in parties:
            raise ValueError("an action is led by a party not in the convention")
    known = set(actions)
    for indicator in convention.indicators:
        if indicator.action is not None and indicator.action not in known:
            raise ValueError("an indicator measures an action not in the convention")


def _check_amendments(convention: Any, parties: set[str]) -> None:
    check_unique([a.id for a in convention.amendments], "amendment")
    latest = convention.signed_on
    for amendment in convention.amendments:
        check_unique([(s.name, s.party) for s in amendment.signatories], "signatory")
        for signatory in amendment.signatories:
            if signatory.party not in parties:
                raise ValueError("an amendment is signed for a party not in the convention")
        if amendment.signed_on is None:
            continue  # an unknown day takes its place from the list
        if latest is not None and amendment.signed_on < latest:
            raise ValueError("an amendment is signed before the convention or the one before")
        latest = amendment.signed_on


def check_programme(programme: Any) -> None:
    by_id = {c.id: c for c in programme.conventions}
    if len(by_id) != len(programme.conventions):
        raise ValueError("a convention id is listed twice")
    check_unique([c.id for c in programme.commitments], "commitment")
    check_unique([(m.on, m.label) for m in programme.milestones], "milestone")
    parties: dict[str, Any] = {}
    for convention in programme.conventions:
        _check_within(convention.period, programme.period)
        for party in convention.parties:
            if parties.setdefault(party.id, party) != party:
                raise ValueError("a party is described differently")
    partners = {p.id for p in programme.partners}
    if len(partners) != len(programme.partners):
        raise ValueError("a partner is listed twice")
    if partners & parties.keys():
        raise ValueError("a partner is a party of a convention")
    amendments = _check_amendments_and_relations(programme, by_id)
    commitments = {c.id: c for c in programme.commitments}
    revised: set[str] = set()
    for commitment in programme.commitments:
        _check_within(commitment.period, programme.period)
        if commitment.act is not None and not any(
            amendments.get(commitment.act) == c for c in commitment.conventions
        ):
            raise ValueError("a commitment is made by an act that is no amendment of its own")
        if commitment.revises is not None:
            _check_revision(commitment, commitments, revised)
        for convention_id in commitment.conventions:
            convention = by_id.get(convention_id)
            if convention is None:
                raise ValueError("a commitment covers an unknown convention")
            for funder in (commitment.funder, *commitment.co_funders):
                if funder not in partners and all(p.id != funder for p in convention.parties):
                    raise ValueError("a funder is neither a party nor a partner")
            if commitment.priority is not None and all(
                p.id != commitment.priority for p in convention.priorities
            ):
                raise ValueError("the priority is not one of a covered convention")
        if commitment.action is not None and not any(
            a.id == commitment.action for c in commitment.conventions for a in by_id[c].actions
        ):
            raise ValueError("a commitment funds an action of no convention it covers")
    _check_money(programme, commitments, parties.keys() | partners)


def _check_money(programme: Any, commitments: dict[str, Any], parties: set[str]) -> None:
    check_unique([m.id for m in programme.matches], "match")
    for match in programme.matches:
        if match.commitment not in commitments:
            raise ValueError("a match names an unknown commitment")
        if not parties.issuperset(match.by):
            raise ValueError("a match names someone neither a party nor a partner")
    check_unique(list(programme.payments), "payment")
    for payment in programme.payments:
        commitment = commitments.get(payment.commitment)
        if commitment is None:
            raise ValueError("a payment is made under an unknown commitment")
        if not commitment.period.start.year <= payment.year <= commitment.period.end.year:
            raise ValueError("a payment falls outside its commitment's years")
        if payment.convention is not None and payment.convention not in commitment.conventions:
            raise ValueError("a payment goes through a convention its commitment does not cover")


def _check_amendments_and_relations(programme: Any, conventions: dict[str, Any]) -> dict[str, str]:
    """The convention id of each amendment id, once each is checked."""
    amendments: dict[str, str] = {}
    for convention in programme.conventions:
        for amendment in convention.amendments:
            if amendments.setdefault(amendment.id, convention.id) != convention.id:
                raise ValueError("an amendment id is listed twice in the programme")
            if amendment.period is not None:
                _check_within(amendment.period, programme.period)
        for relation in convention.related:
            if relation.convention not in conventions:
                raise ValueError("a convention is related to an unknown convention")
    return amendments


def _check_revision(commitment: Any, commitments: dict[str, Any], done: set[str]) -> None:
    # The chain from the commitment ends, comes back to itself, or reaches one whose chain
    # is already known to end (*done*): each commitment is walked over once in all.
    walk = {commitment.id}
    current = commitment
    while current.revises is not None and current.id not in done:
        revised = commitments.get(current.revises)
        if revised is None:
            raise ValueError("a commitment revises an unknown commitment")
        if revised.funder != current.funder:
            raise ValueError("a revision changes the funder")
        if revised.id in walk:
            raise ValueError("revisions go round in a circle")
        walk.add(revised.id)
        current = revised
    done.update(walk)


def _check_within(inner: Any, outer: Any) -> None:
    if not (outer.start <= inner.start and inner.end <= outer.end):
        raise ValueError("a period goes beyond the programme's")
