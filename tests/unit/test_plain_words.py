"""What a runner reads: plain words in every output (issue 14).

- No rule id (``run.health``) in anything a runner reads; the JSON keeps them.
- Every effort word a plan uses is explained in that plan, in every format.
- A goal has one name, the package's, wherever a plan names it.
"""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar

from legplan.render import render, render_fragment
from legplan.request import parse_query
from legplan.rules import EFFORTS, GOALS, RULES, efforts_in
from legplan.schedule import build_plan
from tests.golden.cases import CASES

READER_FORMATS = ("text", "markdown", "html", "ics")
RULE_ID = re.compile("|".join(re.escape(r) for r in RULES))


def _outputs(query: str) -> dict[str, str]:
    plan = build_plan(parse_query(query))
    out = {fmt: render(plan, fmt) for fmt in READER_FORMATS}
    out["fragment"] = render_fragment(plan)
    # A calendar folds long lines: read its events back as a calendar app would.
    events = Calendar.from_ical(out["ics"]).walk("VEVENT")
    out["ics"] = "\n".join(f"{e['summary']}\n{e['description']}" for e in events)
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_rule_id_reaches_a_reader(case):
    for fmt, text in _outputs(case.query).items():
        found = RULE_ID.search(text)
        assert not found, f"{case.name} {fmt}: rule id {found.group(0)!r} shown to a reader"


def test_the_rule_id_check_would_catch_one():
    assert RULE_ID.search("Run: 30–45 min [run.health]")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_effort_word_used_is_explained(case):
    plan = build_plan(parse_query(case.query))
    used = {
        e.word for w in plan.weeks for d in w.days for r in d.runs for e in efforts_in(r.intensity)
    }
    assert used
    assert set(plan.efforts) == used
    for fmt, text in _outputs(case.query).items():
        for word in used:
            assert EFFORTS[word].feels in text, f"{case.name} {fmt}: {word!r} is not explained"


def test_easy_is_explained_where_the_road_uses_it():
    plan = build_plan(parse_query("goal=tone&current_minutes=0"))
    assert "easy" in plan.efforts
    assert EFFORTS["easy"].feels in render(plan, "text")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_goal_has_one_name_in_every_output(case):
    plan = build_plan(parse_query(case.query))
    label = GOALS[plan.request.goal].label
    others = [s.label for g, s in GOALS.items() if g != plan.request.goal]
    for fmt, text in _outputs(case.query).items():
        if fmt != "ics":  # a calendar event names its session, not the goal
            assert label in text, f"{case.name} {fmt}"
        assert not any(o in text for o in others), f"{case.name} {fmt}"
