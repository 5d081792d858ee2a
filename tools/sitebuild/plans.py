"""The preset plans, rendered at build time by the package's own templates.

Written into the built site (:func:`write_site`, a step of ``sitebuild.finish``):

- ``plans/<goal>.html``: a standalone printable page for each goal's default plan
  (``render(plan, "html")``);
- ``stylesheets/plan.css``: the package's plan stylesheet, for plans shown inside pages.

In the Markdown (``sitebuild.markdown``): :data:`PRESET_MARKER` in a page becomes the list
of preset plans, one per goal, each with the calculator's query that gives the same plan.
"""

from __future__ import annotations

import posixpath
from importlib.resources import files as package_files
from pathlib import Path

from legplan.render import render
from legplan.request import FIELDS, parse_query, to_query
from legplan.rules import GOALS
from legplan.schedule import build_plan
from legplan.vocab import Goal

PLANS_DIR = "plans"
PLAN_CSS = "stylesheets/plan.css"
PRESET_MARKER = "<!-- legplan:preset-plans -->"


def plan_path(goal: Goal) -> str:
    """Where the printable plan of ``goal`` lives in the site."""
    return f"{PLANS_DIR}/{goal.value}.html"


def preset_paths() -> list[str]:
    """Where the printable plans live in the site, one per goal."""
    return [plan_path(goal) for goal in GOALS]


def preset_pages() -> dict[str, str]:
    """Each goal's printable page by its path in the site."""
    return {
        plan_path(goal): render(build_plan(parse_query(f"goal={goal.value}")), "html")
        for goal in GOALS
    }


def plan_css() -> str:
    """The package's plan stylesheet."""
    return (package_files("legplan") / "templates" / "plan.css").read_text(encoding="utf-8")


def write_site(site_dir: Path) -> list[str]:
    """Write the preset pages and :data:`PLAN_CSS` into a built site; returns their paths."""
    files = preset_pages() | {PLAN_CSS: plan_css()}
    for uri, text in files.items():
        path = site_dir / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def preset_list(src_uri: str) -> str:
    """The Markdown list of the preset plans, linked from the page ``src_uri``, in words."""
    here = posixpath.dirname(src_uri) or "."
    equipment = {c.value: c.label for f in FIELDS if f.name == "equipment" for c in f.choices}
    lines = []
    for goal, spec in GOALS.items():
        request = parse_query(f"goal={goal.value}")
        week = build_plan(request).target_week
        calculator = posixpath.relpath("calculator.md", here)
        lines.append(
            f"- [{spec.label}]({posixpath.relpath(plan_path(goal), here)}): "
            f"{week.run_count} runs and {len(week.leg_days)} leg workouts a week, "
            f"equipment: {equipment[request.equipment.value].lower()}. "
            f"[Open it in the calculator]({calculator}?{to_query(request)}) to fit it to your days."
        )
    return "\n".join(lines)


def page_markdown(markdown: str, src_uri: str) -> str:
    """A page's Markdown with :data:`PRESET_MARKER` replaced by :func:`preset_list`."""
    if PRESET_MARKER not in markdown:
        return markdown
    return markdown.replace(PRESET_MARKER, preset_list(src_uri))
