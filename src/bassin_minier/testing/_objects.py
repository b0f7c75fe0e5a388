"""Strategies for every model class, each built to fit the rules, and `MODEL_STRATEGIES`."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import types
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from bassin_minier import (
    Amendment,
    Basis,
    Convention,
    ConventionKind,
    FundingCommitment,
    Milestone,
    Participant,
    Party,
    PartyKind,
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
from bassin_minier.testing._values import (
    _AMOUNTS,
    _ANY_CENTS,
    _ANY_CODE,
    _CODES,
    _DATES,
    _LONG_SPANS,
    _MAX_CENTS,
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
    _cents,
    _dates,
    _euros,
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


# Whether an object drawn uses what version 2 added (amendments, links, acts, revisions,
# spend-by days): a third of them do not, and have the shape of a version-1 document.
_LIVING = st.sampled_from([False, True, True])

# -- tranches and commitments -----------------------------------------------------------------

_SPEND_DAYS = st.none() | st.integers(0, 730)


def _spend_by(draw: st.DrawFn, year: int) -> dt.date | None:
    """None, or a last day to use a *year*'s money: in that year or the next."""
    days = draw(_SPEND_DAYS)
    if days is None:
        return None
    first, last = dt.date(year, 1, 1), dt.date(min(year + 1, dt.MAXYEAR), 12, 31)
    return first + dt.timedelta(days=min(days, (last - first).days))


@st.composite
def _lone_tranche(draw: st.DrawFn, years: st.SearchStrategy[int]) -> Tranche:
    year = draw(years)
    return Tranche(
        year=year,
        amount=draw(_AMOUNTS),
        convention=draw(_SLUGS),
        spend_by=_spend_by(draw, year),
    )


_TRANCHES = _lone_tranche(st.integers(dt.MINYEAR, dt.MAXYEAR))


def tranches() -> st.SearchStrategy[Tranche]:
    """Tranches on their own: any year, any amount, any convention id.

    Half of them say until when the year's money may be spent: a day of that year or
    the next.

    >>> from hypothesis import given
    >>> @given(tranches())
    ... def test_a_tranche_has_a_year(tranche):
    ...     assert 1 <= tranche.year <= 9999
    >>> test_a_tranche_has_a_year()
    """
    return _TRANCHES


