"""A programme as it stood on a day (`Programme.as_of`), and what each signature changed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._model.history import standing_amendments
from tests import builders
from tests.model.lives import FAR, days, lives
from tests.profiles import FEWER

SIGNED = dt.date(2018, 12, 18)


def amendment(id: str, signed_on: dt.date | None = None, **changes: object) -> bm.Amendment:
    return bm.Amendment(id=id, signed_on=signed_on, **changes)  # type: ignore[arg-type]


def with_amendments(*amendments: bm.Amendment, **changes: object) -> bm.Programme:
    """The builders' programme, the Nord convention amended, over 2019–2024."""
    nord = builders.convention(amendments=amendments)
    return builders.programme(
        period=bm.Period.from_years(2019, 2024),
        conventions=(nord, builders.other_convention()),
        **changes,
    )


def ids(programme: bm.Programme, convention: str = "nord") -> list[str]:
    return [a.id for a in programme.convention(convention).amendments]


# -- which amendments stand ------------------------------------------------------------


def test_amendments_signed_after_the_day_are_left_out() -> None:
    programme = with_amendments(
        amendment("a1", dt.date(2020, 3, 1)), amendment("a2", dt.date(2021, 5, 1))
    )
    assert ids(programme.as_of(dt.date(2020, 2, 29))) == []
    assert ids(programme.as_of(dt.date(2020, 3, 1))) == ["a1"]
    assert ids(programme.as_of(dt.date(2021, 4, 30))) == ["a1"]
    assert ids(programme.as_of(dt.date(2021, 5, 1))) == ["a1", "a2"]


def test_an_amendment_of_unknown_day_stands_once_one_listed_after_it_stands() -> None:
    programme = with_amendments(
        amendment("a1", dt.date(2020, 3, 1)),
        amendment("unknown"),
        amendment("a3", dt.date(2021, 5, 1)),
    )
    assert ids(programme.as_of(dt.date(2021, 1, 1))) == ["a1"]
    assert ids(programme.as_of(dt.date(2021, 5, 1))) == ["a1", "unknown", "a3"]


def test_an_amendment_of_unknown_day_listed_last_never_stands() -> None:
    programme = with_amendments(amendment("a1", dt.date(2020, 3, 1)), amendment("unknown"))
    assert ids(programme.as_of(FAR)) == ["a1"]
    assert standing_amendments(programme.convention("nord"), FAR) == (
        programme.convention("nord").amendments[0],
    )


def test_the_effective_period_is_the_one_in_force_that_day() -> None:
    programme = with_amendments(
        amendment("prolongation", dt.date(2021, 11, 30), period=bm.Period.from_years(2019, 2023))
    )
    assert programme.as_of(dt.date(2021, 1, 1)).convention("nord").effective_period == (
        bm.Period.from_years(2019, 2021)
    )
    assert programme.as_of(FAR).convention("nord").effective_period == (
        bm.Period.from_years(2019, 2023)
    )


def test_conventions_milestones_and_strategy_stay_as_they_are() -> None:
    programme = with_amendments(amendment("a1", dt.date(2020, 3, 1)))
    before = programme.as_of(dt.date(2000, 1, 1))  # before every signature, the conventions'
    assert [c.id for c in before.conventions] == ["nord", "pas-de-calais"]
    assert before.milestones == programme.milestones
    assert before.strategy == programme.strategy
    assert attrs.evolve(
        before.convention("nord"), amendments=programme.convention("nord").amendments
    ) == programme.convention("nord")


def test_as_of_takes_a_date() -> None:
    with pytest.raises(TypeError, match=r"datetime\.date"):
        builders.programme().as_of(dt.datetime(2020, 1, 1))  # type: ignore[arg-type]


# -- which commitments stand -----------------------------------------------------------


def test_a_commitment_made_by_an_amendment_left_out_is_left_out() -> None:
    programme = with_amendments(
        amendment("a1", dt.date(2020, 3, 1)),
        commitments=(
            builders.commitment(),
            builders.commitment(id="top-up", amount=Decimal(1000), act="a1"),
        ),
    )
    assert [c.id for c in programme.as_of(dt.date(2020, 1, 1)).commitments] == ["etat-2019-2021"]
    assert [c.id for c in programme.as_of(dt.date(2020, 3, 1)).commitments] == [
        "etat-2019-2021",
        "top-up",
    ]


def test_a_revised_commitment_is_replaced_by_its_revision_from_its_act_on() -> None:
    original = builders.commitment()
    cut = builders.commitment(id="cut", amount=Decimal(40_000_000), act="a1", revises=original.id)
    programme = with_amendments(amendment("a1", dt.date(2020, 3, 1)), commitments=(original, cut))
    assert programme.as_of(dt.date(2020, 1, 1)).commitments == (original,)
    # The revision is the commitment in force: what it replaced is not in that state.
    assert programme.as_of(dt.date(2020, 3, 1)).commitments == (attrs.evolve(cut, revises=None),)


