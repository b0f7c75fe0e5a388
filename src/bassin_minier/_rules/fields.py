"""How a model class declares its rules: `Rules`, a `FieldRule` per field and `Constraint`s.

Every model class states all its rules in one attribute, ``_rules``: the rule of each of
its fields, in field order, and the constraints between fields (a period's end is not
before its start). Construction, the reference converter and the fast reader all read
that one declaration:

- an object built in Python runs it as it is built (`Rules.post_init`), reporting every
  violation at once, each with its path and message;
- the reference converter runs it on the fields it could read of a document that cannot
  be built, so that fixing one problem does not reveal the next;
- the fast reader builds a document's objects with their checks put off
  (`bassin_minier._rules.deferral`), then judges each kind of value of all those objects
  in one go (`all_held_valid`: one pattern match over all their slugs, one pass over all
  their amounts), and runs the constraints of each.

Both ways accept the same values; a document that fails goes to the reference reader,
which reports each violation.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Hashable, Sequence
from decimal import Decimal
from itertools import chain, compress, repeat
from operator import attrgetter
from typing import Any, TypeVar, cast

from bassin_minier._base import paths
from bassin_minier._rules.catalogue import NUMBER, RATIO, SIREN, TERRITORY_CODE, TYPE
from bassin_minier._rules.checker import Checker, are_years
from bassin_minier._rules.codes import any_code_problem, is_any_code, siren_problem
from bassin_minier._rules.deferral import DEFERRAL, FieldJudge, all_held_valid
from bassin_minier._rules.money import are_canonical_amounts
from bassin_minier._rules.numbers import are_numbers, are_ratios, number_problem, ratio_problem
from bassin_minier._rules.text import are_slugs, are_texts

__all__ = [
    "AMOUNT",
    "DATE",
    "NUMBER_VALUE",
    "OPTIONAL_DATE",
    "OPTIONAL_SIREN",
    "OPTIONAL_SLUG",
    "OPTIONAL_TERRITORY_CODE",
    "OPTIONAL_TEXT",
    "RATIO_VALUE",
    "SLUG",
    "TEXT",
    "YEAR",
    "Constraint",
    "FieldRule",
    "Rules",
    "instance_of",
    "items_of",
    "member_of",
    "optional_instance_of",
    "optional_text",
    "rules_of",
    "unique_slugs",
    "unique_texts",
]

E = TypeVar("E", bound=enum.Enum)


class FieldRule:
    """How the value of a field is judged.

    *check* judges one value, reports what is wrong to a `Checker`, and says whether the
    value passed (None passes where a field may be None); *all_valid* says whether every
    one of many values passes, without saying why not. *key*, for a tuple of model
    objects (`items_of`), is what tells its items apart: what else compares two such
    tuples item by item (``diff``) reads it here rather than repeating it.
    """

    __slots__ = ("all_valid", "check", "key")

    def __init__(
        self,
        check: Callable[[Checker, str, Any], bool],
        all_valid: Callable[[Sequence[object]], bool],
        key: Callable[[Any], Hashable] | None = None,
    ) -> None:
        self.check = check
        self.all_valid = all_valid
        self.key = key


def _are_dates(values: Sequence[object]) -> bool:
    return set(map(type, values)) <= {dt.date}


def _present(values: Sequence[object]) -> list[object]:
    return [value for value in values if value is not None]


def _optional_slug(checker: Checker, path: str, value: object) -> bool:
    return value is None or checker.slug(path, value, optional=True)


def _optional_text(checker: Checker, path: str, value: object) -> bool:
    return value is None or checker.text(path, value, optional=True)


def _optional_date(checker: Checker, path: str, value: object) -> bool:
    return value is None or checker.date(path, value, optional=True)


def _are_optional_slugs(values: Sequence[object]) -> bool:
    return are_slugs(_present(values))


def _are_optional_texts(values: Sequence[object]) -> bool:
    return are_texts(_present(values))


def _are_optional_dates(values: Sequence[object]) -> bool:
    return set(map(type, values)) <= {dt.date, type(None)}


SLUG = FieldRule(Checker.slug, are_slugs)
TEXT = FieldRule(Checker.text, are_texts)
YEAR = FieldRule(Checker.year, are_years)
AMOUNT = FieldRule(Checker.amount, are_canonical_amounts)
DATE = FieldRule(Checker.date, _are_dates)
#: A slug identifier, or None.
OPTIONAL_SLUG = FieldRule(_optional_slug, _are_optional_slugs)
#: Text, or None.
OPTIONAL_TEXT = FieldRule(_optional_text, _are_optional_texts)
#: A date, or None.
OPTIONAL_DATE = FieldRule(_optional_date, _are_optional_dates)


def optional_text(
    problem: Callable[[str], str | None], fits: Callable[[str], object], rule: str
) -> FieldRule:
    """None, or text in which *problem* finds nothing wrong (*fits* says so faster).

    A violation found by *problem* is reported under *rule*.
    """

    def check(checker: Checker, path: str, value: object) -> bool:
        if value is None:
            return True
        if not checker.text(path, value, optional=True):
            return False
        if found := problem(cast("str", value)):
            checker.fail(path, found, rule)
            return False
        return True

    def all_valid(values: Sequence[object]) -> bool:
        present = _present(values)
        # Texts first: *fits* and *problem* take a str.
        return are_texts(present) and all(map(fits, cast("list[str]", present)))

    return FieldRule(check, all_valid)


def _is_siren(siren: str) -> bool:
    return siren_problem(siren) is None


#: The code of a territory of any kind, or None.
OPTIONAL_TERRITORY_CODE = optional_text(any_code_problem, is_any_code, TERRITORY_CODE)
#: A SIREN number, or None.
OPTIONAL_SIREN = optional_text(siren_problem, _is_siren, SIREN)


def _decimal(
    problem: Callable[[Decimal], str | None],
    all_valid: Callable[[Sequence[object]], bool],
    what: str,
    rule: str,
) -> FieldRule:
    """A `Decimal` in which *problem* finds nothing wrong, reported under *rule*."""

    def check(checker: Checker, path: str, value: object) -> bool:
        if isinstance(value, float):
            checker.fail(
                path,
                f"must be {what}, not a float ({value!r}): a float cannot hold a decimal "
                f"number exactly",
                TYPE,
            )
            return False
        # A subclass of Decimal is judged by its value like a Decimal.
        if not checker.instance(path, value, Decimal, what):
            return False
        found = problem(cast("Decimal", value))
        if found is None:
            return True
        checker.fail(path, found, rule)
        return False

    return FieldRule(check, all_valid)


#: A measured value: a finite `Decimal`, plainly written (`bassin_minier._rules.numbers`).
NUMBER_VALUE = _decimal(number_problem, are_numbers, "a number (a Decimal)", NUMBER)
#: A matching ratio: a positive `Decimal` with at most four decimals.
RATIO_VALUE = _decimal(ratio_problem, are_ratios, "a ratio (a Decimal)", RATIO)


def member_of(vocabulary: type[E]) -> FieldRule:
    """A member of the enumeration *vocabulary*."""

    def check(checker: Checker, path: str, value: object) -> bool:
        return type(value) is vocabulary or checker.member(path, value, vocabulary)

    def all_valid(values: Sequence[object]) -> bool:
        return set(map(type, values)) <= {vocabulary}

    return FieldRule(check, all_valid)


def instance_of(cls: type[Any], what: str) -> FieldRule:
    """An instance of the model class *cls*; *what* names one in messages."""

    def check(checker: Checker, path: str, value: object) -> bool:
        return type(value) is cls or checker.instance(path, value, cls, what)

    def all_valid(values: Sequence[object]) -> bool:
        return set(map(type, values)) <= {cls}

    return FieldRule(check, all_valid)


def optional_instance_of(cls: type[Any], what: str) -> FieldRule:
    """None, or an instance of the model class *cls*; *what* names one in messages."""

    def check(checker: Checker, path: str, value: object) -> bool:
        return value is None or type(value) is cls or checker.optional(path, value, cls, what)

    def all_valid(values: Sequence[object]) -> bool:
        return set(map(type, values)) <= {cls, type(None)}

    return FieldRule(check, all_valid)


def _tuples(values: Sequence[object]) -> Sequence[tuple[object, ...]] | None:
    # The values when every one is a tuple, else None.
    if not set(map(type, values)) <= {tuple}:
        return None
    return cast("Sequence[tuple[object, ...]]", values)


def _all_distinct(tuples: Sequence[tuple[Any, ...]], key: Callable[[Any], Hashable]) -> bool:
    # Most of these tuples hold no item or one (a convention's actions, a programme's
    # payments): their lengths, read in C, pass them over without a call each.
    if max(map(len, tuples), default=0) < 2:
        return True
    return all(len(set(map(key, items))) == len(items) for items in tuples if len(items) > 1)


def items_of(cls: type[Any], what: str, key: Callable[[Any], Hashable] | None = None) -> FieldRule:
    """A tuple of *cls* objects, no two with the same *key* (or alike, with no *key*).

    *what* names a key in messages (``party id``).
    """

    distinct = _same if key is None else key

    def check(checker: Checker, path: str, value: object) -> bool:
        # The usual case at once: a tuple of such objects, none repeated.
        if (
            type(value) is tuple
            and all(map(isinstance, value, repeat(cls)))
            and (len(value) < 2 or len(set(map(distinct, value))) == len(value))
        ):
            return True
        items = checker.items(path, value, cls)
        checker.unique(path, items, what, key)
        return items is not None

    def all_valid(values: Sequence[object]) -> bool:
        tuples = _tuples(values)
        if tuples is None or not set(map(type, chain.from_iterable(tuples))) <= {cls}:
            return False
        return _all_distinct(tuples, distinct)

    return FieldRule(check, all_valid, distinct)


def _same(item: Hashable) -> Hashable:
    return item


def _distinct(are_kind: Callable[[Sequence[object]], bool]) -> Callable[[Sequence[object]], bool]:
    """Whether every value is a tuple of items *are_kind* accepts, none listed twice."""

    def all_valid(values: Sequence[object]) -> bool:
        tuples = _tuples(values)
        if tuples is None:
            return False
        items = list(chain.from_iterable(tuples))
        # Their kind first: only items of it (str) can be put in sets, which keep one of each.
        return are_kind(items) and len(items) == sum(map(len, map(set, tuples)))

    return all_valid


def unique_texts(what: str) -> FieldRule:
    """A tuple of texts, none listed twice; *what* names one in messages."""

    def check(checker: Checker, path: str, value: object) -> bool:
        items = checker.texts(path, value)
        checker.unique(path, items, what)
        return items is not None

    return FieldRule(check, _distinct(are_texts))


def unique_slugs(what: str) -> FieldRule:
    """A tuple of slug identifiers, none listed twice; *what* names one in messages."""

    def check(checker: Checker, path: str, value: object) -> bool:
        # The usual case at once: slugs, none repeated.
        if (
            type(value) is tuple
            and (not value or are_slugs(value))
            and len(set(value)) == len(value)
        ):
            return True
        items = checker.slugs(path, value)
        checker.unique(path, items, what)
        return items is not None

    return FieldRule(check, _distinct(are_slugs))


class Constraint:
    """A rule relating fields of an object: *check* reports what breaks it to a `Checker`.

    It runs only when each field it *needs* has passed its own rule (a field that may be
    None passes as None: *check* must allow for it), right after the last of them has
    been judged, or after the field *after* names when that comes later. *when* names a
    field without which it has nothing to judge (None or empty): objects that leave that
    field unset are passed over without a call, which matters for fields most objects
    leave out.
    """

    __slots__ = ("after", "check", "needs", "when")

    def __init__(
        self,
        check: Callable[[Checker, Any], None],
        *,
        needs: tuple[str, ...] = (),
        after: str | None = None,
        when: str | None = None,
    ) -> None:
        self.check = check
        self.needs = frozenset(needs)
        self.after = after
        self.when = when

    @property
    def names(self) -> tuple[str, ...]:
        """The fields the constraint names: those it needs, the one it runs after or is about."""
        named = (*self.needs, *(name for name in (self.after, self.when) if name is not None))
        return tuple(dict.fromkeys(named))


class Rules:
    """Every rule of a model class: a `FieldRule` per field, and the constraints between them.

    The field rules are given by field name, in the order they are judged; *constraints*
    lists the `Constraint` objects. A field without a rule of its own is judged by a
    constraint (a territory's *within* codes, judged against its own code).
    """

    __slots__ = ("_constraints", "_fields", "_judge", "_placed", "_rules", "names")

    def __init__(self, *, constraints: Sequence[Constraint] = (), **fields: FieldRule) -> None:
        #: The fields with a rule of their own, in the order they are judged.
        self.names = tuple(fields)
        placed: dict[str, list[Constraint]] = {name: [] for name in self.names}
        for constraint in constraints:
            if unknown := set(constraint.names) - set(self.names):
                raise TypeError(f"a constraint names fields without a rule: {sorted(unknown)}")
            # Right after the last field it names; a constraint naming none, after them all.
            names = constraint.names
            last = max(names, key=self.names.index) if names else self.names[-1]
            placed[last].append(constraint)
        for name in self.names:
            if not name.isidentifier():
                raise TypeError(f"a rule is given for {name!r}, which cannot be a field")
        # The judging function is written on first use: importing the library, which
        # declares every class, need not compile one for each.
        self._rules, self._placed = fields, placed
        self._judge: Callable[[Checker, Any], None] = self._first_judge
        self._fields: tuple[FieldJudge, ...] = tuple(
            (attrgetter(name), rule.all_valid) for name, rule in fields.items()
        )
        self._constraints = tuple(
            (constraint.check, None if constraint.when is None else attrgetter(constraint.when))
            for constraint in constraints
        )

    def __call__(self, check: Checker, obj: object) -> None:
        """Report every rule *obj* breaks to *check*, in the order they are declared."""
        self._judge(check, obj)

    def _first_judge(self, check: Checker, obj: object) -> None:
        self._judge = _judge_function(self._rules, self._placed)
        self._judge(check, obj)

    def post_init(self) -> Callable[[Any], None]:
        """An ``__attrs_post_init__`` raising every violation, unless checks are put off.

        While they are put off, the object is only handed over to be judged later.
        """

        def checked(obj: Any) -> None:
            # The switch is read here rather than in a call: every object built, and
            # every small object of a document read by msgspec, goes through this.
            held = DEFERRAL.held
            if held is None:
                check = Checker()
                self._judge(check, obj)  # read each time: it is written on first use
                check.raise_if_any()
            else:
                held[self].append(obj)

        return checked

    @property
    def fields(self) -> tuple[FieldJudge, ...]:
        """For each field, how to read it and how to judge all its values at once.

        Each judge looks at one value at a time (a tuple of items is one value), so the
        values of several classes may be judged together.
        """
        return self._fields

    def item_key(self, name: str) -> Callable[[Any], Hashable] | None:
        """What tells apart the items of the field *name*, a tuple of model objects.

        None when the field is not such a tuple (or has no rule of its own).
        """
        rule = self._rules.get(name)
        return None if rule is None else rule.key

    def all_valid(self, objs: Sequence[object]) -> bool:
        """Whether every object of *objs* passes every rule, each field judged at once."""
        return all_held_valid({self: objs})

    def constraints_hold(self, objs: Sequence[object]) -> bool:
        """Whether the constraints of every object of *objs* hold, its fields all valid."""
        if not self._constraints:
            return True
        # Every field has passed, so every constraint applies, but only to the objects
        # that set the field it is about (picked out in C).
        check = Checker()
        for constraint, when in self._constraints:
            for obj in objs if when is None else compress(objs, map(when, objs)):
                constraint(check, obj)
                if check.violations:
                    return False
        return True


def rules_of(cls: type[object]) -> Rules:
    """The rules the model class *cls* declares in its ``_rules`` attribute."""
    rules = getattr(cls, "_rules", None)
    if not isinstance(rules, Rules):
        raise TypeError(f"{cls.__name__} declares no rules: it is not a model class")
    return rules


def _judge_function(
    fields: dict[str, FieldRule], placed: dict[str, list[Constraint]]
) -> Callable[[Checker, Any], None]:
    """A function judging every field of an object, then each constraint whose fields passed.

    It is written out for the class, as attrs writes ``__init__``: one plain call per rule
    and no loop, since every object built runs it.
    """
    needed = {name for constraints in placed.values() for r in constraints for name in r.needs}
    names: dict[str, object] = {}
    constraints = 0
    lines = ["def judge(check, obj):"]
    for index, (name, rule) in enumerate(fields.items()):
        if not name.isidentifier():
            raise TypeError(f"a rule is given for {name!r}, which cannot be a field")
        names[f"rule_{index}"] = rule.check
        names[f"path_{index}"] = paths.field(paths.ROOT, name)
        call = f"rule_{index}(check, path_{index}, obj.{name})"
        lines.append(f"    {name}_ok = {call}" if name in needed else f"    {call}")
        for constraint in placed[name]:
            constraints += 1
            names[f"constraint_{constraints}"] = constraint.check
            passed = " and ".join(
                [f"{need}_ok" for need in sorted(constraint.needs)]
                + ([] if constraint.when is None else [f"obj.{constraint.when}"])
            )
            lines.append(f"    if {passed or 'True'}:")
            lines.append(f"        constraint_{constraints}(check, obj)")
    # The text is ours, built from field names that are identifiers.
    exec(compile("\n".join(lines), "<rules>", "exec"), names)
    return cast("Callable[[Checker, Any], None]", names["judge"])
