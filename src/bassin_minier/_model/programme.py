"""`Programme`: conventions and commitments of one policy, with its `Strategy` and milestones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, ClassVar

import attrs

from bassin_minier._base import paths
from bassin_minier._base.errors import UnknownIdError
from bassin_minier._base.shown import shown, shown_list
from bassin_minier._model import coerce as _coerce
from bassin_minier._model import funding_rules
from bassin_minier._model.convention import Convention
from bassin_minier._model.enums import PartyKind
from bassin_minier._model.funding import FundingCommitment, Tranche
from bassin_minier._model.match import Match
from bassin_minier._model.party import Party
from bassin_minier._model.payment import Payment
from bassin_minier._model.period import Period
from bassin_minier._model.priority import Priority
from bassin_minier._rules.catalogue import (
    COMMITMENT_ACT,
    COMMITMENT_REVISION,
    PARTY_CONSISTENCY,
    RELATED_CONVENTION,
    UNIQUE,
    WITHIN_PROGRAMME,
)
from bassin_minier._rules.checker import Checker
from bassin_minier._rules.fields import (
    DATE,
    OPTIONAL_DATE,
    SLUG,
    TEXT,
    Constraint,
    Rules,
    instance_of,
    items_of,
    optional_instance_of,
)
from bassin_minier._rules.money import totals_by

if TYPE_CHECKING:
    from bassin_minier._model.history import Step
    from bassin_minier._model.nesting import Nesting

__all__ = ["Milestone", "Programme", "Strategy"]


def _axes(value: Sequence[Priority]) -> tuple[Priority, ...]:
    return _coerce.frozen(value)


@attrs.frozen(kw_only=True)
class Strategy:
    """The national policy a programme carries out, with its *axes*."""

    name: str
    presented_on: dt.date | None = None
    axes: tuple[Priority, ...] = attrs.field(default=(), converter=_axes)

    _rules: ClassVar[Rules] = Rules(
        name=TEXT,
        presented_on=OPTIONAL_DATE,
        axes=items_of(Priority, "axis id", attrgetter("id")),
    )
    __attrs_post_init__ = _rules.post_init()


@attrs.frozen(kw_only=True)
class Milestone:
    """A dated step of a programme: a presentation, a first contract, a signature."""

    on: dt.date
    label: str

    _rules: ClassVar[Rules] = Rules(on=DATE, label=TEXT)
    __attrs_post_init__ = _rules.post_init()


def _conventions(value: Sequence[Convention]) -> tuple[Convention, ...]:
    return _coerce.frozen(value)


def _commitments(value: Sequence[FundingCommitment]) -> tuple[FundingCommitment, ...]:
    return _coerce.frozen(value)


def _milestones(value: Sequence[Milestone]) -> tuple[Milestone, ...]:
    return _coerce.frozen(value)


def _partners(value: Sequence[Party]) -> tuple[Party, ...]:
    return _coerce.frozen(value)


def _matches(value: Sequence[Match]) -> tuple[Match, ...]:
    return _coerce.frozen(value)


def _payments(value: Sequence[Payment]) -> tuple[Payment, ...]:
    return _coerce.frozen(value)


_CONVENTIONS = paths.field(paths.ROOT, "conventions")
_COMMITMENTS = paths.field(paths.ROOT, "commitments")
# Most conventions have no amendment and no relation: one pass in C says so.
_AMENDMENTS_OF = attrgetter("amendments")
_RELATED_OF = attrgetter("related")
_ACT_OF = attrgetter("act")
_REVISES_OF = attrgetter("revises")
_START = attrgetter("period.start")
_END = attrgetter("period.end")


def _conventions_within(check: Checker, programme: Programme) -> None:
    period = programme.period
    conventions = programme.conventions
    _check_within(check, period, "conventions", conventions)
    if not any(map(_AMENDMENTS_OF, conventions)):
        return
    # Every period a convention has had, not only the one in force: the programme as it
    # stood on any day (`Programme.as_of`) is then valid too.
    for c_index, convention in enumerate(conventions):
        for a_index, amendment in enumerate(convention.amendments):
            set_period = amendment.period
            if set_period is not None and set_period not in period:
                check.fail(
                    paths.field(_amendment_path(c_index, a_index), "period"),
                    f"the period {set_period} set by amendment {shown(amendment.id)} goes "
                    f"beyond the programme's period {period}",
                    WITHIN_PROGRAMME,
                )


def _commitments_within(check: Checker, programme: Programme) -> None:
    _check_within(check, programme.period, "commitments", programme.commitments)


def _check_within(
    check: Checker,
    period: Period,
    collection: str,
    items: Sequence[Convention | FundingCommitment],
) -> None:
    # The usual case at once: the earliest start and the latest end are inside.
    if not items or (
        min(map(_START, items)) >= period.start and max(map(_END, items)) <= period.end
    ):
        return
    listed = paths.field(paths.ROOT, collection)
    for index, item in enumerate(items):
        if item.period not in period:
            check.fail(
                paths.field(paths.item(listed, index), "period"),
                f"the period {item.period} goes beyond the programme's period {period}",
                WITHIN_PROGRAMME,
            )


def _amendment_path(c_index: int, a_index: int) -> str:
    return paths.item(paths.field(paths.item(_CONVENTIONS, c_index), "amendments"), a_index)


def _amendments_by_id(programme: Programme) -> dict[str, tuple[int, str]]:
    """Where each amendment id is first found: its convention's index and id."""
    found: dict[str, tuple[int, str]] = {}
    for c_index, convention in enumerate(programme.conventions):
        for amendment in convention.amendments:
            found.setdefault(amendment.id, (c_index, convention.id))
    return found


