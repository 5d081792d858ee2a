"""An independent reading of the article's rules, used to check any plan.

Written against the rule table, not against the scheduler's code, so a
scheduler bug shows up as a violation here.
"""

from __future__ import annotations

from legplan.model import LegSession, Plan, RunSession
from legplan.rules import GOALS, RULES
from legplan.vocab import Muscle


def violations(plan: Plan) -> list[str]:
    """Every way ``plan`` breaks a rule (empty when it keeps them all)."""
    found: list[str] = []
    request = plan.request
    spec = GOALS[request.goal]
    week = plan.target_week
    assert [d.day for d in week.days] == sorted(
        (d.day for d in week.days), key=lambda d: d.position
    )
    runs_rule = RULES[spec.long_run_rule or spec.run_rule]
    health = RULES["run.health"]
    legs_rule = RULES[spec.legs_rule]
    endurance = RULES["run.endurance"].figure("min_minutes").min

    for day in week.days:
        if day.sessions and day.day not in request.days:
            found.append(f"run.health/legs: session on unavailable {day.day.value}")
        if len(day.runs) > 1:
            found.append(f"run: two runs on {day.day.value}")
        for s in day.sessions:
            if s.rule not in plan.rules:
                found.append(f"{s.rule}: not listed in plan.rules")
    runs = [s for d in week.days for s in d.sessions if isinstance(s, RunSession)]
    if len(runs) != runs_rule.figure("runs_per_week").min:
        found.append(f"{runs_rule.id}: {len(runs)} runs")
    long_runs = [s for s in runs if s.long]
    if spec.long_run_rule:
        long = RULES[spec.long_run_rule]
        if len(long_runs) != long.figure("long_runs").min:
            found.append(f"run.significant: {len(long_runs)} long runs")
        if any(s.minutes != long.figure("long_minutes") for s in long_runs):
            found.append("run.significant: long run length")
    elif long_runs:
        found.append("run.health: unexpected long run")
    for s in runs:
        if not s.long and s.minutes != health.figure("minutes"):
            found.append("run.health: run length")
        effort = RULES["safety.check" if request.selfcheck else "run.health"].term("intensity")
        if s.intensity != effort:
            found.append("run.health: intensity")
        if s.minutes.min < endurance:
            found.append("run.endurance: run shorter than an endurance session")
    leg_days = [d.day.position for d in week.days if d.has_legs]
    if len(leg_days) != legs_rule.figure("sessions_per_week").min:
        found.append(f"{legs_rule.id}: {len(leg_days)} leg days")
    for a in leg_days:
        for b in leg_days:
            if a != b and (a - b) % 7 in (1, 6):
                found.append(f"legs.rest: leg days {a} and {b} are consecutive")
    for d in week.days:
        for s in d.sessions:
            if isinstance(s, LegSession):
                if s.rule != legs_rule.id:
                    found.append(f"{legs_rule.id}: session carries {s.rule}")
                if [e.muscle for e in s.exercises] != list(Muscle):
                    found.append(f"{legs_rule.id}: not one exercise per muscle group")
                for e in s.exercises:
                    if e.sets != legs_rule.figure("sets") or e.reps != legs_rule.figure("reps"):
                        found.append(f"{legs_rule.id}: sets or reps")
                    has_rest = any(f.key == "rest_seconds" for f in legs_rule.figures)
                    expected = legs_rule.figure("rest_seconds") if has_rest else None
                    if e.rest_seconds != expected:
                        found.append(f"{legs_rule.id}: rest")
    if request.builds_easily != ("adapt.watch" in plan.rules):
        found.append("adapt.watch: note missing or unasked")
    return found


def road_violations(plan: Plan) -> list[str]:
    """Every way the road to the target week breaks rule road.build (empty when it keeps it)."""
    road = RULES["road.build"]
    pct = road.figure("weekly_increase").min
    step = road.figure("min_step").min
    bout_pct = road.figure("bout_increase").min
    found = violations(plan)
    weeks = plan.weeks
    if weeks[-1].kind != "target":
        found.append("road.build: the last week is not the target week")
    last_full = None
    for week in weeks:
        runs = [r for d in week.days for r in d.runs]
        if week.kind != "target" and any(r.rule != "road.build" for r in runs):
            found.append(f"road.build: week {week.number} has a run from another rule")
        if len(week.leg_days) != len(weeks[-1].leg_days):
            found.append(f"road.build: week {week.number} lacks the leg workouts")
        total = week.activity.run_minutes.min
        bout = max((r.bout or r.minutes.min) for r in runs)
        if week.kind == "easier":
            if last_full is None or total > last_full[0]:
                found.append(f"road.build: easier week {week.number} is not easier")
            continue
        if last_full is not None:
            cap = max(len(runs) * step, last_full[0] * pct // 100)
            if total - last_full[0] > cap:
                found.append(f"road.build: week {week.number} adds {total - last_full[0]} > {cap}")
            if bout - last_full[1] > max(step, last_full[1] * bout_pct // 100):
                found.append(f"road.build: week {week.number} bout {last_full[1]} -> {bout}")
        for r in runs:
            if r.bout is not None and not r.bout < r.minutes.min:
                found.append(f"road.build: week {week.number} bout not shorter than the run")
        last_full = (total, bout)
    return found
