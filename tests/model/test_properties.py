"""The library's checks against an independent oracle of the invariants (tests/oracle.py).

Valid objects satisfy every invariant as the oracle reads them; documents broken in one
place are refused by the library exactly when the oracle finds something, with the same
paths and rules; and changing a field of a valid object to an invalid value is refused,
at that field.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Callable, Iterator
from decimal import ROUND_CEILING, Decimal
from typing import Any, NamedTuple

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._model.registry import MODEL_CLASSES
from bassin_minier.testing import MODEL_STRATEGIES
from tests import oracle

Found = set[tuple[str, str]]
CENT = Decimal("0.01")
ONE_DAY = dt.timedelta(days=1)
Location = tuple[str | int, ...]

every_class = pytest.mark.parametrize(
    ("cls", "objects"),
    list(MODEL_STRATEGIES.items()),
    ids=[cls.__name__ for cls in MODEL_STRATEGIES],
)


def library_violations(document: Any, cls: type[Any]) -> Found:
    """What the library reports reading *document* as a *cls* (empty when it reads it)."""
    try:
        bm.from_dict(document, cls)
    except bm.ValidationError as error:
        return {(v.path, v.rule) for v in error.violations}
    return set()


# -- the oracle itself, against the specification ---------------------------------------------


def test_the_oracle_judges_the_rules_of_the_catalogue() -> None:
    catalogue = {rule.name for rule in bm.RULES}
    text_only = {"json", "duplicate-key", "format-version"}
    assert catalogue - text_only == oracle.RULES


@every_class
@given(data=st.data())
def test_valid_objects_satisfy_every_invariant_of_the_oracle(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    document = bm.to_dict(data.draw(objects))
    assert oracle.violations(cls.__name__, document) == set()


def dataset() -> dict[str, Any]:
    return bm.to_dict(bm.datasets.bassin_minier_2019())


def edited(document: dict[str, Any], location: Location, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    *above, last = location
    parent: Any = changed
    for step in above:
        parent = parent[step]
    parent[last] = value
    return changed


def territory_doc(**changes: Any) -> dict[str, Any]:
    return {"code": "59", "name": "Nord", "kind": "departement", "within": ["32"], **changes}


def party_doc(**changes: Any) -> dict[str, Any]:
    fields = {"id": "cd-nord", "name": "Conseil départemental du Nord", "kind": "departement"}
    return {**fields, "territory": "59", "siren": None, **changes}


def tranche_doc(**changes: Any) -> dict[str, Any]:
    return {"year": 2019, "amount": "16000000.00", "convention": "nord", **changes}


def years(first: int, last: int) -> dict[str, str]:
    return {"start": f"{first}-01-01", "end": f"{last}-12-31"}


def amendment_doc(amendment_id: str, signed_on: str | None, **changes: Any) -> dict[str, Any]:
    return {"id": amendment_id, "signed_on": signed_on, **changes}


def relation_doc(kind: str, convention_id: str) -> dict[str, Any]:
    return {"kind": kind, "convention": convention_id}


def revision_doc(commitment: dict[str, Any], commitment_id: str, **changes: Any) -> dict[str, Any]:
    return {**commitment, "id": commitment_id, **changes}


# Broken documents and what DESIGN.md and docs/invariants.md say is wrong with them: these
# expectations come from the specification, not from running the library.
SPECIFIED: list[tuple[str, str, Any, Found]] = [
    ("corsica-has-no-20", "Territory", territory_doc(code="20"), {("$.code", "territory-code")}),
    ("no-975", "Territory", territory_doc(code="975"), {("$.code", "territory-code")}),
    ("corsica-2a", "Territory", territory_doc(code="2A", name="Corse-du-Sud"), set()),
    ("mayotte", "Territory", territory_doc(code="976", name="Mayotte", within=[]), set()),
    (
        "commune-of-4",
        "Territory",
        territory_doc(code="5935", kind="commune"),
        {("$.code", "territory-code")},
    ),
    (
        "within-itself",
        "Territory",
        territory_doc(within=["59", "32"]),
        {("$.within[0]", "within")},
    ),
    ("within-twice", "Territory", territory_doc(within=["32", "32"]), {("$.within[1]", "unique")}),
    (
        # DESIGN.md: construction reports *every* violation at once.
        "two-bad-within-codes",
        "Territory",
        territory_doc(within=["Bad Slug", ""]),
        {("$.within[0]", "territory-code"), ("$.within[1]", "text")},
    ),
    ("siren-checksum", "Party", party_doc(siren="123456789"), {("$.siren", "siren")}),
    ("luhn-valid-siren", "Party", party_doc(siren="225900018"), set()),
    ("id-with-underscore", "Party", party_doc(id="CD_Nord"), {("$.id", "slug")}),
    # A newline is neither part of a slug nor of one-line text, at the end as anywhere else.
    ("id-ending-in-newline", "Party", party_doc(id="cd-nord\n"), {("$.id", "slug")}),
    ("name-ending-in-newline", "Party", party_doc(name="Nord\n"), {("$.name", "text")}),
    (
        "territory-ending-in-newline",
        "Party",
        party_doc(territory="59\n"),
        {("$.territory", "text")},
    ),
    ("siren-ending-in-newline", "Party", party_doc(siren="225900018\n"), {("$.siren", "text")}),
    ("three-decimals", "Tranche", tranche_doc(amount="1.234"), {("$.amount", "amount")}),
    ("zero-euros", "Tranche", tranche_doc(amount="0.00"), {("$.amount", "amount")}),
    (
        "amount-ending-in-newline",
        "Tranche",
        tranche_doc(amount="12.50\n"),
        {("$.amount", "amount")},
    ),
    ("year-zero", "Tranche", tranche_doc(year=0), {("$.year", "type")}),
    (
        "reversed-period",
        "Period",
        {"start": "2021-12-31", "end": "2019-01-01"},
        {("$.end", "period-order")},
    ),
    (
        "signatory-of-no-party",
        "Programme",
        edited(dataset(), ("conventions", 2, "signatories", 3, "party"), "cd-somme"),
        {("$.conventions[2].signatories[3].party", "signatory-party")},
    ),
    (
        "signed-after-the-end",
        "Programme",
        edited(dataset(), ("conventions", 0, "signed_on"), "2022-01-10"),
        {("$.conventions[0].signed_on", "signature-date")},
    ),
    (
        "funder-not-party-to-pas-de-calais",
        "Programme",
        edited(dataset(), ("commitments", 0, "funder"), "cd-nord"),
        {("$.commitments[0].funder", "funder-party")},
    ),
    (
        "convention-not-in-programme",
        "Programme",
        edited(dataset(), ("commitments", 0, "conventions", 1), "lens"),
        {("$.commitments[0].conventions[1]", "commitment-convention")},
    ),
    (
        "etat-without-accent",
        "Programme",
        edited(dataset(), ("conventions", 1, "parties", 0, "name"), "Etat"),
        {("$.conventions[1].parties[0]", "party-consistency")},
    ),
    (
        "programme-shorter-than-its-conventions",
        "Programme",
        edited(dataset(), ("period", "end"), "2020-12-31"),
        {
            ("$.conventions[0].period", "within-programme"),
            ("$.conventions[1].period", "within-programme"),
            ("$.conventions[2].period", "within-programme"),
            ("$.commitments[0].period", "within-programme"),
        },
    ),
    # Version 2: the life of an agreement.
    (
        "extended-by-an-amendment",
        "Programme",
        edited(
            edited(dataset(), ("period", "end"), "2022-12-31"),
            ("conventions", 0, "amendments"),
            [amendment_doc("prolongation", "2021-11-30", period=years(2019, 2022))],
        ),
        set(),
    ),
    (
        "prolonged-beyond-the-programme",
        "Programme",
        edited(
            dataset(),
            ("conventions", 0, "amendments"),
            [amendment_doc("prolongation", "2021-11-30", period=years(2019, 2022))],
        ),
        {("$.conventions[0].amendments[0].period", "within-programme")},
    ),
    (
        "amendment-before-its-convention",
        "Programme",
        edited(dataset(), ("conventions", 0, "amendments"), [amendment_doc("a1", "2018-12-17")]),
        {("$.conventions[0].amendments[0].signed_on", "amendment-date")},
    ),
    (
        "amendment-after-the-period-it-sets",
        "Amendment",
        amendment_doc("a1", "2022-01-01", period=years(2019, 2021)),
        {("$.signed_on", "amendment-date")},
    ),
    (
        # An unknown day is compared with no other: only the two known ones are out of order.
        "amendments-out-of-order",
        "Convention",
        edited(
            dataset()["conventions"][0],
            ("amendments",),
            [
                amendment_doc("a1", "2020-06-30"),
                amendment_doc("a2", None),
                amendment_doc("a3", "2020-01-15"),
            ],
        ),
        {("$.amendments[2].signed_on", "amendment-order")},
    ),
    (
        "amendment-signed-for-no-party",
        "Convention",
        edited(
            dataset()["conventions"][0],
            ("amendments",),
            [
                amendment_doc(
                    "a1",
                    "2020-06-30",
                    signatories=[
                        {
                            "name": "Nicole Gruson",
                            "role": "vice-présidente",
                            "party": "cd-pas-de-calais",
                        }
                    ],
                )
            ],
        ),
        {("$.amendments[0].signatories[0].party", "signatory-party")},
    ),
    (
        "amendment-id-in-two-conventions",
        "Programme",
        edited(
            edited(dataset(), ("conventions", 0, "amendments"), [amendment_doc("a1", None)]),
            ("conventions", 2, "amendments"),
            [amendment_doc("a1", None)],
        ),
        {("$.conventions[2].amendments[0].id", "unique")},
    ),
    (
        "related-to-itself",
        "Convention",
        edited(
            dataset()["conventions"][2],
            ("related",),
            [relation_doc("implements", "bassin-minier")],
        ),
        {("$.related[0].convention", "related-convention")},
    ),
    (
        "related-to-a-convention-elsewhere",
        "Programme",
        edited(dataset(), ("conventions", 2, "related"), [relation_doc("succeeds", "cantal")]),
        {("$.conventions[2].related[0].convention", "related-convention")},
    ),
    (
        "made-by-no-amendment",
        "Programme",
        edited(dataset(), ("commitments", 0, "act"), "avenant-2020"),
        {("$.commitments[0].act", "commitment-act")},
    ),
    (
        "revising-itself",
        "FundingCommitment",
        edited(dataset()["commitments"][0], ("revises",), "etat-2019-2021"),
        {("$.revises", "commitment-revision")},
    ),
    (
        "revisions-in-a-circle",
        "Programme",
        edited(
            dataset(),
            ("commitments",),
            [
                revision_doc(dataset()["commitments"][0], "etat-2020", revises="etat-2021"),
                revision_doc(dataset()["commitments"][0], "etat-2021", revises="etat-2020"),
            ],
        ),
        {("$.commitments[0].revises", "commitment-revision")},
    ),
    (
        "revising-another-funder",
        "Programme",
        edited(
            dataset(),
            ("commitments",),
            [
                revision_doc(dataset()["commitments"][0], "etat-2020", revises=None),
                revision_doc(
                    dataset()["commitments"][0], "nord-2020", revises="etat-2020", funder="cd-nord"
                )
                | {"conventions": ["nord"]},
            ],
        ),
        {("$.commitments[1].revises", "commitment-revision")},
    ),
    (
        "spent-before-its-year",
        "Tranche",
        tranche_doc(year=2020, spend_by="2019-12-31"),
        {("$.spend_by", "spend-by")},
    ),
    ("spent-into-the-next-year", "Tranche", tranche_doc(year=2020, spend_by="2021-06-30"), set()),
    (
        "lyon-is-a-collectivite",
        "Territory",
        territory_doc(code="69M", name="Métropole de Lyon", kind="collectivite", within=["84"]),
        set(),
    ),
    (
        "no-collectivite-69D",
        "Territory",
        territory_doc(code="69D", name="Rhône", kind="collectivite", within=[]),
        {("$.code", "territory-code")},
    ),
    (
        # The design choice stated in tests/oracle.py: a party that cannot be built is not
        # judged in constraints, so Jean-René Lecerf's signature for it is not reported too.
        "a-broken-party-is-reported-once",
        "Programme",
        edited(dataset(), ("conventions", 2, "parties", 1, "id"), "CD Nord"),
        {("$.conventions[2].parties[1].id", "slug")},
    ),
]


@pytest.mark.parametrize(
    ("class_name", "document", "expected"),
    [case[1:] for case in SPECIFIED],
    ids=[case[0] for case in SPECIFIED],
)
def test_oracle_and_library_report_what_the_specification_says(
    class_name: str, document: Any, expected: Found
) -> None:
    assert oracle.violations(class_name, document) == expected
    assert library_violations(document, getattr(bm, class_name)) == expected


def test_a_siren_ending_in_a_newline_is_refused_as_a_validation_error() -> None:
    # Building directly must raise ValidationError too, never a bare ValueError.
    with pytest.raises(bm.ValidationError) as info:
        bm.Party(
            id="cd-nord",
            name="Conseil départemental du Nord",
            kind="departement",
            siren="225900018\n",
        )
    assert [(v.path, v.rule) for v in info.value.violations] == [("$.siren", "text")]


# -- documents broken in one place ------------------------------------------------------------

# Likely mistakes: empty or padded text, a label where a slug belongs, codes that do not
# exist, amounts with too many decimals or none at all, impossible or extreme dates, years
# out of range, values of the wrong JSON type, an id that names nothing.
BAD_VALUES: tuple[Any, ...] = (
    "",
    " padded",
    "padded ",
    "Bad Slug",
    "20",
    "975",
    "2C",
    "1.234",
    "0",
    "0.00",
    "-5",
    "1e3",
    "2019-02-30",
    "9999-12-31",
    "2022-01-01",
    "0001-01-01",
    "personne",
    "123456789",
    "line\nbreak",
    "nord\n",
    "59\n",
    "48000000.00\n",
    "0.01",
    "999999999999999.99",
    None,
    0,
    10_000,
    True,
    1.5,
    [],
    {},
)


def locations(document: Any, at: Location = ()) -> Iterator[Location]:
    """Every place below *document*'s root, depth first."""
    if isinstance(document, dict):
        children: Iterator[tuple[Any, Any]] = iter(document.items())
    elif isinstance(document, list):
        children = enumerate(document)
    else:
        return
    for key, value in children:
        yield (*at, key)
        yield from locations(value, (*at, key))


