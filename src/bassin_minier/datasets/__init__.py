"""Datasets shipped with bassin_minier.

Every fact in them comes from a published source. The documentation page "The built-in
dataset" quotes, for each value of `bassin_minier_2019`, the sentence it comes from; the
page "The renewal of the mining basin (2017)" gives the sourced fact behind each value of
`renouveau_bassin_minier_2017`.
"""

from __future__ import annotations

from bassin_minier.datasets._builtin import (
    bassin_minier_2019,
)
from bassin_minier.datasets._renouveau import (
    renouveau_bassin_minier_2017,
)

__all__ = [
    "bassin_minier_2019",
    "renouveau_bassin_minier_2017",
]
