"""Every invariant, broken one at a time by building objects directly in Python.

Each case of `CASES` breaks exactly one rule of `bassin_minier.RULES` and names the path
and the words of the domain the violation must carry.
"""

from __future__ import annotations

import ast
import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier
from bassin_minier import (
    RULES,
    Amendment,
    Basis,
    Party,
    Period,
    Relation,
    TerritoryKind,
    ValidationError,
    Violation,
)
from bassin_minier._base import paths
from bassin_minier._base.errors import INVALID
from bassin_minier._model.territory import code_problem
from bassin_minier._rules import catalogue, exports, money
from bassin_minier._rules.checker import UNREAD, Unread
from bassin_minier._rules.codes import DEPARTEMENT_CODES, luhn_check_digit, luhn_checksum
from bassin_minier._rules.deferral import checks_deferred
from bassin_minier._rules.text import are_texts, is_text, text_problem
from bassin_minier.geography import GEOGRAPHY_RULES
from bassin_minier.geography import _cog as cog
from bassin_minier.testing import texts
from tests import oracle
from tests.builders import (
    END,
    START,
    area,
    axis,
    commitment,
    convention,
    council,
    milestone,
    other_convention,
    participant,
    period,
    prefect,
    president,
    priority,
    programme,
    state,
    strategy,
    territory,
    tranche,
    tranches,
)
from tests.model.money import (
    action,
    indicator,
    joint_commitment,
    match,
    measure,
    partner,
    payment,
    programme_with_money,
    with_actions,
)

# A real SIREN (Métropole européenne de Lille), so it passes the Luhn checksum.
MEL_SIREN = "245900410"


def violations_of(build: Callable[[], object]) -> tuple[Violation, ...]:
    with pytest.raises(ValidationError) as info:
        build()
    return info.value.violations


# -- one case per broken rule ---------------------------------------------------------------


class Case(NamedTuple):
    name: str
    rule: str
    path: str
    words: tuple[str, ...]
    build: Callable[[], object]


def _slug_cases() -> list[Case]:
    bad = ("Nord", "pas_de_calais", "pas--de-calais", "-nord", "nord-", "", "état", "cd nord")
    cases = [Case(f"party id {s!r}", "slug", "$.id", ("slug", repr(s)), partial(council, id=s))
             for s in bad]  # fmt: skip
    return [
        *cases,
        Case("signatory party", "slug", "$.party", ("slug",), partial(prefect, party="État")),
        Case("tranche convention", "slug", "$.convention", ("slug",),
             partial(tranche, convention="Nord")),
        Case("commitment convention not a slug", "slug", "$.conventions[1]", ("'Pas de Calais'",),
             partial(commitment, conventions=("nord", "Pas de Calais"))),
        Case("commitment funder", "slug", "$.funder", ("slug",), partial(commitment, funder="")),
        Case("commitment priority", "slug", "$.priority", ("slug",),
             partial(commitment, priority="Prévention")),
        Case("convention id", "slug", "$.id", ("slug",), partial(convention, id="nord 2018")),
        Case("priority id", "slug", "$.id", ("slug",), partial(priority, id="la prévention")),
        Case("programme id", "slug", "$.id", ("slug",), partial(programme, id="Plan_Pauvrete")),
    ]  # fmt: skip


def _text_cases() -> list[Case]:
    return [
        Case("empty name", "text", "$.name", ("empty",), partial(council, name="")),
        Case("blank name", "text", "$.name", ("blank",), partial(council, name="   ")),
        Case("padded name", "text", "$.name", ("spaces",), partial(council, name=" Nord")),
        Case("trailing space in a role", "text", "$.role", ("spaces",),
             partial(prefect, role="préfet du Nord ")),
        Case("line break in a role", "text", "$.role", ("control characters",),
             partial(prefect, role="préfet\ndu Nord")),
        Case("NUL in a name", "text", "$.name", ("control characters",),
             partial(participant, name="Alain\x00Neveü")),
        Case("C1 control in a label", "text", "$.label", ("control characters",),
             partial(priority, label="la\x9fprévention")),
        # U+2028 is a line break to str.splitlines(), so it breaks "one line" too.
        Case("line separator in a name", "text", "$.name", ("line",),
             partial(participant, name="Alain\u2028Neveü")),
        Case("lone surrogate in a label", "text", "$.label", ("surrogate",),
             partial(priority, label="sant\ud800")),
        Case("empty theme", "text", "$.themes[1]", ("empty",),
             partial(priority, themes=("santé", ""))),
        Case("empty territory name", "text", "$.name", ("empty",), partial(territory, name="")),
        Case("empty code within", "text", "$.within[0]", ("empty",),
             partial(territory, within=("",))),
        Case("empty party territory", "text", "$.territory", ("empty",),
             partial(council, territory="")),
        Case("padded place of signature", "text", "$.signed_at", ("spaces",),
             partial(convention, signed_at=" Lille")),
        Case("empty event", "text", "$.event", ("empty",), partial(convention, event="")),
        Case("empty title", "text", "$.title", ("empty",), partial(convention, title="")),
        Case("blank strategy name", "text", "$.name", ("blank",), partial(strategy, name="\t")),
        Case("empty milestone label", "text", "$.label", ("empty",), partial(milestone, label="")),
        Case("empty programme name", "text", "$.name", ("empty",), partial(programme, name="")),
        # Characters that display nothing: alone, or at either end of a name that would then
        # look like another.
        Case("zero-width space for a name", "text", "$.name", ("invisible", "U+200B"),
             partial(council, name="\u200b")),
        Case("Hangul filler and spaces for a name", "text", "$.name", ("invisible", "U+3164"),
             partial(participant, name=" \u3164 ")),
        Case("zero-width space after a name", "text", "$.name", ("displays nothing", "U+200B"),
             partial(council, name="Conseil départemental du Nord\u200b")),
        Case("variation selector after a zero-width space", "text", "$.name",
             ("displays nothing", "U+200B"), partial(council, name="Nord\u200b\ufe0f")),
        Case("word joiner before a role", "text", "$.role", ("displays nothing", "U+2060"),
             partial(prefect, role="\u2060préfet du Nord")),
        Case("tag after a theme", "text", "$.themes[0]", ("displays nothing", "U+E0041"),
             partial(priority, themes=("santé\U000e0041",))),
        Case("soft hyphen ending a code", "text", "$.code", ("displays nothing", "U+00AD"),
             partial(territory, code="59\u00ad")),
        # Bidirectional controls, anywhere: "etat" shown as "tate".
        Case("right-to-left override in a name", "text", "$.name", ("bidirectional", "U+202E"),
             partial(state, name="Ét\u202eat")),
        Case("left-to-right mark in a title", "text", "$.title", ("bidirectional", "U+200E"),
             partial(convention, title="Convention\u200e du Nord")),
        Case("isolate around a label", "text", "$.label", ("bidirectional", "index 0"),
             partial(milestone, label="\u2067Signature\u2069")),
        Case("Arabic letter mark in a party territory", "text", "$.territory", ("U+061C",),
             partial(council, territory="5\u061c9")),
        # Text that Unicode normalisation writes otherwise.
        Case("decomposed accent in a name", "text", "$.name", ("NFC", "index 10", "normalize"),
             partial(participant, name="Alain Neveu\u0308")),
        Case("ångström sign in a label", "text", "$.label", ("NFC",),
             partial(priority, label="\u212bge")),
    ]  # fmt: skip


