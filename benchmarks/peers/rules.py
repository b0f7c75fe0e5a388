"""Patterns and checks both peers share, taken from bassin_minier itself.

Using the library's own patterns keeps the peers' field validation equal to ours: the
same text is accepted and refused, so the timings compare like with like.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bassin_minier._model.enums import TerritoryKind
from bassin_minier._model.territory import code_problem
from bassin_minier._rules.codes import SIREN_PATTERN, any_code_problem, siren_problem
from bassin_minier._rules.money import AMOUNT_PATTERN, MAX_AMOUNT
from bassin_minier._rules.text import SLUG_PATTERN, TEXT_PATTERN

__all__ = [
    "AMOUNT_PATTERN",
    "MAX_AMOUNT",
    "SIREN_PATTERN",
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "check_breakdown",
    "check_commitment",
    "check_convention",
    "check_party_codes",
    "check_programme",
    "check_territory_codes",
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


def check_commitment(commitment: Any) -> None:
    covered = set(commitment.conventions)
    check_unique(list(commitment.conventions), "convention")
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
    for commitment in programme.commitments:
        _check_within(commitment.period, programme.period)
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


def _check_within(inner: Any, outer: Any) -> None:
    if not (outer.start <= inner.start and inner.end <= outer.end):
        raise ValueError("a period goes beyond the programme's")
