"""Test settings shared by the whole suite."""

from __future__ import annotations

import builtins
import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from bassin_minier._io import convert as _convert
from bassin_minier._rules import fields as _fields

# No verdict may depend on how fast the machine is: a busy one (a shared CI runner, a
# laptop building something else) must pass or fail the same examples as an idle one. So
# no profile has a deadline, and the one health check that measures time, too_slow, is
# off; the others (data_too_large, filter_too_much, ...) count examples, not seconds.
UNTIMED: dict[str, Any] = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
# A quick default while developing; CI asks for the thorough profile through
# HYPOTHESIS_PROFILE=ci.
settings.register_profile("dev", max_examples=50, **UNTIMED)
settings.register_profile("ci", max_examples=300, print_blob=True, **UNTIMED)
# Mutation testing runs the suite once per mutant: few examples, and the same ones each
# time, so a mutant is judged on a stable sample.
settings.register_profile("mutation", max_examples=10, derandomize=True, **UNTIMED)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)

if PROFILE == "mutation":

    @pytest.fixture(autouse=True)
    def _fresh_converter() -> None:
        """Build the converter's hooks, and where field rules lie, anew for every test.

        They are built once per process otherwise, so a mutant in a hook would only ever
        run in the first test to read a document, and mutmut, which picks the tests to run
        for a mutant by the functions each test called, would miss the others.
        """
        _convert.reference_converter.cache_clear()
        _fields._ROUTES.clear()


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
