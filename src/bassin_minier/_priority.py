"""`Priority`: a line of action of a convention or an axis of a strategy."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from bassin_minier import _coerce
from bassin_minier._checker import Checker, enforce

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

    def __attrs_post_init__(self) -> None:
        enforce(self._rules, self)

    @staticmethod
    def _rules(check: Checker, priority: Priority) -> None:
        check.slug("$.id", priority.id)
        check.text("$.label", priority.label)
        check.unique("$.themes", check.texts("$.themes", priority.themes), "theme")
