"""The browser's entry point: JSON in, JSON out, never a traceback.

The Web Worker calls :func:`handle` for every change of the form and
:func:`export` for a download. Bad input comes back as
``{"ok": false, "errors": [{"field", "message"}]}``.

>>> import json
>>> reply = json.loads(handle('{"goal": "lose", "days": ["mon", "wed", "fri"]}'))
>>> reply["ok"], reply["errors"][0]["field"]
(False, 'days')
>>> json.loads(handle('{"goal": "lose", "days": ["mon", "wed", "fri", "sat"]}'))["query"]
'goal=lose&days=mon,wed,fri,sat'
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from legplan.documents import make_document
from legplan.errors import CalculatorError, InvalidFieldError
from legplan.model import Plan, PlanRequest
from legplan.render import parse_format, plan_json, render_fragment, render_summary
from legplan.request import parse_mapping, parse_query, to_query
from legplan.schedule import build_plan

__all__ = ["export", "handle", "handle_query"]


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _errors(exc: CalculatorError) -> str:
    return _dump(
        {
            "ok": False,
            "errors": [{"field": e.field, "message": e.message} for e in exc.field_errors()],
        }
    )


MAX_REQUEST_CHARS = 20_000
"""Longest request JSON accepted; a real request is a few hundred characters."""

MAX_DEPTH = 8
"""Deepest nesting of arrays and objects accepted (a real request nests two deep)."""


def _too_deep(text: str) -> bool:
    """Whether ``text`` nests arrays or objects deeper than :data:`MAX_DEPTH`.

    Checked before parsing: a deeply nested document would exhaust the stack
    of the browser's WebAssembly runtime before Python could raise an error.

    >>> _too_deep("[" * 9), _too_deep('{"days": ["mon"]}'), _too_deep('"[[[[[[[[[["')
    (True, False, False)
    """
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _request(request_json: str) -> PlanRequest:
    if len(request_json) > MAX_REQUEST_CHARS or _too_deep(request_json):
        raise CalculatorError("request", "expected a small JSON object of plan fields")
    try:
        data = json.loads(request_json)
    except (ValueError, RecursionError):
        raise CalculatorError("request", "expected a JSON object of plan fields") from None
    if not isinstance(data, dict):
        raise CalculatorError("request", "expected a JSON object of plan fields")
    return parse_mapping(data)


def _respond(parse: Callable[[str], PlanRequest], text: str) -> str:
    """Parse, plan and answer; a bad request becomes its field errors."""
    try:
        request = parse(text)
        plan = build_plan(request)
    except CalculatorError as exc:
        return _errors(exc)
    return _answer(request, plan)


def _answer(request: PlanRequest, plan: Plan) -> str:
    return _dump(
        {
            "ok": True,
            "plan": plan_json(plan),
            "html": render_fragment(plan),
            "summary": render_summary(plan),
            "query": to_query(request),
        }
    )


def handle(request_json: str) -> str:
    """Answer one request from the page.

    Args:
        request_json: The plan's ``request`` object as JSON.

    Returns:
        ``{"ok": true, "plan", "html", "summary", "query"}`` or ``{"ok": false, "errors"}``
        as JSON: ``html`` is the plan's article, ``summary`` its one line (runs, leg
        workouts, minutes) for the page to keep in reach.
    """
    return _respond(_request, request_json)


def handle_query(query: str) -> str:
    """Answer a request given as a URL query (a shared link), like :func:`handle`.

    >>> json.loads(handle_query("?goal=build&days=mon,wed,fri"))["plan"]["request"]["goal"]
    'build'
    """
    return _respond(parse_query, query)


def _today(text: str | None) -> dt.date:
    """The visitor's date as the page sends it (YYYY-MM-DD), or the clock's when not sent."""
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidFieldError("today", text, "a date as YYYY-MM-DD") from None


def export(request_json: str, format_name: str, today: str | None = None) -> str:
    """Render a download: ``{"ok": true, "filename", "media_type", "content"}`` or errors.

    Args:
        request_json: The plan's ``request`` object as JSON.
        format_name: One of :data:`legplan.render.FORMATS`.
        today: The visitor's date (YYYY-MM-DD), for a calendar without a start date.
    """
    try:
        request = _request(request_json)
        fmt = parse_format(format_name)
        document = make_document(request, fmt, _today(today))
    except CalculatorError as exc:
        return _errors(exc)
    return _dump(
        {
            "ok": True,
            "filename": document.filename,
            "media_type": document.media_type,
            "content": document.content,
        }
    )
