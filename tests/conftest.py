"""Test settings shared by the whole suite."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# A quick default while developing; CI asks for the thorough profile through
# HYPOTHESIS_PROFILE=ci.
settings.register_profile("dev", max_examples=50)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
# Mutation testing runs the suite once per mutant: few examples, and the same ones each
# time, so a mutant is judged on a stable sample.
settings.register_profile("mutation", max_examples=10, derandomize=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