def _unique_cases() -> list[Case]:
    twice = ("listed twice",)
    return [
        Case("party ids", "unique", "$.parties[2]", (*twice, "party id", "'etat'"),
             partial(convention, parties=(state(), council(), state(name="République")))),
        Case("priority ids", "unique", "$.priorities[1]", (*twice, "priority id"),
             partial(convention, priorities=(priority(), priority(label="prévention")))),
        Case("signatories", "unique", "$.signatories[2]", (*twice, "signatory"),
             partial(convention, signatories=(prefect(), president(), prefect(role="préfet")))),
        Case("participants", "unique", "$.participants[1]", (*twice, "participant"),
             partial(convention, participants=(participant(), participant(role="délégué")))),
        Case("convention ids", "unique", "$.conventions[1]", (*twice, "convention id", "'nord'"),
             partial(programme, conventions=(convention(), convention(title="Autre")),
                     commitments=(commitment(conventions=("nord",)),))),
        Case("commitment ids", "unique", "$.commitments[1]", (*twice, "commitment id"),
             partial(programme, commitments=(commitment(), commitment(amount=1)))),
        Case("milestones", "unique", "$.milestones[1]", (*twice, "milestone"),
             partial(programme, milestones=(milestone(), milestone()))),
        Case("axes", "unique", "$.axes[1]", (*twice, "axis id", "'sorties-ase'"),
             partial(strategy, axes=(axis(), axis(label="Autre libellé")))),
        Case("themes", "unique", "$.themes[2]", (*twice, "theme", "'santé'"),
             partial(priority, themes=("santé", "parentalité", "santé"))),
        Case("within codes", "unique", "$.within[1]", (*twice, "territory code", "'59'"),
             partial(area, within=("59", "59"))),
        Case("commitment conventions twice", "unique", "$.conventions[1]", (*twice, "convention"),
             partial(commitment, conventions=("nord", "nord"))),
        Case("tranches (year, convention)", "unique", "$.tranches[1]",
             (*twice, "year and convention", "2019"),
             partial(commitment, amount=Decimal("2000.00"),
                     tranches=(tranche(), tranche()))),
    ]  # fmt: skip


def _code_cases() -> list[Case]:
    refused = [
        Case(f"departement {code!r}", "territory-code", "$.code", ("departement code", repr(code)),
             partial(territory, code=code))
        for code in ("20", "96", "975", "977", "00", "2C", "2a", "9", "059")
    ]  # fmt: skip
    return [
        *refused,
        Case("region of 3 digits", "territory-code", "$.code", ("region code", "2 digits"),
             partial(territory, kind="region", code="032", within=())),
        Case("region of 1 digit", "territory-code", "$.code", ("region code",),
             partial(territory, kind="region", code="3", within=())),
        Case("commune of 4 digits", "territory-code", "$.code", ("commune code", "5 characters"),
             partial(territory, kind="commune", code="5935")),
        Case("commune of 6 digits", "territory-code", "$.code", ("commune code",),
             partial(territory, kind="commune", code="593500")),
        Case("EPCI of 8 digits", "territory-code", "$.code", ("epci code", "SIREN"),
             partial(territory, kind="epci", code="24590041")),
        Case("EPCI failing Luhn", "territory-code", "$.code", ("Luhn",),
             partial(territory, kind="epci", code="245900411")),
        Case("area not a slug", "territory-code", "$.code", ("area code", "slug"),
             partial(area, code="Bassin minier")),
        Case("within not a code", "territory-code", "$.within[1]", ("territory code", "'Nord'"),
             partial(area, within=("59", "Nord"))),
        Case("party territory not a code", "territory-code", "$.territory", ("territory code",),
             partial(council, territory="Nord")),
    ]  # fmt: skip


def _amount_cases() -> list[Case]:
    def at(value: object, *words: str, name: str | None = None) -> Case:
        return Case(name or f"amount {value!r}", "amount", "$.amount", words,
                    partial(tranche, amount=value))  # fmt: skip

    return [
        at(Decimal(0), "strictly positive"),
        at(0, "strictly positive", name="amount int 0"),
        at(Decimal("-1.00"), "strictly positive"),
        at(Decimal("-0"), "strictly positive"),
        at(Decimal("NaN"), "finite"),
        at(Decimal("sNaN"), "finite"),
        at(Decimal("Infinity"), "finite"),
        at(Decimal("-Infinity"), "finite"),
        at(10**15, "below 10^15", name="amount 10**15"),
        at(Decimal("1E+15"), "below 10^15"),
        at(Decimal("1.234"), "whole cents", "2 decimal places"),
        at(Decimal("999999999999999.995"), "whole cents"),
        Case("commitment amount 0", "amount", "$.amount", ("strictly positive",),
             partial(commitment, amount=Decimal("0.00"))),
    ]  # fmt: skip


