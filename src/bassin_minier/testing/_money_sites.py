"""Where the rules of actions, indicators, partners, joint commitments, matches and payments
can be broken.

Each function finds, in a draft, the places where one rule can be broken and nothing else
with it; `_MONEY_SITES` maps each rule to them. ``unique`` reaches these objects too (a
measure year given twice): its places here are added to the others by `_invalid`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from functools import partial
from typing import Any

import attrs
from hypothesis import strategies as st

from bassin_minier import (
    Convention,
    FundingCommitment,
    Indicator,
    Match,
    Measure,
    Programme,
    to_dict,
)
from bassin_minier._base import paths
from bassin_minier._rules import catalogue
from bassin_minier.testing._drafts import _Draft, _Node, _Site
from bassin_minier.testing._money import _NUMBERS
from bassin_minier.testing._sites import _insert, _replace, _years_outside
from bassin_minier.testing._spoils import _BAD_NUMBERS, _BAD_RATIOS, _fresh, _known_or_fresh


def _programme_of(draft: _Draft) -> _Node | None:
    root = draft.nodes[0]
    return root if isinstance(root.obj, Programme) else None


@attrs.frozen
class _Outside:
    """One of the *known* ids that break a rule, or an id that is none of *taken*."""

    known: Sequence[str]
    taken: Collection[str]

    def draw(self, draw: st.DrawFn) -> str:
        return _known_or_fresh(draw, self.known, self.taken)


def _set_outside(
    container: Any, key: str | int, outside: _Outside, path: str, draw: st.DrawFn
) -> str:
    container[key] = outside.draw(draw)
    return path


def _add_outside(items: list[str], outside: _Outside, path: str, draw: st.DrawFn) -> str:
    return _insert(items, outside.draw(draw), path, draw)


def _ids(items: Any) -> list[str]:
    return [item.id for item in items]


# -- values -----------------------------------------------------------------------------------


def _number_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(_replace, node.data, "value", _BAD_NUMBERS, node.at("value"))
        for node in draft.nodes_of(Measure)
    ]


def _ratio_sites(draft: _Draft) -> list[_Site]:
    return [
        partial(_replace, node.data, "ratio", _BAD_RATIOS, node.at("ratio"))
        for node in draft.nodes_of(Match)
    ]


def _measure_year_sites(draft: _Draft) -> list[_Site]:
    """A second target or result for a year that has one, of the same value or another."""
    sites: list[_Site] = []
    for node in draft.nodes_of(Indicator):
        for name in ("targets", "results"):
            items = node.data[name]
            sites.extend(
                partial(_measure_again, items, index, node.at(name)) for index in range(len(items))
            )
    return sites


def _measure_again(items: list[Any], index: int, path: str, draw: st.DrawFn) -> str:
    measure = to_dict(Measure(year=items[index]["year"], value=draw(_NUMBERS)))
    return _insert(items, measure, path, draw, after=index)


# -- a convention's actions and indicators ----------------------------------------------------


def _elsewhere(node: _Node, ids_of: Callable[[Convention], list[str]]) -> list[str]:
    """The ids that other conventions of the programme have and this one has not."""
    programme = node.programme
    own = set(ids_of(node.obj))
    others = programme.conventions if programme is not None else ()
    return sorted({i for c in others for i in ids_of(c)} - own)


def _parties_of(convention: Convention) -> list[str]:
    return _ids(convention.parties)


def _priorities_of(convention: Convention) -> list[str]:
    return _ids(convention.priorities)


def _actions_of(convention: Convention) -> list[str]:
    return _ids(convention.actions)


def _action_priority_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(Convention):
        outside = _Outside(_elsewhere(node, _priorities_of), _priorities_of(node.obj))
        sites.extend(
            partial(_set_outside, data, "priority", outside, node.at("actions", j, "priority"))
            for j, data in enumerate(node.data["actions"])
        )
    return sites


def _action_lead_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(Convention):
        # A party of another convention, a partner of the programme, or no one known.
        programme = node.programme
        partners = _ids(programme.partners) if programme is not None else []
        outside = _Outside([*_elsewhere(node, _parties_of), *partners], _parties_of(node.obj))
        sites.extend(
            partial(_set_outside, data, "lead", outside, node.at("actions", j, "lead"))
            for j, data in enumerate(node.data["actions"])
        )
    return sites


def _indicator_action_sites(draft: _Draft) -> list[_Site]:
    sites: list[_Site] = []
    for node in draft.nodes_of(Convention):
        outside = _Outside(_elsewhere(node, _actions_of), _actions_of(node.obj))
        sites.extend(
            partial(_set_outside, data, "action", outside, node.at("indicators", k, "action"))
            for k, data in enumerate(node.data["indicators"])
        )
    return sites


# -- joint commitments ------------------------------------------------------------------------


def _co_funder_sites(draft: _Draft) -> list[_Site]:
    """The funder named again among the co-funders: added, or in place of one."""
    sites: list[_Site] = []
    for node in draft.nodes_of(FundingCommitment):
        funder, co_funders = node.obj.funder, node.data["co_funders"]
        path = node.at("co_funders")
        sites.append(partial(_add_funder, co_funders, funder, path))
        sites.extend(
            partial(_replace, co_funders, k, st.just(funder), paths.item(path, k))
            for k in range(len(co_funders))
        )
    return sites


def _add_funder(co_funders: list[str], funder: str, path: str, draw: st.DrawFn) -> str:
    return _insert(co_funders, funder, path, draw)


def _funder_party_sites(draft: _Draft) -> list[_Site]:
    """A co-funder missing from a covered convention and not a partner: added, or in place."""
    root = _programme_of(draft)
    if root is None:
        return []
    programme: Programme = root.obj
    everyone = _ids(programme.parties)
    partners = _ids(programme.partners)
    sites: list[_Site] = []
    for index, commitment in enumerate(programme.commitments):
        if not commitment.conventions:
            continue
        covered = [set(_parties_of(programme.convention(c))) for c in commitment.conventions]
        outsiders = [
            party_id
            for party_id in everyone
            if party_id not in commitment.funders and any(party_id not in c for c in covered)
        ]
        outside = _Outside(outsiders, [*everyone, *partners, *commitment.funders])
        co_funders = root.data["commitments"][index]["co_funders"]
        path = root.at("commitments", index, "co_funders")
        sites.append(partial(_add_outside, co_funders, outside, path))
        sites.extend(
            partial(_set_outside, co_funders, k, outside, paths.item(path, k))
            for k in range(len(co_funders))
        )
    return sites


# -- a programme's partners, actions funded, matches and payments -----------------------------


def _partner_sites(draft: _Draft) -> list[_Site]:
    """A party to a convention listed as a partner: added, or a partner renamed to it."""
    root = _programme_of(draft)
    if root is None:
        return []
    programme: Programme = root.obj
    parties = programme.parties
    if not parties:
        return []
    partners = root.data["partners"]
    sites: list[_Site] = [
        partial(_add_partner, partners, to_dict(party), root.at("partners")) for party in parties
    ]
    # Renaming a partner that something names would leave that name unknown: a second rule.
    named = {p for m in programme.matches for p in m.by} | {
        f for c in programme.commitments for f in c.funders
    }
    sites.extend(
        partial(_rename_partner, partners[k], _ids(parties), root.at("partners", k, "id"))
        for k, partner in enumerate(programme.partners)
        if partner.id not in named
    )
    return sites


def _add_partner(partners: list[Any], party: dict[str, Any], path: str, draw: st.DrawFn) -> str:
    return paths.field(_insert(partners, party, path, draw), "id")


def _rename_partner(
    partner: dict[str, Any], party_ids: Sequence[str], path: str, draw: st.DrawFn
) -> str:
    partner["id"] = draw(st.sampled_from(party_ids))
    return path


def _commitment_action_sites(draft: _Draft) -> list[_Site]:
    """An action of a convention the commitment does not cover, or of none."""
    root = _programme_of(draft)
    if root is None:
        return []
    programme: Programme = root.obj
    every = sorted({a.id for c in programme.conventions for a in c.actions})
    sites: list[_Site] = []
    for index, commitment in enumerate(programme.commitments):
        own = {a.id for c in commitment.conventions for a in programme.convention(c).actions}
        others = [action for action in every if action not in own]
        data = root.data["commitments"][index]
        path = root.at("commitments", index, "action")
        sites.append(partial(_set_outside, data, "action", _Outside(others, every), path))
    return sites


def _match_commitment_sites(draft: _Draft) -> list[_Site]:
    root = _programme_of(draft)
    if root is None:
        return []
    programme: Programme = root.obj
    # A convention's id where a commitment's is expected, or no known id at all.
    ids = _ids(programme.commitments)
    outside = _Outside([c for c in _ids(programme.conventions) if c not in ids], ids)
    return [
        partial(_set_outside, data, "commitment", outside, root.at("matches", m, "commitment"))
        for m, data in enumerate(root.data["matches"])
    ]


def _match_party_sites(draft: _Draft) -> list[_Site]:
    # Met by no one: the match's own rule, in any document holding a match.
    sites: list[_Site] = [partial(_met_by_no_one, node) for node in draft.nodes_of(Match)]
    root = _programme_of(draft)
    if root is None:
        return sites
    programme: Programme = root.obj
    # Someone neither a party nor a partner: a commitment's or a convention's id, or unknown.
    parties = [*_ids(programme.parties), *_ids(programme.partners)]
    known = sorted({*_ids(programme.commitments), *_ids(programme.conventions)} - set(parties))
    for m, data in enumerate(root.data["matches"]):
        outside = _Outside([k for k in known if k not in data["by"]], [*parties, *data["by"]])
        path = root.at("matches", m, "by")
        sites.append(partial(_add_outside, data["by"], outside, path))
        sites.extend(
            partial(_set_outside, data["by"], k, outside, paths.item(path, k))
            for k in range(len(data["by"]))
        )
    return sites


def _met_by_no_one(node: _Node, draw: st.DrawFn) -> str:
    node.data["by"] = []
    return node.at("by")


def _payment_commitment_sites(draft: _Draft) -> list[_Site]:
    root = _programme_of(draft)
    if root is None:
        return []
    programme: Programme = root.obj
    ids = _ids(programme.commitments)
    return [
        partial(_pay_under_unknown, data, ids, root.at("payments", p, "commitment"))
        for p, data in enumerate(root.data["payments"])
    ]


def _pay_under_unknown(
    data: dict[str, Any], ids: Sequence[str], path: str, draw: st.DrawFn
) -> str:
    data["commitment"] = _fresh(draw, ids)
    return path


def _payment_year_sites(draft: _Draft) -> list[_Site]:
    root = _programme_of(draft)
    if root is None:
        return []
    programme: Programme = root.obj
    sites: list[_Site] = []
    for p, payment in enumerate(programme.payments):
        years = _years_outside(programme.commitment(payment.commitment).period)
        if years is not None:
            data = root.data["payments"][p]
            sites.append(partial(_replace, data, "year", years, root.at("payments", p, "year")))
    return sites


def _payment_convention_sites(draft: _Draft) -> list[_Site]:
    root = _programme_of(draft)
    if root is None:
        return []
    programme: Programme = root.obj
    members = _ids(programme.conventions)
    sites: list[_Site] = []
    for p, payment in enumerate(programme.payments):
        covered = programme.commitment(payment.commitment).conventions
        others = [c for c in members if c not in covered]
        data = root.data["payments"][p]
        path = root.at("payments", p, "convention")
        sites.append(partial(_set_outside, data, "convention", _Outside(others, covered), path))
    return sites


_MONEY_SITES: Mapping[str, Callable[[_Draft], list[_Site]]] = {
    catalogue.NUMBER: _number_sites,
    catalogue.RATIO: _ratio_sites,
    catalogue.CO_FUNDER: _co_funder_sites,
    catalogue.ACTION_PRIORITY: _action_priority_sites,
    catalogue.ACTION_LEAD: _action_lead_sites,
    catalogue.INDICATOR_ACTION: _indicator_action_sites,
    catalogue.FUNDER_PARTY: _funder_party_sites,
    catalogue.PARTNER: _partner_sites,
    catalogue.COMMITMENT_ACTION: _commitment_action_sites,
    catalogue.MATCH_COMMITMENT: _match_commitment_sites,
    catalogue.MATCH_PARTY: _match_party_sites,
    catalogue.PAYMENT_COMMITMENT: _payment_commitment_sites,
    catalogue.PAYMENT_YEAR: _payment_year_sites,
    catalogue.PAYMENT_CONVENTION: _payment_convention_sites,
    catalogue.UNIQUE: _measure_year_sites,
}
