"""The article's rules as data: every number the calculator uses, with its source.

A rule is a row: an id, what it says, the figures it holds and the sources
it rests on. :mod:`legplan.schedule` reads figures from here by key; the
guidance site and the sources page are generated from the same rows.

>>> RULES["run.health"].figure("minutes").text("min")
'30–45 min'
>>> RULES["legs.tone"].figure("reps")
Range(min=12, max=15)
>>> GOALS[Goal.LOSE].long_run_rule
'run.significant'
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from legplan.vocab import Equipment, Goal, Muscle, Range

__all__ = [
    "EFFORTS",
    "EXERCISES",
    "GOALS",
    "RULES",
    "SELF_CHECK",
    "Constant",
    "Effort",
    "ExerciseChoice",
    "Figure",
    "GoalSpec",
    "Question",
    "Rule",
    "efforts_in",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """One number (or range) a rule holds.

    In a rule's wording, ``{key}`` stands for the figure with its unit and
    ``{key:n}`` for the number alone.

    Attributes:
        key: Name the scheduler reads it by.
        value: The number, as a range (``min == max`` for a single number).
        unit: Unit shown after the number.
        label: What the number is, in words.

    >>> f"{Figure('reps', Range(12, 15), 'reps', 'Repetitions'):n} times"
    '12–15 times'
    """

    key: str
    value: Range
    unit: str
    label: str

    def text(self) -> str:
        """The value with its unit, e.g. ``30–45 min``."""
        return self.value.text(self.unit)

    def __format__(self, spec: str) -> str:
        return self.value.text() if spec == "n" else self.text()


@dataclass(frozen=True, slots=True)
class Constant:
    """A coefficient of a formula a rule uses (not a whole number).

    In a rule's wording, ``{key}`` stands for the value with its unit and
    ``{key:n}`` for the value alone.

    Attributes:
        key: Name the code reads it by.
        value: The coefficient.
        unit: Its unit.
        label: What it is, in words.
    """

    key: str
    value: float
    unit: str
    label: str

    def text(self) -> str:
        """The value with its unit, e.g. ``3.5 ml/kg/min``."""
        return f"{self.value:g} {self.unit}".rstrip()

    def __format__(self, spec: str) -> str:
        return f"{self.value:g}" if spec == "n" else self.text()


@dataclass(frozen=True, slots=True)
class Rule:
    """One of the article's rules (or a sourced addition to it).

    Attributes:
        id: Stable id carried by every session the rule produces.
        title: Short name.
        wording: What the rule says, in the project's words, with its numbers
            and terms as ``{key}`` fields (see :attr:`statement`): no number is
            written out here.
        figures: The numbers it holds.
        terms: Words it prescribes (such as an intensity), as ``(key, words)`` pairs.
        sources: Ids in :data:`legplan.sources.SOURCES`.
        constants: Coefficients of the formulas it uses.
        table: Rows of numbers it looks values up in, with ``columns`` naming them.
        columns: Names of the table's columns.
        addition: ``True`` when the rule goes beyond the article.
    """

    id: str
    title: str
    wording: str
    figures: tuple[Figure, ...]
    sources: tuple[str, ...]
    terms: tuple[tuple[str, str], ...] = ()
    constants: tuple[Constant, ...] = ()
    table: tuple[tuple[float, float], ...] = ()
    columns: tuple[str, str] = ("", "")
    addition: bool = False

    @property
    def statement(self) -> str:
        """What the rule says, its figures, terms and constants filled in.

        >>> RULES["legs.tone"].statement.count("12–15")
        1
        """
        fields: dict[str, object] = {f.key: f for f in self.figures}
        fields |= dict(self.terms)
        fields |= {c.key: c for c in self.constants}
        return self.wording.format_map(fields)

    def find_figure(self, key: str) -> Figure:
        """The figure named ``key``, with its unit and label.

        Raises:
            KeyError: If the rule holds no such figure; the message lists those it holds.
        """
        return _find(self, "figure", {f.key: f for f in self.figures}, key)

    def has_figure(self, key: str) -> bool:
        """Whether the rule holds a figure named ``key``."""
        return any(f.key == key for f in self.figures)

    def figure(self, key: str) -> Range:
        """The value of the figure named ``key``.

        Raises:
            KeyError: If the rule holds no such figure.
        """
        return self.find_figure(key).value

    def term(self, key: str) -> str:
        """The words stored under ``key``.

        Raises:
            KeyError: If the rule holds no such term.
        """
        return _find(self, "term", dict(self.terms), key)

    def find_constant(self, key: str) -> Constant:
        """The coefficient named ``key``, with its unit and label.

        Raises:
            KeyError: If the rule holds no such constant.
        """
        return _find(self, "constant", {c.key: c for c in self.constants}, key)

    def constant(self, key: str) -> float:
        """The value of the coefficient named ``key``.

        Raises:
            KeyError: If the rule holds no such constant.
        """
        return self.find_constant(key).value


T = TypeVar("T")


def _find(rule: Rule, kind: str, items: dict[str, T], key: str) -> T:
    """``items[key]``, or a :class:`KeyError` that says what the rule holds instead.

    >>> _find(RULES["run.health"], "term", dict(RULES["run.health"].terms), "pace")
    Traceback (most recent call last):
    KeyError: "rule 'run.health' has no term 'pace'; its terms are intensity"
    """
    try:
        return items[key]
    except KeyError:
        known = ", ".join(items) or "none"
        msg = f"rule {rule.id!r} has no {kind} {key!r}; its {kind}s are {known}"
        raise KeyError(msg) from None


_RULES = (
    Rule(
        id="run.endurance",
        title="Running is an endurance activity",
        wording=(
            "Most runners keep going for {min_minutes} or more a session, which makes running "
            "endurance work: the calves, quadriceps, hamstrings and glutes all take part, and "
            "what they gain is muscular endurance rather than strength or size."
        ),
        figures=(Figure("min_minutes", Range(20, 20), "min", "Shortest endurance session"),),
        sources=("article", "acsm-endurance"),
    ),
    Rule(
        id="run.health",
        title="Running for health and moderate weight loss",
        wording=(
            "For health, fitness and moderate weight loss: {runs_per_week:n} runs a week of "
            "{minutes} each, at {intensity} intensity."
        ),
        figures=(
            Figure("runs_per_week", Range(3, 3), "runs a week", "Runs a week"),
            Figure("minutes", Range(30, 45), "min", "Length of each run"),
        ),
        terms=(("intensity", "moderate to high"),),
        sources=("article",),
    ),
    Rule(
        id="run.significant",
        title="Running for significant change",
        wording=(
            "For significant changes in health, fitness and weight: {runs_per_week:n} runs a "
            "week, {long_runs:n} of them lengthened to {long_minutes}; the others stay as for "
            "health."
        ),
        figures=(
            Figure("runs_per_week", Range(4, 4), "runs a week", "Runs a week"),
            Figure("long_runs", Range(2, 2), "long runs", "Long runs a week"),
            Figure("long_minutes", Range(60, 90), "min", "Length of each long run"),
        ),
        sources=("article",),
    ),
    Rule(
        id="legs.tone",
        title="Leg workouts that avoid bulk",
        wording=(
            "To keep the legs from bulking: leg workouts on {sessions_per_week:n} "
            "nonconsecutive days a week, {exercises_per_muscle} per muscle group, {sets} of "
            "{reps} each."
        ),
        figures=(
            Figure("sessions_per_week", Range(2, 2), "days a week", "Leg workout days"),
            Figure("exercises_per_muscle", Range(1, 1), "exercise", "Exercises per muscle group"),
            Figure("sets", Range(3, 3), "sets", "Sets per exercise"),
            Figure("reps", Range(12, 15), "reps", "Repetitions per set"),
        ),
        sources=("article",),
    ),
    Rule(
        id="legs.hypertrophy",
        title="Training for leg size (hypertrophy)",
        wording=(
            "Size comes from resistance training kept up over a long time, not from endurance "
            "work. The article's usual dose per exercise: {sets} of {reps}, resting "
            "{rest_seconds} between sets. How often: on {sessions_per_week}, the frequency ACSM "
            "gives newcomers to resistance training."
        ),
        figures=(
            Figure("sessions_per_week", Range(2, 3), "days a week", "Leg workout days"),
            Figure(
                "exercises_per_muscle",
                Range(1, 1),
                "exercise",
                "Exercises per muscle group (this site's choice, as in the other leg workouts)",
            ),
            Figure("sets", Range(3, 6), "sets", "Sets per exercise"),
            Figure("reps", Range(6, 12), "reps", "Repetitions per set"),
            Figure("rest_seconds", Range(30, 90), "s", "Rest between sets"),
        ),
        sources=("article", "acsm-2009"),
    ),
    Rule(
        id="legs.load",
        title="Adding load for size",
        wording=(
            "Size needs a load that keeps rising. ACSM: once you can do {extra_reps} more than "
            "the plan asks, add {load_step} to the weight; newcomers start at {novice_sets} of "
            "{novice_reps} with {novice_rest} of rest, and the article's range of sets matches "
            "what ACSM gives experienced lifters. This site's suggestions: pick a weight that "
            "makes the last repetitions of each set hard; without equipment, wear a backpack "
            "loaded with books or bottles of water, or do each exercise on one leg."
        ),
        figures=(
            Figure(
                "extra_reps", Range(1, 2), "reps", "Repetitions beyond the plan before adding load"
            ),
            Figure("load_step", Range(2, 10), "%", "Load added at a time"),
            Figure("novice_sets", Range(1, 3), "sets", "Sets per exercise for newcomers (ACSM)"),
            Figure("novice_reps", Range(8, 12), "reps", "Repetitions per set for newcomers (ACSM)"),
            Figure("novice_rest", Range(1, 2), "min", "Rest between sets for newcomers (ACSM)"),
        ),
        sources=("acsm-2009", "legplan-advice"),
        addition=True,
    ),
    Rule(
        id="legs.rest",
        title="Rest between leg workouts",
        wording=(
            "Leg workouts never fall on back-to-back days, Sunday to Monday included, since the "
            "week repeats: at least {rest_days} between them, which gives the same muscles about "
            "{rest_hours} to recover when you train at a similar time of day."
        ),
        figures=(
            Figure("rest_days", Range(1, 1), "day", "Rest days between leg workouts, at least"),
            Figure("rest_hours", Range(48, 48), "h", "Recovery for the same muscle group"),
        ),
        sources=("article", "acsm-2011"),
    ),
    Rule(
        id="adapt.watch",
        title="Watch and adapt",
        wording=(
            "Genetics and sex change how legs respond: people who build muscle easily may see "
            "slightly bigger legs even from running, though large growth from endurance work is "
            "unlikely. Watch how your body changes and adapt the training; the numbers do not "
            "change by sex."
        ),
        figures=(),
        sources=("article", "roberts-2020"),
    ),
    Rule(
        id="road.build",
        title="The road to the target week",
        wording=(
            "From what you can run today to the article's target week: each full week's running "
            "time rises by at most {weekly_increase} (or {min_step} a run while runs are "
            "short), the longest stretch without stopping grows by at most {bout_increase} (or "
            "{min_step}), and every {easier_every:n}th week is easier, with {easier_share} of "
            "the running of the week before. Run-walk bouts have {walk_minutes} of walking "
            "between them; a first session holds {start_minutes} of running. Leg workouts start "
            "in the first week. The target week's ranges start where the road ends: begin at "
            "their low end and raise the time, then the effort, over the weeks after. The cap is "
            "a cautious convention, not injury prevention: in a trial with novice runners, "
            "injuries were about as common with such a cap as without it."
        ),
        figures=(
            Figure("weekly_increase", Range(10, 10), "%", "Most a week's running time rises"),
            Figure("min_step", Range(1, 1), "min", "Smallest step, per run"),
            Figure("bout_increase", Range(25, 25), "%", "Most the longest stretch grows"),
            Figure("easier_every", Range(4, 4), "weeks", "An easier week every"),
            Figure(
                "easier_share", Range(80, 80), "%", "Running in an easier week, of the week before"
            ),
            Figure("walk_minutes", Range(1, 1), "min", "Walk between run-walk bouts"),
            Figure("start_minutes", Range(10, 10), "min", "Running in a first session"),
        ),
        terms=(("intensity", "easy"),),
        sources=("legplan-road", "buist-2008"),
        addition=True,
    ),
    Rule(
        id="who.activity",
        title="Weekly activity for adults (WHO 2020)",
        wording=(
            "Adults do best with {moderate_minutes} of moderate or {vigorous_minutes} of "
            "vigorous aerobic activity a week, or an equivalent mix, plus muscle strengthening "
            "of all major muscle groups on {strength_days:n} or more days."
        ),
        figures=(
            Figure("moderate_minutes", Range(150, 300), "min", "Moderate activity a week"),
            Figure("vigorous_minutes", Range(75, 150), "min", "Vigorous activity a week"),
            Figure("strength_days", Range(2, 2), "days", "Muscle-strengthening days, at least"),
        ),
        sources=("who-2020",),
        addition=True,
    ),
    Rule(
        id="energy.estimate",
        title="An honest energy range",
        wording=(
            "Energy per run, estimated two ways: the ACSM running equation (oxygen uptake = "
            "{horizontal:n} × speed + {vertical:n} × speed × grade + {resting}, speed in m/min, "
            "about {kcal_per_litre}) and Compendium MET values for running at that speed (kcal "
            "= MET × kg × hours). Both are estimates: in a validation study the ACSM equation "
            "overestimated the cost for most runners, and it is made for speeds of "
            "{min_speed} or more. No weight loss is predicted."
        ),
        figures=(),
        constants=(
            Constant("horizontal", 0.2, "ml/kg/min per m/min", "Oxygen cost of speed"),
            Constant("vertical", 0.9, "ml/kg/min per m/min", "Oxygen cost of grade"),
            Constant("resting", 3.5, "ml/kg/min", "Resting oxygen uptake"),
            Constant("kcal_per_litre", 5.0, "kcal per litre of oxygen", "Energy per litre"),
            Constant("min_speed", 134.0, "m/min", "Slowest speed the running equation is made for"),
        ),
        table=(
            (4.0, 6.0),
            (5.0, 8.3),
            (5.2, 9.0),
            (6.0, 9.8),
            (6.7, 10.5),
            (7.0, 11.0),
            (7.5, 11.5),
            (8.0, 11.8),
            (8.6, 12.3),
            (9.0, 12.8),
            (10.0, 14.5),
            (11.0, 16.0),
            (12.0, 19.0),
            (13.0, 19.8),
            (14.0, 23.0),
        ),
        columns=("Speed (mph)", "MET"),
        sources=("acsm-equations", "acsm-validation-1999", "compendium-2011"),
        addition=True,
    ),
    Rule(
        id="safety.check",
        title="A safety self-check",
        wording=(
            "Before starting, a few questions in the spirit of PAR-Q+. Any yes means: talk to a "
            "doctor or qualified exercise professional first, and keep every run at "
            "{intensity} effort. The check never clears anyone. The answers are never stored or "
            "written into links or plans; only the advice to talk to a professional is."
        ),
        figures=(
            Figure(
                "age",
                Range(45, 45),
                "years",
                "Age from which unaccustomed vigorous exercise is a question",
            ),
        ),
        terms=(("intensity", "easy"),),
        sources=("parq-plus",),
        addition=True,
    ),
    Rule(
        id="adapt.checkin",
        title="Check in and adapt",
        wording=(
            "After {after_weeks}, look at how your legs and your runs respond, and adapt: keep "
            "the leg workouts to the plan for your goal, repeat a week that felt too hard, or "
            "move on. The suggestions are fixed and the same for everyone."
        ),
        figures=(Figure("after_weeks", Range(4, 4), "weeks", "Check in after"),),
        sources=("article", "legplan-advice"),
        addition=True,
    ),
)

RULES: MappingProxyType[str, Rule] = MappingProxyType({r.id: r for r in _RULES})
"""Every rule, keyed by id, in the order the sources page lists them."""


@dataclass(frozen=True, slots=True)
class Question:
    """One question of the safety self-check.

    Attributes:
        id: The value the form, the CLI and the request JSON use.
        text: The question as the form asks it.
        short: The same in a few words, for the safety line every plan prints.
    """

    id: str
    text: str
    short: str


_AGE = RULES["safety.check"].figure("age").min

SELF_CHECK: tuple[Question, ...] = (
    Question(
        "heart",
        "A doctor has said you have a heart condition or high blood pressure.",
        "a heart condition or high blood pressure",
    ),
    Question(
        "chest",
        "You feel pain in your chest at rest, in daily life or when you are active.",
        "chest pain",
    ),
    Question(
        "dizzy",
        "You have recently fainted, or lost your balance because of dizziness.",
        "recent fainting or dizziness",
    ),
    Question(
        "chronic",
        "You have another long-term medical condition.",
        "another long-term condition",
    ),
    Question(
        "medication",
        "You take prescribed medicine for a long-term condition.",
        "prescribed medicine for one",
    ),
    Question(
        "joint",
        "You have a bone, joint or muscle problem that more activity could make worse.",
        "a bone, joint or muscle problem",
    ),
    Question(
        "supervised",
        "A doctor has said you should only be active under medical supervision.",
        "advice to be active only under medical supervision",
    ),
    Question("pregnant", "You are pregnant.", "pregnancy"),
    Question(
        "over_age",
        f"You are over {_AGE} and not used to vigorous exercise.",
        f"being over {_AGE} and not used to vigorous exercise",
    ),
)
"""The self-check questions (rule ``safety.check``), in form order."""


@dataclass(frozen=True, slots=True)
class GoalSpec:
    """How a goal maps onto rules.

    Attributes:
        goal: The goal.
        label: The goal in words, as the form shows it.
        run_rule: Rule for the ordinary runs.
        long_run_rule: Rule that turns some runs into long runs, if any.
        legs_rule: Rule for the leg workouts.
    """

    goal: Goal
    label: str
    run_rule: str
    long_run_rule: str | None
    legs_rule: str


GOALS: MappingProxyType[Goal, GoalSpec] = MappingProxyType(
    {
        Goal.TONE: GoalSpec(
            Goal.TONE, "Toned legs, better health", "run.health", None, "legs.tone"
        ),
        Goal.LOSE: GoalSpec(
            Goal.LOSE,
            "Bigger changes in fitness and weight",
            "run.health",
            "run.significant",
            "legs.tone",
        ),
        Goal.BUILD: GoalSpec(Goal.BUILD, "Bigger legs", "run.health", None, "legs.hypertrophy"),
    }
)
"""Each goal's rules. ``build`` keeps the health runs and trains the legs for size."""