def _type_cases() -> list[Case]:
    morning = dt.datetime(2019, 1, 1, 9, 30)
    return [
        Case("str for a date", "type", "$.start", ("a date", "'2019-01-01'"),
             partial(period, start="2019-01-01")),
        Case("datetime for a date", "type", "$.end", ("date", "time of day"),
             partial(period, end=morning)),
        Case("datetime for signed_on", "type", "$.signed_on", ("time of day",),
             partial(convention, signed_on=morning)),
        Case("None for a date", "type", "$.on", ("a date", "null"), partial(milestone, on=None)),
        Case("str for presented_on", "type", "$.presented_on", ("date",),
             partial(strategy, presented_on="2018-09-13")),
        Case("int for text", "type", "$.name", ("text", "int"), partial(council, name=59)),
        Case("None for text", "type", "$.role", ("text", "null"), partial(prefect, role=None)),
        Case("None for an id", "type", "$.id", ("slug",), partial(council, id=None)),
        Case("int theme", "type", "$.themes[0]", ("text",), partial(priority, themes=[3])),
        Case("str for within", "type", "$.within", ("tuple",), partial(territory, within="32")),
        Case("float for an amount", "type", "$.amount", ("float", "Decimal"),
             partial(tranche, amount=1000.0)),
        Case("float for a commitment amount", "type", "$.amount", ("float",),
             partial(commitment, amount=48e6)),
        Case("bool for an amount", "type", "$.amount", ("Decimal", "bool"),
             partial(tranche, amount=True)),
        Case("str for an amount", "type", "$.amount", ("Decimal",),
             partial(tranche, amount="1000.00")),
        Case("str for a year", "type", "$.year", ("year",), partial(tranche, year="2019")),
        Case("bool for a year", "type", "$.year", ("year",), partial(tranche, year=True)),
        Case("float for a year", "type", "$.year", ("year",), partial(tranche, year=2019.0)),
        Case("unknown party kind", "type", "$.kind", ("'state'", "'prefecture'"),
             partial(council, kind="prefecture")),
        Case("None for a territory kind", "type", "$.kind", ("'region'", "null"),
             partial(territory, kind=None)),
        Case("unknown basis", "type", "$.basis", ("'at_least'",),
             partial(commitment, basis="minimum")),
        Case("None for a required object", "type", "$.territory", ("a Territory", "null"),
             partial(convention, territory=None)),
        Case("None for a period", "type", "$.period", ("a Period",),
             partial(commitment, period=None)),
        Case("str for a period", "type", "$.period", ("a Period",),
             partial(programme, period="2019-2021")),
        Case("list of wrong objects", "type", "$.parties[1]", ("Party", "Territory"),
             partial(convention, parties=[state(), territory()], signatories=[prefect()])),
        Case("dict for a tranche", "type", "$.tranches[0]", ("Tranche", "dict"),
             partial(commitment, tranches=[{"year": 2019}])),
        Case("None for a collection", "type", "$.axes", ("tuple",), partial(strategy, axes=None)),
        Case("None in conventions", "type", "$.conventions[0]", ("Convention",),
             partial(programme, conventions=[None], commitments=())),
        Case("str for a strategy", "type", "$.strategy", ("a Strategy",),
             partial(programme, strategy="pauvreté")),
        Case("int for siren", "type", "$.siren", ("text",), partial(council, siren=245900410)),
    ]  # fmt: skip


def _convention_cases() -> list[Case]:
    return [
        Case("territory within itself", "within", "$.within[1]", ("within itself", "'59'"),
             partial(territory, within=("32", "59"))),
        Case("siren failing Luhn", "siren", "$.siren", ("Luhn", "'732829321'"),
             partial(council, siren="732829321")),
        Case("siren of 8 digits", "siren", "$.siren", ("9 digits",),
             partial(council, siren="73282932")),
        Case("siren with spaces", "siren", "$.siren", ("9 digits",),
             partial(council, siren="732 829 320")),
        Case("period ends before it starts", "period-order", "$.end",
             ("ends on 2019-01-01", "before it starts on 2021-12-31"),
             partial(period, start=END, end=START)),
        Case("years reversed", "period-order", "$.end", ("before it starts",),
             partial(Period.from_years, 2021, 2019)),
        Case("signatory not a party", "signatory-party", "$.signatories[1].party",
             ("Nicole Gruson", "'cd-pas-de-calais'", "not a party", "'cd-nord', 'etat'"),
             partial(convention, signatories=(
                 prefect(), president(name="Nicole Gruson", party="cd-pas-de-calais")))),
        Case("signed after the period", "signature-date", "$.signed_on",
             ("signed on 2022-01-01", "after its period ends on 2021-12-31"),
             partial(convention, signed_on=dt.date(2022, 1, 1))),
    ]  # fmt: skip


def _tranche_cases() -> list[Case]:
    def basis_case(basis: Basis, amount: str, *amounts: str, words: tuple[str, ...]) -> Case:
        return Case(f"{basis.value} {amount} vs tranches {'+'.join(amounts)}", "tranche-basis",
                    "$.tranches", words,
                    partial(commitment, basis=basis, amount=Decimal(amount),
                            tranches=tranches(*amounts)))  # fmt: skip

    return [
        Case("tranche after the years", "tranche-year", "$.tranches[1].year",
             ("2022", "2019–2021"),
             partial(commitment, amount=Decimal("2000.00"),
                     tranches=(tranche(), tranche(year=2022)))),
        Case("tranche before the years", "tranche-year", "$.tranches[0].year", ("2018",),
             partial(commitment, amount=Decimal("1000.00"), tranches=(tranche(year=2018),))),
        Case("tranche outside a one-year commitment", "tranche-year", "$.tranches[0].year",
             ("2020", "years 2019"),
             partial(commitment, period=Period.from_years(2019), amount=Decimal("1000.00"),
                     tranches=(tranche(year=2020),))),
        Case("tranche convention not covered", "tranche-convention", "$.tranches[0].convention",
             ("'bassin-minier'", "does not cover", "'nord', 'pas-de-calais'"),
             partial(commitment, amount=Decimal("1000.00"),
                     tranches=(tranche(convention="bassin-minier"),))),
        basis_case(Basis.AT_LEAST, "3000.00", "1000.00", "1999.99",
                   words=("2999.99", "at least 3000.00", "'at_least'")),
        basis_case(Basis.EXACTLY, "3000.00", "1000.00", "1999.99",
                   words=("2999.99", "exactly 3000.00")),
        basis_case(Basis.EXACTLY, "3000", "1000.00", "2000.01",
                   words=("3000.01", "exactly 3000.00")),
        basis_case(Basis.AT_MOST, "3000.00", "1000.00", "2000.00", "0.01",
                   words=("3000.01", "at most 3000.00", "'at_most'")),
    ]  # fmt: skip


