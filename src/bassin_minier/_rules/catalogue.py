"""The catalogue of rules a `Violation` can name, with what each one asks for.

Each rule's name is also a constant here (``TRANCHE_YEAR = "tranche-year"``): code that
reports a violation names its rule by the constant, so a misspelt name cannot slip through.
"""

from __future__ import annotations

from typing import Final

import attrs

__all__ = [
    "ACTION_LEAD",
    "ACTION_PRIORITY",
    "AMENDMENT_DATE",
    "AMENDMENT_ORDER",
    "AMOUNT",
    "COMMITMENT_ACT",
    "COMMITMENT_ACTION",
    "COMMITMENT_CONVENTION",
    "COMMITMENT_PRIORITY",
    "COMMITMENT_REVISION",
    "CO_FUNDER",
    "DUPLICATE_KEY",
    "FORMAT_VERSION",
    "FUNDER_PARTY",
    "INDICATOR_ACTION",
    "JSON",
    "MATCH_COMMITMENT",
    "MATCH_PARTY",
    "NUMBER",
    "PARTNER",
    "PARTY_CONSISTENCY",
    "PAYMENT_COMMITMENT",
    "PAYMENT_CONVENTION",
    "PAYMENT_YEAR",
    "PERIOD_ORDER",
    "RATIO",
    "RELATED_CONVENTION",
    "REQUIRED",
    "RULES",
    "SIGNATORY_PARTY",
    "SIGNATURE_DATE",
    "SIREN",
    "SLUG",
    "SPEND_BY",
    "TERRITORY_CODE",
    "TEXT",
    "TRANCHE_BASIS",
    "TRANCHE_CONVENTION",
    "TRANCHE_YEAR",
    "TYPE",
    "UNIQUE",
    "UNKNOWN_KEY",
    "WITHIN",
    "WITHIN_PROGRAMME",
    "Rule",
]


@attrs.frozen
class Rule:
    """A named rule: `Violation.rule` holds its *name*."""

    name: str
    summary: str
    #: Whether the rule only concerns reading documents, not building objects in Python.
    documents_only: bool = False


# How a document is written.
JSON: Final = "json"
FORMAT_VERSION: Final = "format-version"
DUPLICATE_KEY: Final = "duplicate-key"
UNKNOWN_KEY: Final = "unknown-key"
REQUIRED: Final = "required"
# What each value is.
TYPE: Final = "type"
TEXT: Final = "text"
SLUG: Final = "slug"
UNIQUE: Final = "unique"
TERRITORY_CODE: Final = "territory-code"
WITHIN: Final = "within"
SIREN: Final = "siren"
AMOUNT: Final = "amount"
PERIOD_ORDER: Final = "period-order"
NUMBER: Final = "number"
RATIO: Final = "ratio"
# How the parts of a convention and a commitment fit together.
SIGNATORY_PARTY: Final = "signatory-party"
SIGNATURE_DATE: Final = "signature-date"
TRANCHE_YEAR: Final = "tranche-year"
TRANCHE_CONVENTION: Final = "tranche-convention"
TRANCHE_BASIS: Final = "tranche-basis"
SPEND_BY: Final = "spend-by"
CO_FUNDER: Final = "co-funder"
# How a convention's amendments and links fit together.
AMENDMENT_ORDER: Final = "amendment-order"
AMENDMENT_DATE: Final = "amendment-date"
# How a convention's actions and indicators fit together.
ACTION_PRIORITY: Final = "action-priority"
ACTION_LEAD: Final = "action-lead"
INDICATOR_ACTION: Final = "indicator-action"
# How the parts of a programme fit together.
WITHIN_PROGRAMME: Final = "within-programme"
COMMITMENT_CONVENTION: Final = "commitment-convention"
FUNDER_PARTY: Final = "funder-party"
COMMITMENT_PRIORITY: Final = "commitment-priority"
PARTY_CONSISTENCY: Final = "party-consistency"
RELATED_CONVENTION: Final = "related-convention"
COMMITMENT_ACT: Final = "commitment-act"
COMMITMENT_REVISION: Final = "commitment-revision"
PARTNER: Final = "partner"
COMMITMENT_ACTION: Final = "commitment-action"
MATCH_COMMITMENT: Final = "match-commitment"
MATCH_PARTY: Final = "match-party"
PAYMENT_COMMITMENT: Final = "payment-commitment"
PAYMENT_YEAR: Final = "payment-year"
PAYMENT_CONVENTION: Final = "payment-convention"

