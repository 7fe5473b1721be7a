"""Sphinx configuration. The API reference page is generated from ``ontherecord.__all__`` at each
build, so every public name is documented and nothing private is."""

from __future__ import annotations

import inspect
import pathlib

import ontherecord

project = "ontherecord"
author = "The ontherecord developers"
copyright = "2026, The ontherecord developers"  # noqa: A001
release = ontherecord.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",

]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
html_theme = "furo"
html_title = f"ontherecord {release}"
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False



suppress_warnings = ["intersphinx", "myst.header"]


def _write_api_page() -> None:
    lines = [
        "# API reference",
        "",
        "Every public name of `ontherecord`, generated from its `__all__`. Names not listed here are",
        "private and may change without notice.",
        "",
    ]
    for name in ontherecord.__all__:
        obj = getattr(ontherecord, name)
        if name.startswith("__"):
            continue
        if inspect.ismodule(obj):
            directive = "automodule"
        elif inspect.isclass(obj):
            directive = "autoclass"
        elif callable(obj):
            directive = "autofunction"
        else:
            continue
        lines += [f"## `{name}`", "", f"```{{{directive}}} ontherecord.{name}", "```", ""]
    page = pathlib.Path(__file__).parent / "reference" / "api.md"
    page.parent.mkdir(exist_ok=True)
    text = "\n".join(lines)
    if not page.exists() or page.read_text(encoding="utf-8") != text:
        page.write_text(text, encoding="utf-8")


_write_api_page()
