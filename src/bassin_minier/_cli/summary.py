"""The plain-text summary ``bassin-minier show`` prints: headings, fields and lists."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import bassin_minier as bm
from bassin_minier._model.nesting import Standing, nesting_of
from bassin_minier._model.wording import BASIS_WORDS, french_amount

__all__ = ["WIDTH", "summary"]

#: Output fits a terminal of this many columns (words longer than a line excepted).
WIDTH = 100

_LABEL = 15  # the column where field values start, after the indentation


class _Page:
    """Lines of plain text, wrapped to `WIDTH` columns."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def heading(self, title: str, rule: str = "=") -> None:
        if self.lines:
            self.lines.append("")
        self.lines += [title, rule * len(title)]

    def text(self, text: str, indent: int = 0, hang: int = 0) -> None:
        self.lines += _wrap(text, " " * indent, " " * (indent + hang))

    def field(self, label: str, value: str, indent: int = 2) -> None:
        first = " " * indent + f"{label}:".ljust(_LABEL)
        self.lines += _wrap(value, first, " " * (indent + _LABEL))

    def bullets(self, label: str, items: Sequence[Sequence[str]], indent: int = 2) -> None:
        """A field holding a list; each item is a first line and continuation lines."""
        if not items:
            self.field(label, "none known", indent)
            return
        self.lines.append(" " * indent + f"{label}:")
        for first, *more in items:
            self.text(f"- {first}", indent + 2, hang=2)
            for line in more:
                self.text(line, indent + 4)


def _wrap(text: str, first: str, rest: str) -> list[str]:
    # Ids and codes are hyphenated words that must stay whole to be searched for.
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def summary(obj: object) -> list[str]:
    """The lines `bassin-minier show` prints for *obj*."""
    page = _Page()
    describe = _DESCRIBERS.get(type(obj))
    if describe is None:
        return bm.to_json(obj, indent=2).splitlines()
    describe(page, obj)
    _describe_gaps(page, bm.gaps(obj))
    return page.lines


def _describe_programme(page: _Page, programme: bm.Programme) -> None:
    page.heading(f"Programme {programme.id}")
    page.field("Name", programme.name)
    page.field("Period", _period(programme.period))
    if programme.strategy is None:
        page.heading("Strategy")
        page.text("not known", indent=2)
    else:
        _describe_strategy(page, programme.strategy)
    names = _territory_names(programme)
    parties = {p.id: p for p in (*programme.parties, *programme.partners)}
    page.heading(f"Conventions ({len(programme.conventions)})")
    for convention in programme.conventions:
        _describe_convention(page, convention, names, rule="-")
    page.heading(f"Funding commitments ({len(programme.commitments)})")
    standings = nesting_of(programme).standings
    revised_by: dict[str, list[str]] = {}
    for commitment in programme.commitments:
        if commitment.revises is not None:
            revised_by.setdefault(commitment.revises, []).append(commitment.id)
    for commitment in programme.commitments:
        _describe_commitment(
            page,
            commitment,
            parties,
            "-",
            standings[commitment.id],
            revised_by=revised_by.get(commitment.id, ()),
        )
    page.heading(f"Milestones ({len(programme.milestones)})")
    for milestone in sorted(programme.milestones, key=lambda m: m.on):
        page.text(f"{milestone.on.isoformat()}  {milestone.label}", indent=2, hang=12)
    _describe_shared_money(page, programme, parties)


def _describe_shared_money(
    page: _Page, programme: bm.Programme, parties: dict[str, bm.Party]
) -> None:
    """Partners, matching rules and payments, each only when there are some.

    What was agreed and what was paid, as the data says it: how far a match is met or a
    commitment paid is analysis (``bassin_minier.analysis``), not part of the summary.
    """
    if programme.partners:
        page.heading(f"Partners ({len(programme.partners)})")
        page.text("Funders party to no convention:", indent=2)
        for partner in programme.partners:
            page.text(f"- {_party(partner)}", indent=2, hang=2)
    if programme.matches:
        page.heading(f"Matching rules ({len(programme.matches)})")
        for match in programme.matches:
            by = ", ".join(_party_name(p, parties) for p in match.by)
            words = BASIS_WORDS[match.basis]
            page.text(
                f"- {match.id}: {by} commit {words.qualifier} {match.ratio:f} × commitment "
                f"{match.commitment}, over the same conventions and years",
                indent=2,
                hang=2,
            )
    if programme.payments:
        page.heading(f"Payments ({len(programme.payments)})")
        for payment in programme.payments:
            details = [f"for {payment.year}"]
            if payment.convention is not None:
                details.append(f"through {payment.convention}")
            paid_on = payment.paid_on
            details.append("day paid not known" if paid_on is None else f"paid on {paid_on}")
            page.text(
                f"- {french_amount(payment.amount)} under {payment.commitment}, "
                f"{', '.join(details)}",
                indent=2,
                hang=2,
            )


