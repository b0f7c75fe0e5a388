"""Completeness: what a valid object does not say yet. Nothing here raises.

A convention whose signatories are not known yet is valid; `gaps` lists such missing
information so that a data maintainer knows what to look for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs

from bassin_minier._base import paths
from bassin_minier._model.amendment import Amendment
from bassin_minier._model.convention import Convention
from bassin_minier._model.enums import PartyKind
from bassin_minier._model.funding import FundingCommitment
from bassin_minier._model.indicator import Indicator
from bassin_minier._model.party import Party
from bassin_minier._model.programme import Programme, Strategy
from bassin_minier.analysis._execution import execution

__all__ = ["Gap", "gaps"]


@attrs.frozen
class Gap:
    """A piece of information missing at *path*, described by *message*."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def gaps(obj: object) -> tuple[Gap, ...]:
    """What *obj* leaves unknown, each with its path; empty when nothing is missing.

    >>> from bassin_minier.datasets import bassin_minier_2019
    >>> for gap in gaps(bassin_minier_2019())[:2]:
    ...     print(gap)
    $.conventions[0].signatories: no signatory is known
    $.conventions[0].priorities: no priority is known
    """
    finder = _FINDERS.get(type(obj))
    return tuple(finder(obj, paths.ROOT)) if finder else ()


def _programme(programme: Programme, path: str) -> Iterator[Gap]:
    if programme.strategy is None:
        yield Gap(
            paths.field(path, "strategy"), "the strategy the programme carries out is not known"
        )
    else:
        yield from _strategy(programme.strategy, paths.field(path, "strategy"))
    if not programme.conventions:
        yield Gap(paths.field(path, "conventions"), "no convention is known")
    for index, convention in enumerate(programme.conventions):
        yield from _convention(convention, paths.item(paths.field(path, "conventions"), index))
    if not programme.commitments:
        yield Gap(paths.field(path, "commitments"), "no funding commitment is known")
    # A commitment another revises was replaced: its breakdown is not looked for.
    revised = {c.revises for c in programme.commitments if c.revises is not None}
    for index, commitment in enumerate(programme.commitments):
        where = paths.item(paths.field(path, "commitments"), index)
        yield from _commitment(commitment, where, replaced=commitment.id in revised)
    yield from _unpaid(programme, path)
    if not programme.milestones:
        yield Gap(paths.field(path, "milestones"), "no milestone is known")


def _unpaid(programme: Programme, path: str) -> Iterator[Gap]:
    # Only once a programme records payments: then it is being followed up, and a
    # commitment with none is one whose spending report is missing. A programme that
    # records none is not followed up yet, and every commitment would be listed.
    if not programme.payments:
        return
    unpaid = {row.commitment for row in execution(programme) if row.paid is None}
    for index, commitment in enumerate(programme.commitments):
        if commitment.id in unpaid:
            yield Gap(
                paths.item(paths.field(path, "commitments"), index),
                "no payment is recorded under the commitment, nor under those it holds",
            )


def _strategy(strategy: Strategy, path: str) -> Iterator[Gap]:
    if strategy.presented_on is None:
        yield Gap(
            paths.field(path, "presented_on"), "the date the strategy was presented is not known"
        )
    if not strategy.axes:
        yield Gap(paths.field(path, "axes"), "no axis of the strategy is known")


def _convention(convention: Convention, path: str) -> Iterator[Gap]:
    if not convention.parties:
        yield Gap(paths.field(path, "parties"), "no party is known")
    if not convention.signatories:
        yield Gap(paths.field(path, "signatories"), "no signatory is known")
    else:
        signing = {s.party for s in convention.signatories}
        for index, party in enumerate(convention.parties):
            if party.id not in signing:
                yield Gap(
                    paths.item(paths.field(path, "parties"), index),
                    f"no signatory is known for {party.id!r}",
                )
    if not convention.priorities:
        yield Gap(paths.field(path, "priorities"), "no priority is known")
    if convention.signed_on is None:
        yield Gap(paths.field(path, "signed_on"), "the signature date is not known")
    if convention.signed_at is None:
        yield Gap(paths.field(path, "signed_at"), "the place of signature is not known")
    for index, party in enumerate(convention.parties):
        yield from _party(party, paths.item(paths.field(path, "parties"), index))
    for index, amendment in enumerate(convention.amendments):
        yield from _amendment(amendment, paths.item(paths.field(path, "amendments"), index))
    for index, indicator in enumerate(convention.indicators):
        yield from _indicator(indicator, paths.item(paths.field(path, "indicators"), index))


def _indicator(indicator: Indicator, path: str) -> Iterator[Gap]:
    if indicator.targets and not indicator.results:
        yield Gap(paths.field(path, "results"), "targets are set but no result is known")


def _amendment(amendment: Amendment, path: str) -> Iterator[Gap]:
    # Until its day is known, an amendment stands in `Programme.as_of` only once one
    # listed after it stands: the day is worth looking for.
    if amendment.signed_on is None:
        yield Gap(paths.field(path, "signed_on"), "the day the amendment was signed is not known")
    if not amendment.signatories:
        yield Gap(paths.field(path, "signatories"), "no signatory of the amendment is known")


def _party(party: Party, path: str) -> Iterator[Gap]:
    if party.territory is None and party.kind is not PartyKind.STATE:
        yield Gap(
            paths.field(path, "territory"), "the territory the party speaks for is not known"
        )


def _commitment(
    commitment: FundingCommitment, path: str, *, replaced: bool = False
) -> Iterator[Gap]:
    if not commitment.conventions:
        yield Gap(
            paths.field(path, "conventions"), "no convention the commitment goes through is known"
        )
    if not commitment.tranches and not replaced:
        yield Gap(
            paths.field(path, "tranches"),
            "the breakdown of the amount by year and convention is not known",
        )


_FINDERS: dict[type[Any], Callable[[Any, str], Iterator[Gap]]] = {
    Programme: _programme,
    Strategy: _strategy,
    Convention: _convention,
    Amendment: _amendment,
    Party: _party,
    FundingCommitment: _commitment,
    Indicator: _indicator,
}
