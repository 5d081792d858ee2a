"""The road to the target week (rule road.build)."""

from __future__ import annotations

import itertools

import pytest

from legplan.request import parse_query
from legplan.road import grow, road_steps
from legplan.rules import RULES
from legplan.schedule import build_plan
from tests.rulecheck import road_violations

ROAD = RULES["road.build"]


def test_no_road_without_current_minutes():
    plan = build_plan(parse_query("goal=tone"))
    assert [w.kind for w in plan.weeks] == ["target"]


@pytest.mark.parametrize("goal", ["tone", "lose", "build"])
@pytest.mark.parametrize("current", [0, 1, 5, 12, 29, 30, 44, 59, 60, 200])
def test_road_ends_at_the_target_week_within_its_caps(goal, current):
    plan = build_plan(parse_query(f"goal={goal}&current_minutes={current}"))
    assert plan.weeks[-1].kind == "target"
    assert all(w.kind != "target" for w in plan.weeks[:-1])
    assert road_violations(plan) == []


def test_starting_from_not_yet_is_run_walk():
    plan = build_plan(parse_query("goal=tone&current_minutes=0"))
    first = plan.weeks[0].days[0].runs[0]
    assert first.minutes.min == ROAD.figure("start_minutes").min
    assert first.bout == 1
    assert first.walk_minutes == ROAD.figure("walk_minutes").min
    assert first.intensity == ROAD.term("intensity")
    assert first.rule == "road.build"


def test_every_fourth_week_is_easier():
    plan = build_plan(parse_query("goal=lose&current_minutes=0"))
    every = ROAD.figure("easier_every").min
    kinds = [w.kind for w in plan.weeks[:-1]]
    assert all(k == "easier" for k in kinds[every - 1 :: every])
    assert kinds.count("easier") == len(kinds) // every


def test_legs_from_the_first_week():
    plan = build_plan(parse_query("goal=tone&current_minutes=0&days=mon,wed,fri"))
    assert all(len(w.leg_days) == 2 for w in plan.weeks)


def test_no_jump_like_eight_to_twenty_minutes():
    for current in range(31):
        steps = road_steps(current, ordinary=30, long=None)
        bouts = [s.bout for s in steps if s.kind == "road"] + [30]
        assert all(b - a <= max(1, a // 4) for a, b in itertools.pairwise(bouts))


def test_runner_already_there_gets_the_target_week_only():
    assert road_steps(30, ordinary=30, long=None) == ()
    assert road_steps(60, ordinary=30, long=60) == ()
    assert len(road_steps(30, ordinary=30, long=60)) > 0


def test_grow():
    assert grow(10, 10) == 1
    assert grow(40, 10) == 4
    assert grow(3, 25) == 1


def test_road_note_calls_the_cap_a_convention():
    plan = build_plan(parse_query("goal=tone&current_minutes=10"))
    note = plan.notes[-1]
    assert "cautious convention, not injury prevention" in note
    assert "buist-2008" in plan.sources
