"""`ParseError`: French text that cannot be read exactly as what was asked for."""

from __future__ import annotations

from bassin_minier._base.errors import BassinMinierError
from bassin_minier._base.shown import shown

__all__ = ["ParseError"]


class ParseError(BassinMinierError, ValueError):
    """Text that does not read, without guessing, as the date, amount or signatory asked for.

    *text* is the input as given; the message quotes it and says what was expected.
    """

    text: str

    def __init__(self, text: str, message: str) -> None:
        self.text = text
        super().__init__(f"cannot read {shown(text)}: {message}")

    def __reduce__(self) -> tuple[type[ParseError], tuple[str, str]]:
        # Keep the quoted message intact through pickling (multiprocessing, caches).
        prefix = f"cannot read {shown(self.text)}: "
        return (type(self), (self.text, str(self)[len(prefix) :]))
