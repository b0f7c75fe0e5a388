"""How a programme's money fits its conventions: who funds, what it funds, what is matched
and what is paid.

These rules relate objects of different parts of a programme (a commitment and the
conventions it covers, a payment and its commitment), so `Programme` runs them once all
its fields have passed their own rules. Each decides for the whole programme at once in
the usual case and only then goes through the items, one look-up each, to report those at
fault: nothing here grows with the square of a programme.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain, islice
from operator import attrgetter
from typing import TYPE_CHECKING, Protocol, TypeVar

from bassin_minier._base import paths
from bassin_minier._base.shown import shown, shown_list
from bassin_minier._rules.catalogue import (
    COMMITMENT_ACTION,
    COMMITMENT_CONVENTION,
    COMMITMENT_PRIORITY,
    FUNDER_PARTY,
    MATCH_COMMITMENT,
    MATCH_PARTY,
    PARTNER,
    PAYMENT_COMMITMENT,
    PAYMENT_CONVENTION,
    PAYMENT_YEAR,
)
from bassin_minier._rules.checker import Checker

if TYPE_CHECKING:
    from bassin_minier._model.convention import Convention
    from bassin_minier._model.funding import FundingCommitment
    from bassin_minier._model.match import Match
    from bassin_minier._model.party import Party
    from bassin_minier._model.payment import Payment

__all__ = [
    "ProgrammeView",
    "actions_funded",
    "commitments_covered",
    "matches_hold",
    "partners_apart",
    "payments_hold",
]

_ID = attrgetter("id")
_ACTION_OF = attrgetter("action")
_CO_FUNDERS_OF = attrgetter("co_funders")
_COMMITMENTS = paths.field(paths.ROOT, "commitments")
_PARTNERS = paths.field(paths.ROOT, "partners")
_MATCHES = paths.field(paths.ROOT, "matches")
_PAYMENTS = paths.field(paths.ROOT, "payments")
# A message names this many conventions at most, and counts the rest.
_NAMED = 10


class ProgrammeView(Protocol):
    """What these rules read of a `bassin_minier.Programme`, which runs them.

    Named here rather than imported: the programme imports this module.
    """

    @property
    def conventions(self) -> tuple[Convention, ...]: ...
    @property
    def commitments(self) -> tuple[FundingCommitment, ...]: ...
    @property
    def partners(self) -> tuple[Party, ...]: ...
    @property
    def matches(self) -> tuple[Match, ...]: ...
    @property
    def payments(self) -> tuple[Payment, ...]: ...


# The ids of a convention's parties and of its priorities, gathered once per programme.
_Members = tuple[frozenset[str], frozenset[str]]


def _members(convention: Convention) -> _Members:
    return frozenset(map(_ID, convention.parties)), frozenset(map(_ID, convention.priorities))


# A convention or a commitment: what is looked up by its id.
_Identified = TypeVar("_Identified", "Convention", "FundingCommitment")


def _first_by_id(items: Iterable[_Identified]) -> dict[str, _Identified]:
    # With a repeated id (reported as such), the first one is the reference.
    found: dict[str, _Identified] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found


def _party_ids(programme: ProgrammeView) -> frozenset[str]:
    """The ids of every party of a convention of the programme."""
    return frozenset(p.id for c in programme.conventions for p in c.parties)


def commitments_covered(check: Checker, programme: ProgrammeView) -> None:
    """Each commitment covers conventions of the programme, to each of which its funder and
    co-funders are parties (or they are partners of the programme), and whose priorities
    hold its own."""
    by_id = {c_id: _members(c) for c_id, c in _first_by_id(programme.conventions).items()}
    partners = frozenset(map(_ID, programme.partners))
    for index, commitment in enumerate(programme.commitments):
        path = paths.item(_COMMITMENTS, index)
        _check_coverage(check, path, commitment, by_id, partners)
        if commitment.co_funders:
            _check_co_funders(check, path, commitment, by_id, partners)


def _check_coverage(
    check: Checker,
    path: str,
    commitment: FundingCommitment,
    by_id: dict[str, _Members],
    partners: frozenset[str],
) -> None:
    """The commitment's conventions exist, its funder and priority belong to each."""
    funder, priority = commitment.funder, commitment.priority
    # A partner funds whatever conventions it covers: nothing to look up.
    funder_apart = funder in partners
    for index, convention_id in enumerate(commitment.conventions):
        members = by_id.get(convention_id)
        if members is None:
            check.fail(
                paths.item(paths.field(path, "conventions"), index),
                f"the commitment covers convention {shown(convention_id)}, which is not in the "
                f"programme (its conventions are {shown_list(by_id, 'none')})",
                COMMITMENT_CONVENTION,
            )
            continue
        parties, priorities = members
        if not funder_apart and funder not in parties:
            check.fail(
                paths.field(path, "funder"),
                f"the funder {shown(funder)} is not a party to convention "
                f"{shown(convention_id)}, which the commitment covers, nor a partner of the "
                f"programme",
                FUNDER_PARTY,
            )
        if priority is not None and priority not in priorities:
            check.fail(
                paths.field(path, "priority"),
                f"the priority {shown(priority)} is not a priority of convention "
                f"{shown(convention_id)}, which the commitment covers",
                COMMITMENT_PRIORITY,
            )


