"""Where the rules of amendments, relations, acts, revisions and spend-by days can be broken.

Each function finds, in a draft, the places where one rule can be broken and nothing
else with it; `_AMENDMENT_SITES` maps each rule to them. Some rules older than these
objects reach them too (``unique`` for amendment ids across a programme,
``within-programme`` for the periods amendments set, ``signatory-party`` for the people
who sign an amendment): their places here are added to the others by `_invalid`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from hypothesis import strategies as st

from bassin_minier import (
    Amendment,
    Convention,
    FundingCommitment,
    Period,
    Programme,
    RelationKind,
    Tranche,
    to_dict,
)
from bassin_minier._base import paths
from bassin_minier._rules import catalogue
from bassin_minier.testing._drafts import _Draft, _Node, _Site
from bassin_minier.testing._sites import _add_signatory, _insert, _replace, _sign_for_other
from bassin_minier.testing._spoils import _fresh, _known_or_fresh
from bassin_minier.testing._values import _ONE_DAY, _dates

_KINDS = st.sampled_from([kind.value for kind in RelationKind])


def _day(value: dt.date) -> str:
    return value.isoformat()


def _set_day(data: dict[str, Any], low: dt.date, high: dt.date, path: str, draw: st.DrawFn) -> str:
    data["signed_on"] = _day(draw(_dates(low, high)))
    return path


def _programme_of(draft: _Draft) -> _Node | None:
    root = draft.nodes[0]
    return root if isinstance(root.obj, Programme) else None


# -- a convention's amendments ----------------------------------------------------------------


def _amendment_order_sites(draft: _Draft) -> list[_Site]:
    """An amendment signed before one listed ahead of it, yet not before the convention."""
    sites: list[_Site] = []
    for node in draft.nodes_of(Convention):
        convention: Convention = node.obj
        floor = convention.signed_on or dt.date.min
        latest: dt.date | None = None  # the latest day of the amendments ahead
        for index, amendment in enumerate(convention.amendments):
            if latest is not None and latest > floor:
                # Not after the end of the period it sets either: that is another rule.
                high = latest - _ONE_DAY
                if amendment.period is not None:
                    high = min(high, amendment.period.end)
                if floor <= high:
                    data = node.data["amendments"][index]
                    where = node.at("amendments", index, "signed_on")
                    sites.append(partial(_set_day, data, floor, high, where))
            day = amendment.signed_on
            if day is not None and (latest is None or day > latest):
                latest = day
    return sites


def _amendment_date_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    # An amendment signed after the end of the period it sets: the amendment's own rule.
    for node in draft.nodes_of(Amendment):
        amendment: Amendment = node.obj
        signed_on, period = amendment.signed_on, amendment.period
        if signed_on is None:
            continue
        if period is not None and period.start < signed_on:
            sites.append(partial(_end_before, node, signed_on - _ONE_DAY))
        elif period is None and signed_on > dt.date.min:
            # A period it sets, within the programme's when there is one.
            low, high = dt.date.min, signed_on - _ONE_DAY
            programme = node.programme
            if programme is not None:
                low, high = max(low, programme.period.start), min(high, programme.period.end)
            if low <= high:
                sites.append(partial(_set_period_before, node, low, high))
    # An amendment signed before its convention: one with no known day ahead of it, so
    # that the order of the amendments still holds.
    for node in draft.nodes_of(Convention):
        convention: Convention = node.obj
        if convention.signed_on is None or convention.signed_on == dt.date.min:
            continue
        for index, amendment in enumerate(convention.amendments):
            high = convention.signed_on - _ONE_DAY
            if amendment.period is not None:
                high = min(high, amendment.period.end)
            data = node.data["amendments"][index]
            where = node.at("amendments", index, "signed_on")
            sites.append(partial(_set_day, data, dt.date.min, high, where))
            if amendment.signed_on is not None:
                break
    return sites


def _end_before(node: _Node, high: dt.date, draw: st.DrawFn) -> str:
    period: Period = node.obj.period
    node.data["period"]["end"] = _day(draw(_dates(period.start, high)))
    return node.at("signed_on")


def _set_period_before(node: _Node, low: dt.date, high: dt.date, draw: st.DrawFn) -> str:
    start = draw(_dates(low, high))
    node.data["period"] = {"start": _day(start), "end": _day(draw(_dates(start, high)))}
    return node.at("signed_on")


def _spend_by_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(
            _replace,
            node.data,
            "spend_by",
            _dates(dt.date.min, dt.date(node.obj.year - 1, 12, 31)).map(_day),
            node.at("spend_by"),
        )
        for node in draft.nodes_of(Tranche)
        if node.obj.year > dt.MINYEAR
    ]


# -- relations --------------------------------------------------------------------------------


def _related_convention_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(Convention):
        convention: Convention = node.obj
        # Related to itself: the convention's own rule.
        sites.append(partial(_add_relation, node, (convention.id,), ()))
        sites.extend(
            partial(_relate_elsewhere, node, index, (convention.id,), ())
            for index in range(len(convention.related))
        )
        # Related to a convention the programme does not hold: the programme's rule.
        programme = node.programme
        if programme is not None:
            members = [c.id for c in programme.conventions]
            sites.append(partial(_add_relation, node, (), members))
            sites.extend(
                partial(_relate_elsewhere, node, index, (), members)
                for index in range(len(convention.related))
            )
    return sites


def _outside(draw: st.DrawFn, targets: Sequence[str], members: Sequence[str]) -> str:
    return draw(st.sampled_from(targets)) if targets else _fresh(draw, members)


def _add_relation(
    node: _Node, targets: Sequence[str], members: Sequence[str], draw: st.DrawFn
) -> str:
    relation = {"kind": draw(_KINDS), "convention": _outside(draw, targets, members)}
    at = _insert(node.data["related"], relation, node.at("related"), draw)
    return paths.field(at, "convention")


def _relate_elsewhere(
    node: _Node,
    index: int,
    targets: Sequence[str],
    members: Sequence[str],
    draw: st.DrawFn,
) -> str:
    node.data["related"][index]["convention"] = _outside(draw, targets, members)
    return node.at("related", index, "convention")


# -- acts and revisions -----------------------------------------------------------------------


def _commitment_act_sites(draft: _Draft) -> list[_Site]:
    root = _programme_of(draft)
    if root is None:
        return []
    programme: Programme = root.obj
    every = sorted({a.id for c in programme.conventions for a in c.amendments})
    sites: list[_Site] = []
    for index, commitment in enumerate(programme.commitments):
        covered = [programme.convention(c) for c in commitment.conventions]
        own = {a.id for c in covered for a in c.amendments}
        # An amendment of a convention it does not cover, or none at all.
        others = [act for act in every if act not in own]
        data = root.data["commitments"][index]
        sites.append(partial(_act_elsewhere, data, others, every, root.at("commitments", index)))
    return sites


def _act_elsewhere(
    data: dict[str, Any], others: Sequence[str], every: Sequence[str], path: str, draw: st.DrawFn
) -> str:
    data["act"] = _known_or_fresh(draw, others, every)
    return paths.field(path, "act")


def _commitment_revision_sites(draft: _Draft) -> list[_Site]:
    # Revising itself: the commitment's own rule.
    sites: list[_Site] = [
        partial(_revise, node.data, node.obj.id, node.at("revises"))
        for node in draft.nodes_of(FundingCommitment)
    ]
    root = _programme_of(draft)
    if root is None:
        return sites
    commitments: tuple[FundingCommitment, ...] = root.obj.commitments
    ids = [c.id for c in commitments]
    revised = {c.id: c.revises for c in commitments}
    for index, commitment in enumerate(commitments):
        data = root.data["commitments"][index]
        path = root.at("commitments", index, "revises")
        # A commitment the programme does not hold.
        sites.append(partial(_revise_missing, data, ids, path))
        for other_index, other in enumerate(commitments):
            if other.funder != commitment.funder:
                # A commitment of another funder.
                sites.append(partial(_revise, data, other.id, path))
                continue
            # A commitment whose revisions lead back to this one: a circle.
            chain = _chain(revised, other.id, commitment.id)
            if other_index != index and chain is not None:
                first = min(ids.index(member) for member in chain)
                where = root.at("commitments", first, "revises")
                sites.append(partial(_revise_into_circle, data, other.id, where))
    return sites


def _chain(revised: Mapping[str, str | None], start: str, end: str) -> list[str] | None:
    """The commitments from *start* to *end* following what each revises, or None."""
    chain = [start]
    while chain[-1] != end:
        following = revised.get(chain[-1])
        if following is None or following in chain:
            return None
        chain.append(following)
    return chain


def _revise(data: dict[str, Any], revised: str, path: str, draw: st.DrawFn) -> str:
    data["revises"] = revised
    return path


def _revise_missing(data: dict[str, Any], ids: Sequence[str], path: str, draw: st.DrawFn) -> str:
    data["revises"] = _fresh(draw, ids)
    return path


def _revise_into_circle(data: dict[str, Any], revised: str, where: str, draw: st.DrawFn) -> str:
    data["revises"] = revised
    return where


# -- older rules that reach amendments --------------------------------------------------------


def _amendment_id_sites(draft: _Draft) -> list[_Site]:
    """An amendment with the id of an amendment of an earlier convention of the programme."""
    root = _programme_of(draft)
    if root is None:
        return []
    conventions: tuple[Convention, ...] = root.obj.conventions
    sites: list[_Site] = []
    for index in range(1, len(conventions)):
        earlier = [a.id for c in conventions[:index] for a in c.amendments]
        if earlier:
            items = root.data["conventions"][index]["amendments"]
            path = root.at("conventions", index, "amendments")
            sites.append(partial(_add_amendment_named, items, earlier, path))
    return sites


def _add_amendment_named(
    items: list[Any], taken: Sequence[str], path: str, draw: st.DrawFn
) -> str:
    # No day and no period: it is in no one's way in the order of signatures.
    amendment = to_dict(Amendment(id=draw(st.sampled_from(taken))))
    return paths.field(_insert(items, amendment, path, draw), "id")


def _amendment_period_sites(draft: _Draft) -> list[_Site]:
    """An amendment setting a period beyond the programme's."""
    root = _programme_of(draft)
    if root is None:
        return []
    bounds: Period = root.obj.period
    if (bounds.start, bounds.end) == (dt.date.min, dt.date.max):
        return []
    return [
        partial(
            _widen,
            bounds,
            root.data["conventions"][c_index]["amendments"][a_index]["period"],
            root.at("conventions", c_index, "amendments", a_index, "period"),
        )
        for c_index, convention in enumerate(root.obj.conventions)
        for a_index, amendment in enumerate(convention.amendments)
        if amendment.period is not None
    ]


