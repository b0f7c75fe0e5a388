"""The French phrasings the parsers are tested on, read from ``tests/data/fr/``.

Each file lists one phrasing a line with the outcome expected of it: a value, or
``rejected`` for a phrasing refused on purpose. Run ``python -m tests.corpus`` to see how
many phrasings of each file parse.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data" / "fr"
REJECTED = "rejected"


class Phrasing(NamedTuple):
    """One line of a corpus file: the text and the fields after it."""

    text: str
    fields: tuple[str, ...]
    line: int

    @property
    def rejected(self) -> bool:
        return self.fields[-1] == REJECTED

    def __str__(self) -> str:
        return f"line {self.line}: {self.text}"


def phrasings(name: str) -> list[Phrasing]:
    """The phrasings of ``tests/data/fr/<name>.txt``, comments and blank lines left out."""
    found = []
    lines = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.startswith("#"):
            text, *fields = line.split("|")
            found.append(Phrasing(text.strip(), tuple(f.strip() for f in fields), number))
    return found


def main() -> None:
    from bassin_minier import fr  # noqa: PLC0415

    readers = {
        "dates": lambda p: fr.parse_date(p.text, reference=reference(p)),
        "amounts": lambda p: fr.parse_amount(p.text),
        "signatories": lambda p: fr.parse_signatory(p.text),
    }
    total_parsed = total = 0
    for name, read in readers.items():
        cases = phrasings(name)
        parsed = 0
        for phrasing in cases:
            try:
                read(phrasing)
            except fr.ParseError:
                continue
            parsed += 1
        print(f"{name}: {parsed} of {len(cases)} phrasings parse ({parsed / len(cases):.0%})")
        total_parsed += parsed
        total += len(cases)
    print(f"all: {total_parsed} of {total} phrasings parse ({total_parsed / total:.0%})")


def reference(phrasing: Phrasing) -> dt.date | None:
    """The reference date of a phrasing of the dates corpus, if it has one."""
    return dt.date.fromisoformat(phrasing.fields[0]) if phrasing.fields[0] else None


if __name__ == "__main__":
    main()