def _amendment_ids_unique(check: Checker, programme: Programme) -> None:
    # Commitments name amendments by id alone, so an id is unique in the whole programme.
    # A repeat within one convention is that convention's to report.
    if not any(map(_AMENDMENTS_OF, programme.conventions)):
        return
    first = _amendments_by_id(programme)
    for c_index, convention in enumerate(programme.conventions):
        for a_index, amendment in enumerate(convention.amendments):
            where, owner = first[amendment.id]
            if where != c_index:
                check.fail(
                    paths.field(_amendment_path(c_index, a_index), "id"),
                    f"amendment id {shown(amendment.id)} is already an amendment of "
                    f"convention {shown(owner)}; amendment ids are unique in a programme",
                    UNIQUE,
                )


def _related_exist(check: Checker, programme: Programme) -> None:
    if not any(map(_RELATED_OF, programme.conventions)):
        return
    known = {c.id for c in programme.conventions}
    listed: str | None = None  # written once, for the first relation at fault
    for c_index, convention in enumerate(programme.conventions):
        for r_index, relation in enumerate(convention.related):
            if relation.convention not in known:
                if listed is None:
                    listed = shown_list(sorted(known), "none")
                check.fail(
                    paths.field(
                        paths.item(
                            paths.field(paths.item(_CONVENTIONS, c_index), "related"), r_index
                        ),
                        "convention",
                    ),
                    f"the convention is related to {shown(relation.convention)}, which is not "
                    f"in the programme (its conventions are {listed})",
                    RELATED_CONVENTION,
                )


def _acts_made(check: Checker, programme: Programme) -> None:
    """Each commitment's act is an amendment of one of the conventions it covers."""
    if not any(map(_ACT_OF, programme.commitments)):
        return
    # With a repeated id (reported as such), the first convention is the reference.
    acts_of: dict[str, set[str]] = {}
    for convention in programme.conventions:
        acts_of.setdefault(convention.id, {a.id for a in convention.amendments})
    for index, commitment in enumerate(programme.commitments):
        act = commitment.act
        if act is None:
            continue
        if any(act in acts_of.get(c, ()) for c in commitment.conventions):
            continue
        check.fail(
            paths.field(paths.item(_COMMITMENTS, index), "act"),
            f"the commitment is made by {shown(act)}, which is not an amendment of the "
            f"conventions it covers ({shown_list(commitment.conventions, 'none')})",
            COMMITMENT_ACT,
        )


