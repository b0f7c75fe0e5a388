"""The charts of committed and paid money and of an indicator draw the figures of the rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless, whatever the machine has

import attrs
import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import analysis, plot
from bassin_minier.testing import programmes
from tests.analysis.evaluated import commitment, evaluated, with_payments


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def bars(ax: Any) -> dict[str, list[tuple[float, float, float]]]:
    """Each bar as (middle, bottom, height), per series label."""
    return {
        c.get_label(): [
            (p.get_x() + p.get_width() / 2, p.get_y(), p.get_height()) for p in c.patches
        ]
        for c in ax.containers
    }


def ticks(ax: Any) -> list[str]:
    return [t.get_text() for t in ax.get_xticklabels()]


def test_committed_and_paid_per_year_and_for_the_whole_period() -> None:
    ax = plot.committed_vs_paid(evaluated())
    drawn = bars(ax)
    w = 0.19  # half a bar
    assert drawn["committed"] == [
        (2019 - w, 0.0, 400_000.0),
        (2020 - w, 0.0, 600_000.0),
        (2022 - w, 0.0, 550_000.0),  # cd-nord and conjoint, without tranches
    ]
    assert drawn["paid"] == [
        (2019 + w, 0.0, 400_000.0),
        (2020 + w, 0.0, 650_000.0),
        (2022 + w, 0.0, 80_000.0),
    ]
    # The joint commitment has no payment reported: its money is hatched, above what is
    # known paid, not drawn as zero paid.
    assert drawn["paid not reported"] == [(2022 + w, 80_000.0, 250_000.0)]
    (unreported,) = [c for c in ax.containers if c.get_label() == "paid not reported"]
    assert unreported.patches[0].get_hatch() == "//"
    assert not unreported.patches[0].get_fill()
    assert ticks(ax) == ["2019", "2020", plot.WHOLE_PERIOD]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["committed", "paid", "paid not reported"]


def test_a_year_with_no_payment_known_has_no_paid_bar() -> None:
    programme = evaluated(payments=[], matches=[])
    drawn = bars(plot.committed_vs_paid(programme))
    assert "paid" not in drawn or drawn["paid"] == []
    heights = [(x, bottom, h) for x, bottom, h in drawn["paid not reported"]]
    assert [h for _, _, h in heights] == [400_000.0, 600_000.0, 550_000.0]
    assert all(bottom == 0.0 for _, bottom, _ in heights)


def test_one_commitment_is_drawn_where_its_money_counts() -> None:
    ax = plot.committed_vs_paid(evaluated(), commitment="cd-nord-2019")
    drawn = bars(ax)
    assert [h for _, _, h in drawn["committed"]] == [300_000.0]
    assert [h for _, _, h in drawn["paid"]] == [80_000.0]
    assert "paid not reported" not in drawn
    assert "cd-nord, where cd-nord-2019 counts" in ax.get_title()
    with pytest.raises(bm.UnknownIdError, match="nulle-part"):
        plot.committed_vs_paid(evaluated(), commitment="nulle-part")


def test_without_commitments_the_chart_says_so() -> None:
    ax = plot.committed_vs_paid(evaluated(commitments=[], matches=[], payments=[]))
    assert bars(ax) == {}
    assert [t.get_text() for t in ax.texts] == [plot.NO_COMMITMENT]


@settings(max_examples=20)
@given(st.data())
def test_the_bars_add_up_to_the_execution_rows(data: st.DataObject) -> None:
    drawn_from = programmes().filter(lambda p: bool(p.commitments))
    programme = data.draw(drawn_from.flatmap(with_payments))
    rows = analysis.execution(programme)
    drawn = bars(plot.committed_vs_paid(programme))
    committed = sum(h for _, _, h in drawn.get("committed", []))
    paid = sum(h for _, _, h in drawn.get("paid", []))
    unreported = sum(h for _, _, h in drawn.get("paid not reported", []))
    assert committed == pytest.approx(float(sum(r.committed for r in rows)))
    assert paid == pytest.approx(float(sum(r.paid for r in rows if r.paid is not None)))
    assert unreported == pytest.approx(float(sum(r.committed for r in rows if r.paid is None)))
    plt.close("all")


def lines(ax: Any) -> dict[str, tuple[list[float], list[float]]]:
    return {
        line.get_label(): (list(line.get_xdata()), list(line.get_ydata())) for line in ax.lines
    }


def test_targets_results_and_baseline_are_drawn() -> None:
    ax = plot.targets_vs_results(evaluated(), "nord", "jeunes-accompagnes")
    drawn = lines(ax)
    assert drawn["target"] == ([2019, 2020], [150.0, 200.0])
    assert drawn["result"] == ([2019], [120.5])  # no point for 2020: not known yet
    assert drawn["baseline (2018)"] == ([2018], [100.0])
    assert drawn["baseline level"][1] == [100.0, 100.0]
    assert ticks(ax) == ["2018", "2019", "2020"]
    assert ax.get_ylabel() == "jeunes"
    assert ax.get_title().startswith("Jeunes sortant de l'ASE accompagnés — nord")


def test_an_indicator_without_measure_says_so() -> None:
    bare = bm.Indicator(id="bare", label="Rien encore, $x$", unit="%")
    convention = attrs.evolve(evaluated().conventions[0], indicators=[bare])
    ax = plot.targets_vs_results(evaluated(conventions=[convention]), "nord", "bare")
    assert lines(ax) == {}
    assert [t.get_text() for t in ax.texts] == [plot.NO_MEASURE]
    ax.figure.canvas.draw()  # a "$" in a label is text, not mathtext
    with pytest.raises(bm.UnknownIdError, match="absent"):
        plot.targets_vs_results(evaluated(), "nord", "absent")


def test_results_unordered_in_the_data_are_drawn_in_year_order() -> None:
    measures = [bm.Measure(year=2021, value=3), bm.Measure(year=2019, value=Decimal("-1.5"))]
    indicator = bm.Indicator(id="taux", label="Taux", unit="%", results=measures)
    convention = attrs.evolve(evaluated().conventions[0], indicators=[indicator])
    ax = plot.targets_vs_results(evaluated(conventions=[convention]), "nord", "taux")
    assert lines(ax)["result"] == ([2019, 2021], [-1.5, 3.0])


def test_without_matplotlib_the_error_names_the_extra(
    hide_package: Callable[[str], None],
) -> None:
    hide_package("matplotlib")
    with pytest.raises(plot.MissingExtraError, match=r"bassin-minier\[plot\]"):
        plot.committed_vs_paid(evaluated())
    with pytest.raises(plot.MissingExtraError, match=r"bassin-minier\[plot\]"):
        plot.targets_vs_results(evaluated(), "nord", "jeunes-accompagnes")


def test_charts_draw_on_the_axes_given() -> None:
    _, (left, right) = plt.subplots(1, 2)
    assert plot.committed_vs_paid(evaluated(), ax=left) is left
    assert plot.targets_vs_results(evaluated(), "nord", "jeunes-accompagnes", ax=right) is right


def test_a_long_execution_gets_a_few_round_years() -> None:
    long = bm.Period.from_years(1900, 2000)
    yearly = commitment(
        id="etat",
        funder="etat",
        amount=Decimal(101),
        period=long,
        tranches=[bm.Tranche(year=y, amount=1, convention="nord") for y in long.years],
    )
    convention = attrs.evolve(evaluated().conventions[0], period=long, signed_on=None)
    programme = evaluated(
        period=long, conventions=[convention], commitments=[yearly], matches=[], payments=[]
    )
    ax = plot.committed_vs_paid(programme)
    ax.figure.canvas.draw()
    shown = [t for t in ticks(ax) if t]
    assert 2 <= len(shown) <= 20
    assert all(t.isdigit() for t in shown)