def _programme_cases() -> list[Case]:
    longer = Period.from_years(2019, 2022)
    strangers = (
        Party(id="cd-nord", name="Département du Nord", kind="departement", territory="59",
              siren=MEL_SIREN),
    )  # fmt: skip
    return [
        Case("convention beyond the programme", "within-programme", "$.conventions[1].period",
             ("goes beyond", "programme's period"),
             partial(programme, conventions=(convention(), other_convention(period=longer)))),
        Case("commitment before the programme", "within-programme", "$.commitments[0].period",
             ("2018-01-01 – 2021-12-31", "goes beyond"),
             partial(programme, commitments=(commitment(period=Period.from_years(2018, 2021)),))),
        Case("commitment convention missing", "commitment-convention",
             "$.commitments[0].conventions[2]",
             ("'bassin-minier'", "not in the programme", "'nord', 'pas-de-calais'"),
             partial(programme, commitments=(
                 commitment(conventions=("nord", "pas-de-calais", "bassin-minier")),))),
        Case("funder not a party", "funder-party", "$.commitments[0].funder",
             ("'cd-nord'", "not a party", "'pas-de-calais'"),
             partial(programme, commitments=(commitment(funder="cd-nord"),))),
        Case("priority not a convention's", "commitment-priority", "$.commitments[0].priority",
             ("'insertion-emploi'", "not a priority", "'pas-de-calais'"),
             partial(programme,
                     conventions=(convention(priorities=(priority(), priority(
                         id="insertion-emploi", label="l'insertion", themes=()))),
                                  other_convention()),
                     commitments=(commitment(priority="insertion-emploi"),))),
        Case("party described twice", "party-consistency", "$.conventions[1].parties[1]",
             ("'cd-nord'", "described differently", "$.conventions[0].parties[1]"),
             partial(programme, conventions=(convention(), convention(
                 id="bassin-minier", kind="territoire_demonstrateur", territory=area(),
                 parties=(state(), *strangers))),
                     commitments=())),
    ]  # fmt: skip


def _amendment(**changes: Any) -> Amendment:
    """The Nord convention's prolongation to 2022, signed by the prefect."""
    defaults = {
        "id": "prolongation-2022",
        "title": "Avenant de prolongation",
        "signed_on": dt.date(2021, 12, 20),
        "signatories": (prefect(),),
        "period": Period.from_years(2019, 2022),
    }
    return Amendment(**{**defaults, **changes})


def _lifecycle_cases() -> list[Case]:
    yearly = _amendment(id="avenant-2020", signed_on=dt.date(2020, 7, 3), period=None)
    wider = Period.from_years(2019, 2022)
    extended = convention(amendments=(yearly, _amendment()))
    return [
        Case("amendments out of order", "amendment-order", "$.amendments[1].signed_on",
             ("2020-07-03", "before amendment 'prolongation-2022'", "order they were signed"),
             partial(convention, amendments=(_amendment(), yearly))),
        Case("amendment before its convention", "amendment-date", "$.amendments[0].signed_on",
             ("2018-06-01", "before the convention itself (2018-12-18)"),
             partial(convention, amendments=(
                 _amendment(signed_on=dt.date(2018, 6, 1)),))),
        Case("amendment signed after the period it sets", "amendment-date", "$.signed_on",
             ("2023-11-29", "after the period it sets ends on 2022-12-31"),
             partial(_amendment, signed_on=dt.date(2023, 11, 29))),
        Case("amendment ids twice in a convention", "unique", "$.amendments[1]",
             ("listed twice", "amendment id", "'prolongation-2022'"),
             partial(convention, amendments=(_amendment(), _amendment(title="Autre")))),
        Case("amendment signatory not a party", "signatory-party",
             "$.amendments[0].signatories[0].party", ("'cd-pas-de-calais'", "not a party"),
             partial(convention, amendments=(_amendment(signatories=(
                 president(name="Nicole Gruson", party="cd-pas-de-calais"),)),))),
        Case("collectivité code of a département council", "territory-code", "$.code",
             ("collectivite code", "'69M'", "'69D'"),
             partial(territory, code="69D", kind=TerritoryKind.COLLECTIVITE)),
        Case("relation of an unknown kind", "type", "$.kind", ("'follows'",),
             partial(Relation, kind="follows", convention="nord")),
        Case("convention related to itself", "related-convention", "$.related[0].convention",
             ("related to itself", "'nord'"),
             partial(convention, related=(Relation(kind="succeeds", convention="nord"),))),
        Case("spent before its year", "spend-by", "$.spend_by",
             ("2020 tranche", "2019-12-31", "2020-01-01 or later"),
             partial(tranche, year=2020, spend_by=dt.date(2019, 12, 31))),
        Case("commitment revising itself", "commitment-revision", "$.revises",
             ("revises itself", "'etat-2019-2021'"),
             partial(commitment, revises="etat-2019-2021")),
        Case("amendment period beyond the programme", "within-programme",
             "$.conventions[0].amendments[1].period",
             ("2019-01-01 – 2022-12-31", "'prolongation-2022'", "goes beyond"),
             partial(programme, conventions=(extended, other_convention()))),
        Case("amendment ids twice in a programme", "unique",
             "$.conventions[1].amendments[0].id",
             ("'avenant-2020'", "already an amendment of convention 'nord'"),
             partial(programme, conventions=(
                 convention(amendments=(yearly,)), other_convention(amendments=(yearly,))))),
        Case("related convention missing", "related-convention",
             "$.conventions[1].related[0].convention",
             ("'cantal'", "not in the programme", "'nord', 'pas-de-calais'"),
             partial(programme, conventions=(convention(), other_convention(
                 related=(Relation(kind="implements", convention="cantal"),))))),
        Case("act of no covered convention", "commitment-act", "$.commitments[0].act",
             ("'avenant-2020'", "not an amendment", "'nord', 'pas-de-calais'"),
             partial(programme, commitments=(commitment(act="avenant-2020"),))),
        Case("revision of a missing commitment", "commitment-revision",
             "$.commitments[0].revises", ("'etat-2018'", "not a commitment of the programme"),
             partial(programme, commitments=(commitment(revises="etat-2018"),))),
        Case("revision changing the funder", "commitment-revision", "$.commitments[1].revises",
             ("'cd-nord'", "'etat-2019-2021'", "keeps the funder"),
             partial(programme, period=wider, conventions=(
                 convention(period=wider), other_convention(period=wider)), commitments=(
                 commitment(), commitment(id="cd-nord-2020", funder="cd-nord",
                                          conventions=("nord",), revises="etat-2019-2021")))),
        Case("revisions in a circle", "commitment-revision", "$.commitments[0].revises",
             ("circle", "'etat-a' → 'etat-b' → 'etat-a'"),
             partial(programme, commitments=(
                 commitment(id="etat-a", revises="etat-b"),
                 commitment(id="etat-b", revises="etat-a")))),
    ]  # fmt: skip


