"""The figure tokens (``sitebuild.figures``): numbers in the guidance come from the rule table."""

from __future__ import annotations

import pytest

from legplan.rules import RULES
from legplan.sources import SOURCES
from sitebuild import figures
from sitebuild.errors import SiteError

FIGURES = [(r.id, f.key, f) for r in RULES.values() for f in r.figures]
TERMS = [(r.id, key, words) for r in RULES.values() for key, words in r.terms]


PAGE = "guide/page.md"


@pytest.mark.parametrize(
    ("rule", "key", "figure"), FIGURES, ids=[f"{r}:{k}" for r, k, _ in FIGURES]
)
def test_fig_and_num_come_from_the_rule(rule, key, figure):
    assert figures.expand(f'{{{{ fig("{rule}", "{key}") }}}}', PAGE) == figure.text()
    assert figures.expand(f"{{{{num('{rule}','{key}')}}}}", PAGE) == figure.value.text()


@pytest.mark.parametrize(("rule", "key", "words"), TERMS)
def test_term_comes_from_the_rule(rule, key, words):
    assert figures.expand(f'{{{{ term("{rule}", "{key}") }}}}', PAGE) == words


def test_example_from_the_brief():
    text = 'Run {{ fig("run.health", "minutes") }} ({{ num("run.health", "minutes") }}).'
    assert figures.expand(text, PAGE) == "Run 30–45 min (30–45)."


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
    with pytest.raises(SiteError) as caught:
        figures.expand(f"Before {token} after.", "guide/x.md")
    message = str(caught.value)
    assert message.startswith("guide/x.md: ")
    assert says in message
    assert token.split("(")[0].removeprefix("{{ ") in message


def test_page_without_description_fails():
    with pytest.raises(SiteError, match=r"index\.md: no 'description'"):
        figures.page_markdown("# Hi", "index.md", {})
    assert figures.page_markdown("# Hi", "index.md", {"description": "A page."}) == "# Hi"


def test_rules_table_has_every_rule_figure_and_source():
    table = figures.expand("{{ rules_table() }}", "guide/page.md")
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
    table = figures.expand("{{ rules_table() }}", "sources.md")
    assert "(#article)" in table
    assert "sources.md#" not in table


def test_sources_list_has_an_anchor_for_every_source():
    text = figures.expand("{{ sources_list() }}", "sources.md")
    for source in SOURCES.values():
        assert f"{{#{source.id}}}" in text
        assert source.citation in text
        if source.url:
            assert f"<{source.url}>" in text
