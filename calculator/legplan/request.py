"""One field list, and the translation of raw input into a :class:`PlanRequest`.

The CLI options, the form controls, the URL query and the request JSON all
use the names in :data:`FIELDS` (the CLI spells ``week_start`` as
``--week-start``). Input is validated here, once; every problem becomes a
:class:`~legplan.errors.CalculatorError` naming its field.

>>> req = parse_query("goal=lose&days=mon,wed,fri,sat")
>>> req.goal.value, [d.value for d in req.days]
('lose', ['mon', 'wed', 'fri', 'sat'])
>>> to_query(req)
'goal=lose&days=mon,wed,fri,sat'
>>> try:
...     parse_mapping({"days": ["funday"]})
... except CalculatorError as exc:
...     print(exc.field, "|", exc.message[:40])
days | expected weekday names from mon,tue,wed,
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar
from urllib.parse import parse_qsl, quote

from legplan.errors import (
    CalculatorError,
    InvalidFieldError,
    InvalidRequestError,
    UnknownFieldError,
)
from legplan.model import DistanceUnit, Equipment, Goal, PlanRequest, Weekday, WeightUnit
from legplan.rules import GOALS, SELF_CHECK

__all__ = [
    "FIELDS",
    "MAX_WEEKS",
    "Choice",
    "Field",
    "coming_week_start",
    "format_pace",
    "parse_mapping",
    "parse_query",
    "to_mapping",
    "to_query",
]

MAX_WEEKS = 52
"""Most weeks a calendar file may hold (a year)."""

MAX_CURRENT_MINUTES = 600
"""Highest answer accepted for minutes run without stopping today."""

WEIGHT_LIMITS = {WeightUnit.KG: (30, 300), WeightUnit.LB: (66, 660)}
"""Body weights accepted, per unit."""

PACE_LIMITS = {DistanceUnit.KM: (150, 900), DistanceUnit.MILE: (240, 1440)}
"""Running paces accepted, in seconds per unit (2:30–15:00 per km, 4:00–24:00 per mile)."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of a field and its label."""

    value: str
    label: str


FieldKind = Literal["choice", "days", "boolean", "date", "integer", "number", "pace", "checklist"]
FieldGroup = Literal["plan", "road", "energy", "safety", "calendar"]


@dataclass(frozen=True, slots=True)
class Field:
    """One input of the calculator, described once for every shell.

    Attributes:
        name: Name in the JSON, the URL query and the form (``--name`` on the CLI,
            underscores as hyphens).
        label: Visible label of the form control.
        kind: What sort of value it takes.
        help: One sentence on what it does.
        default: The default, written as in a URL query.
        choices: Allowed values for ``choice`` and ``days`` fields.
        minimum: Lowest allowed value of an ``integer`` field.
        maximum: Highest allowed value of an ``integer`` field.
        group: Which part of the form holds it.
        optional: An empty value means "not given" (``None``).
        private: Kept out of URL queries (and, for the self-check, out of every output).
    """

    name: str
    label: str
    kind: FieldKind
    help: str
    default: str
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    group: FieldGroup = "plan"
    optional: bool = False
    private: bool = False

    @property
    def option(self) -> str:
        """The CLI option, e.g. ``--week-start``."""
        return "--" + self.name.replace("_", "-")

    @property
    def values(self) -> tuple[str, ...]:
        """The allowed values of a ``choice`` or ``days`` field."""
        return tuple(c.value for c in self.choices)


_DAY_CHOICES = tuple(Choice(d.value, d.full) for d in Weekday)