def _money_cases() -> list[Case]:
    joint = partial(programme_with_money)
    return [
        # Measured values: exact, finite, bounded, at most six decimals; zero and below are fine.
        Case("measured value with 7 decimals", "number", "$.value",
             ("at most 6 decimal places", "0.1234567"),
             partial(measure, value=Decimal("0.1234567"))),
        Case("measured value not a number", "number", "$.value", ("finite", "NaN"),
             partial(measure, value=Decimal("NaN"))),
        Case("measured value infinite", "number", "$.value", ("finite",),
             partial(measure, value=Decimal("-Infinity"))),
        Case("measured value at the bound", "number", "$.value", ("-10^15 and 10^15",),
             partial(measure, value=10**15)),
        Case("measured value below minus the bound", "number", "$.value", ("-10^15 and 10^15",),
             partial(measure, value=Decimal("-1E+16"))),
        Case("measured value a float", "type", "$.value", ("not a float", "1.5"),
             partial(measure, value=1.5)),
        Case("measured value a bool", "type", "$.value", ("a number (a Decimal)", "a bool"),
             partial(measure, value=True)),
        # Ratios: strictly positive, below 1000, at most four decimals.
        Case("ratio of zero", "ratio", "$.ratio", ("strictly positive",),
             partial(match, ratio=0)),
        Case("negative ratio", "ratio", "$.ratio", ("strictly positive", "-0.5"),
             partial(match, ratio=Decimal("-0.5"))),
        Case("ratio of a thousand", "ratio", "$.ratio", ("below 1000",),
             partial(match, ratio=1000)),
        Case("ratio with 5 decimals", "ratio", "$.ratio", ("at most 4 decimal places", "0.33333"),
             partial(match, ratio=Decimal("0.33333"))),
        Case("ratio not a number", "ratio", "$.ratio", ("finite",),
             partial(match, ratio=Decimal("sNaN"))),
        Case("ratio a float", "type", "$.ratio", ("not a float", "0.5"),
             partial(match, ratio=0.5)),
        Case("ratio a bool", "type", "$.ratio", ("a ratio (a Decimal)", "a bool"),
             partial(match, ratio=True)),
        # Who funds a joint commitment.
        Case("funder among the co-funders", "co-funder", "$.co_funders[1]",
             ("'cd-nord'", "also named among the co-funders"),
             partial(joint_commitment, co_funders=("caisse-des-depots", "cd-nord"))),
        Case("co-funder neither party nor partner", "funder-party",
             "$.commitments[1].co_funders[0]",
             ("co-funder 'caisse-des-depots'", "convention 'nord'", "nor a partner"),
             partial(joint, partners=())),
        Case("co-funder party to one covered convention only", "funder-party",
             "$.commitments[1].co_funders[0]",
             ("co-funder 'cd-pas-de-calais'", "convention 'nord'"),
             partial(joint, commitments=(commitment(), joint_commitment(
                 funder="etat", co_funders=("cd-pas-de-calais",),
                 conventions=("nord", "pas-de-calais"))), payments=())),
        Case("funder neither party nor partner", "funder-party", "$.commitments[1].funder",
             ("funder 'region-hdf'", "nor a partner"),
             partial(joint, commitments=(commitment(), joint_commitment(funder="region-hdf")),
                     payments=())),
        Case("partner party to a convention", "partner", "$.partners[1].id",
             ("partner 'cd-nord'", "party to a convention"),
             partial(joint, partners=(partner(), council()))),
        # Actions and indicators within a convention.
        Case("action of no priority of the convention", "action-priority",
             "$.actions[0].priority", ("'sante'", "not a priority", "'prevention'"),
             partial(with_actions, actions=(action(priority="sante"),))),
        Case("action led by no party", "action-lead", "$.actions[0].lead",
             ("'cd-lens'", "not a party", "'cd-nord', 'etat'"),
             partial(with_actions, actions=(action(lead="cd-lens"),))),
        Case("indicator of no action", "indicator-action", "$.indicators[0].action",
             ("'logement'", "not an action", "'referents-parcours'"),
             partial(with_actions, indicators=(indicator(action="logement"),))),
        Case("commitment to no action of its conventions", "commitment-action",
             "$.commitments[1].action", ("'logement'", "not an action", "'nord'"),
             partial(joint, commitments=(commitment(), joint_commitment(action="logement")))),
        # Matching rules and payments within a programme.
        Case("match of no commitment", "match-commitment", "$.matches[0].commitment",
             ("'etat-2022'", "not a commitment"),
             partial(joint, matches=(match(commitment="etat-2022"),))),
        Case("match by no party", "match-party", "$.matches[0].by[1]",
             ("'cd-lens'", "neither a party", "nor a partner"),
             partial(joint, matches=(match(by=("cd-nord", "cd-lens")),))),
        Case("match by nobody", "match-party", "$.by", ("at least one party",),
             partial(match, by=())),
        Case("payment under no commitment", "payment-commitment", "$.payments[0].commitment",
             ("'etat-2018'", "not a commitment"),
             partial(joint, payments=(payment(commitment="etat-2018"),))),
        Case("payment outside the commitment's years", "payment-year", "$.payments[0].year",
             ("2022", "'etat-2019-2021'", "2019–2021"),
             partial(joint, payments=(payment(year=2022),))),
        Case("payment through a convention not covered", "payment-convention",
             "$.payments[1].convention", ("'pas-de-calais'", "'referents-2020'", "'nord'"),
             partial(joint, payments=(payment(), payment(
                 commitment="referents-2020", year=2020, convention="pas-de-calais")))),
        Case("payment amount in tenths of a cent", "amount", "$.amount", ("cents",),
             partial(payment, amount=Decimal("0.001"))),
        # Repeats.
        Case("partner ids", "unique", "$.partners[1]", ("listed twice", "partner id"),
             partial(joint, partners=(partner(), partner(name="CDC")))),
        Case("match ids", "unique", "$.matches[1]", ("listed twice", "match id"),
             partial(joint, matches=(match(), match(ratio=1)))),
        Case("payments", "unique", "$.payments[1]", ("listed twice", "payment"),
             partial(joint, payments=(payment(), payment(amount=16_000_000)))),
        Case("action ids", "unique", "$.actions[1]", ("listed twice", "action id"),
             partial(with_actions, actions=(action(), action(label="Autre")))),
        Case("indicator ids", "unique", "$.indicators[1]", ("listed twice", "indicator id"),
             partial(with_actions, indicators=(indicator(), indicator(unit="personnes")))),
        Case("target years", "unique", "$.targets[1]", ("listed twice", "target year", "2020"),
             partial(indicator, targets=(measure(), measure(value=3)))),
        Case("result years", "unique", "$.results[1]", ("listed twice", "result year", "2020"),
             partial(indicator, results=(measure(), measure(value=3)))),
        Case("co-funders twice", "unique", "$.co_funders[1]", ("listed twice", "co-funder"),
             partial(joint_commitment, co_funders=("caisse-des-depots", "caisse-des-depots"))),
        Case("match parties twice", "unique", "$.by[1]", ("listed twice", "party"),
             partial(match, by=("cd-nord", "cd-nord"))),
    ]  # fmt: skip


