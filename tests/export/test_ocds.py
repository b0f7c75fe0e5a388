"""The OCDS export: valid against the official 1.1.5 schemas, deterministic, exact."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

import bassin_minier as bm
from bassin_minier import export
from bassin_minier.testing import conventions, programmes, slugs
from tests import builders
from tests.export.amended import amended_programme

# The repository is cloned with the shared reference folder beside it, or beside the folder
# that holds it among other checkouts: the nearest one up the tree is used.
_ROOT = Path(__file__).resolve().parents[2]
_SCHEMAS = Path("shared") / "reference" / "ocds-1.1.5"
REFERENCE = next(
    (folder / _SCHEMAS for folder in _ROOT.parents if (folder / _SCHEMAS).is_dir()),
    _ROOT.parent / _SCHEMAS,
)

# RFC 3339 date-times, and URIs with a scheme: the two formats the OCDS schemas use.
# jsonschema only checks them when optional packages are installed, so the test states them.
_DATE_TIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"
)
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())

    @checker.checks("date-time")
    def _date_time(value: object) -> bool:
        if not isinstance(value, str) or not _DATE_TIME.fullmatch(value):
            return False
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    @checker.checks("uri")
    def _uri(value: object) -> bool:
        return not isinstance(value, str) or bool(_URI.fullmatch(value))

    return checker


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    if not REFERENCE.is_dir():
        pytest.skip(
            f"the OCDS 1.1.5 schemas are not at {REFERENCE}: clone the shared reference "
            "folder beside the repository to check the export against them"
        )
    package = json.loads((REFERENCE / "release-package-schema.json").read_text("utf-8"))
    release = json.loads((REFERENCE / "release-schema.json").read_text("utf-8"))
    # The package schema refers to the release schema by its published URL: serve it locally.
    url = package["properties"]["releases"]["items"]["$ref"]
    registry = Registry().with_resource(url, Resource.from_contents(release, DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=_format_checker())


def parsed(package: dict[str, Any]) -> Any:
    """The package as a consumer reads the text `ocds_json` writes."""
    return json.loads(export.ocds_json(package), parse_float=Decimal)


def assert_valid(validator: Draft4Validator, package: dict[str, Any]) -> None:
    errors = [
        f"{error.json_path}: {error.message}" for error in validator.iter_errors(parsed(package))
    ]
    assert errors == []


def tranched_programme() -> bm.Programme:
    """Two conventions, the State's commitment broken down by year and convention."""
    commitment = builders.commitment(
        amount=Decimal("6000000.00"),
        basis=bm.Basis.EXACTLY,
        tranches=(
            builders.tranche(year=2019, amount=Decimal("1000000.50"), convention="nord"),
            builders.tranche(year=2020, amount=Decimal("2000000.25"), convention="nord"),
            builders.tranche(year=2019, amount=Decimal("2999999.25"), convention="pas-de-calais"),
        ),
    )
    return builders.programme(commitments=(commitment,))


# -- the official schema ----------------------------------------------------------------------


def test_the_dataset_is_a_valid_release_package(validator: Draft4Validator) -> None:
    assert_valid(validator, export.to_ocds(bm.datasets.bassin_minier_2019()))


def test_a_broken_down_commitment_is_a_valid_release_package(validator: Draft4Validator) -> None:
    assert_valid(validator, export.to_ocds(tranched_programme()))


def test_the_validator_does_catch_a_broken_package(validator: Draft4Validator) -> None:
    package = parsed(export.to_ocds(bm.datasets.bassin_minier_2019()))
    package["releases"][0]["tag"] = ["signature"]
    package["releases"][1]["date"] = "2019-07-10"
    messages = [e.message for e in validator.iter_errors(package)]
    assert len(messages) == 2


