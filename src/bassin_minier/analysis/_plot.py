"""Charts of a programme with matplotlib (the ``plot`` extra): funding by year, a timeline.

matplotlib is imported when a chart is drawn, never when the module is. Each function
draws on the Axes it is given, or on a new figure, and returns the Axes for further
styling; ``ax.figure.savefig("chart.png")`` (or ``.svg``) saves it. Amounts become floats
here, for drawing only: the exact figures are in `bassin_minier.analysis`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import textwrap
from decimal import Decimal
from typing import Any

from bassin_minier._base.errors import MissingExtraError
from bassin_minier._model.display import shortened
from bassin_minier._model.enums import Basis
from bassin_minier._model.programme import Programme
from bassin_minier._model.wording import (
    BASIS_WORDS,
    NARROW_NO_BREAK_SPACE,
    french_amount,
    year_span,
)
from bassin_minier.analysis._rows import totals, tranche_rows

__all__ = ["funding_by_year", "timeline"]

#: The text shown on a funding chart when no tranche is known.
NO_BREAKDOWN = "No yearly breakdown known"
_LABEL_WIDTH = 45
# Up to this many years, each has its labelled tick; beyond, matplotlib picks a few round
# years, as thousands of ticks would be unreadable and take seconds to build.
_YEAR_TICKS = 20
# Names and labels come from the data: a "$" in them is text, never matplotlib's mathtext
# (which would mangle "$x$" and fail on "a $ b ^"). Every text the charts draw gets this.
_PLAIN = {"parse_math": False}
# Titles are wrapped here, not by matplotlib, whose wrapping measures words as mathtext
# whatever parse_math says (and so fails on a "$" in a name).
_TITLE_WIDTH = 70


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415 - optional, and heavy to import
    except ImportError as exc:
        raise MissingExtraError(
            "charts need matplotlib: install it with pip install 'bassin-minier[plot]'"
        ) from exc
    return plt


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    _, new = _pyplot().subplots(figsize=size, layout="constrained")
    return new


def _title(ax: Any, text: str) -> None:
    ax.set_title("\n".join(textwrap.wrap(text, _TITLE_WIDTH)), fontsize="medium", **_PLAIN)


def _legend(ax: Any, **options: Any) -> None:
    legend = ax.legend(**options)
    for text in legend.get_texts():
        text.set(**_PLAIN)


def _euros(amount: Decimal) -> float:
    return float(amount)


def _millions(value: float, _position: object = None) -> str:
    # A figure that rounds to whole millions drops its ",0": "48 M€", but "2,5 M€".
    text = french_amount(value / 1e6, space=NARROW_NO_BREAK_SPACE, euro=False, places=1)
    return f"{text.removesuffix(',0')} M€"


def funding_by_year(programme: Programme, *, ax: Any = None) -> Any:
    """Bars of the money known per year, stacked by convention, with every budget floor.

    Each bar stacks the tranches of one year, one colour per convention (labelled with its
    id). A floor (a commitment ``at_least`` an amount over several years) is a horizontal
    dashed line at its amount, and a step line shows the money known so far, year after
    year, to compare with it. When no tranche is known the chart says so and still draws
    the floors. Returns the Axes.
    """
    _pyplot()  # a clear error before anything is drawn
    from matplotlib.ticker import (  # noqa: PLC0415 - optional
        FuncFormatter,
        MaxNLocator,
        StrMethodFormatter,
    )

    ax = _axes(ax, (10, 4.5))
    years = list(programme.period.years)
    rows = tranche_rows(programme)
    by_cell = totals(rows, ("convention", "year"))
    conventions = list(dict.fromkeys(row.convention for row in rows))
    bottoms = [0.0] * len(years)
    for convention in conventions:
        heights = [_euros(by_cell.get((convention, year), Decimal(0))) for year in years]
        ax.bar(years, heights, bottom=bottoms, label=convention, width=0.6)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    if rows:
        by_year = totals(rows, "year")
        running: list[float] = []
        so_far = Decimal(0)
        for year in years:
            so_far += by_year.get(year, Decimal(0))
            running.append(_euros(so_far))
        ax.plot(years, running, marker="o", color="0.3", label="known so far (cumulative)")
    else:
        ax.text(
            0.5,
            0.5,
            NO_BREAKDOWN,
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize="large",
            color="0.4",
            **_PLAIN,
        )
    floor = BASIS_WORDS[Basis.AT_LEAST]
    # A floor that another commitment revises was replaced: only the revision is drawn.
    revised = {c.revises for c in programme.commitments if c.revises is not None}
    for commitment in programme.commitments:
        if commitment.basis is not Basis.AT_LEAST or commitment.id in revised:
            continue
        span = commitment.period.years
        amount = _millions(_euros(commitment.amount))
        label = f"{floor.bound} {commitment.id}: {floor.qualifier} {amount}"
        if len(span) > 1:
            label += f" over {year_span(span[0], span[-1])}"
        ax.axhline(_euros(commitment.amount), linestyle="--", color="firebrick", label=label)
    if len(years) <= _YEAR_TICKS:
        ax.set_xticks(years, [str(y) for y in years])
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:.0f}"))
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.yaxis.set_major_formatter(FuncFormatter(_millions))
    ax.set_ylim(0, max(ax.get_ylim()[1], 1.0) * 1.1)  # room above the highest floor
    ax.set_xlabel("year")
    ax.set_ylabel("euros")
    _title(ax, f"Funding by year — {programme.name}")
    if ax.get_legend_handles_labels()[0]:
        _legend(ax, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def timeline(programme: Programme, *, ax: Any = None) -> Any:
    """The programme's milestones and the conventions' signatures on one time axis.

    Milestones are drawn on an upper row, signatures (one per convention with a known
    date, labelled with its id and place) on a lower row; the programme's period is
    shaded. Returns the Axes.
    """
    _pyplot()
    # Typed as Any: parts of matplotlib.dates carry no annotations.
    mdates: Any = importlib.import_module("matplotlib.dates")

    ax = _axes(ax, (9, 4))
    rows: list[tuple[float, str, list[tuple[dt.date, str]]]] = [
        (1.0, "milestones", sorted((m.on, m.label) for m in programme.milestones)),
        (
            0.0,
            "signatures",
            sorted(
                (c.signed_on, c.id + (f", {c.signed_at}" if c.signed_at else ""))
                for c in programme.conventions
                if c.signed_on is not None
            ),
        ),
    ]
    for level, name, events in rows:
        days = [day for day, _ in events]
        marker = "o" if name == "milestones" else "s"
        ax.plot(days, [level] * len(days), marker, label=name, markersize=8, linestyle="none")
        for index, (day, text) in enumerate(events):
            # Alternate above and below so neighbours' labels do not overlap.
            offset = 0.18 if index % 2 == 0 else -0.18
            ax.annotate(
                shortened(text, _LABEL_WIDTH),
                (day, level),
                xytext=(day, level + offset),
                ha="left",
                va="center",
                fontsize="x-small",
                rotation=12,
                **_PLAIN,
            )
    period = programme.period
    ax.axvspan(period.start, period.end, color="0.92", label=f"programme {period}", zorder=0)
    ax.set_yticks([0.0, 1.0], ["signatures", "milestones"])
    ax.set_ylim(-0.6, 1.6)
    # One tick a year, or every few years on a long period (see _YEAR_TICKS).
    every = -(-len(period.years) // _YEAR_TICKS)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=every))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    _title(ax, f"Timeline — {programme.name}")
    _legend(ax, fontsize="small", loc="lower right")
    return ax
