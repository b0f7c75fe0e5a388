"""The pieces objects show themselves with: a one-line text, and HTML tables for Jupyter.

Each model class lays out its own `repr` and ``_repr_html_`` from these pieces, handing
down plain values; this module knows no model class, so the classes import it (on first
use: ``import bassin_minier`` never loads it) and nothing imports them back. Every text
that comes from the data goes through `escape`: a name holding markup is shown as text,
never run as markup.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from bassin_minier._model.wording import NO_BREAK_SPACE, french_amount, year_span
from bassin_minier._rules.numbers import format_number

__all__ = [
    "Days",
    "code",
    "count",
    "escape",
    "fields",
    "figure",
    "heading",
    "joint",
    "matches_table",
    "money",
    "named",
    "number",
    "one_line",
    "page",
    "partners_table",
    "payments_table",
    "shortened",
    "table",
    "unknown",
    "yearly",
    "years",
]


class Days(Protocol):
    """A span of days, both ends included, whose `str` gives both: a `Period`."""

    @property
    def start(self) -> dt.date:
        """The first day."""

    @property
    def end(self) -> dt.date:
        """The last day."""


# -- one line ---------------------------------------------------------------------------------


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``1 convention``, ``3 conventions``; *plural* when adding an s will not do."""
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"


def years(days: Days) -> str:
    """``2019–2021`` for whole calendar years, the two days otherwise."""
    start, end = days.start, days.end
    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
        return str(days)
    return year_span(start.year, end.year)


def shortened(text: str, width: int) -> str:
    """*text* as it is when it fits in *width* characters, else cut to fit, ending in ``…``."""
    return text if len(text) <= width else text[: width - 1] + "…"


def one_line(kind: str, ident: str, what: str) -> str:
    """``<Kind 'id' what>``, the id cut short enough for the line to fit a terminal."""
    return f"<{kind} {shortened(ident, 40)!r} {what}>"


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


def escape(value: object) -> str:
    """The text of *value*, escaped: markup in it is shown, never run."""
    return html.escape(str(value), quote=True)


def code(value: object) -> str:
    """*value* escaped, in code type: an id or a code."""
    return f"<code>{escape(value)}</code>"


def unknown(value: object) -> str:
    """*value* escaped, or "not known" in italics when it is None."""
    return "<em>not known</em>" if value is None else escape(value)


def money(amount: Decimal) -> str:
    """*amount* in French, on one line: ``48 000 000,00 €`` with no-break spaces."""
    return french_amount(amount, space=NO_BREAK_SPACE)


class _Figure(str):
    """An escaped cell holding an amount, aligned to the right."""

    __slots__ = ()


def figure(amount: Decimal) -> str:
    """A table cell of *amount*, aligned to the right."""
    return _Figure(escape(money(amount)))


def number(value: Decimal) -> str:
    """A measured value or a ratio, escaped, exactly as held: ``0.5``, ``-3``, ``23000``."""
    # No thousands separator and no rounding: the value reads as the source wrote it.
    return escape(format_number(value))


def yearly(
    targets: Iterable[tuple[int, Decimal]], results: Iterable[tuple[int, Decimal]]
) -> list[tuple[int, str, str]]:
    """Each year with a target or a result, in order, beside both (``—`` where none)."""
    by_year: dict[int, list[str]] = {}
    for column, measures in enumerate((targets, results)):
        for year, value in measures:
            by_year.setdefault(year, ["—", "—"])[column] = number(value)
    return [(year, target, result) for year, (target, result) in sorted(by_year.items())]


def named(ident: str, names: Mapping[str, str]) -> str:
    """The name *names* gives *ident*, followed by the id; the id alone when it has none."""
    name = names.get(ident)
    return escape(ident) if name is None else f"{escape(name)} {code(ident)}"


def heading(level: int, text: str, ident: str | None = None) -> str:
    """A heading of *level* saying *text*, then *ident* in code type when given."""
    after = "" if ident is None else f" {code(ident)}"
    return f"<h{level}>{escape(text)}{after}</h{level}>"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], empty: str) -> str:
    """A table of already escaped cells under *headers*; *empty* in italics without rows."""
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="amount">{cell}</td>' if isinstance(cell, _Figure) else f"<td>{cell}</td>"
            for cell in row
        )
        body.append(f"<tr>{cells}</tr>")
    if not body:
        return f"<p><em>{escape(empty)}</em></p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def fields(pairs: Iterable[tuple[str, str]]) -> str:
    """A table of labels, each beside its already escaped value."""
    rows = "".join(f"<tr><th>{escape(label)}</th><td>{value}</td></tr>" for label, value in pairs)
    return f"<table><tbody>{rows}</tbody></table>"


def page(parts: Iterable[str]) -> str:
    """The HTML Jupyter shows: *parts* one after the other, with their style."""
    return f'<div class="bassin-minier">{_STYLE}{"".join(parts)}</div>'


# -- the shared money of a programme ------------------------------------------------------------


def joint(co_funders: Sequence[str], funded_by: str, names: Mapping[str, str]) -> str:
    """The co-funders of a commitment, each named, and whom totals report it under; ``—``
    for a commitment of its funder alone."""
    if not co_funders:
        return "—"
    listed = "<br>".join(named(party, names) for party in co_funders)
    return f"{listed}<br>({code(funded_by)})"


def partners_table(partners: Iterable[tuple[str, str, str]]) -> list[str]:
    """The heading and table of partners, each an id, a name and a kind."""
    rows = ([code(ident), escape(name), escape(kind)] for ident, name, kind in partners)
    return [
        heading(4, "Partners (funders party to no convention)"),
        table(["Id", "Name", "Kind"], rows, ""),
    ]


def matches_table(
    matches: Iterable[tuple[str, str, Sequence[str], Decimal, str]], names: Mapping[str, str]
) -> list[str]:
    """The heading and table of matching rules: id, commitment, parties, ratio, basis."""
    rows = (
        [
            code(ident),
            code(commitment),
            "<br>".join(named(party, names) for party in by),
            number(ratio),
            escape(basis),
        ]
        for ident, commitment, by, ratio, basis in matches
    )
    headers = ["Id", "Commitment", "Matched by", "Ratio", "Basis"]
    return [heading(4, "Matching rules"), table(headers, rows, "")]


def payments_table(
    payments: Iterable[tuple[str, int, str | None, dt.date | None, Decimal]],
) -> list[str]:
    """The heading and table of payments: commitment, year, convention, day paid, amount."""
    rows = (
        [
            code(commitment),
            escape(year),
            "—" if convention is None else code(convention),
            unknown(paid_on),
            figure(amount),
        ]
        for commitment, year, convention, paid_on, amount in payments
    )
    headers = ["Commitment", "Year", "Convention", "Paid on", "Amount"]
    return [heading(4, "Payments"), table(headers, rows, "")]
