from __future__ import annotations

import json

import pytest

from legplan.render import plan_json, render_fragment, render_summary
from legplan.request import parse_query
from legplan.schedule import build_plan
from legplan.web import export, handle


def test_handle_returns_plan_html_summary_and_query():
    reply = json.loads(handle(json.dumps({"goal": "lose", "days": ["mon", "wed", "fri", "sat"]})))
    plan = build_plan(parse_query("goal=lose&days=mon,wed,fri,sat"))
    assert reply == {
        "ok": True,
        "plan": plan_json(plan),
        "html": render_fragment(plan),
        "summary": render_summary(plan),
        "query": "goal=lose&days=mon,wed,fri,sat",
    }


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ("not json", ["request"]),
        ("[1, 2]", ["request"]),
        ("[" * 100000, ["request"]),
        ('{"goal": "lose", "days": ["mon"]}', ["days"]),
        ('{"goal": "x", "weeks": 0}', ["goal", "weeks"]),
        ('{"colour": "red"}', ["request"]),
    ],
)
def test_handle_errors_are_json_per_field(payload, fields):
    reply = json.loads(handle(payload))
    assert reply["ok"] is False
    assert [e["field"] for e in reply["errors"]] == fields
    assert all(e["message"] and "Traceback" not in e["message"] for e in reply["errors"])


def test_impossible_request_says_what_to_change():
    reply = json.loads(handle('{"goal": "lose", "days": ["mon", "wed", "fri"]}'))
    assert "needs at least 4 training days" in reply["errors"][0]["message"]
    assert "Add 1 more day" in reply["errors"][0]["message"]


def test_export_calendar_uses_visitor_date_when_no_start_date():
    reply = json.loads(export('{"goal": "tone"}', "ics", today="2026-11-28"))
    assert reply["ok"] is True
    assert reply["filename"] == "legplan-tone.ics"
    assert reply["media_type"] == "text/calendar"
    assert "DTSTART;VALUE=DATE:20261130" in reply["content"]


def test_export_printable_page_and_bad_format():
    reply = json.loads(export('{"goal": "build"}', "html"))
    assert reply["content"].startswith("<!DOCTYPE html>")
    bad = json.loads(export('{"goal": "build"}', "pdf"))
    assert bad == {
        "ok": False,
        "errors": [
            {
                "field": "format",
                "message": "expected one of text, markdown, html, json, ics; got 'pdf'",
            }
        ],
    }
