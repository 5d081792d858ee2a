"""The road to the target week (rule road.build)."""

from __future__ import annotations

import itertools

import pytest

from legplan.request import parse_query
from legplan.road import grow, road_steps, share_of
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


@pytest.mark.parametrize("current", [0, 7, 20, 45])
@pytest.mark.parametrize("goal", ["tone", "lose"])
def test_an_easier_week_holds_the_share_of_the_last_full_week_to_the_nearest_minute(goal, current):
    share = ROAD.figure("easier_share").min
    plan = build_plan(parse_query(f"goal={goal}&current_minutes={current}"))
    weeks = plan.weeks[:-1]
    checked = 0
    for i, week in enumerate(weeks):
        if week.kind != "easier":
            continue
        last = next(w for w in reversed(weeks[:i]) if w.kind == "road")
        for before, after in zip(last.days, week.days, strict=True):
            for a, b in zip(before.runs, after.runs, strict=True):
                exact = a.minutes.min * share / 100
                assert abs(b.minutes.min - exact) <= 0.5, (a.minutes, b.minutes)
                checked += 1
    assert checked or not any(w.kind == "easier" for w in weeks)


def test_twelve_minutes_at_eighty_percent_is_ten():
    assert share_of(12, 80) == 10  # 9.6 rounds to 10, not down to 9 (75%)
    assert share_of(15, 80) == 12


def test_a_run_is_long_only_when_it_is_longer_than_the_other_runs_of_its_week():
    plan = build_plan(parse_query("goal=lose&current_minutes=0"))
    grows = 0
    for week in plan.weeks[:-1]:
        runs = [r for d in week.days for r in d.runs]
        shortest = min(r.minutes.min for r in runs)
        for run in runs:
            if run.long:
                assert run.minutes.min > shortest
            grows += run.becomes_long
    assert grows, "early road weeks mark the runs that grow into long runs"
    target = [r for d in plan.target_week.days for r in d.runs]
    assert sum(r.long for r in target) == RULES["run.significant"].figure("long_runs").min
    assert not any(r.becomes_long for r in target)
