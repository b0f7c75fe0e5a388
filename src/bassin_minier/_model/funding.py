"""Money: a `FundingCommitment` and its yearly `Tranche` breakdown."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import ClassVar

import attrs

from bassin_minier._base import paths
from bassin_minier._base.shown import shown, shown_list
from bassin_minier._model import coerce as _coerce
from bassin_minier._model.enums import Basis
from bassin_minier._model.period import Period
from bassin_minier._rules.catalogue import (
    CO_FUNDER,
    COMMITMENT_REVISION,
    SPEND_BY,
    TRANCHE_BASIS,
    TRANCHE_CONVENTION,
    TRANCHE_YEAR,
)
from bassin_minier._rules.checker import Checker
from bassin_minier._rules.fields import (
    AMOUNT,
    OPTIONAL_DATE,
    OPTIONAL_SLUG,
    SLUG,
    YEAR,
    Constraint,
    Rules,
    instance_of,
    items_of,
    member_of,
    unique_slugs,
)
from bassin_minier._rules.money import as_amount, format_amount, total, totals_by

__all__ = ["FundingCommitment", "Tranche"]


def _spent_after_year_begins(check: Checker, tranche: Tranche) -> None:
    spend_by = tranche.spend_by
    if spend_by is not None and spend_by.year < tranche.year:
        check.fail(
            paths.field(paths.ROOT, "spend_by"),
            f"the {tranche.year} tranche is to be spent by {spend_by}, before its year "
            f"begins; expected {tranche.year}-01-01 or later",
            SPEND_BY,
        )


@attrs.frozen(kw_only=True)
class Tranche:
    """The part of a commitment spent in one *year* through one *convention* (its id).

    *spend_by* is the last day the year's money may be used, when it runs past the year
    (the 2020 credits of the poverty conventions could be used until 30 June 2021); None
    when no such day is known.
    """

    year: int
    amount: Decimal = attrs.field(converter=as_amount)
    convention: str
    spend_by: dt.date | None = None

    _rules: ClassVar[Rules] = Rules(
        year=YEAR,
        amount=AMOUNT,
        convention=SLUG,
        spend_by=OPTIONAL_DATE,
        constraints=[
            Constraint(_spent_after_year_begins, needs=("year", "spend_by"), when="spend_by")
        ],
    )
    __attrs_post_init__ = _rules.post_init()


def _slugs(value: Sequence[str]) -> tuple[str, ...]:
    return _coerce.frozen(value)


def _tranches(value: Sequence[Tranche]) -> tuple[Tranche, ...]:
    return _coerce.frozen(value)


# How the sum of the tranches must compare with the committed amount, per basis.
_HONOURS: dict[Basis, Callable[[Decimal, Decimal], bool]] = {
    Basis.AT_LEAST: operator.ge,
    Basis.EXACTLY: operator.eq,
    Basis.AT_MOST: operator.le,
}


# Each constraint first decides for the whole breakdown at once, with the attributes read in
# C, and only goes through the tranches one by one to report those at fault.
_YEAR = operator.attrgetter("year")
_CONVENTION = operator.attrgetter("convention")
_AMOUNT = operator.attrgetter("amount")
_YEAR_AND_CONVENTION = operator.attrgetter("year", "convention")
_TRANCHES = paths.field(paths.ROOT, "tranches")


def _not_revising_itself(check: Checker, commitment: FundingCommitment) -> None:
    if commitment.revises == commitment.id:
        check.fail(
            paths.field(paths.ROOT, "revises"),
            f"the commitment revises itself ({shown(commitment.id)}); a revision names the "
            f"commitment it replaces",
            COMMITMENT_REVISION,
        )


def _co_funders_apart(check: Checker, commitment: FundingCommitment) -> None:
    for index, co_funder in enumerate(commitment.co_funders):
        if co_funder == commitment.funder:
            check.fail(
                paths.item(paths.field(paths.ROOT, "co_funders"), index),
                f"the funder {shown(co_funder)} is also named among the co-funders; "
                f"co-funders are the others who commit the amount with it",
                CO_FUNDER,
            )


def _tranches_in_years(check: Checker, commitment: FundingCommitment) -> None:
    tranches = commitment.tranches
    if not tranches:
        return
    first, last = commitment.period.start.year, commitment.period.end.year
    years = set(map(_YEAR, tranches))
    if first <= min(years) and max(years) <= last:
        return
    # Loaded for a broken rule only: importing the library leaves the wording alone.
    from bassin_minier._model.wording import year_span  # noqa: PLC0415

    for index, tranche in enumerate(tranches):
        if not first <= tranche.year <= last:
            check.fail(
                paths.field(paths.item(_TRANCHES, index), "year"),
                f"the tranche falls in {tranche.year}, outside the commitment's years "
                f"{year_span(first, last)}",
                TRANCHE_YEAR,
            )


def _tranches_through_conventions(check: Checker, commitment: FundingCommitment) -> None:
    covered = set(commitment.conventions)
    if covered.issuperset(map(_CONVENTION, commitment.tranches)):
        return
    # Listed once for all the tranches at fault, however many there are.
    listed = shown_list(sorted(covered), "none")
    for index, tranche in enumerate(commitment.tranches):
        if tranche.convention not in covered:
            check.fail(
                paths.field(paths.item(_TRANCHES, index), "convention"),
                f"the tranche goes through convention {shown(tranche.convention)}, which the "
                f"commitment does not cover (it covers {listed})",
                TRANCHE_CONVENTION,
            )


def _tranches_honour_basis(check: Checker, commitment: FundingCommitment) -> None:
    if not commitment.tranches:
        return
    breakdown = total(map(_AMOUNT, commitment.tranches))
    if not _HONOURS[commitment.basis](breakdown, commitment.amount):
        # Loaded for a broken rule only: importing the library leaves the wording alone.
        from bassin_minier._model.wording import BASIS_WORDS  # noqa: PLC0415

        qualifier = BASIS_WORDS[commitment.basis].qualifier
        check.fail(
            _TRANCHES,
            f"the tranches add up to {format_amount(breakdown)} €, but the commitment is "
            f"{qualifier} {format_amount(commitment.amount)} € (basis "
            f"{commitment.basis.value!r})",
            TRANCHE_BASIS,
        )


@attrs.frozen(kw_only=True, repr=False)
class FundingCommitment:
    """Money a *funder* (a `Party.id`) commits over a *period* through some *conventions*.

    *basis* says whether *amount* is a floor, an exact sum or a ceiling. When *tranches*
    are given they are the full breakdown by year and convention, and their sum honours
    the basis; when they are not known yet, leave them out.

    *act* is the id of the amendment that made the commitment (None: the conventions as
    signed). *revises* is the id of a commitment of the same funder that this one
    replaces from its act on: a cut (réfaction), a top-up, the final amount of a year.
    Totals count a revised commitment once, by its latest revision.

    *co_funders* are others who commit the same *amount* jointly with the *funder* (the
    first named), when a source gives one sum for several funders and not how it is
    split: totals report it under the funders together and never split it by guess.
    *action* is the id of the action of a covered convention the money goes to.
    """

    id: str
    funder: str
    amount: Decimal = attrs.field(converter=as_amount)
    basis: Basis = attrs.field(converter=_coerce.basis)
    period: Period
    conventions: tuple[str, ...] = attrs.field(default=(), converter=_slugs)
    priority: str | None = None
    tranches: tuple[Tranche, ...] = attrs.field(default=(), converter=_tranches)
    act: str | None = None
    revises: str | None = None
    co_funders: tuple[str, ...] = attrs.field(default=(), converter=_slugs)
    action: str | None = None

    # The tranche constraints run once the tranches are judged, the revision one at the end.
    _rules: ClassVar[Rules] = Rules(
        id=SLUG,
        funder=SLUG,
        amount=AMOUNT,
        basis=member_of(Basis),
        period=instance_of(Period, "a Period"),
        conventions=unique_slugs("convention"),
        priority=OPTIONAL_SLUG,
        tranches=items_of(Tranche, "year and convention", _YEAR_AND_CONVENTION),
        act=OPTIONAL_SLUG,
        revises=OPTIONAL_SLUG,
        co_funders=unique_slugs("co-funder"),
        action=OPTIONAL_SLUG,
        constraints=[
            Constraint(_tranches_in_years, needs=("period", "tranches")),
            Constraint(_tranches_through_conventions, needs=("conventions", "tranches")),
            Constraint(_tranches_honour_basis, needs=("amount", "basis", "tranches")),
            Constraint(_not_revising_itself, needs=("id", "revises"), when="revises"),
            Constraint(_co_funders_apart, needs=("funder", "co_funders"), when="co_funders"),
        ],
    )
    __attrs_post_init__ = _rules.post_init()

    def __repr__(self) -> str:
        # One line that fits a terminal: the whole object is in to_json() or the summary.
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        breakdown = "no tranches" if not self.tranches else d.count(len(self.tranches), "tranche")
        # A joint commitment is everyone's together: its funders, as totals name them.
        what = (
            f"{self.funded_by} {self.basis.value} {self.amount:.2f} € {d.years(self.period)}: "
            f"{d.count(len(self.conventions), 'convention')}, {breakdown}"
        )
        return d.one_line(type(self).__name__, self.id, what)

    def _repr_html_(self) -> str:
        """Tables for Jupyter: funder (and co-funders), basis, amount, period, the act that
        made it, what it revises, the action it funds, and tranches (with the day each may
        be spent by, when any has one)."""
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand
        from bassin_minier._model.wording import BASIS_WORDS  # noqa: PLC0415 - on demand

        if self.tranches:
            spend_by = any(t.spend_by is not None for t in self.tranches)
            rows = [
                [
                    d.escape(t.year),
                    d.code(t.convention),
                    d.figure(t.amount),
                    *([d.escape(t.spend_by or "")] if spend_by else []),
                ]
                for t in sorted(self.tranches, key=lambda t: t.year)
            ]
            whole = total(t.amount for t in self.tranches)
            rows.append(
                ["<strong>total</strong>", "", d.figure(whole), *([""] if spend_by else [])]
            )
            headers = ["Year", "Convention", "Amount", *(["Spend by"] if spend_by else [])]
            tranches = d.table(headers, rows, "")
        else:
            tranches = "<p><em>Not broken down by year yet.</em></p>"
        amount = f"{BASIS_WORDS[self.basis].label} {d.money(self.amount)}"
        return d.page(
            [
                d.heading(3, "Funding commitment", self.id),
                d.fields(
                    [
                        ("Funder", d.escape(self.funder)),
                        *(
                            [
                                ("Co-funders", d.escape(", ".join(self.co_funders))),
                                ("Funded by", d.code(self.funded_by)),
                            ]
                            if self.co_funders
                            else []
                        ),
                        ("Amount", d.escape(amount)),
                        ("Period", d.escape(self.period)),
                        ("Conventions", d.escape(", ".join(self.conventions) or "none known")),
                        ("Priority", d.unknown(self.priority)),
                        (
                            "Made by",
                            "the conventions as signed"
                            if self.act is None
                            else f"amendment {d.code(self.act)}",
                        ),
                        ("Revises", "nothing" if self.revises is None else d.code(self.revises)),
                        *([("Action", d.code(self.action))] if self.action is not None else []),
                    ]
                ),
                d.heading(4, "Tranches"),
                tranches,
            ]
        )

    @property
    def funders(self) -> tuple[str, ...]:
        """The funder, then the co-funders: everyone who commits this amount."""
        return (self.funder, *self.co_funders)

    @property
    def funded_by(self) -> str:
        """Whom totals report this money under: the funder's id, or for a joint commitment
        the ids of all its funders in alphabetical order joined by ``+``.

        Ids are slugs, which never hold ``+``, so the joint name cannot be mistaken for a
        party's id; and it does not depend on who was named first.

        >>> from bassin_minier import Period
        >>> FundingCommitment(
        ...     id="rehabilitation", funder="region-hdf", co_funders=["cd-nord"],
        ...     amount=Decimal(1_000_000), basis="exactly", period=Period.from_years(2019),
        ... ).funded_by
        'cd-nord+region-hdf'
        """
        if not self.co_funders:
            return self.funder
        return "+".join(sorted(self.funders))

    @property
    def tranche_total(self) -> Decimal | None:
        """The sum of the tranches, or None when the breakdown is not known."""
        if not self.tranches:
            return None
        return total(t.amount for t in self.tranches)

    def by_year(self) -> dict[int, Decimal]:
        """The tranches summed per year, in year order (empty when not broken down)."""
        return dict(sorted(totals_by((t.year, t.amount) for t in self.tranches).items()))

    def by_convention(self) -> dict[str, Decimal]:
        """The tranches summed per convention id, in order of first appearance."""
        return totals_by((t.convention, t.amount) for t in self.tranches)

    def lies_within(self, other: FundingCommitment) -> bool:
        """Whether this commitment's money is part of *other*'s, as a year of a multi-year floor.

        It is when both have the same funders (`funded_by`), this period lies inside the
        other's, these conventions are among the other's, and the other names no priority
        or the same one; but not when the two cover exactly the same: two commitments of
        one funder, period, conventions and priority are two sums, neither part of the
        other.

        >>> from bassin_minier import Period
        >>> floor = FundingCommitment(
        ...     id="floor", funder="etat", amount=Decimal(48_000_000), basis="at_least",
        ...     period=Period.from_years(2019, 2021), conventions=["nord", "bassin-minier"])
        >>> year = FundingCommitment(
        ...     id="2020", funder="etat", amount=Decimal(16_000_000), basis="exactly",
        ...     period=Period.from_years(2020), conventions=["nord"])
        >>> year.lies_within(floor), floor.lies_within(year), floor.lies_within(floor)
        (True, False, False)
        """
        return (
            self.funded_by == other.funded_by
            and self.period in other.period
            and set(self.conventions) <= set(other.conventions)
            and other.priority in (None, self.priority)
            and (self.period, set(self.conventions), self.priority)
            != (other.period, set(other.conventions), other.priority)
        )
