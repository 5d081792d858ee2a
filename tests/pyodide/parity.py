"""What tests/pyodide compares: run the same way in CPython and, inside Pyodide, by run.mjs.

Only the standard library, legplan and the golden cases are imported, so the
two sides differ in nothing but the interpreter and where legplan was installed from.
Inside Pyodide this runs on the shipped standard library alone: every module a case
needs must be in it. It is also what the trace of that library runs (``stdlib_trace``).
"""

from __future__ import annotations

import json
import sys

from legplan import web
from legplan.render import FORMATS
from tests.golden.cases import CASES, outputs

TODAY = "2027-01-06"
"""The visitor's date handed to ``web.export``, where a request has no start date."""

WEB_REQUESTS: dict[str, str] = {
    "default": "{}",
    "lose-without-start-date": '{"goal": "lose", "days": ["mon", "wed", "fri", "sat"]}',
    "lose-on-three-days": '{"goal": "lose", "days": ["mon", "wed", "fri"]}',
    "unknown-day": '{"goal": "tone", "days": ["funday"]}',
    "unknown-goal": '{"goal": "fly"}',
    "unknown-field": '{"goal": "tone", "colour": "red"}',
    "not-an-object": '["goal", "tone"]',
    "not-json": "goal=tone",
    "non-ascii": '{"goal": "tön\\u00e9", "days": ["\\ud83c\\udfc3"]}',
}
"""Requests beyond the golden cases, for the handler's error paths."""

MARKUP = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7 * 7 }}'
CALENDAR_LINES = "BEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT"
HOSTILE: dict[str, tuple[str, str]] = {
    "deep-list": ("handle", "[" * 100_000),
    "deep-object": ("handle", '{"days": ' * 50 + "[]" + "}" * 50),
    "long-days": ("handle", '{"days": ' + json.dumps(["mon"] * 100_000) + "}"),
    "long-string": ("handle", json.dumps({"goal": "x" * 30_000})),
    "markup-goal": ("export.html", json.dumps({"goal": MARKUP})),
    "markup-days": ("export.html", json.dumps({"days": ["mon", MARKUP]})),
    "calendar-lines": ("export.ics", json.dumps({"goal": CALENDAR_LINES})),
    "lone-surrogate": ("handle", '{"goal": "\\ud800"}'),
    "nan": ("handle", '{"weeks": NaN}'),
    "huge-number": ("export.ics", '{"weeks": 999999999999999999999}'),
    "query-long-days": ("handle_query", "days=" + ",".join(["mon"] * 100_000)),
    "query-repeated": ("handle_query", "goal=tone&" * 10_000),
    "query-broken": ("handle_query", "%ZZ&&==&goal=%E0%A4%A"),
    "query-markup": ("handle_query", "goal=" + MARKUP),
}
"""Hostile input (tests/property/test_hostile.py's examples): each answer must be the same."""


def needs_calendar(output: str) -> bool:
    """Whether an output needs the calendar's wheels (``ics``, ``web.export.ics``, ...).

    >>> [needs_calendar(o) for o in ("ics", "web.export.ics", "export.ics", "html")]
    [True, True, True, False]
    """
    return output.split(".")[-1] == "ics"


def hostile(calendar: bool | None = None) -> dict[str, str]:
    """The answers to :data:`HOSTILE`, by name (``calendar``: as in :func:`collect`)."""
    answers = {}
    for name, (call, payload) in HOSTILE.items():
        if calendar is not None and needs_calendar(call) != calendar:
            continue
        if call.startswith("export."):
            answers[name] = web.export(payload, call.removeprefix("export."), TODAY)
        else:
            answers[name] = getattr(web, call)(payload)
    return answers


def collect(calendar: bool | None = None) -> dict[str, dict[str, str]]:
    """Every output to compare: ``{case: {output name: text}}``.

    Args:
        calendar: None: every output; False: those that need no calendar (the worker gives
            them before it loads the calendar's wheels); True: only those that need it.
    """
    formats = tuple(f for f in FORMATS if calendar is None or needs_calendar(f) == calendar)
    web_formats = tuple(
        f for f in (*FORMATS, "pdf") if calendar is None or needs_calendar(f) == calendar
    )
    result: dict[str, dict[str, str]] = {}
    for case in CASES:
        out = outputs(case.query, formats)
        request = json.dumps(json.loads(outputs(case.query, ("json",))["json"])["request"])
        if calendar is not True:
            out["web.handle"] = web.handle(request)
        for fmt in formats:
            out[f"web.export.{fmt}"] = web.export(request, fmt, TODAY)
        result[case.name] = out
    for name, request in WEB_REQUESTS.items():
        out = {} if calendar is True else {"web.handle": web.handle(request)}
        for fmt in web_formats:
            out[f"web.export.{fmt}"] = web.export(request, fmt, TODAY)
        result[f"web:{name}"] = out
    result["hostile"] = hostile(calendar)
    return result


def collect_json(calendar: bool | None = None) -> str:
    """:func:`collect` as JSON, with where legplan came from and which Python ran it."""
    return json.dumps(
        {
            "python": sys.version,
            "legplan": web.__file__,
            "outputs": collect(calendar),
        }
    )