@dataclass(frozen=True, slots=True)
class Effort:
    """One effort word the plans use, and how it feels.

    Attributes:
        word: The word as a run's intensity uses it (``easy``, ``moderate``, ``high``).
        feels: How to tell, in the talk test's terms.
        source: Id in :data:`legplan.sources.SOURCES` of where the description comes from.
    """

    word: str
    feels: str
    source: str


EFFORTS: MappingProxyType[str, Effort] = MappingProxyType(
    {
        e.word: e
        for e in (
            Effort(
                "easy",
                "you could still sing a few lines; you breathe only a little harder than when "
                "walking",
                "legplan-advice",
            ),
            Effort(
                "moderate",
                "you can talk, but not sing",
                "cdc-talk-test",
            ),
            Effort(
                "high",
                "you can say only a few words before you need to pause for breath",
                "cdc-talk-test",
            ),
        )
    }
)
"""Every effort word a run may be given, easiest first, with the way to tell it."""


def efforts_in(intensity: str) -> tuple[Effort, ...]:
    """The efforts an intensity names, easiest first.

    >>> [e.word for e in efforts_in("moderate to high")]
    ['moderate', 'high']
    """
    words = set(intensity.replace(",", " ").split())
    return tuple(e for e in EFFORTS.values() if e.word in words)


