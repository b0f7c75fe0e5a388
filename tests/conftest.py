"""Fixtures shared by the whole suite; the Hypothesis profiles are in `tests.profiles`."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

import pytest

from bassin_minier._io import convert as _convert
from bassin_minier._model.registry import MODEL_CLASSES
from bassin_minier._rules import fields as _fields
from tests.profiles import PROFILE

if PROFILE == "mutation":

    @pytest.fixture(autouse=True)
    def _fresh_converter() -> None:
        """Build the converter's hooks, and each class's judging function, anew for every test.

        They are built once per process otherwise, so a mutant in a hook would only ever
        run in the first test to read a document, and mutmut, which picks the tests to run
        for a mutant by the functions each test called, would miss the others.
        """
        _convert.reference_converter.cache_clear()
        for cls in MODEL_CLASSES:
            rules = _fields.rules_of(cls)
            rules._judge = rules._first_judge  # written again on first use


@pytest.fixture
def hide_package(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make importing a package (and its submodules) fail, as if it were not installed."""

    def hide(package: str) -> None:
        real_import = builtins.__import__

        def importing(name: str, *args: Any, **kwargs: Any) -> Any:
            if name == package or name.startswith(f"{package}."):
                raise ImportError(f"No module named {name!r}")
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", importing)

    return hide
