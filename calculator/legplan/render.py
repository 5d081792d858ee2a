"""Format a :class:`Plan`: one Jinja environment, one function per output.

Rendering only formats; every decision was made by :mod:`legplan.schedule`.

>>> from legplan.request import parse_query
>>> from legplan.schedule import build_plan
>>> text = render(build_plan(parse_query("goal=lose")), "text")
>>> "60–90 min" in text
True
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Literal, get_args

from legplan.chart import road_chart
from legplan.errors import InvalidFieldError
from legplan.model import (
    Activity,
    Energy,
    LegSession,
    Plan,
    PlanRequest,
    RunSession,
    Session,
    Week,
)
from legplan.request import FIELDS, to_mapping, to_query
from legplan.rules import GOALS, RULES
from legplan.sources import SOURCES
from legplan.templating import template
from legplan.vocab import Range

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "Format",
    "parse_format",
    "plan_identity",
    "plan_json",
    "render",
    "render_form",
    "render_fragment",
    "render_summary",
]

Format = Literal["text", "markdown", "html", "json", "ics"]
FORMATS: tuple[Format, ...] = get_args(Format)
"""Every output format, in the CLI's order."""

SCHEMA_VERSION = 1
"""Version of the JSON plan (``schema/plan.schema.json``)."""

_TEMPLATES: dict[str, str] = {
    "text": "plan.txt.j2",
    "markdown": "plan.md.j2",
    "html": "plan.html.j2",
}


def plan_identity(request: PlanRequest) -> str:
    """A short name for the plan ``request`` gives, the same wherever it is shown.

    The calculator page keeps the runner's ticks under it, so a changed plan starts with
    fresh boxes. It is a hash of the request's query (:func:`legplan.request.to_query`)
    without the fields that only change how the plan is shown or written to a calendar
    (the week's first day, the calendar's start and length); private fields are never in
    a query, so nothing of the self-check, the weight or the pace is in it.

    >>> from legplan.request import parse_query
    >>> plan_identity(parse_query("goal=lose")) == plan_identity(parse_query("goal=lose&weeks=4"))
    True
    >>> plan_identity(parse_query("goal=lose")) == plan_identity(parse_query("goal=build"))
    False
    """
    default = PlanRequest()
    shaped = dataclasses.replace(
        request, week_start=default.week_start, start_date=default.start_date, weeks=default.weeks
    )
    return hashlib.sha256(to_query(shaped).encode("utf-8")).hexdigest()[:16]


def _context(plan: Plan) -> dict[str, object]:
    request = plan.request
    return {
        "plan": plan,
        "chart": road_chart(plan),
        "plan_id": plan_identity(request),
        "request": request,
        "goal": GOALS[request.goal],
        "sources": [SOURCES[s] for s in plan.sources],
        "query": to_query(request),
        "labels": {f.name: {c.value: c.label for c in f.choices} for f in FIELDS},
    }


def render_form(request: PlanRequest | None = None) -> str:
    """The calculator's form, one native control per field of :data:`FIELDS`.

    Control names and values are the CLI's and the URL query's; the controls
    show ``request`` (the defaults when ``None``).

    >>> 'name="goal"' in render_form()
    True
    """
    values = to_mapping(request or PlanRequest())
    defaults = to_mapping(PlanRequest())
    changed = {f.group for f in FIELDS if values[f.name] != defaults[f.name]}
    return template("form.html.j2").render(fields=FIELDS, values=values, open_groups=changed)


def render_fragment(plan: Plan) -> str:
    """The plan as an HTML fragment (``<article class="legplan-plan">``) for a page."""
    return template("fragment.html.j2").render(_context(plan))


def render_summary(plan: Plan) -> str:
    """The plan in one line of HTML: runs, leg workouts and running minutes of its week.

    The calculator page keeps it in reach on small screens.

    >>> from legplan.request import parse_query
    >>> from legplan.schedule import build_plan
    >>> "<strong>3 runs</strong>" in render_summary(build_plan(parse_query("")))
    True
    """
    return template("summary.html.j2").render(plan=plan)


def _range(value: Range | None) -> dict[str, int] | None:
    return None if value is None else value.to_json()


def _session_json(session: Session) -> dict[str, object]:
    if isinstance(session, RunSession):
        return {
            "type": "run",
            "minutes": session.minutes.to_json(),
            "intensity": session.intensity,
            "long": session.long,
            "becomes_long": session.becomes_long,
            "bout": session.bout,
            "walk_minutes": session.walk_minutes,
            "rule": session.rule,
        }
    assert isinstance(session, LegSession)
    return {
        "type": "legs",
        "focus": session.focus,
        "rule": session.rule,
        "exercises": [
            {
                "muscle": e.muscle.value,
                "name": e.name,
                "how": e.how,
                "sets": e.sets.to_json(),
                "reps": e.reps.to_json(),
                "rest_seconds": _range(e.rest_seconds),
            }
            for e in session.exercises
        ],
    }


