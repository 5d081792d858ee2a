"""Legplan: weekly running and leg-workout plans for toned, not bulky, legs.

>>> from legplan import build_plan, parse_query, render
>>> print(render(build_plan(parse_query("goal=tone&days=mon,wed,fri")), "text").splitlines()[0])
Legplan: Toned legs, better health
"""

from __future__ import annotations

from legplan.errors import (
    CalculatorError,
    InvalidFieldError,
    InvalidRequestError,
    PlanDoesNotFitError,
    UnknownFieldError,
)
from legplan.model import (
    Day,
    Exercise,
    LegSession,
    Plan,
    PlanRequest,
    RunSession,
    Week,
)
from legplan.render import FORMATS, render
from legplan.request import FIELDS, parse_mapping, parse_query, to_mapping, to_query
from legplan.rules import GOALS, RULES
from legplan.schedule import build_plan
from legplan.sources import SOURCES
from legplan.vocab import Equipment, Goal, Muscle, Range, Weekday

__all__ = [
    "FIELDS",
    "FORMATS",
    "GOALS",
    "RULES",
    "SOURCES",
    "CalculatorError",
    "Day",
    "Equipment",
    "Exercise",
    "Goal",
    "InvalidFieldError",
    "InvalidRequestError",
    "LegSession",
    "Muscle",
    "Plan",
    "PlanDoesNotFitError",
    "PlanRequest",
    "Range",
    "RunSession",
    "UnknownFieldError",
    "Week",
    "Weekday",
    "build_plan",
    "parse_mapping",
    "parse_query",
    "render",
    "to_mapping",
    "to_query",
]

__version__ = "0.2.0"
