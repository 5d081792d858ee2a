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


def hostile() -> dict[str, str]:
    """The answers to :data:`HOSTILE`, by name."""
    answers = {}
    for name, (call, payload) in HOSTILE.items():
        if call.startswith("export."):
            answers[name] = web.export(payload, call.removeprefix("export."), TODAY)
        else:
            answers[name] = getattr(web, call)(payload)
    return answers


def collect() -> dict[str, dict[str, str]]:
    """Every output to compare: ``{case: {output name: text}}``."""
    result: dict[str, dict[str, str]] = {}
    for case in CASES:
        out = dict(outputs(case.query))
        request = json.dumps(json.loads(out["json"])["request"])
        out["web.handle"] = web.handle(request)
        for fmt in FORMATS:
            out[f"web.export.{fmt}"] = web.export(request, fmt, TODAY)
        result[case.name] = out
    for name, request in WEB_REQUESTS.items():
        out = {"web.handle": web.handle(request)}
        for fmt in (*FORMATS, "pdf"):
            out[f"web.export.{fmt}"] = web.export(request, fmt, TODAY)
        result[f"web:{name}"] = out
    result["hostile"] = hostile()
    return result


def collect_json() -> str:
    """:func:`collect` as JSON, with where legplan came from and which Python ran it."""
    return json.dumps(
        {
            "python": sys.version,
            "legplan": web.__file__,
            "outputs": collect(),
        }
    )
