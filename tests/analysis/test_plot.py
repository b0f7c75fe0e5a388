"""The charts draw the figures of the programme: bar heights, floors, labels, dates."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless, whatever the machine has

import attrs
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pytest
from hypothesis import example, given, settings

import bassin_minier as bm
from bassin_minier import analysis, plot
from bassin_minier.testing import programmes
from tests import builders
from tests.analysis.test_analysis import with_2020


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def dataset() -> bm.Programme:
    return bm.datasets.bassin_minier_2019()


def bars(ax: Any) -> dict[str, list[float]]:
    """The height of each bar, per series label, in the order of the years."""
    return {c.get_label(): [p.get_height() for p in c.patches] for c in ax.containers}


def floor_lines(ax: Any) -> dict[str, float]:
    return {
        line.get_label(): line.get_ydata()[0]
        for line in ax.lines
        if line.get_label().startswith("floor ")
    }


def test_funding_without_breakdown_draws_the_floor_and_says_so(dataset: bm.Programme) -> None:
    ax = plot.funding_by_year(dataset)
    assert bars(ax) == {}
    assert floor_lines(ax) == {"floor etat-2019-2021: at least 48 M€ over 2019–2021": 48_000_000.0}
    assert [t.get_text() for t in ax.texts] == [plot.NO_BREAKDOWN]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2019", "2020", "2021"]
    assert ax.get_ylim()[1] > 48_000_000


def test_funding_stacks_the_conventions_of_each_year(dataset: bm.Programme) -> None:
    ax = plot.funding_by_year(with_2020(dataset))
    assert bars(ax) == {
        "nord": [0.0, 6_000_000.0, 0.0],
        "pas-de-calais": [0.0, 6_500_000.0, 0.0],
        "bassin-minier": [0.0, 3_500_000.0, 0.0],
    }
    tops = [[p.get_y() + p.get_height() for p in c.patches] for c in ax.containers]
    assert tops[-1] == [0.0, 16_000_000.0, 0.0]
    (cumulative,) = [line for line in ax.lines if line.get_label().startswith("known")]
    assert list(cumulative.get_ydata()) == [0.0, 16_000_000.0, 16_000_000.0]
    assert floor_lines(ax) == {"floor etat-2019-2021: at least 48 M€ over 2019–2021": 48_000_000.0}
    assert list(ax.texts) == []
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "nord" in legend
    assert ax.yaxis.get_major_formatter()(16_000_000) == "16 M€"
    assert ax.yaxis.get_major_formatter()(2_500_000) == "2,5 M€"


def test_a_one_year_floor_and_other_bases(dataset: bm.Programme) -> None:
    programme = with_2020(dataset)
    one_year = attrs.evolve(
        programme.commitments[1], id="plancher-2020", basis="at_least", amount=Decimal("10.00")
    )
    ax = plot.funding_by_year(attrs.evolve(programme, commitments=[one_year]))
    # The exact commitment of 2020 is not a floor: only the one-year floor is drawn.
    assert floor_lines(ax) == {"floor plancher-2020: at least 0 M€": 10.0}


def test_charts_draw_on_the_axes_given_and_save(dataset: bm.Programme, tmp_path: Path) -> None:
    figure, (left, right) = plt.subplots(1, 2)
    assert plot.funding_by_year(dataset, ax=left) is left
    assert plot.timeline(dataset, ax=right) is right
    figure.savefig(tmp_path / "charts.png")
    figure.savefig(tmp_path / "charts.svg")
    assert (tmp_path / "charts.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "charts.svg").read_bytes()[:500]


def test_timeline_places_milestones_and_signatures(dataset: bm.Programme) -> None:
    ax = plot.timeline(dataset)
    lines = {line.get_label(): line for line in ax.lines}
    milestones = [
        mdates.num2date(x).date() for x in mdates.date2num(lines["milestones"].get_xdata())
    ]
    assert milestones == [dt.date(2018, 9, 13), dt.date(2018, 12, 18), dt.date(2019, 7, 10)]
    assert set(lines["milestones"].get_ydata()) == {1.0}
    signatures = [
        mdates.num2date(x).date() for x in mdates.date2num(lines["signatures"].get_xdata())
    ]
    assert signatures == [dt.date(2018, 12, 18), dt.date(2018, 12, 18), dt.date(2019, 7, 10)]
    assert set(lines["signatures"].get_ydata()) == {0.0}
    texts = [t.get_text() for t in ax.texts]
    assert "bassin-minier, Lille" in texts
    assert "nord" in texts
    assert any(t.startswith("Présentation de la stratégie pauvreté") for t in texts)
    assert all(len(t) <= 45 for t in texts)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["signatures", "milestones"]


def test_without_matplotlib_the_error_names_the_extra(
    hide_package: Callable[[str], None], dataset: bm.Programme
) -> None:
    hide_package("matplotlib")
    for chart in (plot.funding_by_year, plot.timeline):
        with pytest.raises(plot.MissingExtraError, match=r"bassin-minier\[plot\]"):
            chart(dataset)


def three_centuries() -> bm.Programme:
    """Tranches through both conventions at the start, the middle and the end of 300 years."""
    span = bm.Period.from_years(1900, 2199)
    tranches = [
        builders.tranche(year=year, convention=convention, amount=Decimal(amount))
        for year, convention, amount in [
            (1900, "nord", "1.00"),
            (2000, "nord", "2500000.50"),
            (2000, "pas-de-calais", "999999999999999.99"),
            (2199, "pas-de-calais", "3.00"),
        ]
    ]
    return builders.programme(
        period=span,
        conventions=(
            builders.convention(period=span),
            builders.other_convention(period=span),
        ),
        commitments=(builders.commitment(period=span, tranches=tranches),),
    )


def a_cent_after_billions() -> bm.Programme:
    """A cent in the second year, after 2^31 euros in the first year of another series."""
    span = bm.Period.from_years(2019, 2020)
    tranches = [
        builders.tranche(year=2019, convention="nord", amount=Decimal("2147483648.00")),
        builders.tranche(year=2020, convention="pas-de-calais", amount=Decimal("0.01")),
    ]
    return builders.programme(
        period=span,
        conventions=(
            builders.convention(period=span),
            builders.other_convention(period=span),
        ),
        commitments=(builders.commitment(period=span, tranches=tranches),),
    )


# A bar for every year of every convention: drawing one takes about a millisecond, so a
# period of thousands of years takes seconds. The long periods the strategy also draws are
# left to the explicit example, which covers three centuries.
@settings(max_examples=25)
@example(three_centuries())
@example(a_cent_after_billions())
@given(programmes(with_tranches=True).filter(lambda p: len(p.period.years) <= 60))
def test_bars_add_up_to_the_yearly_totals(programme: bm.Programme) -> None:
    try:
        ax = plot.funding_by_year(programme)
        years = programme.period.years
        tops = [0.0] * len(years)
        for container in ax.containers:
            for index, patch in enumerate(container.patches):
                tops[index] += patch.get_height()
    finally:
        plt.close("all")
    totals = analysis.totals(analysis.tranche_rows(programme), "year")
    wanted = [float(totals.get(y, 0)) for y in years]
    # A chart is drawn in binary floats, and matplotlib measures every bar of a series from
    # the bottom of its first bar, so a bar is exact only to a few units in the last place
    # of the largest figure on the chart (0.01 € above 2^31 € is off by 2^-22).
    scale = max(wanted, default=0.0)
    assert tops == pytest.approx(wanted, abs=8 * sys.float_info.epsilon * scale)


def test_a_programme_without_money_has_no_legend() -> None:
    empty = bm.Programme(id="vide", name="Vide", period=bm.Period.from_years(2019, 2020))
    ax = plot.funding_by_year(empty)
    assert ax.get_legend() is None
    assert [t.get_text() for t in ax.texts] == [plot.NO_BREAKDOWN]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2019", "2020"]


def test_a_long_period_gets_a_few_round_years_not_a_tick_each() -> None:
    long = bm.Programme(id="long", name="Long", period=bm.Period.from_years(1900, 2399))
    ax = plot.funding_by_year(long)
    assert ax.get_xlim() == (1899.5, 2399.5)
    # The locator may place a tick or two just outside the view, where it is not drawn.
    shown = [t.get_text() for t in ax.get_xticklabels() if 1899.5 <= t.get_position()[0] <= 2399.5]
    assert 2 <= len(shown) <= 12
    assert all(label.isdigit() and 1900 <= int(label) <= 2399 for label in shown)


# Each is text to show as it is: matplotlib would read "$x$" as mathematics (an italic x),
# and refuse "$^$" or an odd "\$" outright when drawing.
ODD_NAMES = ["Prix en $", "$x$", "$^$", r"\$ seul", "a_b^c", "un $ et un \\$ $"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_names_and_labels_are_drawn_as_text(dataset: bm.Programme, name: str) -> None:
    programme = attrs.evolve(
        dataset,
        name=name,
        milestones=[bm.Milestone(on=dt.date(2019, 1, 1), label=name)],
        conventions=[attrs.evolve(c, signed_at=name) for c in dataset.conventions],
    )
    figure, (left, right) = plt.subplots(1, 2)
    plot.funding_by_year(programme, ax=left)
    plot.timeline(programme, ax=right)
    figure.canvas.draw()  # mathtext is parsed, or fails, only when drawn
    assert left.get_title() == f"Funding by year — {name}"
    assert right.get_title() == f"Timeline — {name}"
    shown = [t.get_text() for t in right.texts]
    assert name in shown
    assert f"bassin-minier, {name}" in shown
    texts = [left.title, right.title, *left.texts, *right.texts]
    texts += [t for ax in (left, right) for t in ax.get_legend().get_texts()]
    assert all(not t.get_parse_math() for t in texts)


def test_a_long_timeline_gets_a_tick_every_few_years() -> None:
    long = bm.Programme(id="long", name="Long", period=bm.Period.from_years(1900, 2399))
    ax = plot.timeline(long)
    years = [mdates.num2date(x).year for x in ax.get_xticks()]
    assert 10 <= len(years) <= 24  # a tick or two may lie just outside the view
    assert years == list(range(years[0], years[-1] + 1, 25))


def test_a_floor_replaced_by_a_revision_is_not_drawn(dataset: bm.Programme) -> None:
    floor = dataset.commitments[0]
    cut = attrs.evolve(floor, id="etat-reduit", amount=Decimal(40_000_000), revises=floor.id)
    ax = plot.funding_by_year(attrs.evolve(dataset, commitments=[floor, cut]))
    assert floor_lines(ax) == {"floor etat-reduit: at least 40 M€ over 2019–2021": 40_000_000.0}
