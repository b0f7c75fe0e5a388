"""Documents drawn from the JSON Schema: the library reads each, or names a rule beyond it.

`hypothesis_jsonschema.from_schema` draws documents that `bassin_minier.json_schema(cls)`
accepts. Every one of them must either become a *cls* object that survives the round trip,
or be refused only for rules that a 2020-12 schema cannot state (`SCHEMA_CANNOT_EXPRESS`).
Any other refusal means the schema and the library disagree about a document.

Drawing happens from a copy of the schema adjusted for speed and reach, never widened: each
document drawn is checked against the real schema before it is read.

- The territory rule "the code fits its kind" is written for drawing as one branch per kind
  instead of ``if``/``then`` under ``allOf``: the drawer would otherwise draw free text and
  throw away nearly all of it, a few documents a minute.
- Lists hold at most `MAX_ITEMS` items, so that a programme stays a few conventions deep.
- Patterns are written with their ECMA-262 meaning in Python's dialect (`ecma_262`), as
  the real schema is read when checking: ``$`` is the end of the text, not also the place
  before a final newline, and ``\\s`` holds U+FEFF.
- Identifiers, SIRENs, dates, years and periods come half the time from a small pool, so
  that the parts of a document sometimes fit together and rich documents get read.

Text is drawn as UTF-8, as a JSON text is written (RFC 8259, section 8.1): a lone surrogate,
which JSON can only escape, is refused as ``text`` and pinned in ``test_schema.py``.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
import tempfile
import types
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.internal.conjecture import utils as conjecture_utils
from hypothesis_jsonschema import _from_schema, from_schema
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError as SchemaError

import bassin_minier as bm
from bassin_minier._model.territory import CODE_PATTERNS
from bassin_minier._rules.codes import siren_problem
from bassin_minier.testing import MODEL_STRATEGIES

Document = dict[str, Any]

#: Rules whose violations a JSON Schema (2020-12) cannot see, each for the reason given.
SCHEMA_CANNOT_EXPRESS = frozenset(
    {
        # Items of a list unique by some of their fields (party ids, convention ids, tranches
        # by year and convention…): uniqueItems compares whole items only. Two items equal
        # as a whole are within its reach, so only a repeat that differs elsewhere is excused.
        "unique",
        # A value compared with another value of the document: 2020-12 has no keyword that
        # refers to data ($data never made it into the specification), so no schema relates
        # a signatory to the parties, a tranche to its commitment's conventions and years, a
        # commitment to the programme's conventions, their parties and priorities, or one
        # description of a party id to another.
        "signatory-party",
        "tranche-convention",
        "tranche-year",
        "commitment-convention",
        "funder-party",
        "commitment-priority",
        "party-consistency",
        # ...nor a territory's code to the codes it lies within,
        "within",
        # ...nor one date to another (a period's end to its start, a signature to the
        # period's end, a convention's or commitment's period to the programme's),
        "period-order",
        "signature-date",
        "within-programme",
        # ...nor amendments to one another, to their convention or to the period they set,
        # nor a tranche's spend-by day to its year,
        "amendment-order",
        "amendment-date",
        "spend-by",
        # ...nor a relation, an act or a revision to the conventions, amendments and
        # commitments they name (nor a chain of revisions to its own start),
        "related-convention",
        "commitment-act",
        "commitment-revision",
        # ...nor a co-funder to the funder, an action to its convention's priorities and
        # parties, an indicator or a commitment to the actions, a partner to the parties, a
        # match or a payment to the commitments and parties it names, a payment's year and
        # convention to its commitment's (a match's empty list of parties is within reach:
        # only the parties it names are excused),
        "co-funder",
        "action-priority",
        "action-lead",
        "indicator-action",
        "partner",
        "commitment-action",
        "match-commitment",
        "match-party",
        "payment-commitment",
        "payment-year",
        "payment-convention",
        # ...nor add amounts up to compare the tranches with the commitment.
        "tranche-basis",
        # The Luhn checksum of a SIREN, whether a party's siren or an EPCI's code: a pattern
        # has no arithmetic. Nine digits with a valid check digit form a finite language, so a
        # regular expression could list them, but only at an absurd size. Only checksum
        # failures are excused; the nine digits themselves are the schema's pattern.
        "siren",
        "territory-code",
        # Text in normalisation form NFC: whether a letter and the accent after it should
        # have been one character is Unicode's composition table, not a pattern. Only text
        # the reader refuses for this is excused; the rest of the text rule is the pattern.
        "text",
        # The cents of an amount written as a JSON number: a validator may hold it as a
        # binary float, which cannot count decimals. Only such numbers are excused; so are
        # the decimals of a measured value or a ratio written so.
        "amount",
        "number",
        "ratio",
    }
)

# A save file wraps the object with its format_version, which the schema describes at the
# top level; `load` takes it off, while from_dict and from_json read the bare object.
WRAPPER_KEY = ("$.format_version", "unknown-key")

MAX_ITEMS = 3

# Values offered beside any schema-valid one, so that the parts of a document sometimes
# fit together (a signatory's party, a commitment's conventions, a period within the
# programme's, a SIREN with its check digit) and rich documents are read, not only refused.
SLUG_POOL = ["nord", "etat", "cd-nord", "bassin-minier"]
SIREN_POOL = ["225900018", "226200012", "200093201"]
DATE_POOL = ["2018-12-18", "2019-07-10", "2021-12-31"]
YEAR_POOL = [2019, 2020, 2021]
PERIOD_POOL = [
    {"start": "2019-01-01", "end": "2021-12-31"},
    {"start": "2019-01-01", "end": "2019-12-31"},
    {"start": "2019-07-10", "end": "2021-12-31"},
]

# -- patterns as JSON Schema reads them -------------------------------------------------------

# What ECMA-262, the dialect of JSON Schema patterns, counts as \s: its white space (with
# U+FEFF) and line terminators. Python's \s lacks U+FEFF and has a few control characters.
ECMA_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def ecma_262(pattern: str) -> str:
    """*pattern*, a JSON Schema pattern, written for Python's re with its ECMA-262 meaning.

    Enough for this schema's patterns: ``$`` is the end of the text (in Python it also
    matches before a final newline), and ``\\s`` is ECMA-262's, found only in classes.
    """
    assert "\\$" not in pattern, pattern  # every $ is an anchor
    assert pattern.count("\\s") == pattern.count("[^\\s"), pattern
    return pattern.replace("$", r"\Z").replace("\\s", ECMA_SPACE)


# -- drawing documents ------------------------------------------------------------------------


# hypothesis-jsonschema 0.23.1, its latest release, reaches into Hypothesis's internals; two
# adaptations, installed here only, keep it usable with the Hypothesis this suite runs on.


def _adapt_collection_loop() -> None:
    """Offer the ``more()`` loop hypothesis-jsonschema drives objects with.

    Hypothesis 6.170.10 made ``many`` a context manager iterated with ``for`` and removed its
    ``more()`` method, which hypothesis-jsonschema calls to draw the keys of every object.
    The adapter is installed only while that mismatch is present.
    """
    if hasattr(conjecture_utils.many, "more"):
        return
    if "elements.more()" not in inspect.getsource(_from_schema):
        return

    class LegacyMany:
        def __init__(self, data: Any, **sizes: Any) -> None:
            self._many = conjecture_utils.many(data, **sizes)
            self._many.__enter__()
            self._steps: Iterator[None] = iter(self._many)

        def more(self) -> bool:
            if next(self._steps, StopIteration) is StopIteration:
                self._many.__exit__(None, None, None)
                return False
            return True

        def reject(self, why: str | None = None) -> None:
            self._many.reject(why)

    adapted = types.ModuleType(conjecture_utils.__name__)
    adapted.__dict__.update(vars(conjecture_utils))
    adapted.many = LegacyMany  # type: ignore[attr-defined]
    _from_schema.cu = adapted  # type: ignore[attr-defined]


def _reuse_property_strategies() -> None:
    """Build the strategy of each property schema once, not at every draw of its object.

    hypothesis-jsonschema builds it anew (canonicalising the schema) each time it draws a
    value of a property; a strategy depends only on its arguments, so reusing it changes
    nothing but the time (a programme draws about five times faster).
    """
    build = _from_schema.merged_as_strategies
    built: dict[tuple[str, int, int], tuple[st.SearchStrategy[Any], Any, Any]] = {}

    def merged_as_strategies(
        schemas: list[Any], *, alphabet: Any, custom_formats: Any
    ) -> st.SearchStrategy[Any]:
        key = (json.dumps(schemas, sort_keys=True, default=repr), id(alphabet), id(custom_formats))
        if key not in built:
            strategy = build(schemas, alphabet=alphabet, custom_formats=custom_formats)
            # The arguments are kept alive with the strategy, so that their ids stay theirs.
            built[key] = (strategy, alphabet, custom_formats)
        return built[key][0]

    _from_schema.merged_as_strategies = merged_as_strategies


_adapt_collection_loop()
_reuse_property_strategies()


def _walk(schema: Any, visit: Callable[[dict[str, Any]], None]) -> None:
    # Children first, so that a node a visit rewrites is not walked into again.
    if isinstance(schema, dict):
        for value in list(schema.values()):
            _walk(value, visit)
        visit(schema)
    elif isinstance(schema, list):
        for value in schema:
            _walk(value, visit)


def territory_code_by_branch(node: dict[str, Any]) -> None:
    """The same documents: one branch per kind, each with its code pattern."""
    if node.get("title") != "Territory":
        return
    branches = [
        {"properties": {"kind": {"const": kind.value}, "code": {"pattern": pattern}}}
        for kind, pattern in CODE_PATTERNS.items()
    ]
    assert len(node.pop("allOf")) == len(branches)
    # Every kind's pattern is narrower than the text pattern the code loses here.
    node["properties"]["code"] = {"type": "string"}
    node["anyOf"] = branches


def capped(node: dict[str, Any]) -> None:
    if node.get("type") == "array":
        node["maxItems"] = MAX_ITEMS


# Slugs and SIRENs as the schema writes their patterns.
SCHEMA_SLUG = bm.json_schema(bm.Tranche)["properties"]["convention"]["pattern"]
SCHEMA_SIREN = bm.json_schema(bm.Party)["properties"]["siren"]["anyOf"][0]["pattern"]


def pooled(node: dict[str, Any]) -> None:
    pool = _pool_for(node)
    if pool is None:
        return
    original = dict(node)
    node.clear()
    node["anyOf"] = [{"enum": pool}, original]


def _pool_for(node: dict[str, Any]) -> list[Any] | None:
    if node.get("title") == "Period" and "$schema" not in node:
        return PERIOD_POOL
    if node.get("pattern") == SCHEMA_SLUG:
        return SLUG_POOL
    if node.get("pattern") == SCHEMA_SIREN:
        return SIREN_POOL
    if node.get("format") == "date":
        return DATE_POOL
    if node.get("type") == "integer":
        return YEAR_POOL
    return None


def ecma_patterns(node: dict[str, Any]) -> None:
    node_pattern = node.get("pattern")
    if isinstance(node_pattern, str):
        node["pattern"] = ecma_262(node_pattern)


def adjusted_schema(cls: type[Any], *adjustments: Callable[[dict[str, Any]], None]) -> Document:
    # Through JSON text, so that no part is shared between two places of the copy.
    schema: Document = json.loads(json.dumps(bm.json_schema(cls)))
    for adjust in adjustments:
        _walk(schema, adjust)
    return schema


@functools.cache
def documents(cls: type[Any]) -> st.SearchStrategy[Any]:
    return from_schema(
        adjusted_schema(cls, territory_code_by_branch, capped, pooled, ecma_patterns)
    )


def _ecma_pattern(
    validator: Any, pattern: str, instance: object, schema: object
) -> Iterator[SchemaError]:
    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        yield SchemaError(f"{instance!r} does not match {pattern!r} as ECMA-262 reads it")


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_262(pattern))


ECMAValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


@functools.cache
def schema_validator(cls: type[Any]) -> Any:
    """A validator of the real schema of *cls*, asserting formats, patterns per ECMA-262."""
    return ECMAValidator(bm.json_schema(cls), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _schema_classes() -> list[type[Any]]:
    """The public classes `json_schema` describes."""
    classes = []
    for name in bm.__all__:
        candidate = getattr(bm, name)
        if not isinstance(candidate, type):
            continue
        try:
            bm.json_schema(candidate)
        except TypeError:
            continue
        classes.append(candidate)
    return classes


SCHEMA_CLASSES = _schema_classes()

every_class = pytest.mark.parametrize(
    "cls", SCHEMA_CLASSES, ids=[cls.__name__ for cls in SCHEMA_CLASSES]
)


# -- judging what the library says ------------------------------------------------------------

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]")


def steps(path: str) -> list[str | int]:
    """The keys and indexes of a violation's *path*, from the document root."""
    assert path.startswith("$"), path
    return [key or int(index) for key, index in _STEP.findall(path)]


