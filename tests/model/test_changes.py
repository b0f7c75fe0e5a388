"""`diff` between two objects of one model class, and `Change`."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._rules.fields import rules_of
from tests import builders
from tests.model.lives import days, lives
from tests.profiles import FEWER

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def resolve(obj: Any, path: str) -> Any:
    """The value at *path* in *obj*; LookupError when there is none."""
    assert path.startswith("$")
    rest, value = path[1:], obj
    while rest:
        step = _STEP.match(rest)
        assert step is not None, path
        name, index = step.groups()
        if name is not None:
            if not attrs.has(type(value)) or name not in attrs.fields_dict(type(value)):
                raise LookupError(path)
            value = getattr(value, name)
        else:
            if type(value) is not tuple or int(index) >= len(value):
                raise LookupError(path)
            value = value[int(index)]
        rest = rest[step.end() :]
    return value


def resolves(change: bm.Change, a: Any, b: Any) -> bool:
    """Whether *change* is at a place of *b* holding *after*, or removes *before* from *a*."""
    try:
        if resolve(b, change.path) == change.after:
            return True
    except LookupError:
        pass
    return change.after is None and resolve(a, change.path) == change.before


# -- what changes look like ------------------------------------------------------------


def test_a_value_deep_inside_changes_at_its_path() -> None:
    a = builders.programme(
        period=bm.Period.from_years(2019, 2023),
        conventions=(
            builders.convention(
                amendments=[
                    bm.Amendment(id="a1", signed_on=dt.date(2020, 1, 1)),
                    bm.Amendment(id="a2", period=bm.Period.from_years(2019, 2022)),
                ]
            ),
            builders.other_convention(),
        ),
    )
    nord = a.convention("nord")
    changed = attrs.evolve(
        nord.amendments[1], period=bm.Period.from_years(2019, 2023), note="Prolongée"
    )
    b = attrs.evolve(
        a,
        conventions=(
            attrs.evolve(nord, amendments=(nord.amendments[0], changed)),
            a.conventions[1],
        ),
    )
    assert bm.diff(a, b) == (
        bm.Change(
            path="$.conventions[0].amendments[1].period.end",
            before=dt.date(2022, 12, 31),
            after=dt.date(2023, 12, 31),
        ),
        bm.Change(path="$.conventions[0].amendments[1].note", before=None, after="Prolongée"),
    )
    assert str(bm.diff(a, b)[1]) == "$.conventions[0].amendments[1].note: (none) → Prolongée"


def test_items_are_matched_by_what_makes_them_unique_not_by_place() -> None:
    first, second = builders.tranche(year=2019), builders.tranche(year=2020)
    third = builders.tranche(year=2021)
    a = builders.commitment(basis="exactly", amount=Decimal(3000), tranches=(first, second, third))
    b = attrs.evolve(
        a,
        amount=Decimal(2500),
        tranches=(second, attrs.evolve(third, amount=Decimal(1500))),
    )
    assert bm.diff(a, b) == (
        bm.Change(path="$.amount", before=Decimal(3000), after=Decimal(2500)),
        bm.Change(path="$.tranches[0]", before=first, after=None),
        bm.Change(path="$.tranches[1].amount", before=Decimal(1000), after=Decimal(1500)),
    )


def test_an_item_added_is_at_its_place_in_the_second_object() -> None:
    a = builders.convention()
    extra = builders.participant(name="Alain Neveü", role="délégué interministériel")
    b = attrs.evolve(a, participants=(extra, *a.participants))
    assert bm.diff(a, b) == (bm.Change(path="$.participants[0]", before=None, after=extra),)
    assert bm.diff(b, a) == (bm.Change(path="$.participants[0]", before=extra, after=None),)


def test_an_item_replaced_at_one_place_is_removed_then_added() -> None:
    a = builders.programme()
    other = builders.commitment(id="other")
    b = attrs.evolve(a, commitments=(other,))
    assert bm.diff(a, b) == (
        bm.Change(path="$.commitments[0]", before=a.commitments[0], after=None),
        bm.Change(path="$.commitments[0]", before=None, after=other),
    )


def test_plain_values_and_tuples_of_them_change_as_a_whole() -> None:
    a = builders.commitment()
    b = attrs.evolve(a, conventions=("nord",), priority="prevention")
    assert bm.diff(a, b) == (
        bm.Change(path="$.conventions", before=("nord", "pas-de-calais"), after=("nord",)),
        bm.Change(path="$.priority", before=None, after="prevention"),
    )


def test_an_object_in_place_of_none_changes_as_a_whole() -> None:
    a = builders.programme(strategy=None)
    b = builders.programme()
    assert bm.diff(a, b) == (bm.Change(path="$.strategy", before=None, after=b.strategy),)


def test_shared_items_in_another_order_change_the_collection_as_a_whole() -> None:
    a = builders.programme()
    b = attrs.evolve(a, conventions=tuple(reversed(a.conventions)))
    assert bm.diff(a, b) == (
        bm.Change(path="$.conventions", before=a.conventions, after=b.conventions),
    )


KEYED = {
    bm.Programme: {"conventions", "commitments", "milestones", "partners", "matches", "payments"},
    bm.Convention: {
        "parties",
        "signatories",
        "participants",
        "priorities",
        "amendments",
        "related",
        "actions",
        "indicators",
    },
    bm.Amendment: {"signatories"},
    # Its conventions and co-funders are ids: plain values.
    bm.FundingCommitment: {"tranches"},
    bm.Indicator: {"targets", "results"},
    bm.Match: set(),  # its parties are ids: plain values
    bm.Strategy: {"axes"},
    bm.Priority: set(),  # its themes are text: plain values
}


@pytest.mark.parametrize("cls", list(KEYED), ids=lambda cls: cls.__name__)
def test_the_collections_of_model_objects_have_the_key_of_their_unique_rule(
    cls: type[Any],
) -> None:
    keyed = {f.name for f in attrs.fields(cls) if rules_of(cls).item_key(f.name) is not None}
    assert keyed == KEYED[cls]


def test_a_key_is_what_the_unique_rule_compares() -> None:
    key = rules_of(bm.Convention).item_key("signatories")
    assert key is not None
    assert key(builders.prefect()) == ("Michel Lalande", "etat")
    assert rules_of(bm.Convention).item_key("no_such_field") is None


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        (builders.period(), builders.tranche(), "one model class; got Period and Tranche"),
        (1, 2, "model classes; got int"),
        (builders.strategy(), None, "one model class; got Strategy and NoneType"),
    ],
)
def test_diff_compares_two_objects_of_one_model_class(a: Any, b: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        bm.diff(a, b)


def test_a_large_collection_is_matched_at_once() -> None:
    # Every item moved by one place: matched by id, each found in one look-up.
    many = [builders.milestone(label=f"Étape {n}") for n in range(20_000)]
    a = builders.programme(milestones=many)
    b = builders.programme(milestones=many[1:])
    assert bm.diff(a, b) == (bm.Change(path="$.milestones[0]", before=many[0], after=None),)


# -- properties ------------------------------------------------------------------------


@st.composite
def pairs(draw: st.DrawFn) -> tuple[bm.Programme, bm.Programme]:
    """Two programmes with much in common: two days of one life, or two lives."""
    programme = draw(lives())
    if draw(st.booleans()):
        return programme.as_of(draw(days())), programme.as_of(draw(days()))
    other = draw(lives())
    return (
        (programme, other) if draw(st.booleans()) else (programme, programme.as_of(draw(days())))
    )


@FEWER
@given(programme=lives())
def test_an_object_and_itself_have_no_change(programme: bm.Programme) -> None:
    assert bm.diff(programme, programme) == ()
    copy = bm.Programme(**{f.name: getattr(programme, f.name) for f in attrs.fields(bm.Programme)})
    assert bm.diff(programme, copy) == ()


@FEWER
@given(pair=pairs())
def test_diff_is_empty_exactly_when_the_objects_are_equal(
    pair: tuple[bm.Programme, bm.Programme],
) -> None:
    a, b = pair
    assert (bm.diff(a, b) == ()) == (a == b)


@FEWER
@given(pair=pairs())
def test_every_change_is_at_a_path_of_one_of_the_objects(
    pair: tuple[bm.Programme, bm.Programme],
) -> None:
    a, b = pair
    for change in bm.diff(a, b):
        assert change.before != change.after
        assert resolves(change, a, b), change


@FEWER
@given(pair=pairs())
def test_swapping_the_objects_swaps_before_and_after(
    pair: tuple[bm.Programme, bm.Programme],
) -> None:
    a, b = pair
    forth = Counter((c.before, c.after) for c in bm.diff(a, b))
    back = Counter((c.after, c.before) for c in bm.diff(b, a))
    assert forth == back


@FEWER
@given(pair=pairs())
def test_the_changes_come_in_document_order(pair: tuple[bm.Programme, bm.Programme]) -> None:
    a, b = pair
    order = [f.name for f in attrs.fields(bm.Programme)]
    fields = [order.index(c.path[2:].split(".")[0].split("[")[0]) for c in bm.diff(a, b)]
    assert fields == sorted(fields)
