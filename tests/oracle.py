"""A second, independent reading of the invariants of DESIGN.md, to check the library against.

`violations(class_name, document)` judges a plain document (what `bassin_minier.to_dict`
writes: dicts, lists, strings, integers, None) and returns the ``(path, rule)`` pairs it
finds broken, with the paths and rule names the library uses. It is written from the
specification, deliberately plainly, and borrows nothing from the library but the values of
its public vocabularies.

Where the specification leaves a choice open, the oracle makes the library's documented one
(docs/invariants.md):

- a duplicate is reported at the later item, the first one being the reference; items are
  told apart by the key the docs name (a signatory by name and party, a participant by
  name, a milestone by date and label, a tranche by year and convention);
- an EPCI's code is a territory code first: one that fails the SIREN checksum breaks
  ``territory-code``, not ``siren``;
- a measured value and a matching ratio are read like amounts: plain decimal text (or an
  integer) judged by ``number`` or ``ratio``, text in another form (an exponent, a sign of
  plus, spaces) breaking the same rule, any other type breaking ``type``;
- two payments are one repeated line when every field is the same, the amount by its value;
- a funder is reported at ``funder`` once for each covered convention it is not a party to,
  a co-funder at its own place in ``co_funders``; a partner of the programme is neither;
- rules that relate objects to one another (uniqueness, a signatory's party, a tranche's
  year, a commitment's coverage, a programme's period, a party's description) are judged
  only when every object of the collections involved is valid on its own: an object that
  cannot be built has no constraints to judge, and a consequence of a problem already reported
  is not a second problem. Checks of one value never depend on its neighbours.

Only the rules a plain document can break are modelled: not ``json``, ``duplicate-key`` or
``format-version``, which concern JSON text and files.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
import unicodedata
from collections.abc import Callable, Hashable
from decimal import Decimal
from typing import Any

from bassin_minier import Basis, ConventionKind, PartyKind, RelationKind, TerritoryKind

__all__ = ["RULES", "violations"]

Found = set[tuple[str, str]]

#: The rules this oracle judges.
RULES: frozenset[str] = frozenset(
    {
        "unknown-key",
        "required",
        "type",
        "text",
        "slug",
        "unique",
        "territory-code",
        "within",
        "siren",
        "amount",
        "period-order",
        "signatory-party",
        "signature-date",
        "tranche-year",
        "tranche-convention",
        "tranche-basis",
        "within-programme",
        "commitment-convention",
        "funder-party",
        "commitment-priority",
        "party-consistency",
        "spend-by",
        "amendment-order",
        "amendment-date",
        "related-convention",
        "commitment-act",
        "commitment-revision",
        "number",
        "ratio",
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
    }
)

# -- what a value must look like --------------------------------------------------------------

# Every pattern is used with fullmatch: it describes the whole value, so that "nord\n" is no
# more a slug than "nord x" is.

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
AMOUNT_TEXT = re.compile(r"[0-9]{1,15}(\.[0-9]{1,2})?")
REGION = re.compile(r"[0-9]{2}")
# Two characters of the département (2A, 2B in Corsica), then three digits.
COMMUNE = re.compile(r"[0-9]{5}|2[AB][0-9]{3}")
NINE_DIGITS = re.compile(r"[0-9]{9}")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# The collectivités à statut particulier and their COG codes: Corse, Métropole de Lyon,
# Collectivité européenne d'Alsace, Ville de Paris, Martinique, Guyane.
COLLECTIVITES = frozenset({"20R", "69M", "6AE", "75C", "972R", "973R"})
DEPARTEMENTS = frozenset(
    [f"{number:02d}" for number in range(1, 96) if number != 20]
    + ["2A", "2B", "971", "972", "973", "974", "976"]
)
ONE_CENT = Decimal("0.01")
LIMIT = Decimal(10) ** 15
# A measured value and a matching ratio are written as plain decimal text: "-12.5", "0.5".
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
# Not text on one line: control characters, line and paragraph separators, lone surrogates.
NOT_ONE_LINE = frozenset({"Cc", "Zl", "Zp", "Cs"})
# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt), as ranges:
# characters that display nothing, refused at either end of a text.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
# Unicode's Bidi_Control property (PropList.txt): refused anywhere in a text.
BIDI_CONTROLS = frozenset(
    map(chr, [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
)


def displays_nothing(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in DEFAULT_IGNORABLE)


def selects_a_variation(char: str) -> bool:
    return 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF


def is_text(value: str) -> bool:
    # Variation selectors may follow the last visible character: they choose how it is drawn.
    drawn = value
    while len(drawn) > 1 and selects_a_variation(drawn[-1]):
        drawn = drawn[:-1]
    if not drawn or drawn[0].isspace() or drawn[-1].isspace():
        return False
    if displays_nothing(drawn[0]) or displays_nothing(drawn[-1]):
        return False
    if any(char in BIDI_CONTROLS for char in value):
        return False
    if not all(unicodedata.category(char) not in NOT_ONE_LINE for char in value):
        return False
    return unicodedata.normalize("NFC", value) == value


def is_siren(value: str) -> bool:
    if not NINE_DIGITS.fullmatch(value):
        return False
    # Luhn, from the right: digits in odd places as they are, the others doubled.
    kept = sum(int(digit) for digit in value[::-2])
    doubled = sum(sum(divmod(2 * int(digit), 10)) for digit in value[-2::-2])
    return (kept + doubled) % 10 == 0


def is_code_of(kind: str, code: str) -> bool:
    if kind == TerritoryKind.REGION.value:
        return REGION.fullmatch(code) is not None
    if kind == TerritoryKind.DEPARTEMENT.value:
        return code in DEPARTEMENTS
    if kind == TerritoryKind.COMMUNE.value:
        return COMMUNE.fullmatch(code) is not None
    if kind == TerritoryKind.EPCI.value:
        return is_siren(code)
    if kind == TerritoryKind.COLLECTIVITE.value:
        return code in COLLECTIVITES
    return SLUG.fullmatch(code) is not None  # an area has no official code


def is_any_code(code: str) -> bool:
    return any(is_code_of(kind.value, code) for kind in TerritoryKind)


def in_cents(value: Decimal) -> bool:
    exact = decimal.Context(prec=60)
    return value == value.quantize(ONE_CENT, context=exact)


def places(value: Decimal) -> int:
    """How many decimal places *value* is written with (``2.50`` has two, ``2.3E+4`` none)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def is_measured_value(value: Decimal) -> bool:
    # May be zero or negative: a change, a balance.
    return -LIMIT < value < LIMIT and places(value) <= 6