def at(document: Any, location: Location) -> Any:
    for step in location:
        document = document[step]
    return document


def field_name(location: Location) -> str:
    """The name of the field a location is in (a list's name for its items)."""
    return next((step for step in reversed(location) if isinstance(step, str)), "$")


def copies(document: Any, field: str) -> list[Any]:
    """The strings and integers found in *field* anywhere in *document*."""
    found = (at(document, p) for p in locations(document) if field_name(p) == field)
    return sorted({v for v in found if isinstance(v, (str, int))}, key=repr)


def nearby(value: Any) -> list[Any]:
    """Values a slip away from *value*: the year or day before and after."""
    if type(value) is int:
        return [value - 1, value + 1]
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return []
    slips = []
    for days in (-366, -1, 1, 366):
        with contextlib.suppress(OverflowError):  # no day before the first or after the last
            slips.append((day + dt.timedelta(days=days)).isoformat())
    return slips


def corrupt(data: st.DataObject, document: dict[str, Any]) -> dict[str, Any]:
    """*document* changed in one place, in one of the ways documents go wrong."""
    places = [(), *locations(document)]
    # Pick the field first, so that the few references and dates of a programme are
    # broken as often as its many names.
    name = data.draw(st.sampled_from(sorted({field_name(p) for p in places})), label="field")
    place = data.draw(st.sampled_from([p for p in places if field_name(p) == name]), label="at")
    target = at(document, place)
    ways = ["replace"] if place else []
    if isinstance(target, list):
        ways += ["repeat an item", "drop an item"] if target else ["add a bad item"]
    if isinstance(target, dict) and set(target) == {"start", "end"}:
        ways.append("swap the ends")
    if not ways:
        return document
    how = data.draw(st.sampled_from(ways), label="how")
    changed = copy.deepcopy(document)
    value = at(changed, place)
    if how == "replace":
        # A likely mistake, a value from a sibling, an id from elsewhere, a near miss.
        pools = [BAD_VALUES, copies(document, name), copies(document, "id"), nearby(target)]
        values = st.one_of([st.sampled_from(pool) for pool in pools if pool])
        return edited(changed, place, data.draw(values, label="value"))
    if how == "repeat an item":
        value.append(copy.deepcopy(data.draw(st.sampled_from(value), label="repeated")))
    elif how == "drop an item":
        del value[data.draw(st.integers(0, len(value) - 1), label="dropped")]
    elif how == "add a bad item":
        value.append(data.draw(st.sampled_from(BAD_VALUES), label="item"))
    else:
        value["start"], value["end"] = value["end"], value["start"]
    return changed