def _describe_strategy(page: _Page, strategy: bm.Strategy) -> None:
    page.heading("Strategy")
    page.field("Name", strategy.name)
    page.field("Presented on", _date(strategy.presented_on))
    page.bullets("Axes", [_priority(axis) for axis in strategy.axes])


def _describe_convention(
    page: _Page,
    convention: bm.Convention,
    territory_names: dict[str, str] | None = None,
    rule: str = "=",
) -> None:
    page.heading(f"Convention {convention.id}", rule)
    page.field("Title", convention.title)
    page.field("Kind", str(convention.kind))
    page.field("Territory", _territory(convention.territory, territory_names or {}))
    page.field("Period", _period(convention.period))
    effective = convention.effective_period
    if effective != convention.period:
        # The last amendment that sets a period is the one in force.
        setter = next(a for a in reversed(convention.amendments) if a.period is not None)
        page.field("Effective", f"{_period(effective)} (set by amendment {setter.id})")
    page.field("Signed on", _date(convention.signed_on))
    page.field("Signed at", convention.signed_at or "not known")
    page.field("Event", convention.event or "not known")
    parties = {p.id: p for p in convention.parties}
    page.bullets("Parties", [[_party(p)] for p in convention.parties])
    signatories = [
        [f"{s.name}, for {_party_name(s.party, parties)}", s.role] for s in convention.signatories
    ]
    page.bullets("Signatories", signatories)
    page.bullets("Participants", [[p.name, p.role] for p in convention.participants])
    page.bullets("Priorities", [_priority(p) for p in convention.priorities])
    if convention.amendments:
        page.bullets("Amendments", [_amendment(a, parties) for a in convention.amendments])
    if convention.related:
        page.bullets("Related", [[f"{r.kind} {r.convention}"] for r in convention.related])
    if convention.actions:
        page.bullets("Actions", [_action(a, parties) for a in convention.actions])
    if convention.indicators:
        page.bullets("Indicators", [_indicator(i) for i in convention.indicators])


def _describe_commitment(
    page: _Page,
    commitment: bm.FundingCommitment,
    parties: dict[str, bm.Party] | None = None,
    rule: str = "=",
    standing: Standing | None = None,
    *,
    revised_by: Sequence[str] = (),
) -> None:
    words = BASIS_WORDS[commitment.basis]
    page.heading(f"Funding commitment {commitment.id}", rule)
    page.field("Funder", _party_name(commitment.funder, parties or {}))
    if commitment.co_funders:
        co_funders = ", ".join(_party_name(f, parties or {}) for f in commitment.co_funders)
        page.field(
            "Co-funders",
            f"{co_funders} (jointly; totals count it under {commitment.funded_by}, never split)",
        )
    page.field("Amount", f"{words.qualifier} {french_amount(commitment.amount)} ({words.bound})")
    page.field("Period", _period(commitment.period))
    page.field("Conventions", ", ".join(commitment.conventions) or "none known")
    if commitment.priority is not None:
        page.field("Priority", commitment.priority)
    if commitment.act is not None:
        page.field("Made by", f"amendment {commitment.act}")
    if commitment.revises is not None:
        page.field("Revises", f"{commitment.revises} (replaced from its act on)")
    if commitment.action is not None:
        page.field("Action", commitment.action)
    if revised_by:
        page.field("Revised by", ", ".join(revised_by))
    if standing is not None and standing.within is not None:
        page.field("Within", f"{standing.within} (its money counts there)")
    if not commitment.tranches:
        if standing is not None and standing.known_from == "commitments":
            known = french_amount(standing.broken_down)
            page.field("Tranches", f"none of its own; {known} broken down within it")
        else:
            page.field("Tranches", "not broken down by year yet")
        return
    page.text("Tranches by year:", indent=2)
    for year, amount in commitment.by_year().items():
        page.text(f"{year:<8}{french_amount(amount):>22}", indent=4)
    total = commitment.tranche_total
    assert total is not None  # there are tranches
    page.text(f"{'total':<8}{french_amount(total):>22}", indent=4)
    spent_later = [
        [f"{t.year} through {t.convention}: until {t.spend_by.isoformat()}"]
        for t in commitment.tranches
        if t.spend_by is not None
    ]
    if spent_later:
        page.bullets("Spend by", spent_later)