def is_ratio(value: Decimal) -> bool:
    return 0 < value < 1000 and places(value) <= 4


def money(value: Any) -> Decimal:
    """The amount of a value already judged valid."""
    return Decimal(value)


def key_path(path: str, key: object) -> str:
    if isinstance(key, str) and IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False, default=repr)}]"


# -- the judge --------------------------------------------------------------------------------

#: A value that is missing or has already been reported: later checks skip it quietly.
BAD: Any = type("Bad", (), {"__repr__": lambda self: "BAD"})()


class Judge:
    """Collects the broken rules of one document."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def broken(self, path: str, rule: str) -> None:
        self.found.append((path, rule))

    def fields(
        self, path: str, doc: Any, required: tuple[str, ...], defaults: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The fields of the object at *path*, missing ones BAD or their default."""
        if doc is BAD:
            return None
        if not isinstance(doc, dict):
            self.broken(path, "type")
            return None
        for key in doc.keys() - {*required, *defaults}:
            self.broken(key_path(path, key), "unknown-key")
        values = dict(defaults)
        values.update({name: doc[name] for name in (*required, *defaults) if name in doc})
        for name in required:
            if name not in doc:
                self.broken(f"{path}.{name}", "required")
                values[name] = BAD
        return values

    def text(self, path: str, value: Any, *, optional: bool = False) -> Any:
        if value is BAD or (optional and value is None):
            return value
        if not isinstance(value, str):
            self.broken(path, "type")
            return BAD
        if not is_text(value):
            self.broken(path, "text")
            return BAD
        return value

    def slug(self, path: str, value: Any, *, optional: bool = False) -> Any:
        if value is BAD or (optional and value is None):
            return value
        if not isinstance(value, str):
            self.broken(path, "type")
            return BAD
        if not SLUG.fullmatch(value):
            self.broken(path, "slug")
            return BAD
        return value

    def date(self, path: str, value: Any, *, optional: bool = False) -> Any:
        if value is BAD or (optional and value is None):
            return value
        if isinstance(value, str) and ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass  # 2019-02-30 has the shape of a date but is not one
        self.broken(path, "type")
        return BAD

    def year(self, path: str, value: Any) -> Any:
        if value is BAD:
            return BAD
        if type(value) is not int or not 1 <= value <= 9999:
            self.broken(path, "type")
            return BAD
        return value

    def member(self, path: str, value: Any, vocabulary: Any) -> Any:
        if value is BAD:
            return BAD
        if not isinstance(value, str) or value not in {m.value for m in vocabulary}:
            self.broken(path, "type")
            return BAD
        return value

    def amount(self, path: str, value: Any) -> Any:
        if value is BAD:
            return BAD
        if isinstance(value, str) and not AMOUNT_TEXT.fullmatch(value):
            self.broken(path, "amount")  # text in another form than "48000000.00"
            return BAD
        if not isinstance(value, (str, Decimal)) and type(value) is not int:
            self.broken(path, "type")  # floats and booleans included
            return BAD
        euros = Decimal(value)
        if not (euros.is_finite() and 0 < euros < LIMIT and in_cents(euros)):
            self.broken(path, "amount")
            return BAD
        return euros

    def number(self, path: str, value: Any, rule: str, fits: Callable[[Decimal], bool]) -> Any:
        """A measured value or a ratio (*rule*): plain text or an integer, which *fits*."""
        if value is BAD:
            return BAD
        if isinstance(value, str) and not PLAIN_NUMBER.fullmatch(value):
            self.broken(path, rule)  # an exponent, a sign of plus, spaces, no digits
            return BAD
        if not isinstance(value, (str, Decimal)) and type(value) is not int:
            self.broken(path, "type")  # floats and booleans included
            return BAD
        number = Decimal(value)
        if not (number.is_finite() and fits(number)):
            self.broken(path, rule)
            return BAD
        return number

    def listed(self, path: str, value: Any) -> list[Any] | None:
        if value is BAD:
            return None
        if not isinstance(value, list):
            self.broken(path, "type")
            return None
        return value

    def each(self, path: str, value: Any, judge: Callable[[Judge, str, Any], bool]) -> Any:
        """The items of a list whose every item is valid, else None (after judging them all)."""
        items = self.listed(path, value)
        if items is None:
            return None
        valid = [judge(self, f"{path}[{index}]", item) for index, item in enumerate(items)]
        return items if all(valid) else None

    def unique(self, path: str, items: list[Any] | None, key: Callable[[Any], Hashable]) -> None:
        seen: set[Hashable] = set()
        for index, item in enumerate(items or ()):
            identity = key(item)
            if identity in seen:
                self.broken(f"{path}[{index}]", "unique")
            seen.add(identity)

    def valid_since(self, mark: int) -> bool:
        return len(self.found) == mark