def comparable(found: Found) -> Found:
    """*found* without the rules the oracle does not judge."""
    return {(path, rule) for path, rule in found if rule in oracle.RULES}


def test_a_repeated_convention_id_is_judged_by_its_first_convention() -> None:
    document = edited(dataset(), ("conventions", 0, "id"), "pas-de-calais")
    document = edited(document, ("commitments", 0, "funder"), "cd-pas-de-calais")
    # Judged against the first 'pas-de-calais' (the Nord's parties), the funder is not a
    # party; against the last, it would be.
    expected = {
        ("$.conventions[1]", "unique"),
        ("$.commitments[0].conventions[0]", "commitment-convention"),
        ("$.commitments[0].funder", "funder-party"),
    }
    assert oracle.violations("Programme", document) == expected
    assert library_violations(document, bm.Programme) == expected


def test_an_act_is_looked_for_in_the_first_convention_of_a_repeated_id() -> None:
    document = edited(dataset(), ("conventions", 0, "amendments"), [amendment_doc("a1", None)])
    document = edited(document, ("commitments", 0, "conventions"), ["nord"])
    document = edited(document, ("commitments", 0, "act"), "a1")
    # The second 'nord' has no amendment: judged against it, the act would be unknown.
    document = edited(document, ("conventions", 1, "id"), "nord")
    expected = {("$.conventions[1]", "unique")}
    assert oracle.violations("Programme", document) == expected
    assert library_violations(document, bm.Programme) == expected


