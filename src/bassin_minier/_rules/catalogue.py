"""The catalogue of rules a `Violation` can name, with what each one asks for.

Each rule's name is also a constant here (``TRANCHE_YEAR = "tranche-year"``): code that
reports a violation names its rule by the constant, so a misspelt name cannot slip through.
"""

from __future__ import annotations

from typing import Final

import attrs

__all__ = [
    "AMENDMENT_DATE",
    "AMENDMENT_ORDER",
    "AMOUNT",
    "COMMITMENT_ACT",
    "COMMITMENT_CONVENTION",
    "COMMITMENT_PRIORITY",
    "COMMITMENT_REVISION",
    "DUPLICATE_KEY",
    "FORMAT_VERSION",
    "FUNDER_PARTY",
    "JSON",
    "PARTY_CONSISTENCY",
    "PERIOD_ORDER",
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
# How the parts of a convention and a commitment fit together.
SIGNATORY_PARTY: Final = "signatory-party"
SIGNATURE_DATE: Final = "signature-date"
TRANCHE_YEAR: Final = "tranche-year"
TRANCHE_CONVENTION: Final = "tranche-convention"
TRANCHE_BASIS: Final = "tranche-basis"
SPEND_BY: Final = "spend-by"
# How a convention's amendments and links fit together.
AMENDMENT_ORDER: Final = "amendment-order"
AMENDMENT_DATE: Final = "amendment-date"
# How the parts of a programme fit together.
WITHIN_PROGRAMME: Final = "within-programme"
COMMITMENT_CONVENTION: Final = "commitment-convention"
FUNDER_PARTY: Final = "funder-party"
COMMITMENT_PRIORITY: Final = "commitment-priority"
PARTY_CONSISTENCY: Final = "party-consistency"
RELATED_CONVENTION: Final = "related-convention"
COMMITMENT_ACT: Final = "commitment-act"
COMMITMENT_REVISION: Final = "commitment-revision"

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
    # How the parts of a convention and a commitment fit together.
    Rule(SIGNATORY_PARTY, "a signatory represents a party to its convention"),
    Rule(SIGNATURE_DATE, "a convention is not signed after its period ends"),
    Rule(TRANCHE_YEAR, "a tranche falls in one of its commitment's years"),
    Rule(TRANCHE_CONVENTION, "a tranche goes through one of its commitment's conventions"),
    Rule(TRANCHE_BASIS, "listed tranches add up to the amount as the basis demands"),
    Rule(SPEND_BY, "a tranche's money is not to be spent by a day before its year begins"),
    # How a convention's amendments and links fit together.
    Rule(AMENDMENT_ORDER, "a convention's amendments are listed in the order they were signed"),
    Rule(
        AMENDMENT_DATE,
        "an amendment is not signed before its convention, nor after the period it sets ends",
    ),
    # How the parts of a programme fit together.
    Rule(WITHIN_PROGRAMME, "conventions and commitments lie within the programme's period"),
    Rule(COMMITMENT_CONVENTION, "a commitment covers conventions of its programme"),
    Rule(FUNDER_PARTY, "a commitment's funder is a party to each convention it covers"),
    Rule(COMMITMENT_PRIORITY, "a commitment's priority is one of each covered convention's"),
    Rule(PARTY_CONSISTENCY, "a party id names the same party in every convention"),
    Rule(RELATED_CONVENTION, "a convention is related to other conventions of its programme"),
    Rule(COMMITMENT_ACT, "a commitment is made by an amendment of a convention it covers"),
    Rule(
        COMMITMENT_REVISION,
        "a commitment revises another commitment of the same funder, never in a circle",
    ),
)
