"""Sphinx configuration of the bassin_minier documentation.

Build it with ``python -m sphinx -W --keep-going -b html docs docs/_build/html`` after
``pip install -e '.[docs]'``. The build reads nothing from the network: other projects'
names stay plain text rather than links fetched from their inventories.
"""

from __future__ import annotations

import sys
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer

import bassin_minier

project = "bassin_minier"
author = "bassin_minier maintainers"
copyright = "the bassin_minier maintainers"
release = bassin_minier.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# Markdown pages: headings get anchors so pages can link to a section (page.md#section).
myst_heading_anchors = 3

# Docstrings write `Name` for a name of the library: make those links.
default_role = "py:obj"

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
add_module_names = False

html_theme = "furo"
html_title = f"bassin_minier {release}"


def _comment_where_defined(  # noqa: PLR0917 - the arguments Sphinx passes to the event
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Document a re-exported constant with the ``#:`` comment where it is defined.

    The public modules import their constants from private ones, where the comment is; a
    constant has no docstring of its own, so without this autodoc shows its type's.
    """
    if what != "data":
        return
    attribute = name.rpartition(".")[2]
    homes = [
        module_name
        for module_name, module in sorted(sys.modules.items())
        if module_name.split(".")[0] == "bassin_minier" and getattr(module, attribute, None) is obj
    ]
    for module_name in homes:
        try:
            comment = ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", attribute))
        except PycodeError:
            continue
        if comment:
            lines[:] = list(comment)
            return
    lines.clear()


def setup(app: Sphinx) -> None:
    app.connect("autodoc-process-docstring", _comment_where_defined)
