"""`Action`: one of the « fiches actions » a convention is broken down into."""

from __future__ import annotations

from typing import ClassVar

import attrs

from bassin_minier._rules.fields import OPTIONAL_SLUG, OPTIONAL_TEXT, SLUG, TEXT, Rules

__all__ = ["Action"]


@attrs.frozen(kw_only=True)
class Action:
    """A piece of work a convention sets out, with its *id* and *label*.

    *priority* is the id of the convention's priority it carries out, *lead* the id of
    the party that leads it, *description* what it does; each is None while unknown.
    Commitments name the action they fund (`FundingCommitment.action`) and indicators
    the action they measure (`Indicator.action`).

    >>> Action(id="referents-parcours", label="Référents de parcours", lead="cd-nord").lead
    'cd-nord'
    """

    id: str
    label: str
    priority: str | None = None
    lead: str | None = None
    description: str | None = None

    _rules: ClassVar[Rules] = Rules(
        id=SLUG,
        label=TEXT,
        priority=OPTIONAL_SLUG,
        lead=OPTIONAL_SLUG,
        description=OPTIONAL_TEXT,
    )
    __attrs_post_init__ = _rules.post_init()

    def __repr__(self) -> str:
        # One line that fits a terminal: the whole object is in to_json().
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        led = "" if self.lead is None else f"led by {self.lead}: "
        return d.one_line(type(self).__name__, self.id, led + d.shortened(self.label, 50))

    def _repr_html_(self) -> str:
        """A table for Jupyter: the priority it carries out, who leads it, what it does."""
        from bassin_minier._model import display as d  # noqa: PLC0415 - on demand

        return d.page(
            [
                d.heading(3, self.label, self.id),
                d.fields(
                    [
                        (
                            "Priority",
                            "<em>not known</em>"
                            if self.priority is None
                            else d.code(self.priority),
                        ),
                        ("Lead", "<em>not known</em>" if self.lead is None else d.code(self.lead)),
                        ("Description", d.unknown(self.description)),
                    ]
                ),
            ]
        )
