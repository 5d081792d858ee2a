"""The in-browser calculator's build: its page's form and default plan, its runtime and wheels.

A page is the calculator's when it holds the calculator's container (:data:`CONTAINER`,
the element the page's JavaScript looks for), so its path is written nowhere. In it:

- :data:`FORM_MARKER` becomes the form, rendered by the package from its own field list
  (``legplan.render.render_form``);
- :data:`DEFAULT_MARKER` becomes the default plan as an HTML fragment (after Markdown),
  there before any Python runs in the browser.

A calculator page without both markers fails the build. Its assets (``sitebuild.compile``):

- ``assets/pyodide/``: the runtime files of the pinned npm ``pyodide``, checked against their
  recorded hashes, with the site's trimmed, byte-compiled ``python_stdlib.zip``;
- ``assets/wheels/``: the site's ``pyodide-lock.json`` and the ``legplan`` wheel and its
  pure-Python dependencies it names, byte-compiled inside Pyodide.
"""

from __future__ import annotations

from pathlib import Path

from legplan.render import render_form, render_fragment
from legplan.request import parse_query
from legplan.schedule import build_plan
from sitebuild.compile import build_pyodide_files
from sitebuild.errors import SiteError

CONTAINER = 'id="legplan-calculator"'
FORM_MARKER = "<!-- legplan:form -->"
DEFAULT_MARKER = "<!-- legplan:default-plan -->"
ASSETS = "assets"


def is_calculator(markdown: str) -> bool:
    """Whether a page's source holds the calculator."""
    return CONTAINER in markdown


def page_markdown(markdown: str, src_uri: str) -> str:
    """A calculator page's Markdown with its form; any other page's as it is.

    Raises:
        SiteError: When a calculator page lacks the form's or the default plan's marker.
    """
    if not is_calculator(markdown):
        return markdown
    for marker, what in ((FORM_MARKER, "the form"), (DEFAULT_MARKER, "the default plan")):
        if marker not in markdown:
            msg = f"{src_uri}: the marker {marker} for {what} is missing"
            raise SiteError(msg)
    return markdown.replace(FORM_MARKER, render_form())


def page_content(html: str) -> str:
    """A page's HTML with :data:`DEFAULT_MARKER` replaced by the default plan."""
    if DEFAULT_MARKER not in html:
        return html
    return html.replace(DEFAULT_MARKER, render_fragment(build_plan(parse_query(""))))


def build_assets(root: Path, out_dir: Path) -> dict[str, Path]:
    """Build the runtime, the lock and the wheels into ``out_dir``; each file by its site path.

    Compiled files are cached between builds by their inputs (``sitebuild.compile``).

    Raises:
        SiteError: When the runtime or the wheels cannot be had.
    """
    try:
        files = build_pyodide_files(root, out_dir)
    except (SiteError, OSError) as exc:
        msg = f"the calculator's runtime or wheels could not be built: {exc}"
        raise SiteError(msg) from exc
    return {f"{ASSETS}/{name}": path for name, path in files.items()}
