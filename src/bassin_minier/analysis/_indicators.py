"""Each indicator's baseline, targets and results, year by year, side by side."""

from __future__ import annotations

from decimal import Decimal

import attrs

from bassin_minier._model.programme import Programme
from bassin_minier.analysis._counting import EXACT_NUMBER

__all__ = ["IndicatorProgress", "indicator_progress"]


@attrs.frozen(kw_only=True)
class IndicatorProgress:
    """One *year* of the *indicator* (an id) of the *convention* (an id).

    *baseline* is the indicator's baseline value, the same on each of its rows, and
    *baseline_year* the year it was measured; both None when no baseline is known.
    *target* and *result* are the values set and reached for *year*, None when none is
    known for it. Values are exact `Decimal` numbers in the indicator's *unit*.
    """

    convention: str
    indicator: str
    year: int
    baseline: Decimal | None = attrs.field(metadata=EXACT_NUMBER)
    target: Decimal | None = attrs.field(metadata=EXACT_NUMBER)
    result: Decimal | None = attrs.field(metadata=EXACT_NUMBER)
    baseline_year: int | None
    unit: str


def indicator_progress(programme: Programme) -> tuple[IndicatorProgress, ...]:
    """A row per indicator and year of *programme*: its baseline, target and result.

    The years of an indicator are its baseline's, its targets' and its results', in
    order; conventions and their indicators come in the programme's order. An indicator
    with no measure at all has no row.

    >>> import bassin_minier as bm
    >>> indicator_progress(bm.datasets.bassin_minier_2019())
    ()
    """
    rows: list[IndicatorProgress] = []
    for convention in programme.conventions:
        for indicator in convention.indicators:
            baseline = indicator.baseline
            targets = {m.year: m.value for m in indicator.targets}
            results = {m.year: m.value for m in indicator.results}
            years = set(targets).union(results)
            if baseline is not None:
                years.add(baseline.year)
            rows.extend(
                IndicatorProgress(
                    convention=convention.id,
                    indicator=indicator.id,
                    year=year,
                    baseline=None if baseline is None else baseline.value,
                    target=targets.get(year),
                    result=results.get(year),
                    baseline_year=None if baseline is None else baseline.year,
                    unit=indicator.unit,
                )
                for year in sorted(years)
            )
    return tuple(rows)
