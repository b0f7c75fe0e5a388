"""Strategies for every model class, each built to fit the rules, and `MODEL_STRATEGIES`."""

from __future__ import annotations

import datetime as dt
import functools
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from bassin_minier import (
    Action,
    Amendment,
    Convention,
    ConventionKind,
    FundingCommitment,
    Indicator,
    Match,
    Measure,
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
)
from bassin_minier._rules.text import slug_problem
from bassin_minier.testing._amendments import (
    _AMENDMENTS,
    _FULL_AMENDMENTS,
    _LIVING,
    _RELATIONS,
    _amendments_of,
    _beyond,
    _full_amendments,
    _full_period,
    _Life,
    _pick,
    _relations_to,
)
from bassin_minier.testing._arguments import (
    _require,
    _require_sizes,
    _require_with_tranches,
    _territory_kind,
)
from bassin_minier.testing._commitments import (
    _COMMITMENTS,
    _TRANCHES,
    _commitment,
    _lone_commitment,
    _lone_tranche,
)
from bassin_minier.testing._money import (
    _ACTIONS,
    _FULL_INDICATORS,
    _INDICATORS,
    _MATCHES,
    _MEASURES,
    _PAYMENTS,
    _WITH_MONEY,
    _co_funders,
    _evaluation,
    _matches,
    _partners,
    _payments,
)
from bassin_minier.testing._values import (
    _ANY_CODE,
    _CODES,
    _DATES,
    _LONG_SPANS,
    _MAYBE_CODE,
    _MAYBE_DATE,
    _MAYBE_SLUG,
    _MAYBE_TEXT,
    _PERIODS,
    _SIRENS,
    _SLUGS,
    _SPANS,
    _TEXTS,
    _YEARS_AROUND,
    _dates,
    periods,
)

# -- territories ------------------------------------------------------------------------------


@st.composite
def _territory(draw: st.DrawFn, kind: TerritoryKind | None, min_within: int) -> Territory:
    kind = draw(st.sampled_from(TerritoryKind)) if kind is None else kind
    code = draw(_CODES[kind])
    # One more than needed: the territory's own code is dropped if it comes up.
    around = st.lists(_ANY_CODE, min_size=min_within and min_within + 1, max_size=3, unique=True)
    return Territory(
        code=code,
        name=draw(_TEXTS),
        kind=kind,
        within=tuple(c for c in draw(around) if c != code),
    )


_TERRITORIES = _territory(None, 0)


def territories(kind: TerritoryKind | str | None = None) -> st.SearchStrategy[Territory]:
    """Territories of *kind* (of any kind when None), lying within other territories.

    >>> from hypothesis import given
    >>> from bassin_minier import TerritoryKind
    >>> @given(territories(TerritoryKind.EPCI))
    ... def test_an_epci_is_named_by_its_siren(epci):
    ...     assert len(epci.code) == 9 and epci.code.isdigit()
    >>> test_an_epci_is_named_by_its_siren()
    """
    if kind is None:
        return _TERRITORIES
    return _territory(_territory_kind(kind), 0)


# -- people and priorities --------------------------------------------------------------------

_PARTIES = st.builds(
    Party,
    id=_SLUGS,
    name=_TEXTS,
    kind=st.sampled_from(PartyKind),
    territory=_MAYBE_CODE,
    siren=st.none() | _SIRENS,
)
_SIGNATORIES = st.builds(Signatory, name=_TEXTS, role=_TEXTS, party=_SLUGS)
_PARTICIPANTS = st.builds(Participant, name=_TEXTS, role=_TEXTS)


def _priorities(min_themes: int) -> st.SearchStrategy[Priority]:
    themes = st.lists(_TEXTS, min_size=min_themes, max_size=3, unique=True).map(tuple)
    return st.builds(Priority, id=_SLUGS, label=_TEXTS, themes=themes)


_PRIORITIES = _priorities(0)


def parties() -> st.SearchStrategy[Party]:
    """Parties of every kind, with or without a territory code and a SIREN.

    >>> from hypothesis import given
    >>> import bassin_minier as bm
    >>> @given(parties())
    ... def test_party_round_trip(party):
    ...     assert bm.from_json(bm.to_json(party), bm.Party) == party
    >>> test_party_round_trip()
    """
    return _PARTIES


