"""Failure drills: the calculator breaks in the ways a network and a browser break it.

Each drill breaks one thing with Playwright's routing, checks that the page ends in its
plain fallback (``data-state="error"``: the pre-rendered plan still there, a link to the
printable plans, no uncaught error: ``open_page`` fails on any), then lets the network
return (the route removed, the page reloaded) and checks that the calculator works.
A slow network is not a failure: the page shows the pre-rendered plan and stays usable
while it loads, then works.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, Route, expect

from legplan.render import render_fragment
from legplan.request import parse_query
from legplan.schedule import build_plan

from .conftest import READY, SERIALIZE

pytestmark = pytest.mark.browser

"""Milliseconds to wait for Python to start (or to fail) in the worker."""
ROOT = "#legplan-calculator"
OUTPUT = "[data-legplan-output]"


def _half_the_wasm(route: Route) -> None:
    response = route.fetch()
    body = response.body()
    route.fulfill(response=response, body=body[: len(body) // 2])


def _altered_wheel(route: Route) -> None:
    response = route.fetch()
    body = bytearray(response.body())
    body[len(body) // 2] ^= 0xFF  # same length, one byte changed: only the hash can tell
    route.fulfill(response=response, body=bytes(body))


def _dying_worker(route: Route) -> None:
    route.fulfill(
        status=200,
        content_type="text/javascript",
        body='throw new Error("drill: the worker dies as it starts");',
    )


@dataclass(frozen=True)
class Drill:
    pattern: str
    handler: Callable[[Route], None]


DRILLS = {
    "wasm-cut-halfway": Drill("**/assets/pyodide/pyodide.asm.wasm", _half_the_wasm),
    "wheel-wrong-hash": Drill("**/assets/wheels/legplan-*.whl", _altered_wheel),
    "worker-dies": Drill("**/javascripts/calculator/worker.mjs", _dying_worker),
}


def _default_plan(page: Page) -> str:
    """The default plan as the browser serializes it (Python's HTML, parsed)."""
    html = render_fragment(build_plan(parse_query("")))
    return page.evaluate(
        "html => { const t = document.createElement('template'); t.innerHTML = html;"
        " return t.content.firstElementChild.outerHTML; }",
        html,
    )


def _shown_plan(page: Page) -> str:
    return page.locator(f"{OUTPUT} > *").first.evaluate(SERIALIZE)


def _works(page: Page) -> None:
    calculator = page.locator(ROOT)
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY)
    before = page.locator(OUTPUT).inner_html()
    page.select_option("#legplan-goal", "build")
    expect(page.locator(OUTPUT)).not_to_have_text(before, timeout=30_000)


@pytest.mark.parametrize("name", sorted(DRILLS))
def test_drill_ends_in_the_fallback_then_recovers(page, site, name):
    drill = DRILLS[name]
    page.route(drill.pattern, drill.handler)
    page.goto(site.url("calculator/"))
    calculator = page.locator(ROOT)
    expect(calculator).to_have_attribute("data-state", "error", timeout=READY)
    message = page.locator('[data-legplan-message="error"]')
    expect(message).to_be_visible()
    expect(message.get_by_role("link", name="printable plans")).to_be_visible()
    assert _shown_plan(page) == _default_plan(page)

    page.unroute(drill.pattern)
    page.reload()
    _works(page)


def test_a_slow_network_keeps_the_page_usable_then_works(page, site):
    delay = 1.0

    def slow(route: Route) -> None:
        time.sleep(delay)
        route.fallback()

    page.route("**/assets/**", slow)
    # Once the page code has started the worker (a change made before it listens is lost).
    with page.expect_request("**/javascripts/calculator/worker.mjs", timeout=60_000):
        page.goto(site.url("calculator/"), wait_until="commit")
    calculator = page.locator(ROOT)
    expect(calculator).to_have_attribute("data-state", "loading", timeout=30_000)
    expect(page.locator('[data-legplan-message="loading"]')).to_be_visible()
    assert _shown_plan(page) == _default_plan(page)
    page.select_option("#legplan-goal", "lose")  # a change made while loading is kept
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY)
    expect(page).to_have_url(re.compile(r"goal=lose"), timeout=30_000)
    expect(page.locator("#legplan-goal")).to_have_value("lose")


def test_a_stalled_runtime_leaves_the_prerendered_plan_then_recovers(page, site):
    held: list[Route] = []
    page.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(site.url("calculator/"))
    calculator = page.locator(ROOT)
    page.wait_for_timeout(3_000)
    assert held
    expect(calculator).to_have_attribute("data-state", "loading")
    assert _shown_plan(page) == _default_plan(page)

    page.unroute("**/assets/pyodide/pyodide.asm.wasm")  # the held request goes with the page
    page.reload()
    _works(page)