CASES: list[Case] = [
    *_slug_cases(),
    *_text_cases(),
    *_unique_cases(),
    *_code_cases(),
    *_amount_cases(),
    *_type_cases(),
    *_convention_cases(),
    *_tranche_cases(),
    *_programme_cases(),
    *_lifecycle_cases(),
    *_money_cases(),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_breaking_one_rule_reports_it(case: Case) -> None:
    violations = violations_of(case.build)
    assert {v.rule for v in violations} == {case.rule}, violations
    at_path = [v for v in violations if v.path == case.path]
    assert at_path, f"no violation at {case.path}: {violations}"
    for word in case.words:
        assert any(word in v.message for v in at_path), (word, at_path)


def _plain(value: Any) -> Any:
    """*value* as a plain document holds it: dates and vocabularies as text, lists for
    tuples; numbers stay exact Decimals and wrong values stay as they are."""
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value.value if isinstance(value, enum.Enum) else value


def _unchecked_document(build: Callable[[], object]) -> tuple[str, Any]:
    """The class name and plain document of what *build* builds, its checks put off."""
    with checks_deferred():
        built = build()
    return type(built).__name__, _plain(built)


@pytest.mark.parametrize("case", _money_cases(), ids=[c.name for c in _money_cases()])
def test_the_oracle_finds_what_the_library_reports_for_money(case: Case) -> None:
    reported = {(v.path, v.rule) for v in violations_of(case.build)}
    assert oracle.violations(*_unchecked_document(case.build)) == reported


def test_all_violations_of_money_are_reported_at_once() -> None:
    build = partial(
        programme_with_money,
        commitments=(commitment(), joint_commitment(co_funders=("cdc",))),
        partners=(partner(), council()),
        matches=(match(commitment="etat-2022", by=("cd-lens",)),),
        payments=(payment(year=2018), payment(commitment="etat-2018")),
    )
    expected = {
        ("$.commitments[1].co_funders[0]", "funder-party"),
        ("$.partners[1].id", "partner"),
        ("$.matches[0].commitment", "match-commitment"),
        ("$.matches[0].by[0]", "match-party"),
        ("$.payments[0].year", "payment-year"),
        ("$.payments[1].commitment", "payment-commitment"),
    }
    assert {(v.path, v.rule) for v in violations_of(build)} == expected
    assert oracle.violations(*_unchecked_document(build)) == expected


def test_a_convention_at_fault_is_not_judged_against_the_money() -> None:
    def build() -> object:
        broken = with_actions(actions=(action(lead="cd-lens"),), indicators=())
        # The joint commitment funds an action of a convention that cannot be built.
        return programme_with_money(conventions=(broken, other_convention()))

    expected = {("$.conventions[0].actions[0].lead", "action-lead")}
    class_name, document = _unchecked_document(build)
    with pytest.raises(ValidationError) as info:
        bassin_minier.from_dict(document, bassin_minier.Programme)
    assert {(v.path, v.rule) for v in info.value.violations} == expected
    assert oracle.violations(class_name, document) == expected


def test_every_rule_for_objects_has_a_case() -> None:
    object_rules = {rule.name for rule in RULES if not rule.documents_only}
    assert {case.rule for case in CASES} == object_rules


def test_every_rule_in_the_table_is_catalogued() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert {case.rule for case in CASES} <= set(names)


def test_case_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


# -- what the rules accept ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("region", "32"),
        ("departement", "01"),
        ("departement", "19"),
        ("departement", "21"),
        ("departement", "59"),
        ("departement", "95"),
        ("departement", "2A"),
        ("departement", "2B"),
        ("departement", "971"),
        ("departement", "974"),
        ("departement", "976"),
        ("commune", "59350"),
        ("commune", "2A004"),
        ("commune", "97411"),
        ("epci", MEL_SIREN),
        ("area", "bassin-minier-nord-pas-de-calais"),
    ],
)
def test_official_codes_are_accepted(kind: str, code: str) -> None:
    place = territory(kind=kind, code=code, within=())
    assert place.code == code
    assert place.kind is TerritoryKind(kind)


@pytest.mark.parametrize("siren", ["732829320", MEL_SIREN])
def test_siren_passing_luhn_is_accepted(siren: str) -> None:
    assert council(siren=siren).siren == siren


@given(st.text("0123456789", min_size=1, max_size=12))
def test_the_check_digit_is_the_one_last_digit_that_passes_luhn(body: str) -> None:
    passing = [digit for digit in "0123456789" if luhn_checksum(body + digit) == 0]
    assert passing == [luhn_check_digit(body)]
    if len(body) == 8:
        assert [digit for digit in "0123456789" if oracle.is_siren(body + digit)] == passing


@given(st.text("0123456789AB", max_size=4))
def test_a_departement_code_is_one_of_the_listed_codes(code: str) -> None:
    accepted = code_problem(TerritoryKind.DEPARTEMENT, code) is None
    assert accepted == (code in DEPARTEMENT_CODES) == (code in oracle.DEPARTEMENTS)


@pytest.mark.parametrize(
    "amount",
    [Decimal("0.01"), Decimal("1.230"), Decimal("48000000"), Decimal("999999999999999.99")],
    ids=str,
)
def test_amounts_in_whole_cents_below_the_bound_are_accepted(amount: Decimal) -> None:
    assert tranche(amount=amount).amount == amount


@pytest.mark.parametrize(
    "name",
    [
        "Alain Neveü",  # composed, as typed
        "Hauts-de-\u00adFrance",  # a soft hyphen between letters
        "Équipe 👩\u200d👩\u200d👧",  # joiners inside an emoji
        "Solidarité \u2764\ufe0f",  # a variation selector after the last visible character
        "می\u200cخواهم",  # a zero-width non-joiner inside a Persian word
        "Convention «\u00a0territoire démonstrateur\u00a0»",
        "\u05e2\u05d9\u05e8 Lille",  # right-to-left letters, without any control
    ],
)
def test_text_that_displays_as_it_is_stored_is_accepted(name: str) -> None:
    assert participant(name=name).name == name


# Characters near the edges of the text rule: spaces, controls, characters that display
# nothing, bidirectional controls, combining accents and letters they compose with.
_NEAR_THE_RULE = st.sampled_from(
    " \t\n\x00\x85\u00a0\u2028\ufeff\u00ad\u034f\u200b\u200d\u2060\u3164\ufe0f"
    "\U000e0041\u061c\u200e\u202e\u2066\u0301\u0308\u0327\u212bAeuçé\ud800"
)


@given(st.text(st.one_of(_NEAR_THE_RULE, st.characters()), max_size=6))
def test_the_text_rule_is_the_specification_s(value: str) -> None:
    assert is_text(value) == oracle.is_text(value)
    assert are_texts([value, "Nord"]) == is_text(value)
    assert (text_problem(value) is None) == is_text(value)


