"""What tests/pyodide compares: run the same way in CPython and, inside Pyodide, by run.mjs.

Only the standard library, legplan and the golden cases are imported, so the
two sides differ in nothing but the interpreter and where legplan was installed from.
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