@settings(max_examples=100)
@given(programmes(min_conventions=1))
def test_every_programme_gives_a_valid_deterministic_package(
    validator: Draft4Validator, programme: bm.Programme
) -> None:
    package = export.to_ocds(programme)
    assert_valid(validator, package)
    assert export.ocds_json(export.to_ocds(programme)) == export.ocds_json(package)
    releases = package["releases"]
    uncovered = [c for c in programme.commitments if not c.conventions]
    assert len(releases) == len(programme.conventions) + len(uncovered)
    # No commitment is lost: each is described in a budget, its own or its conventions'.
    budgets = " ".join(
        r.get("planning", {}).get("budget", {}).get("description", "") for r in releases
    )
    for commitment in programme.commitments:
        assert f"Engagement {commitment.id} :" in budgets
    # The budget breakdown extension asks for ids unique within their list, as OCDS does
    # for milestones: the schemas cannot check either.
    for release in releases:
        planning = release.get("planning", {})
        breakdown = [b["id"] for b in planning.get("budget", {}).get("budgetBreakdown", ())]
        assert len(set(breakdown)) == len(breakdown)
        milestones = [m["id"] for m in planning.get("milestones", ())]
        assert len(set(milestones)) == len(milestones)


@settings(max_examples=50)
@given(conventions())
def test_every_convention_gives_a_valid_package(
    validator: Draft4Validator, convention: bm.Convention
) -> None:
    assert_valid(validator, export.to_ocds(convention, ocid_prefix="ocds-213czf"))


# -- the mapping ------------------------------------------------------------------------------


def test_each_convention_is_a_contracting_process_with_a_stable_ocid() -> None:
    package = export.to_ocds(bm.datasets.bassin_minier_2019(), ocid_prefix="ocds-abc123")
    ocids = [r["ocid"] for r in package["releases"]]
    assert ocids == [
        "ocds-abc123-plan-pauvrete-nord-pas-de-calais.nord",
        "ocds-abc123-plan-pauvrete-nord-pas-de-calais.pas-de-calais",
        "ocds-abc123-plan-pauvrete-nord-pas-de-calais.bassin-minier",
    ]
    release = package["releases"][2]
    assert release["id"] == f"{ocids[2]}-2019-07-10"
    assert release["tag"] == ["contract"]
    assert release["initiationType"] == "tender"
    assert package["version"] == "1.1"
    assert package["uri"] == "urn:bassin-minier:ocds-abc123-plan-pauvrete-nord-pas-de-calais"


def test_the_state_funds_and_buys_and_the_departements_supply() -> None:
    release = export.to_ocds(bm.datasets.bassin_minier_2019())["releases"][2]
    roles = {p["id"]: p["roles"] for p in release["parties"]}
    assert roles == {
        "etat": ["buyer", "funder"],
        "cd-nord": ["supplier"],
        "cd-pas-de-calais": ["supplier"],
        "participant:1": ["interestedParty"],
        "participant:2": ["interestedParty"],
    }
    assert release["buyer"] == {"id": "etat", "name": "État"}
    assert [s["id"] for s in release["awards"][0]["suppliers"]] == ["cd-nord", "cd-pas-de-calais"]


def test_signatories_sign_in_their_party_and_participants_attend() -> None:
    release = export.to_ocds(bm.datasets.bassin_minier_2019())["releases"][2]
    parties = {p["id"]: p for p in release["parties"]}
    assert parties["etat"]["details"]["signatories"] == [
        {"name": "Michel Lalande", "role": "préfet de la région Hauts-de-France, préfet du Nord"},
        {"name": "Fabien Sudry", "role": "préfet du Pas-de-Calais"},
    ]
    assert parties["cd-nord"]["details"] == {
        "kind": "departement",
        "territory": "59",
        "signatories": [
            {"name": "Jean-René Lecerf", "role": "président du conseil départemental du Nord"}
        ],
    }
    assert parties["participant:2"]["contactPoint"] == {"name": "Alain Neveü"}
    assert parties["participant:2"]["name"].startswith("délégué interministériel pour le")


def test_a_shared_floor_is_described_but_not_split_between_conventions() -> None:
    package = export.to_ocds(bm.datasets.bassin_minier_2019())
    for release in package["releases"]:
        budget = release["planning"]["budget"]
        assert "au moins 48000000.00 EUR" in budget["description"]
        assert "amount" not in budget
        assert "value" not in release["contracts"][0]
    assert "extensions" not in package