def _widen(bounds: Period, period: dict[str, Any], path: str, draw: st.DrawFn) -> str:
    # Only ever widened, so the day it is signed stays within it.
    sides = (["end"] if bounds.end < dt.date.max else []) + (
        ["start"] if bounds.start > dt.date.min else []
    )
    if draw(st.sampled_from(sides)) == "end":
        period["end"] = _day(draw(_dates(bounds.end + _ONE_DAY, dt.date.max)))
    else:
        period["start"] = _day(draw(_dates(dt.date.min, bounds.start - _ONE_DAY)))
    return path


def _amendment_signatory_sites(draft: _Draft) -> list[_Site]:
    """Someone signing an amendment for a party not to its convention."""
    sites: list[_Site] = []
    for node in draft.nodes_of(Amendment):
        if node.parent is None or not isinstance(node.parent.obj, Convention):
            continue
        party_ids = {p.id for p in node.parent.obj.parties}
        signing = node.data["signatories"]
        sites.append(partial(_add_signatory, signing, party_ids, node.at("signatories")))
        sites.extend(
            partial(_sign_for_other, signatory, party_ids, node.at("signatories", index))
            for index, signatory in enumerate(signing)
        )
    return sites


_AMENDMENT_SITES: Mapping[str, Callable[[_Draft], list[_Site]]] = {
    catalogue.SPEND_BY: _spend_by_sites,
    catalogue.AMENDMENT_ORDER: _amendment_order_sites,
    catalogue.AMENDMENT_DATE: _amendment_date_sites,
    catalogue.RELATED_CONVENTION: _related_convention_sites,
    catalogue.COMMITMENT_ACT: _commitment_act_sites,
    catalogue.COMMITMENT_REVISION: _commitment_revision_sites,
    catalogue.UNIQUE: _amendment_id_sites,
    catalogue.WITHIN_PROGRAMME: _amendment_period_sites,
    catalogue.SIGNATORY_PARTY: _amendment_signatory_sites,
}