FIELDS: tuple[Field, ...] = (
    Field(
        "goal",
        "Goal",
        "choice",
        "What you want from your running and your legs.",
        Goal.TONE.value,
        tuple(Choice(g.value, spec.label) for g, spec in GOALS.items()),
    ),
    Field(
        "days",
        "Training days",
        "days",
        "The days you can train; sessions go only on these days.",
        ",".join(d.value for d in Weekday),
        _DAY_CHOICES,
    ),
    Field(
        "equipment",
        "Equipment",
        "choice",
        "What you have for leg workouts; it picks the exercises.",
        Equipment.NONE.value,
        (
            Choice(Equipment.NONE.value, "None (body weight)"),
            Choice(Equipment.HOME.value, "Home (dumbbells, a step)"),
            Choice(Equipment.GYM.value, "Gym (machines, barbell)"),
        ),
    ),
    Field(
        "week_start",
        "Week starts on",
        "choice",
        "The first day of the printed week; the plan itself does not change.",
        Weekday.MON.value,
        (_DAY_CHOICES[0], _DAY_CHOICES[6]),
    ),
    Field(
        "builds_easily",
        "My legs build muscle easily",
        "boolean",
        "Adds the article's advice to watch the changes and adapt; the numbers stay the same.",
        "no",
        (Choice("yes", "Yes"), Choice("no", "No")),
    ),
    Field(
        "current_minutes",
        "Minutes you can run without stopping today",
        "integer",
        "Builds the weeks from here to the article's target week; 0 means not yet (run-walk); "
        "leave empty to start at the target week.",
        "",
        minimum=0,
        maximum=MAX_CURRENT_MINUTES,
        group="road",
        optional=True,
    ),
    Field(
        "weight",
        "Body weight",
        "number",
        "Optional, for the energy estimate; it stays in your browser and out of links.",
        "",
        group="energy",
        optional=True,
        private=True,
    ),
    Field(
        "weight_unit",
        "Weight in",
        "choice",
        "Kilograms or pounds.",
        WeightUnit.KG.value,
        (Choice(WeightUnit.KG.value, "kg"), Choice(WeightUnit.LB.value, "lb")),
        group="energy",
    ),
    Field(
        "pace",
        "Typical running pace",
        "pace",
        "Optional, minutes:seconds per kilometre or mile, e.g. 6:30; for the energy estimate.",
        "",
        group="energy",
        optional=True,
        private=True,
    ),
    Field(
        "pace_unit",
        "Pace per",
        "choice",
        "Whether the pace is per kilometre or per mile.",
        DistanceUnit.KM.value,
        (Choice(DistanceUnit.KM.value, "km"), Choice(DistanceUnit.MILE.value, "mile")),
        group="energy",
    ),
    Field(
        "selfcheck",
        "Tick any that apply to you",
        "checklist",
        "Any tick means: talk to a doctor or qualified exercise professional before you start. "
        "Your answers never leave your browser and are not stored.",
        "",
        tuple(Choice(key, question) for key, question in SELF_CHECK),
        group="safety",
        private=True,
    ),
    Field(
        "start_date",
        "Calendar starts on",
        "date",
        "First day of the calendar file (YYYY-MM-DD); empty means the coming week.",
        "",
        group="calendar",
    ),
    Field(
        "weeks",
        "Weeks in the calendar",
        "integer",
        "How many weeks the calendar file covers; a road to the target week is always whole.",
        "1",
        minimum=1,
        maximum=MAX_WEEKS,
        group="calendar",
    ),
)
"""Every input of the calculator, in form order."""

T = TypeVar("T")

_BY_NAME = {f.name: f for f in FIELDS}
_TRUE = frozenset({"yes", "true", "on", "1"})
_FALSE = frozenset({"no", "false", "off", "0", ""})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _choice(f: Field, raw: object) -> str:
    if isinstance(raw, str) and raw.strip().lower() in f.values:
        return raw.strip().lower()
    raise InvalidFieldError(f.name, raw, f"one of {', '.join(f.values)}")


def _names(f: Field, raw: object, allowed: str) -> set[str]:
    """The allowed values named in a comma-separated string or a list (empty items skipped)."""
    if isinstance(raw, str):
        items: list[object] = list(raw.split(","))
    elif isinstance(raw, list | tuple):
        items = list(raw)
    else:
        raise InvalidFieldError(f.name, raw, allowed)
    names: set[str] = set()
    for item in items:
        name = item.strip().lower() if isinstance(item, str) else None
        if name is None or (name and name not in f.values):
            raise InvalidFieldError(f.name, item, allowed)
        if name:
            names.add(name)
    return names


