from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from legplan.render import FORMATS, parse_format, render, render_fragment
from legplan.request import parse_query
from legplan.rules import RULES
from legplan.schedule import build_plan
from legplan.sources import SOURCES
from legplan.vocab import Goal


@pytest.fixture(params=list(Goal), ids=lambda g: g.value)
def plan(request):
    return build_plan(parse_query(f"goal={request.param.value}&start_date=2027-01-04"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_ends_with_a_newline_and_is_deterministic(plan, fmt):
    out = render(plan, fmt)
    assert out.endswith("\n")
    assert out == render(plan, fmt)


def test_text_marks_every_session_with_the_rule_it_follows(plan):
    out = render(plan, "text")
    why = out.split("\nWhy these sessions\n")[1]
    for day in plan.target_week.days:
        assert day.day.full in out
        for s in day.sessions:
            number = plan.reference(s.rule)
            assert f"[{number}]" in out.split("\nWhy these sessions\n")[0]
            assert f"[{number}] {RULES[s.rule].title}." in why


def test_printable_page_has_what_a_runner_needs(plan):
    out = render(plan, "html")
    sessions = sum(len(d.sessions) for d in plan.target_week.days)
    assert out.count('<input type="checkbox"') == sessions
    for needle in ("Warm up", "Cool down", "talk test", "Safety:", "Notes", "Sources", "@page"):
        assert needle in out
    assert "<script" not in out
    assert "http" not in out.split("<body")[0], "the printable page loads nothing"


def test_print_css_is_black_on_white(plan):
    out = render(plan, "html")
    assert "color: #000; background: #fff" in out


def test_week_start_changes_display_order_only():
    monday = build_plan(parse_query("goal=tone"))
    sunday = build_plan(parse_query("goal=tone&week_start=sun"))
    text_mon = render(monday, "text").split("Week 1")[1]
    text_sun = render(sunday, "text").split("Week 1")[1]
    assert text_mon.index("Monday") < text_mon.index("Sunday")
    assert text_sun.index("Sunday") < text_sun.index("Monday")
    json_mon = json.loads(render(monday, "json"))
    json_sun = json.loads(render(sunday, "json"))
    assert json_mon["days"] == json_sun["days"]


def test_json_carries_rules_and_sources(plan):
    document = json.loads(render(plan, "json"))
    assert [r["id"] for r in document["rules"]] == list(plan.rules)
    assert {s["id"] for s in document["sources"]} == set(plan.sources)
    assert all(r in RULES for r in plan.rules)
    assert all(s in SOURCES for s in plan.sources)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        if tag not in {"input", "br", "meta"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def test_fragment_is_one_balanced_article(plan):
    out = render_fragment(plan)
    assert out.lstrip().startswith('<article class="legplan-plan"')
    parser = _Tags()
    parser.feed(out)
    assert parser.ok
    assert parser.stack == []
    assert "<h2" in out
    assert "<h1" not in out


def test_markdown_tables(plan):
    out = render(plan, "markdown")
    assert out.startswith("# Legplan: ")
    assert "| Done | Day | Session | Details |" in out
    for number, rule in enumerate(plan.rules, start=1):
        assert f"{number}. {RULES[rule].title}." in out


def test_unknown_format():
    with pytest.raises(ValueError, match="format: expected one of"):
        parse_format("pdf")
    with pytest.raises(ValueError, match="unknown format"):
        render(build_plan(parse_query("")), "pdf")  # type: ignore[arg-type]


def test_calendar_needs_a_start_date():
    with pytest.raises(ValueError, match="start date"):
        render(build_plan(parse_query("")), "ics")