def repeats_an_equal_item(document: Document, path: str) -> bool:
    """Whether the list item at *path* equals another item of its list as a whole."""
    *to_list, index = steps(path)
    items: Any = document
    for step in to_list:
        items = items[step]
    assert isinstance(index, int), path
    return any(other == items[index] for i, other in enumerate(items) if i != index)


def value_at(document: Document, path: str) -> Any:
    value: Any = document
    for step in steps(path):
        value = value[step]
    return value


def beyond_the_schema(violation: bm.Violation, document: Document) -> bool:
    """Whether the schema could not have refused what *violation* reports in *document*."""
    if violation.rule not in SCHEMA_CANNOT_EXPRESS:
        return False
    if violation.rule == "unique":
        return not repeats_an_equal_item(document, violation.path)
    if violation.rule in ("siren", "territory-code"):
        return "Luhn checksum" in violation.message
    if violation.rule == "text":
        value = value_at(document, violation.path)
        return isinstance(value, str) and not unicodedata.is_normalized("NFC", value)
    if violation.rule in ("amount", "number", "ratio"):
        return isinstance(value_at(document, violation.path), float)
    # minItems says a match names someone: only the parties it names are beyond the schema.
    return violation.rule != "match-party" or not violation.path.endswith(".by")


# What the library makes of a document: the object read, or the violations it reports.
Outcome = Any


