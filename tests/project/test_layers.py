"""The layers of the package: each module imports only from its own package and those below.

The layers are the table of ``docs/design.md`` ("Layers"), read here, so the map a reader
sees is the rule the suite enforces. Every import counts: module level, inside functions,
under ``if TYPE_CHECKING:``, and a module named in a string (the on-demand names).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import bassin_minier

PACKAGE = Path(bassin_minier.__file__).parent
DESIGN = Path(__file__).parents[2] / "docs" / "design.md"

# A row of the layer table: | 3 | `_io` | what it holds |
_ROW = re.compile(r"^\| (\d+) \| ((?:`[\w.]+`(?:, )?)+) \|", re.M)


def _layers() -> dict[str, int]:
    layers = {}
    for number, units in _ROW.findall(DESIGN.read_text(encoding="utf-8")):
        for unit in re.findall(r"`([\w.]+)`", units):
            layers[unit] = int(number)
    return layers


def _module_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_of(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


def _unit(module: str) -> str:
    """The entry of the layer table a module belongs to: its top package or module."""
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def _resolve(target: str, name: str | None) -> str:
    """The module an import reaches: ``from pkg import sub`` reaches ``pkg.sub``."""
    if name is not None and f"{target}.{name}" in MODULES:
        return f"{target}.{name}"
    return target


def imports_of(module: str) -> Iterator[tuple[str, int]]:
    """Every module of the package that *module* imports, and the line of the import."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] == "bassin_minier":
                for alias in node.names:
                    yield _resolve(target, alias.name), node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "bassin_minier":
                    yield alias.name, node.lineno
        # A whole string naming a module that exists, as the on-demand tables do: not prose,
        # and not the package's own name, which documents write as their author.
        elif isinstance(node, ast.Constant) and node.value in MODULES and "." in node.value:
            yield node.value, node.lineno


def test_the_table_names_every_top_level_module_and_package() -> None:
    layers = _layers()
    units = {_unit(module) for module in MODULES}
    assert units == set(layers), "docs/design.md must place every package and module"


def test_each_module_imports_only_its_own_package_and_lower_layers() -> None:
    layers = _layers()
    wrong = []
    for module in MODULES:
        unit = _unit(module)
        for target, line in imports_of(module):
            reached = _unit(target)
            if reached != unit and layers[reached] >= layers[unit]:
                wrong.append(
                    f"{module}:{line} imports {target} "
                    f"(layer {layers[unit]} -> layer {layers[reached]})"
                )
    assert wrong == []


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of *graph*, as the modules along it, or None when there is none."""
    state: dict[str, int] = {}  # 1 while on the path being followed, 2 once finished
    path: list[str] = []

    def follow(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := follow(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := follow(node)):
            return found
    return None


def test_no_import_circle() -> None:
    graph = {module: {target for target, _ in imports_of(module)} - {module} for module in MODULES}
    assert _cycle(graph) is None


def test_the_circle_finder_finds_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


# What a package face may hold besides imports: its docstring, its __all__, and (the root
# alone) the look-up of the names it loads on demand.
_ON_DEMAND_MACHINERY = {"_ON_DEMAND", "__getattr__", "__dir__"}


def _defined_names(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return {t.id for t in targets if isinstance(t, ast.Name)}
    if isinstance(node, ast.FunctionDef | ast.ClassDef):
        return {node.name}
    return {"<statement>"}


@pytest.mark.parametrize(
    "module", [m for m, path in MODULES.items() if path.name == "__init__.py"]
)
def test_a_package_init_only_re_exports(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    allowed = {"__all__"} | (_ON_DEMAND_MACHINERY if module == "bassin_minier" else set())
    extra = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            continue  # imports for the type checker
        extra |= _defined_names(node) - allowed
    assert extra == set()


def test_modules_stay_small_and_the_top_level_few() -> None:
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in sizes.items() if n > 800} == {}
    assert len(list(PACKAGE.glob("*.py"))) <= 16


def test_the_import_reader_sees_every_kind_of_import() -> None:
    # The convention module imports at the top; the root names modules in strings.
    assert {t for t, _ in imports_of("bassin_minier")} >= {"bassin_minier.analysis._gaps"}
    assert "bassin_minier._model.enums" in {t for t, _ in imports_of("bassin_minier._model.party")}