def _days(f: Field, raw: object) -> tuple[Weekday, ...]:
    names = _names(f, raw, f"weekday names from {','.join(f.values)}, separated by commas")
    if not names:
        raise InvalidFieldError(f.name, raw, "at least one training day, e.g. mon,wed,fri")
    return tuple(d for d in Weekday if d.value in names)


def _boolean(f: Field, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise InvalidFieldError(f.name, raw, "yes or no")


def _date(f: Field, raw: object) -> dt.date | None:
    if raw is None or raw == "":
        return None
    allowed = "a date as YYYY-MM-DD, e.g. 2027-01-04"
    if not isinstance(raw, str) or not _DATE.fullmatch(raw.strip()):
        raise InvalidFieldError(f.name, raw, allowed)
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidFieldError(f.name, raw, allowed) from None


def _integer(f: Field, raw: object) -> int:
    allowed = f"a whole number from {f.minimum} to {f.maximum}"
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        value = int(raw.strip()) if len(raw.strip()) < 10 else None
    if value is None or (f.minimum is not None and value < f.minimum):
        raise InvalidFieldError(f.name, raw, allowed)
    if f.maximum is not None and value > f.maximum:
        raise InvalidFieldError(f.name, raw, allowed)
    return value


def _optional_integer(f: Field, raw: object) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return _integer(f, raw)


_NUMBER = re.compile(r"\d{1,4}(\.\d{1,2})?")
_PACE = re.compile(r"(\d{1,2}):([0-5]\d)")


def _number(f: Field, raw: object) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 0 < raw < 10_000:
        return round(float(raw), 2)
    if isinstance(raw, str) and _NUMBER.fullmatch(raw.strip()):
        return float(raw.strip())
    raise InvalidFieldError(f.name, raw, "a number such as 70 or 70.5, or nothing")


def _pace(f: Field, raw: object) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    match = _PACE.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if match is None:
        raise InvalidFieldError(f.name, raw, "minutes:seconds such as 6:30, or nothing")
    return int(match[1]) * 60 + int(match[2])


def _checklist(f: Field, raw: object) -> tuple[str, ...]:
    chosen = _names(f, raw, f"ids from {','.join(f.values)}, separated by commas, or nothing")
    return tuple(v for v in f.values if v in chosen)


def format_pace(seconds: int) -> str:
    """A pace in seconds as ``m:ss``.

    >>> format_pace(390)
    '6:30'
    """
    return f"{seconds // 60}:{seconds % 60:02d}"


def _check_ranges(request: PlanRequest) -> list[CalculatorError]:
    errors: list[CalculatorError] = []
    if request.weight is not None:
        low, high = WEIGHT_LIMITS[request.weight_unit]
        if not low <= request.weight <= high:
            errors.append(
                InvalidFieldError(
                    "weight", request.weight, f"a weight from {low} to {high} {request.weight_unit}"
                )
            )
    if request.pace_seconds is not None:
        low, high = PACE_LIMITS[request.pace_unit]
        if not low <= request.pace_seconds <= high:
            errors.append(
                InvalidFieldError(
                    "pace",
                    format_pace(request.pace_seconds),
                    f"a running pace from {format_pace(low)} to {format_pace(high)} "
                    f"per {request.pace_unit}",
                )
            )
    return errors


def parse_mapping(data: Mapping[str, object]) -> PlanRequest:
    """Validate a request given as a mapping (the request JSON, or parsed CLI/query input).

    Missing fields take their defaults. Values may be JSON-typed (a list of
    days, a boolean, an integer) or strings as in a URL query.

    Args:
        data: Field name to raw value.

    Returns:
        The validated request.

    Raises:
        CalculatorError: Naming the first bad field, or
            :class:`~legplan.errors.InvalidRequestError` when several are bad.

    >>> parse_mapping({"goal": "build", "weeks": 4}).weeks
    4
    """
    errors: list[CalculatorError] = [
        UnknownFieldError(str(name), tuple(_BY_NAME)) for name in data if name not in _BY_NAME
    ]

    def get(name: str, parse: Callable[[Field, object], T], default: T) -> T:
        if name not in data:
            return default
        try:
            return parse(_BY_NAME[name], data[name])
        except CalculatorError as exc:
            errors.append(exc)
            return default

    default = PlanRequest()
    request = PlanRequest(
        goal=get("goal", lambda f, raw: Goal(_choice(f, raw)), default.goal),
        days=get("days", _days, default.days),
        equipment=get("equipment", lambda f, raw: Equipment(_choice(f, raw)), default.equipment),
        week_start=get("week_start", lambda f, raw: Weekday(_choice(f, raw)), default.week_start),
        builds_easily=get("builds_easily", _boolean, default.builds_easily),
        start_date=get("start_date", _date, default.start_date),
        weeks=get("weeks", _integer, default.weeks),
        current_minutes=get("current_minutes", _optional_integer, default.current_minutes),
        weight=get("weight", _number, default.weight),
        weight_unit=get(
            "weight_unit", lambda f, raw: WeightUnit(_choice(f, raw)), default.weight_unit
        ),
        pace_seconds=get("pace", _pace, default.pace_seconds),
        pace_unit=get("pace_unit", lambda f, raw: DistanceUnit(_choice(f, raw)), default.pace_unit),
        selfcheck=get("selfcheck", _checklist, default.selfcheck),
    )
    if not errors:
        errors.extend(_check_ranges(request))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InvalidRequestError(tuple(errors))
    return request


def coming_week_start(today: dt.date, week_start: Weekday) -> dt.date:
    """The first ``week_start`` day after ``today``: a calendar's start when none is given.

    >>> coming_week_start(dt.date(2026, 11, 28), Weekday.MON)
    datetime.date(2026, 11, 30)
    >>> coming_week_start(dt.date(2026, 11, 30), Weekday.MON)
    datetime.date(2026, 12, 7)
    """
    ahead = (week_start.position - today.weekday() - 1) % 7 + 1
    return today + dt.timedelta(days=ahead)


def parse_query(query: str) -> PlanRequest:
    """Validate a request given as a URL query string (with or without the ``?``).

    ``days`` may be one comma-separated value or repeated (``days=mon&days=wed``).

    Raises:
        CalculatorError: Naming the bad field.

    >>> parse_query("?days=mon&days=thu").days
    (<Weekday.MON: 'mon'>, <Weekday.THU: 'thu'>)
    """
    data: dict[str, object] = {}
    for key, value in parse_qsl(query.removeprefix("?"), keep_blank_values=True):
        if key in data:
            if key != "days":
                raise InvalidFieldError(key, value, "the field given once")
            data[key] = f"{data[key]},{value}"
        else:
            data[key] = value
    return parse_mapping(data)


def to_mapping(request: PlanRequest) -> dict[str, object]:
    """The request as a JSON object, every field in :data:`FIELDS` order."""
    return {
        "goal": request.goal.value,
        "days": [d.value for d in request.days],
        "equipment": request.equipment.value,
        "week_start": request.week_start.value,
        "builds_easily": request.builds_easily,
        "current_minutes": request.current_minutes,
        "weight": request.weight,
        "weight_unit": request.weight_unit.value,
        "pace": format_pace(request.pace_seconds) if request.pace_seconds is not None else None,
        "pace_unit": request.pace_unit.value,
        "selfcheck": list(request.selfcheck),
        "start_date": request.start_date.isoformat() if request.start_date else None,
        "weeks": request.weeks,
    }


def _query_value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)


def to_query(request: PlanRequest) -> str:
    """The request as a URL query: ``goal`` and ``days`` always, other fields when not default.

    Private fields (body weight, pace, the self-check) never go into a query.

    >>> to_query(parse_mapping({"equipment": "gym"}))
    'goal=tone&days=mon,tue,wed,thu,fri,sat,sun&equipment=gym'
    """
    parts = []
    for name, value in to_mapping(request).items():
        text = _query_value(value)
        if _BY_NAME[name].private:
            continue
        if name in {"goal", "days"} or text != _BY_NAME[name].default:
            parts.append(f"{name}={quote(text, safe=',-')}")
    return "&".join(parts)
