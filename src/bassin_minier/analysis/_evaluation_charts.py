"""Charts of what was promised and delivered: committed against paid, targets against results.

Like the other charts (``_plot``), they import matplotlib when drawn, draw on the Axes
given or on a new figure, and return the Axes. Figures become floats for drawing only; the
exact ones are in `execution` and `indicator_progress`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bassin_minier._model.nesting import nesting_of
from bassin_minier._model.programme import Programme
from bassin_minier._rules.money import total
from bassin_minier.analysis._counting import homes
from bassin_minier.analysis._execution import ExecutionRow, execution
from bassin_minier.analysis._plot import (
    _PLAIN,
    _YEAR_TICKS,
    _axes,
    _euros,
    _legend,
    _millions,
    _pyplot,
    _title,
)

__all__ = [
    "NO_COMMITMENT",
    "NO_MEASURE",
    "WHOLE_PERIOD",
    "committed_vs_paid",
    "targets_vs_results",
]

#: The label, on a chart of committed and paid money, of the commitments known for their
#: whole period only (without tranches): their money has no year.
WHOLE_PERIOD = "whole period"
#: The text shown on a chart of committed and paid money when nothing is committed.
NO_COMMITMENT = "No commitment known"
#: The text shown on an indicator's chart when it has no baseline, target or result.
NO_MEASURE = "No baseline, target or result known"
_WIDTH = 0.38


def _note(ax: Any, text: str) -> None:
    ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize="large",
        color="0.4",
        **_PLAIN,
    )


def _year_axis(ax: Any, positions: Sequence[float], names: dict[float, str]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415 - optional

    if len(positions) <= _YEAR_TICKS:
        ax.set_xticks(list(positions), [names.get(p, f"{p:.0f}") for p in positions], **_PLAIN)
    else:
        # A few round years, as for the funding chart; a named slot keeps its name.
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: names.get(x, f"{x:.0f}")))


def committed_vs_paid(
    programme: Programme, *, commitment: str | None = None, ax: Any = None
) -> Any:
    """Bars of the money committed and paid per year, side by side (`execution`).

    For each year, the tranches committed then and the payments counted for it. Money of
    commitments without tranches, known for their whole period only, is one more pair of
    bars, labelled `WHOLE_PERIOD`, after the years. Where no payment is reported for a
    commitment, its committed money is drawn as a hatched outline, ``paid not reported``,
    on top of what is known paid: an unknown is not drawn as zero. With *commitment* (an
    id), only the commitment under which its money counts (itself, its latest revision or
    the commitment that holds it) is drawn. Returns the Axes.
    """
    _pyplot()  # a clear error before anything is drawn
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415 - optional

    ax = _axes(ax, (10, 4.5))
    rows = execution(programme)
    title = f"Committed and paid — {programme.name}"
    if commitment is not None:
        programme.commitment(commitment)  # an unknown id is a mistake, not an empty chart
        home = homes(nesting_of(programme).standings)[commitment]
        rows = tuple(row for row in rows if row.commitment == home)
        title = f"Committed and paid — {home}"
        if home != commitment:
            title += f", where {commitment} counts"
    slots: dict[int | None, list[ExecutionRow]] = {}
    for row in rows:
        slots.setdefault(row.year, []).append(row)
    years = sorted(year for year in slots if year is not None)
    positions: dict[int | None, float] = {year: float(year) for year in years}
    if None in slots:
        positions[None] = float(years[-1] + 2 if years else programme.period.start.year)
    order = [*years, *([None] if None in slots else [])]
    x = [positions[slot] for slot in order]
    committed = [_euros(total(r.committed for r in slots[slot])) for slot in order]
    known = [slot for slot in order if any(r.paid is not None for r in slots[slot])]
    paid = {slot: total(r.paid for r in slots[slot] if r.paid is not None) for slot in known}
    unreported = {
        slot: total(r.committed for r in slots[slot] if r.paid is None)
        for slot in order
        if any(r.paid is None for r in slots[slot])
    }
    if order:
        ax.bar([p - _WIDTH / 2 for p in x], committed, width=_WIDTH, label="committed")
        ax.bar(
            [positions[slot] + _WIDTH / 2 for slot in known],
            [_euros(paid[slot]) for slot in known],
            width=_WIDTH,
            label="paid",
        )
        if unreported:
            ax.bar(
                [positions[slot] + _WIDTH / 2 for slot in unreported],
                [_euros(amount) for amount in unreported.values()],
                bottom=[_euros(paid.get(slot, Decimal(0))) for slot in unreported],
                width=_WIDTH,
                fill=False,
                hatch="//",
                edgecolor="0.4",
                label="paid not reported",
            )
        _year_axis(ax, x, {positions[None]: WHOLE_PERIOD} if None in positions else {})
        ax.set_xlim(min(x) - 0.6, max(x) + 0.6)
    else:
        _note(ax, NO_COMMITMENT)
    ax.yaxis.set_major_formatter(FuncFormatter(_millions))
    ax.set_ylim(0, max(ax.get_ylim()[1], 1.0) * 1.1)
    ax.set_xlabel("year")
    ax.set_ylabel("euros")
    _title(ax, title)
    if ax.get_legend_handles_labels()[0]:
        _legend(ax, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def targets_vs_results(
    programme: Programme, convention: str, indicator: str, *, ax: Any = None
) -> Any:
    """An indicator's targets and results year by year, with its baseline.

    The targets are a dashed line, the results a solid one, each point a year with a
    value; the baseline is a diamond at its year and a dotted horizontal line at its
    value. A year without target or result has no point: nothing is drawn for what is
    not known. The y axis is in the indicator's unit. Raises `UnknownIdError` for an
    unknown convention or indicator. Returns the Axes.
    """
    _pyplot()
    found = programme.convention(convention).indicator(indicator)
    ax = _axes(ax, (8, 4.5))
    years: set[int] = set()
    for label, measures, style in (
        ("target", found.targets, {"linestyle": "--", "marker": "o"}),
        ("result", found.results, {"linestyle": "-", "marker": "s"}),
    ):
        if measures:
            ordered = sorted(measures, key=lambda m: m.year)
            years.update(m.year for m in ordered)
            ax.plot(
                [m.year for m in ordered], [float(m.value) for m in ordered], label=label, **style
            )
    baseline = found.baseline
    if baseline is not None:
        years.add(baseline.year)
        ax.axhline(float(baseline.value), linestyle=":", color="0.5", label="baseline level")
        ax.plot(
            [baseline.year],
            [float(baseline.value)],
            marker="D",
            linestyle="none",
            color="0.3",
            label=f"baseline ({baseline.year})",
        )
    if years:
        ordered_years = sorted(years)
        _year_axis(ax, [float(y) for y in ordered_years], {})
        ax.set_xlim(ordered_years[0] - 0.5, ordered_years[-1] + 0.5)
        _legend(ax, fontsize="small", loc="best")
    else:
        _note(ax, NO_MEASURE)
    ax.set_xlabel("year")
    ax.set_ylabel(found.unit, **_PLAIN)
    _title(ax, f"{found.label} — {convention}")
    return ax
