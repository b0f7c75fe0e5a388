"""Pieces of the OCDS releases of ``_ocds``: dates, values, and the shared money of a
programme (payments as transactions, actions as items, matching rules and joint
commitments in words).

``docs/export.md`` says where each piece goes and what has no place in OCDS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from bassin_minier._model.amendment import Amendment
from bassin_minier._model.convention import Convention
from bassin_minier._model.funding import FundingCommitment
from bassin_minier._model.match import Match
from bassin_minier._model.payment import Payment
from bassin_minier._model.wording import BASIS_WORDS
from bassin_minier._rules.money import format_amount
from bassin_minier._rules.numbers import format_number

__all__ = [
    "JOIN",
    "action_items",
    "amendment_entry",
    "commitment_text",
    "funders_text",
    "match_text",
    "placed_payments",
    "timestamp",
    "transactions",
    "value",
]

_CURRENCY = "EUR"

#: What joins the parts of an identifier. Slugs are lowercase letters and digits joined by
#: hyphens, and a prefix letters and digits joined by hyphens: neither holds a dot, so
#: joining the parts with dots keeps them apart, where hyphens would not ("plan-nord" +
#: "lille" and "plan" + "nord-lille").
JOIN = "."


def timestamp(day: dt.date) -> str:
    """An OCDS date-time: a day of the data is read as midnight UTC that day."""
    if isinstance(day, dt.datetime):
        if day.tzinfo is None:
            raise ValueError("published must be a date or a datetime with a time zone")
        return day.isoformat()
    return f"{day.isoformat()}T00:00:00Z"


def value(amount: Decimal) -> dict[str, Any]:
    """An OCDS Value: the exact amount, in euros."""
    return {"amount": amount, "currency": _CURRENCY}


# -- payments ---------------------------------------------------------------------------------


def placed_payments(
    payments: Iterable[Payment], commitments: Iterable[FundingCommitment]
) -> dict[str, list[Payment]]:
    """The payments of each convention's contract, in the programme's order.

    A payment goes to the contract of the convention it went through; when it names none,
    to the one convention its commitment covers. Under a commitment covering several
    conventions (or none), a payment that names no convention has no contract: putting it
    in one would be a guess, in each a double count. Those are left out (the
    documentation says so).
    """
    covered = {c.id: c.conventions for c in commitments}
    placed: dict[str, list[Payment]] = {}
    for payment in payments:
        convention = payment.convention
        if convention is None:
            conventions = covered.get(payment.commitment, ())
            convention = conventions[0] if len(conventions) == 1 else None
        if convention is not None:
            placed.setdefault(convention, []).append(payment)
    return placed


def transaction_id(payment: Payment) -> str:
    """The id of a payment's transaction, unique in its contract and the same every time.

    A payment has no id; no two payments of a programme are the same, and those of one
    contract share their convention (named, or not named and worked out): the commitment,
    year, day paid, amount and whether the convention was named tell them apart. The amount
    always holds one dot and ids none, so the parts cannot run into each other.
    """
    day = "sans-date" if payment.paid_on is None else payment.paid_on.isoformat()
    parts = [payment.commitment, str(payment.year), day, format_amount(payment.amount)]
    if payment.convention is None:
        parts.append("sans-convention")
    return JOIN.join(parts)


def transactions(
    payments: Iterable[Payment], payer: Callable[[str], dict[str, Any]]
) -> list[dict[str, Any]]:
    """The transactions of *payments*: dated when the day is known, paid by the funder."""
    found = []
    for payment in payments:
        transaction: dict[str, Any] = {"id": transaction_id(payment)}
        if payment.paid_on is not None:
            transaction["date"] = timestamp(payment.paid_on)
        transaction["value"] = value(payment.amount)
        transaction["payer"] = payer(payment.commitment)
        found.append(transaction)
    return found


# -- commitments and amendments in words ------------------------------------------------------

# A commitment names its conventions in its description up to this many; beyond, it counts
# them, so that a commitment shared by every convention of a large programme does not
# write all their ids into each of their releases.
_LISTED = 10


def commitment_text(
    commitment: FundingCommitment, funders: str, revised_by: str | None = None
) -> str:
    """A commitment in French: who commits what and when, through which conventions, by
    which act, replacing or replaced by which commitment. *funders* is `funders_text`."""
    period = commitment.period
    covered = commitment.conventions
    if not covered:
        through = "sans convention désignée"
    elif len(covered) == 1:
        through = f"au titre de la convention {covered[0]}"
    elif len(covered) <= _LISTED:
        through = f"au titre des conventions {', '.join(covered)}"
    else:
        # Only the releases of the conventions it covers quote it.
        through = f"au titre de {len(covered)} conventions, dont celle-ci"
    text = (
        f"Engagement {commitment.id} : {funders} {BASIS_WORDS[commitment.basis].french} "
        f"{format_amount(commitment.amount)} EUR du {period.start.isoformat()} au "
        f"{period.end.isoformat()}, {through}"
    )
    if commitment.act is not None:
        text += f", par l'avenant {commitment.act}"
    if commitment.revises is not None:
        text += f", en remplacement de l'engagement {commitment.revises}"
    if revised_by is not None:
        text += f" ; remplacé par l'engagement {revised_by}"
    return text + "."


def amendment_entry(amendment: Amendment, convention: Convention) -> dict[str, Any]:
    """An amendment of the contract: its id, date, what it changes, and why."""
    entry: dict[str, Any] = {"id": amendment.id}
    if amendment.signed_on is not None:
        entry["date"] = timestamp(amendment.signed_on)
    title = amendment.title
    # The title as a sentence of its own, before the one about the period.
    parts = (
        [] if title is None else [title if title.endswith((".", "!", "?", "…")) else title + "."]
    )
    period = amendment.period
    if period is None:
        parts.append("Période inchangée.")
    else:
        parts.append(
            f"Période de la convention {convention.id} à compter de cet avenant : du "
            f"{period.start.isoformat()} au {period.end.isoformat()}."
        )
    entry["description"] = " ".join(parts)
    if amendment.note is not None:
        entry["rationale"] = amendment.note
    return entry


# -- actions, matching rules and joint commitments --------------------------------------------


def action_items(convention: Convention) -> list[dict[str, Any]]:
    """The actions of a convention as the items of its contract: what it delivers."""
    items = []
    for action in convention.actions:
        description = action.label
        if action.description is not None:
            description += f" : {action.description}"
        items.append({"id": action.id, "description": description})
    return items


def match_text(match: Match) -> str:
    """A matching rule in French, for the budget of the commitment it matches."""
    parties = ", ".join(match.by)
    return (
        f"Cofinancement {match.id} : {parties} engagent ensemble "
        f"{BASIS_WORDS[match.basis].french} {format_number(match.ratio)} fois l'engagement "
        f"{match.commitment}, sur les mêmes conventions et années."
    )


def funders_text(commitment: FundingCommitment, name: Callable[[str], str]) -> str:
    """Who commits the amount, and the verb: the funder, or a joint commitment's funders
    together, the split between them not known."""
    if not commitment.co_funders:
        return f"{name(commitment.funder)} engage"
    *first, last = (name(party) for party in commitment.funders)
    return f"{', '.join(first)} et {last} engagent conjointement (répartition non connue)"