@given(texts())
def test_a_name_and_its_decomposed_spelling_are_never_both_valid(name: str) -> None:
    # Two parties whose names differ only by normalisation would look the same.
    decomposed = unicodedata.normalize("NFD", name)
    if decomposed == name:
        return
    with pytest.raises(ValidationError) as info:
        council(name=decomposed)
    assert [(v.path, v.rule) for v in info.value.violations] == [("$.name", "text")]
    assert 'unicodedata.normalize("NFC", text)' in info.value.violations[0].message


@pytest.mark.parametrize(
    ("basis", "amount", "amounts"),
    [
        (Basis.AT_LEAST, "3000.00", ("1000.00", "2000.00")),
        (Basis.AT_LEAST, "3000.00", ("1000.00", "2000.00", "0.01")),
        (Basis.EXACTLY, "3000.00", ("1000.00", "2000.00")),
        (Basis.EXACTLY, "3000", ("1000.0", "2000.000")),
        (Basis.AT_MOST, "3000.00", ("1000.00", "2000.00")),
        (Basis.AT_MOST, "3000.00", ("1000.00", "1999.99")),
    ],
)
def test_breakdown_honouring_the_basis_is_accepted(
    basis: Basis, amount: str, amounts: tuple[str, ...]
) -> None:
    built = commitment(basis=basis, amount=Decimal(amount), tranches=tranches(*amounts))
    assert built.tranche_total == sum(Decimal(a) for a in amounts)


@pytest.mark.parametrize(
    "signed_on", [dt.date(2018, 12, 18), START, END], ids=["before start", "on start", "on end"]
)
def test_signature_up_to_the_end_of_the_period_is_accepted(signed_on: dt.date) -> None:
    assert convention(signed_on=signed_on).signed_on == signed_on


def test_programme_accepts_periods_inside_its_own() -> None:
    one_year = Period.from_years(2020)
    built = programme(
        conventions=(convention(period=one_year), other_convention()),
        commitments=(commitment(period=one_year),),
    )
    assert built.commitments[0].period == one_year


def test_a_convention_without_signatories_is_valid() -> None:
    assert convention(signatories=(), signed_on=None, signed_at=None).signatories == ()


# -- several rules at once, evolve, messages ------------------------------------------------


def test_all_violations_of_a_party_are_reported_at_once() -> None:
    violations = violations_of(
        partial(Party, id="CD Nord", name=" Nord", kind="prefecture", territory="Nord", siren="1")
    )
    assert {(v.path, v.rule) for v in violations} == {
        ("$.id", "slug"),
        ("$.name", "text"),
        ("$.kind", "type"),
        ("$.territory", "territory-code"),
        ("$.siren", "siren"),
    }


def test_all_violations_of_a_convention_are_reported_at_once() -> None:
    violations = violations_of(
        partial(
            convention,
            id="Nord",
            parties=(state(), council(), council()),
            signatories=(prefect(), president(party="cd-lens")),
            participants=(participant(), "Alain Neveü"),
            signed_on=dt.date(2022, 7, 10),
            event="  ",
        )
    )
    assert {v.path for v in violations} == {
        "$.id",
        "$.parties[2]",
        "$.signatories[1].party",
        "$.participants[1]",
        "$.signed_on",
        "$.event",
    }


def test_all_violations_of_a_programme_are_reported_at_once() -> None:
    violations = violations_of(
        partial(
            programme,
            name="",
            commitments=(
                commitment(conventions=("nord", "lens"), period=Period.from_years(2019, 2022)),
                commitment(funder="cd-nord"),
            ),
        )
    )
    assert {(v.path, v.rule) for v in violations} == {
        ("$.name", "text"),
        ("$.commitments[0].period", "within-programme"),
        ("$.commitments[0].conventions[1]", "commitment-convention"),
        ("$.commitments[1]", "unique"),
        ("$.commitments[1].funder", "funder-party"),
    }


@pytest.mark.parametrize(
    ("valid", "changes", "path"),
    [
        (council, {"id": "CD-Nord"}, "$.id"),
        (period, {"end": dt.date(2018, 12, 31)}, "$.end"),
        (tranche, {"amount": Decimal("1.234")}, "$.amount"),
        (convention, {"signatories": (prefect(party="cd-lens"),)}, "$.signatories[0].party"),
        (programme, {"conventions": (convention(),)}, "$.commitments[0].conventions[1]"),
    ],
    ids=["party", "period", "tranche", "convention", "programme"],
)
def test_evolve_checks_the_new_object(
    valid: Callable[[], object], changes: dict[str, Any], path: str
) -> None:
    original = valid()
    violations = violations_of(partial(attrs.evolve, original, **changes))
    assert [v.path for v in violations] == [path]


def test_inconsistent_party_names_only_the_fields_that_differ() -> None:
    renamed = council(name="Département du Nord", siren=MEL_SIREN)
    other = other_convention(parties=(state(), renamed), signatories=(prefect(),))
    violations = violations_of(
        partial(programme, conventions=(convention(), other), commitments=())
    )
    (violation,) = violations
    assert violation.rule == "party-consistency"
    assert violation.path == "$.conventions[1].parties[1]"
    assert "name 'Département du Nord' instead of 'Conseil départemental du Nord'" in (
        violation.message
    )
    assert f"siren {MEL_SIREN!r} instead of None" in violation.message
    assert "kind" not in violation.message
    assert "territory" not in violation.message


# -- rule names, paths, amounts ---------------------------------------------------------------

SOURCE = Path(bassin_minier.__file__).parent

# Whatever reports a violation or declares a rule, and where it takes the rule's name.
REPORTERS = {"Violation": 2, "at": 2, "fail": 2, "_passes": 2, "optional_text": 2, "Rule": 0}


def test_every_rule_has_a_constant_and_every_constant_a_rule() -> None:
    constants = {
        name: value
        for name, value in vars(catalogue).items()
        if name.isupper() and isinstance(value, str)
    }
    assert set(constants.values()) == {rule.name for rule in RULES}
    assert len(set(constants.values())) == len(constants)
    for name, value in constants.items():
        assert name == value.upper().replace("-", "_")


def test_the_rules_outside_the_catalogue_have_constants_too() -> None:
    assert [rule.name for rule in GEOGRAPHY_RULES] == [cog.COG_CODE, cog.COG_NAME]
    outside = [cog.COG_CODE, cog.COG_NAME, exports.TABLE, exports.OCID_PREFIX]
    outside += [exports.OCDS_EMPTY, INVALID]
    assert set(outside).isdisjoint(rule.name for rule in RULES)
    assert len(set(outside)) == len(outside)
    assert Violation("$", "m").rule == INVALID
    assert ValidationError.at("$", "m").violations[0].rule == INVALID