def _check_co_funders(
    check: Checker,
    path: str,
    commitment: FundingCommitment,
    by_id: dict[str, _Members],
    partners: frozenset[str],
) -> None:
    """Each co-funder is a party to every covered convention, or a partner.

    A co-funder at fault is reported once, naming the conventions it is not a party to:
    one violation a co-funder and a convention would grow with the product of the two
    lists, and so would looking each pair up.
    """
    covered = [(c_id, by_id[c_id][0]) for c_id in commitment.conventions if c_id in by_id]
    # Partners need no look-up.
    to_judge = [(k, co) for k, co in enumerate(commitment.co_funders) if co not in partners]
    ids = frozenset(co for _, co in to_judge)
    if not ids or all(parties >= ids for _, parties in covered):
        return
    # How many covered conventions each is a party to, each set read from its smaller side.
    memberships = Counter(chain.from_iterable(parties & ids for _, parties in covered))
    for k, co_funder in to_judge:
        absent = len(covered) - memberships[co_funder]
        if not absent:
            continue
        # The first few conventions it is absent from; a scan that stops at them passes
        # only conventions it is a party to, already counted above.
        first = list(islice((c for c, parties in covered if co_funder not in parties), _NAMED))
        named = ", ".join(map(shown, first))
        if absent > len(first):
            named += f" and {absent - len(first)} more"
        check.fail(
            paths.item(paths.field(path, "co_funders"), k),
            f"the co-funder {shown(co_funder)} is not a party to "
            f"{'convention' if absent == 1 else 'conventions'} {named}, which the commitment "
            f"covers, nor a partner of the programme",
            FUNDER_PARTY,
        )


def partners_apart(check: Checker, programme: ProgrammeView) -> None:
    """A partner funds without being party to a convention: one that is, is a party."""
    parties = _party_ids(programme)
    for index, partner in enumerate(programme.partners):
        if partner.id in parties:
            check.fail(
                paths.field(paths.item(_PARTNERS, index), "id"),
                f"partner {shown(partner.id)} is a party to a convention of the programme; "
                f"partners are those who fund without being party to any",
                PARTNER,
            )


def actions_funded(check: Checker, programme: ProgrammeView) -> None:
    """Each commitment's action is an action of one of the conventions it covers."""
    if not any(map(_ACTION_OF, programme.commitments)):
        return
    actions_of = {
        c_id: frozenset(map(_ID, c.actions))
        for c_id, c in _first_by_id(programme.conventions).items()
    }
    for index, commitment in enumerate(programme.commitments):
        action = commitment.action
        if action is None or any(action in actions_of.get(c, ()) for c in commitment.conventions):
            continue
        check.fail(
            paths.field(paths.item(_COMMITMENTS, index), "action"),
            f"the commitment funds action {shown(action)}, which is not an action of the "
            f"conventions it covers ({shown_list(commitment.conventions, 'none')})",
            COMMITMENT_ACTION,
        )


def matches_hold(check: Checker, programme: ProgrammeView) -> None:
    """Each matching rule names a commitment of the programme, met by its parties or partners."""
    if not programme.matches:
        return
    commitments = _first_by_id(programme.commitments)
    known = _party_ids(programme) | frozenset(map(_ID, programme.partners))
    for index, match in enumerate(programme.matches):
        where = paths.item(_MATCHES, index)
        if match.commitment not in commitments:
            check.fail(
                paths.field(where, "commitment"),
                f"the match names commitment {shown(match.commitment)}, which is not a "
                f"commitment of the programme",
                MATCH_COMMITMENT,
            )
        for p_index, party in enumerate(match.by):
            if party not in known:
                check.fail(
                    paths.item(paths.field(where, "by"), p_index),
                    f"{shown(party)} is to match the commitment, but is neither a party to a "
                    f"convention of the programme nor a partner",
                    MATCH_PARTY,
                )


def payments_hold(check: Checker, programme: ProgrammeView) -> None:
    """Each payment names a commitment, one of its years and, when given, its convention."""
    if not programme.payments:
        return
    commitments = _first_by_id(programme.commitments)
    # The conventions of each commitment paid through one, as a set: a look-up a payment.
    covers: dict[str, frozenset[str]] = {}
    for index, payment in enumerate(programme.payments):
        where = paths.item(_PAYMENTS, index)
        commitment = commitments.get(payment.commitment)
        if commitment is None:
            check.fail(
                paths.field(where, "commitment"),
                f"the payment is made under {shown(payment.commitment)}, which is not a "
                f"commitment of the programme",
                PAYMENT_COMMITMENT,
            )
            continue
        first, last = commitment.period.start.year, commitment.period.end.year
        if not first <= payment.year <= last:
            # Loaded for a broken rule only: importing the library leaves the wording alone.
            from bassin_minier._model.wording import year_span  # noqa: PLC0415

            check.fail(
                paths.field(where, "year"),
                f"the payment is for {payment.year}, outside the years of commitment "
                f"{shown(commitment.id)} ({year_span(first, last)})",
                PAYMENT_YEAR,
            )
        convention = payment.convention
        if convention is None:
            continue
        conventions = covers.get(commitment.id)
        if conventions is None:
            conventions = covers[commitment.id] = frozenset(commitment.conventions)
        if convention not in conventions:
            check.fail(
                paths.field(where, "convention"),
                f"the payment goes through convention {shown(convention)}, which commitment "
                f"{shown(commitment.id)} does not cover (it covers "
                f"{shown_list(commitment.conventions, 'none')})",
                PAYMENT_CONVENTION,
            )