def signatories(party_ids: Iterable[str] | None = None) -> st.SearchStrategy[Signatory]:
    """Signatories, each signing for one of *party_ids* when they are given.

    >>> from hypothesis import given
    >>> @given(signatories(party_ids=["etat", "cd-nord"]))
    ... def test_signs_for_a_known_party(signatory):
    ...     assert signatory.party in ("etat", "cd-nord")
    >>> test_signs_for_a_known_party()
    """
    if party_ids is None:
        return _SIGNATORIES
    _require(not isinstance(party_ids, str), f"party_ids must be ids, not one str: {party_ids!r}")
    ids = tuple(party_ids)
    _require(bool(ids), "party_ids must hold at least one party id")
    for party_id in ids:
        _require(
            isinstance(party_id, str) and slug_problem(party_id) is None,
            f"party_ids must be slugs like 'cd-nord', got {party_id!r}",
        )
    return _signatories_for(ids)


def _signatories_for(party_ids: Sequence[str]) -> st.SearchStrategy[Signatory]:
    return st.builds(Signatory, name=_TEXTS, role=_TEXTS, party=st.sampled_from(party_ids))


def participants() -> st.SearchStrategy[Participant]:
    """People present at a signature who do not sign.

    >>> from hypothesis import given
    >>> @given(participants())
    ... def test_a_participant_has_a_role(participant):
    ...     assert participant.role.strip() == participant.role
    >>> test_a_participant_has_a_role()
    """
    return _PARTICIPANTS


def priorities() -> st.SearchStrategy[Priority]:
    """Priorities with up to three distinct themes.

    >>> from hypothesis import given
    >>> @given(priorities())
    ... def test_themes_are_distinct(priority):
    ...     assert len(set(priority.themes)) == len(priority.themes)
    >>> test_themes_are_distinct()
    """
    return _PRIORITIES


# -- conventions ------------------------------------------------------------------------------


def _some_of(draw: st.DrawFn, pool: Sequence[Any], key: Any, min_size: int = 0) -> tuple[Any, ...]:
    """Some items of *pool* (at least *min_size* if it has them), no two with the same *key*."""
    if not pool:
        return ()
    return tuple(
        draw(
            st.lists(
                st.sampled_from(pool),
                min_size=min(min_size, len(pool)),
                max_size=len(pool),
                unique_by=key,
            )
        )
    )


def _by_id(item: Party | Priority | Convention) -> str:
    return item.id


_SOME_PARTICIPANTS = st.lists(_PARTICIPANTS, max_size=2, unique_by=lambda p: p.name)


def _convention(
    draw: st.DrawFn,
    *,
    convention_id: str,
    period: Period,
    party_pool: Sequence[Party],
    priority_pool: Sequence[Priority],
    min_parties: int,
    life: _Life,
    money: bool,
) -> Convention:
    chosen = _some_of(draw, party_pool, _by_id, min_size=min_parties)
    party_ids = [p.id for p in chosen]
    priorities = _some_of(draw, priority_pool, _by_id)
    signing = st.lists(
        _signatories_for(party_ids), max_size=3, unique_by=lambda s: (s.name, s.party)
    )
    # Conventions are often signed before their period starts (18 December 2018 for 2019).
    earliest = dt.date(max(dt.MINYEAR, period.start.year - 2), 1, 1)
    # A full convention is signed on a known day: its amendments can then come before it.
    days = _dates(earliest, period.end)
    signed_on = draw(days if life.full else st.none() | days)
    amendments: tuple[Amendment, ...] = ()
    related: tuple[Relation, ...] = ()
    if life.full:
        assert signed_on is not None
        amendments = _full_amendments(
            draw,
            period=period,
            signed_on=signed_on,
            bounds=life.bounds or _beyond(period),
            party_ids=party_ids,
            taken=life.taken,
        )
    elif life.living:
        amendments = _amendments_of(
            draw,
            period=period,
            signed_on=signed_on,
            bounds=life.bounds,
            party_ids=party_ids,
            taken=life.taken,
        )
    if life.living:
        related = _relations_to(draw, convention_id, life.members)
    actions, indicators = (
        _evaluation(
            draw,
            period=period,
            priority_ids=[p.id for p in priorities],
            party_ids=party_ids,
            full=life.full,
        )
        if money
        else ((), ())
    )
    return Convention(
        id=convention_id,
        title=draw(_TEXTS),
        kind=draw(st.sampled_from(ConventionKind)),
        territory=draw(_TERRITORIES),
        parties=chosen,
        signatories=tuple(draw(signing)) if chosen else (),
        participants=tuple(draw(_SOME_PARTICIPANTS)),
        priorities=priorities,
        period=period,
        signed_on=signed_on,
        signed_at=draw(_MAYBE_TEXT),
        event=draw(_MAYBE_TEXT),
        amendments=amendments,
        related=related,
        actions=actions,
        indicators=indicators,
    )