def test_the_first_commitment_of_a_repeated_id_says_what_it_revises() -> None:
    state = dataset()["commitments"][0]
    revisions = [
        revision_doc(state, "etat-2020", revises=None),
        revision_doc(state, "etat-2021", revises="etat-2020"),
        # Were this one what 'etat-2020' revises, the two would go round in a circle.
        revision_doc(state, "etat-2020", revises="etat-2021"),
    ]
    document = edited(dataset(), ("commitments",), revisions)
    expected = {("$.commitments[2]", "unique")}
    assert oracle.violations("Programme", document) == expected
    assert library_violations(document, bm.Programme) == expected


@every_class
@given(data=st.data())
def test_library_and_oracle_agree_on_documents_broken_in_one_place(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    document = corrupt(data, bm.to_dict(data.draw(objects, label="valid")))
    expected = oracle.violations(cls.__name__, document)
    reported = library_violations(document, cls)
    assert bool(reported) == bool(expected)
    assert comparable(reported) == comparable(expected)


def with_breakdown(document: dict[str, Any]) -> dict[str, Any]:
    """*document* with tranches for its first commitment, one per year and convention.

    The seed gives no breakdown of the 48 million euros: this one is invented, so that the
    tranche rules have something to break.
    """
    changed = copy.deepcopy(document)
    commitment = changed["commitments"][0]
    start, end = (dt.date.fromisoformat(commitment["period"][side]) for side in ("start", "end"))
    slots = [(y, c) for y in range(start.year, end.year + 1) for c in commitment["conventions"]]
    # Rounded up to the cent, so that the breakdown honours a floor.
    share = (Decimal(commitment["amount"]) / len(slots)).quantize(CENT, rounding=ROUND_CEILING)
    commitment["tranches"] = [
        {"year": year, "amount": f"{share:.2f}", "convention": convention}
        for year, convention in slots
    ]
    return changed


def test_the_built_in_programme_with_a_breakdown_is_valid() -> None:
    document = with_breakdown(dataset())
    assert len(document["commitments"][0]["tranches"]) == 9  # 3 years, 3 conventions
    assert oracle.violations("Programme", document) == set()
    assert library_violations(document, bm.Programme) == set()


@given(data=st.data())
def test_library_and_oracle_agree_on_the_built_in_programme_broken_in_one_place(
    data: st.DataObject,
) -> None:
    # The generated programmes are often small; the built-in one has every kind of relation.
    document = corrupt(data, with_breakdown(dataset()))
    expected = oracle.violations("Programme", document)
    reported = library_violations(document, bm.Programme)
    assert bool(reported) == bool(expected)
    assert comparable(reported) == comparable(expected)


def with_life(document: dict[str, Any]) -> dict[str, Any]:
    """*document* as it might have lived on: amended, linked, its funding revised.

    Invented on the model of the real agreements (a yearly financial act, a revised
    amount), so that the rules of amendments, acts and revisions have something to break.
    """
    changed = copy.deepcopy(document)
    prefect = {"name": "Michel Lalande", "role": "préfet du Nord", "party": "etat"}
    changed["conventions"][0]["amendments"] = [
        amendment_doc("avenant-nord-2020", "2020-07-15", signatories=[prefect]),
        amendment_doc("avenant-nord-2021", None, period=years(2019, 2021)),
        amendment_doc("avenant-nord-2021-bis", "2021-03-01"),
    ]
    changed["conventions"][2]["related"] = [
        relation_doc("integrates", "nord"),
        relation_doc("integrates", "pas-de-calais"),
    ]
    first = changed["commitments"][0]
    tranche = {"year": 2020, "amount": "1000000.00", "convention": "nord"}
    changed["commitments"].append(
        revision_doc(
            first,
            "etat-nord-2020",
            amount="1000000.00",
            basis="exactly",
            period=years(2020, 2020),
            conventions=["nord"],
            priority=None,
            tranches=[tranche | {"spend_by": "2021-06-30"}],
            act="avenant-nord-2020",
            revises=first["id"],
        )
    )
    return changed


def test_the_built_in_programme_with_a_life_is_valid() -> None:
    document = with_life(with_breakdown(dataset()))
    assert oracle.violations("Programme", document) == set()
    assert library_violations(document, bm.Programme) == set()


@given(data=st.data())
def test_library_and_oracle_agree_on_the_built_in_programme_with_a_life_broken_in_one_place(
    data: st.DataObject,
) -> None:
    document = corrupt(data, with_life(with_breakdown(dataset())))
    expected = oracle.violations("Programme", document)
    reported = library_violations(document, bm.Programme)
    assert bool(reported) == bool(expected)
    assert comparable(reported) == comparable(expected)


def with_money(document: dict[str, Any]) -> dict[str, Any]:
    """*document* with shared money and its evaluation: a partner, a joint commitment to an
    action, an indicator with its targets, a matching rule and payments.

    Invented on the model of the real agreements (the Caisse des dépôts funding beside the
    councils, co-funding of at least half the State's money, yearly spending reports), so
    that the rules of money and measures have something to break.
    """
    changed = copy.deepcopy(document)
    changed["partners"] = [
        {"id": "caisse-des-depots", "name": "Caisse des dépôts", "kind": "other"}
        | {"territory": None, "siren": None}
    ]
    basin = changed["conventions"][2]
    basin["actions"] = [
        {"id": "referents-parcours", "label": "Référents de parcours", "priority": "prevention"}
        | {"lead": "cd-nord", "description": None},
        {"id": "premier-accueil", "label": "Premier accueil social", "priority": None}
        | {"lead": None, "description": "Un accueil social inconditionnel de proximité"},
    ]
    basin["indicators"] = [
        {"id": "referents", "label": "Référents de parcours formés", "unit": "personnes"}
        | {"action": "referents-parcours", "baseline": {"year": 2019, "value": "12"}}
        | {"targets": [{"year": 2020, "value": "40"}, {"year": 2021, "value": "80"}]}
        | {"results": [{"year": 2020, "value": "35"}]},
    ]
    changed["commitments"].append(
        revision_doc(
            changed["commitments"][0],
            "referents-2020",
            funder="cd-nord",
            co_funders=["cd-pas-de-calais", "caisse-des-depots"],
            amount="1200000.00",
            basis="exactly",
            period=years(2020, 2020),
            conventions=["bassin-minier"],
            tranches=[],
            action="referents-parcours",
        )
    )
    changed["matches"] = [
        {"id": "cofinancement", "commitment": "etat-2019-2021", "ratio": "0.5"}
        | {"by": ["cd-nord", "cd-pas-de-calais"], "basis": "at_least"}
    ]
    changed["payments"] = [
        {"commitment": "etat-2019-2021", "year": 2019, "amount": "16000000.00"}
        | {"convention": "nord", "paid_on": "2019-12-16"},
        {"commitment": "referents-2020", "year": 2020, "amount": "600000.00"}
        | {"convention": None, "paid_on": None},
    ]
    return changed


def test_the_built_in_programme_with_money_is_valid() -> None:
    document = with_money(with_breakdown(dataset()))
    assert oracle.violations("Programme", document) == set()
    assert library_violations(document, bm.Programme) == set()


@given(data=st.data())
def test_library_and_oracle_agree_on_the_built_in_programme_with_money_broken_in_one_place(
    data: st.DataObject,
) -> None:
    document = corrupt(data, with_money(with_breakdown(dataset())))
    expected = oracle.violations("Programme", document)
    reported = library_violations(document, bm.Programme)
    assert bool(reported) == bool(expected)
    assert comparable(reported) == comparable(expected)


# -- evolving a valid object into an invalid one ----------------------------------------------


def as_datetime(day: dt.date | None) -> dt.datetime:
    return dt.datetime.combine(day or dt.date(2019, 7, 10), dt.time(9, 30))


def repeated(items: tuple[Any, ...], otherwise: Any) -> tuple[Any, ...]:
    """*items* with its last item again, or with *otherwise* when it is empty."""
    return (*items, items[-1] if items else otherwise)


class Invalid(NamedTuple):
    """An invalid value for a field, and what the library must say about it."""

    #: The invalid value, from the object and the field's current value.
    value: Callable[[Any, Any], Any]
    #: The rules the violations may name.
    rules: frozenset[str]
    #: Some message holds one of these words.
    words: tuple[str, ...]


SLUG = Invalid(lambda obj, value: "Bad Slug", frozenset({"slug"}), ("slug",))
TEXT = Invalid(lambda obj, value: " padded", frozenset({"text"}), ("spaces",))
KIND = Invalid(lambda obj, value: "unknown", frozenset({"type"}), ("must be one of",))
DATE = Invalid(lambda obj, value: as_datetime(value), frozenset({"type"}), ("time of day",))
NOT_AN_OBJECT = Invalid(lambda obj, value: "2019", frozenset({"type"}), ("must be a",))
REPEATED = ("listed twice",)
TEXTS = Invalid(
    lambda obj, value: repeated(value, " padded"),
    frozenset({"unique", "text"}),
    (*REPEATED, "spaces"),
)
OBJECTS = Invalid(
    lambda obj, value: repeated(value, "not an object"),
    frozenset({"unique", "type"}),
    (*REPEATED, "must be"),
)


def day_before_start(period: bm.Period, end: dt.date) -> dt.date | dt.datetime:
    # No day comes before the first one: a datetime is just as wrong there.
    return period.start - ONE_DAY if period.start > dt.date.min else as_datetime(end)


INVALID_CHANGES: dict[type[Any], dict[str, Invalid]] = {
    bm.Period: {
        "start": DATE,
        "end": Invalid(
            day_before_start, frozenset({"period-order", "type"}), ("before it starts", "time")
        ),
    },
    bm.Territory: {"code": TEXT, "name": TEXT, "kind": KIND, "within": TEXTS},
    bm.Party: {"id": SLUG, "name": TEXT, "kind": KIND, "territory": TEXT, "siren": TEXT},
    bm.Signatory: {"name": TEXT, "role": TEXT, "party": SLUG},
    bm.Participant: {"name": TEXT, "role": TEXT},
    bm.Priority: {"id": SLUG, "label": TEXT, "themes": TEXTS},
    bm.Tranche: {
        "year": Invalid(lambda obj, value: 0, frozenset({"type"}), ("year",)),
        "amount": Invalid(lambda obj, value: Decimal("1.234"), frozenset({"amount"}), ("cents",)),
        "convention": SLUG,
        "spend_by": DATE,
    },
    bm.FundingCommitment: {
        "id": SLUG,
        "funder": SLUG,
        "amount": Invalid(lambda obj, value: Decimal(-5), frozenset({"amount"}), ("positive",)),
        "basis": KIND,
        "period": NOT_AN_OBJECT,
        "conventions": Invalid(
            lambda obj, value: repeated(value, "Bad Slug"),
            frozenset({"unique", "slug"}),
            (*REPEATED, "slug"),
        ),
        "priority": SLUG,
        # A repeated tranche also adds to the sum, which may then break the basis.
        "tranches": Invalid(
            lambda obj, value: repeated(value, "not a tranche"),
            frozenset({"unique", "type", "tranche-basis"}),
            (*REPEATED, "must be"),
        ),
        "act": SLUG,
        "revises": SLUG,
        "co_funders": Invalid(
            lambda obj, value: (*value, obj.funder),
            frozenset({"co-funder"}),
            ("also named among the co-funders",),
        ),
        "action": SLUG,
    },
    bm.Amendment: {
        "id": SLUG,
        "title": TEXT,
        "signed_on": DATE,
        "signatories": OBJECTS,
        "period": NOT_AN_OBJECT,
        "note": TEXT,
    },
    bm.Relation: {"kind": KIND, "convention": SLUG},
    bm.Convention: {
        "id": SLUG,
        "title": TEXT,
        "kind": KIND,
        "territory": NOT_AN_OBJECT,
        "parties": OBJECTS,
        "signatories": OBJECTS,
        "participants": OBJECTS,
        "priorities": OBJECTS,
        "period": NOT_AN_OBJECT,
        "signed_on": DATE,
        "signed_at": TEXT,
        "event": TEXT,
        "amendments": OBJECTS,
        "related": OBJECTS,
        "actions": OBJECTS,
        "indicators": OBJECTS,
    },
    bm.Action: {"id": SLUG, "label": TEXT, "priority": SLUG, "lead": SLUG, "description": TEXT},
    bm.Measure: {
        "year": Invalid(lambda obj, value: 0, frozenset({"type"}), ("year",)),
        "value": Invalid(
            lambda obj, value: Decimal("0.1234567"), frozenset({"number"}), ("decimal places",)
        ),
    },
    bm.Indicator: {
        "id": SLUG,
        "label": TEXT,
        "unit": TEXT,
        "action": SLUG,
        "baseline": NOT_AN_OBJECT,
        "targets": OBJECTS,
        "results": OBJECTS,
    },
    bm.Match: {
        "id": SLUG,
        "commitment": SLUG,
        "by": Invalid(lambda obj, value: (), frozenset({"match-party"}), ("at least one party",)),
        "ratio": Invalid(
            lambda obj, value: Decimal(0), frozenset({"ratio"}), ("strictly positive",)
        ),
        "basis": KIND,
    },
    bm.Payment: {
        "commitment": SLUG,
        "year": Invalid(lambda obj, value: 0, frozenset({"type"}), ("year",)),
        "amount": Invalid(lambda obj, value: Decimal("1.234"), frozenset({"amount"}), ("cents",)),
        "convention": SLUG,
        "paid_on": DATE,
    },
    bm.Strategy: {"name": TEXT, "presented_on": DATE, "axes": OBJECTS},
    bm.Milestone: {"on": DATE, "label": TEXT},
    bm.Programme: {
        "id": SLUG,
        "name": TEXT,
        "period": NOT_AN_OBJECT,
        "strategy": NOT_AN_OBJECT,
        "conventions": OBJECTS,
        "commitments": OBJECTS,
        "milestones": OBJECTS,
        "partners": OBJECTS,
        "matches": OBJECTS,
        "payments": OBJECTS,
    },
}


def test_every_field_of_every_class_has_an_invalid_change() -> None:
    # Every class of the model, whether or not it has a strategy yet.
    assert set(INVALID_CHANGES) == set(MODEL_CLASSES)
    assert set(MODEL_STRATEGIES) <= set(INVALID_CHANGES)
    for cls, changes in INVALID_CHANGES.items():
        assert set(changes) == {field.name for field in attrs.fields(cls)}, cls.__name__


def lies_under(path: str, field: str) -> bool:
    root = f"$.{field}"
    return path == root or path.startswith((f"{root}.", f"{root}["))


@every_class
@given(data=st.data())
def test_evolving_a_field_into_an_invalid_value_is_refused_at_that_field(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    original = data.draw(objects)
    for field, invalid in INVALID_CHANGES[cls].items():
        bad = invalid.value(original, getattr(original, field))
        with pytest.raises(bm.ValidationError) as info:
            attrs.evolve(original, **{field: bad})
        violations = info.value.violations
        assert all(lies_under(v.path, field) for v in violations), (field, violations)
        assert {v.rule for v in violations} <= invalid.rules, (field, violations)
        messages = [v.message for v in violations]
        assert any(w in m for w in invalid.words for m in messages), (field, messages)
