"""`Match`: a matching rule, by which some parties co-finance a commitment in proportion."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import ClassVar

import attrs

from bassin_minier._base import paths
from bassin_minier._model import coerce as _coerce
from bassin_minier._model.enums import Basis
from bassin_minier._rules.catalogue import MATCH_PARTY
from bassin_minier._rules.checker import Checker
from bassin_minier._rules.fields import (
    RATIO_VALUE,
    SLUG,
    Constraint,
    Rules,
    member_of,
    unique_slugs,
)
from bassin_minier._rules.numbers import as_number

__all__ = ["Match"]


def _parties(value: Sequence[str]) -> tuple[str, ...]:
    return _coerce.frozen(value)


def _met_by_someone(check: Checker, match: Match) -> None:
    if not match.by:
        check.fail(
            paths.field(paths.ROOT, "by"),
            "no party is named to match the commitment; expected at least one party id",
            MATCH_PARTY,
        )


@attrs.frozen(kw_only=True)
class Match:
    """An obligation to co-finance: the parties *by* match *ratio* × the *commitment*.

    The commitments of the parties *by* (ids of parties or partners), over the same
    conventions and years as the *commitment* (an id), together reach *ratio* times its
    amount: at least, exactly or at most, as *basis* says. Each collectivité of the
    poverty plan committed to at least 50 % co-funding: ``ratio=Decimal("0.5")``,
    ``basis="at_least"``; a State share « à égalité » with the local authorities is
    ``ratio=1``, ``basis="exactly"``.

    A match records what was agreed, not whether it was honoured: a programme whose
    parties pledged less is still valid, and `bassin_minier.analysis.match_status` says
    how far each match is met.

    >>> Match(id="cofinancement", commitment="etat-2019", by=["cd-cantal"],
    ...       ratio=Decimal("0.5"), basis="at_least").ratio
    Decimal('0.5')
    """

    id: str
    commitment: str
    by: tuple[str, ...] = attrs.field(converter=_parties)
    ratio: Decimal = attrs.field(converter=as_number)
    basis: Basis = attrs.field(converter=_coerce.basis)

    _rules: ClassVar[Rules] = Rules(
        id=SLUG,
        commitment=SLUG,
        by=unique_slugs("party"),
        ratio=RATIO_VALUE,
        basis=member_of(Basis),
        constraints=[Constraint(_met_by_someone, needs=("by",))],
    )
    __attrs_post_init__ = _rules.post_init()

    def __repr__(self) -> str:
        # One line that fits a terminal: the whole object is in to_json().
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        by = d.shortened(", ".join(self.by), 40)
        what = f"{by} {self.basis.value} {self.ratio:f} × {d.shortened(self.commitment, 30)}"
        return d.one_line(type(self).__name__, self.id, what)

    def _repr_html_(self) -> str:
        """A table for Jupyter: the commitment matched, by whom, the ratio and the basis.

        What was agreed only: how far it is met is `bassin_minier.analysis.match_status`.
        """
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand
        from bassin_minier._model.wording import BASIS_WORDS  # noqa: PLC0415 - on demand

        return d.page(
            [
                d.heading(3, "Matching rule", self.id),
                d.fields(
                    [
                        ("Commitment", d.code(self.commitment)),
                        ("Matched by", ", ".join(d.code(p) for p in self.by)),
                        ("Ratio", f"{d.number(self.ratio)} × the commitment"),
                        ("Basis", d.escape(BASIS_WORDS[self.basis].label)),
                    ]
                ),
            ]
        )
