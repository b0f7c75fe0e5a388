"""The rows of ``_analysis`` as pandas DataFrames (the ``pandas`` extra).

Amounts become integer cents in ``int64`` columns named ``<field>_cents``: exact, summed
and grouped by pandas at native speed, and plotted like any number. A column of
`Decimal` objects would be exact too, but pandas would treat it as opaque objects: slow
to sum, refused by most numeric methods and by plotting. ``cents / 100`` gives euros as
floats for a chart; `to_euros` gives them back exactly.

numpy's integers wrap around silently, so a frame is only built when each of its amount
columns, summed, fits in ``int64``: then no sum or group-by of a column can wrap.

Some figures are not whole cents: what a match requires (a ratio of an amount, up to 6
decimals) and the shortfall from it, and the values of indicators (any exact number in
their unit). Cents would round them and a float would blur them, so their columns keep
the rows' `Decimal` objects, exactly, under the field's own name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from bassin_minier._base import hints
from bassin_minier._base.errors import BassinMinierError, MissingExtraError
from bassin_minier._model.enums import Basis
from bassin_minier._model.programme import Programme
from bassin_minier.analysis._execution import ExecutionRow, execution
from bassin_minier.analysis._indicators import IndicatorProgress, indicator_progress
from bassin_minier.analysis._matching import MatchStatus, match_status
from bassin_minier.analysis._rows import (
    CommitmentRow,
    FloorStatus,
    TrancheRow,
    commitment_rows,
    floor_status,
    tranche_rows,
)

__all__ = [
    "MAX_FRAME_CENTS",
    "FrameOverflowError",
    "commitment_frame",
    "execution_frame",
    "floor_frame",
    "indicator_frame",
    "match_frame",
    "to_euros",
    "to_frame",
    "tranche_frame",
]

ROW_TYPES = (TrancheRow, CommitmentRow, FloorStatus, MatchStatus, ExecutionRow, IndicatorProgress)
# Properties that are columns too, after the fields: whether a match is met (None: unknown).
_DERIVED = {MatchStatus: ("met",)}

#: The largest number of cents an ``int64`` column holds (92 233 720 368 547 758.07 euros):
#: the bound on the sum of each amount column of a frame.
MAX_FRAME_CENTS = 2**63 - 1


class FrameOverflowError(BassinMinierError, OverflowError):
    """Amounts that, summed, exceed what a DataFrame's ``int64`` cents can hold.

    Every amount the library accepts fits on its own; only a column adding up to more
    than `MAX_FRAME_CENTS` is refused, as pandas would sum it wrong without a word. The
    rows and `bassin_minier.analysis.totals` stay exact at any size.
    """


def _pandas() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - optional, and heavy to import
    except ImportError as exc:
        raise MissingExtraError(
            "DataFrames need pandas: install it with pip install 'bassin-minier[pandas]'"
        ) from exc
    return pd


def to_euros(cents: int) -> Decimal:
    """The exact amount in euros of *cents*, as the model holds it (two decimals).

    >>> to_euros(4_800_000_000)
    Decimal('48000000.00')
    """
    return Decimal(int(cents)).scaleb(-2)


def _cents(amount: Decimal) -> int:
    # Exact: an amount has at most two decimals, so the result is a whole number.
    return int(amount.scaleb(2))


def to_frame(rows: Iterable[Any], row_type: type[Any] | None = None) -> Any:
    """A DataFrame of *rows*: `TrancheRow`, `CommitmentRow`, `FloorStatus`, `MatchStatus`,
    `ExecutionRow` or `IndicatorProgress` objects.

    One column per field, in the class's order, with a dtype per kind of value: amounts
    as ``int64`` cents named ``<field>_cents`` (an unknown amount as ``Int64``'s missing
    value), exact numbers that are not whole cents (`MatchStatus.required` and
    *shortfall*, the values of `IndicatorProgress`) as `Decimal` objects (``object``,
    None when unknown), years and counts ``int64`` (``Int64`` when one may be unknown),
    dates ``datetime64[s]`` (any year), the basis a categorical of the three bases, flags
    ``bool`` (`MatchStatus.met` as a last column, pandas' ``boolean`` with unknown as
    missing), text pandas' ``string``. Give *row_type*
    when *rows* may be empty, so the columns are known all the same. Raises
    `FrameOverflowError` when an amount column would add up to more than `MAX_FRAME_CENTS`.
    """
    pd = _pandas()
    items = list(rows)
    cls = row_type or (type(items[0]) if items else None)
    if cls not in ROW_TYPES:
        known = ", ".join(t.__name__ for t in ROW_TYPES)
        found = "no rows and no row_type" if cls is None else f"{cls.__name__} rows"
        raise TypeError(f"to_frame takes rows of {known}; got {found}")
    assert cls is not None
    columns: dict[str, Any] = {}
    exact = {f.name for f in attrs.fields(cls) if f.metadata.get("frame") == "decimal"}
    for field_name, hint in hints.field_types(cls).items():
        values = [getattr(row, field_name) for row in items]
        if field_name in exact:
            columns[field_name] = pd.Series(values, dtype="object")
            continue
        name, column = _column(pd, cls.__name__, field_name, hint, values)
        columns[name] = column
    for derived in _DERIVED.get(cls, ()):
        columns[derived] = pd.array([getattr(row, derived) for row in items], dtype="boolean")
    return pd.DataFrame(columns)


def _column(pd: Any, row_type: str, name: str, hint: Any, values: list[Any]) -> tuple[str, Any]:
    optional = hints.is_optional(hint)
    base = hints.without_none(hint)
    if base is int and optional:
        return name, pd.array(values, dtype="Int64")
    if base is Decimal:
        cents = [None if v is None else _cents(v) for v in values]
        _check_sum(row_type, f"{name}_cents", cents)
        return f"{name}_cents", pd.array(cents, dtype="Int64" if optional else "int64")
    if base is dt.date:
        # Seconds, not pandas 2's default nanoseconds, which stop at the year 2262.
        return name, pd.Series(values, dtype="datetime64[s]")
    if base is Basis:
        kinds = pd.CategoricalDtype([b.value for b in Basis])
        return name, pd.Series([v.value for v in values], dtype=kinds)
    # Tuples of ids, the one other kind of field, stay Python objects.
    dtype = {int: "int64", bool: "bool", str: pd.StringDtype()}.get(base, "object")
    return name, pd.Series(values, dtype=dtype)


def _check_sum(row_type: str, column: str, cents: list[int | None]) -> None:
    # Magnitudes, not values: then every sum of any cells of the column is within bounds,
    # whichever cells a group-by or a filter keeps.
    magnitude = sum(abs(c) for c in cents if c is not None)
    if magnitude > MAX_FRAME_CENTS:
        raise FrameOverflowError(
            f"{column} of {row_type} rows adds up to {to_euros(magnitude)} euros, more "
            f"than the {to_euros(MAX_FRAME_CENTS)} euros that int64 cents can sum without "
            "wrapping around; sum the rows with analysis.totals, exactly, instead"
        )


def tranche_frame(programme: Programme) -> Any:
    """`tranche_rows` of *programme* as a DataFrame (see `to_frame`)."""
    return to_frame(tranche_rows(programme), TrancheRow)


def commitment_frame(programme: Programme) -> Any:
    """`commitment_rows` of *programme* as a DataFrame (see `to_frame`)."""
    return to_frame(commitment_rows(programme), CommitmentRow)


def floor_frame(programme: Programme) -> Any:
    """`floor_status` of *programme* as a DataFrame (see `to_frame`)."""
    return to_frame(floor_status(programme), FloorStatus)


def match_frame(programme: Programme) -> Any:
    """`match_status` of *programme* as a DataFrame (see `to_frame`).

    *pledged* is in cents (``pledged_cents``); *required* and *shortfall*, which may hold
    fractions of a cent, are exact `Decimal` objects; *met* is the last column.
    """
    return to_frame(match_status(programme), MatchStatus)


def execution_frame(programme: Programme) -> Any:
    """`execution` of *programme* as a DataFrame (see `to_frame`): committed, paid and
    remaining in cents, paid and remaining missing where no payment is reported, and
    *year* missing for a commitment without tranches."""
    return to_frame(execution(programme), ExecutionRow)


def indicator_frame(programme: Programme) -> Any:
    """`indicator_progress` of *programme* as a DataFrame (see `to_frame`): the values
    are exact `Decimal` objects, None where none is known."""
    return to_frame(indicator_progress(programme), IndicatorProgress)
