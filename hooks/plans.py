"""Plans rendered at build time by the package's own templates.

- ``plans/<goal>.html``: a standalone printable page for each goal's default plan
  (``render(plan, "html")``), added to the site as generated files so links to them
  pass ``mkdocs build --strict``.
- ``stylesheets/plan.css``: the package's plan stylesheet, for plans shown inside pages.
- ``<!-- legplan:preset-plans -->`` in a page: the list of preset plans, one per goal.
- ``<!-- legplan:default-plan -->`` in a page (the calculator): the default plan as an
  HTML fragment, there before any Python runs in the browser.

A marker that the page cannot do without (the calculator's) is checked: a build whose
calculator page lost its marker fails.
"""

from __future__ import annotations

import posixpath
from importlib.resources import files as package_files

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from legplan.model import Goal
from legplan.render import render, render_fragment
from legplan.request import parse_query, to_query
from legplan.rules import GOALS
from legplan.schedule import build_plan

PLANS_DIR = "plans"
PLAN_CSS = "stylesheets/plan.css"
PRESET_MARKER = "<!-- legplan:preset-plans -->"
DEFAULT_MARKER = "<!-- legplan:default-plan -->"
CALCULATOR_PAGE = "calculator.md"


def plan_path(goal: Goal) -> str:
    """Where the printable plan of ``goal`` lives in the site."""
    return f"{PLANS_DIR}/{goal.value}.html"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for goal in GOALS:
        html = render(build_plan(parse_query(f"goal={goal.value}")), "html")
        files.append(File.generated(config, plan_path(goal), content=html))
    css = (package_files("legplan") / "templates" / "plan.css").read_text(encoding="utf-8")
    files.append(File.generated(config, PLAN_CSS, content=css))
    return files


def _preset_list(page: Page) -> str:
    here = posixpath.dirname(page.file.src_uri) or "."
    lines = []
    for goal, spec in GOALS.items():
        query = to_query(build_plan(parse_query(f"goal={goal.value}")).request)
        lines.append(
            f"- [{spec.label}]({posixpath.relpath(plan_path(goal), here)}) (goal `{goal.value}`, "
            f"the same plan as the calculator's `?{query}`)"
        )
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if PRESET_MARKER in markdown:
        markdown = markdown.replace(PRESET_MARKER, _preset_list(page))
    if page.file.src_uri == CALCULATOR_PAGE and DEFAULT_MARKER not in markdown:
        msg = f"{CALCULATOR_PAGE}: the marker {DEFAULT_MARKER} for the default plan is missing"
        raise PluginError(msg)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if DEFAULT_MARKER not in html:
        return html
    return html.replace(DEFAULT_MARKER, render_fragment(build_plan(parse_query(""))))
