"""Where each rule can be broken in a draft, and the change that breaks it there."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

import attrs
from hypothesis import strategies as st

from bassin_minier import (
    Action,
    Amendment,
    Basis,
    Convention,
    FundingCommitment,
    Indicator,
    Match,
    Milestone,
    Participant,
    Party,
    PartyKind,
    Payment,
    Period,
    Priority,
    Programme,
    Relation,
    Signatory,
    Strategy,
    Territory,
    TerritoryKind,
    Tranche,
    to_dict,
)
from bassin_minier._base import hints, paths
from bassin_minier._rules import catalogue
from bassin_minier.testing._drafts import _Draft, _Node, _Raw, _Site
from bassin_minier.testing._objects import MODEL_STRATEGIES
from bassin_minier.testing._spoils import (
    _AFTER_THE_END,
    _ANY_JSON,
    _BAD_AMOUNTS,
    _KEY_NAMES,
    _MISCODES,
    _NO_CODES,
    _NOT_JSON,
    _amount_text,
    _bad_sirens,
    _cents_of,
    _fresh,
    _known_or_fresh,
    _not_slugs,
    _spoiled_text,
    _wrong_values,
)
from bassin_minier.testing._values import (
    _MAX_CENTS,
    _MAYBE_CODE,
    _ONE_DAY,
    _SIRENS,
    _TEXTS,
    _cents,
    _dates,
)

# -- the fields of each class -----------------------------------------------------------------


_FIELD_TYPES = {cls: hints.field_types(cls) for cls in MODEL_STRATEGIES}
_REQUIRED = {cls: hints.required_fields(cls) for cls in MODEL_STRATEGIES}

# Fields checked as text, one value or a list of them.
_TEXT_FIELDS: Mapping[type[Any], tuple[str, ...]] = {
    Territory: ("code", "name"),
    Party: ("name", "territory", "siren"),
    Signatory: ("name", "role"),
    Participant: ("name", "role"),
    Priority: ("label",),
    Amendment: ("title", "note"),
    Action: ("label", "description"),
    Indicator: ("label", "unit"),
    Convention: ("title", "signed_at", "event"),
    Strategy: ("name",),
    Milestone: ("label",),
    Programme: ("name",),
}
_TEXT_LISTS: Mapping[type[Any], tuple[str, ...]] = {Territory: ("within",), Priority: ("themes",)}

# Lists whose items must be unique (by id, or by what identifies them).
_UNIQUE_LISTS: Mapping[type[Any], tuple[str, ...]] = {
    Territory: ("within",),
    Priority: ("themes",),
    FundingCommitment: ("conventions", "co_funders"),
    Amendment: ("signatories",),
    Indicator: ("targets", "results"),
    Convention: (
        "parties",
        "signatories",
        "participants",
        "priorities",
        "amendments",
        "related",
        "actions",
        "indicators",
    ),
    Strategy: ("axes",),
    Match: ("by",),
    Programme: ("conventions", "commitments", "milestones", "partners", "matches", "payments"),
}


# -- where each rule can be broken ------------------------------------------------------------


def _replace(
    container: Any, key: str | int, values: st.SearchStrategy[Any], path: str, draw: st.DrawFn
) -> str:
    container[key] = draw(values)
    return path


def _insert(items: list[Any], item: Any, path: str, draw: st.DrawFn, after: int = -1) -> str:
    at = draw(st.integers(after + 1, len(items)))
    items.insert(at, item)
    return paths.item(path, at)


# How a document is written.


def _json_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = [partial(_cut_short, draft), partial(_add_after_the_end, draft)]
    for node in draft.nodes:
        sites.extend(partial(_not_json, node.data, key) for key in node.data)
    return sites


def _cut_short(draft: _Draft, draw: st.DrawFn) -> str:
    # No proper prefix of a JSON object is JSON: its closing brace is missing.
    text = draft.written()
    draft.text = text[: draw(st.integers(0, len(text) - 1))]
    return paths.ROOT


def _add_after_the_end(draft: _Draft, draw: st.DrawFn) -> str:
    draft.text = draft.written() + draw(st.sampled_from(_AFTER_THE_END))
    return paths.ROOT


def _not_json(data: dict[str, Any], key: str, draw: st.DrawFn) -> str:
    data[key] = _Raw(draw(st.sampled_from(_NOT_JSON)))
    return paths.ROOT


def _duplicate_key_sites(draft: _Draft) -> list[_Site]:
    return [partial(_repeat_key, draft, node, key) for node in draft.nodes for key in node.data]


def _repeat_key(draft: _Draft, node: _Node, key: str, draw: st.DrawFn) -> str:
    draft.duplicate = (node.path, key)
    return node.at(key)


def _unknown_key_sites(draft: _Draft) -> list[_Site]:
    return [partial(_add_unknown_key, node) for node in draft.nodes]


def _add_unknown_key(node: _Node, draw: st.DrawFn) -> str:
    known = {field.name for field in attrs.fields(type(node.obj))}
    key = draw(_KEY_NAMES)
    # format_version is known to load, which reads the same documents.
    while key in known or key == "format_version":
        key += "_"
    pairs = list(node.data.items())
    pairs.insert(draw(st.integers(0, len(pairs))), (key, draw(_ANY_JSON)))
    node.data.clear()
    node.data.update(pairs)
    return node.at(key)


def _required_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(_remove_key, node, name)
        for node in draft.nodes
        for name in _REQUIRED[type(node.obj)]
    ]


def _remove_key(node: _Node, name: str, draw: st.DrawFn) -> str:
    del node.data[name]
    return node.at(name)


# What each value is.


def _type_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes:
        for name, field_type in _FIELD_TYPES[type(node.obj)].items():
            wrong = st.sampled_from(_wrong_values(field_type))
            sites.append(partial(_replace, node.data, name, wrong, node.at(name)))
            if hints.is_tuple_of(field_type):
                items = node.data[name]
                wrong_item = st.sampled_from(_wrong_values(hints.item_type(field_type)))
                sites.extend(
                    partial(_replace, items, index, wrong_item, node.at(name, index))
                    for index in range(len(items))
                )
    return sites


def _text_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes:
        for name in _TEXT_FIELDS.get(type(node.obj), ()):
            sites.append(partial(_spoil_text, node.data, name, node.at(name)))
        for name in _TEXT_LISTS.get(type(node.obj), ()):
            items = node.data[name]
            sites.extend(
                partial(_spoil_text, items, index, node.at(name, index))
                for index in range(len(items))
            )
    return sites


def _spoil_text(container: Any, key: str | int, path: str, draw: st.DrawFn) -> str:
    text = container[key] if container[key] is not None else draw(_TEXTS)
    container[key] = draw(_spoiled_text(text))
    return path


def _slug_sites(draft: _Draft) -> list[_Site]:
    # Identifiers that something refers to are left alone: renaming one would leave its
    # references dangling, a second problem.
    sites: list[_Site] = []
    for node in draft.nodes:
        names = _slug_fields(node)
        sites.extend(partial(_spoil_slug, node.data, name, node.at(name)) for name in names)
        if isinstance(node.obj, FundingCommitment):
            # A convention a tranche or a payment goes through stays a slug.
            programme = node.programme
            paid = programme.payments if programme is not None else ()
            in_use = {t.convention for t in node.obj.tranches} | {
                p.convention for p in paid if p.commitment == node.obj.id
            }
            covered = node.data["conventions"]
            sites.extend(
                partial(_spoil_slug, covered, index, node.at("conventions", index))
                for index, convention_id in enumerate(covered)
                if convention_id not in in_use
            )
        for name in _SLUG_LISTS.get(type(node.obj), ()):
            items = node.data[name]
            sites.extend(
                partial(_spoil_slug, items, index, node.at(name, index))
                for index in range(len(items))
            )
    return sites


_SLUG_LISTS: Mapping[type[Any], tuple[str, ...]] = {
    FundingCommitment: ("co_funders",),
    Match: ("by",),
}
# Slugs that may be None, spoiled only when they are given.
_OPTIONAL_SLUGS: Mapping[type[Any], tuple[str, ...]] = {
    FundingCommitment: ("priority", "act", "revises", "action"),
    Action: ("priority", "lead"),
    Indicator: ("action",),
    Payment: ("convention",),
}


# Slugs always given, and ids that are spoiled only when nothing refers to them.
_SLUG_FIELDS: Mapping[type[Any], tuple[str, ...]] = {
    Programme: ("id",),
    Amendment: ("id",),
    FundingCommitment: ("id", "funder"),
    Indicator: ("id",),
    Match: ("id", "commitment"),
    Payment: ("commitment",),
    Tranche: ("convention",),
    Relation: ("convention",),
    Signatory: ("party",),
}
_REFERRED_TO = (Convention, Party, Priority, Action)


def _slug_fields(node: _Node) -> tuple[str, ...]:
    obj = node.obj
    optional = tuple(n for n in _OPTIONAL_SLUGS.get(type(obj), ()) if getattr(obj, n) is not None)
    if isinstance(obj, _REFERRED_TO) and not _is_referenced(node):
        return ("id", *optional)
    return (*_SLUG_FIELDS.get(type(obj), ()), *optional)


def _is_referenced(node: _Node) -> bool:
    """Whether anything in the document refers to the convention, party, priority or action."""
    obj, container = node.obj, node.parent.obj if node.parent else None
    programme = node.programme
    commitments = programme.commitments if programme else ()
    if isinstance(obj, Convention):
        return any(obj.id in c.conventions for c in commitments)
    matching = {p for m in programme.matches for p in m.by} if programme else set()
    if isinstance(container, Programme):  # a partner
        return obj.id in matching or any(obj.id in c.funders for c in commitments)
    if not isinstance(container, Convention):
        return False  # a strategy's axes, or an object on its own
    covering = [c for c in commitments if container.id in c.conventions]
    if isinstance(obj, Party):
        return (
            any(s.party == obj.id for s in container.signatories)
            or any(a.lead == obj.id for a in container.actions)
            or any(obj.id in c.funders for c in covering)
            or obj.id in matching
        )
    if isinstance(obj, Action):
        return any(i.action == obj.id for i in container.indicators) or any(
            c.action == obj.id for c in covering
        )
    return any(c.priority == obj.id for c in covering) or any(
        a.priority == obj.id for a in container.actions
    )


def _spoil_slug(container: Any, key: str | int, path: str, draw: st.DrawFn) -> str:
    container[key] = draw(st.sampled_from(_not_slugs(container[key])))
    return path


def _unique_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes:
        for name in _UNIQUE_LISTS.get(type(node.obj), ()):
            items = node.data[name]
            path = node.at(name)
            # A repeated amendment comes right after itself: further on, it would be out of
            # the order of signatures.
            repeat = _repeat_next if name == "amendments" else _repeat_item
            sites.extend(partial(repeat, items, i, path) for i in range(len(items)))
        if isinstance(node.obj, FundingCommitment):
            sites.extend(
                partial(_split_tranche, node.data["tranches"], index, node.at("tranches"))
                for index, tranche in enumerate(node.obj.tranches)
                if tranche.amount >= Decimal("0.02")
            )
    return sites


def _repeat_item(items: list[Any], index: int, path: str, draw: st.DrawFn) -> str:
    return _insert(items, copy.deepcopy(items[index]), path, draw, after=index)


def _repeat_next(items: list[Any], index: int, path: str, draw: st.DrawFn) -> str:
    items.insert(index + 1, copy.deepcopy(items[index]))
    return paths.item(path, index + 1)


def _split_tranche(tranches: list[Any], index: int, path: str, draw: st.DrawFn) -> str:
    # Two tranches for the same year and convention, adding up to the one they replace,
    # so that the breakdown still honours the basis.
    tranche = tranches[index]
    cents = _cents_of(tranche["amount"])
    part = draw(st.integers(1, cents - 1))
    tranches[index] = {**tranche, "amount": _amount_text(part)}
    return _insert(tranches, {**tranche, "amount": _amount_text(cents - part)}, path, draw, index)


def _territory_code_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(Territory):
        sites.extend([partial(_miscode, node), partial(_change_kind, node)])
        within = node.data["within"]
        sites.extend(
            partial(_replace, within, i, _NO_CODES, node.at("within", i))
            for i in range(len(within))
        )
    sites.extend(
        partial(_replace, node.data, "territory", _NO_CODES, node.at("territory"))
        for node in draft.nodes_of(Party)
    )
    return sites


def _miscode(node: _Node, draw: st.DrawFn) -> str:
    territory: Territory = node.obj
    miscodes = list(_MISCODES[territory.kind])
    if territory.kind is TerritoryKind.EPCI:
        last = str((int(territory.code[-1]) + draw(st.integers(1, 9))) % 10)
        miscodes.append(territory.code[:-1] + last)  # fails the Luhn checksum
    # A code it lies within would break "within" too.
    code = draw(st.sampled_from([c for c in miscodes if c not in territory.within]))
    node.data["code"] = code
    return node.at("code")


def _change_kind(node: _Node, draw: st.DrawFn) -> str:
    # A région has two characters and a commune five: no code fits both.
    node.data["kind"] = "region" if len(node.obj.code) != 2 else "commune"
    return node.at("code")


def _within_sites(draft: _Draft) -> list[_Site]:
    return [partial(_within_itself, node) for node in draft.nodes_of(Territory)]


def _within_itself(node: _Node, draw: st.DrawFn) -> str:
    return _insert(node.data["within"], node.obj.code, node.at("within"), draw)


def _siren_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(_replace, node.data, "siren", _bad_sirens(), node.at("siren"))
        for node in draft.nodes_of(Party)
    ]


def _amount_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(_replace, node.data, "amount", _BAD_AMOUNTS, node.at("amount"))
        for node in draft.nodes_of(Tranche, FundingCommitment, Payment)
    ]


def _period_order_sites(draft: _Draft) -> list[_Site]:
    return [partial(_reverse, node) for node in draft.nodes_of(Period)]


def _reverse(node: _Node, draw: st.DrawFn) -> str:
    start, end = node.obj.start, node.obj.end
    if start > dt.date.min:
        node.data["end"] = draw(_dates(dt.date.min, start - _ONE_DAY)).isoformat()
    elif end < dt.date.max:  # the first day of the calendar: the start moves past the end
        node.data["start"] = draw(_dates(end + _ONE_DAY, dt.date.max)).isoformat()
    else:  # the whole calendar: no day lies outside it, so both ends change places
        node.data["start"], node.data["end"] = dt.date.max.isoformat(), dt.date.min.isoformat()
    return node.at("end")


# How the parts of a convention and a commitment fit together.


def _signatory_party_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(Convention):
        party_ids = {p.id for p in node.obj.parties}
        signing = node.data["signatories"]
        sites.append(partial(_add_signatory, signing, party_ids, node.at("signatories")))
        sites.extend(
            partial(_sign_for_other, signatory, party_ids, node.at("signatories", index))
            for index, signatory in enumerate(signing)
        )
    return sites


def _add_signatory(signing: list[Any], party_ids: set[str], path: str, draw: st.DrawFn) -> str:
    signatory = {"name": draw(_TEXTS), "role": draw(_TEXTS), "party": _fresh(draw, party_ids)}
    return _insert(signing, signatory, path, draw) + ".party"


def _sign_for_other(
    signatory: dict[str, Any], party_ids: set[str], path: str, draw: st.DrawFn
) -> str:
    signatory["party"] = _fresh(draw, party_ids)
    return paths.field(path, "party")


def _signature_date_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(Convention):
        convention: Convention = node.obj
        # Not after an amendment either: that would break amendment-date too.
        days = [a.signed_on for a in convention.amendments if a.signed_on is not None]
        latest = min(days, default=dt.date.max)
        if convention.period.end < latest:
            sites.append(partial(_sign_late, node, latest))
    return sites


def _sign_late(node: _Node, latest: dt.date, draw: st.DrawFn) -> str:
    day = draw(_dates(node.obj.period.end + _ONE_DAY, latest))
    node.data["signed_on"] = day.isoformat()
    return node.at("signed_on")


def _tranche_year_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(FundingCommitment):
        for index, tranche in enumerate(node.obj.tranches):
            # A year after the spend-by day's would break spend-by too.
            latest = dt.MAXYEAR if tranche.spend_by is None else tranche.spend_by.year
            years = _years_outside(node.obj.period, latest)
            if years is not None:
                data = node.data["tranches"][index]
                sites.append(
                    partial(_replace, data, "year", years, node.at("tranches", index, "year"))
                )
    return sites


def _years_outside(period: Period, latest: int = dt.MAXYEAR) -> st.SearchStrategy[int] | None:
    first, last = period.start.year, period.end.year
    before = [st.integers(max(dt.MINYEAR, first - 30), first - 1)] if first > dt.MINYEAR else []
    after = [st.integers(last + 1, min(latest, last + 30))] if last < latest else []
    return st.one_of(*before, *after) if before or after else None


def _tranche_convention_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(FundingCommitment):
        # A convention of the programme the commitment does not cover, or none at all.
        programme = node.programme
        members = [c.id for c in programme.conventions] if programme else []
        others = [c for c in members if c not in node.obj.conventions]
        sites.extend(
            partial(_through_other, tranche, node.obj.conventions, others, node.at("tranches", i))
            for i, tranche in enumerate(node.data["tranches"])
        )
    return sites


def _through_other(
    tranche: dict[str, Any],
    covered: Sequence[str],
    others: Sequence[str],
    path: str,
    draw: st.DrawFn,
) -> str:
    tranche["convention"] = _known_or_fresh(draw, others, covered)
    return paths.field(path, "convention")


def _tranche_basis_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(FundingCommitment):
        if node.obj.tranches:
            sites.append(partial(_change_amount_against_tranches, node))
            if node.obj.tranche_total != node.obj.amount:
                sites.append(partial(_change_basis_against_tranches, node))
    return sites


def _change_amount_against_tranches(node: _Node, draw: st.DrawFn) -> str:
    commitment: FundingCommitment = node.obj
    total = sum(_cents_of(t["amount"]) for t in node.data["tranches"])
    below = [(1, min(total - 1, _MAX_CENTS))] if total > 1 else []
    above = [(total + 1, _MAX_CENTS)] if total < _MAX_CENTS else []
    breaking = {Basis.AT_LEAST: above, Basis.EXACTLY: below + above, Basis.AT_MOST: below}
    ranges = breaking[commitment.basis] or below + above
    if not breaking[commitment.basis]:
        # No amount is out of reach of this breakdown under this basis: say "exactly".
        node.data["basis"] = Basis.EXACTLY.value
    low, high = draw(st.sampled_from(ranges))
    node.data["amount"] = _amount_text(draw(_cents(low, high)))
    return node.at("tranches")


def _change_basis_against_tranches(node: _Node, draw: st.DrawFn) -> str:
    commitment: FundingCommitment = node.obj
    assert commitment.tranche_total is not None
    broken_by = Basis.AT_MOST if commitment.tranche_total > commitment.amount else Basis.AT_LEAST
    node.data["basis"] = draw(st.sampled_from([broken_by, Basis.EXACTLY])).value
    return node.at("tranches")


# How the parts of a programme fit together: only programme documents can break these.


def _programme_node(draft: _Draft) -> _Node:
    root = draft.nodes[0]
    assert isinstance(root.obj, Programme), "a rule of programmes, in a document of another class"
    return root


def _within_programme_sites(draft: _Draft) -> list[_Site]:
    root = _programme_node(draft)
    bounds: Period = root.obj.period
    if (bounds.start, bounds.end) == (dt.date.min, dt.date.max):
        return []  # a programme for all time: nothing can go beyond it
    return [
        partial(_stretch, root, collection, index)
        for collection in ("conventions", "commitments")
        for index in range(len(root.data[collection]))
    ]


def _stretch(root: _Node, collection: str, index: int, draw: st.DrawFn) -> str:
    bounds: Period = root.obj.period
    period = root.data[collection][index]["period"]
    sides = (["end"] if bounds.end < dt.date.max else []) + (
        ["start"] if bounds.start > dt.date.min else []
    )
    # Only ever widened, so the dates inside it (signature, tranche years) stay inside.
    if draw(st.sampled_from(sides)) == "end":
        period["end"] = draw(_dates(bounds.end + _ONE_DAY, dt.date.max)).isoformat()
    else:
        period["start"] = draw(_dates(dt.date.min, bounds.start - _ONE_DAY)).isoformat()
    return root.at(collection, index, "period")


def _commitment_convention_sites(draft: _Draft) -> list[_Site]:
    root = _programme_node(draft)
    members = {c.id for c in root.obj.conventions}
    return [
        partial(_cover_missing, members, root.data["commitments"][i], root.at("commitments", i))
        for i in range(len(root.obj.commitments))
    ]


def _cover_missing(
    members: set[str], commitment: dict[str, Any], path: str, draw: st.DrawFn
) -> str:
    missing = _fresh(draw, members | set(commitment["conventions"]))
    return _insert(commitment["conventions"], missing, paths.field(path, "conventions"), draw)


def _covering_sites(
    draft: _Draft, change: Callable[[Programme, FundingCommitment, Any, str, st.DrawFn], str]
) -> list[_Site]:
    root = _programme_node(draft)
    programme: Programme = root.obj
    return [
        partial(
            change, programme, commitment, root.data["commitments"][i], root.at("commitments", i)
        )
        for i, commitment in enumerate(programme.commitments)
        if commitment.conventions
    ]


def _covered(programme: Programme, commitment: FundingCommitment) -> list[Convention]:
    return [programme.convention(c) for c in commitment.conventions]


def _funder_party_sites(draft: _Draft) -> list[_Site]:
    # A revision keeps the funder of what it revises: those linked by one keep theirs.
    programme: Programme = _programme_node(draft).obj
    linked = {c.revises for c in programme.commitments} | {
        c.id for c in programme.commitments if c.revises is not None
    }
    return [
        site
        for site, commitment in zip(
            _covering_sites(draft, _fund_by_outsider),
            [c for c in programme.commitments if c.conventions],
            strict=True,
        )
        if commitment.id not in linked
    ]


def _fund_by_outsider(
    programme: Programme,
    commitment: FundingCommitment,
    data: dict[str, Any],
    path: str,
    draw: st.DrawFn,
) -> str:
    covered = _covered(programme, commitment)
    everyone = [p.id for p in programme.parties]
    # A party of the programme missing from a covered convention, or no party at all; not
    # a partner (who may fund any convention), nor a co-funder (who would then be both).
    outsiders = [
        party_id
        for party_id in everyone
        if party_id not in commitment.co_funders
        and any(all(p.id != party_id for p in c.parties) for c in covered)
    ]
    known = [*everyone, *(p.id for p in programme.partners), *commitment.co_funders]
    data["funder"] = _known_or_fresh(draw, outsiders, known)
    return paths.field(path, "funder")


def _commitment_priority_sites(draft: _Draft) -> list[_Site]:
    return _covering_sites(draft, _earmark_elsewhere)


def _earmark_elsewhere(
    programme: Programme,
    commitment: FundingCommitment,
    data: dict[str, Any],
    path: str,
    draw: st.DrawFn,
) -> str:
    covered = _covered(programme, commitment)
    every_priority = {p.id for c in programme.conventions for p in c.priorities}
    shared = set.intersection(*({p.id for p in c.priorities} for c in covered))
    elsewhere = sorted(every_priority - shared)
    data["priority"] = _known_or_fresh(draw, elsewhere, every_priority)
    return paths.field(path, "priority")


def _party_consistency_sites(draft: _Draft) -> list[_Site]:
    root = _programme_node(draft)
    members: tuple[Convention, ...] = root.obj.conventions
    documents = root.data["conventions"]
    first_in: dict[str, int] = {}
    sites: list[_Site] = []
    for c_index, convention in enumerate(members):
        for p_index, party in enumerate(convention.parties):
            path = root.at("conventions", c_index, "parties", p_index)
            if party.id in first_in:
                # A later description of a party: it must match the first one.
                party_data = documents[c_index]["parties"][p_index]
                sites.append(partial(_redescribe_in_place, party_data, path))
                continue
            first_in[party.id] = c_index
            later = [
                (index, documents[index]["parties"])
                for index in range(c_index + 1, len(members))
                if all(p.id != party.id for p in members[index].parties)
            ]
            sites.extend(
                partial(
                    _add_described_differently,
                    to_dict(party),
                    parties,
                    root.at("conventions", index, "parties"),
                )
                for index, parties in later
            )
    return sites


def _redescribe_in_place(party: dict[str, Any], path: str, draw: st.DrawFn) -> str:
    _redescribe(party, draw)
    return path


def _add_described_differently(
    party: dict[str, Any], parties: list[Any], path: str, draw: st.DrawFn
) -> str:
    _redescribe(party, draw)
    return _insert(parties, party, path, draw)


def _redescribe(party: dict[str, Any], draw: st.DrawFn) -> None:
    """Change one thing a party is described by (not its id) to another valid value."""
    field = draw(st.sampled_from(["name", "kind", "territory", "siren"]))
    current = party[field]
    if field == "name":
        other = draw(_TEXTS)
        party["name"] = other if other != current else f"{current} bis"
    elif field == "kind":
        party["kind"] = draw(st.sampled_from([k.value for k in PartyKind if k.value != current]))
    else:
        values = _MAYBE_CODE if field == "territory" else st.none() | _SIRENS
        fallback = "59" if field == "territory" else "225900018"
        code = draw(values)
        party[field] = code if code != current else (fallback if current is None else None)


_SITES: Mapping[str, Callable[[_Draft], list[_Site]]] = {
    catalogue.JSON: _json_sites,
    catalogue.DUPLICATE_KEY: _duplicate_key_sites,
    catalogue.UNKNOWN_KEY: _unknown_key_sites,
    catalogue.REQUIRED: _required_sites,
    catalogue.TYPE: _type_sites,
    catalogue.TEXT: _text_sites,
    catalogue.SLUG: _slug_sites,
    catalogue.UNIQUE: _unique_sites,
    catalogue.TERRITORY_CODE: _territory_code_sites,
    catalogue.WITHIN: _within_sites,
    catalogue.SIREN: _siren_sites,
    catalogue.AMOUNT: _amount_sites,
    catalogue.PERIOD_ORDER: _period_order_sites,
    catalogue.SIGNATORY_PARTY: _signatory_party_sites,
    catalogue.SIGNATURE_DATE: _signature_date_sites,
    catalogue.TRANCHE_YEAR: _tranche_year_sites,
    catalogue.TRANCHE_CONVENTION: _tranche_convention_sites,
    catalogue.TRANCHE_BASIS: _tranche_basis_sites,
    catalogue.WITHIN_PROGRAMME: _within_programme_sites,
    catalogue.COMMITMENT_CONVENTION: _commitment_convention_sites,
    catalogue.FUNDER_PARTY: _funder_party_sites,
    catalogue.COMMITMENT_PRIORITY: _commitment_priority_sites,
    catalogue.PARTY_CONSISTENCY: _party_consistency_sites,
}
