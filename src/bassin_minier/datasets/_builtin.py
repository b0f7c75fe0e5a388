"""The built-in datasets, each read from the JSON file beside this module."""

from __future__ import annotations

import functools

from bassin_minier._io.documents import load
from bassin_minier._model.programme import Programme

__all__ = ["bassin_minier_2019"]


@functools.cache
def bassin_minier_2019() -> Programme:
    """The poverty plan in the Nord – Pas-de-Calais mining basin, 2019–2021.

    From the government news item of 15 July 2019 announcing the signature, in Lille on
    10 July 2019, of the « territoire démonstrateur » convention of the mining basin: its
    three conventions (Nord, Pas-de-Calais, bassin minier), the State's commitment of at
    least 48 million euros over 2019–2021, the national strategy and its milestones.

    The title of the mining-basin convention reads « mise en œuvre », where the source
    drops the « en » of the set phrase.

    >>> programme = bassin_minier_2019()
    >>> [c.id for c in programme.conventions]
    ['nord', 'pas-de-calais', 'bassin-minier']
    """
    from importlib import resources  # noqa: PLC0415 - only when a dataset is asked for

    source = resources.files(__package__).joinpath("bassin_minier_2019.json")
    with resources.as_file(source) as path:
        return load(path, Programme)
