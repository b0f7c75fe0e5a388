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