def test_tranches_give_the_value_and_a_budget_breakdown_per_year_and_source() -> None:
    package = export.to_ocds(tranched_programme())
    assert package["extensions"] == [export.BUDGET_BREAKDOWN_EXTENSION]
    nord = package["releases"][0]
    assert nord["contracts"][0]["value"] == {"amount": Decimal("3000000.75"), "currency": "EUR"}
    assert nord["awards"][0]["value"] == nord["contracts"][0]["value"]
    breakdown = nord["planning"]["budget"]["budgetBreakdown"]
    assert [(b["id"], b["amount"]["amount"]) for b in breakdown] == [
        ("etat-2019-2021.2019", Decimal("1000000.50")),
        ("etat-2019-2021.2020", Decimal("2000000.25")),
    ]
    assert breakdown[1]["period"]["startDate"] == "2020-01-01T00:00:00Z"
    assert breakdown[1]["sourceParty"] == {"id": "etat", "name": "État"}
    assert "exactement 6000000.00 EUR" in nord["planning"]["budget"]["description"]


def test_a_commitment_to_one_convention_is_its_value() -> None:
    programme = builders.programme(
        commitments=(builders.commitment(conventions=("nord",), amount=Decimal("12.30")),)
    )
    release = export.to_ocds(programme)["releases"][0]
    assert release["contracts"][0]["value"]["amount"] == Decimal("12.30")
    (entry,) = release["planning"]["budget"]["budgetBreakdown"]
    assert entry["id"] == "etat-2019-2021"
    assert entry["period"]["durationInDays"] == 1096


def test_milestones_priorities_and_territory_are_carried() -> None:
    release = export.to_ocds(bm.datasets.bassin_minier_2019())["releases"][2]
    milestones = release["planning"]["milestones"]
    assert [m["id"] for m in milestones] == ["2018-09-13", "2018-12-18", "2019-07-10"]
    assert milestones[0]["dueDate"] == "2018-09-13T00:00:00Z"
    assert release["planning"]["rationale"] == (
        "Stratégie nationale de prévention et de lutte contre la pauvreté. Priorités : "
        "l'insertion et l'accès à l'emploi; la prévention (petite enfance, santé, parentalité)."
    )
    contract = release["contracts"][0]
    assert contract["dateSigned"] == "2019-07-10T00:00:00Z"
    assert contract["period"] == {
        "startDate": "2019-01-01T00:00:00Z",
        "endDate": "2021-12-31T00:00:00Z",
        "durationInDays": 1096,
    }
    assert "bassin minier du Nord - Pas-de-Calais" in contract["description"]
    assert "signée le 2019-07-10 à Lille (2e conférence régionale" in contract["description"]


def test_milestones_on_the_same_day_get_distinct_ids() -> None:
    programme = builders.programme(
        milestones=(builders.milestone(), builders.milestone(label="Autre étape"))
    )
    milestones = export.to_ocds(programme)["releases"][0]["planning"]["milestones"]
    assert [m["id"] for m in milestones] == ["2018-09-13", "2018-09-13-2"]


def test_a_siren_is_the_organisation_identifier() -> None:
    council = builders.council(siren="225900018")
    convention = builders.convention(parties=(builders.state(), council))
    (release,) = export.to_ocds(convention)["releases"]
    assert release["ocid"] == "ocds-bassin-nord"
    assert release["parties"][1]["identifier"] == {
        "scheme": "FR-SIRENE",
        "id": "225900018",
        "legalName": council.name,
    }


def test_without_the_state_the_first_funder_buys() -> None:
    region = builders.council(id="region", name="Région Hauts-de-France", kind="region")
    convention = builders.convention(parties=(region,), signatories=())
    programme = builders.programme(
        conventions=(convention,),
        commitments=(builders.commitment(funder="region", conventions=("nord",)),),
    )
    release = export.to_ocds(programme)["releases"][0]
    assert release["buyer"]["id"] == "region"
    assert release["awards"][0]["suppliers"] == []


