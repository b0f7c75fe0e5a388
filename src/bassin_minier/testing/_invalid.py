"""Documents that break one rule: `invalid_documents` and what it draws them from."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from bassin_minier import (
    RULES,
    Action,
    Amendment,
    Convention,
    FundingCommitment,
    Indicator,
    Match,
    Measure,
    Milestone,
    Participant,
    Party,
    Payment,
    Period,
    Priority,
    Programme,
    Relation,
    Signatory,
    Strategy,
    Territory,
    Tranche,
)
from bassin_minier._model.registry import require_model_class
from bassin_minier._rules import catalogue
from bassin_minier.testing._amendment_sites import _AMENDMENT_SITES
from bassin_minier.testing._arguments import _require
from bassin_minier.testing._drafts import _Draft, _Site
from bassin_minier.testing._money_sites import _MONEY_SITES
from bassin_minier.testing._objects import _FULL, MODEL_STRATEGIES
from bassin_minier.testing._sites import _SITES


@attrs.frozen
class InvalidDocument:
    """A JSON document that breaks one rule, and where the library reports it.

    *cls* is the model class the document is meant to be read as, *text* the JSON text,
    *rule* the name of the broken rule (one of `bassin_minier.RULES`) and *path* the
    JSONPath-like place, from the document root, where the violation is reported.
    """

    cls: type[Any]
    text: str
    rule: str
    path: str


#: The rules of `bassin_minier.RULES` that no document read by `from_json` can break,
#: each with the reason.
UNREPRESENTABLE_RULES: Mapping[str, str] = types.MappingProxyType(
    {
        catalogue.FORMAT_VERSION: (
            "only load reads the format_version key that save writes; to from_json it is "
            "an unknown key"
        ),
    }
)

_EVERY_CLASS = frozenset(MODEL_STRATEGIES)
_WITH_TEXT = frozenset(
    {
        Territory,
        Party,
        Signatory,
        Participant,
        Priority,
        Amendment,
        Action,
        Indicator,
        Convention,
        Strategy,
        Milestone,
    }
)
_WITH_TRANCHES = frozenset({FundingCommitment, Programme})

# The classes whose documents can break each rule: the class the rule belongs to and
# those that contain it.
_BREAKABLE_IN: Mapping[str, frozenset[type[Any]]] = {
    catalogue.JSON: _EVERY_CLASS,
    catalogue.DUPLICATE_KEY: _EVERY_CLASS,
    catalogue.UNKNOWN_KEY: _EVERY_CLASS,
    catalogue.REQUIRED: _EVERY_CLASS,
    catalogue.TYPE: _EVERY_CLASS,
    catalogue.TEXT: _WITH_TEXT | {Programme},
    catalogue.SLUG: frozenset(
        {
            Party,
            Signatory,
            Priority,
            Tranche,
            FundingCommitment,
            Amendment,
            Relation,
            Action,
            Indicator,
            Convention,
            Strategy,
            Match,
            Payment,
            Programme,
        }
    ),
    catalogue.UNIQUE: frozenset(
        {
            Territory,
            Priority,
            FundingCommitment,
            Amendment,
            Indicator,
            Convention,
            Strategy,
            Match,
            Programme,
        }
    ),
    catalogue.TERRITORY_CODE: frozenset({Territory, Party, Convention, Programme}),
    catalogue.WITHIN: frozenset({Territory, Convention, Programme}),
    catalogue.SIREN: frozenset({Party, Convention, Programme}),
    catalogue.AMOUNT: frozenset({Tranche, FundingCommitment, Payment, Programme}),
    catalogue.PERIOD_ORDER: frozenset(
        {Period, FundingCommitment, Amendment, Convention, Programme}
    ),
    catalogue.NUMBER: frozenset({Measure, Indicator, Convention, Programme}),
    catalogue.RATIO: frozenset({Match, Programme}),
    catalogue.SIGNATORY_PARTY: frozenset({Convention, Programme}),
    catalogue.SIGNATURE_DATE: frozenset({Convention, Programme}),
    catalogue.TRANCHE_YEAR: _WITH_TRANCHES,
    catalogue.TRANCHE_CONVENTION: _WITH_TRANCHES,
    catalogue.TRANCHE_BASIS: _WITH_TRANCHES,
    catalogue.SPEND_BY: frozenset({Tranche, FundingCommitment, Programme}),
    catalogue.CO_FUNDER: frozenset({FundingCommitment, Programme}),
    catalogue.AMENDMENT_ORDER: frozenset({Convention, Programme}),
    catalogue.AMENDMENT_DATE: frozenset({Amendment, Convention, Programme}),
    catalogue.ACTION_PRIORITY: frozenset({Convention, Programme}),
    catalogue.ACTION_LEAD: frozenset({Convention, Programme}),
    catalogue.INDICATOR_ACTION: frozenset({Convention, Programme}),
    catalogue.WITHIN_PROGRAMME: frozenset({Programme}),
    catalogue.COMMITMENT_CONVENTION: frozenset({Programme}),
    catalogue.FUNDER_PARTY: frozenset({Programme}),
    catalogue.COMMITMENT_PRIORITY: frozenset({Programme}),
    catalogue.PARTY_CONSISTENCY: frozenset({Programme}),
    catalogue.RELATED_CONVENTION: frozenset({Convention, Programme}),
    catalogue.COMMITMENT_ACT: frozenset({Programme}),
    catalogue.COMMITMENT_REVISION: frozenset({FundingCommitment, Programme}),
    catalogue.PARTNER: frozenset({Programme}),
    catalogue.COMMITMENT_ACTION: frozenset({Programme}),
    catalogue.MATCH_COMMITMENT: frozenset({Programme}),
    catalogue.MATCH_PARTY: frozenset({Match, Programme}),
    catalogue.PAYMENT_COMMITMENT: frozenset({Programme}),
    catalogue.PAYMENT_YEAR: frozenset({Programme}),
    catalogue.PAYMENT_CONVENTION: frozenset({Programme}),
}


def _joined(*finders: Callable[[_Draft], list[_Site]]) -> Callable[[_Draft], list[_Site]]:
    def find_sites(draft: _Draft) -> list[_Site]:
        return [site for find in finders for site in find(draft)]

    return find_sites


# Where each rule can be broken: a rule older than amendments, actions or payments may
# break in them too.
_SITE_TABLES = (_SITES, _AMENDMENT_SITES, _MONEY_SITES)
_EVERY_SITE: Mapping[str, Callable[[_Draft], list[_Site]]] = {
    rule: _joined(*(sites[rule] for sites in _SITE_TABLES if rule in sites))
    for rule in {rule for sites in _SITE_TABLES for rule in sites}
}


def _require_model_class(cls: object) -> type[Any]:
    try:
        require_model_class(cls)
    except TypeError as error:
        raise InvalidArgument(str(error)) from None
    assert isinstance(cls, type)
    return cls


def breakable_rules(cls: type[Any] = Programme) -> tuple[str, ...]:
    """The names of the rules that `invalid_documents` can break in a document of *cls*.

    They come in the order of `bassin_minier.RULES`.

    >>> from bassin_minier import Period
    >>> breakable_rules(Period)
    ('json', 'duplicate-key', 'unknown-key', 'required', 'type', 'period-order')
    """
    cls = _require_model_class(cls)
    return tuple(rule.name for rule in RULES if cls in _BREAKABLE_IN.get(rule.name, ()))


def invalid_documents(
    cls: type[Any] = Programme, *, rules: Iterable[str] | None = None
) -> st.SearchStrategy[InvalidDocument]:
    """Documents meant to be read as *cls* that break exactly one of *rules*.

    *rules* defaults to every rule a document of *cls* can break (`breakable_rules`).
    The rule may belong to a class the document contains: a programme breaks ``siren``
    through one of its parties. Each document starts as a valid object and is changed at
    one place, so reading it reports that rule only, at `InvalidDocument.path` (a rule
    that compares values, such as ``funder-party``, may be reported there more than
    once).

    >>> from hypothesis import given, settings
    >>> import bassin_minier as bm
    >>> @settings(max_examples=20)
    ... @given(invalid_documents(bm.Convention, rules=["siren", "signatory-party"]))
    ... def test_the_broken_rule_is_reported(document):
    ...     try:
    ...         bm.from_json(document.text, document.cls)
    ...     except bm.ValidationError as error:
    ...         assert {v.rule for v in error.violations} == {document.rule}
    ...         assert document.path in {v.path for v in error.violations}
    ...     else:
    ...         raise AssertionError(f"accepted: {document.text}")
    >>> test_the_broken_rule_is_reported()
    """
    cls = _require_model_class(cls)
    breakable = breakable_rules(cls)
    if rules is None:
        return _invalid_documents(cls, breakable)
    _require(not isinstance(rules, str), f"rules must be rule names, not one str: {rules!r}")
    wanted = set(rules)
    _require(bool(wanted), "rules must name at least one rule")
    known = {rule.name for rule in RULES}
    for name in sorted(wanted, key=str):
        _require(name in known, f"no rule named {name!r} in bassin_minier.RULES")
        _require(
            name not in UNREPRESENTABLE_RULES,
            f"no document breaks {name!r}: {UNREPRESENTABLE_RULES.get(name)}",
        )
        _require(
            name in breakable,
            f"a {cls.__name__} document cannot break {name!r}; it can break "
            + ", ".join(breakable),
        )
    return _invalid_documents(cls, tuple(name for name in breakable if name in wanted))


_BUILT: dict[tuple[type[Any], tuple[str, ...]], st.SearchStrategy[InvalidDocument]] = {}


def _invalid_documents(
    cls: type[Any], rules: tuple[str, ...]
) -> st.SearchStrategy[InvalidDocument]:
    built = _BUILT.get((cls, rules))
    if built is None:
        built = _BUILT[cls, rules] = st.one_of(*(_broken(cls, rule) for rule in rules))
    return built


@st.composite
def _broken(draw: st.DrawFn, cls: type[Any], rule: str) -> InvalidDocument:
    find_sites = _EVERY_SITE[rule]
    # Half of the documents start from an object with a place for every rule of its class,
    # and so does the other half when the object drawn has no place for this rule.
    draft = _Draft.of(draw(st.one_of(MODEL_STRATEGIES[cls], _FULL[cls])))
    sites = find_sites(draft)
    if not sites:
        draft = _Draft.of(draw(_FULL[cls]))
        sites = find_sites(draft)
    assert sites, f"a full {cls.__name__} has no place to break {rule!r}"
    path = draw(st.sampled_from(sites))(draw)
    return InvalidDocument(cls=cls, text=draft.written(), rule=rule, path=path)
