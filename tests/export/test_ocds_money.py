"""Shared money in OCDS: payments as transactions, co-funders and partners as funders,
actions as contract items, matching rules in the budget; ids that never collide."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given, settings
from jsonschema import Draft4Validator

import bassin_minier as bm
from bassin_minier import export
from tests import builders
from tests.export.funded import funded_programme, funded_programmes
from tests.export.test_ocds import assert_valid, validator

__all__ = ["validator"]  # the fixture, shared with the other OCDS tests


def _releases() -> dict[str, dict[str, Any]]:
    package = export.to_ocds(funded_programme())
    return {r["ocid"].rsplit(".", 1)[1]: r for r in package["releases"]}


def test_the_funded_programme_is_a_valid_release_package(validator: Draft4Validator) -> None:
    assert_valid(validator, export.to_ocds(funded_programme()))


def test_payments_are_the_transactions_of_the_contract_they_went_through() -> None:
    (contract,) = _releases()["nord"]["contracts"]
    assert contract["implementation"]["transactions"] == [
        {
            "id": "etat-2019-2021.2019.2019-11-04.4000000.00",
            "date": "2019-11-04T00:00:00Z",
            "value": {"amount": Decimal("4000000.00"), "currency": "EUR"},
            "payer": {"id": "etat", "name": "État"},
        },
        # It names no convention, but its commitment covers only this one; the funder first
        # named pays for the joint commitment.
        {
            "id": "departements.2020.sans-date.200000.00.sans-convention",
            "value": {"amount": Decimal("200000.00"), "currency": "EUR"},
            "payer": {"id": "cd-nord", "name": "Conseil départemental du Nord"},
        },
    ]
    # The payment naming no convention of a commitment to two has no contract of its own.
    assert "implementation" not in _releases()["pas-de-calais"]["contracts"][0]


def test_co_funders_and_partners_are_funders() -> None:
    parties = {p["id"]: p["roles"] for p in _releases()["nord"]["parties"]}
    assert parties == {
        "etat": ["buyer", "funder"],
        "cd-nord": ["funder"],
        "cd-pas-de-calais": ["funder"],
        "caisse-des-depots": ["funder"],
        "participant:1": ["interestedParty"],
    }
    # The partner funds nothing of the other convention, where the council supplies.
    other = {p["id"]: p["roles"] for p in _releases()["pas-de-calais"]["parties"]}
    assert "caisse-des-depots" not in other
    assert other["cd-pas-de-calais"] == ["supplier"]


def test_a_joint_commitment_and_a_matching_rule_are_in_the_budget_in_words() -> None:
    description = _releases()["nord"]["planning"]["budget"]["description"]
    assert (
        "Engagement departements : Conseil départemental du Nord, Conseil départemental du "
        "Pas-de-Calais et Caisse des dépôts engagent conjointement (répartition non connue) "
        "exactement 600000.00 EUR"
    ) in description
    assert (
        "Cofinancement cofinancement : cd-nord, cd-pas-de-calais engagent ensemble au moins "
        "0.5 fois l'engagement etat-2019-2021, sur les mêmes conventions et années."
    ) in description


def test_actions_are_the_items_of_the_contract() -> None:
    (contract,) = _releases()["nord"]["contracts"]
    assert contract["items"] == [
        {
            "id": "referents",
            "description": "=Référents de parcours : Un référent <b>pour chaque</b> "
            "allocataire & sa famille",
        },
        {"id": "premier-accueil", "description": "Premier accueil social"},
    ]
    assert "items" not in _releases()["pas-de-calais"]["contracts"][0]


def test_a_joint_commitment_to_no_convention_names_its_co_funders(
    validator: Draft4Validator,
) -> None:
    programme = funded_programme()
    pending = builders.commitment(
        id="fonds", funder="etat", co_funders=("caisse-des-depots", "bailleur"), conventions=()
    )
    partners = (*programme.partners, bm.Party(id="bailleur", name="Bailleur", kind="company"))
    package = export.to_ocds(
        attrs.evolve(programme, commitments=(*programme.commitments, pending), partners=partners)
    )
    release = package["releases"][-1]
    assert [(p["id"], p["roles"]) for p in release["parties"]] == [
        ("etat", ["buyer", "funder"]),
        ("caisse-des-depots", ["funder"]),
        ("bailleur", ["funder"]),
    ]
    assert_valid(validator, package)


def test_a_version_1_programme_has_no_transaction_nor_item() -> None:
    package = export.to_ocds(bm.datasets.bassin_minier_2019())
    for release in package["releases"]:
        (contract,) = release["contracts"]
        assert "implementation" not in contract
        assert "items" not in contract


def _repeated(ids: list[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


@settings(max_examples=40, deadline=None)
@given(funded_programmes())
def test_ids_never_collide(programme: bm.Programme) -> None:
    package = export.to_ocds(programme)
    releases = package["releases"]
    assert not _repeated([r["ocid"] for r in releases])
    placed = 0
    for release in releases:
        assert not _repeated([p["id"] for p in release["parties"]])
        for contract in release.get("contracts", ()):
            transactions = contract.get("implementation", {}).get("transactions", ())
            placed += len(transactions)
            assert not _repeated([t["id"] for t in transactions])
            assert not _repeated([i["id"] for i in contract.get("items", ())])
        breakdown = release.get("planning", {}).get("budget", {}).get("budgetBreakdown", ())
        assert not _repeated([b["id"] for b in breakdown])
        # Every party a release refers to is one of its parties.
        named = {p["id"] for p in release["parties"]}
        for contract in release.get("contracts", ()):
            for transaction in contract.get("implementation", {}).get("transactions", ()):
                assert transaction["payer"]["id"] in named
    # The strategy's commitment covers the Nord convention alone: every payment has a place.
    assert placed == len(programme.payments)


@settings(max_examples=15, deadline=None)
@given(programme=funded_programmes())
def test_any_funded_programme_gives_a_valid_package(
    validator: Draft4Validator, programme: bm.Programme
) -> None:
    assert_valid(validator, export.to_ocds(programme))
