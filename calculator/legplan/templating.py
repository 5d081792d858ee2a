"""The one Jinja environment every format renders with.

Templates live in ``legplan/templates``; HTML templates (``*.html.j2``) are
autoescaped, every other format is plain text. An undefined name is an error,
never an empty string. The rule, source and goal tables are globals, so a
template reads a figure (``RULES["adapt.checkin"].figure("after_weeks")``)
instead of retyping it.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape

from legplan.rules import EFFORTS, GOALS, RULES, SELF_CHECK, efforts_in
from legplan.sources import SOURCES

__all__ = ["ENV", "template"]

ENV = Environment(
    loader=PackageLoader("legplan"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,
)
ENV.globals.update(
    RULES=RULES,
    SOURCES=SOURCES,
    GOALS=GOALS,
    EFFORTS=EFFORTS,
    SELF_CHECK=SELF_CHECK,
    efforts_in=efforts_in,
)


def template(name: str) -> Template:
    """The compiled template ``name`` (compiled once, then cached by Jinja)."""
    return ENV.get_template(name)