def outcome(read: Callable[[], Any]) -> Outcome:
    try:
        return read()
    except bm.ValidationError as error:
        return frozenset(error.violations)


def outcome_violations(cls: type[Any], document: Document) -> frozenset[bm.Violation]:
    result = outcome(lambda: bm.from_json(json.dumps(document), cls))
    assert isinstance(result, frozenset), result
    return result


def without_wrapper(read: Outcome) -> frozenset[bm.Violation]:
    """The violations of a document read with its wrapper key, except that key's own."""
    assert isinstance(read, frozenset), read
    wrapper = {v for v in read if (v.path, v.rule) == WRAPPER_KEY}
    assert len(wrapper) == 1, sorted(map(str, read))
    return read - wrapper


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def read_every_way(cls: type[Any], document: Document, folder: Path) -> Outcome:
    """What from_dict, from_json and load make of *document*; they must agree."""
    text = json.dumps(document, ensure_ascii=False)
    # A number drawn with a fraction is a float here; from_dict refuses a float for an
    # amount (in Python it has lost its cents already), so it is given the number exactly,
    # as the JSON reader holds it.
    exact = json.loads(text, parse_float=Decimal)
    from_dict = outcome(lambda: bm.from_dict(exact, cls))
    assert outcome(lambda: bm.from_json(text, cls)) == from_dict
    saved = folder / f"{cls.__name__}.json"
    saved.write_text(text, encoding="utf-8")
    loaded = outcome(lambda: bm.load(saved, cls))
    if "format_version" not in document:
        assert loaded == from_dict
        return loaded
    # The wrapper key is all that from_dict and from_json see beyond what load sees.
    others = without_wrapper(from_dict)
    if others:
        assert loaded == others
    else:
        assert isinstance(loaded, cls)
    return loaded


