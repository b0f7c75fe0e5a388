"""The reference pages of the documentation name every public name, and each has a text.

The pages list names one by one with autodoc directives (``.. autoclass:: Convention``), so
a name added to an ``__all__`` and forgotten in the reference fails here, long before anyone
builds the site.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import types
from pathlib import Path

import pytest

import bassin_minier

DOCS = Path(__file__).resolve().parents[2] / "docs"
REFERENCE = DOCS / "reference"
SOURCE = Path(bassin_minier.__file__).resolve().parent

PUBLIC_MODULES = (
    "bassin_minier",
    "bassin_minier.analysis",
    "bassin_minier.datasets",
    "bassin_minier.export",
    "bassin_minier.fr",
    "bassin_minier.geography",
    "bassin_minier.plot",
    "bassin_minier.testing",
)

_DIRECTIVE = re.compile(
    r"^\.\. auto(?P<kind>module|class|exception|function|data)::\s*(?P<target>\S+)\s*$",
    re.MULTILINE,
)


def _documented() -> set[str]:
    """The full names the reference pages document, module by module."""
    names: set[str] = set()
    for page in sorted(REFERENCE.glob("*.rst")):
        module = None
        for match in _DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            kind, target = match["kind"], match["target"]
            if kind == "module":
                module = target
                names.add(target)
            else:
                assert module is not None, f"{page.name}: {target} comes before automodule"
                names.add(target if "." in target else f"{module}.{target}")
    return names


def _public_names() -> list[str]:
    return [
        f"{module}.{name}"
        for module in PUBLIC_MODULES
        for name in importlib.import_module(module).__all__
    ]


def _value(full_name: str) -> object:
    module, _, name = full_name.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _has_comment(name: str) -> bool:
    """Whether a ``#:`` comment documents the constant *name* where it is assigned."""
    definition = re.compile(rf"^#:.*\n(?:#:.*\n)*{re.escape(name)}\s*[:=]", re.MULTILINE)
    return any(
        definition.search(path.read_text(encoding="utf-8")) for path in SOURCE.rglob("*.py")
    )


def test_the_public_modules_are_all_listed() -> None:
    found = {
        info.name
        for info in pkgutil.walk_packages(bassin_minier.__path__, "bassin_minier.")
        if not any(part.startswith("_") for part in info.name.split("."))
    }
    assert found | {"bassin_minier"} == set(PUBLIC_MODULES)


@pytest.mark.parametrize("full_name", _public_names())
def test_every_public_name_is_in_the_reference(full_name: str) -> None:
    assert full_name in _documented()


@pytest.mark.parametrize("full_name", _public_names())
def test_every_public_name_has_a_text(full_name: str) -> None:
    value = _value(full_name)
    if callable(value) or isinstance(value, types.ModuleType):
        assert inspect.getdoc(value), f"{full_name} has no docstring"
        assert value.__doc__ != type(value).__doc__, f"{full_name} only has its type's docstring"
    else:
        assert _has_comment(full_name.rpartition(".")[2]), f"{full_name} has no #: comment"


def test_the_reference_documents_nothing_else() -> None:
    """A name removed from the API does not linger in its reference page."""
    public = set(_public_names()) | set(PUBLIC_MODULES)
    assert _documented() <= public
