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

from bassin_minier import Basis, ConventionKind, PartyKind, TerritoryKind

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

DEPARTEMENTS = frozenset(
    [f"{number:02d}" for number in range(1, 96) if number != 20]
    + ["2A", "2B", "971", "972", "973", "974", "976"]
)
ONE_CENT = Decimal("0.01")
LIMIT = Decimal(10) ** 15
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
    return SLUG.fullmatch(code) is not None  # an area has no official code


def is_any_code(code: str) -> bool:
    return any(is_code_of(kind.value, code) for kind in TerritoryKind)


def in_cents(value: Decimal) -> bool:
    exact = decimal.Context(prec=60)
    return value == value.quantize(ONE_CENT, context=exact)


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
    fields = judge.fields(path, doc, ("year", "amount", "convention"), {})
    if fields is None:
        return False
    judge.year(f"{path}.year", fields["year"])
    judge.amount(f"{path}.amount", fields["amount"])
    judge.slug(f"{path}.convention", fields["convention"])
    return judge.valid_since(mark)


# Whether the sum of the tranches honours the committed amount, for each basis.
HONOURED: dict[str, Callable[[Decimal, Decimal], bool]] = {
    Basis.AT_LEAST.value: lambda breakdown, amount: breakdown >= amount,
    Basis.EXACTLY.value: lambda breakdown, amount: breakdown == amount,
    Basis.AT_MOST.value: lambda breakdown, amount: breakdown <= amount,
}


def commitment(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    defaults: dict[str, Any] = {"conventions": [], "priority": None, "tranches": []}
    fields = judge.fields(path, doc, ("id", "funder", "amount", "basis", "period"), defaults)
    if fields is None:
        return False
    judge.slug(f"{path}.id", fields["id"])
    judge.slug(f"{path}.funder", fields["funder"])
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


def convention(judge: Judge, path: str, doc: Any) -> bool:
    mark = len(judge.found)
    defaults: dict[str, Any] = {
        **{name: [] for name in ("parties", "signatories", "participants", "priorities")},
        **dict.fromkeys(("signed_on", "signed_at", "event"), None),
    }
    required = ("id", "title", "kind", "territory", "period")
    fields = judge.fields(path, doc, required, defaults)
    if fields is None:
        return False
    judge.slug(f"{path}.id", fields["id"])
    judge.text(f"{path}.title", fields["title"])
    judge.member(f"{path}.kind", fields["kind"], ConventionKind)
    territory(judge, f"{path}.territory", fields["territory"])
    parties = judge.each(f"{path}.parties", fields["parties"], party)
    judge.unique(f"{path}.parties", parties, by_id)
    signing = judge.each(f"{path}.signatories", fields["signatories"], signatory)
    judge.unique(f"{path}.signatories", signing, lambda s: (s["name"], s["party"]))
    if parties is not None and signing is not None:
        ids = {p["id"] for p in parties}
        for index, person in enumerate(signing):
            if person["party"] not in ids:
                judge.broken(f"{path}.signatories[{index}].party", "signatory-party")
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
    return judge.valid_since(mark)


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
    if period_ok:
        within_programme(judge, path, span(fields["period"]), "conventions", conventions)
        within_programme(judge, path, span(fields["period"]), "commitments", commitments)
    if conventions is not None:
        parties_agree(judge, path, conventions)
        for index, item in enumerate(commitments or ()):
            coverage(judge, f"{path}.commitments[{index}]", item, conventions)
    return judge.valid_since(mark)


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
    judge: Judge, path: str, item: dict[str, Any], conventions: list[dict[str, Any]]
) -> None:
    earmark = item.get("priority")
    for index, convention_id in enumerate(item.get("conventions", [])):
        bearing = [c for c in conventions if c["id"] == convention_id]
        if not bearing:
            judge.broken(f"{path}.conventions[{index}]", "commitment-convention")
            continue
        covered = bearing[0]  # a repeated id is reported as such; the first one counts
        if item["funder"] not in {p["id"] for p in covered.get("parties", [])}:
            judge.broken(f"{path}.funder", "funder-party")
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
    "Convention": convention,
    "Strategy": strategy,
    "Milestone": milestone,
    "Programme": programme,
}


def violations(class_name: str, document: Any) -> Found:
    """The ``(path, rule)`` pairs *document*, read as a *class_name*, breaks."""
    judge = Judge()
    JUDGES[class_name](judge, "$", document)
    return set(judge.found)
