"""Hypothesis strategies for bassin_minier objects and documents, for your own test suites.

Install with ``pip install 'bassin-minier[testing]'``; ``import bassin_minier`` alone
never imports Hypothesis.

**Valid objects.** There is a strategy for every model class (`MODEL_STRATEGIES` maps
each class to it) and for the values they are made of: `slugs`, `texts`, `dates`,
`amounts`, `sirens`, `territory_codes`. The constructors refuse anything invalid, so each
strategy builds its data to fit the rules (a SIREN gets its Luhn digit computed, tranches
are cut from the total they must honour, a programme draws its parties first and shares
them between its conventions) instead of drawing at random and throwing most of it away.

**Invalid documents.** `invalid_documents` draws JSON texts that break exactly one rule of
`bassin_minier.RULES`, each with the path where the library reports it. A document is a
valid object written with `bassin_minier.to_dict`, then changed at one place: the
changed value breaks the rule, and nothing else in the document refers to it in a way
that would break another. `breakable_rules` says which rules a document of a class can
break: a `Period` has no identifier, so it cannot break ``slug``.

These rules are in `RULES` but no document read with `bassin_minier.from_json` can
break them (`UNREPRESENTABLE_RULES` holds the same list):

- ``format-version``: only `bassin_minier.load` reads the ``format_version`` key that
  `bassin_minier.save` writes; to `from_json` that key is an unknown one, and breaks
  ``unknown-key``.

Strategies are built once, at import or for each new set of parameters: building them
anew for every draw would cost more than the drawing.
"""

# Each module imports only from those above it:
#   _arguments   checks of the arguments the public functions take
#   _values      slugs, texts, dates, periods, territory codes, SIRENs, amounts
#   _amendments  a convention's amendments and relations
#   _money       actions, measures, indicators, partners, matches and payments
#   _commitments tranches and funding commitments
#   _objects     a strategy for each model class, MODEL_STRATEGIES
#   _drafts      a valid object's plain form, changed in place and written as JSON
#   _spoils      values that break a rule
#   _sites       where each rule can be broken in a draft
#   _amendment_sites  where the rules of amendments, relations, acts, revisions and
#                spend-by days can be broken
#   _money_sites where the rules of actions, indicators, partners, joint commitments,
#                matches and payments can be broken
#   _invalid     InvalidDocument, breakable_rules, invalid_documents
# DEPARTEMENT_CODES is the list the library checks codes against.
from bassin_minier._rules.codes import DEPARTEMENT_CODES
from bassin_minier.testing._amendments import amendments, relations
from bassin_minier.testing._commitments import funding_commitments, tranches
from bassin_minier.testing._invalid import (
    UNREPRESENTABLE_RULES,
    InvalidDocument,
    breakable_rules,
    invalid_documents,
)
from bassin_minier.testing._money import actions, indicators, matches, measures, payments
from bassin_minier.testing._objects import (
    MODEL_STRATEGIES,
    conventions,
    milestones,
    participants,
    parties,
    priorities,
    programmes,
    signatories,
    strategies,
    territories,
)
from bassin_minier.testing._values import (
    amounts,
    dates,
    periods,
    sirens,
    slugs,
    territory_codes,
    texts,
)

__all__ = [
    "DEPARTEMENT_CODES",
    "MODEL_STRATEGIES",
    "UNREPRESENTABLE_RULES",
    "InvalidDocument",
    "actions",
    "amendments",
    "amounts",
    "breakable_rules",
    "conventions",
    "dates",
    "funding_commitments",
    "indicators",
    "invalid_documents",
    "matches",
    "measures",
    "milestones",
    "participants",
    "parties",
    "payments",
    "periods",
    "priorities",
    "programmes",
    "relations",
    "signatories",
    "sirens",
    "slugs",
    "strategies",
    "territories",
    "territory_codes",
    "texts",
    "tranches",
]