def test_a_convention_without_funder_or_state_has_no_buyer() -> None:
    convention = builders.convention(parties=(builders.council(),), signatories=(), priorities=())
    (release,) = export.to_ocds(convention)["releases"]
    assert "buyer" not in release
    assert release["parties"][0]["roles"] == ["supplier"]
    assert "planning" not in release


# -- identifiers ------------------------------------------------------------------------------

# Words that join into each other's ids: "plan" + "nord-lille" and "plan-nord" + "lille".
_WORDS = st.sampled_from(["plan", "nord", "lille", "commitment", "2019", "a"])
_HYPHENATED = st.lists(_WORDS, min_size=1, max_size=4).map("-".join)
_IDS = st.one_of(_HYPHENATED, slugs())


@st.composite
def _split(draw: st.DrawFn) -> tuple[str, str]:
    """Two ids, often the two halves of the same hyphenated words."""
    words = draw(st.lists(_WORDS, min_size=2, max_size=5))
    cut = draw(st.integers(1, len(words) - 1))
    halves = ("-".join(words[:cut]), "-".join(words[cut:]))
    return draw(st.just(halves) | st.tuples(_IDS, _IDS))


# What a release publishes: a lone convention, a convention of a programme, or a
# programme's commitment to no convention.
_Process = tuple[str, ...]
_PROCESSES: st.SearchStrategy[_Process] = st.one_of(
    _IDS.map(lambda convention: ("lone", convention)),
    _split().map(lambda ids: ("convention", *ids)),
    _split().map(lambda ids: ("commitment", *ids)),
)


def _published(process: _Process) -> bm.Programme | bm.Convention:
    kind, *ids = process
    if kind == "lone":
        return builders.convention(id=ids[0])
    programme_id, member = ids
    if kind == "convention":
        return builders.programme(
            id=programme_id, conventions=(builders.convention(id=member),), commitments=()
        )
    pending = builders.commitment(id=member, conventions=())
    return builders.programme(id=programme_id, conventions=(), commitments=(pending,))


def _parts(process: _Process) -> list[str]:
    """The parts an ocid joins with dots, as docs/export.md describes them."""
    kind, *ids = process
    if kind == "commitment":
        return [ids[0], "commitment", ids[1]]
    return ids


@settings(max_examples=200)
@given(st.lists(_PROCESSES, min_size=1, max_size=6, unique=True))
def test_distinct_processes_never_share_an_ocid_or_a_release_id(
    processes: list[_Process],
) -> None:
    package = export.to_ocds([_published(p) for p in processes], ocid_prefix="ocds-213czf")
    releases = package["releases"]
    assert len(releases) == len(processes)
    ocids = [r["ocid"] for r in releases]
    assert len(set(ocids)) == len(ocids)
    assert len({r["id"] for r in releases}) == len(releases)
    # Readable and reversible: the parts come back from the ocid, split at its dots.
    for process, ocid in zip(processes, ocids, strict=True):
        assert ocid.startswith("ocds-213czf-")
        assert ocid.removeprefix("ocds-213czf-").split(".") == _parts(process)


def test_ids_joined_by_hyphens_do_not_make_the_same_ocid(validator: Draft4Validator) -> None:
    collection = [
        _published(("convention", "plan-nord", "lille")),
        _published(("convention", "plan", "nord-lille")),
        _published(("lone", "plan-nord-lille")),
    ]
    package = export.to_ocds(collection)
    assert [r["ocid"] for r in package["releases"]] == [
        "ocds-bassin-plan-nord.lille",
        "ocds-bassin-plan.nord-lille",
        "ocds-bassin-plan-nord-lille",
    ]
    assert_valid(validator, package)


def test_the_same_process_twice_is_refused() -> None:
    programme = tranched_programme()
    lone = builders.convention(id="seule")
    with pytest.raises(bm.ValidationError) as caught:
        export.to_ocds([programme, lone, programme, lone])
    assert [(v.path, v.rule) for v in caught.value.violations] == [
        ("$[2].conventions[0]", "unique"),
        ("$[2].conventions[1]", "unique"),
        ("$[3]", "unique"),
    ]
    first = caught.value.violations[0].message
    assert "'ocds-bassin-plan-pauvrete.nord'" in first
    assert "already published by $[0].conventions[0]" in first


