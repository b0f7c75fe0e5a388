"""What importing the library loads, and what it leaves for later.

Each check runs in a fresh interpreter, where nothing the test suite imported can hide a
module the statement itself would load.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bassin_minier

# What `import bassin_minier` must leave alone: optional parts, heavy libraries, and what
# only one command or one kind of document needs.
ON_DEMAND = (
    "argparse",
    "bassin_minier.analysis._rows",
    "bassin_minier._cli",
    "bassin_minier.export._csv",
    "bassin_minier.export._csvtext",
    "bassin_minier._model.display",
    "bassin_minier._io.files",
    "bassin_minier._io.fileset",
    "bassin_minier.analysis._gaps",
    "bassin_minier.export._jsonl",
    "bassin_minier._model.nesting",
    "bassin_minier.export._ocds",
    "bassin_minier.export._parquet",
    "bassin_minier._io.schema",
    "bassin_minier.export._tables",
    "bassin_minier.datasets",
    "bassin_minier.export",
    "bassin_minier.fr",
    "bassin_minier.geography",
    "cattrs",
    "csv",
    "dateutil.parser",
    "hypothesis",
    "json",
    "matplotlib",
    "msgspec",
    "pandas",
    "pathlib",
    "pyarrow",
)


def loaded_by(statement: str, watched: tuple[str, ...]) -> list[str]:
    """The *watched* modules (or their submodules) a fresh interpreter has after *statement*."""
    code = (
        f"import sys; {statement}; "
        f"print(*sorted(m for m in sys.modules if m.startswith({watched!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.split()


def test_importing_the_library_loads_none_of_the_parts_used_on_demand() -> None:
    assert loaded_by("import bassin_minier", ON_DEMAND) == []


@pytest.mark.parametrize(
    ("statement", "still_unloaded"),
    [
        # The dataset is read, as a notebook would, with the fast reader and no display.
        (
            "import bassin_minier as bm; bm.datasets.bassin_minier_2019()",
            (
                "pandas",
                "matplotlib",
                "bassin_minier._model.display",
                "bassin_minier.analysis._rows",
            ),
        ),
        # Canonical text is read and written by msgspec alone: the reference converter,
        # and cattrs with it, wait for plain data or a document that needs its report.
        (
            "import bassin_minier as bm; p = bm.datasets.bassin_minier_2019(); "
            "bm.from_json(bm.to_json(p, indent=2), bm.Programme)",
            ("cattrs",),
        ),
        ("import bassin_minier.export", ("pyarrow", "pandas")),
        ("import bassin_minier.analysis", ("pandas", "matplotlib")),
        ("import bassin_minier.plot", ("matplotlib",)),
    ],
)
def test_a_part_loads_its_heavy_libraries_only_when_used(
    statement: str, still_unloaded: tuple[str, ...]
) -> None:
    assert loaded_by(statement, still_unloaded) == []


def test_the_watch_is_not_blind() -> None:
    # The same probe does see a module the statement loads.
    assert loaded_by("import bassin_minier.fr", ("bassin_minier.fr",)) != []


def test_the_testing_modules_import_one_way() -> None:
    # The package's __init__ lists its modules in order; each may import only those above.
    package = Path(bassin_minier.__file__).parent / "testing"
    order = re.findall(r"^#   (_\w+) ", (package / "__init__.py").read_text(), re.MULTILINE)
    assert sorted(order) == sorted(path.stem for path in package.glob("_[!_]*.py"))
    for index, name in enumerate(order):
        tree = ast.parse((package / f"{name}.py").read_text())
        imported = {
            node.module.rpartition(".")[2]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and node.module is not None
            and node.module.startswith("bassin_minier.testing.")
        }
        assert imported <= set(order[:index]), f"{name} imports {imported - set(order[:index])}"
