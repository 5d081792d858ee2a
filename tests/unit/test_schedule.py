from __future__ import annotations

import itertools

import pytest

from legplan.errors import CalculatorError, PlanDoesNotFitError
from legplan.model import PlanRequest
from legplan.request import parse_query
from legplan.schedule import build_plan, layout_week
from legplan.vocab import Goal, Weekday
from tests.rulecheck import violations


def _days(plan, kind):
    out = []
    for d in plan.target_week.days:
        for s in d.sessions:
            if s.type == kind and not getattr(s, "long", False):
                out.append(d.day.value)
    return out


def _long(plan):
    return [d.day.value for d in plan.target_week.days for s in d.runs if s.long]


@pytest.mark.parametrize(
    ("query", "runs", "long_runs", "legs"),
    [
        ("goal=tone", ["mon", "wed", "fri"], [], ["tue", "thu"]),
        ("goal=tone&days=mon,wed,fri,sat,sun", ["mon", "wed", "sat"], [], ["fri", "sun"]),
        ("goal=tone&days=mon,tue,wed", ["mon", "tue", "wed"], [], ["mon", "wed"]),
        ("goal=lose", ["mon", "thu"], ["tue", "sat"], ["wed", "sun"]),
        ("goal=lose&days=mon,wed,fri,sat", ["mon", "fri"], ["wed", "sat"], ["mon", "fri"]),
        ("goal=build&days=mon,wed,fri", ["mon", "wed", "fri"], [], ["mon", "wed"]),
    ],
)
def test_documented_layouts(query, runs, long_runs, legs):
    plan = build_plan(parse_query(query))
    assert (_days(plan, "run"), _long(plan), _days(plan, "legs")) == (runs, long_runs, legs)
    assert violations(plan) == []


def test_long_runs_are_not_back_to_back_when_days_allow():
    plan = build_plan(parse_query("goal=lose&days=thu,fri,sat,sun"))
    positions = [Weekday(d).position for d in _long(plan)]
    assert abs(positions[0] - positions[1]) not in (1, 6)


@pytest.mark.parametrize(
    ("goal", "days"), [("lose", "mon,wed,fri"), ("tone", "mon,wed"), ("build", "sat")]
)
def test_too_few_days_is_an_error_that_says_what_to_change(goal, days):
    with pytest.raises(PlanDoesNotFitError) as info:
        build_plan(parse_query(f"goal={goal}&days={days}"))
    err = info.value
    assert err.field == "days"
    assert "needs at least" in err.message
    assert "Add" in err.advice
    assert isinstance(err, CalculatorError)


def test_lose_on_three_days_points_to_tone():
    with pytest.raises(
        PlanDoesNotFitError,
        match=r'choose the goal "Toned legs, better health" \(tone\) or "Bigger legs" \(build\)',
    ):
        build_plan(parse_query("goal=lose&days=mon,wed,fri"))


def test_layout_without_room_for_rest_between_leg_days_is_none():
    assert layout_week((0, 1), 1, 0, 2) is None
    assert layout_week((0, 6), 2, 0, 2) is None


def test_every_subset_of_days_gives_a_valid_plan_or_a_clear_error():
    for goal in Goal:
        for n in range(1, 8):
            for days in itertools.combinations(Weekday, n):
                request = PlanRequest(goal=goal, days=days)
                try:
                    plan = build_plan(request)
                except PlanDoesNotFitError:
                    assert n < (4 if goal is Goal.LOSE else 3)
                    continue
                assert violations(plan) == [], (goal, days)


def test_same_request_same_plan():
    request = parse_query("goal=lose&days=tue,thu,sat,sun")
    assert build_plan(request) == build_plan(request)