def same(item: Any) -> Any:
    return item


def by_id(item: dict[str, Any]) -> str:
    return str(item["id"])


def span(doc: dict[str, Any]) -> tuple[dt.date, dt.date]:
    """The first and last days of a period already judged valid."""
    return dt.date.fromisoformat(doc["start"]), dt.date.fromisoformat(doc["end"])


# -- one function per class: each reports what it finds and says whether the object is valid --


def period(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("start", "end"), {})
    if fields is None:
        return False
    start = judge.date(f"{path}.start", fields["start"])
    end = judge.date(f"{path}.end", fields["end"])
    if start is not BAD and end is not BAD and end < start:
        judge.broken(f"{path}.end", "period-order")
    return judge.valid_since(mark)


def territory(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("code", "name", "kind"), {"within": []})
    if fields is None:
        return False
    kind = judge.member(f"{path}.kind", fields["kind"], TerritoryKind)
    code = judge.text(f"{path}.code", fields["code"])
    if code is not BAD and kind is not BAD and not is_code_of(kind, code):
        judge.broken(f"{path}.code", "territory-code")
    judge.text(f"{path}.name", fields["name"])
    within = judge.listed(f"{path}.within", fields["within"])
    if within is not None:
        codes = [judge.text(f"{path}.within[{i}]", item) for i, item in enumerate(within)]
        for index, item in enumerate(codes):
            if item is BAD:
                continue
            if item == fields["code"]:
                judge.broken(f"{path}.within[{index}]", "within")
            elif not is_any_code(item):
                judge.broken(f"{path}.within[{index}]", "territory-code")
        if all(item is not BAD for item in codes):
            judge.unique(f"{path}.within", codes, same)
    return judge.valid_since(mark)


def party(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("id", "name", "kind"), {"territory": None, "siren": None})
    if fields is None:
        return False
    judge.slug(f"{path}.id", fields["id"])
    judge.text(f"{path}.name", fields["name"])
    judge.member(f"{path}.kind", fields["kind"], PartyKind)
    code = judge.text(f"{path}.territory", fields["territory"], optional=True)
    if isinstance(code, str) and not is_any_code(code):
        judge.broken(f"{path}.territory", "territory-code")
    siren = judge.text(f"{path}.siren", fields["siren"], optional=True)
    if isinstance(siren, str) and not is_siren(siren):
        judge.broken(f"{path}.siren", "siren")
    return judge.valid_since(mark)


def signatory(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("name", "role", "party"), {})
    if fields is None:
        return False
    judge.text(f"{path}.name", fields["name"])
    judge.text(f"{path}.role", fields["role"])
    judge.slug(f"{path}.party", fields["party"])
    return judge.valid_since(mark)


def participant(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("name", "role"), {})
    if fields is None:
        return False
    judge.text(f"{path}.name", fields["name"])
    judge.text(f"{path}.role", fields["role"])
    return judge.valid_since(mark)


def priority(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("id", "label"), {"themes": []})
    if fields is None:
        return False
    judge.slug(f"{path}.id", fields["id"])
    judge.text(f"{path}.label", fields["label"])
    themes = judge.each(f"{path}.themes", fields["themes"], theme)
    judge.unique(f"{path}.themes", themes, same)
    return judge.valid_since(mark)


def theme(judge: Judge, path: str, doc: Any) -> bool:
    return judge.text(path, doc) is not BAD


def reference(judge: Judge, path: str, doc: Any) -> bool:
    return judge.slug(path, doc) is not BAD