def _party_pool(max_size: int) -> st.SearchStrategy[list[Party]]:
    return st.lists(_PARTIES, min_size=1, max_size=max_size, unique_by=_by_id)


_PRIORITY_POOL = st.lists(_PRIORITIES, max_size=3, unique_by=_by_id)


@st.composite
def _lone_convention(
    draw: st.DrawFn,
    min_parties: int,
    max_parties: int,
    spans: st.SearchStrategy[Period],
    full: bool = False,
) -> Convention:
    pool = st.lists(_PARTIES, min_size=min_parties, max_size=max_parties, unique_by=_by_id)
    return _convention(
        draw,
        convention_id=draw(_SLUGS),
        period=draw(spans),
        party_pool=draw(pool),
        priority_pool=draw(_PRIORITY_POOL),
        min_parties=min_parties,
        life=_Life(living=full or draw(_LIVING), full=full),
        money=full or draw(_WITH_MONEY),
    )


_CONVENTIONS = _lone_convention(0, 4, _PERIODS)


def conventions(*, min_parties: int = 0, max_parties: int = 4) -> st.SearchStrategy[Convention]:
    """Conventions whose signatories sign for their parties, signed before their end.

    Each has from *min_parties* to *max_parties* parties. Some have amendments, in the
    order they were signed (a day may be unknown), none before the convention, their
    signatories signing for its parties; some are related to other conventions. Some are
    broken down into actions, each carrying out one of its priorities and led by one of its
    parties (or either unknown), and have indicators, some measuring one of its actions,
    with at most one target and one result a year.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(conventions(min_parties=2))
    ... def test_every_signatory_is_a_party(convention):
    ...     assert len(convention.parties) >= 2
    ...     party_ids = {party.id for party in convention.parties}
    ...     assert {s.party for s in convention.signatories} <= party_ids
    >>> test_every_signatory_is_a_party()
    """
    _require_sizes("parties", min_parties, max_parties)
    if (min_parties, max_parties) == (0, 4):
        return _CONVENTIONS
    return _conventions_with(min_parties, max_parties)


@functools.cache
def _conventions_with(min_parties: int, max_parties: int) -> st.SearchStrategy[Convention]:
    return _lone_convention(min_parties, max_parties, _PERIODS)


# -- programmes -------------------------------------------------------------------------------

_STRATEGIES = st.builds(
    Strategy, name=_TEXTS, presented_on=_MAYBE_DATE, axes=_PRIORITY_POOL.map(tuple)
)
_MILESTONES = st.builds(Milestone, on=_DATES, label=_TEXTS)


def strategies() -> st.SearchStrategy[Strategy]:
    """National strategies with up to three axes of distinct ids.

    >>> from hypothesis import given
    >>> @given(strategies())
    ... def test_axes_have_distinct_ids(strategy):
    ...     assert len({axis.id for axis in strategy.axes}) == len(strategy.axes)
    >>> test_axes_have_distinct_ids()
    """
    return _STRATEGIES


def milestones() -> st.SearchStrategy[Milestone]:
    """Dated steps of a programme.

    >>> import datetime as dt
    >>> from hypothesis import given
    >>> @given(milestones())
    ... def test_a_milestone_has_a_date(milestone):
    ...     assert isinstance(milestone.on, dt.date)
    >>> test_a_milestone_has_a_date()
    """
    return _MILESTONES


