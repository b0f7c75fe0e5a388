"""The corpus summary (``python -m tests.corpus``) counts what the corpus files expect."""

from __future__ import annotations

import re

import pytest

from tests import corpus


def test_the_summary_counts_the_phrasings_expected_to_parse(
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus.main()
    lines = capsys.readouterr().out.splitlines()
    counts = {}
    for line in lines:
        match = re.fullmatch(r"(\w+): (\d+) of (\d+) phrasings parse \(\d+%\)", line)
        assert match, line
        counts[match[1]] = (int(match[2]), int(match[3]))
    for name in ("dates", "amounts", "signatories"):
        phrasings = corpus.phrasings(name)
        expected = sum(not p.rejected for p in phrasings)
        assert counts[name] == (expected, len(phrasings))
    kinds = ("dates", "amounts", "signatories")
    assert counts["all"] == (
        sum(counts[k][0] for k in kinds),
        sum(counts[k][1] for k in kinds),
    )