def test_only_the_latest_of_a_chain_of_revisions_stands() -> None:
    first = builders.commitment()
    second = builders.commitment(id="second", act="a1", revises="etat-2019-2021")
    third = builders.commitment(id="third", act="a2", revises="second")
    programme = with_amendments(
        amendment("a1", dt.date(2020, 3, 1)),
        amendment("a2", dt.date(2021, 3, 1)),
        commitments=(first, second, third),
    )
    assert [c.id for c in programme.as_of(dt.date(2020, 6, 1)).commitments] == ["second"]
    assert [c.id for c in programme.as_of(FAR).commitments] == ["third"]


def test_a_revision_without_an_act_replaces_from_the_start() -> None:
    first = builders.commitment()
    second = builders.commitment(id="second", revises="etat-2019-2021")
    programme = builders.programme(commitments=(first, second))
    assert [c.id for c in programme.as_of(dt.date(2000, 1, 1)).commitments] == ["second"]


def test_matches_and_payments_follow_the_commitment_in_force() -> None:
    original = builders.commitment()
    cut = builders.commitment(id="cut", amount=Decimal(40_000_000), act="a1", revises=original.id)
    top_up = builders.commitment(id="top-up", amount=Decimal(1000), act="a1")
    match = bm.Match(
        id="m", commitment=original.id, by=["cd-nord"], ratio=Decimal("0.5"), basis="at_least"
    )
    on_top_up = bm.Match(id="m2", commitment="top-up", by=["cd-nord"], ratio=1, basis="exactly")
    paid = bm.Payment(commitment=original.id, year=2019, amount=5, paid_on=dt.date(2019, 6, 1))
    later = bm.Payment(commitment=original.id, year=2020, amount=7, paid_on=dt.date(2020, 6, 1))
    unknown_day = bm.Payment(commitment="top-up", year=2020, amount=9)
    programme = with_amendments(
        amendment("a1", dt.date(2020, 3, 1)),
        commitments=(original, cut, top_up),
        matches=(match, on_top_up),
        payments=(paid, later, unknown_day),
    )
    before = programme.as_of(dt.date(2019, 12, 31))
    # The top-up is not made yet: its match and payment are left out; the later payment too.
    assert before.matches == (match,)
    assert before.payments == (paid,)
    after = programme.as_of(dt.date(2020, 12, 31))
    # The cut is in force in place of the original: what named the original names the cut.
    assert after.matches == (attrs.evolve(match, commitment="cut"), on_top_up)
    assert after.payments == (
        attrs.evolve(paid, commitment="cut"),
        attrs.evolve(later, commitment="cut"),
        unknown_day,
    )


def test_a_payment_that_does_not_fit_the_revision_in_force_is_left_out() -> None:
    original = builders.commitment()  # 2019–2021
    later = builders.commitment(
        id="2021-only", act="a1", revises=original.id, period=bm.Period.from_years(2021)
    )
    paid = bm.Payment(commitment=original.id, year=2019, amount=5)
    programme = with_amendments(
        amendment("a1", dt.date(2020, 3, 1)), commitments=(original, later), payments=(paid,)
    )
    assert programme.as_of(dt.date(2019, 12, 31)).payments == (paid,)
    assert programme.as_of(dt.date(2020, 3, 1)).payments == ()


@FEWER
@given(programme=lives(), day=days())
def test_the_programme_of_any_day_is_valid_and_holds_no_revision(
    programme: bm.Programme, day: dt.date
) -> None:
    state = programme.as_of(day)
    # Built again from its fields: every rule of a programme holds.
    assert bm.Programme(**{f.name: getattr(state, f.name) for f in attrs.fields(bm.Programme)})
    assert all(c.revises is None for c in state.commitments)
    standing = {a.id for c in state.conventions for a in c.amendments}
    for convention in state.conventions:
        for amendment_ in convention.amendments:
            # What stands was signed by then, or listed ahead of what was.
            assert amendment_.signed_on is None or amendment_.signed_on <= day
    for convention in programme.conventions:
        for amendment_ in convention.amendments:
            if amendment_.signed_on is not None and amendment_.signed_on <= day:
                assert amendment_.id in standing
    made_by = {c.id: c.act for c in programme.commitments}
    assert all(made_by[c.id] in (None, *standing) for c in state.commitments)
    assert state.as_of(day) == state


@FEWER
@given(programme=lives(dated_last=True))
def test_after_every_signature_every_amendment_and_only_latest_revisions_stand(
    programme: bm.Programme,
) -> None:
    state = programme.as_of(FAR)
    assert state.conventions == programme.conventions
    revised = {c.revises for c in programme.commitments}
    assert [c.id for c in state.commitments] == [
        c.id for c in programme.commitments if c.id not in revised
    ]


# -- history ---------------------------------------------------------------------------


