"""The in-browser calculator's build: its form, the Pyodide runtime and the wheels.

- ``<!-- legplan:form -->`` in the calculator page becomes the form, rendered by
  the package from its own field list (``legplan.render.render_form``).
- ``assets/pyodide/``: exactly the runtime files of the pinned npm ``pyodide``,
  checked against their recorded hashes (``hooks/wheels.py``, ``copy_runtime``).
- ``assets/wheels/``: the ``legplan`` wheel and its pure-Python dependencies,
  byte-compiled inside Pyodide, with ``manifest.json`` (``build_wheels``).

Runtime and wheels are built once per ``mkdocs build`` into ``build/site-assets``
(compiled wheels are cached between builds by their inputs) and added to the
site as files, so the calculator is served by the site itself.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from legplan.render import render_form

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent / "build" / "site-assets"
FORM_MARKER = "<!-- legplan:form -->"
CALCULATOR_PAGE = "calculator.md"


def _wheels_module():  # noqa: ANN202 - a module loaded by path
    spec = importlib.util.spec_from_file_location("legplan_build_wheels", HERE / "wheels.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def on_files(files: Files, config: MkDocsConfig) -> Files:
    wheels = _wheels_module()
    runtime_dir = ASSETS / "pyodide"
    wheels_dir = ASSETS / "wheels"
    try:
        runtime = wheels.copy_runtime(runtime_dir)
        wheels.build_wheels(wheels_dir)
    except (RuntimeError, OSError) as exc:
        msg = f"the calculator's runtime or wheels could not be built: {exc}"
        raise PluginError(msg) from exc
    for name in runtime:
        files.append(_asset(config, f"assets/pyodide/{name}", runtime_dir / name))
    for path in sorted(wheels_dir.iterdir()):
        files.append(_asset(config, f"assets/wheels/{path.name}", path))
    return files


def _asset(config: MkDocsConfig, uri: str, path: Path) -> File:
    return File.generated(config, uri, abs_src_path=str(path))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != CALCULATOR_PAGE:
        return markdown
    if FORM_MARKER not in markdown:
        msg = f"{CALCULATOR_PAGE}: the marker {FORM_MARKER} for the form is missing"
        raise PluginError(msg)
    return markdown.replace(FORM_MARKER, render_form())