def unexplained(violations: frozenset[bm.Violation], document: Document) -> list[str]:
    return sorted(f"{v} [{v.rule}]" for v in violations if not beyond_the_schema(v, document))


# -- the property -----------------------------------------------------------------------------


# Drawing happens in the test (the strategy depends on the class), and drawing a programme
# can take longer than the deadline that guards the code under test.
@every_class
@given(data=st.data())
def test_a_document_the_schema_accepts_is_read_or_breaks_only_rules_beyond_it(
    cls: type[Any], folder: Path, data: st.DataObject
) -> None:
    document = data.draw(documents(cls), label="document")
    assert sorted(e.message for e in schema_validator(cls).iter_errors(document)) == []
    result = read_every_way(cls, document, folder)
    if isinstance(result, frozenset):
        assert unexplained(result, document) == []
        return
    assert isinstance(result, cls)
    assert bm.from_json(bm.to_json(result), cls) == result
    assert bm.from_dict(bm.to_dict(result), cls) == result
    assert schema_validator(cls).is_valid(bm.to_dict(result))


# -- disagreements found by the property, kept as examples ------------------------------------


@pytest.mark.parametrize("year", [0, -2019, 10_000])
def test_the_schema_refuses_a_tranche_year_outside_the_calendar(year: int) -> None:
    # A tranche falls in a year of its commitment's period, and dates have years 1 to 9999:
    # the library refuses any other year, the schema says "minimum" and "maximum" too.
    document = {"year": year, "amount": "16000000.00", "convention": "nord"}
    assert {(v.path, v.rule) for v in outcome_violations(bm.Tranche, document)} == {
        ("$.year", "type")
    }
    assert {e.validator for e in schema_validator(bm.Tranche).iter_errors(document)} == {
        "minimum" if year < 1 else "maximum"
    }


