"""Where the money of each commitment counts: its latest revision, then its outermost holder.

A commitment that another revises was replaced, and its money counts through the revision
(`Standing.revised_by`, followed to the end of the chain); a commitment within another
counts inside the one that holds it (`Standing.within`, followed to the outermost holder).
Matches and payments name any commitment; these maps say which one they stand for. Each
chain is walked once, so the time grows with the number of commitments.
"""

from __future__ import annotations

import decimal
import types
from collections.abc import Callable, Mapping
from decimal import Decimal

from bassin_minier._model.nesting import Standing

__all__ = ["CENT", "EXACT_NUMBER", "ZERO", "homes", "latest_revisions", "tidy"]

#: The metadata of a row's field that holds an exact number rather than whole cents (a
#: share of an amount, an indicator's value): DataFrames keep it as `Decimal` objects.
EXACT_NUMBER: Mapping[str, str] = types.MappingProxyType({"frame": "decimal"})

#: Zero euros, held as amounts are, with two decimals.
ZERO = Decimal("0.00")
CENT = Decimal("0.01")
# Wide enough for any product of a ratio and an amount (below 10^18, 6 decimals) and
# trapping nothing: tidying only drops zeros, never a digit that counts.
_WIDE = decimal.Context(prec=60)


def _ends(
    standings: Mapping[str, Standing], step: Callable[[Standing], str | None]
) -> dict[str, str]:
    """For each commitment, the last one reached by following *step* from it."""
    ends: dict[str, str] = {}
    for start in standings:
        walk: list[str] = []
        current = start
        # The chains have no circle (the model refuses one), and a walk stops at any
        # commitment whose end is known already: every link is followed once.
        while current not in ends:
            following = step(standings[current])
            if following is None or following not in standings:
                ends[current] = current
                break
            walk.append(current)
            current = following
        end = ends[current]
        for passed in walk:
            ends[passed] = end
    return ends


def latest_revisions(standings: Mapping[str, Standing]) -> dict[str, str]:
    """Each commitment's latest revision: itself when none revises it.

    When several commitments revise one, the first of them in the programme's order is
    followed, as `Standing.revised_by` names it.
    """
    return _ends(standings, lambda standing: standing.revised_by)


def homes(standings: Mapping[str, Standing]) -> dict[str, str]:
    """The commitment under which each commitment's money counts in totals.

    Its latest revision, or the outermost commitment that holds that one: a commitment
    that counts (`Standing.counted`) in every case.
    """
    latest = latest_revisions(standings)
    outermost = _ends(standings, lambda standing: standing.within)
    return {key: outermost[revision] for key, revision in latest.items()}


def tidy(value: Decimal) -> Decimal:
    """*value*, exactly, with two decimals when it is in whole cents and no trailing zero
    beyond otherwise: ``24000000.00``, ``1234.5675``."""
    cents = _WIDE.quantize(value, CENT)
    return cents if cents == value else _WIDE.normalize(value)