def test_two_programmes_of_the_same_id_may_hold_different_conventions() -> None:
    nord = builders.programme(conventions=(builders.convention(),), commitments=())
    other = builders.programme(conventions=(builders.other_convention(),), commitments=())
    package = export.to_ocds([nord, other])
    assert [r["ocid"] for r in package["releases"]] == [
        "ocds-bassin-plan-pauvrete.nord",
        "ocds-bassin-plan-pauvrete.pas-de-calais",
    ]


def test_a_tranche_and_a_commitment_named_after_it_keep_apart() -> None:
    fse = builders.commitment(
        id="fse",
        amount=Decimal("1000.00"),
        basis=bm.Basis.EXACTLY,
        conventions=("nord",),
        tranches=(builders.tranche(year=2019, amount=Decimal("1000.00")),),
    )
    named_like_it = builders.commitment(
        id="fse-2019", amount=Decimal("5.00"), conventions=("nord",)
    )
    programme = builders.programme(commitments=(fse, named_like_it))
    release = export.to_ocds(programme)["releases"][0]
    breakdown = release["planning"]["budget"]["budgetBreakdown"]
    assert [(b["id"], b["amount"]["amount"]) for b in breakdown] == [
        ("fse.2019", Decimal("1000.00")),
        ("fse-2019", Decimal("5.00")),
    ]


# -- commitments covering no convention ---------------------------------------------------------


def test_a_commitment_to_no_convention_is_a_process_of_its_own(
    validator: Draft4Validator,
) -> None:
    pending = builders.commitment(
        id="etat-2021", amount=Decimal("250000.00"), basis=bm.Basis.AT_MOST, conventions=()
    )
    programme = builders.programme(commitments=(builders.commitment(), pending))
    package = export.to_ocds(programme)
    assert [r["ocid"] for r in package["releases"]] == [
        "ocds-bassin-plan-pauvrete.nord",
        "ocds-bassin-plan-pauvrete.pas-de-calais",
        "ocds-bassin-plan-pauvrete.commitment.etat-2021",
    ]
    release = package["releases"][2]
    assert release["tag"] == ["planning"]
    assert release["id"] == "ocds-bassin-plan-pauvrete.commitment.etat-2021-2019-01-01"
    assert release["buyer"] == {"id": "etat", "name": "État"}
    assert release["parties"] == [
        {"id": "etat", "name": "État", "roles": ["buyer", "funder"], "details": {"kind": "state"}}
    ]
    budget = release["planning"]["budget"]
    assert budget["amount"] == {"amount": Decimal("250000.00"), "currency": "EUR"}
    assert budget["description"] == (
        "Engagement etat-2021 : État engage au plus 250000.00 EUR du 2019-01-01 au "
        "2021-12-31, sans convention désignée."
    )
    (entry,) = budget["budgetBreakdown"]
    assert entry["id"] == "etat-2021"
    assert entry["sourceParty"] == {"id": "etat", "name": "État"}
    assert [m["id"] for m in release["planning"]["milestones"]] == ["2018-09-13"]
    assert "awards" not in release
    assert package["extensions"] == [export.BUDGET_BREAKDOWN_EXTENSION]
    assert_valid(validator, package)


def test_a_funder_party_to_no_convention_is_named_by_its_id(validator: Draft4Validator) -> None:
    pending = builders.commitment(id="fse", funder="region", conventions=())
    programme = builders.programme(conventions=(), commitments=(pending,), strategy=None)
    package = export.to_ocds(programme)
    (release,) = package["releases"]
    assert release["buyer"] == {"id": "region"}
    assert release["parties"] == [{"id": "region", "roles": ["buyer", "funder"]}]
    assert "region engage au moins" in release["planning"]["budget"]["description"]
    assert "rationale" not in release["planning"]
    assert_valid(validator, package)