PERIOD = {"start": "2019-01-01", "end": "2021-12-31"}
MILESTONE = {"on": "2019-07-10", "label": "Signature de la convention du bassin minier"}
AXIS = {"id": "sorties-ase", "label": "Accompagner les jeunes sortant de l'ASE"}
PARTICIPANT = {"name": "Alain Neveü", "role": "délégué interministériel"}
BASIN = {"code": "bassin-minier", "name": "bassin minier", "kind": "area", "within": ["59"]}


@pytest.mark.parametrize(
    ("cls", "document", "repeat"),
    [
        (
            bm.Programme,
            {
                "id": "plan-pauvrete",
                "name": "Plan pauvreté",
                "period": PERIOD,
                "milestones": [MILESTONE, MILESTONE],
            },
            "$.milestones",
        ),
        (bm.Strategy, {"name": "Stratégie pauvreté", "axes": [AXIS, AXIS]}, "$.axes"),
        (
            bm.Convention,
            {
                "id": "bassin-minier",
                "title": "Territoire démonstrateur",
                "kind": "other",
                "territory": BASIN,
                "period": PERIOD,
                "participants": [PARTICIPANT, PARTICIPANT],
            },
            "$.participants",
        ),
    ],
    ids=["milestone", "axis", "participant"],
)
def test_the_schema_refuses_the_same_item_twice_in_a_list(
    cls: type[Any], document: Document, repeat: str
) -> None:
    # Every list of the model refuses an item equal to another as a whole; "uniqueItems"
    # says so (for milestones, a date and a label and nothing else, it is the whole rule).
    assert {(v.path, v.rule) for v in outcome_violations(cls, document)} == {
        (f"{repeat}[1]", "unique")
    }
    assert {(e.json_path, e.validator) for e in schema_validator(cls).iter_errors(document)} == {
        (repeat, "uniqueItems")
    }


