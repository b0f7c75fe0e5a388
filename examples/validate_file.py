"""Validate a JSON file and print every violation, with its path and rule.

The file is read as a Programme, or as the class named by the optional second argument
(Convention, FundingCommitment, ...). Exit status: 0 when the file is valid, 1 when it
is not, 2 when it cannot be read or the command line is wrong.

Run: python examples/validate_file.py FILE [CLASS]
"""

from __future__ import annotations

import sys

import bassin_minier as bm

USAGE = "usage: python examples/validate_file.py FILE [CLASS]"
CLASSES = {
    cls.__name__: cls
    for cls in (
        bm.Programme,
        bm.Convention,
        bm.FundingCommitment,
        bm.Strategy,
        bm.Territory,
        bm.Party,
        bm.Period,
    )
}


def main(arguments: list[str]) -> int:
    if len(arguments) not in (1, 2) or (len(arguments) == 2 and arguments[1] not in CLASSES):
        print(USAGE, f"(CLASS is one of {', '.join(CLASSES)})", sep="\n", file=sys.stderr)
        return 2
    path = arguments[0]
    cls = CLASSES[arguments[1] if len(arguments) == 2 else "Programme"]
    try:
        bm.load(path, cls)
    except bm.ValidationError as error:
        for violation in error.violations:
            print(f"{path}: {violation} [{violation.rule}]")
        print(f"{path}: invalid {cls.__name__}, {len(error.violations)} violation(s)")
        return 1
    except bm.FileError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 2
    print(f"{path}: valid {cls.__name__}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
