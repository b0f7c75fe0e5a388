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
    assert len(images) == 3  # funding, timeline, funding with the hypothetical year
