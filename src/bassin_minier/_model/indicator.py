"""`Indicator` and its `Measure`s: what a convention measures, its targets and results."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from operator import attrgetter
from typing import ClassVar

import attrs

from bassin_minier._model import coerce as _coerce
from bassin_minier._rules.fields import (
    NUMBER_VALUE,
    OPTIONAL_SLUG,
    SLUG,
    TEXT,
    YEAR,
    Rules,
    items_of,
    optional_instance_of,
)
from bassin_minier._rules.numbers import as_number

__all__ = ["Indicator", "Measure"]


@attrs.frozen(kw_only=True)
class Measure:
    """The *value* of an indicator for one *year*: a target, a result or the baseline.

    *value* is an exact `Decimal` in the indicator's unit: a number of people or
    dwellings, a rate. It may be zero or negative; an int is held as a `Decimal`.

    >>> Measure(year=2027, value=23_000).value
    Decimal('23000')
    """

    year: int
    value: Decimal = attrs.field(converter=as_number)

    _rules: ClassVar[Rules] = Rules(year=YEAR, value=NUMBER_VALUE)
    __attrs_post_init__ = _rules.post_init()


def _measures(value: Sequence[Measure]) -> tuple[Measure, ...]:
    return _coerce.frozen(value)


_YEAR = attrgetter("year")


@attrs.frozen(kw_only=True)
class Indicator:
    """What a convention measures, in a *unit*, with a *baseline*, *targets* and *results*.

    *action* is the id of the convention's action it measures, None when it measures the
    convention as a whole. *targets* and *results* hold one `Measure` a year at most;
    a year may have a target and no result yet, or a result and no target.

    >>> indicator = Indicator(
    ...     id="jeunes-ase", label="Jeunes sortant de l'ASE accompagnés", unit="jeunes",
    ...     targets=[Measure(year=2020, value=150)], results=[Measure(year=2020, value=120)])
    >>> indicator.results[0].value / indicator.targets[0].value
    Decimal('0.8')
    """

    id: str
    label: str
    unit: str
    action: str | None = None
    baseline: Measure | None = None
    targets: tuple[Measure, ...] = attrs.field(default=(), converter=_measures)
    results: tuple[Measure, ...] = attrs.field(default=(), converter=_measures)

    _rules: ClassVar[Rules] = Rules(
        id=SLUG,
        label=TEXT,
        unit=TEXT,
        action=OPTIONAL_SLUG,
        baseline=optional_instance_of(Measure, "a Measure"),
        targets=items_of(Measure, "target year", _YEAR),
        results=items_of(Measure, "result year", _YEAR),
    )
    __attrs_post_init__ = _rules.post_init()

    def target(self, year: int) -> Decimal | None:
        """The target for *year*, or None when none is set for it."""
        return next((m.value for m in self.targets if m.year == year), None)

    def result(self, year: int) -> Decimal | None:
        """The result for *year*, or None when none is known."""
        return next((m.value for m in self.results if m.year == year), None)
