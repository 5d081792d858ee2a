"""Script and markup in a shared link come back inert in the calculator page.

A link can carry anything in its query and its fragment. The calculator reads the query
(in JavaScript to fill the form, in Python to answer it); the errors it shows must show
the text as text, and nothing from the link may run: no script, no event handler, no
element made from it. The hooks that would run are set to flip ``window.__legplanPwned``;
the page's policy would also block them, so any attempt shows up as a violation too.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import expect

from legplan.web import handle_query

from .conftest import READY
from .test_csp import record_violations, violations

pytestmark = pytest.mark.browser


PWN = "window.__legplanPwned = 1"
HOSTILE = {
    "goal": f"<script>{PWN}</script>",
    "days": f'mon,"><img src=x onerror="{PWN}">',
    "equipment": f"javascript:{PWN}",
    "week_start": f"<svg onload='{PWN}'>",
    "weeks": f"<iframe srcdoc='<script>{PWN}</script>'>",
}


def _errors_for(query: str) -> dict[str, str]:
    reply = json.loads(handle_query(query))
    assert not reply["ok"]
    return {e["field"]: e["message"] for e in reply["errors"]}


@pytest.mark.parametrize("field", sorted(HOSTILE))
def test_markup_in_a_link_is_shown_as_text(page, site, field):
    query = urlencode({field: HOSTILE[field]}, quote_via=quote)
    expected = _errors_for(query)
    record_violations(page)
    page.goto(site.url(f"calculator/?{query}#{quote(HOSTILE['days'])}"))
    calculator = page.locator("#legplan-calculator")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY)
    for name, message in expected.items():
        slot = page.locator(f'[data-error-for="{name}"]')
        if slot.count() == 0:
            slot = page.locator('[data-error-for="request"]')
        expect(slot).to_have_text(message, timeout=30_000)  # the markup, as text
        assert slot.locator("*").count() == 0
    assert (
        page.locator("#legplan-calculator script, img[src='x'], iframe, svg[onload]").count() == 0
    )
    page.select_option("#legplan-goal", "lose")  # a redraw keeps it inert
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__legplanPwned") is None
    assert violations(page) == []


def test_markup_in_every_field_at_once(page, site):
    record_violations(page)
    page.goto(site.url("calculator/?" + urlencode(HOSTILE, quote_via=quote)))
    expect(page.locator("#legplan-calculator")).to_have_attribute(
        "data-state", "ready", timeout=READY
    )
    expect(page.locator("[data-error-for]:visible").first).to_be_visible(timeout=30_000)
    assert page.evaluate("window.__legplanPwned") is None
    assert page.locator("img[src='x'], iframe, svg[onload]").count() == 0
    assert violations(page) == []