# -- the test's own parts ---------------------------------------------------------------------


def test_every_model_class_has_a_schema() -> None:
    assert {cls.__name__ for cls in SCHEMA_CLASSES} == {
        "Action",
        "Amendment",
        "Convention",
        "FundingCommitment",
        "Indicator",
        "Match",
        "Measure",
        "Milestone",
        "Participant",
        "Party",
        "Payment",
        "Period",
        "Priority",
        "Programme",
        "Relation",
        "Signatory",
        "Strategy",
        "Territory",
        "Tranche",
    }


def test_every_excused_rule_is_a_rule_of_the_model() -> None:
    model_rules = {rule.name for rule in bm.RULES if not rule.documents_only}
    assert model_rules >= SCHEMA_CANNOT_EXPRESS


def test_the_pools_hold_values_the_schema_accepts() -> None:
    def valid(cls: type[Any], document: Document) -> bool:
        return bool(schema_validator(cls).is_valid(document))

    tranche = {"year": 2019, "amount": "1.00", "convention": "nord"}
    assert all(valid(bm.Tranche, {**tranche, "convention": s}) for s in SLUG_POOL)
    assert all(valid(bm.Tranche, {**tranche, "year": y}) for y in YEAR_POOL)
    party = {"id": "etat", "name": "État", "kind": "state"}
    assert all(valid(bm.Party, {**party, "siren": s}) for s in SIREN_POOL)
    assert all(valid(bm.Milestone, {"on": d, "label": "Signature"}) for d in DATE_POOL)
    assert all(valid(bm.Period, p) for p in PERIOD_POOL)
    # Pooled SIRENs are there to pass the checksum, or they would add nothing.
    assert [siren_problem(s) for s in SIREN_POOL] == [None] * len(SIREN_POOL)


def test_every_pool_is_offered_where_its_values_belong() -> None:
    offered = json.dumps(adjusted_schema(bm.Programme, pooled))
    pools = (SLUG_POOL, SIREN_POOL, DATE_POOL, YEAR_POOL, PERIOD_POOL)
    assert [offered.count(json.dumps({"enum": pool})) > 0 for pool in pools] == [True] * 5


@given(
    territory=MODEL_STRATEGIES[bm.Territory],
    kind=st.sampled_from(bm.TerritoryKind),
)
def test_drawing_codes_by_kind_keeps_the_schema_s_meaning(
    territory: bm.Territory, kind: bm.TerritoryKind
) -> None:
    # Another kind makes most codes wrong, so both answers come up.
    document = {**bm.to_dict(territory), "kind": kind.value}
    by_branch = ECMAValidator(adjusted_schema(bm.Territory, territory_code_by_branch))
    assert by_branch.is_valid(document) == schema_validator(bm.Territory).is_valid(document)