def _revisions_hold(check: Checker, programme: Programme) -> None:
    """Each revision replaces another commitment of its funder, and no chain comes round."""
    commitments = programme.commitments
    if not any(map(_REVISES_OF, commitments)):
        return
    by_id: dict[str, FundingCommitment] = {}
    for commitment in commitments:
        by_id.setdefault(commitment.id, commitment)
    places = {c.id: i for i, c in reversed(list(enumerate(commitments)))}
    linked: dict[str, str] = {}
    for index, commitment in enumerate(commitments):
        revised_id = commitment.revises
        if revised_id is None or revised_id == commitment.id:
            continue  # itself: the commitment's own rule reports it
        path = paths.field(paths.item(_COMMITMENTS, index), "revises")
        revised = by_id.get(revised_id)
        if revised is None:
            check.fail(
                path,
                f"the commitment revises {shown(revised_id)}, which is not a commitment of "
                f"the programme",
                COMMITMENT_REVISION,
            )
        elif revised.funder != commitment.funder:
            check.fail(
                path,
                f"the commitment of {shown(commitment.funder)} revises {shown(revised_id)}, "
                f"a commitment of {shown(revised.funder)}; a revision keeps the funder",
                COMMITMENT_REVISION,
            )
        elif by_id[commitment.id] is commitment:
            # With a repeated id (reported as such), the first commitment says what it revises.
            linked[commitment.id] = revised_id
    # Each chain is walked once: a commitment seen on an earlier walk ends the next one.
    done: set[str] = set()
    for start in linked:
        walk: list[str] = []
        on_walk: set[str] = set()
        current: str | None = start
        while current is not None and current not in done and current not in on_walk:
            walk.append(current)
            on_walk.add(current)
            current = linked.get(current)
        if current is not None and current in on_walk:
            circle = walk[walk.index(current) :]
            first = min(circle, key=places.__getitem__)
            chain = " → ".join(shown(i) for i in [*circle, current])
            check.fail(
                paths.field(paths.item(_COMMITMENTS, places[first]), "revises"),
                f"the revisions go round in a circle ({chain}); each revision replaces an "
                f"earlier commitment",
                COMMITMENT_REVISION,
            )
        done.update(walk)


# What describes a party, and must be the same wherever its id appears.
_DESCRIPTION = ("name", "kind", "territory", "siren")
_described = attrgetter(*_DESCRIPTION)


def _parties_agree(check: Checker, programme: Programme) -> None:
    # The first description of a party id is the reference; every later one must match.
    first: dict[str, tuple[str, Party]] = {}
    for c_index, convention in enumerate(programme.conventions):
        for p_index, party in enumerate(convention.parties):
            known = first.get(party.id)
            if known is None:
                first[party.id] = (_party_path(c_index, p_index), party)
                continue
            where, reference = known
            if _described(party) == _described(reference):
                continue
            differences = [
                f"{field} {_value(getattr(party, field))} instead of "
                f"{_value(getattr(reference, field))}"
                for field in _DESCRIPTION
                if getattr(party, field) != getattr(reference, field)
            ]
            check.fail(
                _party_path(c_index, p_index),
                f"party {shown(party.id)} is described differently from {where}: "
                + "; ".join(differences),
                PARTY_CONSISTENCY,
            )


def _party_path(c_index: int, p_index: int) -> str:
    return paths.item(paths.field(paths.item(_CONVENTIONS, c_index), "parties"), p_index)


def _value(value: str | PartyKind | None) -> str:
    # A kind by its value, as documents write it; None as Python writes it.
    if isinstance(value, PartyKind):
        return repr(value.value)
    return "None" if value is None else shown(value)


