"""`Relation`: how a convention stands to another convention of its programme."""

from __future__ import annotations

from typing import ClassVar

import attrs

from bassin_minier._model import coerce as _coerce
from bassin_minier._model.enums import RelationKind
from bassin_minier._rules.fields import SLUG, Rules, member_of

__all__ = ["Relation"]


@attrs.frozen(kw_only=True)
class Relation:
    """A link from the convention that holds it to the *convention* (an id) of its programme.

    *kind* says how they stand: the holder succeeds the other, implements it, or
    integrates it.

    >>> Relation(kind="succeeds", convention="cantal-2019").kind
    <RelationKind.SUCCEEDS: 'succeeds'>
    """

    kind: RelationKind = attrs.field(converter=_coerce.relation_kind)
    convention: str

    _rules: ClassVar[Rules] = Rules(kind=member_of(RelationKind), convention=SLUG)
    __attrs_post_init__ = _rules.post_init()