def _describe_gaps(page: _Page, gaps: Sequence[bm.Gap]) -> None:
    page.heading(f"Completeness gaps ({len(gaps)})")
    if not gaps:
        page.text("Nothing is missing.", indent=2)
        return
    page.text("What the data does not say yet (the data is valid all the same):", indent=2)
    for gap in gaps:
        page.text(f"- {gap.path}: {gap.message}", indent=2, hang=2)


_DESCRIBERS: dict[type[Any], Callable[[_Page, Any], None]] = {
    bm.Programme: _describe_programme,
    bm.Strategy: _describe_strategy,
    bm.Convention: _describe_convention,
    bm.FundingCommitment: _describe_commitment,
}


# -- one value as text ------------------------------------------------------------------------


def _period(period: bm.Period) -> str:
    return f"{period.start.isoformat()} to {period.end.isoformat()}"


def _date(day: object) -> str:
    return "not known" if day is None else str(day)


def _territory_names(programme: bm.Programme) -> dict[str, str]:
    return {c.territory.code: c.territory.name for c in programme.conventions}


def _territory(territory: bm.Territory, names: dict[str, str]) -> str:
    text = f"{territory.name} (code {territory.code}, {territory.kind})"
    if territory.within:
        within = (
            f"{code} ({names[code]})" if code in names else code for code in territory.within
        )
        text += f", within {', '.join(within)}"
    return text


def _party(party: bm.Party) -> str:
    details = [str(party.kind)]
    if party.territory is not None:
        details.append(f"territory {party.territory}")
    if party.siren is not None:
        details.append(f"SIREN {party.siren}")
    return f"{party.name} [{party.id}], {', '.join(details)}"


def _party_name(party_id: str, parties: dict[str, bm.Party]) -> str:
    party = parties.get(party_id)
    return party_id if party is None else f"{party.name} [{party_id}]"


def _amendment(amendment: bm.Amendment, parties: dict[str, bm.Party]) -> list[str]:
    lines = [f"{amendment.title or 'untitled'} [{amendment.id}]"]
    lines.append(f"signed on: {_date(amendment.signed_on)}")
    if amendment.period is None:
        lines.append("period: unchanged")
    else:
        lines.append(f"period set: {_period(amendment.period)}")
    lines.extend(
        f"signed by: {s.name}, {s.role}, for {_party_name(s.party, parties)}"
        for s in amendment.signatories
    )
    if amendment.note is not None:
        lines.append(f"note: {amendment.note}")
    return lines


def _priority(priority: bm.Priority) -> list[str]:
    lines = [f"{priority.label} [{priority.id}]"]
    if priority.themes:
        lines.append(f"themes: {', '.join(priority.themes)}")
    return lines


def _action(action: bm.Action, parties: dict[str, bm.Party]) -> list[str]:
    lines = [f"{action.label} [{action.id}]"]
    if action.priority is not None:
        lines.append(f"priority: {action.priority}")
    if action.lead is not None:
        lines.append(f"led by: {_party_name(action.lead, parties)}")
    if action.description is not None:
        lines.append(action.description)
    return lines


def _indicator(indicator: bm.Indicator) -> list[str]:
    lines = [f"{indicator.label} [{indicator.id}], in {indicator.unit}"]
    if indicator.action is not None:
        lines.append(f"measures action: {indicator.action}")
    baseline = indicator.baseline
    if baseline is not None:
        lines.append(f"baseline {baseline.year}: {baseline.value:f}")
    targets = {m.year: m.value for m in indicator.targets}
    results = {m.year: m.value for m in indicator.results}
    for year in sorted(targets.keys() | results.keys()):
        target, result = targets.get(year), results.get(year)
        lines.append(
            f"{year}: target {'not set' if target is None else f'{target:f}'}, "
            f"result {'not known' if result is None else f'{result:f}'}"
        )
    return lines
