"""`Priority`: a line of action of a convention or an axis of a strategy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import attrs

from bassin_minier._model import coerce as _coerce
from bassin_minier._rules.fields import SLUG, TEXT, Rules, unique_texts

__all__ = ["Priority"]


def _themes(value: Sequence[str]) -> tuple[str, ...]:
    return _coerce.frozen(value)


@attrs.frozen(kw_only=True)
class Priority:
    """A priority with its own *themes*, in the words of the text that sets it.

    >>> Priority(id="prevention", label="la prévention",
    ...          themes=["petite enfance", "santé", "parentalité"]).themes
    ('petite enfance', 'santé', 'parentalité')
    """

    id: str
    label: str
    themes: tuple[str, ...] = attrs.field(default=(), converter=_themes)

    _rules: ClassVar[Rules] = Rules(id=SLUG, label=TEXT, themes=unique_texts("theme"))
    __attrs_post_init__ = _rules.post_init()