def _commitment_in(
    draw: st.DrawFn,
    *,
    commitment_id: str,
    period: Period,
    party_pool: Sequence[Party],
    members: Sequence[Convention],
    with_tranches: bool | None,
    earlier: Sequence[FundingCommitment],
    living: bool,
    partners: Sequence[Party],
    money: bool,
) -> FundingCommitment:
    # A funder that is party to no convention can only cover none: prefer those that are.
    # A partner is accepted as the funder of any convention.
    in_conventions = [p for c in members for p in c.parties]
    funder = draw(st.sampled_from([*(in_conventions or party_pool), *partners])).id
    revises = None
    if living and earlier and draw(st.booleans()):
        # A revision of an earlier commitment, by the same funder: never a circle.
        revised = _pick(draw, earlier)
        funder, revises = revised.funder, revised.id
    partner_ids = [p.id for p in partners]
    eligible = [
        c for c in members if funder in partner_ids or any(p.id == funder for p in c.parties)
    ]
    # Commitments covering conventions have the most rules to honour: make them common.
    fewest = 1 if with_tranches else draw(st.sampled_from([1, 1, 0]))
    covered = _some_of(draw, eligible, _by_id, min_size=fewest)
    if covered:
        shared = set.intersection(*({p.id for p in c.priorities} for c in covered))
        priority = (st.none() | st.sampled_from(sorted(shared))) if shared else st.none()
    else:
        priority = _MAYBE_SLUG  # covering nothing, a priority has nothing to agree with
    acts = sorted(a.id for c in covered for a in c.amendments)
    co_funders: tuple[str, ...] = ()
    action = None
    if money:
        # Covering nothing, anyone of the programme may fund jointly: no rule compares them.
        others = partner_ids if covered else [*partner_ids, *(p.id for p in party_pool)]
        co_funders = _co_funders(draw, funder, covered, others)
        action_ids = sorted({a.id for c in covered for a in c.actions})
        action = _pick(draw, [None, *action_ids]) if action_ids else None
    return _commitment(
        draw,
        commitment_id=commitment_id,
        funder=funder,
        period=draw(periods(within=period)),
        covered=[c.id for c in covered],
        priority=draw(priority),
        with_tranches=with_tranches,
        living=living,
        act=_pick(draw, [None, *acts]) if acts else None,
        revises=revises,
        co_funders=co_funders,
        action=action,
    )


_SOME_MILESTONES = st.lists(_MILESTONES, max_size=3, unique_by=lambda m: (m.on, m.label))


# What a programme holds of version 2, drawn once: a third have the shape of version 1
# (and shrink to it), a third both the life of agreements and shared money, the rest one
# of them. Drawn apart, the two would leave version-1 programmes rare.
_SHAPES = st.sampled_from(
    [(False, False), (True, True), (True, False), (False, True), (False, False), (True, True)]
)


@st.composite
def _programme(
    draw: st.DrawFn,
    *,
    min_conventions: int,
    max_conventions: int,
    with_tranches: bool | None,
    spans: st.SearchStrategy[Period],
    min_parties: int,
    full: bool = False,
) -> Programme:
    period = draw(spans)
    party_pool = draw(_party_pool(3))
    priority_pool = draw(_PRIORITY_POOL)
    # Tranches go through a convention to which the funder is a party: when every
    # commitment must have some, there is a convention, and the first has a party.
    fewest = max(min_conventions, 1) if with_tranches else min_conventions
    convention_ids = draw(st.lists(_SLUGS, min_size=fewest, max_size=max_conventions, unique=True))
    living, money = (True, True) if full else draw(_SHAPES)
    # Amendment ids are unique in the whole programme: the conventions share those taken.
    life = _Life(
        living=living, full=full, bounds=period, taken=set(), members=tuple(convention_ids)
    )
    members = [
        _convention(
            draw,
            convention_id=convention_id,
            period=_full_period(draw, period) if full else draw(periods(within=period)),
            party_pool=party_pool,
            priority_pool=priority_pool,
            min_parties=1 if with_tranches and index == 0 else min_parties,
            life=life,
            money=money,
        )
        for index, convention_id in enumerate(convention_ids)
    ]
    party_ids = sorted({p.id for p in party_pool} | {p.id for c in members for p in c.parties})
    partners = _partners(draw, party_ids, full) if money else ()
    commitment_ids = st.lists(_SLUGS, min_size=1 if with_tranches else 0, max_size=2, unique=True)
    commitments: list[FundingCommitment] = []
    for commitment_id in draw(commitment_ids):
        commitment = _commitment_in(
            draw,
            commitment_id=commitment_id,
            period=period,
            party_pool=party_pool,
            members=members,
            with_tranches=with_tranches,
            # In a full programme, funders change freely: no commitment revises another.
            earlier=() if full else commitments,
            living=living,
            partners=partners,
            money=money,
        )
        commitments.append(commitment)
    in_conventions = sorted({p.id for c in members for p in c.parties})
    matching = [*in_conventions, *(p.id for p in partners)]
    return Programme(
        id=draw(_SLUGS),
        name=draw(_TEXTS),
        period=period,
        strategy=draw(st.none() | _STRATEGIES),
        conventions=tuple(members),
        commitments=tuple(commitments),
        milestones=tuple(draw(_SOME_MILESTONES)),
        partners=partners,
        matches=_matches(draw, commitments, matching, full) if money else (),
        payments=_payments(draw, commitments, full) if money else (),
    )


