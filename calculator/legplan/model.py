"""Frozen records: what a request and a plan are made of.

Nothing here decides anything; :mod:`legplan.schedule` builds these records
and :mod:`legplan.render` formats them. The closed sets and :class:`Range`
they are made of live in :mod:`legplan.vocab`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from legplan.vocab import DistanceUnit, Equipment, Goal, Muscle, Range, Weekday, WeightUnit

__all__ = [
    "Activity",
    "CheckIn",
    "Day",
    "Energy",
    "EnergyRange",
    "Exercise",
    "LegSession",
    "Plan",
    "PlanRequest",
    "RunEnergy",
    "RunSession",
    "Session",
    "Week",
    "WeekKind",
]


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """A validated request: build one with :func:`legplan.request.parse_mapping` and friends.

    Attributes:
        goal: The runner's goal.
        days: Days the runner can train, Monday first, no duplicates.
        equipment: What the runner has for leg workouts.
        week_start: First day of the printed week (display only).
        builds_easily: The runner's legs build muscle easily (adds notes, never numbers).
        start_date: First day of the calendar file, or ``None`` for the shell to choose.
        weeks: How many weeks the calendar file covers (at least the plan's weeks).
        current_minutes: Minutes the runner can run without stopping today (0: not yet),
            or ``None`` to start at the target week.
        weight: Body weight in ``weight_unit``, for the energy estimate, or ``None``.
        weight_unit: Unit of ``weight``.
        pace: Typical running pace in seconds per ``pace_unit``, or ``None``.
        pace_unit: Unit the pace is given per.
        selfcheck: Ids of the safety self-check questions answered yes.
    """

    goal: Goal = Goal.TONE
    days: tuple[Weekday, ...] = tuple(Weekday)
    equipment: Equipment = Equipment.NONE
    week_start: Weekday = Weekday.MON
    builds_easily: bool = False
    start_date: dt.date | None = None
    weeks: int = 1
    current_minutes: int | None = None
    weight: float | None = None
    weight_unit: WeightUnit = WeightUnit.KG
    pace: int | None = None
    pace_unit: DistanceUnit = DistanceUnit.KM
    selfcheck: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of a leg session."""

    muscle: Muscle
    name: str
    how: str
    sets: Range
    reps: Range
    rest_seconds: Range | None


@dataclass(frozen=True, slots=True)
class RunSession:
    """A run: how long and how hard, and the rule that asked for it.

    Attributes:
        minutes: Minutes of running (walk breaks not counted).
        intensity: How hard, in words.
        rule: The rule that asked for it.
        long: One of the long runs of goal ``lose``, longer than the week's other runs.
        becomes_long: On the road, a run on a long-run day that is not longer yet:
            it grows into a long run by the target week.
        bout: Longest stretch without stopping, when shorter than ``minutes`` (run-walk).
        walk_minutes: Walk between bouts, when ``bout`` is set.
    """

    minutes: Range
    intensity: str
    rule: str
    long: bool = False
    becomes_long: bool = False
    bout: int | None = None
    walk_minutes: int | None = None
    type: Literal["run"] = "run"


@dataclass(frozen=True, slots=True)
class LegSession:
    """A leg workout: one exercise per muscle group."""

    focus: Literal["endurance", "hypertrophy"]
    rule: str
    exercises: tuple[Exercise, ...]
    type: Literal["legs"] = "legs"


Session = RunSession | LegSession


@dataclass(frozen=True, slots=True)
class Day:
    """One day of a week and its sessions (none means a rest day)."""

    day: Weekday
    sessions: tuple[Session, ...] = ()

    @property
    def has_legs(self) -> bool:
        """Whether a leg session falls on this day."""
        return any(isinstance(s, LegSession) for s in self.sessions)

    @property
    def runs(self) -> tuple[RunSession, ...]:
        """The runs on this day."""
        return tuple(s for s in self.sessions if isinstance(s, RunSession))


WeekKind = Literal["road", "easier", "target"]


@dataclass(frozen=True, slots=True)
class Activity:
    """A week's activity against the WHO 2020 guideline (computed by the scheduler).

    Attributes:
        run_minutes: Minutes of running in the week.
        strength_days: Days with a leg (muscle-strengthening) workout.
        meets_moderate: ``run_minutes.min`` reaches the lower moderate-activity figure.
        meets_vigorous: ``run_minutes.min`` reaches the lower vigorous-activity figure.
        meets_strength: Strength days reach the WHO figure.
    """

    run_minutes: Range
    strength_days: int
    meets_moderate: bool
    meets_vigorous: bool
    meets_strength: bool


@dataclass(frozen=True, slots=True)
class Week:
    """Seven days, Monday first.

    Attributes:
        number: Position in the plan, from 1.
        days: The seven days, Monday first.
        label: The week's name in words.
        kind: ``road`` (building up), ``easier`` (a lighter week) or ``target`` (the article's).
        activity: Running minutes and strength days against WHO 2020.
    """

    number: int
    days: tuple[Day, ...]
    label: str
    kind: WeekKind
    activity: Activity

    def display(self, start: Weekday) -> tuple[Day, ...]:
        """The days in display order starting from ``start``."""
        return tuple(self.days[d.position] for d in Weekday.ordered(start))

    @property
    def run_count(self) -> int:
        """Number of runs in the week."""
        return sum(len(d.runs) for d in self.days)

    @property
    def leg_days(self) -> tuple[Weekday, ...]:
        """Days carrying a leg session."""
        return tuple(d.day for d in self.days if d.has_legs)

    @property
    def leg_session(self) -> LegSession | None:
        """The week's leg workout (every leg day of a week does the same one), if any."""
        for day in self.days:
            for session in day.sessions:
                if isinstance(session, LegSession):
                    return session
        return None


@dataclass(frozen=True, slots=True)
class EnergyRange:
    """Energy for some running, by each method, in kcal (rounded to tens)."""

    acsm: Range
    compendium: Range

    @property
    def both(self) -> Range:
        """From the lower to the higher of the two methods: the estimate as one range."""
        return Range(
            min(self.acsm.min, self.compendium.min), max(self.acsm.max, self.compendium.max)
        )


@dataclass(frozen=True, slots=True)
class RunEnergy:
    """Energy for one kind of run of the target week."""

    label: str
    minutes: Range
    kcal: EnergyRange


@dataclass(frozen=True, slots=True)
class Energy:
    """An honest energy estimate: two methods, shown with their working.

    Attributes:
        kg: Body weight in kilograms.
        speed: Running speed in metres per minute.
        vo2: Oxygen uptake from the ACSM running equation, ml/kg/min.
        litres_per_minute: The same for the whole body, litres of oxygen a minute.
        acsm_per_minute: kcal per minute by the ACSM equation.
        mets: The Compendium MET values bracketing the speed (low, high).
        compendium_per_minute: kcal per minute by the Compendium (low, high).
        runs: Each kind of run of the target week.
        weeks: Each week's running, in plan order.
        below_equation_speed: The speed is slower than the running equation is made for.
    """

    kg: float
    speed: float
    vo2: float
    litres_per_minute: float
    acsm_per_minute: float
    mets: tuple[float, float]
    compendium_per_minute: tuple[float, float]
    runs: tuple[RunEnergy, ...]
    weeks: tuple[EnergyRange, ...]
    below_equation_speed: bool = False


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One line of the watch-and-adapt check-in: what you notice, what to do, and on whose word.

    Attributes:
        situation: What the runner notices.
        suggestion: What to do about it.
        source: Id of the source the suggestion comes from (``legplan-advice`` for the
            site's own).
    """

    situation: str
    suggestion: str
    source: str


@dataclass(frozen=True, slots=True)
class Plan:
    """A runner's plan: a list of weeks whose last is the article's target week.

    Attributes:
        request: The request the plan answers.
        weeks: The weeks, the target week last.
        notes: Advice that goes with the plan, in display order.
        sources: Ids of the sources the plan rests on, see :mod:`legplan.sources`.
        rules: Ids of the rules the plan applies.
        checkin: The check-in to do after a few weeks.
        safety: What to do first when the self-check had a "yes" (shown before
            anything else), or ``None``.
        energy: The energy estimate, when weight and pace were given.
        efforts: The effort words the plan's runs use, easiest first (each is
            explained wherever the plan is shown).
    """

    request: PlanRequest
    weeks: tuple[Week, ...]
    notes: tuple[str, ...] = field(default=())
    sources: tuple[str, ...] = field(default=())
    rules: tuple[str, ...] = field(default=())
    checkin: tuple[CheckIn, ...] = field(default=())
    safety: str | None = None
    energy: Energy | None = None
    efforts: tuple[str, ...] = field(default=())

    @property
    def target_week(self) -> Week:
        """The article's target week (the last one)."""
        return self.weeks[-1]

    def reference(self, rule: str) -> int:
        """The number under which the plan's "why" notes explain ``rule``, from 1.

        Raises:
            ValueError: If the plan does not apply ``rule``.
        """
        return self.rules.index(rule) + 1

    @property
    def safety_flagged(self) -> bool:
        """Whether the self-check had a "yes"."""
        return self.safety is not None
