"""How programmes, conventions and commitments show themselves: a one-line text and HTML.

Jupyter calls ``_repr_html_`` on the objects, which import this module on first use, so
``import bassin_minier`` never loads it. Every piece of text that comes from the data goes
through `html.escape`: a name holding markup is shown as text, never run as markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from decimal import Decimal

from bassin_minier._model.convention import Convention
from bassin_minier._model.enums import Basis
from bassin_minier._model.funding import FundingCommitment
from bassin_minier._model.nesting import nesting_of
from bassin_minier._model.party import Party
from bassin_minier._model.period import Period
from bassin_minier._model.programme import Programme

__all__ = ["html_of", "short_text"]


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _years(period: Period) -> str:
    """``2019–2021`` for whole calendar years, the two days otherwise."""
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
        return str(period)
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def short_text(obj: Programme | Convention | FundingCommitment) -> str:
    """The one line `repr` gives for a programme, a convention or a commitment."""
    if isinstance(obj, Programme):
        counts = [
            _count(len(obj.conventions), "convention"),
            _count(len(obj.commitments), "commitment"),
            _count(len(obj.milestones), "milestone"),
        ]
        what = f"{_years(obj.period)}: {', '.join(counts)}"
    elif isinstance(obj, Convention):
        counts = [
            _count(len(obj.parties), "party", "parties"),
            _count(len(obj.signatories), "signatory", "signatories"),
            _count(len(obj.priorities), "priority", "priorities"),
        ]
        what = f"{obj.kind.value} {_years(obj.period)}: {', '.join(counts)}"
    else:
        breakdown = "no tranches" if not obj.tranches else _count(len(obj.tranches), "tranche")
        what = (
            f"{obj.funder} {obj.basis.value} {obj.amount:.2f} € {_years(obj.period)}: "
            f"{_count(len(obj.conventions), 'convention')}, {breakdown}"
        )
    return f"<{type(obj).__name__} {_cut(obj.id, 40)!r} {what}>"


# -- HTML -------------------------------------------------------------------------------------

_STYLE = (
    "<style>"
    ".bassin-minier table{border-collapse:collapse;margin:0.25em 0 0.75em 0}"
    ".bassin-minier th,.bassin-minier td{text-align:left;padding:0.15em 0.6em;"
    "vertical-align:top}"
    ".bassin-minier td.amount{text-align:right;font-variant-numeric:tabular-nums}"
    ".bassin-minier h3,.bassin-minier h4{margin:0.5em 0 0.2em 0}"
    "</style>"
)


_BASIS_WORDS = {
    Basis.AT_LEAST: "at least (floor)",
    Basis.EXACTLY: "exactly",
    Basis.AT_MOST: "at most (ceiling)",
}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _amount(amount: Decimal) -> str:
    # A no-break space groups thousands: the figure never wraps inside a table cell.
    return f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",") + "\u00a0€"


def _period(period: Period) -> str:
    return f"{period.start.isoformat()} – {period.end.isoformat()}"


class _Figure(str):
    """An escaped cell holding an amount, aligned to the right."""

    __slots__ = ()


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], empty: str) -> str:
    """A table of already escaped cells."""
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="amount">{cell}</td>' if isinstance(cell, _Figure) else f"<td>{cell}</td>"
            for cell in row
        )
        body.append(f"<tr>{cells}</tr>")
    if not body:
        return f"<p><em>{_e(empty)}</em></p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _fields(pairs: Iterable[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><th>{_e(label)}</th><td>{value}</td></tr>" for label, value in pairs)
    return f"<table><tbody>{rows}</tbody></table>"


def _money(amount: Decimal) -> str:
    return _Figure(_e(_amount(amount)))


def _party_name(party_id: str, parties: dict[str, Party]) -> str:
    party = parties.get(party_id)
    return _e(party_id) if party is None else f"{_e(party.name)} <code>{_e(party_id)}</code>"


def _unknown(value: object) -> str:
    return "<em>not known</em>" if value is None else _e(value)


def _convention_html(convention: Convention, level: int = 3) -> str:
    parties = {p.id: p for p in convention.parties}
    territory = convention.territory
    parts = [
        f"<h{level}>{_e(convention.title)} <code>{_e(convention.id)}</code></h{level}>",
        _fields(
            [
                ("Kind", _e(convention.kind.value)),
                (
                    "Territory",
                    f"{_e(territory.name)} ({_e(territory.kind.value)} {_e(territory.code)})",
                ),
                ("Period", _e(_period(convention.period))),
                ("Signed on", _unknown(convention.signed_on)),
                ("Signed at", _unknown(convention.signed_at)),
                ("Event", _unknown(convention.event)),
            ]
        ),
        f"<h{level + 1}>Parties</h{level + 1}>",
        _table(
            ["Id", "Name", "Kind", "Territory", "SIREN"],
            (
                [
                    f"<code>{_e(p.id)}</code>",
                    _e(p.name),
                    _e(p.kind.value),
                    _e(p.territory or ""),
                    _e(p.siren or ""),
                ]
                for p in convention.parties
            ),
            "No party known.",
        ),
        f"<h{level + 1}>Signatories</h{level + 1}>",
        _table(
            ["Name", "Role", "For"],
            (
                [_e(s.name), _e(s.role), _party_name(s.party, parties)]
                for s in convention.signatories
            ),
            "No signatory known.",
        ),
    ]
    if convention.participants:
        parts += [
            f"<h{level + 1}>Present without signing</h{level + 1}>",
            _table(
                ["Name", "Role"],
                ([_e(p.name), _e(p.role)] for p in convention.participants),
                "",
            ),
        ]
    parts += [
        f"<h{level + 1}>Priorities</h{level + 1}>",
        _table(
            ["Priority", "Themes"],
            (
                [f"{_e(p.label)} <code>{_e(p.id)}</code>", _e(", ".join(p.themes))]
                for p in convention.priorities
            ),
            "No priority known.",
        ),
    ]
    return "".join(parts)


def _tranches_html(commitment: FundingCommitment) -> str:
    if not commitment.tranches:
        return "<p><em>Not broken down by year yet.</em></p>"
    rows = [
        [_e(t.year), f"<code>{_e(t.convention)}</code>", _money(t.amount)]
        for t in sorted(commitment.tranches, key=lambda t: t.year)
    ]
    total = commitment.tranche_total
    assert total is not None  # there are tranches
    rows.append(["<strong>total</strong>", "", _money(total)])
    return _table(["Year", "Convention", "Amount"], rows, "")


def _commitment_html(commitment: FundingCommitment, parties: dict[str, Party]) -> str:
    return "".join(
        [
            f"<h3>Funding commitment <code>{_e(commitment.id)}</code></h3>",
            _fields(
                [
                    ("Funder", _party_name(commitment.funder, parties)),
                    (
                        "Amount",
                        _e(f"{_BASIS_WORDS[commitment.basis]} {_amount(commitment.amount)}"),
                    ),
                    ("Period", _e(_period(commitment.period))),
                    ("Conventions", _e(", ".join(commitment.conventions) or "none known")),
                    ("Priority", _unknown(commitment.priority)),
                ]
            ),
            "<h4>Tranches</h4>",
            _tranches_html(commitment),
        ]
    )


def _programme_html(programme: Programme) -> str:
    parties = {p.id: p for p in programme.parties}
    standings = nesting_of(programme).standings
    parts = [
        f"<h3>{_e(programme.name)} <code>{_e(programme.id)}</code></h3>",
        _fields([("Period", _e(_period(programme.period)))]),
    ]
    strategy = programme.strategy
    if strategy is not None:
        parts += [
            "<h4>Strategy</h4>",
            _fields(
                [
                    ("Name", _e(strategy.name)),
                    ("Presented on", _unknown(strategy.presented_on)),
                    ("Axes", "<br>".join(_e(a.label) for a in strategy.axes) or "none known"),
                ]
            ),
        ]
    parts += [
        "<h4>Conventions</h4>",
        _table(
            ["Id", "Title", "Kind", "Territory", "Period", "Signed", "Signatories"],
            (
                [
                    f"<code>{_e(c.id)}</code>",
                    _e(c.title),
                    _e(c.kind.value),
                    _e(c.territory.name),
                    _e(_period(c.period)),
                    _e(" in ".join(str(x) for x in (c.signed_on, c.signed_at) if x) or "—"),
                    "<br>".join(f"{_e(s.name)} ({_e(s.role)})" for s in c.signatories)
                    or "<em>not known</em>",
                ]
                for c in programme.conventions
            ),
            "No convention.",
        ),
        "<h4>Funding commitments and floors</h4>",
        _table(
            [
                "Id",
                "Funder",
                "Basis",
                "Amount",
                "Period",
                "Within",
                "Broken down",
                "Still missing",
            ],
            (
                [
                    f"<code>{_e(c.id)}</code>",
                    _party_name(c.funder, parties),
                    _e(_BASIS_WORDS[c.basis]),
                    _money(c.amount),
                    _e(_period(c.period)),
                    "—" if s.within is None else f"<code>{_e(s.within)}</code>",
                    _money(s.broken_down),
                    _money(s.shortfall),
                ]
                for c, s in ((c, standings[c.id]) for c in programme.commitments)
            ),
            "No funding commitment.",
        ),
        "<h4>Milestones</h4>",
        _table(
            ["On", "Milestone"],
            (
                [_e(m.on.isoformat()), _e(m.label)]
                for m in sorted(programme.milestones, key=lambda m: m.on)
            ),
            "No milestone.",
        ),
    ]
    return "".join(parts)


def html_of(obj: Programme | Convention | FundingCommitment) -> str:
    """The HTML Jupyter shows for *obj*: tables, every text from the data escaped."""
    if isinstance(obj, Programme):
        body = _programme_html(obj)
    elif isinstance(obj, Convention):
        body = _convention_html(obj)
    else:
        body = _commitment_html(obj, {})
    return f'<div class="bassin-minier">{_STYLE}{body}</div>'
