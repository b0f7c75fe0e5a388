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

    def __repr__(self) -> str:
        # The value as held, exactly: Measure(year=2019, value=Decimal('0.5')) reads back.
        return f"<{type(self).__name__} {self.year}: {self.value:f}>"

    def _repr_html_(self) -> str:
        """A table for Jupyter: the year and the value, exactly."""
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        return d.page([d.fields([("Year", d.escape(self.year)), ("Value", d.number(self.value))])])


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

    def __repr__(self) -> str:
        # One line that fits a terminal: the whole object is in to_json().
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        counts = [
            d.count(len(self.targets), "target"),
            d.count(len(self.results), "result"),
        ]
        if self.baseline is not None:
            counts.insert(0, f"baseline {self.baseline.year}")
        what = f"in {d.shortened(self.unit, 20)}: {', '.join(counts)}"
        return d.one_line(type(self).__name__, self.id, what)

    def _repr_html_(self) -> str:
        """Tables for Jupyter: unit, action, baseline, and the targets and results by year."""
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        baseline = self.baseline
        rows = d.yearly(
            ((m.year, m.value) for m in self.targets), ((m.year, m.value) for m in self.results)
        )
        return d.page(
            [
                d.heading(3, self.label, self.id),
                d.fields(
                    [
                        ("Unit", d.escape(self.unit)),
                        (
                            "Action",
                            "the convention as a whole"
                            if self.action is None
                            else d.code(self.action),
                        ),
                        (
                            "Baseline",
                            "<em>not known</em>"
                            if baseline is None
                            else f"{d.number(baseline.value)} ({d.escape(baseline.year)})",
                        ),
                    ]
                ),
                d.heading(4, "Targets and results"),
                d.table(
                    ["Year", "Target", "Result"],
                    ([d.escape(year), target, result] for year, target, result in rows),
                    "No target or result known.",
                ),
            ]
        )

    def target(self, year: int) -> Decimal | None:
        """The target for *year*, or None when none is set for it."""
        return next((m.value for m in self.targets if m.year == year), None)

    def result(self, year: int) -> Decimal | None:
        """The result for *year*, or None when none is known."""
        return next((m.value for m in self.results if m.year == year), None)
