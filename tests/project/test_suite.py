"""The suite's own settings: no verdict depends on how fast the machine is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("name", ["dev", "ci", "mutation"])
def test_no_profile_has_a_deadline_or_a_health_check_on_time(name: str) -> None:
    profile = settings.get_profile(name)
    assert profile.deadline is None
    assert HealthCheck.too_slow in profile.suppress_health_check


def test_no_property_sets_a_deadline_of_its_own() -> None:
    # A test's own settings replace the profile's: one deadline there brings the clock back.
    sources = [
        *ROOT.glob("tests/**/*.py"),
        *ROOT.glob("src/bassin_minier/**/*.py"),
        *ROOT.glob("docs/*.md"),
        ROOT / "README.md",
    ]
    timed = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in sources
        for match in re.finditer(r"deadline\s*=\s*(?!None\b)[\w.(]+", path.read_text("utf-8"))
    ]
    assert timed == []