@pytest.mark.parametrize(
    ("violation", "document", "excused"),
    [
        (
            bm.Violation("$.parties[1]", "party id 'etat' is listed twice", "unique"),
            {"parties": [{"id": "etat", "name": "État"}, {"id": "etat", "name": "L'État"}]},
            True,
        ),
        (
            bm.Violation("$.parties[1]", "party id 'etat' is listed twice", "unique"),
            {"parties": [{"id": "etat", "name": "État"}, {"id": "etat", "name": "État"}]},
            False,
        ),
        (
            bm.Violation(
                "$.siren", "is not a SIREN: '225900019' fails the Luhn checksum", "siren"
            ),
            {"siren": "225900019"},
            True,
        ),
        (
            bm.Violation("$.siren", "is not a SIREN: expected 9 digits, got '2259'", "siren"),
            {"siren": "2259"},
            False,
        ),
        (
            bm.Violation("$.name", "must be in Unicode normalisation form NFC", "text"),
            {"name": "Neveu\u0308"},
            True,
        ),
        (
            bm.Violation("$.name", "must not start or end with spaces", "text"),
            {"name": "Neveü "},
            False,
        ),
        (
            bm.Violation("$.amount", "must be in whole cents", "amount"),
            {"amount": 12.345},
            True,
        ),
        (
            bm.Violation("$.amount", "must be an amount written like", "amount"),
            {"amount": "12.345"},
            False,
        ),
        (
            bm.Violation("$.value", "must have at most 6 decimal places", "number"),
            {"value": 0.1234567},
            True,
        ),
        (
            bm.Violation("$.ratio", "must be a ratio written like", "ratio"),
            {"ratio": "0.33333"},
            False,
        ),
        (
            bm.Violation("$.by[0]", "is neither a party nor a partner", "match-party"),
            {"by": ["cd-somme"]},
            True,
        ),
        (
            bm.Violation("$.by", "no party is named to match the commitment", "match-party"),
            {"by": []},
            False,
        ),
        (bm.Violation("$.year", "must be a year from 1 to 9999", "type"), {"year": 0}, False),
        (
            bm.Violation("$.format_version", "unknown key 'format_version'", "unknown-key"),
            {"format_version": 1},
            False,
        ),
    ],
    ids=[
        "same-id-other-name",
        "same-item-twice",
        "checksum",
        "nine-digits",
        "decomposed",
        "padded",
        "cents-of-a-number",
        "cents-of-text",
        "decimals-of-a-value-number",
        "decimals-of-ratio-text",
        "party-of-a-match",
        "match-by-nobody",
        "year",
        "wrapper-key",
    ],
)
def test_only_what_the_schema_cannot_say_is_excused(
    violation: bm.Violation, document: Document, excused: bool
) -> None:
    assert beyond_the_schema(violation, document) is excused


def test_the_schema_and_the_library_refuse_a_final_newline() -> None:
    # Python's $ would take "32\n" for "32": read as ECMA-262, the schema does not.
    document = {"code": "59", "name": "Nord", "kind": "departement", "within": ["32\n"]}
    assert {e.json_path for e in schema_validator(bm.Territory).iter_errors(document)} == {
        "$.within[0]"
    }
    assert {(v.path, v.rule) for v in outcome_violations(bm.Territory, document)} == {
        ("$.within[0]", "text")
    }


def test_the_schema_accepts_text_the_library_writes_with_a_zero_width_no_break_space() -> None:
    # ECMA-262 counts U+FEFF as white space, so the schema's text pattern refuses it at either
    # end of a name; Python's str.strip and \s do not, so the library reads and writes it.
    document = {"name": "\ufeffAlain Neveü", "role": "délégué interministériel"}
    read = outcome(lambda: bm.from_dict(document, bm.Participant))
    if isinstance(read, frozenset):
        assert {(v.path, v.rule) for v in read} == {("$.name", "text")}
        return
    written = bm.to_dict(read)
    assert [e.message for e in schema_validator(bm.Participant).iter_errors(written)] == []


def test_a_repeat_found_in_a_nested_list_names_the_first_item_from_the_root() -> None:
    # Seen in the drawn programmes: the message pointed at "$.participants[0]", a place the
    # document does not have, while the violation's own path starts at the programme.
    convention = {
        "id": "bassin-minier",
        "title": "Territoire démonstrateur",
        "kind": "other",
        "territory": BASIN,
        "period": PERIOD,
        "participants": [PARTICIPANT, {**PARTICIPANT, "role": "pilote de la démarche"}],
    }
    document = {"id": "plan", "name": "Plan", "period": PERIOD, "conventions": [convention]}
    (violation,) = outcome_violations(bm.Programme, document)
    assert (violation.path, violation.rule) == ("$.conventions[0].participants[1]", "unique")
    paths_named = re.findall(r"\$[.\[][^ )]*", violation.message)
    assert paths_named in ([], ["$.conventions[0].participants[0]"])
