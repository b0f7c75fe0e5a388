"""`json_schema`: the JSON Schema (2020-12) of the documents `to_json` writes.

The schema says everything a schema can: types, patterns, closed objects, the code
pattern of each kind of territory, the format versions `load` reads. What it cannot say
(checksums, cross-references such as an amendment named by a commitment's act or a
payment's commitment, sums, date order such as amendments in signature order, the
normalisation form of text, the cents of an amount or the decimals of a measured value or
ratio written as a JSON number) the model checks when reading.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from bassin_minier._base import hints
from bassin_minier._io.documents import (
    ADDED_IN_VERSION_2,
    FORMAT_VERSION,
    SUPPORTED_FORMAT_VERSIONS,
)
from bassin_minier._io.numbers import PLAIN_NUMBERS, PlainNumber
from bassin_minier._model.action import Action
from bassin_minier._model.amendment import Amendment
from bassin_minier._model.convention import Convention
from bassin_minier._model.enums import TerritoryKind
from bassin_minier._model.funding import FundingCommitment, Tranche
from bassin_minier._model.indicator import Indicator
from bassin_minier._model.match import Match
from bassin_minier._model.party import Party, Signatory
from bassin_minier._model.payment import Payment
from bassin_minier._model.priority import Priority
from bassin_minier._model.programme import Programme
from bassin_minier._model.registry import require_model_class
from bassin_minier._model.relation import Relation
from bassin_minier._model.territory import CODE_PATTERNS, Territory
from bassin_minier._rules.catalogue import RATIO
from bassin_minier._rules.codes import ANY_CODE_PATTERNS, SIREN_PATTERN
from bassin_minier._rules.money import AMOUNT_PATTERN, MAX_AMOUNT
from bassin_minier._rules.numbers import MAX_NUMBER, MAX_RATIO
from bassin_minier._rules.text import SLUG_PATTERN, TEXT_PATTERN

__all__ = ["json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SLUG = {"type": "string", "pattern": SLUG_PATTERN}
_ANY_CODE = {"type": "string", "pattern": "|".join(f"(?:{p})" for p in ANY_CODE_PATTERNS)}

# Text fields that hold something narrower than free text, by class and field name.
_NARROWER: dict[tuple[type[Any], str], dict[str, Any]] = {
    (Territory, "code"): {"type": "string", "pattern": TEXT_PATTERN},
    (Territory, "within"): _ANY_CODE,
    (Party, "id"): _SLUG,
    (Party, "territory"): _ANY_CODE,
    (Party, "siren"): {"type": "string", "pattern": SIREN_PATTERN},
    (Signatory, "party"): _SLUG,
    (Priority, "id"): _SLUG,
    (Tranche, "convention"): _SLUG,
    (FundingCommitment, "id"): _SLUG,
    (FundingCommitment, "funder"): _SLUG,
    (FundingCommitment, "conventions"): _SLUG,
    (FundingCommitment, "priority"): _SLUG,
    (FundingCommitment, "act"): _SLUG,
    (FundingCommitment, "revises"): _SLUG,
    (FundingCommitment, "co_funders"): _SLUG,
    (FundingCommitment, "action"): _SLUG,
    (Action, "id"): _SLUG,
    (Action, "priority"): _SLUG,
    (Action, "lead"): _SLUG,
    (Indicator, "id"): _SLUG,
    (Indicator, "action"): _SLUG,
    (Match, "id"): _SLUG,
    (Match, "commitment"): _SLUG,
    (Match, "by"): _SLUG,
    (Payment, "commitment"): _SLUG,
    (Payment, "convention"): _SLUG,
    (Amendment, "id"): _SLUG,
    (Relation, "convention"): _SLUG,
    (Convention, "id"): _SLUG,
    (Programme, "id"): _SLUG,
}

# Lists that hold at least one item: a match is met by someone.
_NOT_EMPTY = frozenset({(Match, "by")})

# An amount as the library writes it, or as a JSON number, which the reader also takes, so
# that every amount the reader accepts the schema accepts too. The reader takes a number
# exactly, never through float; a schema validator may hold it as a binary float, which
# cannot count decimals (multipleOf 0.01 fails on 0.29) and rounds 999999999999999.99 up
# to 10^15. So the schema bounds a number loosely and the reader checks the cents.
_AMOUNT = {
    "description": "euros, strictly positive, below 10^15, in whole cents",
    "anyOf": [
        {
            "type": "string",
            "pattern": AMOUNT_PATTERN,
            "not": {"pattern": r"^0+(\.0+)?$"},
            "description": "the canonical form, as text with up to two decimals",
        },
        {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": int(MAX_AMOUNT),
            "description": (
                "a JSON number, read exactly: whole euros, or euros and cents with at most "
                "two decimals, which the reader checks (and that amounts are below 10^15); "
                "many JSON tools read a number with decimals as a binary float and lose "
                "cents, so the text form is safer"
            ),
        },
    ],
}


def _plain_number(kind: PlainNumber) -> dict[str, Any]:
    # As for amounts: the text the library writes, or a JSON number, bounded loosely and
    # left to the reader for its decimals (a validator may hold it as a binary float).
    if kind.rule == RATIO:
        text: dict[str, Any] = {"not": {"pattern": r"^0+(\.0+)?$"}}
        number: dict[str, Any] = {"exclusiveMinimum": 0, "exclusiveMaximum": int(MAX_RATIO)}
        description = "a ratio: strictly positive, below 1000, with at most 4 decimals"
    else:
        text = {}
        number = {"exclusiveMinimum": -int(MAX_NUMBER), "exclusiveMaximum": int(MAX_NUMBER)}
        description = "a number: between -10^15 and 10^15, with at most 6 decimals"
    return {
        "description": description,
        "anyOf": [
            {
                "type": "string",
                "pattern": kind.pattern.pattern,
                **text,
                "description": "the canonical form, as text in plain digits",
            },
            {
                "type": "number",
                **number,
                "description": (
                    "a JSON number, read exactly (the reader checks its decimals); the "
                    "text form is safer"
                ),
            },
        ],
    }


_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a *cls* document, as written by `to_json` or `save`.

    Every class the document contains is described once under ``$defs``.
    """
    require_model_class(cls)
    definitions: dict[str, dict[str, Any]] = {}
    root = _object_schema(cls, definitions)
    root["properties"] = {
        "format_version": {
            "enum": list(SUPPORTED_FORMAT_VERSIONS),
            "description": (
                f"written by save, which writes {FORMAT_VERSION}; absent from to_json "
                "output. A version-1 document has none of the keys version 2 added "
                f"({_added_keys()}), and reads as if each held its default"
            ),
        },
        **root["properties"],
    }
    schema: dict[str, Any] = {"$schema": DIALECT, **root}
    definitions.pop(cls.__name__, None)
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    anchored: dict[str, Any] = _end_anchored(schema)
    return anchored


