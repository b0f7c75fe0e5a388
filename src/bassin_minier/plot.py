"""Charts of a programme: funding by year against its budget floors, a timeline, money
committed against money paid, and an indicator's targets against its results.

Import this module explicitly (``from bassin_minier import plot``); the charts need
matplotlib (``pip install 'bassin-minier[plot]'``), imported when the first one is drawn.
Each function returns the matplotlib Axes it drew on (``ax.figure`` is its Figure), for
further styling or ``ax.figure.savefig("chart.svg")``. See ``docs/analysis.md``.
"""

from __future__ import annotations

from bassin_minier._base.errors import MissingExtraError
from bassin_minier.analysis._evaluation_charts import (
    NO_COMMITMENT,
    NO_MEASURE,
    WHOLE_PERIOD,
    committed_vs_paid,
    targets_vs_results,
)
from bassin_minier.analysis._plot import NO_BREAKDOWN, funding_by_year, timeline

__all__ = [
    "NO_BREAKDOWN",
    "NO_COMMITMENT",
    "NO_MEASURE",
    "WHOLE_PERIOD",
    "MissingExtraError",
    "committed_vs_paid",
    "funding_by_year",
    "targets_vs_results",
    "timeline",
]
