"""Self-check (safety.check), WHO activity minutes (who.activity), check-in (adapt.checkin)."""

from __future__ import annotations

import json

import pytest

from legplan.render import render
from legplan.request import FIELDS, parse_query, to_query
from legplan.rules import RULES, SELF_CHECK
from legplan.schedule import build_plan


def test_any_yes_means_talk_to_a_professional_and_easy_effort():
    for question in SELF_CHECK:
        plan = build_plan(parse_query(f"goal=lose&selfcheck={question.id}"))
        assert plan.safety_flagged
        assert plan.safety is not None
        assert plan.safety.startswith("Your self-check: talk to a doctor")
        assert "does not clear anyone" in plan.safety
        assert plan.safety not in plan.notes
        easy = RULES["safety.check"].term("intensity")
        assert {r.intensity for w in plan.weeks for d in w.days for r in d.runs} == {easy}


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "ics"])
def test_a_yes_shows_the_safety_message_once_per_document(fmt):
    plan = build_plan(
        parse_query("goal=tone&current_minutes=20&selfcheck=heart&start_date=2027-01-04")
    )
    assert plan.safety is not None
    document = render(plan, fmt)
    if fmt == "ics":
        # Folded at 75 octets and escaped: one event's description, read back.
        from icalendar import Calendar

        events = Calendar.from_ical(document).walk("VEVENT")
        assert events
        assert all(str(e["description"]).count(plan.safety) == 1 for e in events)
    else:
        assert document.count(plan.safety) == 1


def test_no_answer_keeps_the_article_effort():
    plan = build_plan(parse_query("goal=tone"))
    assert not plan.safety_flagged
    assert "safety.check" not in plan.rules


def test_self_check_answers_never_leave_in_a_link_or_the_json():
    request = parse_query("selfcheck=heart,pregnant&weight=60&pace=7:00")
    assert "selfcheck" not in to_query(request)
    assert "weight" not in to_query(request)
    assert "pace" not in to_query(request)
    document = json.loads(render(build_plan(request), "json"))
    assert "selfcheck" not in document["request"]
    assert document["safety"] == {"flagged": True, "message": build_plan(request).safety}
    assert "heart" not in json.dumps(document)


def test_never_says_cleared():
    for query in ("", "selfcheck=heart"):
        for fmt in ("text", "markdown", "html"):
            out = render(build_plan(parse_query(query)), fmt).lower()
            assert "you are cleared" not in out
            assert "safe for you" not in out


def test_self_check_questions_are_the_field_choices():
    field = next(f for f in FIELDS if f.name == "selfcheck")
    assert [c.value for c in field.choices] == [q.id for q in SELF_CHECK]
    assert field.private


@pytest.mark.parametrize(
    ("query", "moderate", "vigorous"),
    [
        ("goal=tone", False, True),
        ("goal=lose", True, True),
        ("goal=tone&selfcheck=heart", False, False),
    ],
)
def test_activity_against_who(query, moderate, vigorous):
    week = build_plan(parse_query(query)).target_week
    assert week.activity.meets_moderate is moderate
    assert week.activity.meets_vigorous is vigorous
    assert week.activity.strength_days == len(week.leg_days)
    assert week.activity.meets_strength


def test_activity_minutes_are_the_runs():
    week = build_plan(parse_query("goal=lose")).target_week
    assert week.activity.run_minutes.text() == "180–270"


def test_checkin_is_the_same_for_everyone_and_uses_the_rep_range():
    plain = build_plan(parse_query("goal=tone"))
    easily = build_plan(parse_query("goal=tone&builds_easily=yes"))
    assert plain.checkin == easily.checkin
    reps = RULES["legs.tone"].figure("reps").text("reps")
    assert reps in plain.checkin[0].suggestion
    assert plain.checkin[0].source == "article"
    assert {c.source for c in plain.checkin[1:]} == {"legplan-advice"}
    suggestions = " ".join(c.suggestion for c in plain.checkin)
    assert "repeat the week" in suggestions
    assert "Stay within the target week's ranges" in suggestions  # no road: no next week
    road = build_plan(parse_query("goal=tone&current_minutes=10"))
    assert "Move on to the next week" in " ".join(c.suggestion for c in road.checkin)
    assert "adapt.checkin" in plain.rules