# -- size ---------------------------------------------------------------------------------------


def _national(count: int, shared_by: int) -> bm.Programme:
    """*count* conventions, each with its own commitment, and one commitment to *shared_by*."""
    members = tuple(builders.convention(id=f"c{index:03d}") for index in range(count))
    own = tuple(
        builders.commitment(id=f"k{index:03d}", conventions=(f"c{index:03d}",))
        for index in range(count)
    )
    shared = builders.commitment(id="etat", conventions=tuple(c.id for c in members[:shared_by]))
    return builders.programme(conventions=members, commitments=(*own, shared))


def test_the_programme_is_gathered_once_not_once_per_convention(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An export that looks the parties or a convention's commitments up in the programme
    # for every convention grows with the square of its size.
    calls: Counter[str] = Counter()
    for name in ("convention", "commitment", "party", "commitments_for"):
        monkeypatch.setattr(bm.Programme, name, _counted(calls, getattr(bm.Programme, name)))
    parties = bm.Programme.parties.fget
    assert parties is not None
    monkeypatch.setattr(bm.Programme, "parties", property(_counted(calls, parties)))
    package = export.to_ocds(_national(30, shared_by=30))
    assert len(package["releases"]) == 30
    assert calls == {"parties": 1}


def _counted(calls: Counter[str], function: Any) -> Any:
    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[function.__name__] += 1
        return function(*args, **kwargs)

    return counted


def test_a_commitment_shared_by_many_conventions_counts_them() -> None:
    # Listing every id in the release of every convention would make the package grow
    # with the square of the programme.
    few, many = (
        [r["planning"]["budget"]["description"] for r in export.to_ocds(programme)["releases"]]
        for programme in (_national(12, shared_by=3), _national(12, shared_by=11))
    )
    assert few[0].endswith(
        "Engagement etat : État engage au moins 48000000.00 EUR du 2019-01-01 au 2021-12-31, "
        "au titre des conventions c000, c001, c002."
    )
    assert many[0].endswith("au titre de 11 conventions, dont celle-ci.")
    assert few[0].split(" Engagement etat")[0].endswith("au titre de la convention c000.")
    # The one convention neither commitment covers quotes its own commitment alone.
    assert few[11] == many[11]
    assert "Engagement etat" not in many[11]


# -- dates and text ---------------------------------------------------------------------------


def test_dates_come_from_the_data_or_the_caller() -> None:
    programme = bm.datasets.bassin_minier_2019()
    assert export.to_ocds(programme)["publishedDate"] == "2019-07-10T00:00:00Z"
    chosen = export.to_ocds(programme, published=dt.date(2024, 1, 2), uri="https://x.test/p")
    assert chosen["publishedDate"] == "2024-01-02T00:00:00Z"
    assert chosen["uri"] == "https://x.test/p"
    paris = dt.timezone(dt.timedelta(hours=2))
    moment = export.to_ocds(programme, published=dt.datetime(2024, 1, 2, 9, 30, tzinfo=paris))
    assert moment["publishedDate"] == "2024-01-02T09:30:00+02:00"
    unsigned = builders.convention(signed_on=None)
    assert export.to_ocds(unsigned)["releases"][0]["date"] == "2019-01-01T00:00:00Z"


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="with a time zone"):
        export.to_ocds(builders.convention(), published=dt.datetime(2024, 1, 2, 9, 30))


def test_amounts_are_written_exactly() -> None:
    text = export.ocds_json(export.to_ocds(tranched_programme()), indent=None)
    assert '"amount":{"amount":3000000.75,"currency":"EUR"}' in text
    assert "\n" not in text
    assert json.loads(text, parse_float=Decimal)["releases"][0]["contracts"][0]["value"] == {
        "amount": Decimal("3000000.75"),
        "currency": "EUR",
    }
    assert export.ocds_json({"empty": {}, "none": []}, indent=None) == '{"empty":{},"none":[]}'


