"""examples/explore.ipynb runs from top to bottom in a fresh kernel and shows what it says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parents[2] / "examples" / "explore.ipynb"


def text_of(cell: Any) -> str:
    """Everything a code cell showed: printed text, plain text and HTML results."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


@pytest.fixture(scope="module", name="notebook")
def executed_notebook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    folder = tmp_path_factory.mktemp("notebook")
    with pytest.MonkeyPatch.context() as patch:
        # jupyter_core warns about its old paths unless told to use the platform's.
        patch.setenv("JUPYTER_PLATFORM_DIRS", "1")
        patch.delenv("MPLBACKEND", raising=False)  # the kernel's inline charts
        client = NotebookClient(
            notebook,
            timeout=60,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
        )
        client.execute()
    return notebook


def test_the_notebook_is_stored_without_outputs() -> None:
    # Outputs are made by running it; stored ones would go stale and bloat the history.
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)


def test_it_runs_without_error(notebook: Any) -> None:
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"]


def test_it_shows_the_dataset_as_tables(notebook: Any) -> None:
    code = [c for c in notebook.cells if c.cell_type == "code"]
    programme, convention = text_of(code[0]), text_of(code[1])
    assert '<div class="bassin-minier">' in programme
    assert "48\u00a0000\u00a0000,00\u00a0€" in programme
    assert "Nicole Gruson" in convention
    assert "<Convention 'bassin-minier' territoire_demonstrateur 2019–2021" in convention


def test_it_shows_the_floor_missing_then_partly_broken_down(notebook: Any) -> None:
    shown = [text_of(c) for c in notebook.cells if c.cell_type == "code"]
    assert any("Decimal('48000000.00')" in text for text in shown)
    assert any("4800000000" in text and "nothing" in text for text in shown)
    assert any("Hypothetical" in c.source or "hypothetical" in c.source for c in notebook.cells)
    floor = next(text for text in shown if "still missing:" in text)
    assert "broken down so far: 16000000.00 € (from commitments)" in floor
    assert "still missing: 32000000.00 €" in floor
    assert "complete: False" in floor


def test_its_charts_are_drawn(notebook: Any) -> None:
    images = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "image/png" in o.get("data", {})
    ]
    # Funding, timeline, funding with the hypothetical year; for the 2017 engagement,
    # committed against paid, the dwellings indicator, and paid with the made-up report.
    assert len(images) == 6


def test_it_shows_promised_matched_and_paid_on_the_2017_engagement(notebook: Any) -> None:
    code = [c for c in notebook.cells if c.cell_type == "code"]
    start = next(i for i, c in enumerate(code) if "renouveau_bassin_minier_2017" in c.source)
    totals, matched, executed = (text_of(c) for c in code[start : start + 3])
    # The State once, by its latest revision; the joint billion under its funders together.
    spaced = " ".join(totals.split())  # whatever spaces group the digits
    assert "132 000 000,00 € etat" in spaced
    assert "1 000 000 000,00 € agglo-bethune-bruay+" in spaced
    # What is required is known; what the local authorities pledged is not.
    assert "132000000.00" in matched
    assert "<NA>" in matched
    assert "13200000000" in executed
    assert "<NA>" in executed
    shown = [text_of(c) for c in code[start:]]
    indicator = next(text for text in shown if "logements-energivores" in text)
    assert "23000" in indicator
    assert "30000" in indicator
    report = next(text for text in shown if "shortfall 9" in text)
    assert "required 132000000.00 €, pledged 40000000.00 €, shortfall 92000000.00 €" in report
    assert "committed 132000000.00 €, paid 30000000.00 €, remaining 102000000.00 €" in report
    assert any("made up" in c.source for c in notebook.cells[start:])