def _named_rules(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        # A default for a rule's name: the parameter ``rule`` of a reporter, or a field.
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in REPORTERS:
            arguments = [*node.args.posonlyargs, *node.args.args]
            defaults = [
                *zip(
                    arguments[len(arguments) - len(node.args.defaults) :],
                    node.args.defaults,
                    strict=True,
                ),
                *zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True),
            ]
            given = [value for arg, value in defaults if arg.arg == "rule"]
        elif isinstance(node, ast.ClassDef) and node.name in REPORTERS:
            given = [
                statement.value
                for statement in node.body
                if isinstance(statement, ast.AnnAssign)
                and ast.unparse(statement.target) == "rule"
                and statement.value is not None
            ]
        elif isinstance(node, ast.Call):
            func = node.func
            called = ast.unparse(func).rpartition(".")[2]
            if called not in REPORTERS or (
                called == "at" and ast.unparse(func) != "ValidationError.at"
            ):
                continue
            keyword = "name" if called == "Rule" else "rule"
            given = [kw.value for kw in node.keywords if kw.arg == keyword]
            if len(node.args) > REPORTERS[called]:
                given.append(node.args[REPORTERS[called]])
        else:
            continue
        found += [
            (value.lineno, value.value)
            for value in given
            if isinstance(value, ast.Constant) and isinstance(value.value, str)
        ]
    return found


def test_no_module_names_a_rule_by_a_string_literal() -> None:
    spelt = [
        f"{path.relative_to(SOURCE)}:{line}: {name!r}"
        for path in sorted(SOURCE.rglob("*.py"))
        for line, name in _named_rules(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert spelt == []


def test_the_literal_check_sees_a_rule_spelt_out() -> None:
    code = (
        'check.fail("$.a", "wrong", "slug")\n'
        'Violation("$", "m", rule="type")\n'
        'ValidationError.at("$", "m", "amount")\n'
        'node.at("tranches", 0, "year")\n'
        'Rule("cog-code", "a code of the COG")\n'
        "def at(path: str, message: str, rule: str = 'invalid') -> None: ...\n"
        "def heading(title: str, rule: str = '=') -> None: ...\n"
        "class Violation:\n"
        "    rule: str = 'invalid'\n"
    )
    assert sorted(_named_rules(ast.parse(code))) == [
        (1, "slug"),
        (2, "type"),
        (3, "amount"),
        (5, "cog-code"),
        (6, "invalid"),
        (9, "invalid"),
    ]


# The start of a path written out: the root alone, or the root and a field or an item.
_ROOT_AND_MORE = re.compile(r"\$(?:\Z|[.\[])")
# Methods of str that take a "$" as text to look for, not as a path.
_TEXT_METHODS = {"replace", "split", "count", "find", "index", "startswith", "endswith"}


def _spelt_paths(tree: ast.AST) -> list[tuple[int, str]]:
    """Where *tree* writes a path by hand rather than with `bassin_minier._base.paths`.

    That is an f-string going on from a value named like a path with ``.`` or ``[``
    (``f"{path}.code"``), and a string (or the start of an f-string) that is the root
    ``$``, alone or followed by a field or an item, unless it is a docstring or the
    text a method of str looks for.
    """
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in node.values[1:])
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _TEXT_METHODS
        ):
            skipped.update(id(arg) for arg in node.args)
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr) and len(node.values) > 1:
            first, then = node.values[:2]
            if (
                isinstance(first, ast.FormattedValue)
                and "path" in ast.unparse(first.value).lower()
                and isinstance(then, ast.Constant)
                and str(then.value)[:1] in (".", "[")
            ):
                found.append((node.lineno, ast.unparse(node)))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _ROOT_AND_MORE.match(node.value)
        ):
            found.append((node.lineno, repr(node.value)))
    return found


def test_no_module_spells_a_path_by_hand() -> None:
    spelling = SOURCE / "_base" / "paths.py"
    spelt = [
        f"{path.relative_to(SOURCE)}:{line}: {text}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path != spelling
        for line, text in _spelt_paths(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert spelt == []


def test_the_path_check_sees_a_path_spelt_out() -> None:
    code = (
        "def f(path, where_path, index):\n"
        '    """Paths such as $.conventions[0] may be shown here."""\n'
        '    a = f"{path}.code"\n'
        '    b = f"{where_path}[{index}]"\n'
        '    c = "$"\n'
        '    d = f"$[{index}]"\n'
        '    e = "$.conventions"\n'
        '    g = "a $ b".replace("$", "euros")\n'
        '    h = f"{name}.csv"\n'
        '    i = rf"^{body}$"\n'
        '    j = "$x$ is mathtext"\n'
    )
    assert [line for line, _ in sorted(_spelt_paths(ast.parse(code)))] == [3, 4, 5, 6, 7]


def test_paths_are_spelt_from_the_root() -> None:
    start = paths.field(paths.ROOT, "conventions")
    assert paths.field(paths.item(start, 2), "signatories") == "$.conventions[2].signatories"
    assert paths.key("$", "funder") == "$.funder"
    assert paths.key("$", "a b") == '$["a b"]'
    assert paths.key("$", "é") == '$["é"]'
    assert paths.key("$", 5) == "$[an int (5)]"
    assert paths.under("$.commitments[0]", "$.tranches[1].year") == (
        "$.commitments[0].tranches[1].year"
    )
    assert paths.under("$.x", "$") == "$.x"
    assert Violation("$.a", "m").under("$[3]").path == "$[3].a"


def test_an_amount_is_held_with_two_decimals_and_never_a_float() -> None:
    assert str(money.as_amount(5)) == "5.00"
    assert str(money.as_amount(Decimal("1.230"))) == "1.23"
    refused: list[Any] = [True, 1.5, "1.00"]
    assert [money.as_amount(value) for value in refused] == refused
    assert money.held_amount_problem(Decimal("1.00")) is None
    assert money.held_amount_problem(Decimal("1.0")) == (
        "must be held with exactly two decimals, got Decimal('1.0')"
    )
    assert money.held_amount_problem(Decimal("1.234")) == money.amount_problem(Decimal("1.234"))
    assert money.float_problem(0.1, "a Decimal") == (
        "must be a Decimal, not a float (0.1): a float cannot hold cents exactly"
    )


def test_an_unread_field_has_a_sentinel_of_its_own_type() -> None:
    assert isinstance(UNREAD, Unread)
    assert list(Unread) == [UNREAD]
    assert repr(UNREAD) == "UNREAD"