# -- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "ocds-", "ocds bad", "ocds/abc", 7])
def test_a_malformed_prefix_is_refused(prefix: Any) -> None:
    with pytest.raises(bm.ValidationError) as caught:
        export.to_ocds(builders.convention(), ocid_prefix=prefix)
    (violation,) = caught.value.violations
    assert violation.path == "ocid_prefix"
    assert violation.rule == "ocid-prefix"


def test_a_programme_without_conventions_has_nothing_to_publish() -> None:
    empty = builders.programme(conventions=(), commitments=())
    with pytest.raises(bm.ValidationError, match="no convention"):
        export.to_ocds(empty)


def test_only_programmes_and_conventions_are_exported() -> None:
    with pytest.raises(TypeError, match="Programme or a Convention, not Party"):
        export.to_ocds(builders.state())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Programme or a Convention, not str"):
        export.to_ocds(["nord"])  # type: ignore[list-item]


def test_a_collection_is_one_package_of_every_release(validator: Draft4Validator) -> None:
    collection = [tranched_programme(), builders.convention(id="seule")]
    package = export.to_ocds(iter(collection), ocid_prefix="ocds-abc123")
    assert [r["ocid"] for r in package["releases"]] == [
        "ocds-abc123-plan-pauvrete.nord",
        "ocds-abc123-plan-pauvrete.pas-de-calais",
        "ocds-abc123-seule",
    ]
    assert package["uri"] == "urn:bassin-minier:ocds-abc123"
    assert package["extensions"] == [export.BUDGET_BREAKDOWN_EXTENSION]
    assert_valid(validator, package)
    with pytest.raises(bm.ValidationError, match="no convention"):
        export.to_ocds([])


# -- the life of a convention -----------------------------------------------------------------


def test_amendments_are_the_contract_s_amendments(validator: Draft4Validator) -> None:
    package = export.to_ocds(amended_programme())
    assert_valid(validator, package)
    contract = package["releases"][0]["contracts"][0]
    assert contract["amendments"] == [
        {
            "id": "avenant-2020",
            "date": "2020-07-03T00:00:00Z",
            "description": (
                "Avenant 2020 à la convention d'appui. Période de la convention nord à compter "
                "de cet avenant : du 2019-01-01 au 2021-06-30."
            ),
            "rationale": "Prolonge la convention <jusqu'en juin 2021> & fixe les crédits 2020",
        },
        {"id": "avenant-2021", "description": "Période inchangée."},
    ]


def test_the_contract_runs_for_the_effective_period() -> None:
    release = export.to_ocds(amended_programme())["releases"][0]
    effective = {
        "startDate": "2019-01-01T00:00:00Z",
        "endDate": "2021-06-30T00:00:00Z",
        "durationInDays": 912,
    }
    assert release["contracts"][0]["period"] == effective
    assert release["awards"][0]["contractPeriod"] == effective
    # The period as signed is still told, in words.
    assert (
        "période du 2019-01-01 au 2020-12-31, modifiée par avenant : du 2019-01-01 au "
        "2021-06-30 ;" in release["contracts"][0]["description"]
    )
    # The release gives the convention as amended: it is dated by the latest amendment.
    assert release["date"] == "2020-07-03T00:00:00Z"
    assert release["id"].endswith("-2020-07-03")


def test_amendment_signatories_sign_in_their_party_with_the_amendment() -> None:
    release = export.to_ocds(amended_programme())["releases"][0]
    signatories = release["parties"][1]["details"]["signatories"]
    assert signatories == [
        {"name": "Jean-René Lecerf", "role": "président du conseil départemental du Nord"},
        {
            "name": "Jean-René Lecerf",
            "role": "président du conseil départemental du Nord",
            "amendment": "avenant-2020",
        },
    ]


