"""The figure tokens of hooks/figures.py: numbers in the guidance come from the rule table."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from legplan.rules import RULES
from legplan.sources import SOURCES

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("legplan_site_figures", ROOT / "hooks/figures.py")
assert _spec is not None
assert _spec.loader is not None
figures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(figures)

FIGURES = [(r.id, f.key, f) for r in RULES.values() for f in r.figures]
TERMS = [(r.id, key, words) for r in RULES.values() for key, words in r.terms]


def page(src_uri="guide/page.md", description="A page."):
    meta = {"description": description} if description else {}
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta=meta)


@pytest.mark.parametrize(
    ("rule", "key", "figure"), FIGURES, ids=[f"{r}:{k}" for r, k, _ in FIGURES]
)
def test_fig_and_num_come_from_the_rule(rule, key, figure):
    assert figures.expand(f'{{{{ fig("{rule}", "{key}") }}}}', page()) == figure.text()
    assert figures.expand(f"{{{{num('{rule}','{key}')}}}}", page()) == figure.value.text()


@pytest.mark.parametrize(("rule", "key", "words"), TERMS)
def test_term_comes_from_the_rule(rule, key, words):
    assert figures.expand(f'{{{{ term("{rule}", "{key}") }}}}', page()) == words


def test_example_from_the_brief():
    text = 'Run {{ fig("run.health", "minutes") }} ({{ num("run.health", "minutes") }}).'
    assert figures.expand(text, page()) == "Run 30–45 min (30–45)."


@pytest.mark.parametrize(
    ("token", "says"),
    [
        ('{{ figure("run.health", "minutes") }}', "unknown token 'figure'"),
        ('{{ fig("run.nope", "minutes") }}', "unknown rule 'run.nope'"),
        ('{{ fig("run.health", "hours") }}', "has no figure 'hours'"),
        ('{{ num("run.health", "hours") }}', "has no figure 'hours'"),
        ('{{ term("run.health", "pace") }}', "has no term 'pace'"),
        ('{{ fig("run.health") }}', "bad token"),
        ("{{ fig(run.health, minutes) }}", "string literals"),
        ("{{ page.title }}", "unknown token {{ page.title }}"),
    ],
)
def test_bad_token_fails_naming_page_and_token(token, says):
    with pytest.raises(PluginError) as caught:
        figures.expand(f"Before {token} after.", page("guide/x.md"))
    message = str(caught.value)
    assert message.startswith("guide/x.md: ")
    assert says in message
    assert token.split("(")[0].removeprefix("{{ ") in message


def test_page_without_description_fails():
    with pytest.raises(PluginError, match=r"index\.md: no 'description'"):
        figures.on_page_markdown("# Hi", page("index.md", description=None), None, None)


def test_rules_table_has_every_rule_figure_and_source():
    table = figures.expand("{{ rules_table() }}", page("guide/page.md"))
    rows = table.splitlines()
    assert rows[0].startswith("| Rule |")
    assert len(rows) == 2 + len(RULES)
    for rule, row in zip(RULES.values(), rows[2:], strict=True):
        assert f"`{rule.id}`" in row
        for f in rule.figures:
            assert f.text() in row
        for s in rule.sources:
            assert f"(../sources.md#{s})" in row


def test_rules_table_on_the_sources_page_links_within_it():
    table = figures.expand("{{ rules_table() }}", page("sources.md"))
    assert "(#article)" in table
    assert "sources.md#" not in table


def test_sources_list_has_an_anchor_for_every_source():
    text = figures.expand("{{ sources_list() }}", page("sources.md"))
    for source in SOURCES.values():
        assert f"{{#{source.id}}}" in text
        if source.url:
            assert f"]({source.url})" in text
