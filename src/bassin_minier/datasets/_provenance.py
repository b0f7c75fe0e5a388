"""`Provenance`: which sourced fact a value of a dataset comes from, and in which words.

The datasets built from the project's list of real agreements (facts with ids such as
``E7``, each a public source and the source's own sentence) keep, next to their data, one
`Provenance` per value: the value's path in the programme (the language of violations,
``$.commitments[0].amount``), the fact's id, and the words of the fact's sentence it is
read from.
"""

from __future__ import annotations

import attrs

__all__ = ["Provenance"]


@attrs.frozen(kw_only=True)
class Provenance:
    """The fact the value at *path* comes from, and the words of its sentence (*quote*).

    With no *note*, the value is written in *quote* as it stands: the same text, or the
    date, amount or number the quote writes. A *note* says how the value follows from the
    quote when it is not written there as it stands: a spelling corrected, a code looked
    up in the INSEE COG, a kind chosen from the library's vocabulary, a sum.

    A fact that gives another value than the one kept is listed too, with *kept* false:
    *quote* holds its words and *note* says why the other fact won.
    """

    path: str
    fact: str
    quote: str
    note: str | None = None
    kept: bool = True
