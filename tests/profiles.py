"""The Hypothesis settings of the suite, in one place: the profiles and the shares of them.

``HYPOTHESIS_PROFILE`` picks the profile (``dev`` by default, ``ci`` for the thorough run,
``mutation`` for mutation testing); a test that needs fewer examples than the profile gives
asks for a share of it here rather than a number of its own, so that the CI profile still
runs it harder than the quick one.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, Phase, settings

__all__ = ["FEWER", "FEWEST", "PROFILE", "UNTIMED"]

# No verdict may depend on how fast the machine is: a busy one (a shared CI runner, a
# laptop building something else) must pass or fail the same examples as an idle one. So
# no profile has a deadline, and the one health check that measures time, too_slow, is
# off; the others (data_too_large, filter_too_much, ...) count examples, not seconds.
UNTIMED: dict[str, Any] = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
# A quick default while developing; CI asks for the thorough profile through
# HYPOTHESIS_PROFILE=ci.
settings.register_profile("dev", max_examples=50, **UNTIMED)
# 200 examples: four times the quick profile, and a suite that runs, on two cores, in a
# time a contributor waits for.
settings.register_profile("ci", max_examples=200, print_blob=True, **UNTIMED)
# Mutation testing runs the suite once per mutant: few examples, and the same ones each
# time, so a mutant is judged on a stable sample.
settings.register_profile("mutation", max_examples=10, derandomize=True, **UNTIMED)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)

# Programmes are by far the slowest objects to draw: properties about them alone take a
# third of the examples of the profile in use (the CI profile still gives them 66), and
# a tenth when the property is repeated for every rule.
FEWER = settings(max_examples=max(10, settings.default.max_examples // 3))
# A failing programme document is shown whole: shrinking one can take minutes, as every
# simpler programme offers other places to break the rule.
FEWEST = settings(
    max_examples=max(5, settings.default.max_examples // 10),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