def test_the_history_of_a_prolongation_and_a_top_up() -> None:
    programme = with_amendments(
        amendment("unknown"),
        amendment("prolongation", dt.date(2021, 11, 30), period=bm.Period.from_years(2019, 2023)),
        commitments=(
            builders.commitment(),
            builders.commitment(id="top-up", amount=Decimal(1000), act="prolongation"),
        ),
    )
    (step,) = programme.history()
    assert step.on == dt.date(2021, 11, 30)
    assert step.amendments == ("unknown", "prolongation")
    assert [(c.path, c.before, c.after) for c in step.changes] == [
        ("$.conventions[0].amendments[0]", None, programme.convention("nord").amendments[0]),
        ("$.conventions[0].amendments[1]", None, programme.convention("nord").amendments[1]),
        ("$.commitments[1]", None, programme.commitment("top-up")),
    ]


def test_the_history_of_one_convention_keeps_to_it() -> None:
    nord = builders.convention(amendments=[amendment("n1", dt.date(2020, 1, 1))])
    pas_de_calais = builders.other_convention(
        amendments=[amendment("p1", dt.date(2020, 1, 1)), amendment("p2", dt.date(2020, 6, 1))]
    )
    programme = builders.programme(
        conventions=(nord, pas_de_calais),
        commitments=(
            builders.commitment(id="both", act="n1"),
            builders.commitment(id="pdc", conventions=("pas-de-calais",), act="p1"),
        ),
    )
    steps = programme.history("nord")
    assert [(s.on, s.amendments) for s in steps] == [(dt.date(2020, 1, 1), ("n1",))]
    assert [c.path for c in steps[0].changes] == [
        "$.conventions[0].amendments[0]",
        "$.commitments[0]",
    ]
    assert [(s.on, s.amendments) for s in programme.history("pas-de-calais")] == [
        (dt.date(2020, 1, 1), ("p1",)),
        (dt.date(2020, 6, 1), ("p2",)),
    ]
    assert [(s.on, s.amendments) for s in programme.history()] == [
        (dt.date(2020, 1, 1), ("n1", "p1")),
        (dt.date(2020, 6, 1), ("p2",)),
    ]


def test_the_history_of_an_unknown_convention_is_an_error() -> None:
    with pytest.raises(bm.UnknownIdError):
        builders.programme().history("cantal")


def test_a_removed_commitment_is_kept_in_the_history_of_its_convention() -> None:
    original = builders.commitment(conventions=("pas-de-calais",))
    cut = builders.commitment(
        id="cut", conventions=("pas-de-calais",), act="p1", revises=original.id
    )
    pas_de_calais = builders.other_convention(amendments=[amendment("p1", dt.date(2020, 1, 1))])
    programme = builders.programme(
        conventions=(builders.convention(), pas_de_calais), commitments=(original, cut)
    )
    assert programme.history("nord") == ()
    (step,) = programme.history("pas-de-calais")
    assert [(c.path, c.before, c.after) for c in step.changes] == [
        ("$.conventions[1].amendments[0]", None, pas_de_calais.amendments[0]),
        ("$.commitments[0]", original, None),
        ("$.commitments[0]", None, attrs.evolve(cut, revises=None)),
    ]


@FEWER
@given(programme=lives(), convention=st.sampled_from([None, "nord", "pas-de-calais"]))
def test_each_step_is_the_diff_between_the_days_around_it(
    programme: bm.Programme, convention: str | None
) -> None:
    steps = programme.history(convention)
    followed = programme.conventions if convention is None else (programme.convention(convention),)
    dated = sorted({a.signed_on for c in followed for a in c.amendments if a.signed_on})
    assert [s.on for s in steps] == dated
    for step in steps:
        whole = bm.diff(programme.as_of(step.on - dt.timedelta(days=1)), programme.as_of(step.on))
        if convention is None:
            assert step.changes == whole
        else:
            # Some of them, in the same order.
            kept = set(step.changes)
            assert [c for c in whole if c in kept] == list(step.changes)
    # Every amendment that stands in the end came to stand on one step, in order.
    came = [a for s in steps for a in s.amendments]
    followed_ids = {c.id for c in followed}
    at_end = [
        a.id
        for c in programme.as_of(FAR).conventions
        if c.id in followed_ids
        for a in c.amendments
    ]
    assert sorted(came) == sorted(at_end)
    if convention is not None:
        assert came == at_end


def test_importing_the_library_loads_neither_history_nor_diff() -> None:
    code = (
        "import sys, bassin_minier; "
        "print(*sorted(m for m in sys.modules if m.startswith("
        "('bassin_minier._model.history', 'bassin_minier._model.changes'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == []


def test_a_step_of_one_convention_holds_none_of_what_another_did_before() -> None:
    nord = builders.convention(amendments=[amendment("n1", dt.date(2020, 6, 1))])
    pas_de_calais = builders.other_convention(amendments=[amendment("p1", dt.date(2020, 1, 1))])
    both = builders.commitment(id="both", act="p1")
    programme = builders.programme(conventions=(nord, pas_de_calais), commitments=(both,))
    (step,) = programme.history("nord")
    assert [c.path for c in step.changes] == ["$.conventions[0].amendments[0]"]
    (step,) = programme.history("pas-de-calais")
    assert [(c.path, c.after) for c in step.changes] == [
        ("$.conventions[1].amendments[0]", pas_de_calais.amendments[0]),
        ("$.commitments[0]", both),
    ]