_PROGRAMMES = _programme(
    min_conventions=0, max_conventions=3, with_tranches=None, spans=_PERIODS, min_parties=0
)


def programmes(
    *, min_conventions: int = 0, max_conventions: int = 3, with_tranches: bool | None = None
) -> st.SearchStrategy[Programme]:
    """Small programmes whose conventions share parties and whose commitments fit them.

    Each has from *min_conventions* to *max_conventions* conventions. *with_tranches*:
    True, at least one commitment and every commitment broken down into tranches (so at
    least one convention, to which the funder is a party); False, no tranches at all;
    None, either.

    Some conventions have amendments (their ids unique in the programme, every period
    they set within the programme's) and are related to other conventions of the
    programme; some commitments are made by an amendment of a convention they cover
    (``act``) or revise an earlier commitment of the same funder (``revises``). About a
    third of the programmes use none of these, as a version-1 document would.

    Some programmes have partners (their ids apart from every party's) who may fund any
    convention; some commitments are joint (``co_funders``, each a party to every covered
    convention or a partner) or fund an action of a covered convention; some programmes
    have matching rules, on one of their commitments and met by their parties and
    partners, and payments, in a year of their commitment and through one of its
    conventions when they name one, no two alike. About a third of the programmes have
    none of these either.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(programmes(min_conventions=2, with_tranches=True))
    ... def test_each_tranche_goes_through_a_covered_convention(programme):
    ...     assert len(programme.conventions) >= 2
    ...     for commitment in programme.commitments:
    ...         assert commitment.tranches
    ...         assert {t.convention for t in commitment.tranches} <= set(commitment.conventions)
    >>> test_each_tranche_goes_through_a_covered_convention()
    """
    _require_sizes("conventions", min_conventions, max_conventions)
    _require_with_tranches(with_tranches)
    _require(
        not with_tranches or max_conventions > 0,
        "with_tranches=True needs max_conventions >= 1: a tranche goes through a convention",
    )
    if (min_conventions, max_conventions, with_tranches) == (0, 3, None):
        return _PROGRAMMES
    return _programmes_with(min_conventions, max_conventions, with_tranches)


@functools.cache
def _programmes_with(
    min_conventions: int, max_conventions: int, with_tranches: bool | None
) -> st.SearchStrategy[Programme]:
    return _programme(
        min_conventions=min_conventions,
        max_conventions=max_conventions,
        with_tranches=with_tranches,
        spans=_PERIODS,
        min_parties=0,
    )


#: A strategy for each model class, in the order the classes build on one another.
MODEL_STRATEGIES: Mapping[type[Any], st.SearchStrategy[Any]] = types.MappingProxyType(
    {
        Period: _PERIODS,
        Territory: _TERRITORIES,
        Party: _PARTIES,
        Signatory: _SIGNATORIES,
        Participant: _PARTICIPANTS,
        Priority: _PRIORITIES,
        Tranche: _TRANCHES,
        FundingCommitment: _COMMITMENTS,
        Amendment: _AMENDMENTS,
        Relation: _RELATIONS,
        Action: _ACTIONS,
        Measure: _MEASURES,
        Indicator: _INDICATORS,
        Convention: _CONVENTIONS,
        Strategy: _STRATEGIES,
        Milestone: _MILESTONES,
        Match: _MATCHES,
        Payment: _PAYMENTS,
        Programme: _PROGRAMMES,
    }
)

# Objects with a place for every rule their class can break: the fallback when a drawn
# object has none (a convention without parties has no SIREN to spoil).
_FULL: Mapping[type[Any], st.SearchStrategy[Any]] = {
    **MODEL_STRATEGIES,
    Period: _SPANS,
    Territory: _territory(None, 1),
    Priority: _priorities(1),
    Tranche: _lone_tranche(_YEARS_AROUND),
    FundingCommitment: _lone_commitment(True, _SPANS),
    Amendment: _FULL_AMENDMENTS,
    Indicator: _FULL_INDICATORS,
    Convention: _lone_convention(1, 4, _SPANS, full=True),
    Strategy: st.builds(
        Strategy,
        name=_TEXTS,
        presented_on=_MAYBE_DATE,
        axes=st.lists(_PRIORITIES, min_size=1, max_size=3, unique_by=_by_id).map(tuple),
    ),
    Programme: _programme(
        min_conventions=2,
        max_conventions=2,
        with_tranches=True,
        spans=_LONG_SPANS,
        min_parties=1,
        full=True,
    ),
}