@dataclass(frozen=True, slots=True)
class ExerciseChoice:
    """An exercise for one muscle group with a given kit."""

    name: str
    how: str


EXERCISES: MappingProxyType[tuple[Equipment, Muscle], ExerciseChoice] = MappingProxyType(
    {
        (Equipment.NONE, Muscle.CALVES): ExerciseChoice(
            "Standing calf raise", "Rise onto the balls of both feet, lower slowly."
        ),
        (Equipment.NONE, Muscle.QUADRICEPS): ExerciseChoice(
            "Bodyweight squat", "Sit back and down, knees in line with your toes, stand tall."
        ),
        (Equipment.NONE, Muscle.HAMSTRINGS): ExerciseChoice(
            "Single-leg Romanian deadlift", "Hinge at the hip on one leg, back flat, each side."
        ),
        (Equipment.NONE, Muscle.GLUTES): ExerciseChoice(
            "Glute bridge", "Lying on your back, drive the hips up, squeeze, lower."
        ),
        (Equipment.HOME, Muscle.CALVES): ExerciseChoice(
            "Single-leg calf raise on a step",
            "Heel over the edge, a dumbbell in one hand, the other on a rail or wall; each side.",
        ),
        (Equipment.HOME, Muscle.QUADRICEPS): ExerciseChoice(
            "Goblet squat", "Hold one dumbbell at the chest and squat."
        ),
        (Equipment.HOME, Muscle.HAMSTRINGS): ExerciseChoice(
            "Dumbbell Romanian deadlift", "Hinge at the hip with dumbbells, back flat."
        ),
        (Equipment.HOME, Muscle.GLUTES): ExerciseChoice(
            "Dumbbell hip thrust", "Shoulders on a bench or sofa, dumbbell on the hips."
        ),
        (Equipment.GYM, Muscle.CALVES): ExerciseChoice(
            "Standing calf raise machine", "Full range: heels low, then high on the toes."
        ),
        (Equipment.GYM, Muscle.QUADRICEPS): ExerciseChoice(
            "Leg press", "Feet hip-width, lower under control, do not lock the knees."
        ),
        (Equipment.GYM, Muscle.HAMSTRINGS): ExerciseChoice(
            "Lying leg curl", "Curl the pad toward you, lower slowly."
        ),
        (Equipment.GYM, Muscle.GLUTES): ExerciseChoice(
            "Barbell hip thrust", "Shoulders on a bench, bar padded across the hips."
        ),
    }
)
"""One exercise per muscle group for each kind of equipment (``none``, ``home``, ``gym``)."""
