"""Datasets shipped with bassin_minier, read through the public loader.

Every fact in them comes from a published source; the documentation page
"The built-in dataset" quotes, for each value, the sentence it comes from.
"""

from __future__ import annotations

from bassin_minier.datasets._builtin import (
    bassin_minier_2019,
)

__all__ = [
    "bassin_minier_2019",
]
