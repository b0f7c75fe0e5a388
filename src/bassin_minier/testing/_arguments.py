"""Checks of the arguments given to the strategies: a wrong one raises InvalidArgument."""

from __future__ import annotations

from hypothesis.errors import InvalidArgument

from bassin_minier import TerritoryKind


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidArgument(message)


def _require_count(name: str, value: object) -> int:
    _require(
        isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        f"{name} must be a non-negative integer, got {value!r}",
    )
    assert isinstance(value, int)
    return value


def _require_sizes(what: str, low: object, high: object) -> None:
    fewest = _require_count(f"min_{what}", low)
    most = _require_count(f"max_{what}", high)
    _require(fewest <= most, f"min_{what}={fewest} is more than max_{what}={most}")


def _require_with_tranches(value: object) -> None:
    _require(
        value is None or isinstance(value, bool),
        f"with_tranches must be True, False or None, got {value!r}",
    )


def _territory_kind(kind: object) -> TerritoryKind:
    try:
        return TerritoryKind(kind)
    except ValueError:
        allowed = ", ".join(repr(k.value) for k in TerritoryKind)
        raise InvalidArgument(f"kind must be a TerritoryKind ({allowed}), got {kind!r}") from None
