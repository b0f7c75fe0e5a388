"""Programmes as Open Contracting Data Standard (OCDS 1.1) release packages.

Each convention is one contracting process: one release tagged ``contract`` with its
parties, one award and one contract. ``docs/export.md`` explains every choice of mapping;
the comments here only say why the code looks the way it does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from bassin_minier._base import paths
from bassin_minier._base.errors import ValidationError, Violation
from bassin_minier._model.convention import Convention
from bassin_minier._model.enums import ConventionKind, PartyKind, RelationKind
from bassin_minier._model.funding import FundingCommitment, Tranche
from bassin_minier._model.party import Party
from bassin_minier._model.programme import Milestone, Programme
from bassin_minier._rules.catalogue import UNIQUE
from bassin_minier._rules.exports import OCDS_EMPTY, OCID_PREFIX
from bassin_minier._rules.money import format_amount, total
from bassin_minier.export._ocds_parts import (
    JOIN,
    action_items,
    amendment_entry,
    commitment_text,
    funders_text,
    match_text,
    placed_payments,
    transactions,
)
from bassin_minier.export._ocds_parts import timestamp as _timestamp
from bassin_minier.export._ocds_parts import value as _value

__all__ = [
    "BUDGET_BREAKDOWN_EXTENSION",
    "DEFAULT_OCID_PREFIX",
    "OCDS_VERSION",
    "ocds_json",
    "to_ocds",
]

#: The OCDS version the packages declare (the schema's major.minor; 1.1.5 validates them).
OCDS_VERSION = "1.1"

#: A placeholder prefix for the ``ocid`` of each convention. It is not registered with the
#: Open Contracting Partnership: a publisher registers its own and passes it as
#: *ocid_prefix*.
DEFAULT_OCID_PREFIX = "ocds-bassin"

#: The extension that describes a budget per year and per source party.
BUDGET_BREAKDOWN_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_budget_breakdown_extension/master/extension.json"
)

_PUBLISHER = "bassin_minier"
_PREFIX = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")

_KIND_WORDS = {
    ConventionKind.DEPARTEMENTALE: "convention départementale",
    ConventionKind.TERRITOIRE_DEMONSTRATEUR: "convention de territoire démonstrateur",
    ConventionKind.OTHER: "convention",
    ConventionKind.METROPOLITAINE: "convention métropolitaine",
    ConventionKind.REGIONALE: "convention régionale",
    ConventionKind.PACTE_SOLIDARITES: "pacte local des solidarités",
    ConventionKind.CONTRAT_DE_VILLE: "contrat de ville",
    ConventionKind.CRTE: "contrat de relance et de transition écologique",
    ConventionKind.CPER: "contrat de plan État–région",
    ConventionKind.PETITES_VILLES_DE_DEMAIN: "convention Petites villes de demain",
    ConventionKind.SUBVENTION: "convention de subvention",
}

# The codes of the relatedProcess codelist that say how a convention stands to another, from
# the release of the one that holds the relation: the convention it succeeds came before it
# (``prior``); the convention it implements is the process it is part of (``parent``). The
# codelist has no code for a process that takes in another: a convention that integrates
# another is written as the ``parent`` in the release of the one it integrates.
_RELATIONSHIPS = {RelationKind.SUCCEEDS: "prior", RelationKind.IMPLEMENTS: "parent"}
_RELATION_WORDS = {
    RelationKind.SUCCEEDS: "succède à",
    RelationKind.IMPLEMENTS: "met en œuvre",
    RelationKind.INTEGRATES: "intègre",
}


def to_ocds(
    obj: Programme | Convention | Iterable[Programme | Convention],
    *,
    ocid_prefix: str = DEFAULT_OCID_PREFIX,
    published: dt.date | None = None,
    publisher: str = _PUBLISHER,
    uri: str | None = None,
) -> dict[str, Any]:
    """The OCDS release package of a programme (one release per convention), a convention,
    or a collection of them (the releases of each, in order).

    The ``ocid`` of a convention is ``{ocid_prefix}-{programme id}.{convention id}`` (or
    ``{ocid_prefix}-{convention id}`` for a convention on its own): ids never hold a dot,
    so no two conventions share an ocid, and it stays the same from one export to the
    next. A commitment that covers no convention is a contracting process of its own, at
    the planning stage, ``{ocid_prefix}-{programme id}.commitment.{commitment id}``.
    Nothing depends on the clock: each release is dated by the signature of its
    convention (or the start of its period when the signature is not known), and the
    package by *published*, which defaults to the latest date of the data. *uri*
    identifies the package and defaults to a URN made of the prefix and the id (the prefix
    alone for a collection); *publisher* names who publishes it.

    Amounts are `Decimal` values; write the package with `ocds_json` to keep them exact.
    Raises `ValidationError` when there is nothing to publish, for an *ocid_prefix* that
    is not letters and digits joined by hyphens, and when a collection holds the same
    contracting process twice (the same convention of the same programme, or the same
    lone convention), naming where each ocid comes from.

    >>> import bassin_minier as bm
    >>> package = to_ocds(bm.datasets.bassin_minier_2019())
    >>> [release["ocid"] for release in package["releases"]][-1]
    'ocds-bassin-plan-pauvrete-nord-pas-de-calais.bassin-minier'
    """
    if not isinstance(ocid_prefix, str) or not _PREFIX.fullmatch(ocid_prefix):
        raise ValidationError.at(
            "ocid_prefix",
            f"the OCID prefix {ocid_prefix!r} is not letters and digits joined by hyphens "
            "(a registered prefix looks like 'ocds-213czf')",
            OCID_PREFIX,
        )
    if isinstance(obj, (Programme, Convention)):
        base = f"{ocid_prefix}-{obj.id}"
        found = list(_releases(obj, ocid_prefix, paths.ROOT))
    elif isinstance(obj, Iterable):
        base = ocid_prefix
        found = [
            pair
            for index, item in enumerate(obj)
            for pair in _releases(item, ocid_prefix, paths.item(paths.ROOT, index))
        ]
    else:
        raise TypeError(_not_exported(obj))
    if not found:
        raise ValidationError.at(
            paths.field(paths.ROOT, "conventions"),
            "there is no convention (nor any commitment outside them), so no contracting "
            "process to publish; expected at least one convention",
            OCDS_EMPTY,
        )
    _check_once(found)
    releases = [release for _, release in found]
    if published is None:
        published = max(_dates_of(releases))
    package: dict[str, Any] = {
        "uri": uri if uri is not None else f"urn:bassin-minier:{base}",
        "version": OCDS_VERSION,
        "publishedDate": _timestamp(published),
        "publisher": {"name": publisher},
    }
    if any("budgetBreakdown" in r.get("planning", {}).get("budget", {}) for r in releases):
        package["extensions"] = [BUDGET_BREAKDOWN_EXTENSION]
    package["releases"] = releases
    return package


# -- identifiers --------------------------------------------------------------------------------

# The parts of an identifier are joined with a dot, which neither slugs nor prefixes hold.
_JOIN = JOIN
# The word between a programme and a commitment in the ocid of the commitment's process:
# with it the identifier holds two dots, where that of a convention holds one.
_COMMITMENT_WORD = "commitment"


def _convention_ocid(prefix: str, programme: Programme | None, convention_id: str) -> str:
    if programme is None:
        return f"{prefix}-{convention_id}"
    return f"{prefix}-{programme.id}{_JOIN}{convention_id}"


def _commitment_ocid(prefix: str, programme: Programme, commitment: FundingCommitment) -> str:
    return f"{prefix}-{programme.id}{_JOIN}{_COMMITMENT_WORD}{_JOIN}{commitment.id}"


def _releases(obj: object, ocid_prefix: str, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The releases of *obj*, each with the path of what it publishes."""
    if isinstance(obj, Programme):
        return _programme_releases(obj, ocid_prefix, path)
    if isinstance(obj, Convention):
        ocid = _convention_ocid(ocid_prefix, None, obj.id)
        return iter([(path, _release(ocid, obj, None, ocid_prefix))])
    raise TypeError(_not_exported(obj))