#: Every rule, in the order the documentation presents them.
RULES: tuple[Rule, ...] = (
    # How a document is written.
    Rule(JSON, "a document is UTF-8 JSON text, not nested absurdly deep", True),
    Rule(FORMAT_VERSION, "a saved file's format_version is one this library reads", True),
    Rule(DUPLICATE_KEY, "no key appears twice in the same JSON object", True),
    Rule(UNKNOWN_KEY, "every key is a field of the object it appears in", True),
    Rule(REQUIRED, "every required field is present", True),
    # What each value is.
    Rule(TYPE, "every field holds a value of its type (dates are dates, amounts Decimals…)"),
    Rule(
        TEXT,
        "required text is non-empty, on one line, in Unicode form NFC, without spaces or "
        "invisible characters at its ends or bidirectional controls anywhere",
    ),
    Rule(SLUG, "identifiers are slugs: lowercase letters and digits joined by hyphens"),
    Rule(UNIQUE, "identifiers (and other listed items) are unique within their collection"),
    Rule(TERRITORY_CODE, "territory codes follow the INSEE COG for their kind"),
    Rule(WITHIN, "a territory does not lie within itself"),
    Rule(SIREN, "a SIREN has 9 digits and passes the Luhn checksum"),
    Rule(AMOUNT, "amounts are positive euros below 10^15 in whole cents"),
    Rule(PERIOD_ORDER, "a period does not end before it starts"),
    Rule(
        NUMBER,
        "a measured value is a finite number between -10^15 and 10^15 with at most 6 "
        "decimal places",
    ),
    Rule(RATIO, "a matching ratio is positive, below 1000, with at most 4 decimal places"),
    # How the parts of a convention and a commitment fit together.
    Rule(SIGNATORY_PARTY, "a signatory represents a party to its convention"),
    Rule(SIGNATURE_DATE, "a convention is not signed after its period ends"),
    Rule(TRANCHE_YEAR, "a tranche falls in one of its commitment's years"),
    Rule(TRANCHE_CONVENTION, "a tranche goes through one of its commitment's conventions"),
    Rule(TRANCHE_BASIS, "listed tranches add up to the amount as the basis demands"),
    Rule(SPEND_BY, "a tranche's money is not to be spent by a day before its year begins"),
    Rule(CO_FUNDER, "a commitment's co-funders are others than its funder"),
    # How a convention's amendments and links fit together.
    Rule(AMENDMENT_ORDER, "a convention's amendments are listed in the order they were signed"),
    Rule(
        AMENDMENT_DATE,
        "an amendment is not signed before its convention, nor after the period it sets ends",
    ),
    # How a convention's actions and indicators fit together.
    Rule(ACTION_PRIORITY, "an action carries out a priority of its convention"),
    Rule(ACTION_LEAD, "an action is led by a party to its convention"),
    Rule(INDICATOR_ACTION, "an indicator measures an action of its convention"),
    # How the parts of a programme fit together.
    Rule(WITHIN_PROGRAMME, "conventions and commitments lie within the programme's period"),
    Rule(COMMITMENT_CONVENTION, "a commitment covers conventions of its programme"),
    Rule(
        FUNDER_PARTY,
        "a commitment's funder and co-funders are parties to each convention it covers, or "
        "partners of the programme",
    ),
    Rule(COMMITMENT_PRIORITY, "a commitment's priority is one of each covered convention's"),
    Rule(PARTY_CONSISTENCY, "a party id names the same party in every convention"),
    Rule(RELATED_CONVENTION, "a convention is related to other conventions of its programme"),
    Rule(COMMITMENT_ACT, "a commitment is made by an amendment of a convention it covers"),
    Rule(
        COMMITMENT_REVISION,
        "a commitment revises another commitment of the same funder, never in a circle",
    ),
    Rule(PARTNER, "a programme's partner is party to none of its conventions"),
    Rule(COMMITMENT_ACTION, "a commitment's action is an action of a convention it covers"),
    Rule(MATCH_COMMITMENT, "a matching rule names a commitment of the programme"),
    Rule(MATCH_PARTY, "a matching rule is met by parties or partners of the programme"),
    Rule(PAYMENT_COMMITMENT, "a payment names a commitment of the programme"),
    Rule(PAYMENT_YEAR, "a payment falls in one of its commitment's years"),
    Rule(PAYMENT_CONVENTION, "a payment goes through one of its commitment's conventions"),
)