@attrs.frozen(kw_only=True, repr=False)
class Programme:
    """The conventions and funding commitments that carry out a policy over a *period*.

    Everything in it fits together: each convention and commitment lies within the
    period, each commitment covers conventions of the programme to which its funder is
    a party, and a party id names the same party in every convention.

    *partners* fund without being party to any convention (the Caisse des dépôts, social
    landlords); *matches* are the co-financing rules agreed (`Match`); *payments* what
    spending reports say was paid under each commitment (`Payment`).
    """

    id: str
    name: str
    period: Period
    strategy: Strategy | None = None
    conventions: tuple[Convention, ...] = attrs.field(default=(), converter=_conventions)
    commitments: tuple[FundingCommitment, ...] = attrs.field(default=(), converter=_commitments)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones)
    partners: tuple[Party, ...] = attrs.field(default=(), converter=_partners)
    matches: tuple[Match, ...] = attrs.field(default=(), converter=_matches)
    payments: tuple[Payment, ...] = attrs.field(default=(), converter=_payments)

    _rules: ClassVar[Rules] = Rules(
        id=SLUG,
        name=TEXT,
        period=instance_of(Period, "a Period"),
        strategy=optional_instance_of(Strategy, "a Strategy"),
        conventions=items_of(Convention, "convention id", attrgetter("id")),
        commitments=items_of(FundingCommitment, "commitment id", attrgetter("id")),
        milestones=items_of(Milestone, "milestone", attrgetter("on", "label")),
        partners=items_of(Party, "partner id", attrgetter("id")),
        matches=items_of(Match, "match id", attrgetter("id")),
        payments=items_of(Payment, "payment"),
        # Each runs once every field has passed its own rule.
        constraints=[
            Constraint(_conventions_within, needs=("period", "conventions"), after="payments"),
            Constraint(_commitments_within, needs=("period", "commitments"), after="payments"),
            Constraint(_parties_agree, needs=("conventions",), after="payments"),
            Constraint(
                funding_rules.commitments_covered,
                needs=("conventions", "commitments", "partners"),
                after="payments",
            ),
            Constraint(_amendment_ids_unique, needs=("conventions",), after="payments"),
            Constraint(_related_exist, needs=("conventions",), after="payments"),
            Constraint(_acts_made, needs=("conventions", "commitments"), after="payments"),
            Constraint(_revisions_hold, needs=("commitments",), after="payments"),
            Constraint(
                funding_rules.partners_apart,
                needs=("conventions", "partners"),
                after="payments",
                when="partners",
            ),
            Constraint(
                funding_rules.actions_funded,
                needs=("conventions", "commitments"),
                after="payments",
            ),
            Constraint(
                funding_rules.matches_hold,
                needs=("conventions", "commitments", "partners", "matches"),
                after="payments",
                when="matches",
            ),
            Constraint(
                funding_rules.payments_hold, needs=("commitments", "payments"), when="payments"
            ),
        ],
    )
    __attrs_post_init__ = _rules.post_init()

    # -- look-ups --------------------------------------------------------------------------

    def convention(self, convention_id: str) -> Convention:
        """The convention with id *convention_id*."""
        for convention in self.conventions:
            if convention.id == convention_id:
                return convention
        raise UnknownIdError.among(
            "convention", convention_id, self._where, (c.id for c in self.conventions)
        )

    def commitment(self, commitment_id: str) -> FundingCommitment:
        """The funding commitment with id *commitment_id*."""
        for commitment in self.commitments:
            if commitment.id == commitment_id:
                return commitment
        raise UnknownIdError.among(
            "commitment", commitment_id, self._where, (c.id for c in self.commitments)
        )

    @property
    def parties(self) -> tuple[Party, ...]:
        """Every party of the programme once, in order of first appearance."""
        seen: dict[str, Party] = {}
        for convention in self.conventions:
            for party in convention.parties:
                seen.setdefault(party.id, party)
        return tuple(seen.values())

    def party(self, party_id: str) -> Party:
        """The party with id *party_id*, the same in every convention it is party to, or
        the partner with that id."""
        for party in (*self.parties, *self.partners):
            if party.id == party_id:
                return party
        raise UnknownIdError.among(
            "party", party_id, self._where, (p.id for p in (*self.parties, *self.partners))
        )

    def commitments_for(self, convention_id: str) -> tuple[FundingCommitment, ...]:
        """The commitments that cover the convention *convention_id*."""
        self.convention(convention_id)  # an unknown convention is a mistake, not "none"
        return tuple(c for c in self.commitments if convention_id in c.conventions)

    def within(self, commitment_id: str) -> str | None:
        """The id of the commitment within which *commitment_id* lies, None if there is none.

        Of the commitments it lies within (`FundingCommitment.lies_within`), the smallest:
        the shortest period, then the fewest conventions, then one naming a priority
        rather than none, then the smallest id. Its money counts there, and only there.
        Only the commitments that count are nested: a commitment that another revises
        (`FundingCommitment.revises`) lies within none, and none lies within it.
        """
        standing = self._nesting().standings.get(commitment_id)
        if standing is None:
            raise UnknownIdError.among(
                "commitment", commitment_id, self._where, (c.id for c in self.commitments)
            )
        return standing.within

    def totals_by_funder(self) -> dict[str, Decimal]:
        """The committed amounts summed per funder id, money within another commitment once.

        A joint commitment (`FundingCommitment.co_funders`) is reported once, under its
        funders together (`FundingCommitment.funded_by`: ``cd-nord+region-hdf``), never
        split between them by guess.

        A commitment that lies within another adds nothing: its money is part of the
        amount of the one that holds it. A commitment that another revises adds nothing
        either: a revised commitment counts once, by its latest revision. Floors, exact
        sums and ceilings add alike.
        """
        standings = self._nesting().standings
        pairs = ((c.funded_by, c.amount) for c in self.commitments if standings[c.id].counted)
        return totals_by(pairs)

    def totals_by_year(self) -> dict[int, Decimal]:
        """The tranches summed per year, where known, money within another commitment once.

        The tranches of a commitment count unless it lies within one that has tranches of
        its own, whose full breakdown already holds them, or another commitment revises
        it, whose tranches replace them.
        """
        pairs = ((t.year, t.amount) for t in self._counted_tranches())
        return dict(sorted(totals_by(pairs).items()))

    def totals_by_convention(self) -> dict[str, Decimal]:
        """The tranches summed per convention id, where known, counted as in `totals_by_year`."""
        return totals_by((t.convention, t.amount) for t in self._counted_tranches())

    # -- its life -------------------------------------------------------------------------

    def as_of(self, day: dt.date) -> Programme:
        """The programme as it stood on *day*, a valid programme of its own.

        - The amendments signed after *day* are left out, so each convention's
          `~Convention.effective_period` is the one in force that day. An amendment whose
          day is unknown stands when one listed after it in its convention stands (they
          are in signature order, so it was signed before that one); otherwise nothing
          says it stood yet, and it is left out.
        - The commitments made by an amendment left out are left out.
        - A commitment revised by a commitment that stands is replaced by it: left out.
          The revision's ``revises`` is set to None in the returned state, since it
          would name a commitment absent from it; there it is simply the commitment in
          force (what it replaced is in this programme, and `history` shows the change).
        - Matching rules and payments follow the commitments: one under a commitment
          since revised is under the revision in force; one under a commitment not made
          yet is left out. A payment whose day is known and later than *day* is left
          out; one whose day is unknown stays. A payment that does not fit the revision
          in force (a year or convention it does not cover) is left out.
        - The conventions themselves, the partners, the milestones and the strategy stay
          as they are.

        On a day after every known signature every amendment stands (but those of
        unknown day listed after the last known one), and of each chain of revisions
        only the latest.

        >>> import datetime as dt
        >>> from bassin_minier.datasets import bassin_minier_2019
        >>> programme = bassin_minier_2019()
        >>> programme.as_of(dt.date(2020, 1, 1)) == programme  # no amendment, no revision
        True
        """
        from bassin_minier._model.history import as_of  # noqa: PLC0415 - on demand

        return as_of(self, day)

    def history(self, convention_id: str | None = None) -> tuple[Step, ...]:
        """What each signature changed: one `Step` per day an amendment was signed.

        Each step holds the day (*on*), the ids of the amendments that came to stand
        that day, and the changes (`bassin_minier.diff`) from the programme `as_of` the
        day before to the programme as of that day: an amendment's period, the
        commitments its act made, those they replace. With *convention_id*, only the
        days of that convention's amendments, and only the changes to it and to the
        commitments that cover it. Days go in order; a programme without a dated
        amendment has no step. See ``docs/history.md``.

        Each day costs two states of the whole programme and a `diff` between them:
        the time grows with the number of signature days times the programme's size.
        """
        from bassin_minier._model.history import history  # noqa: PLC0415 - on demand

        return history(self, convention_id)

    def _nesting(self) -> Nesting:
        # Worked out on first use, and its module loaded then: importing the package and
        # building programmes need neither.
        from bassin_minier._model.nesting import nesting_of  # noqa: PLC0415 - on demand

        return nesting_of(self)

    def _counted_tranches(self) -> Iterator[Tranche]:
        counted = self._nesting().counted_breakdowns
        for commitment in self.commitments:
            if commitment.id in counted:
                yield from commitment.tranches

    def __repr__(self) -> str:
        # One line that fits a terminal: the whole object is in to_json() or the summary.
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        counts = [
            d.count(len(self.conventions), "convention"),
            d.count(len(self.commitments), "commitment"),
            d.count(len(self.milestones), "milestone"),
        ]
        # What version 1 had no word for, only when there is some.
        for items, noun in (
            (self.partners, "partner"),
            (self.matches, "match"),
            (self.payments, "payment"),
        ):
            if items:
                counts.append(d.count(len(items), noun, "matches" if noun == "match" else None))
        what = f"{d.years(self.period)}: {', '.join(counts)}"
        return d.one_line(type(self).__name__, self.id, what)

    def _repr_html_(self) -> str:
        """Tables for Jupyter: conventions (their effective periods and amendments),
        commitments with their floor status (and acts, revisions and co-funders, when
        any), milestones, and the partners, matching rules and payments when it has any."""
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand
        from bassin_minier._model.wording import BASIS_WORDS  # noqa: PLC0415 - on demand

        names = {p.id: p.name for p in (*self.parties, *self.partners)}
        standings = self._nesting().standings
        # Acts and revisions take two columns only in the programmes that have them, and
        # co-funders one.
        acts = any(c.act is not None or c.revises is not None for c in self.commitments)
        joint = any(c.co_funders for c in self.commitments)
        parts = [d.heading(3, self.name, self.id), d.fields([("Period", d.escape(self.period))])]
        strategy = self.strategy
        if strategy is not None:
            axes = "<br>".join(d.escape(a.label) for a in strategy.axes)
            parts += [
                d.heading(4, "Strategy"),
                d.fields(
                    [
                        ("Name", d.escape(strategy.name)),
                        ("Presented on", d.unknown(strategy.presented_on)),
                        ("Axes", axes or "none known"),
                    ]
                ),
            ]
        parts += [
            d.heading(4, "Conventions"),
            d.table(
                [
                    "Id",
                    "Title",
                    "Kind",
                    "Territory",
                    "Period",
                    "Signed",
                    "Signatories",
                    "Amendments",
                ],
                (
                    [
                        d.code(c.id),
                        d.escape(c.title),
                        d.escape(c.kind.value),
                        d.escape(c.territory.name),
                        d.escape(c.effective_period)
                        + (" <em>(amended)</em>" if c.effective_period != c.period else ""),
                        d.escape(
                            " in ".join(str(x) for x in (c.signed_on, c.signed_at) if x) or "—"
                        ),
                        "<br>".join(
                            f"{d.escape(s.name)} ({d.escape(s.role)})" for s in c.signatories
                        )
                        or "<em>not known</em>",
                        d.escape(len(c.amendments)) if c.amendments else "—",
                    ]
                    for c in self.conventions
                ),
                "No convention.",
            ),
            d.heading(4, "Funding commitments and floors"),
            d.table(
                [
                    "Id",
                    "Funder",
                    "Basis",
                    "Amount",
                    "Period",
                    "Within",
                    "Broken down",
                    "Still missing",
                    *(["Act", "Revises"] if acts else []),
                    *(["Co-funders (funded by)"] if joint else []),
                ],
                (
                    [
                        d.code(c.id),
                        d.named(c.funder, names),
                        d.escape(BASIS_WORDS[c.basis].label),
                        d.figure(c.amount),
                        d.escape(c.period),
                        "—" if s.within is None else d.code(s.within),
                        d.figure(s.broken_down),
                        d.figure(s.shortfall),
                        *(
                            ["—" if x is None else d.code(x) for x in (c.act, c.revises)]
                            if acts
                            else []
                        ),
                        *([d.joint(c.co_funders, c.funded_by, names)] if joint else []),
                    ]
                    for c, s in ((c, standings[c.id]) for c in self.commitments)
                ),
                "No funding commitment.",
            ),
            d.heading(4, "Milestones"),
            d.table(
                ["On", "Milestone"],
                (
                    [d.escape(m.on.isoformat()), d.escape(m.label)]
                    for m in sorted(self.milestones, key=lambda m: m.on)
                ),
                "No milestone.",
            ),
        ]
        # What was agreed and paid, each only when there is some; not how far a match is
        # met nor what is left to pay: that is analysis.
        if self.partners:
            parts += d.partners_table((p.id, p.name, p.kind.value) for p in self.partners)
        if self.matches:
            parts += d.matches_table(
                (
                    (m.id, m.commitment, m.by, m.ratio, BASIS_WORDS[m.basis].label)
                    for m in self.matches
                ),
                names,
            )
        if self.payments:
            parts += d.payments_table(
                (p.commitment, p.year, p.convention, p.paid_on, p.amount) for p in self.payments
            )
        return d.page(parts)

    @property
    def _where(self) -> str:
        return f"programme {shown(self.id)}"
