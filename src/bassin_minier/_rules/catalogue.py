"""The catalogue of rules a `Violation` can name, with what each one asks for."""

from __future__ import annotations

import attrs

__all__ = ["RULES", "Rule"]


@attrs.frozen
class Rule:
    """A named rule: `Violation.rule` holds its *name*."""

    name: str
    summary: str
    #: Whether the rule only concerns reading documents, not building objects in Python.
    documents_only: bool = False


#: Every rule, in the order the documentation presents them.
RULES: tuple[Rule, ...] = (
    # How a document is written.
    Rule("json", "a document is UTF-8 JSON text, not nested absurdly deep", True),
    Rule("format-version", "a saved file's format_version is one this library reads", True),
    Rule("duplicate-key", "no key appears twice in the same JSON object", True),
    Rule("unknown-key", "every key is a field of the object it appears in", True),
    Rule("required", "every required field is present", True),
    # What each value is.
    Rule("type", "every field holds a value of its type (dates are dates, amounts Decimals…)"),
    Rule(
        "text",
        "required text is non-empty, on one line, in Unicode form NFC, without spaces or "
        "invisible characters at its ends or bidirectional controls anywhere",
    ),
    Rule("slug", "identifiers are slugs: lowercase letters and digits joined by hyphens"),
    Rule("unique", "identifiers (and other listed items) are unique within their collection"),
    Rule("territory-code", "territory codes follow the INSEE COG for their kind"),
    Rule("within", "a territory does not lie within itself"),
    Rule("siren", "a SIREN has 9 digits and passes the Luhn checksum"),
    Rule("amount", "amounts are positive euros below 10^15 in whole cents"),
    Rule("period-order", "a period does not end before it starts"),
    # How the parts of a convention and a commitment fit together.
    Rule("signatory-party", "a signatory represents a party to its convention"),
    Rule("signature-date", "a convention is not signed after its period ends"),
    Rule("tranche-year", "a tranche falls in one of its commitment's years"),
    Rule("tranche-convention", "a tranche goes through one of its commitment's conventions"),
    Rule("tranche-basis", "listed tranches add up to the amount as the basis demands"),
    # How the parts of a programme fit together.
    Rule("within-programme", "conventions and commitments lie within the programme's period"),
    Rule("commitment-convention", "a commitment covers conventions of its programme"),
    Rule("funder-party", "a commitment's funder is a party to each convention it covers"),
    Rule("commitment-priority", "a commitment's priority is one of each covered convention's"),
    Rule("party-consistency", "a party id names the same party in every convention"),
)