def _added_keys() -> str:
    return ", ".join(name for names in ADDED_IN_VERSION_2.values() for name in names)


def _end_anchored(node: Any) -> Any:
    """*node* with every pattern's ``$`` kept from matching before a final newline.

    In ECMA-262, the regex dialect of JSON Schema, ``$`` only matches at the end; in
    Python, whose validators use ``re.search``, it also matches before a final newline,
    so ``"etat\n"`` would pass as a slug. ``(?!\n)`` makes both dialects agree.
    """
    if isinstance(node, dict):
        return {
            key: value.replace("$", r"$(?!\n)")
            if key == "pattern" and isinstance(value, str)
            else _end_anchored(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_end_anchored(item) for item in node]
    return node


def _object_schema(cls: type[Any], definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "title": cls.__name__,
        "description": _summary(cls),
        "type": "object",
        "properties": {
            name: _value_schema(type_, cls, name, definitions)
            for name, type_ in hints.field_types(cls).items()
        },
        "required": list(hints.required_fields(cls)),
        "additionalProperties": False,
    }
    if cls is Territory:
        schema["allOf"] = [
            _code_for_kind(kind, pattern) for kind, pattern in CODE_PATTERNS.items()
        ]
    return schema


def _value_schema(
    hint: Any, owner: type[Any], name: str, definitions: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    if hints.is_optional(hint):
        inner = hints.without_none(hint)
        return {"anyOf": [_value_schema(inner, owner, name, definitions), {"type": "null"}]}
    if hints.is_tuple_of(hint):
        # No list of the model holds the same item twice. Lists of objects are keyed by
        # a field (an id), which a schema cannot say: uniqueItems is all it can check.
        array = {
            "type": "array",
            "items": _value_schema(hints.item_type(hint), owner, name, definitions),
            "uniqueItems": True,
        }
        if (owner, name) in _NOT_EMPTY:
            array["minItems"] = 1
        return array
    if hints.is_attrs_class(hint):
        if hint.__name__ not in definitions:
            definitions[hint.__name__] = {}  # reserve the name before descending
            definitions[hint.__name__] = _object_schema(hint, definitions)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    return dict(_scalar_schema(hint, owner, name))


def _scalar_schema(hint: Any, owner: type[Any], name: str) -> dict[str, Any]:
    if hint is str:
        return _NARROWER.get((owner, name), {"type": "string", "pattern": TEXT_PATTERN})
    if hint is Decimal:
        kind = PLAIN_NUMBERS.get((owner, name))
        return _AMOUNT if kind is None else _plain_number(kind)
    if hint is dt.date:
        return _DATE
    if hint is int:
        return {"type": "integer", "minimum": dt.MINYEAR, "maximum": dt.MAXYEAR}  # only years
    raise TypeError(f"no JSON Schema for {hint!r}")  # pragma: no cover - a new field type


def _code_for_kind(kind: TerritoryKind, pattern: str) -> dict[str, Any]:
    return {
        "if": {"properties": {"kind": {"const": kind.value}}, "required": ["kind"]},
        "then": {"properties": {"code": {"pattern": pattern}}},
    }


def _summary(cls: type[Any]) -> str:
    doc = cls.__doc__ or cls.__name__
    return doc.strip().split("\n\n")[0].replace("\n", " ")
