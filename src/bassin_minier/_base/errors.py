"""The exceptions the library raises on purpose, all rooted in `BassinMinierError`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from bassin_minier._base import paths
from bassin_minier._base.shown import shown, shown_list

__all__ = [
    "INVALID",
    "BassinMinierError",
    "FileError",
    "FormatVersionError",
    "MalformedDocumentError",
    "MissingExtraError",
    "UnknownIdError",
    "ValidationError",
    "Violation",
]

#: The rule a violation names when its reporter names none.
INVALID: Final = "invalid"


@attrs.frozen
class Violation:
    """One broken rule: where it is broken and what was expected.

    *path* is JSONPath-like (``$.conventions[2].signatories[1].party``), counted from the
    document root when loading and from the object being built when constructing.
    *rule* names the invariant (see :data:`bassin_minier.RULES`, and
    :data:`bassin_minier.geography.GEOGRAPHY_RULES` for the opt-in geography check), so
    tools can react to a kind of problem without parsing the message.
    """

    path: str
    message: str
    rule: str = INVALID

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def under(self, prefix: str) -> Violation:
        """The same violation seen from a container whose path to this object is *prefix*."""
        return attrs.evolve(self, path=paths.under(prefix, self.path))


class BassinMinierError(Exception):
    """Root of every exception bassin_minier raises on purpose."""


class ValidationError(BassinMinierError, ValueError):
    """Data that breaks one or more rules; `violations` lists every one of them."""

    violations: tuple[Violation, ...]

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations = tuple(violations)
        if not self.violations:
            raise ValueError("a ValidationError needs at least one violation")
        super().__init__(self.violations)

    def __str__(self) -> str:
        if len(self.violations) == 1:
            return str(self.violations[0])
        lines = "".join(f"\n  {v}" for v in self.violations)
        return f"{len(self.violations)} violations:{lines}"

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Violation, ...]]]:
        return (type(self), (self.violations,))

    @classmethod
    def at(cls, path: str, message: str, rule: str = INVALID) -> ValidationError:
        """An error holding the single violation *message* at *path*."""
        return cls([Violation(path, message, rule)])

    def under(self, prefix: str) -> ValidationError:
        """The same error seen from a container whose path to the failing object is *prefix*."""
        return type(self)(v.under(prefix) for v in self.violations)


class MalformedDocumentError(ValidationError):
    """Input that is not a JSON document at all: bad encoding, bad syntax, too deep."""


class FormatVersionError(ValidationError):
    """A saved file whose ``format_version`` this version of the library cannot read."""


class FileError(BassinMinierError, OSError):
    """A file that cannot be read or written; the operating system's error is the cause."""


class UnknownIdError(BassinMinierError, KeyError):
    """A look-up by identifier that names nothing in the collection searched."""

    def __str__(self) -> str:
        # KeyError quotes its argument, which reads badly for a sentence.
        return str(self.args[0]) if self.args else ""

    @classmethod
    def among(cls, what: str, wanted: str, where: str, known: Iterable[str]) -> UnknownIdError:
        """The error for a look-up of the *what* *wanted* among the *known* ids of *where*."""
        # Cut short like any value a user gives, but a look-up may be given a non-str.
        asked = shown(wanted) if isinstance(wanted, str) else repr(wanted)
        return cls(f"no {what} {asked} in {where} (known: {shown_list(known, 'none')})")


class MissingExtraError(BassinMinierError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""
