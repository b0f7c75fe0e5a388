"""A programme's money as tidy rows, exact totals, floor status and pandas DataFrames; and
what was promised, matched and paid: match status, execution and indicator progress.

Import this module explicitly (``from bassin_minier import analysis``): ``import
bassin_minier`` does not load it. The rows and totals need nothing beyond the library; the
``*_frame`` functions and `to_frame` need pandas (``pip install 'bassin-minier[pandas]'``),
which is imported on their first call. `french_amount` writes an amount as the library
shows it (``48 000 000,00 €``). See ``docs/analysis.md``.
"""

from __future__ import annotations

from bassin_minier._base.errors import MissingExtraError
from bassin_minier._model.wording import french_amount
from bassin_minier.analysis._execution import ExecutionRow, execution
from bassin_minier.analysis._frames import (
    MAX_FRAME_CENTS,
    FrameOverflowError,
    commitment_frame,
    execution_frame,
    floor_frame,
    indicator_frame,
    match_frame,
    to_euros,
    to_frame,
    tranche_frame,
)
from bassin_minier.analysis._indicators import IndicatorProgress, indicator_progress
from bassin_minier.analysis._matching import MatchStatus, match_status
from bassin_minier.analysis._rows import (
    CommitmentRow,
    FloorStatus,
    TrancheRow,
    commitment_rows,
    floor_status,
    totals,
    tranche_rows,
)

__all__ = [
    "MAX_FRAME_CENTS",
    "CommitmentRow",
    "ExecutionRow",
    "FloorStatus",
    "FrameOverflowError",
    "IndicatorProgress",
    "MatchStatus",
    "MissingExtraError",
    "TrancheRow",
    "commitment_frame",
    "commitment_rows",
    "execution",
    "execution_frame",
    "floor_frame",
    "floor_status",
    "french_amount",
    "indicator_frame",
    "indicator_progress",
    "match_frame",
    "match_status",
    "to_euros",
    "to_frame",
    "totals",
    "tranche_frame",
    "tranche_rows",
]
