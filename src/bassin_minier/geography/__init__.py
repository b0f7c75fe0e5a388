"""The official geography: the régions and départements of the INSEE COG.

The tables hold the 18 régions and 101 départements of the *Code officiel géographique*
as of 1 January 2025 (code, official name, and the région of each département). They are
read from the package on first use, not when `bassin_minier` is imported.

>>> from bassin_minier.geography import departement, region
>>> nord = departement("59")
>>> nord.name, nord.region
('Nord', '32')
>>> departement("pas de calais").code
'62'
>>> region(nord.region).name
'Hauts-de-France'

`validate_geography` is an opt-in check, stricter than the model's own rules: a territory
of kind région or département must use a code that exists and its official name.
"""

from __future__ import annotations

from bassin_minier.geography._cog import (
    GEOGRAPHY_RULES,
    Departement,
    Region,
    departement,
    departements,
    name_key,
    region,
    regions,
    validate_geography,
)

__all__ = [
    "GEOGRAPHY_RULES",
    "Departement",
    "Region",
    "departement",
    "departements",
    "name_key",
    "region",
    "regions",
    "validate_geography",
]