def _split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """*total* cents cut into *parts* strictly positive shares."""
    spare = total - parts
    cuts = sorted(draw(st.lists(st.integers(0, spare), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, spare]
    return [1 + high - low for low, high in itertools.pairwise(bounds)]


def _breakdown(
    draw: st.DrawFn, basis: Basis, years: Sequence[int], covered: Sequence[str], living: bool
) -> tuple[Decimal, tuple[Tranche, ...]]:
    """An amount and its full breakdown by year and convention, honouring *basis*."""
    slots = draw(
        st.lists(
            st.tuples(st.sampled_from(years), st.sampled_from(covered)),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    if basis is Basis.AT_LEAST:
        # A floor: the tranches may even add up to more than any one amount can be.
        shares = [draw(_ANY_CENTS) for _ in slots]
        amount = draw(_cents(1, min(sum(shares), _MAX_CENTS)))
    else:
        total = draw(_cents(len(slots), _MAX_CENTS))
        shares = _split(draw, total, len(slots))
        amount = total if basis is Basis.EXACTLY else draw(_cents(total, _MAX_CENTS))
    breakdown = tuple(
        Tranche(
            year=year,
            amount=_euros(share),
            convention=convention,
            spend_by=_spend_by(draw, year) if living else None,
        )
        for (year, convention), share in zip(slots, shares, strict=True)
    )
    return _euros(amount), breakdown


def _commitment(
    draw: st.DrawFn,
    *,
    commitment_id: str,
    funder: str,
    period: Period,
    covered: Sequence[str],
    priority: str | None,
    with_tranches: bool | None,
    living: bool,
    act: str | None = None,
    revises: str | None = None,
) -> FundingCommitment:
    basis = draw(st.sampled_from(Basis))
    broken_down = draw(st.booleans()) if with_tranches is None else with_tranches
    if covered and broken_down:
        amount, breakdown = _breakdown(draw, basis, period.years, covered, living)
    else:
        amount, breakdown = draw(_AMOUNTS), ()
    return FundingCommitment(
        id=commitment_id,
        funder=funder,
        amount=amount,
        basis=basis,
        period=period,
        conventions=tuple(covered),
        priority=priority,
        tranches=breakdown,
        act=act,
        revises=revises,
    )


@st.composite
def _lone_commitment(
    draw: st.DrawFn, with_tranches: bool | None, spans: st.SearchStrategy[Period]
) -> FundingCommitment:
    # A tranche goes through a covered convention: a breakdown needs one at least.
    covered = st.lists(_SLUGS, min_size=1 if with_tranches else 0, max_size=3, unique=True)
    commitment_id = draw(_SLUGS)
    living = draw(_LIVING)
    revises = draw(_MAYBE_SLUG) if living else None
    return _commitment(
        draw,
        commitment_id=commitment_id,
        funder=draw(_SLUGS),
        period=draw(spans),
        covered=draw(covered),
        priority=draw(_MAYBE_SLUG),
        with_tranches=with_tranches,
        living=living,
        act=draw(_MAYBE_SLUG) if living else None,
        # Any other commitment: on its own, one has nothing to compare the funder with.
        revises=None if revises == commitment_id else revises,
    )


_COMMITMENTS = _lone_commitment(None, _PERIODS)


def funding_commitments(
    *, with_tranches: bool | None = None
) -> st.SearchStrategy[FundingCommitment]:
    """Commitments on their own, whose tranches (if any) honour their basis.

    *with_tranches*: True, always broken down into tranches; False, never; None, either.

    >>> from hypothesis import given
    >>> @given(funding_commitments(with_tranches=True))
    ... def test_broken_down(commitment):
    ...     assert commitment.tranches
    ...     assert {t.convention for t in commitment.tranches} <= set(commitment.conventions)
    >>> test_broken_down()
    """
    _require_with_tranches(with_tranches)
    return _COMMITMENTS if with_tranches is None else _commitments_with(with_tranches)


@functools.cache
def _commitments_with(with_tranches: bool) -> st.SearchStrategy[FundingCommitment]:
    return _lone_commitment(with_tranches, _PERIODS)


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
) -> Convention:
    chosen = _some_of(draw, party_pool, _by_id, min_size=min_parties)
    party_ids = [p.id for p in chosen]
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
    return Convention(
        id=convention_id,
        title=draw(_TEXTS),
        kind=draw(st.sampled_from(ConventionKind)),
        territory=draw(_TERRITORIES),
        parties=chosen,
        signatories=tuple(draw(signing)) if chosen else (),
        participants=tuple(draw(_SOME_PARTICIPANTS)),
        priorities=_some_of(draw, priority_pool, _by_id),
        period=period,
        signed_on=signed_on,
        signed_at=draw(_MAYBE_TEXT),
        event=draw(_MAYBE_TEXT),
        amendments=amendments,
        related=related,
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
    )


_CONVENTIONS = _lone_convention(0, 4, _PERIODS)


def conventions(*, min_parties: int = 0, max_parties: int = 4) -> st.SearchStrategy[Convention]:
    """Conventions whose signatories sign for their parties, signed before their end.

    Each has from *min_parties* to *max_parties* parties. Some have amendments, in the
    order they were signed (a day may be unknown), none before the convention, their
    signatories signing for its parties; some are related to other conventions.

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
) -> FundingCommitment:
    # A funder that is party to no convention can only cover none: prefer those that are.
    in_conventions = [p for c in members for p in c.parties]
    funder = draw(st.sampled_from(in_conventions or party_pool)).id
    revises = None
    if living and earlier and draw(st.booleans()):
        # A revision of an earlier commitment, by the same funder: never a circle.
        revised = _pick(draw, earlier)
        funder, revises = revised.funder, revised.id
    eligible = [c for c in members if any(p.id == funder for p in c.parties)]
    # Commitments covering conventions have the most rules to honour: make them common.
    fewest = 1 if with_tranches else draw(st.sampled_from([1, 1, 0]))
    covered = _some_of(draw, eligible, _by_id, min_size=fewest)
    if covered:
        shared = set.intersection(*({p.id for p in c.priorities} for c in covered))
        priority = (st.none() | st.sampled_from(sorted(shared))) if shared else st.none()
    else:
        priority = _MAYBE_SLUG  # covering nothing, a priority has nothing to agree with
    acts = sorted(a.id for c in covered for a in c.amendments)
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
    )


_SOME_MILESTONES = st.lists(_MILESTONES, max_size=3, unique_by=lambda m: (m.on, m.label))


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
    living = full or draw(_LIVING)
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
        )
        for index, convention_id in enumerate(convention_ids)
    ]
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
        )
        commitments.append(commitment)
    return Programme(
        id=draw(_SLUGS),
        name=draw(_TEXTS),
        period=period,
        strategy=draw(st.none() | _STRATEGIES),
        conventions=tuple(members),
        commitments=tuple(commitments),
        milestones=tuple(draw(_SOME_MILESTONES)),
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
        Convention: _CONVENTIONS,
        Strategy: _STRATEGIES,
        Milestone: _MILESTONES,
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