def _days_json(week: Week) -> list[dict[str, object]]:
    return [
        {"day": d.day.value, "sessions": [_session_json(s) for s in d.sessions]} for d in week.days
    ]


def _activity_json(activity: Activity) -> dict[str, object]:
    return {
        "run_minutes": activity.run_minutes.to_json(),
        "strength_days": activity.strength_days,
        "meets_moderate": activity.meets_moderate,
        "meets_vigorous": activity.meets_vigorous,
        "meets_strength": activity.meets_strength,
    }


def _energy_json(energy: Energy | None) -> dict[str, object] | None:
    if energy is None:
        return None
    return {
        "kg": energy.kg,
        "speed_m_per_min": energy.speed,
        "acsm": {
            "vo2": energy.vo2,
            "litres_per_min": energy.litres_per_minute,
            "kcal_per_min": energy.acsm_per_minute,
        },
        "compendium": {
            "mets": list(energy.mets),
            "kcal_per_min": list(energy.compendium_per_minute),
        },
        "runs": [
            {
                "label": r.label,
                "minutes": r.minutes.to_json(),
                "acsm_kcal": r.kcal.acsm.to_json(),
                "compendium_kcal": r.kcal.compendium.to_json(),
            }
            for r in energy.runs
        ],
        "weeks": [
            {"acsm_kcal": w.acsm.to_json(), "compendium_kcal": w.compendium.to_json()}
            for w in energy.weeks
        ],
    }


def _safety_json(plan: Plan) -> dict[str, object]:
    if plan.safety is None:
        return {"flagged": False}
    return {"flagged": True, "message": plan.safety}


def _request_json(request: PlanRequest) -> dict[str, object]:
    """The request as echoed in a plan: the self-check answers are never written out."""
    return {k: v for k, v in to_mapping(request).items() if k != "selfcheck"}


def plan_json(plan: Plan) -> dict[str, object]:
    """The plan as the public JSON object (see ``schema/plan.schema.json``).

    ``days`` is the article's target week; ``weeks`` lists every week, the road
    to the target week first, when there is a road.
    """
    document: dict[str, object] = {
        "schema_version": SCHEMA_VERSION,
        "goal": plan.request.goal.value,
        "request": _request_json(plan.request),
        "days": _days_json(plan.target_week),
        "activity": _activity_json(plan.target_week.activity),
    }
    if len(plan.weeks) > 1:
        document["weeks"] = [
            {
                "number": w.number,
                "kind": w.kind,
                "label": w.label,
                "days": _days_json(w),
                "activity": _activity_json(w.activity),
            }
            for w in plan.weeks
        ]
    return document | {
        "safety": _safety_json(plan),
        "energy": _energy_json(plan.energy),
        "checkin": [{"situation": c.situation, "suggestion": c.suggestion} for c in plan.checkin],
        "notes": list(plan.notes),
        "rules": [{"id": r, "title": RULES[r].title} for r in plan.rules],
        "sources": [
            {
                "id": s,
                "title": SOURCES[s].title,
                "publisher": SOURCES[s].publisher,
                "year": SOURCES[s].year,
                "url": SOURCES[s].url,
            }
            for s in plan.sources
        ],
    }


def parse_format(value: str) -> Format:
    """Check a format name.

    Raises:
        InvalidFieldError: If ``value`` is not one of :data:`FORMATS`.

    >>> parse_format("ics")
    'ics'
    """
    for fmt in FORMATS:
        if value == fmt:
            return fmt
    raise InvalidFieldError("format", value, f"one of {', '.join(FORMATS)}")


def render(plan: Plan, fmt: Format) -> str:
    """Render a plan in one of :data:`FORMATS`.

    Args:
        plan: The plan.
        fmt: ``text``, ``markdown``, ``html`` (a standalone printable page),
            ``json`` or ``ics`` (needs ``request.start_date``).

    Returns:
        The document, ending with a newline (``ics`` ends with CRLF).

    Raises:
        ValueError: If ``fmt`` is not a known format or an ``ics`` plan has no start date.
    """
    if fmt == "json":
        return json.dumps(plan_json(plan), indent=2, ensure_ascii=False) + "\n"
    if fmt == "ics":
        # Imported here: icalendar is loaded only when a calendar is asked for (in the
        # browser its wheels arrive on the first calendar download).
        from legplan.ics import plan_ics

        return plan_ics(plan)
    if fmt not in _TEMPLATES:
        msg = f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    return template(_TEMPLATES[fmt]).render(_context(plan))