def test_a_revised_commitment_counts_by_its_revision_and_both_are_described() -> None:
    release = export.to_ocds(amended_programme())["releases"][0]
    budget = release["planning"]["budget"]
    assert budget["amount"]["amount"] == Decimal("800000.00")
    assert release["contracts"][0]["value"]["amount"] == Decimal("800000.00")
    assert [entry["id"] for entry in budget["budgetBreakdown"]] == ["etat-2020-refaction.2020"]
    assert (
        "Engagement etat-2020 : État engage exactement 1000000.00 EUR du 2020-01-01 au "
        "2020-12-31, au titre de la convention nord, par l'avenant avenant-2020 ; remplacé par "
        "l'engagement etat-2020-refaction." in budget["description"]
    )
    assert (
        "par l'avenant avenant-2020, en remplacement de l'engagement etat-2020."
        in budget["description"]
    )


def test_the_day_to_spend_a_tranche_by_is_in_its_description() -> None:
    programme = amended_programme()
    unrevised = attrs.evolve(
        programme, commitments=programme.commitments[:2]
    )  # the revision's tranche has no such day
    (entry,) = export.to_ocds(unrevised)["releases"][0]["planning"]["budget"]["budgetBreakdown"]
    assert entry["description"] == (
        "Tranche 2020 de l'engagement etat-2020, utilisable jusqu'au 2021-06-30"
    )
    assert entry["period"]["endDate"] == "2020-12-31T00:00:00Z"


def related_programme() -> bm.Programme:
    """Three conventions: the last succeeds the first, implements the second and integrates
    the first."""
    third = builders.convention(
        id="bassin",
        title="Convention du bassin",
        related=(
            bm.Relation(kind="succeeds", convention="nord"),
            bm.Relation(kind="implements", convention="pas-de-calais"),
            bm.Relation(kind="integrates", convention="nord"),
        ),
    )
    return builders.programme(
        conventions=(builders.convention(), builders.other_convention(), third)
    )


def test_relations_with_a_fitting_code_are_related_processes(validator: Draft4Validator) -> None:
    package = export.to_ocds(related_programme(), ocid_prefix="ocds-213czf")
    assert_valid(validator, package)
    nord, pas_de_calais, bassin = package["releases"]
    assert bassin["relatedProcesses"] == [
        {
            "id": "succeeds.nord",
            "relationship": ["prior"],
            "title": "Convention départementale du Nord",
            "scheme": "ocid",
            "identifier": "ocds-213czf-plan-pauvrete.nord",
        },
        {
            "id": "implements.pas-de-calais",
            "relationship": ["parent"],
            "title": "Convention départementale du Pas-de-Calais",
            "scheme": "ocid",
            "identifier": "ocds-213czf-plan-pauvrete.pas-de-calais",
        },
    ]
    # Integrating has no code: it is said in words, and the integrated convention names
    # the one that integrates it as its parent.
    assert "; intègre la convention nord." in bassin["contracts"][0]["description"]
    assert nord["relatedProcesses"] == [
        {
            "id": "integrated-by.bassin",
            "relationship": ["parent"],
            "title": "Convention du bassin",
            "scheme": "ocid",
            "identifier": "ocds-213czf-plan-pauvrete.bassin",
        }
    ]
    assert "relatedProcesses" not in pas_de_calais
    identifiers = {r["ocid"] for r in package["releases"]}
    for release in package["releases"]:
        assert {p["identifier"] for p in release.get("relatedProcesses", ())} <= identifiers


def test_a_convention_alone_names_related_ones_as_conventions_alone() -> None:
    convention = related_programme().conventions[2]
    (release,) = export.to_ocds(convention)["releases"]
    assert [(p["id"], p["identifier"]) for p in release["relatedProcesses"]] == [
        ("succeeds.nord", "ocds-bassin-nord"),
        ("implements.pas-de-calais", "ocds-bassin-pas-de-calais"),
    ]
    assert "title" not in release["relatedProcesses"][0]


def test_every_kind_of_convention_is_described_in_its_own_french_words() -> None:
    kinds = []
    for kind in bm.ConventionKind:
        (release,) = export.to_ocds(builders.convention(kind=kind))["releases"]
        words = release["contracts"][0]["description"].split(" nord, territoire")[0]
        assert words[0].isupper()
        assert "_" not in words
        kinds.append(words)
    assert len(set(kinds)) == len(kinds)
    assert "Contrat de plan État–région" in kinds