def tranche(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("year", "amount", "convention"), {"spend_by": None})
    if fields is None:
        return False
    year = judge.year(f"{path}.year", fields["year"])
    judge.amount(f"{path}.amount", fields["amount"])
    judge.slug(f"{path}.convention", fields["convention"])
    spend_by = judge.date(f"{path}.spend_by", fields["spend_by"], optional=True)
    # The money of a year may be spent until a later day, never until one before it.
    if isinstance(spend_by, dt.date) and year is not BAD and spend_by < dt.date(year, 1, 1):
        judge.broken(f"{path}.spend_by", "spend-by")
    return judge.valid_since(mark)


# Whether the sum of the tranches honours the committed amount, for each basis.
HONOURED: dict[str, Callable[[Decimal, Decimal], bool]] = {
    Basis.AT_LEAST.value: lambda breakdown, amount: breakdown >= amount,
    Basis.EXACTLY.value: lambda breakdown, amount: breakdown == amount,
    Basis.AT_MOST.value: lambda breakdown, amount: breakdown <= amount,
}


def commitment(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    defaults: dict[str, Any] = {
        "conventions": [],
        "priority": None,
        "tranches": [],
        "act": None,
        "revises": None,
        "co_funders": [],
        "action": None,
    }
    fields = judge.fields(path, doc, ("id", "funder", "amount", "basis", "period"), defaults)
    if fields is None:
        return False
    own_id = judge.slug(f"{path}.id", fields["id"])
    judge.slug(f"{path}.act", fields["act"], optional=True)
    revised = judge.slug(f"{path}.revises", fields["revises"], optional=True)
    if own_id is not BAD and revised == own_id:
        judge.broken(f"{path}.revises", "commitment-revision")
    funder = judge.slug(f"{path}.funder", fields["funder"])
    # Others who commit the same amount jointly: never the funder itself, none twice.
    co_funders = judge.each(f"{path}.co_funders", fields["co_funders"], reference)
    judge.unique(f"{path}.co_funders", co_funders, same)
    for index, other in enumerate(co_funders if co_funders and funder is not BAD else ()):
        if other == funder:
            judge.broken(f"{path}.co_funders[{index}]", "co-funder")
    judge.slug(f"{path}.action", fields["action"], optional=True)
    amount = judge.amount(f"{path}.amount", fields["amount"])
    basis = judge.member(f"{path}.basis", fields["basis"], Basis)
    period_ok = period(judge, f"{path}.period", fields["period"])
    covered = judge.each(f"{path}.conventions", fields["conventions"], reference)
    judge.unique(f"{path}.conventions", covered, same)
    judge.slug(f"{path}.priority", fields["priority"], optional=True)
    tranches = judge.each(f"{path}.tranches", fields["tranches"], tranche)
    judge.unique(f"{path}.tranches", tranches, lambda t: (t["year"], t["convention"]))
    if tranches is None:
        return judge.valid_since(mark)
    if period_ok:
        first, last = span(fields["period"])
        for index, item in enumerate(tranches):
            if not first.year <= item["year"] <= last.year:
                judge.broken(f"{path}.tranches[{index}].year", "tranche-year")
    for index, item in enumerate(tranches if covered is not None else ()):
        if item["convention"] not in covered:
            judge.broken(f"{path}.tranches[{index}].convention", "tranche-convention")
    if tranches and amount is not BAD and basis is not BAD:
        with decimal.localcontext(decimal.Context(prec=60)):
            breakdown = sum((money(item["amount"]) for item in tranches), Decimal(0))
        if not HONOURED[basis](breakdown, amount):
            judge.broken(f"{path}.tranches", "tranche-basis")
    return judge.valid_since(mark)


def amendment(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    defaults: dict[str, Any] = {
        **dict.fromkeys(("title", "signed_on", "period", "note"), None),
        "signatories": [],
    }
    fields = judge.fields(path, doc, ("id",), defaults)
    if fields is None:
        return False
    judge.slug(f"{path}.id", fields["id"])
    judge.text(f"{path}.title", fields["title"], optional=True)
    signed_on = judge.date(f"{path}.signed_on", fields["signed_on"], optional=True)
    signing = judge.each(f"{path}.signatories", fields["signatories"], signatory)
    judge.unique(f"{path}.signatories", signing, lambda s: (s["name"], s["party"]))
    period_ok = fields["period"] is not None and period(judge, f"{path}.period", fields["period"])
    # Signed at the latest on the last day of the period the act sets.
    if period_ok and isinstance(signed_on, dt.date) and signed_on > span(fields["period"])[1]:
        judge.broken(f"{path}.signed_on", "amendment-date")
    judge.text(f"{path}.note", fields["note"], optional=True)
    return judge.valid_since(mark)


def relation(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("kind", "convention"), {})
    if fields is None:
        return False
    judge.member(f"{path}.kind", fields["kind"], RelationKind)
    judge.slug(f"{path}.convention", fields["convention"])
    return judge.valid_since(mark)


def signing_parties(
    judge: Judge, path: str, parties: list[Any] | None, signing: list[Any] | None
) -> None:
    """Each of *signing* (at *path*) signs for one of *parties*."""
    if parties is None or signing is None:
        return
    ids = {p["id"] for p in parties}
    for index, person in enumerate(signing):
        if person["party"] not in ids:
            judge.broken(f"{path}[{index}].party", "signatory-party")


def amendments_in_order(
    judge: Judge, path: str, signed_on: Any, amendments: list[dict[str, Any]] | None
) -> None:
    """Amendments with a known day come in signature order, none before the convention."""
    if signed_on is BAD or amendments is None:
        return
    latest: dt.date | None = None
    for index, item in enumerate(amendments):
        if item.get("signed_on") is None:
            continue  # an unknown day is compared with nothing
        day = dt.date.fromisoformat(item["signed_on"])
        if signed_on is not None and day < signed_on:
            judge.broken(f"{path}[{index}].signed_on", "amendment-date")
        if latest is not None and day < latest:
            judge.broken(f"{path}[{index}].signed_on", "amendment-order")
        latest = day if latest is None else max(latest, day)


def convention(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    defaults: dict[str, Any] = {
        **{
            name: []
            for name in (
                "parties",
                "signatories",
                "participants",
                "priorities",
                "amendments",
                "related",
                "actions",
                "indicators",
            )
        },
        **dict.fromkeys(("signed_on", "signed_at", "event"), None),
    }
    required = ("id", "title", "kind", "territory", "period")
    fields = judge.fields(path, doc, required, defaults)
    if fields is None:
        return False
    own_id = judge.slug(f"{path}.id", fields["id"])
    judge.text(f"{path}.title", fields["title"])
    judge.member(f"{path}.kind", fields["kind"], ConventionKind)
    territory(judge, f"{path}.territory", fields["territory"])
    parties = judge.each(f"{path}.parties", fields["parties"], party)
    judge.unique(f"{path}.parties", parties, by_id)
    signing = judge.each(f"{path}.signatories", fields["signatories"], signatory)
    judge.unique(f"{path}.signatories", signing, lambda s: (s["name"], s["party"]))
    signing_parties(judge, f"{path}.signatories", parties, signing)
    present = judge.each(f"{path}.participants", fields["participants"], participant)
    judge.unique(f"{path}.participants", present, lambda p: p["name"])
    priorities = judge.each(f"{path}.priorities", fields["priorities"], priority)
    judge.unique(f"{path}.priorities", priorities, by_id)
    period_ok = period(judge, f"{path}.period", fields["period"])
    signed_on = judge.date(f"{path}.signed_on", fields["signed_on"], optional=True)
    if period_ok and isinstance(signed_on, dt.date) and signed_on > span(fields["period"])[1]:
        judge.broken(f"{path}.signed_on", "signature-date")
    judge.text(f"{path}.signed_at", fields["signed_at"], optional=True)
    judge.text(f"{path}.event", fields["event"], optional=True)
    acts = judge.each(f"{path}.amendments", fields["amendments"], amendment)
    judge.unique(f"{path}.amendments", acts, by_id)
    for index, act in enumerate(acts or ()):
        where = f"{path}.amendments[{index}].signatories"
        signing_parties(judge, where, parties, act.get("signatories", []))
    amendments_in_order(judge, f"{path}.amendments", signed_on, acts)
    links = judge.each(f"{path}.related", fields["related"], relation)
    judge.unique(f"{path}.related", links, lambda r: (r["kind"], r["convention"]))
    for index, link in enumerate(links or ()):
        if own_id is not BAD and link["convention"] == own_id:
            judge.broken(f"{path}.related[{index}].convention", "related-convention")
    work = judge.each(f"{path}.actions", fields["actions"], action)
    judge.unique(f"{path}.actions", work, by_id)
    if work is not None and parties is not None and priorities is not None:
        carried_out(judge, f"{path}.actions", work, parties, priorities)
    measured = judge.each(f"{path}.indicators", fields["indicators"], indicator)
    judge.unique(f"{path}.indicators", measured, by_id)
    if work is not None and measured is not None:
        names = {item["id"] for item in work}
        for index, item in enumerate(measured):
            if item.get("action") is not None and item["action"] not in names:
                judge.broken(f"{path}.indicators[{index}].action", "indicator-action")
    return judge.valid_since(mark)


def carried_out(
    judge: Judge,
    path: str,
    work: list[dict[str, Any]],
    parties: list[dict[str, Any]],
    priorities: list[dict[str, Any]],
) -> None:
    """Each action carries out one of the convention's priorities, led by one of its parties."""
    for index, item in enumerate(work):
        if item.get("priority") is not None and item["priority"] not in map(by_id, priorities):
            judge.broken(f"{path}[{index}].priority", "action-priority")
        if item.get("lead") is not None and item["lead"] not in map(by_id, parties):
            judge.broken(f"{path}[{index}].lead", "action-lead")


def action(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    defaults = dict.fromkeys(("priority", "lead", "description"), None)
    fields = judge.fields(path, doc, ("id", "label"), defaults)
    if fields is None:
        return False
    judge.slug(f"{path}.id", fields["id"])
    judge.text(f"{path}.label", fields["label"])
    judge.slug(f"{path}.priority", fields["priority"], optional=True)
    judge.slug(f"{path}.lead", fields["lead"], optional=True)
    judge.text(f"{path}.description", fields["description"], optional=True)
    return judge.valid_since(mark)


def measure(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("year", "value"), {})
    if fields is None:
        return False
    judge.year(f"{path}.year", fields["year"])
    judge.number(f"{path}.value", fields["value"], "number", is_measured_value)
    return judge.valid_since(mark)


def indicator(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    defaults: dict[str, Any] = {"action": None, "baseline": None, "targets": [], "results": []}
    fields = judge.fields(path, doc, ("id", "label", "unit"), defaults)
    if fields is None:
        return False
    judge.slug(f"{path}.id", fields["id"])
    judge.text(f"{path}.label", fields["label"])
    judge.text(f"{path}.unit", fields["unit"])
    judge.slug(f"{path}.action", fields["action"], optional=True)
    if fields["baseline"] is not None:
        measure(judge, f"{path}.baseline", fields["baseline"])
    # One target and one result a year at most.
    for name in ("targets", "results"):
        measures = judge.each(f"{path}.{name}", fields[name], measure)
        judge.unique(f"{path}.{name}", measures, lambda m: m["year"])
    return judge.valid_since(mark)


def match(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("id", "commitment", "by", "ratio", "basis"), {})
    if fields is None:
        return False
    judge.slug(f"{path}.id", fields["id"])
    judge.slug(f"{path}.commitment", fields["commitment"])
    matching = judge.each(f"{path}.by", fields["by"], reference)
    judge.unique(f"{path}.by", matching, same)
    if matching == []:
        judge.broken(f"{path}.by", "match-party")  # a rule that nobody is to meet
    judge.number(f"{path}.ratio", fields["ratio"], "ratio", is_ratio)
    judge.member(f"{path}.basis", fields["basis"], Basis)
    return judge.valid_since(mark)


def payment(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    defaults = {"convention": None, "paid_on": None}
    fields = judge.fields(path, doc, ("commitment", "year", "amount"), defaults)
    if fields is None:
        return False
    judge.slug(f"{path}.commitment", fields["commitment"])
    judge.year(f"{path}.year", fields["year"])
    judge.amount(f"{path}.amount", fields["amount"])
    judge.slug(f"{path}.convention", fields["convention"], optional=True)
    judge.date(f"{path}.paid_on", fields["paid_on"], optional=True)
    return judge.valid_since(mark)


def same_payment(doc: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two payments one repeated line: every field, the amount by its value."""
    return (
        doc["commitment"],
        doc["year"],
        money(doc["amount"]),
        doc.get("convention"),
        doc.get("paid_on"),
    )


def strategy(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("name",), {"presented_on": None, "axes": []})
    if fields is None:
        return False
    judge.text(f"{path}.name", fields["name"])
    judge.date(f"{path}.presented_on", fields["presented_on"], optional=True)
    axes = judge.each(f"{path}.axes", fields["axes"], priority)
    judge.unique(f"{path}.axes", axes, by_id)
    return judge.valid_since(mark)


def milestone(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    fields = judge.fields(path, doc, ("on", "label"), {})
    if fields is None:
        return False
    judge.date(f"{path}.on", fields["on"])
    judge.text(f"{path}.label", fields["label"])
    return judge.valid_since(mark)


def programme(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    defaults: dict[str, Any] = {
        "strategy": None,
        "conventions": [],
        "commitments": [],
        "milestones": [],
        "partners": [],
        "matches": [],
        "payments": [],
    }
    fields = judge.fields(path, doc, ("id", "name", "period"), defaults)
    if fields is None:
        return False
    judge.slug(f"{path}.id", fields["id"])
    judge.text(f"{path}.name", fields["name"])
    period_ok = period(judge, f"{path}.period", fields["period"])
    if fields["strategy"] is not None:
        strategy(judge, f"{path}.strategy", fields["strategy"])
    conventions = judge.each(f"{path}.conventions", fields["conventions"], convention)
    judge.unique(f"{path}.conventions", conventions, by_id)
    commitments = judge.each(f"{path}.commitments", fields["commitments"], commitment)
    judge.unique(f"{path}.commitments", commitments, by_id)
    steps = judge.each(f"{path}.milestones", fields["milestones"], milestone)
    judge.unique(f"{path}.milestones", steps, lambda m: (m["on"], m["label"]))
    partners = judge.each(f"{path}.partners", fields["partners"], party)
    judge.unique(f"{path}.partners", partners, by_id)
    agreed = judge.each(f"{path}.matches", fields["matches"], match)
    judge.unique(f"{path}.matches", agreed, by_id)
    paid = judge.each(f"{path}.payments", fields["payments"], payment)
    judge.unique(f"{path}.payments", paid, same_payment)
    if period_ok:
        within_programme(judge, path, span(fields["period"]), "conventions", conventions)
        within_programme(judge, path, span(fields["period"]), "commitments", commitments)
    if period_ok and conventions is not None:
        amendment_periods_within(judge, path, span(fields["period"]), conventions)
    if conventions is not None:
        parties_agree(judge, path, conventions)
        if partners is not None:
            partner_ids = {item["id"] for item in partners}
            for index, item in enumerate(commitments or ()):
                coverage(judge, f"{path}.commitments[{index}]", item, conventions, partner_ids)
            partners_apart(judge, path, conventions, partners)
        amendment_ids_unique(judge, path, conventions)
        related_exist(judge, path, conventions)
        if commitments is not None:
            acts_made(judge, path, conventions, commitments)
            actions_funded(judge, path, conventions, commitments)
        if commitments is not None and partners is not None and agreed is not None:
            who = {p["id"] for item in conventions for p in item.get("parties", [])}
            who |= {item["id"] for item in partners}
            matches_hold(judge, path, commitments, who, agreed)
    if commitments is not None:
        revisions_hold(judge, path, commitments)
        if paid is not None:
            payments_hold(judge, path, commitments, paid)
    return judge.valid_since(mark)


def partners_apart(
    judge: Judge, path: str, conventions: list[dict[str, Any]], partners: list[dict[str, Any]]
) -> None:
    # A partner funds without being party to any convention of the programme.
    parties = {p["id"] for item in conventions for p in item.get("parties", [])}
    for index, item in enumerate(partners):
        if item["id"] in parties:
            judge.broken(f"{path}.partners[{index}].id", "partner")


def actions_funded(
    judge: Judge,
    path: str,
    conventions: list[dict[str, Any]],
    commitments: list[dict[str, Any]],
) -> None:
    # The action a commitment funds belongs to a convention it covers.
    by_id = first_by_id(conventions)
    for index, item in enumerate(commitments):
        funded = item.get("action")
        if funded is None:
            continue
        covered = [by_id[c] for c in item.get("conventions", []) if c in by_id]
        if not any(funded == a["id"] for c in covered for a in c.get("actions", [])):
            judge.broken(f"{path}.commitments[{index}].action", "commitment-action")


def matches_hold(
    judge: Judge,
    path: str,
    commitments: list[dict[str, Any]],
    who: set[str],
    agreed: list[dict[str, Any]],
) -> None:
    # A matching rule matches a commitment of the programme, and is met by *who* can commit
    # money in it: its parties and its partners.
    commitment_ids = {item["id"] for item in commitments}
    for index, item in enumerate(agreed):
        if item["commitment"] not in commitment_ids:
            judge.broken(f"{path}.matches[{index}].commitment", "match-commitment")
        for k, party_id in enumerate(item["by"]):
            if party_id not in who:
                judge.broken(f"{path}.matches[{index}].by[{k}]", "match-party")


def payments_hold(
    judge: Judge, path: str, commitments: list[dict[str, Any]], paid: list[dict[str, Any]]
) -> None:
    # Money is paid under a commitment, for one of its years, through a convention it covers.
    by_id = first_by_id(commitments)
    for index, item in enumerate(paid):
        where = f"{path}.payments[{index}]"
        promise = by_id.get(item["commitment"])
        if promise is None:
            judge.broken(f"{where}.commitment", "payment-commitment")
            continue
        first, last = span(promise["period"])
        if not first.year <= item["year"] <= last.year:
            judge.broken(f"{where}.year", "payment-year")
        through = item.get("convention")
        if through is not None and through not in promise.get("conventions", []):
            judge.broken(f"{where}.convention", "payment-convention")


def amendment_periods_within(
    judge: Judge, path: str, bounds: tuple[dt.date, dt.date], conventions: list[dict[str, Any]]
) -> None:
    # Every period a convention had, so that the programme on any earlier day is valid too.
    for c_index, item in enumerate(conventions):
        for a_index, act in enumerate(item.get("amendments", [])):
            if act.get("period") is None:
                continue
            start, end = span(act["period"])
            if start < bounds[0] or end > bounds[1]:
                where = f"{path}.conventions[{c_index}].amendments[{a_index}].period"
                judge.broken(where, "within-programme")


def amendment_ids_unique(judge: Judge, path: str, conventions: list[dict[str, Any]]) -> None:
    # Commitments name an amendment by its id alone: one id, one amendment in the programme.
    # A repeat within one convention is that convention's own violation.
    owner: dict[str, int] = {}
    for c_index, item in enumerate(conventions):
        for a_index, act in enumerate(item.get("amendments", [])):
            first = owner.setdefault(act["id"], c_index)
            if first != c_index:
                judge.broken(f"{path}.conventions[{c_index}].amendments[{a_index}].id", "unique")


def related_exist(judge: Judge, path: str, conventions: list[dict[str, Any]]) -> None:
    ids = {item["id"] for item in conventions}
    for c_index, item in enumerate(conventions):
        for r_index, link in enumerate(item.get("related", [])):
            if link["convention"] not in ids:
                where = f"{path}.conventions[{c_index}].related[{r_index}].convention"
                judge.broken(where, "related-convention")


def first_by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each id's item: with a repeated id (reported as such), the first one."""
    found: dict[str, dict[str, Any]] = {}
    for item in items:
        found.setdefault(item["id"], item)
    return found


def acts_made(
    judge: Judge,
    path: str,
    conventions: list[dict[str, Any]],
    commitments: list[dict[str, Any]],
) -> None:
    by_id = first_by_id(conventions)
    for index, item in enumerate(commitments):
        act = item.get("act")
        if act is None:
            continue
        covered = [by_id[c] for c in item.get("conventions", []) if c in by_id]
        if not any(act == a["id"] for c in covered for a in c.get("amendments", [])):
            judge.broken(f"{path}.commitments[{index}].act", "commitment-act")


def revisions_hold(judge: Judge, path: str, commitments: list[dict[str, Any]]) -> None:
    by_id = first_by_id(commitments)
    place = {item["id"]: index for index, item in reversed(list(enumerate(commitments)))}
    # What each commitment id revises, kept when the revision itself holds.
    revises: dict[str, str] = {}
    for index, item in enumerate(commitments):
        target = item.get("revises")
        if target is None or target == item["id"]:
            continue  # itself: the commitment's own violation
        where = f"{path}.commitments[{index}].revises"
        if target not in by_id or by_id[target]["funder"] != item["funder"]:
            judge.broken(where, "commitment-revision")
        elif by_id[item["id"]] is item:
            revises[item["id"]] = target
    # Each circle once, where its earliest listed commitment stands.
    circles: set[frozenset[str]] = set()
    for start in revises:
        seen: list[str] = []
        current: str | None = start
        while current is not None and current not in seen:
            seen.append(current)
            current = revises.get(current)
        if current is not None:
            circles.add(frozenset(seen[seen.index(current) :]))
    for circle in circles:
        first = min(place[member] for member in circle)
        judge.broken(f"{path}.commitments[{first}].revises", "commitment-revision")


def within_programme(
    judge: Judge,
    path: str,
    bounds: tuple[dt.date, dt.date],
    collection: str,
    items: list[dict[str, Any]] | None,
) -> None:
    for index, item in enumerate(items or ()):
        start, end = span(item["period"])
        if start < bounds[0] or end > bounds[1]:
            judge.broken(f"{path}.{collection}[{index}].period", "within-programme")


DESCRIPTION = ("name", "kind", "territory", "siren")


def parties_agree(judge: Judge, path: str, conventions: list[dict[str, Any]]) -> None:
    # The first description of a party id is the reference (docs/invariants.md).
    reference: dict[str, tuple[Any, ...]] = {}
    for c_index, item in enumerate(conventions):
        for p_index, member in enumerate(item.get("parties", [])):
            description = tuple(member.get(field) for field in DESCRIPTION)
            first = reference.setdefault(member["id"], description)
            if description != first:
                judge.broken(
                    f"{path}.conventions[{c_index}].parties[{p_index}]", "party-consistency"
                )


def coverage(
    judge: Judge,
    path: str,
    item: dict[str, Any],
    conventions: list[dict[str, Any]],
    partner_ids: set[str],
) -> None:
    earmark = item.get("priority")
    funders = [(f"{path}.funder", item["funder"])]
    funders += [
        (f"{path}.co_funders[{k}]", other) for k, other in enumerate(item.get("co_funders", []))
    ]
    for index, convention_id in enumerate(item.get("conventions", [])):
        bearing = [c for c in conventions if c["id"] == convention_id]
        if not bearing:
            judge.broken(f"{path}.conventions[{index}]", "commitment-convention")
            continue
        covered = bearing[0]  # a repeated id is reported as such; the first one counts
        members = {p["id"] for p in covered.get("parties", [])}
        # Each funder is a party to every covered convention, unless a partner of the programme.
        for where, funder in funders:
            if funder not in members and funder not in partner_ids:
                judge.broken(where, "funder-party")
        if earmark is not None and earmark not in {p["id"] for p in covered.get("priorities", [])}:
            judge.broken(f"{path}.priority", "commitment-priority")


JUDGES: dict[str, Callable[[Judge, str, Any], bool]] = {
    "Period": period,
    "Territory": territory,
    "Party": party,
    "Signatory": signatory,
    "Participant": participant,
    "Priority": priority,
    "Tranche": tranche,
    "FundingCommitment": commitment,
    "Amendment": amendment,
    "Relation": relation,
    "Action": action,
    "Measure": measure,
    "Indicator": indicator,
    "Convention": convention,
    "Strategy": strategy,
    "Milestone": milestone,
    "Match": match,
    "Payment": payment,
    "Programme": programme,
}


def violations(class_name: str, document: Any) -> Found:
    """The ``(path, rule)`` pairs *document*, read as a *class_name*, breaks."""
    judge = Judge()
    JUDGES[class_name](judge, "$", document)
    return set(judge.found)
