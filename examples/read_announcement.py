"""Read a French announcement and compare what it says with the built-in dataset.

The announcement is the kind of news item a ministry publishes after a signature: a date
of publication, the day the convention was signed, the State's floor amount, and lists of
signatories and of people present. The script finds each of them with `bassin_minier.fr`,
checks the parties against the official geography, and says for each whether it agrees
with the mining-basin convention of the built-in dataset. It exits with status 1 when
anything disagrees or cannot be found.

Run: python examples/read_announcement.py [FILE]
(without FILE, it reads the short announcement kept with the tests)
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import bassin_minier as bm
from bassin_minier import Basis, Participant, fr
from bassin_minier.geography import validate_geography

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "fr" / "announcement.txt"


def listed_after(text: str, heading: str) -> str:
    """The bulleted lines that follow the line starting with *heading*."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip().startswith(heading)]
    if not starts:
        raise LookupError(f"no line starts with {heading!r}")
    block = []
    for line in lines[starts[0] + 1 :]:
        if line.strip().startswith("•"):
            block.append(line)
        elif line.strip():
            break
    return "\n".join(block)


def sentence_with(text: str, word: str) -> str:
    """The first sentence of *text* that holds *word* and a date."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if word in sentence and fr.find_dates(sentence):
            return sentence
    raise LookupError(f"no sentence with a date mentions {word!r}")


def euros(amount: Decimal) -> str:
    """An amount without trailing zeros, so that equal amounts read the same."""
    return format(amount.normalize(), "f")


def compare(what: str, found: object, expected: object) -> bool:
    """Print what the text says and whether the dataset says the same."""
    agrees = found == expected
    verdict = "agrees" if agrees else f"DIFFERS from the dataset: {expected}"
    print(f"{what}: {found} ({verdict})")
    return agrees


def read(text: str) -> list[bool]:
    """Each fact of the announcement compared with the dataset: True where they agree."""
    programme = bm.datasets.bassin_minier_2019()
    convention = programme.convention("bassin-minier")
    commitment = programme.commitment("etat-2019-2021")

    # The first date of the page is the day it was written: relative dates count from it.
    published = fr.find_dates(text)[0].value
    print(f"published on {published}")
    signature = sentence_with(text, "signature")
    checks = [
        compare("signed on", fr.find_dates(signature, reference=published)[0].value,
                convention.signed_on),
    ]  # fmt: skip
    mentioned = {found.value for found in fr.find_dates(text, reference=published)}
    if programme.strategy is not None and programme.strategy.presented_on:
        checks.append(
            compare("mentions the strategy's presentation",
                    programme.strategy.presented_on in mentioned, True)
        )  # fmt: skip

    floors = [f.value for f in fr.find_amounts(text) if f.value.basis is Basis.AT_LEAST]
    floor = f"at least {euros(floors[0].amount)} €" if floors else "none"
    checks.append(compare("floor", floor, f"at least {euros(commitment.amount)} €"))

    signing = fr.parse_signatories(listed_after(text, "Les signataires"))
    checks.append(
        compare("signatories", ", ".join(f"{s.name} ({s.party_id})" for s in signing),
                ", ".join(f"{s.name} ({s.party})" for s in convention.signatories))
    )  # fmt: skip
    checks.append(
        compare("their roles", tuple(s.signatory() for s in signing) == convention.signatories,
                True)
    )  # fmt: skip
    parties = {person.party() for person in signing}
    checks.append(
        compare("parties", ", ".join(sorted(p.name for p in parties)),
                ", ".join(sorted(p.name for p in convention.parties)))
    )  # fmt: skip
    problems = [str(v) for party in parties for v in validate_geography(party)]
    checks.append(compare("official geography problems", problems, []))

    present = fr.parse_signatories(listed_after(text, "En présence de"))
    participants = tuple(Participant(name=p.name, role=p.role) for p in present)
    checks.append(
        compare("present", ", ".join(p.name for p in participants),
                ", ".join(p.name for p in convention.participants))
    )  # fmt: skip
    checks.append(compare("their roles", participants == convention.participants, True))
    return checks


def main(path: Path) -> int:
    try:
        checks = read(path.read_text(encoding="utf-8"))
    except (LookupError, fr.ParseError) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1
    agreed = sum(checks)
    print(f"{agreed} of {len(checks)} facts agree with the dataset")
    return 0 if agreed == len(checks) else 1


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit("usage: python examples/read_announcement.py [FILE]")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) == 2 else DEFAULT))
