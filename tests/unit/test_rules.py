"""One test per rule id at least: each rule's figures reach the plan."""

from __future__ import annotations

import pytest

from legplan.model import LegSession
from legplan.request import parse_query
from legplan.rules import EXERCISES, GOALS, RULES
from legplan.schedule import build_plan
from legplan.sources import SOURCES
from legplan.vocab import Equipment, Goal, Muscle, Weekday


def _plan(query: str):
    return build_plan(parse_query(query))


def _runs(plan):
    return [s for d in plan.target_week.days for s in d.runs]


def _legs(plan):
    return [s for d in plan.target_week.days for s in d.sessions if isinstance(s, LegSession)]


def test_every_rule_names_known_sources():
    for rule in RULES.values():
        assert rule.sources, rule.id
        assert set(rule.sources) <= set(SOURCES), rule.id


def test_rule_ids_are_unique_and_match_design():
    assert list(RULES) == [
        "run.endurance",
        "run.health",
        "run.significant",
        "legs.tone",
        "legs.hypertrophy",
        "legs.load",
        "legs.rest",
        "adapt.watch",
        "road.build",
        "who.activity",
        "energy.estimate",
        "safety.check",
        "adapt.checkin",
    ]


def test_additions_are_labelled_and_cite_additions():
    for rule in RULES.values():
        if rule.addition:
            assert any(SOURCES[s].addition for s in rule.sources), rule.id
        else:
            assert "article" in rule.sources, rule.id


def test_run_endurance_every_run_is_an_endurance_session():
    floor = RULES["run.endurance"].figure("min_minutes").min
    assert floor == 20
    for goal in Goal:
        assert all(s.minutes.min >= floor for s in _runs(_plan(f"goal={goal.value}")))


def test_run_health_three_runs_of_30_to_45_minutes():
    plan = _plan("goal=tone")
    runs = _runs(plan)
    rule = RULES["run.health"]
    assert len(runs) == rule.figure("runs_per_week").min == 3
    assert {s.minutes.text("min") for s in runs} == {"30–45 min"}
    assert {s.intensity for s in runs} == {"moderate to high"}
    assert {s.rule for s in runs} == {"run.health"}


def test_run_significant_four_runs_two_of_60_to_90_minutes():
    runs = _runs(_plan("goal=lose"))
    assert len(runs) == 4
    long_runs = [s for s in runs if s.long]
    assert [s.minutes.text("min") for s in long_runs] == ["60–90 min", "60–90 min"]
    assert {s.rule for s in long_runs} == {"run.significant"}
    assert {s.rule for s in runs if not s.long} == {"run.health"}
    assert {s.minutes.text("min") for s in runs if not s.long} == {"30–45 min"}


def test_legs_tone_two_days_one_exercise_per_muscle_3_sets_of_12_to_15():
    legs = _legs(_plan("goal=tone"))
    assert len(legs) == 2
    for session in legs:
        assert session.rule == "legs.tone"
        assert session.focus == "endurance"
        assert [e.muscle for e in session.exercises] == list(Muscle)
        assert {(e.sets.text("sets"), e.reps.text("reps")) for e in session.exercises} == {
            ("3 sets", "12–15 reps")
        }
        assert {e.rest_seconds for e in session.exercises} == {None}


def test_legs_hypertrophy_3_to_6_sets_of_6_to_12_with_30_to_90_s_rest():
    legs = _legs(_plan("goal=build"))
    assert len(legs) == RULES["legs.hypertrophy"].figure("sessions_per_week").min == 2
    for session in legs:
        assert session.rule == "legs.hypertrophy"
        assert session.focus == "hypertrophy"
        for e in session.exercises:
            assert (e.sets.text(), e.reps.text(), e.rest_seconds) == (
                "3–6",
                "6–12",
                RULES["legs.hypertrophy"].figure("rest_seconds"),
            )


@pytest.mark.parametrize(
    "days",
    ["mon,sun,wed", "sat,sun,mon", "mon,tue,wed", "fri,sat,sun,mon", "sun,mon,tue,wed"],
)
def test_legs_rest_never_consecutive_even_sunday_to_monday(days):
    for goal in Goal:
        if len(days.split(",")) < 4 and goal is Goal.LOSE:
            continue
        leg_days = _plan(f"goal={goal.value}&days={days}").target_week.leg_days
        positions = [d.position for d in leg_days]
        assert all((a - b) % 7 not in (1, 6) for a in positions for b in positions if a != b)


def test_legs_rest_figures():
    assert RULES["legs.rest"].figure("rest_days").min == 1
    assert RULES["legs.rest"].figure("rest_hours").min == 48


def test_adapt_watch_adds_notes_never_numbers():
    plain = _plan("goal=tone&days=mon,wed,fri,sat")
    easily = _plan("goal=tone&days=mon,wed,fri,sat&builds_easily=yes")
    assert plain.target_week == easily.target_week
    assert "adapt.watch" in easily.rules
    assert "adapt.watch" not in plain.rules
    assert len(easily.notes) == len(plain.notes) + 1
    assert "roberts-2020" in easily.sources


def test_goals_map_to_existing_rules():
    for spec in GOALS.values():
        for rule in (spec.run_rule, spec.long_run_rule, spec.legs_rule):
            assert rule is None or rule in RULES


def test_every_equipment_has_one_exercise_per_muscle():
    for (equipment, muscle), choice in EXERCISES.items():
        assert choice.name, (equipment, muscle)
        assert choice.how.endswith("."), (equipment, muscle)
    assert set(EXERCISES) == {(e, m) for e in Equipment for m in Muscle}


def test_figure_lookup_unknown_key_raises():
    with pytest.raises(KeyError):
        RULES["run.health"].figure("nope")
    with pytest.raises(KeyError):
        RULES["run.health"].term("nope")


def test_week_order_is_monday_first():
    assert [d.day for d in _plan("goal=tone&week_start=sun").target_week.days] == list(Weekday)


def test_legs_load_goal_build_says_how_to_add_load():
    load = RULES["legs.load"]
    for equipment in Equipment:
        plan = _plan(f"goal=build&equipment={equipment}")
        assert "legs.load" in plan.rules
        notes = " ".join(plan.notes)
        assert f"add {load.figure('load_step').text('%')} to the weight" in notes
        assert ("backpack" in notes) == (equipment == "none")
    assert "legs.load" not in _plan("goal=tone").rules


def test_rule_wording_holds_no_number_of_its_own():
    for rule in RULES.values():
        assert not any(c.isdigit() for c in rule.wording), rule.id
