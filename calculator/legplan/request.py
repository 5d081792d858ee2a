"""One field list, and the translation of raw input into a :class:`PlanRequest`.

The CLI options, the form controls, the URL query and the request JSON all
use the names in :data:`FIELDS` (the CLI spells ``week_start`` as
``--week-start``), and each name is also the :class:`PlanRequest` attribute the
field fills. A field is one row: its parser and, where the JSON spells a value
differently, its writer travel with it, so :func:`parse_mapping` and
:func:`to_mapping` only loop over the rows. Input is validated here, once; every
problem becomes a :class:`~legplan.errors.CalculatorError` naming its field.

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

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, TypeVar, cast
from urllib.parse import parse_qsl, quote

from legplan.errors import (
    CalculatorError,
    InvalidFieldError,
    InvalidRequestError,
    UnknownFieldError,
)
from legplan.model import PlanRequest
from legplan.rules import GOALS, SELF_CHECK
from legplan.vocab import DistanceUnit, Equipment, Goal, Weekday, WeightUnit

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
    "with_calendar_start",
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
Parser = Callable[["Field", object], object]
"""Turns a field's raw value into its attribute's value, or raises ``CalculatorError``."""
Writer = Callable[[Any], object]
"""Turns an attribute's value into its JSON value."""


def _json(value: object) -> object:
    """An attribute's value as the request JSON writes it: enums by value, dates as ISO text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _query_value(value: object) -> str:
    """A JSON value as a URL query writes it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Field:
    """One input of the calculator, described once for every shell.

    Attributes:
        name: Name in the JSON, the URL query and the form (``--name`` on the CLI,
            underscores as hyphens), and the :class:`PlanRequest` attribute it fills.
        label: Visible label of the form control.
        kind: What sort of control it is.
        help: One sentence on what it does.
        parse: Raw value (JSON-typed, or text as in a URL query) to attribute value.
        write: Attribute value to JSON value (enums by value, dates as ISO text by default).
        choices: Allowed values for ``choice``, ``days`` and ``checklist`` fields.
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
    parse: Parser
    write: Writer = _json
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
        """The allowed values of a ``choice``, ``days`` or ``checklist`` field."""
        return tuple(c.value for c in self.choices)

    @property
    def default(self) -> str:
        """The default, written as in a URL query (from :class:`PlanRequest`'s defaults).

        >>> _BY_NAME["days"].default, _BY_NAME["weeks"].default, _BY_NAME["weight"].default
        ('mon,tue,wed,thu,fri,sat,sun', '1', '')
        """
        return _query_value(self.write(getattr(_DEFAULT, self.name)))


_DEFAULT = PlanRequest()
_TRUE = frozenset({"yes", "true", "on", "1"})
_FALSE = frozenset({"no", "false", "off", "0", ""})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"\d{1,4}(\.\d{1,2})?")
_PACE = re.compile(r"(\d{1,2}):([0-5]\d)")

E = TypeVar("E", bound=Enum)


def _choice(f: Field, raw: object) -> str:
    if isinstance(raw, str) and raw.strip().lower() in f.values:
        return raw.strip().lower()
    raise InvalidFieldError(f.name, raw, f"one of {', '.join(f.values)}")


def _enum(kind: type[E]) -> Callable[[Field, object], E]:
    """A parser for a ``choice`` field whose values are the members of ``kind``."""

    def parse(f: Field, raw: object) -> E:
        return kind(_choice(f, raw))

    return parse


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


def _checklist(f: Field, raw: object) -> tuple[str, ...]:
    chosen = _names(f, raw, f"ids from {','.join(f.values)}, separated by commas, or nothing")
    return tuple(v for v in f.values if v in chosen)


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


def _empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _date(f: Field, raw: object) -> dt.date | None:
    if _empty(raw):
        return None
    allowed = "a date as YYYY-MM-DD, e.g. 2027-01-04"
    if not isinstance(raw, str) or not _DATE.fullmatch(raw.strip()):
        raise InvalidFieldError(f.name, raw, allowed)
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidFieldError(f.name, raw, allowed) from None


def _integer(f: Field, raw: object) -> int | None:
    if f.optional and _empty(raw):
        return None
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


def _number(f: Field, raw: object) -> float | None:
    if _empty(raw):
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 0 < raw < 10_000:
        return round(float(raw), 2)
    if isinstance(raw, str) and _NUMBER.fullmatch(raw.strip()):
        return float(raw.strip())
    raise InvalidFieldError(f.name, raw, "a number such as 70 or 70.5, or nothing")


def _pace(f: Field, raw: object) -> int | None:
    if _empty(raw):
        return None
    match = _PACE.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if match is None:
        raise InvalidFieldError(f.name, raw, "minutes:seconds such as 6:30, or nothing")
    return int(match[1]) * 60 + int(match[2])


def format_pace(seconds: int) -> str:
    """A pace in seconds as ``m:ss``.

    >>> format_pace(390)
    '6:30'
    """
    return f"{seconds // 60}:{seconds % 60:02d}"


def _pace_json(seconds: int | None) -> str | None:
    return None if seconds is None else format_pace(seconds)


_DAY_CHOICES = tuple(Choice(d.value, d.full) for d in Weekday)

FIELDS: tuple[Field, ...] = (
    Field(
        "goal",
        "Goal",
        "choice",
        "What you want from your running and your legs.",
        _enum(Goal),
        choices=tuple(Choice(g.value, spec.label) for g, spec in GOALS.items()),
    ),
    Field(
        "days",
        "Training days",
        "days",
        "The days you can train; sessions go only on these days.",
        _days,
        choices=_DAY_CHOICES,
    ),
    Field(
        "equipment",
        "Equipment",
        "choice",
        "What you have for leg workouts; it picks the exercises.",
        _enum(Equipment),
        choices=(
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
        _enum(Weekday),
        choices=(_DAY_CHOICES[0], _DAY_CHOICES[6]),
    ),
    Field(
        "builds_easily",
        "My legs build muscle easily",
        "boolean",
        "Adds the article's advice to watch the changes and adapt; the numbers stay the same.",
        _boolean,
        choices=(Choice("yes", "Yes"), Choice("no", "No")),
    ),
    Field(
        "current_minutes",
        "Minutes you can run without stopping today",
        "integer",
        "Builds the weeks from here to the article's target week; 0 means not yet (run-walk); "
        "leave empty to start at the target week.",
        _integer,
        minimum=0,
        maximum=MAX_CURRENT_MINUTES,
        group="road",
        optional=True,
    ),
    Field(
        "weight",
        "Body weight",
        "number",
        "Optional, for the energy estimate; never written into links or shared plans.",
        _number,
        group="energy",
        optional=True,
        private=True,
    ),
    Field(
        "weight_unit",
        "Weight in",
        "choice",
        "Kilograms or pounds.",
        _enum(WeightUnit),
        choices=tuple(Choice(unit.value, unit.value) for unit in WeightUnit),
        group="energy",
    ),
    Field(
        "pace",
        "Typical running pace",
        "pace",
        "Optional, minutes:seconds per kilometre or mile, e.g. 6:30; for the energy estimate.",
        _pace,
        write=_pace_json,
        group="energy",
        optional=True,
        private=True,
    ),
    Field(
        "pace_unit",
        "Pace per",
        "choice",
        "Whether the pace is per kilometre or per mile.",
        _enum(DistanceUnit),
        choices=tuple(Choice(unit.value, unit.value) for unit in DistanceUnit),
        group="energy",
    ),
    Field(
        "selfcheck",
        "Tick any that apply to you",
        "checklist",
        "Any tick means: talk to a doctor or qualified exercise professional before you start. "
        "Your answers are never stored, and never written into links or plans.",
        _checklist,
        choices=tuple(Choice(q.id, q.text) for q in SELF_CHECK),
        group="safety",
        private=True,
    ),
    Field(
        "start_date",
        "Calendar starts on",
        "date",
        "First day of the calendar file (YYYY-MM-DD); empty means the coming week.",
        _date,
        group="calendar",
    ),
    Field(
        "weeks",
        "Weeks in the calendar",
        "integer",
        "How many weeks the calendar file covers; a road to the target week is always whole.",
        _integer,
        minimum=1,
        maximum=MAX_WEEKS,
        group="calendar",
    ),
)
"""Every input of the calculator, in form order; each fills the request attribute of its name."""

_BY_NAME = {f.name: f for f in FIELDS}


def _check_ranges(request: PlanRequest) -> list[CalculatorError]:
    """Checks that need two fields at once (a value and its unit)."""
    errors: list[CalculatorError] = []
    if request.weight is not None:
        low, high = WEIGHT_LIMITS[request.weight_unit]
        if not low <= request.weight <= high:
            errors.append(
                InvalidFieldError(
                    "weight", request.weight, f"a weight from {low} to {high} {request.weight_unit}"
                )
            )
    if request.pace is not None:
        low, high = PACE_LIMITS[request.pace_unit]
        if not low <= request.pace <= high:
            errors.append(
                InvalidFieldError(
                    "pace",
                    format_pace(request.pace),
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
    values: dict[str, object] = {}
    for f in FIELDS:
        if f.name in data:
            try:
                values[f.name] = f.parse(f, data[f.name])
            except CalculatorError as exc:
                errors.append(exc)
    request = PlanRequest(**cast(dict[str, Any], values))
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


def with_calendar_start(request: PlanRequest, today: dt.date) -> PlanRequest:
    """``request`` with a calendar start date: its own, or the coming week after ``today``.

    >>> with_calendar_start(PlanRequest(), dt.date(2026, 11, 28)).start_date
    datetime.date(2026, 11, 30)
    """
    if request.start_date is not None:
        return request
    return dataclasses.replace(request, start_date=coming_week_start(today, request.week_start))


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
    return {f.name: f.write(getattr(request, f.name)) for f in FIELDS}


def to_query(request: PlanRequest) -> str:
    """The request as a URL query: ``goal`` and ``days`` always, other fields when not default.

    Private fields (body weight, pace, the self-check) never go into a query.

    >>> to_query(parse_mapping({"equipment": "gym"}))
    'goal=tone&days=mon,tue,wed,thu,fri,sat,sun&equipment=gym'
    """
    parts = []
    for f in FIELDS:
        text = _query_value(f.write(getattr(request, f.name)))
        if f.private:
            continue
        if f.name in {"goal", "days"} or text != f.default:
            parts.append(f"{f.name}={quote(text, safe=',-')}")
    return "&".join(parts)
