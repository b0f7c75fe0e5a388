"""What was paid against what was committed, commitment by commitment and year by year.

A `Payment` is a fact from a spending report. Paying more than was committed is allowed by
the model and shown here, as a negative *remaining*; nothing is refused.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from bassin_minier._model.nesting import nesting_of
from bassin_minier._model.programme import Programme
from bassin_minier._rules.money import EXACT, total
from bassin_minier.analysis._counting import ZERO, homes

__all__ = ["ExecutionRow", "execution"]


@attrs.frozen(kw_only=True)
class ExecutionRow:
    """What one commitment had *committed* and *paid* in one *year*.

    *funder* is the commitment's `FundingCommitment.funded_by`: a joint commitment is
    under its funders together (``cd-nord+region-hdf``), never split. *year* is None for a
    commitment without tranches, whose amount is known for its whole period only; its one
    row holds every payment counted under it.

    *paid* is None when no payment at all is recorded under the commitment (not reported
    is not zero paid), and ``0.00`` in a year without payment when others have some.
    *remaining* is ``committed - paid``, below 0 when more was paid than committed, and
    None when *paid* is.
    """

    commitment: str
    funder: str
    year: int | None
    committed: Decimal
    paid: Decimal | None
    remaining: Decimal | None


def _sum(amounts: list[Decimal]) -> Decimal:
    return total(amounts).quantize(ZERO, context=EXACT) if amounts else ZERO


def execution(programme: Programme) -> tuple[ExecutionRow, ...]:
    """Committed against paid, for every commitment that counts in totals, in order.

    The commitments are those whose amount adds to totals (within none, revised by none:
    `CommitmentRow.counted`). Each payment counts where its money counts: a payment under
    a commitment that another revises counts under the latest revision, and one under a
    commitment within another under the outermost commitment that holds it. So every
    payment is in exactly one row, and the rows' *paid* add up to all the payments.

    A commitment with tranches has one row per year of its tranches or of its payments,
    in year order, *committed* being its tranches of that year (0 in a year with payments
    only). A commitment without tranches has one row, with no year, *committed* being its
    amount.

    >>> import bassin_minier as bm
    >>> (row,) = execution(bm.datasets.bassin_minier_2019())
    >>> row.commitment, row.year, row.committed, row.paid
    ('etat-2019-2021', None, Decimal('48000000.00'), None)
    """
    standings = nesting_of(programme).standings
    paid_to: dict[str, dict[int, list[Decimal]]] = {}
    if programme.payments:
        home = homes(standings)
        for payment in programme.payments:
            paid_by_year = paid_to.setdefault(home[payment.commitment], {})
            paid_by_year.setdefault(payment.year, []).append(payment.amount)
    rows: list[ExecutionRow] = []
    for commitment in programme.commitments:
        if not standings[commitment.id].counted:
            continue
        paid = paid_to.get(commitment.id)
        by_year = commitment.by_year()
        years: list[int | None] = [None]
        if commitment.tranches:
            years = [*sorted(set(by_year).union(paid or ()))]
        for year in years:
            if paid is None:
                paid_then = None
            elif year is None:
                paid_then = _sum([amount for amounts in paid.values() for amount in amounts])
            else:
                paid_then = _sum(paid.get(year, []))
            promised = commitment.amount if year is None else by_year.get(year, ZERO)
            rows.append(
                ExecutionRow(
                    commitment=commitment.id,
                    funder=commitment.funded_by,
                    year=year,
                    committed=promised,
                    paid=paid_then,
                    remaining=None if paid_then is None else EXACT.subtract(promised, paid_then),
                )
            )
    return tuple(rows)