def _programme_releases(
    programme: Programme, ocid_prefix: str, path: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    shared = _Shared(programme)
    for index, convention in enumerate(programme.conventions):
        ocid = _convention_ocid(ocid_prefix, programme, convention.id)
        yield (
            paths.item(paths.field(path, "conventions"), index),
            _release(ocid, convention, shared, ocid_prefix),
        )
    # A commitment to no convention would be in no release: it is a process of its own.
    for index, commitment in enumerate(programme.commitments):
        if not commitment.conventions:
            ocid = _commitment_ocid(ocid_prefix, programme, commitment)
            yield (
                paths.item(paths.field(path, "commitments"), index),
                _commitment_release(ocid, commitment, shared),
            )


def _check_once(found: list[tuple[str, dict[str, Any]]]) -> None:
    # OCDS wants the releases of a package unique, and a release id unique within its
    # ocid: the same process twice is a mistake in the collection, not something to
    # merge quietly (two versions of a convention may differ).
    first: dict[str, str] = {}
    violations = []
    for path, release in found:
        ocid = release["ocid"]
        where = first.get(ocid)
        if where is None:
            first[ocid] = path
        else:
            violations.append(
                Violation(
                    path,
                    f"the contracting process {ocid!r} is already published by {where}; "
                    "a package publishes each contracting process once",
                    UNIQUE,
                )
            )
    if violations:
        raise ValidationError(violations)


def _not_exported(obj: object) -> str:
    return f"expected a Programme or a Convention, not {type(obj).__name__}"


def ocds_json(package: dict[str, Any], *, indent: int | None = 2) -> str:
    """The JSON text of *package*, amounts written exactly (``48000000.00``, never a float)."""
    return "".join(_encode(package, indent, 0))


def _encode(value: object, indent: int | None, level: int) -> Iterator[str]:
    # json.dumps cannot write a Decimal as a number without passing through float.
    if isinstance(value, Decimal):
        yield format_amount(value)
    elif isinstance(value, dict):
        yield from _container("{", "}", value.items(), indent, level)
    elif isinstance(value, list):
        yield from _container("[", "]", ((None, v) for v in value), indent, level)
    else:
        yield json.dumps(value, ensure_ascii=False)


def _container(
    opening: str, closing: str, items: Any, indent: int | None, level: int
) -> Iterator[str]:
    inner = "" if indent is None else "\n" + " " * (indent * (level + 1))
    outer = "" if indent is None else "\n" + " " * (indent * level)
    colon = ":" if indent is None else ": "
    yield opening
    empty = True
    for key, item in items:
        yield inner if empty else "," + inner
        empty = False
        if key is not None:
            yield json.dumps(key, ensure_ascii=False) + colon
        yield from _encode(item, indent, level + 1)
    yield closing if empty else outer + closing


# -- one release per convention ---------------------------------------------------------------


def _dates_of(releases: list[dict[str, Any]]) -> Iterator[dt.date]:
    for release in releases:
        yield dt.date.fromisoformat(release["date"][:10])
        for milestone in release.get("planning", {}).get("milestones", ()):
            yield dt.date.fromisoformat(milestone["dueDate"][:10])


def _period(start: dt.date, end: dt.date) -> dict[str, Any]:
    return {
        "startDate": _timestamp(start),
        "endDate": _timestamp(end),
        "durationInDays": (end - start).days + 1,
    }


class _Shared:
    """What the releases of one programme draw on, gathered once for all of them.

    Looking a party or a convention's commitments up in the programme goes through all
    of its conventions or commitments each time: done for every convention, it would make
    an export grow with the square of the programme.
    """

    __slots__ = (
        "covering",
        "funder_of",
        "integrated_by",
        "milestones",
        "parties",
        "partners",
        "payments",
        "programme",
        "revised_by",
        "texts",
        "titles",
        "tranches",
    )

    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        # Partners fund without being party to a convention: named like parties all the same.
        self.parties = {party.id: party for party in (*programme.parties, *programme.partners)}
        self.partners = {partner.id: partner for partner in programme.partners}
        self.funder_of = {c.id: c.funder for c in programme.commitments}
        self.payments = placed_payments(programme.payments, programme.commitments)
        self.titles = {c.id: c.title for c in programme.conventions}
        # The conventions that integrate each convention, in the programme's order.
        self.integrated_by: dict[str, list[str]] = {}
        for convention in programme.conventions:
            for relation in convention.related:
                if relation.kind is RelationKind.INTEGRATES:
                    self.integrated_by.setdefault(relation.convention, []).append(convention.id)
        # The first commitment that revises each revised one: the money it replaces.
        self.revised_by: dict[str, str] = {}
        for commitment in programme.commitments:
            if commitment.revises is not None:
                self.revised_by.setdefault(commitment.revises, commitment.id)
        # The commitments covering each convention, in the programme's order.
        self.covering: dict[str, list[FundingCommitment]] = {}
        # The tranches of each commitment through each convention, in the commitment's order.
        self.tranches: dict[tuple[str, str], list[Tranche]] = {}
        for commitment in programme.commitments:
            for convention_id in commitment.conventions:
                self.covering.setdefault(convention_id, []).append(commitment)
            for tranche in commitment.tranches:
                key = (commitment.id, tranche.convention)
                self.tranches.setdefault(key, []).append(tranche)
        matches: dict[str, list[str]] = {}
        for match in programme.matches:
            matches.setdefault(match.commitment, []).append(match_text(match))
        self.texts = {
            c.id: " ".join(
                [
                    commitment_text(
                        c, funders_text(c, self.funder_name), self.revised_by.get(c.id)
                    ),
                    *matches.get(c.id, ()),
                ]
            )
            for c in programme.commitments
        }
        self.milestones = list(_milestones(programme.milestones))

    def funder_name(self, party_id: str) -> str:
        # The funder of a commitment covering no convention may be party to none.
        party = self.parties.get(party_id)
        return party_id if party is None else party.name

    def source(self, party_id: str) -> dict[str, Any]:
        party = self.parties.get(party_id)
        return {"id": party_id} if party is None else _reference(party)

    def payer(self, commitment_id: str) -> dict[str, Any]:
        """The party that pays under a commitment: its funder (the first named)."""
        return self.source(self.funder_of[commitment_id])

    def planning_milestones(self) -> list[dict[str, Any]]:
        # A copy for each release: a package's releases share no mutable object.
        return [dict(milestone) for milestone in self.milestones]


def _release(
    ocid: str, convention: Convention, shared: _Shared | None, prefix: str
) -> dict[str, Any]:
    # The release gives the convention as its amendments left it: it is dated by the
    # latest of them whose day is known (listed in signature order, it is the last).
    signed = [a.signed_on for a in convention.amendments if a.signed_on is not None]
    day = max([convention.signed_on or convention.period.start, *signed[-1:]])
    commitments = shared.covering.get(convention.id, []) if shared else []
    # Everyone who commits money to it, jointly or alone.
    funders = {funder for c in commitments for funder in c.funders}
    buyer = _buyer(convention.parties, funders)
    parties = [_organization(p, convention, buyer, funders) for p in convention.parties]
    if shared is not None:
        parties.extend(_partners(convention, commitments, shared))
    parties.extend(
        {
            "id": f"participant:{index}",
            "name": participant.role,
            "roles": ["interestedParty"],
            "contactPoint": {"name": participant.name},
        }
        for index, participant in enumerate(convention.participants, start=1)
    )
    suppliers = [_reference(p) for p in convention.parties if _is_supplier(p, buyer, funders)]
    # A revised commitment's money is replaced by its revision's: the value counts the latter.
    breakdown = (
        [
            entry
            for c in commitments
            if c.id not in shared.revised_by
            for entry in _breakdown(c, convention.id, shared)
        ]
        if shared
        else []
    )
    value = total(entry["amount"]["amount"] for entry in breakdown) if breakdown else None
    release: dict[str, Any] = {
        "ocid": ocid,
        "id": _release_id(ocid, day),
        "date": _timestamp(day),
        "tag": ["contract"],
        # The closed codelist has no other value; conventions are not tendered.
        "initiationType": "tender",
        "language": "fr",
        "parties": parties,
    }
    if buyer is not None:
        release["buyer"] = _reference(buyer)
    related = _related_processes(convention, shared, prefix)
    if related:
        release["relatedProcesses"] = related
    planning = _planning(convention, shared, commitments, breakdown, value)
    if planning:
        release["planning"] = planning
    # The period the convention runs for now, as its latest amendment that sets one says.
    effective = convention.effective_period
    period = _period(effective.start, effective.end)
    award: dict[str, Any] = {"id": convention.id, "title": convention.title}
    contract: dict[str, Any] = {
        "id": convention.id,
        "awardID": convention.id,
        "title": convention.title,
        "description": _description(convention),
        "period": period,
    }
    if convention.signed_on is not None:
        award["date"] = contract["dateSigned"] = _timestamp(convention.signed_on)
    if value is not None:
        award["value"] = _value(value)
        contract["value"] = _value(value)
    if convention.actions:
        contract["items"] = action_items(convention)
    if shared is not None and (paid := shared.payments.get(convention.id)):
        contract["implementation"] = {"transactions": transactions(paid, shared.payer)}
    if convention.amendments:
        contract["amendments"] = [amendment_entry(a, convention) for a in convention.amendments]
    award["suppliers"] = suppliers
    award["contractPeriod"] = period
    release["awards"] = [award]
    release["contracts"] = [contract]
    return release


def _release_id(ocid: str, day: dt.date) -> str:
    # A date is always ten characters: the id still tells its ocid apart.
    return f"{ocid}-{day.isoformat()}"


def _commitment_release(
    ocid: str, commitment: FundingCommitment, shared: _Shared
) -> dict[str, Any]:
    """A commitment to no convention yet: a process at the planning stage, its budget."""
    day = commitment.period.start
    source = shared.source(commitment.funder)
    funder = shared.parties.get(commitment.funder)
    organization = (
        _organization_of(funder, ["buyer", "funder"], [])
        if funder is not None
        else {**source, "roles": ["buyer", "funder"]}
    )
    others = [
        _organization_of(party, ["funder"], [])
        if (party := shared.parties.get(co_funder)) is not None
        else {"id": co_funder, "roles": ["funder"]}
        for co_funder in commitment.co_funders
    ]
    planning: dict[str, Any] = {}
    rationale = _rationale(None, shared.programme)
    if rationale:
        planning["rationale"] = rationale
    planning["budget"] = {
        "description": shared.texts[commitment.id],
        "amount": _value(commitment.amount),
        "budgetBreakdown": [_whole(commitment, source, shared)],
    }
    if shared.milestones:
        planning["milestones"] = shared.planning_milestones()
    return {
        "ocid": ocid,
        "id": _release_id(ocid, day),
        "date": _timestamp(day),
        "tag": ["planning"],
        "initiationType": "tender",
        "language": "fr",
        "parties": [organization, *others],
        "buyer": source,
        "planning": planning,
    }


def _partners(
    convention: Convention, commitments: list[FundingCommitment], shared: _Shared
) -> list[dict[str, Any]]:
    """The partners that fund the convention (alone or jointly), or match a commitment to
    it: funders party to no convention, in the programme's order of partners."""
    involved = {funder for c in commitments for funder in c.funders}
    covering = {c.id for c in commitments}
    involved.update(
        party for m in shared.programme.matches if m.commitment in covering for party in m.by
    )
    return [
        _organization_of(partner, ["funder"], [])
        for partner in shared.partners.values()
        if partner.id in involved
    ]


def _buyer(parties: tuple[Party, ...], funders: set[str]) -> Party | None:
    # The buyer is the party whose budget pays: the State when it is a party, otherwise
    # the first funder.
    for party in parties:
        if party.kind is PartyKind.STATE:
            return party
    for party in parties:
        if party.id in funders:
            return party
    return None


def _is_supplier(party: Party, buyer: Party | None, funders: set[str]) -> bool:
    return party is not buyer and party.id not in funders


def _reference(party: Party) -> dict[str, Any]:
    return {"id": party.id, "name": party.name}


def _organization(
    party: Party, convention: Convention, buyer: Party | None, funders: set[str]
) -> dict[str, Any]:
    roles = []
    if party is buyer:
        roles.append("buyer")
    if party.id in funders:
        roles.append("funder")
    if _is_supplier(party, buyer, funders):
        roles.append("supplier")
    signatories = [
        {"name": s.name, "role": s.role} for s in convention.signatories if s.party == party.id
    ]
    # Those who signed an amendment for the party, each with the amendment's id.
    signatories.extend(
        {"name": s.name, "role": s.role, "amendment": amendment.id}
        for amendment in convention.amendments
        for s in amendment.signatories
        if s.party == party.id
    )
    return _organization_of(party, roles, signatories)


def _organization_of(
    party: Party, roles: list[str], signatories: list[dict[str, Any]]
) -> dict[str, Any]:
    organization: dict[str, Any] = {"id": party.id, "name": party.name, "roles": roles}
    if party.siren is not None:
        organization["identifier"] = {
            "scheme": "FR-SIRENE",
            "id": party.siren,
            "legalName": party.name,
        }
    details: dict[str, Any] = {"kind": party.kind.value}
    if party.territory is not None:
        details["territory"] = party.territory
    if signatories:
        details["signatories"] = signatories
    organization["details"] = details
    return organization


def _breakdown(
    commitment: FundingCommitment, convention_id: str, shared: _Shared
) -> Iterator[dict[str, Any]]:
    """The parts of *commitment* that go through the convention, by year where known."""
    source = shared.source(commitment.funder)
    if commitment.tranches:
        period = commitment.period
        for tranche in shared.tranches.get((commitment.id, convention_id), ()):
            # The tranche's year, within the commitment's period.
            start = max(dt.date(tranche.year, 1, 1), period.start)
            end = min(dt.date(tranche.year, 12, 31), period.end)
            description = f"Tranche {tranche.year} de l'engagement {commitment.id}"
            if tranche.spend_by is not None:
                description += f", utilisable jusqu'au {tranche.spend_by.isoformat()}"
            yield {
                # The dot keeps tranche 2019 of "fse" apart from a commitment "fse-2019".
                "id": f"{commitment.id}{_JOIN}{tranche.year}",
                "description": description,
                "amount": _value(tranche.amount),
                "period": _period(start, end),
                "sourceParty": source,
            }
    elif commitment.conventions == (convention_id,):
        yield _whole(commitment, source, shared)


def _whole(
    commitment: FundingCommitment, source: dict[str, Any], shared: _Shared
) -> dict[str, Any]:
    return {
        "id": commitment.id,
        "description": shared.texts[commitment.id],
        "amount": _value(commitment.amount),
        "period": _period(commitment.period.start, commitment.period.end),
        "sourceParty": source,
    }


def _planning(
    convention: Convention,
    shared: _Shared | None,
    commitments: list[FundingCommitment],
    breakdown: list[dict[str, Any]],
    value: Decimal | None,
) -> dict[str, Any]:
    planning: dict[str, Any] = {}
    rationale = _rationale(convention, shared.programme if shared else None)
    if rationale:
        planning["rationale"] = rationale
    if shared is not None and commitments:
        budget: dict[str, Any] = {"description": " ".join(shared.texts[c.id] for c in commitments)}
        if value is not None:
            budget["amount"] = _value(value)
            budget["budgetBreakdown"] = breakdown
        planning["budget"] = budget
    if shared is not None and shared.milestones:
        planning["milestones"] = shared.planning_milestones()
    return planning


def _rationale(convention: Convention | None, programme: Programme | None) -> str:
    parts = []
    if programme is not None and programme.strategy is not None:
        parts.append(f"{programme.strategy.name}.")
    if convention is not None and convention.priorities:
        listed = "; ".join(
            f"{p.label} ({', '.join(p.themes)})" if p.themes else p.label
            for p in convention.priorities
        )
        parts.append(f"Priorités : {listed}.")
    return " ".join(parts)


def _milestones(milestones: tuple[Milestone, ...]) -> Iterator[dict[str, Any]]:
    seen: dict[str, int] = {}
    for milestone in milestones:
        day = milestone.on.isoformat()
        seen[day] = seen.get(day, 0) + 1
        yield {
            "id": day if seen[day] == 1 else f"{day}-{seen[day]}",
            "title": milestone.label,
            "dueDate": _timestamp(milestone.on),
        }


def _description(convention: Convention) -> str:
    territory = convention.territory
    # Only the first letter is raised: « État » keeps its capital.
    kind = _KIND_WORDS.get(convention.kind, "convention")
    text = (
        f"{kind[:1].upper()}{kind[1:]} {convention.id}, territoire : "
        f"{territory.name} ({territory.kind.value} {territory.code})"
    )
    if territory.within:
        text += f", situé dans {', '.join(territory.within)}"
    text += (
        f" ; période du {convention.period.start.isoformat()} au "
        f"{convention.period.end.isoformat()}"
    )
    effective = convention.effective_period
    if effective != convention.period:
        text += (
            f", modifiée par avenant : du {effective.start.isoformat()} au "
            f"{effective.end.isoformat()}"
        )
    if convention.signed_on is not None:
        text += f" ; signée le {convention.signed_on.isoformat()}"
    if convention.signed_at is not None:
        text += f" à {convention.signed_at}"
    if convention.event is not None:
        text += f" ({convention.event})"
    for relation in convention.related:
        if relation.kind not in _RELATIONSHIPS:
            text += f" ; {_RELATION_WORDS[relation.kind]} la convention {relation.convention}"
    return text + "."


def _related_processes(
    convention: Convention, shared: _Shared | None, prefix: str
) -> list[dict[str, Any]]:
    """The conventions it succeeds or implements, and those that integrate it."""
    programme = shared.programme if shared is not None else None
    links = [
        (relation.kind.value, _RELATIONSHIPS[relation.kind], relation.convention)
        for relation in convention.related
        if relation.kind in _RELATIONSHIPS
    ]
    if shared is not None:
        links.extend(
            ("integrated-by", "parent", other)
            for other in shared.integrated_by.get(convention.id, ())
        )
    processes = []
    for kind, code, other in links:
        process: dict[str, Any] = {"id": f"{kind}{_JOIN}{other}", "relationship": [code]}
        title = shared.titles.get(other) if shared is not None else None
        if title is not None:
            process["title"] = title
        process["scheme"] = "ocid"
        process["identifier"] = _convention_ocid(prefix, programme, other)
        processes.append(process)
    return processes
