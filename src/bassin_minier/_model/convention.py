"""`Convention`: one agreement between the State and local authorities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import attrgetter
from typing import ClassVar

import attrs

from bassin_minier._base import paths
from bassin_minier._base.errors import UnknownIdError
from bassin_minier._base.shown import shown, shown_list
from bassin_minier._model import coerce as _coerce
from bassin_minier._model.action import Action
from bassin_minier._model.amendment import Amendment
from bassin_minier._model.enums import ConventionKind
from bassin_minier._model.indicator import Indicator
from bassin_minier._model.party import Participant, Party, Signatory
from bassin_minier._model.period import Period
from bassin_minier._model.priority import Priority
from bassin_minier._model.relation import Relation
from bassin_minier._model.territory import Territory
from bassin_minier._rules.catalogue import (
    ACTION_LEAD,
    ACTION_PRIORITY,
    AMENDMENT_DATE,
    AMENDMENT_ORDER,
    INDICATOR_ACTION,
    RELATED_CONVENTION,
    SIGNATORY_PARTY,
    SIGNATURE_DATE,
)
from bassin_minier._rules.checker import Checker
from bassin_minier._rules.fields import (
    OPTIONAL_DATE,
    OPTIONAL_TEXT,
    SLUG,
    TEXT,
    Constraint,
    Rules,
    instance_of,
    items_of,
    member_of,
)

__all__ = ["Convention"]


def _parties(value: Sequence[Party]) -> tuple[Party, ...]:
    return _coerce.frozen(value)


def _signatories(value: Sequence[Signatory]) -> tuple[Signatory, ...]:
    return _coerce.frozen(value)


def _participants(value: Sequence[Participant]) -> tuple[Participant, ...]:
    return _coerce.frozen(value)


def _priorities(value: Sequence[Priority]) -> tuple[Priority, ...]:
    return _coerce.frozen(value)


def _amendments(value: Sequence[Amendment]) -> tuple[Amendment, ...]:
    return _coerce.frozen(value)


def _related(value: Sequence[Relation]) -> tuple[Relation, ...]:
    return _coerce.frozen(value)


def _actions(value: Sequence[Action]) -> tuple[Action, ...]:
    return _coerce.frozen(value)


def _indicators(value: Sequence[Indicator]) -> tuple[Indicator, ...]:
    return _coerce.frozen(value)


# What identifies an item of each collection, read in C.
_ID = attrgetter("id")
_NAME = attrgetter("name")
_NAME_AND_PARTY = attrgetter("name", "party")
_PARTY = attrgetter("party")
_SIGNED_ON = attrgetter("signed_on")
_AMENDMENTS = paths.field(paths.ROOT, "amendments")


def _signatories_represent_parties(check: Checker, convention: Convention) -> None:
    _check_signatories(check, convention, paths.ROOT, convention.signatories)


def _amendment_signatories_represent_parties(check: Checker, convention: Convention) -> None:
    for index, amendment in enumerate(convention.amendments):
        if amendment.signatories:
            where = paths.item(_AMENDMENTS, index)
            _check_signatories(check, convention, where, amendment.signatories)


def _check_signatories(
    check: Checker, convention: Convention, where: str, signatories: Sequence[Signatory]
) -> None:
    party_ids = set(map(_ID, convention.parties))
    if party_ids.issuperset(map(_PARTY, signatories)):
        return
    # Listed once for all the signatories at fault, however many there are.
    listed = shown_list(sorted(party_ids), "none yet")
    for index, signatory in enumerate(signatories):
        if signatory.party not in party_ids:
            check.fail(
                paths.field(paths.item(paths.field(where, "signatories"), index), "party"),
                f"{shown(signatory.name, quoted=False)} signs for {shown(signatory.party)}, "
                f"which is not a party to this convention (its parties are {listed})",
                SIGNATORY_PARTY,
            )


def _amendments_in_order(check: Checker, convention: Convention) -> None:
    """Amendments come in signature order, none signed before the convention itself.

    An amendment whose day is unknown takes its place from the list: it is compared with
    none.
    """
    amendments = convention.amendments
    if not amendments:
        return
    days = [day for day in map(_SIGNED_ON, amendments) if day is not None]
    signed_on = convention.signed_on
    if days == sorted(days) and (signed_on is None or not days or signed_on <= days[0]):
        return
    latest: tuple[dt.date, str] | None = None
    for index, amendment in enumerate(amendments):
        day = amendment.signed_on
        if day is None:
            continue
        where = paths.field(paths.item(_AMENDMENTS, index), "signed_on")
        if signed_on is not None and day < signed_on:
            check.fail(
                where,
                f"amendment {shown(amendment.id)} is signed on {day}, before the convention "
                f"itself ({signed_on})",
                AMENDMENT_DATE,
            )
        if latest is not None and day < latest[0]:
            check.fail(
                where,
                f"amendment {shown(amendment.id)} is signed on {day}, before amendment "
                f"{shown(latest[1])} listed ahead of it ({latest[0]}); expected the "
                f"amendments in the order they were signed",
                AMENDMENT_ORDER,
            )
        else:
            latest = (day, amendment.id)


def _not_related_to_itself(check: Checker, convention: Convention) -> None:
    for index, relation in enumerate(convention.related):
        if relation.convention == convention.id:
            check.fail(
                paths.field(paths.item(paths.field(paths.ROOT, "related"), index), "convention"),
                f"the convention is related to itself ({shown(convention.id)}); a relation "
                f"names another convention",
                RELATED_CONVENTION,
            )


def _actions_fit(check: Checker, convention: Convention) -> None:
    """Each action carries out a priority of the convention and is led by one of its parties."""
    priorities = set(map(_ID, convention.priorities))
    parties = set(map(_ID, convention.parties))
    # The usual case at once: every priority and lead named is the convention's.
    if {a.priority for a in convention.actions} - {None} <= priorities and {
        a.lead for a in convention.actions
    } - {None} <= parties:
        return
    # Each list is written once, for the first action at fault: not once per action.
    known_priorities = shown_list(sorted(priorities), "none")
    known_parties = shown_list(sorted(parties), "none")
    for index, action in enumerate(convention.actions):
        where = paths.item(paths.field(paths.ROOT, "actions"), index)
        if action.priority is not None and action.priority not in priorities:
            check.fail(
                paths.field(where, "priority"),
                f"action {shown(action.id)} carries out priority {shown(action.priority)}, "
                f"which is not a priority of this convention (its priorities are "
                f"{known_priorities})",
                ACTION_PRIORITY,
            )
        if action.lead is not None and action.lead not in parties:
            check.fail(
                paths.field(where, "lead"),
                f"action {shown(action.id)} is led by {shown(action.lead)}, which is not a "
                f"party to this convention (its parties are {known_parties})",
                ACTION_LEAD,
            )


def _indicators_measure_actions(check: Checker, convention: Convention) -> None:
    actions = set(map(_ID, convention.actions))
    if {i.action for i in convention.indicators} - {None} <= actions:
        return
    known = shown_list(sorted(actions), "none")  # written once, not once per indicator
    for index, indicator in enumerate(convention.indicators):
        if indicator.action is not None and indicator.action not in actions:
            check.fail(
                paths.field(paths.item(paths.field(paths.ROOT, "indicators"), index), "action"),
                f"indicator {shown(indicator.id)} measures action {shown(indicator.action)}, "
                f"which is not an action of this convention (its actions are {known})",
                INDICATOR_ACTION,
            )


def _signed_within_period(check: Checker, convention: Convention) -> None:
    signed_on = convention.signed_on
    if signed_on is not None and signed_on > convention.period.end:
        check.fail(
            paths.field(paths.ROOT, "signed_on"),
            f"the convention is signed on {signed_on}, after its period ends on "
            f"{convention.period.end}; expected a signature on or before the end",
            SIGNATURE_DATE,
        )


@attrs.frozen(kw_only=True, repr=False)
class Convention:
    """An agreement over a *territory* and a *period*, between *parties*.

    Every signatory represents one of the parties; *participants* were present at the
    signature without signing. *signed_on*, *signed_at* (the place) and *event* (the
    occasion) are None while unknown. *period* is the period as signed; *amendments*
    (in signature order) may set another one, and the last that does gives the
    `effective_period`. *related* links it to other conventions of its programme.
    *actions* are the pieces of work it is broken down into (« fiches actions ») and
    *indicators* what it measures, with targets and results.
    """

    id: str
    title: str
    kind: ConventionKind = attrs.field(converter=_coerce.convention_kind)
    territory: Territory
    parties: tuple[Party, ...] = attrs.field(default=(), converter=_parties)
    signatories: tuple[Signatory, ...] = attrs.field(default=(), converter=_signatories)
    participants: tuple[Participant, ...] = attrs.field(default=(), converter=_participants)
    priorities: tuple[Priority, ...] = attrs.field(default=(), converter=_priorities)
    period: Period
    signed_on: dt.date | None = None
    signed_at: str | None = None
    event: str | None = None
    amendments: tuple[Amendment, ...] = attrs.field(default=(), converter=_amendments)
    related: tuple[Relation, ...] = attrs.field(default=(), converter=_related)
    actions: tuple[Action, ...] = attrs.field(default=(), converter=_actions)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators)

    _rules: ClassVar[Rules] = Rules(
        id=SLUG,
        title=TEXT,
        kind=member_of(ConventionKind),
        territory=instance_of(Territory, "a Territory"),
        parties=items_of(Party, "party id", _ID),
        signatories=items_of(Signatory, "signatory", _NAME_AND_PARTY),
        participants=items_of(Participant, "participant", _NAME),
        priorities=items_of(Priority, "priority id", _ID),
        period=instance_of(Period, "a Period"),
        signed_on=OPTIONAL_DATE,
        signed_at=OPTIONAL_TEXT,
        event=OPTIONAL_TEXT,
        amendments=items_of(Amendment, "amendment id", _ID),
        related=items_of(Relation, "relation", attrgetter("kind", "convention")),
        actions=items_of(Action, "action id", _ID),
        indicators=items_of(Indicator, "indicator id", _ID),
        constraints=[
            Constraint(_signatories_represent_parties, needs=("parties", "signatories")),
            Constraint(_signed_within_period, needs=("period", "signed_on")),
            Constraint(
                _amendment_signatories_represent_parties,
                needs=("parties", "amendments"),
                when="amendments",
            ),
            Constraint(_amendments_in_order, needs=("signed_on", "amendments"), when="amendments"),
            Constraint(_not_related_to_itself, needs=("id", "related"), when="related"),
            Constraint(_actions_fit, needs=("parties", "priorities", "actions"), when="actions"),
            Constraint(
                _indicators_measure_actions, needs=("actions", "indicators"), when="indicators"
            ),
        ],
    )
    __attrs_post_init__ = _rules.post_init()

    def __repr__(self) -> str:
        # One line that fits a terminal: the whole object is in to_json() or the summary.
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        counts = [
            d.count(len(self.parties), "party", "parties"),
            d.count(len(self.signatories), "signatory", "signatories"),
            d.count(len(self.priorities), "priority", "priorities"),
        ]
        if self.amendments:
            counts.append(d.count(len(self.amendments), "amendment"))
        if self.actions:
            counts.append(d.count(len(self.actions), "action"))
        if self.indicators:
            counts.append(d.count(len(self.indicators), "indicator"))
        what = f"{self.kind.value} {d.years(self.period)}: {', '.join(counts)}"
        return d.one_line(type(self).__name__, self.id, what)

    def _repr_html_(self) -> str:
        """Tables for Jupyter: parties, signatories with their roles, priorities, and the
        amendments, related conventions, actions and indicators (their targets and results
        by year) when it has any."""
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        territory = self.territory
        names = {p.id: p.name for p in self.parties}
        effective = self.effective_period
        # The period it runs for now, when an amendment changed the one signed.
        amended = [("Effective period", d.escape(effective))] if effective != self.period else []
        parts = [
            d.heading(3, self.title, self.id),
            d.fields(
                [
                    ("Kind", d.escape(self.kind.value)),
                    (
                        "Territory",
                        f"{d.escape(territory.name)} "
                        f"({d.escape(territory.kind.value)} {d.escape(territory.code)})",
                    ),
                    ("Period", d.escape(self.period)),
                    *amended,
                    ("Signed on", d.unknown(self.signed_on)),
                    ("Signed at", d.unknown(self.signed_at)),
                    ("Event", d.unknown(self.event)),
                ]
            ),
            d.heading(4, "Parties"),
            d.table(
                ["Id", "Name", "Kind", "Territory", "SIREN"],
                (
                    [
                        d.code(p.id),
                        d.escape(p.name),
                        d.escape(p.kind.value),
                        d.escape(p.territory or ""),
                        d.escape(p.siren or ""),
                    ]
                    for p in self.parties
                ),
                "No party known.",
            ),
            d.heading(4, "Signatories"),
            d.table(
                ["Name", "Role", "For"],
                (
                    [d.escape(s.name), d.escape(s.role), d.named(s.party, names)]
                    for s in self.signatories
                ),
                "No signatory known.",
            ),
        ]
        if self.participants:
            parts += [
                d.heading(4, "Present without signing"),
                d.table(
                    ["Name", "Role"],
                    ([d.escape(p.name), d.escape(p.role)] for p in self.participants),
                    "",
                ),
            ]
        parts += [
            d.heading(4, "Priorities"),
            d.table(
                ["Priority", "Themes"],
                (
                    [f"{d.escape(p.label)} {d.code(p.id)}", d.escape(", ".join(p.themes))]
                    for p in self.priorities
                ),
                "No priority known.",
            ),
        ]
        if self.amendments:
            parts += [
                d.heading(4, "Amendments"),
                d.table(
                    ["Id", "Title", "Signed on", "Period set", "Signatories", "Note"],
                    (
                        [
                            d.code(a.id),
                            d.unknown(a.title),
                            d.unknown(a.signed_on),
                            "unchanged" if a.period is None else d.escape(a.period),
                            "<br>".join(
                                f"{d.escape(s.name)} ({d.escape(s.role)}), for "
                                f"{d.named(s.party, names)}"
                                for s in a.signatories
                            )
                            or "<em>not known</em>",
                            d.escape(a.note or ""),
                        ]
                        for a in self.amendments
                    ),
                    "",
                ),
            ]
        if self.related:
            parts += [
                d.heading(4, "Related conventions"),
                d.table(
                    ["Relation", "Convention"],
                    ([d.escape(r.kind.value), d.code(r.convention)] for r in self.related),
                    "",
                ),
            ]
        if self.actions:
            parts += [
                d.heading(4, "Actions"),
                d.table(
                    ["Action", "Priority", "Led by", "Description"],
                    (
                        [
                            f"{d.escape(a.label)} {d.code(a.id)}",
                            "—" if a.priority is None else d.code(a.priority),
                            "—" if a.lead is None else d.named(a.lead, names),
                            d.escape(a.description or ""),
                        ]
                        for a in self.actions
                    ),
                    "",
                ),
            ]
        if self.indicators:
            parts += [d.heading(4, "Indicators"), self._indicators_html()]
        return d.page(parts)

    def _indicators_html(self) -> str:
        # One row a year with a target or a result; the indicator's cells on its first row.
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        rows = []
        for indicator in self.indicators:
            baseline = indicator.baseline
            first = [
                f"{d.escape(indicator.label)} {d.code(indicator.id)}",
                d.escape(indicator.unit),
                "—" if indicator.action is None else d.code(indicator.action),
                "—"
                if baseline is None
                else f"{d.number(baseline.value)} ({d.escape(baseline.year)})",
            ]
            years = d.yearly(
                ((m.year, m.value) for m in indicator.targets),
                ((m.year, m.value) for m in indicator.results),
            )
            for index, (year, target, result) in enumerate(years or [(None, "—", "—")]):
                head = first if index == 0 else ["", "", "", ""]
                rows.append([*head, "—" if year is None else d.escape(year), target, result])
        headers = ["Indicator", "Unit", "Action", "Baseline", "Year", "Target", "Result"]
        return d.table(headers, rows, "")

    @property
    def effective_period(self) -> Period:
        """The period in force: the one the last amendment setting a period set, else *period*.

        >>> from bassin_minier import Amendment, Territory
        >>> cantal = Convention(
        ...     id="cantal", title="Convention d'appui", kind="departementale",
        ...     territory=Territory(code="15", name="Cantal", kind="departement"),
        ...     period=Period.from_years(2019, 2021),
        ...     amendments=[
        ...         Amendment(id="avenant-2020"),
        ...         Amendment(id="prolongation-2022", period=Period.from_years(2019, 2022)),
        ...     ])
        >>> cantal.effective_period.end
        datetime.date(2022, 12, 31)
        """
        for amendment in reversed(self.amendments):
            if amendment.period is not None:
                return amendment.period
        return self.period

    @property
    def periods(self) -> tuple[Period, ...]:
        """Every period the convention has had: *period*, then each one an amendment set."""
        return (self.period, *(a.period for a in self.amendments if a.period is not None))

    def amendment(self, amendment_id: str) -> Amendment:
        """The amendment with id *amendment_id*."""
        for amendment in self.amendments:
            if amendment.id == amendment_id:
                return amendment
        raise UnknownIdError.among(
            "amendment",
            amendment_id,
            f"convention {shown(self.id)}",
            (a.id for a in self.amendments),
        )

    def action(self, action_id: str) -> Action:
        """The action with id *action_id*."""
        for action in self.actions:
            if action.id == action_id:
                return action
        raise UnknownIdError.among(
            "action", action_id, f"convention {shown(self.id)}", (a.id for a in self.actions)
        )

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with id *indicator_id*."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise UnknownIdError.among(
            "indicator",
            indicator_id,
            f"convention {shown(self.id)}",
            (i.id for i in self.indicators),
        )

    def party(self, party_id: str) -> Party:
        """The party with id *party_id*."""
        for party in self.parties:
            if party.id == party_id:
                return party
        raise UnknownIdError.among(
            "party", party_id, f"convention {shown(self.id)}", (p.id for p in self.parties)
        )

    def priority(self, priority_id: str) -> Priority:
        """The priority with id *priority_id*."""
        for priority in self.priorities:
            if priority.id == priority_id:
                return priority
        raise UnknownIdError.among(
            "priority",
            priority_id,
            f"convention {shown(self.id)}",
            (p.id for p in self.priorities),
        )

    def signatories_for(self, party_id: str) -> tuple[Signatory, ...]:
        """The signatories who sign for the party *party_id* (empty while unknown)."""
        self.party(party_id)  # an unknown party is a mistake, not an empty answer
        return tuple(s for s in self.signatories if s.party == party_id)
