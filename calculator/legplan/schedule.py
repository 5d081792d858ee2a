"""Turn a :class:`PlanRequest` into a :class:`Plan`: pure, no I/O, no clock, no randomness.

How the week is laid out (every choice deterministic):

1. The goal's rules give the number of runs, long runs and leg workouts
   (:data:`legplan.rules.GOALS`). A run takes a whole training day: at most
   one run a day, so the runner needs at least as many days as runs.
2. Every way of placing the runs and the leg workouts on the available days
   is tried (at most 35 x 35 layouts). Leg workouts never fall on
   consecutive days, Sunday to Monday included, because the week repeats.
3. Among the layouts that pass, the best is chosen by comparing, in order:
   long runs not back to back; no leg workout on a long-run day; as many
   separate training days as possible (fewer doubled days); as few runs on
   consecutive days as possible; no leg workout the day before a long run;
   the widest smallest gap between runs. Long runs take the two run days
   furthest apart, the weekend first on a tie. A remaining tie goes to the
   layout earliest in the week.

>>> plan = build_plan(PlanRequest())
>>> [d.day.value for d in plan.target_week.days if d.runs]
['mon', 'wed', 'fri']
>>> plan.target_week.leg_days
(<Weekday.TUE: 'tue'>, <Weekday.THU: 'thu'>)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, pairwise

from legplan.energy import estimate
from legplan.errors import PlanDoesNotFitError
from legplan.model import (
    Activity,
    CheckIn,
    Day,
    Exercise,
    LegSession,
    Plan,
    PlanRequest,
    RunSession,
    Session,
    Week,
    WeekKind,
)
from legplan.road import RoadStep, road_steps
from legplan.rules import EFFORTS, EXERCISES, GOALS, RULES, GoalSpec, efforts_in
from legplan.sources import SOURCES
from legplan.vocab import Equipment, Goal, Muscle, Range, Weekday

__all__ = ["Layout", "build_plan", "layout_week"]

_WEEK = 7
_WEEKEND = frozenset({Weekday.SAT.position, Weekday.SUN.position})


@dataclass(frozen=True, slots=True)
class Layout:
    """Which days (Monday = 0) carry runs, long runs and leg workouts."""

    runs: tuple[int, ...]
    long_runs: tuple[int, ...]
    legs: tuple[int, ...]


def _distance(a: int, b: int) -> int:
    """Days between two weekdays on the repeating week."""
    return min((a - b) % _WEEK, (b - a) % _WEEK)


def _adjacent_pairs(days: tuple[int, ...]) -> int:
    return sum(1 for a, b in combinations(days, 2) if _distance(a, b) == 1)


def _smallest_gap(days: tuple[int, ...]) -> int:
    if len(days) < 2:
        return _WEEK
    ordered = sorted(days)
    gaps = [b - a for a, b in pairwise(ordered)]
    return min([*gaps, ordered[0] + _WEEK - ordered[-1]])


def _long_runs(runs: tuple[int, ...], count: int) -> tuple[int, ...]:
    """The ``count`` run days furthest apart, the weekend first on a tie."""
    best: tuple[int, ...] = ()
    best_score = (-1, -1)
    for pick in combinations(runs, count):
        score = (_smallest_gap(pick), sum(1 for d in pick if d in _WEEKEND))
        if score > best_score:
            best, best_score = pick, score
    return best


@lru_cache(maxsize=1024)
def layout_week(available: tuple[int, ...], runs: int, long_runs: int, legs: int) -> Layout | None:
    """The best layout of a week, or ``None`` when the rules cannot fit.

    Args:
        available: Available days, Monday = 0, ascending.
        runs: Runs a week (at most one a day).
        long_runs: How many of the runs are long.
        legs: Leg workouts a week (never on consecutive days).

    Returns:
        The chosen layout, or ``None`` if no layout meets the rules.

    >>> layout_week((0, 1, 2), 3, 0, 2)
    Layout(runs=(0, 1, 2), long_runs=(), legs=(0, 2))
    >>> layout_week((0, 1), 1, 0, 2) is None
    True
    """
    best: Layout | None = None
    best_score: tuple[int, ...] = ()
    leg_options = [
        pick
        for pick in combinations(available, legs)
        if all(_distance(a, b) > 1 for a, b in combinations(pick, 2))
    ]
    for run_days in combinations(available, runs):
        long_days = _long_runs(run_days, long_runs)
        for leg_days in leg_options:
            score = (
                -_adjacent_pairs(long_days),
                -len(set(leg_days) & set(long_days)),
                len(set(run_days) | set(leg_days)),
                -_adjacent_pairs(run_days),
                -sum(1 for d in leg_days if (d + 1) % _WEEK in long_days),
                _smallest_gap(run_days),
            )
            if best is None or score > best_score:
                best, best_score = Layout(run_days, long_days, leg_days), score
    return best


def _needs(spec: GoalSpec) -> tuple[int, int, int]:
    runs = RULES[spec.long_run_rule or spec.run_rule].figure("runs_per_week").min
    long_runs = RULES[spec.long_run_rule].figure("long_runs").min if spec.long_run_rule else 0
    legs = RULES[spec.legs_rule].figure("sessions_per_week").min
    return runs, long_runs, legs


def _day_list(days: tuple[Weekday, ...]) -> str:
    return ", ".join(d.full for d in days)


def _goal_name(goal: Goal) -> str:
    """A goal as a runner reads it, with the value the CLI and links use."""
    return f'"{GOALS[goal].label}" ({goal.value})'


def _check_fits(request: PlanRequest, spec: GoalSpec) -> Layout:
    runs, long_runs, legs = _needs(spec)
    have = len(request.days)
    if have < runs:
        easier = [
            _goal_name(g) for g, s in GOALS.items() if g != request.goal and _needs(s)[0] <= have
        ]
        advice = f"Add {runs - have} more day{'s' if runs - have > 1 else ''}"
        if easier:
            advice += f", or choose the goal {' or '.join(easier)}"
        raise PlanDoesNotFitError(
            "days",
            f"the goal {_goal_name(request.goal)} needs at least {runs} training days, one for "
            f"each of its {runs} runs a week; you chose {have} ({_day_list(request.days)})",
            advice + ".",
        )
    layout = layout_week(tuple(d.position for d in request.days), runs, long_runs, legs)
    if layout is None:
        raise PlanDoesNotFitError(
            "days",
            f"the goal {_goal_name(request.goal)} needs {legs} leg workouts on days that are not "
            f"next to each other, and {_day_list(request.days)} has no such days",
            "Add a day that is not next to the others.",
        )
    return layout


def _intensity(request: PlanRequest, words: str) -> str:
    """``words``, or easy effort everywhere when the self-check had a yes."""
    return RULES["safety.check"].term("intensity") if request.selfcheck else words


def _target_run(spec: GoalSpec, request: PlanRequest, long: bool) -> RunSession:
    health = RULES[spec.run_rule]
    intensity = _intensity(request, health.term("intensity"))
    if long and spec.long_run_rule:
        rule = RULES[spec.long_run_rule]
        return RunSession(rule.figure("long_minutes"), intensity, rule.id, long=True)
    return RunSession(health.figure("minutes"), intensity, health.id)


def _road_run(step: RoadStep, request: PlanRequest, long_day: bool) -> RunSession:
    """A run of the road; on a long-run day it is called long only once it is longer."""
    road = RULES["road.build"]
    longer = long_day and step.long is not None and step.long > step.ordinary
    minutes = step.long if longer and step.long is not None else step.ordinary
    run_walk = step.bout < minutes
    return RunSession(
        Range(minutes, minutes),
        _intensity(request, road.term("intensity")),
        road.id,
        long=longer,
        becomes_long=long_day and not longer,
        bout=step.bout if run_walk else None,
        walk_minutes=road.figure("walk_minutes").min if run_walk else None,
    )


def _activity(days: tuple[Day, ...]) -> Activity:
    """A week's running and strength days against WHO 2020.

    Runs count as vigorous only at the article's effort ("moderate to high"),
    never at easy effort (the road, or after a self-check yes).
    """
    who = RULES["who.activity"]
    article_effort = RULES["run.health"].term("intensity")
    runs = [r for d in days for r in d.runs]
    minutes = Range(sum(r.minutes.min for r in runs), sum(r.minutes.max for r in runs))
    hard = sum(r.minutes.min for r in runs if r.intensity == article_effort)
    strength = sum(1 for d in days if d.has_legs)
    return Activity(
        run_minutes=minutes,
        strength_days=strength,
        meets_moderate=minutes.min >= who.figure("moderate_minutes").min,
        meets_vigorous=hard >= who.figure("vigorous_minutes").min,
        meets_strength=strength >= who.figure("strength_days").min,
    )


def _week(
    number: int,
    label: str,
    kind: WeekKind,
    layout: Layout,
    run: Callable[[bool], RunSession],
    legs: LegSession,
) -> Week:
    days = []
    for day in Weekday:
        sessions: list[Session] = []
        if day.position in layout.runs:
            sessions.append(run(day.position in layout.long_runs))
        if day.position in layout.legs:
            sessions.append(legs)
        days.append(Day(day, tuple(sessions)))
    return Week(number, tuple(days), label, kind, _activity(tuple(days)))


def _legs(spec: GoalSpec, request: PlanRequest) -> LegSession:
    rule = RULES[spec.legs_rule]
    rest = rule.figure("rest_seconds") if rule.has_figure("rest_seconds") else None
    exercises = tuple(
        Exercise(
            muscle=muscle,
            name=EXERCISES[request.equipment, muscle].name,
            how=EXERCISES[request.equipment, muscle].how,
            sets=rule.figure("sets"),
            reps=rule.figure("reps"),
            rest_seconds=rest,
        )
        for muscle in Muscle
    )
    if request.goal is Goal.BUILD:
        return LegSession(focus="hypertrophy", rule=rule.id, exercises=exercises)
    return LegSession(focus="endurance", rule=rule.id, exercises=exercises)


def _notes(request: PlanRequest, spec: GoalSpec) -> tuple[str, ...]:
    run = RULES[spec.run_rule]
    legs = RULES[spec.legs_rule]
    rest = RULES["legs.rest"]
    effort = _intensity(request, run.term("intensity"))
    target = "Runs in the target week" if request.current_minutes is not None else "Runs"
    notes = [
        f"{target}: {run.figure('minutes').text('min')} at {effort} effort. The article calls "
        "running high-intensity cardiovascular exercise; most people keep it up for "
        f"{RULES['run.endurance'].figure('min_minutes').text('min')} or more: endurance work "
        "that, in general, tones the legs rather than making them bulky.",
    ]
    if spec.long_run_rule:
        long = RULES[spec.long_run_rule]
        notes.append(
            f"{long.figure('long_runs').text('long runs')} of "
            f"{long.figure('long_minutes').text('min')} a week, placed apart where your days allow."
        )
    notes.append(
        f"Leg workouts: one exercise for each muscle group, {legs.figure('sets').text('sets')} of "
        f"{legs.figure('reps').text('reps')}, never on consecutive days (about "
        f"{rest.figure('rest_hours').text('h')} for the same muscles when you train at a similar "
        "time of day)."
    )
    if request.goal is Goal.BUILD:
        load = RULES["legs.load"]
        notes.append(
            f"Rest {legs.figure('rest_seconds').text('s')} between sets. Size takes consistent "
            "weight training over a long period. Newcomers can train legs "
            f"{legs.figure('sessions_per_week').text('days a week')} (ACSM): add a third leg day "
            "only where it is not next to another."
        )
        notes.append(
            "Add load as you get stronger: once you can do "
            f"{load.figure('extra_reps').text('reps')} more than the plan asks, add "
            f"{load.figure('load_step').text('%')} to the weight (ACSM). Pick a weight that "
            "makes the last repetitions of each set hard (Legplan's suggestion)."
        )
        if request.equipment is Equipment.NONE:
            notes.append(
                "Without equipment, keep the repetitions hard by wearing a backpack loaded with "
                "books or bottles of water, or by doing each exercise on one leg (Legplan's "
                "suggestion)."
            )
    if request.builds_easily and request.goal is Goal.BUILD:
        notes.append(
            "You said your legs build muscle easily: that helps your goal, but the plan's "
            "numbers stay the same for everyone. Watch how your legs change and adapt."
        )
    elif request.builds_easily:
        notes.append(
            "You said your legs build muscle easily: they may get slightly bigger even from "
            "running, though large growth from endurance work is unlikely. Watch how they change "
            "over a few weeks and adapt; the numbers stay the same for everyone."
        )
    return tuple(notes)


def _checkin(request: PlanRequest, spec: GoalSpec) -> tuple[CheckIn, ...]:
    legs_rule = RULES[spec.legs_rule]
    if request.goal is Goal.BUILD:
        legs = CheckIn(
            "Your legs are not growing as you hoped",
            "Size takes consistent weight training over a long period: keep to the plan's sets, "
            "reps and rest.",
            "article",
        )
    else:
        legs = CheckIn(
            "Your legs feel bigger than you want",
            "Keep running, and keep your leg workouts to the article's plan for avoiding bulk: "
            f"{legs_rule.figure('sessions_per_week').text('days a week')}, never back to back, "
            f"{legs_rule.figure('sets').text('sets')} of {legs_rule.figure('reps').text('reps')}.",
            "article",
        )
    return (
        legs,
        CheckIn(
            "Runs feel harder than the effort asked for",
            "Slow down until the talk test matches the plan's effort, and repeat the week before "
            "you move on.",
            "legplan-advice",
        ),
        CheckIn(
            "Runs feel easy and you recover well",
            "Move on to the next week; at the target week, stay within its ranges."
            if request.current_minutes is not None
            else "Stay within the target week's ranges: their upper ends leave room to do more.",
            "legplan-advice",
        ),
        CheckIn(
            "Soreness lasts until your next leg workout",
            "Take an extra rest day and repeat the week; if it goes on or hurts sharply, talk to "
            "a doctor or physiotherapist.",
            "legplan-advice",
        ),
    )


def _road_note(request: PlanRequest, steps: tuple[RoadStep, ...]) -> str:
    road = RULES["road.build"]
    today = (
        "starting with run-walk today"
        if request.current_minutes == 0
        else f"starting from {request.current_minutes} min without stopping today"
    )
    return (
        f"The road: {len(steps)} weeks, {today}, up to the article's target week, every run at "
        f"{_intensity(request, road.term('intensity'))} effort. Each full week's running rises by "
        f"at most {road.figure('weekly_increase').text('%')} (or "
        f"{road.figure('min_step').text('min')} a run while runs are short), and every "
        f"{road.figure('easier_every').text('weeks')} comes an easier week with "
        f"{road.figure('easier_share').text('%')} of the running. From the last road week, "
        "begin the target week at the low end of its ranges and raise the time, then the "
        "effort, over the weeks after. This cap is a cautious "
        "convention, not injury prevention: in a trial with novice runners, injuries were about "
        "as common with such a cap as without it (Buist 2008)."
    )


_SAFETY_NOTE = (
    "Your self-check: talk to a doctor or qualified exercise professional before you start. "
    "Every run in this plan is at easy effort; once a professional has seen your answers, make a "
    "new plan without the self-check. This check does not clear anyone to exercise."
)


def build_plan(request: PlanRequest) -> Plan:
    """Lay out the plan for a request: the road to the target week (if asked), then the target.

    Args:
        request: A validated request.

    Returns:
        The plan; its last week is the article's target week.

    Raises:
        PlanDoesNotFitError: If the available days cannot hold the goal's sessions.
    """
    spec = GOALS[request.goal]
    layout = _check_fits(request, spec)
    legs = _legs(spec, request)
    steps: tuple[RoadStep, ...] = ()
    if request.current_minutes is not None:
        target = RULES[spec.run_rule].figure("minutes").min
        long = RULES[spec.long_run_rule].figure("long_minutes").min if spec.long_run_rule else None
        steps = road_steps(request.current_minutes, ordinary=target, long=long)
    weeks = []
    for number, step in enumerate(steps, start=1):
        label = "Easier week" if step.kind == "easier" else "Building up"
        weeks.append(
            _week(
                number,
                f"{label} ({number} of {len(steps)} on the road)",
                step.kind,
                layout,
                functools.partial(_road_run, step, request),
                legs,
            )
        )
    weeks.append(
        _week(
            len(steps) + 1,
            "Target week, every run at easy effort"
            if request.selfcheck
            else "The article's target week",
            "target",
            layout,
            functools.partial(_target_run, spec, request),
            legs,
        )
    )
    rules = ["run.endurance", spec.run_rule]
    if spec.long_run_rule:
        rules.append(spec.long_run_rule)
    rules += [spec.legs_rule, "legs.rest"]
    if request.goal is Goal.BUILD:
        rules.append("legs.load")
    if request.builds_easily:
        rules.append("adapt.watch")
    if steps:
        rules.append("road.build")
    rules += ["who.activity", "adapt.checkin"]
    energy = None
    if request.weight is not None and request.pace is not None:
        rules.append("energy.estimate")
        energy = estimate(
            request.weight,
            request.weight_unit,
            request.pace,
            request.pace_unit,
            tuple(weeks),
        )
    if request.selfcheck:
        rules.append("safety.check")
    used = {e.word for w in weeks for d in w.days for r in d.runs for e in efforts_in(r.intensity)}
    efforts = tuple(e for e in EFFORTS if e in used)
    checkin = _checkin(request, spec)
    cited = {source for rule in rules for source in RULES[rule].sources}
    cited |= {EFFORTS[e].source for e in efforts}
    cited |= {c.source for c in checkin}
    cited |= {"legplan-advice", "parq-plus"}  # the warm-up, rest days and safety line of every plan
    notes = _notes(request, spec)
    if steps:
        notes = (*notes, _road_note(request, steps))
    return Plan(
        request=request,
        weeks=tuple(weeks),
        notes=notes,
        sources=tuple(s for s in SOURCES if s in cited),
        rules=tuple(rules),
        checkin=checkin,
        safety=_SAFETY_NOTE if request.selfcheck else None,
        energy=energy,
        efforts=efforts,
    )
