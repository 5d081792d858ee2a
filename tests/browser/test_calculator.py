"""The calculator page in Chromium: the Python package running in Pyodide, in a module worker.

Every expectation is read from the package itself (``legplan.rules``, ``legplan.web``,
``legplan.render``), so the page and the CLI cannot drift apart unnoticed. Waits are
Playwright's own, with generous timeouts (Pyodide takes seconds to start on a slow
machine); nothing here asserts a duration.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Locator, Page, Route, expect

from legplan.render import render_fragment
from legplan.request import parse_mapping, parse_query, to_query
from legplan.rules import RULES
from legplan.schedule import build_plan
from legplan.web import export, handle

from .conftest import AXE, READY, SERIALIZE, WATCHES
from .test_axe import SCHEMES, _describe
from .test_print import pdf_pages

pytestmark = pytest.mark.browser

"""Milliseconds to wait for Python: a cold Pyodide start takes several seconds here."""
ANSWER = 30_000
"""Milliseconds to wait for one answer from a running worker."""

WASM = "**/assets/pyodide/pyodide.asm.wasm"
CALCULATOR_WORKER = "/javascripts/calculator/worker.mjs"
ROOT = "#legplan-calculator"
PLAN = "[data-legplan-output] article.legplan-plan"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# --- the package's own answers -------------------------------------------------------------


def figure(rule: str, key: str) -> str:
    """A figure of a rule as the plans print it, e.g. ``60–90 min``."""
    return next(f for f in RULES[rule].figures if f.key == key).text()


def fragment(request: dict[str, object]) -> str:
    """The plan HTML Python renders for ``request`` (what the page must show)."""
    return render_fragment(build_plan(parse_mapping(request)))


def python_errors(request: dict[str, object]) -> dict[str, str]:
    """Python's field errors for ``request``, by field."""
    answer = json.loads(handle(json.dumps(request)))
    assert not answer["ok"]
    return {e["field"]: e["message"] for e in answer["errors"]}


# --- the page ------------------------------------------------------------------------------


def root(page: Page) -> Locator:
    return page.locator(ROOT)


def wait_ready(page: Page) -> None:
    expect(root(page)).to_have_attribute("data-state", "ready", timeout=READY)
    expect(root(page)).to_have_attribute("aria-busy", "false")


def normalized(page: Page, html: str) -> str:
    """``html`` as this browser serializes it, to compare with the live DOM."""
    return page.evaluate(
        """html => {
            const t = document.createElement('template');
            t.innerHTML = html;
            return t.innerHTML.trim();
        }""",
        html,
    )


def shown_plan(page: Page) -> str:
    """The plan on screen, serialized by the browser."""
    return page.locator(PLAN).evaluate(SERIALIZE)


def expect_plan(page: Page, request: dict[str, object]) -> None:
    """Wait until the plan on screen is the one Python renders for ``request``."""
    want = normalized(page, fragment(request))
    page.wait_for_function(
        f"want => {{ const a = document.querySelector({json.dumps(PLAN)});"
        f" return a !== null && ({SERIALIZE})(a) === want; }}",
        arg=want,
        timeout=ANSWER,
    )


def redraws(page: Page) -> int:
    return page.evaluate("performance.getEntriesByName('legplan-redrawn').length")


def form_state(page: Page) -> dict[str, object]:
    """What the form shows, in the request's vocabulary."""
    return page.evaluate(
        """() => {
            const form = document.getElementById('legplan-form');
            return {
                goal: form.goal.value,
                days: [...form.querySelectorAll('input[name=days]:checked')].map(i => i.value),
                equipment: form.equipment.value,
                week_start: form.week_start.value,
                builds_easily: form.builds_easily.checked,
                start_date: form.start_date.value,
                weeks: form.weeks.value,
            };
        }"""
    )


def set_days(page: Page, days: tuple[str, ...] | list[str]) -> None:
    for day in DAYS:
        page.locator(f"input[name=days][value={day}]").set_checked(day in days)


@dataclass
class Hold:
    """Requests matching ``pattern`` wait until :meth:`release` (the worker stays loading)."""

    page: Page
    pattern: str
    routes: list[Route] = field(default_factory=list)
    released: bool = False

    def __post_init__(self) -> None:
        self.page.context.route(self.pattern, self._hold)

    def _hold(self, route: Route) -> None:
        if self.released:
            route.fallback()
        else:
            self.routes.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.routes:
            route.fallback()  # on to the origin guard, which lets it through
        self.routes.clear()


def open_calculator(page: Page, site, query: str = "", *, hold: bool = False) -> Hold | None:
    """Open the calculator; with ``hold``, return once the worker asked for the runtime."""
    held = Hold(page, WASM) if hold else None
    if held:
        with page.expect_request(WASM, timeout=READY):
            page.goto(site.url("calculator/") + query)
    else:
        page.goto(site.url("calculator/") + query)
    return held


def tolerate(request: pytest.FixtureRequest, *patterns: str) -> list[str]:
    """Drop this test's console errors matching one of ``patterns`` (regexes) and return them.

    Only console messages: an uncaught exception still fails the test.
    """
    dropped = []
    for watch in request.node.stash.get(WATCHES, []):
        kept = []
        for line in watch.console_errors:
            if line.startswith("console error:") and any(re.search(p, line) for p in patterns):
                dropped.append(line)
            else:
                kept.append(line)
        watch.console_errors[:] = kept
    return dropped


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations on the page as it is now (axe comes in with an init script)."""
    result = page.evaluate(
        "async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))"
    )
    return json.loads(result)["violations"]


# --- 1. before Python ----------------------------------------------------------------------


def test_prerendered_plan_is_there_before_python(page, site):
    held = open_calculator(page, site, hold=True)
    assert held
    calculator = root(page)
    # The worker has asked for the runtime and is held there: Python cannot be running.
    expect(calculator).to_have_attribute("data-state", "loading")
    expect(calculator).to_have_attribute("aria-busy", "true")
    expect(page.locator('[data-legplan-message="loading"]')).to_be_visible()
    expect(page.locator('[data-legplan-message="loading"] progress')).to_be_visible()
    expect(page.locator('[data-legplan-message="ready"]')).to_be_hidden()
    expect(page.locator(PLAN)).to_be_visible()
    assert shown_plan(page) == normalized(page, fragment({}))
    for action in ("ics", "html"):
        expect(page.locator(f"button[data-action={action}]")).to_be_disabled()

    # The form is usable at once; a change made now is applied once Python is ready.
    page.select_option("#legplan-goal", "build")
    expect(calculator).to_have_attribute("data-state", "loading")
    held.release()
    wait_ready(page)
    expect(page.locator('[data-legplan-message="ready"]')).to_be_visible()
    expect(page.locator('[data-legplan-message="loading"]')).to_be_hidden()
    expect_plan(page, {"goal": "build"})
    for action in ("ics", "html"):
        expect(page.locator(f"button[data-action={action}]")).to_be_enabled()


@pytest.mark.smoke
def test_the_form_fits_a_phone_screen(open_page, site):
    """At 320 CSS pixels (WCAG's reflow width) no part of the form reaches past the page's
    column: a fieldset is as wide as its widest content unless told otherwise, and Zensical's
    theme keeps a scrollbar's width free on the right, where the overflow was cut off."""
    page = open_page(viewport={"width": 320, "height": 800})
    page.goto(site.url("calculator/"))
    expect(page.locator(".legplan-form")).to_be_visible()
    past = page.evaluate(
        """() => {
          const column = document.querySelector('.md-content__inner').getBoundingClientRect();
          return [...document.querySelectorAll('.legplan-form, .legplan-form *')]
            .filter((e) => e.getBoundingClientRect().right > column.right + 0.5)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
        }"""
    )
    assert past == []


# --- 2. a change redraws the plan ----------------------------------------------------------

GOAL_FIGURES = {
    "lose": [("run.significant", "long_minutes"), ("run.health", "minutes")],
    "build": [("legs.hypertrophy", "rest_seconds"), ("legs.hypertrophy", "reps")],
    "tone": [("legs.tone", "reps"), ("run.health", "minutes")],
}


def test_changing_the_goal_redraws_with_the_articles_numbers(page, site):
    open_calculator(page, site)
    wait_ready(page)
    plan = page.locator(PLAN)
    # The default plan has neither the long runs nor the hypertrophy rest.
    assert figure("run.significant", "long_minutes") not in plan.inner_text()
    assert figure("legs.hypertrophy", "rest_seconds") not in plan.inner_text()
    for goal, figures in GOAL_FIGURES.items():
        page.select_option("#legplan-goal", goal)
        expect(plan).to_have_attribute("data-goal", goal, timeout=ANSWER)
        expect_plan(page, {"goal": goal})
        for rule, key in figures:
            expect(plan).to_contain_text(figure(rule, key))
        # The address bar follows the plan after the next paint.
        page.wait_for_url(
            site.url("calculator/") + "?" + to_query(parse_mapping({"goal": goal})),
            timeout=ANSWER,
        )


# --- 3. an impossible request --------------------------------------------------------------


def test_impossible_request_shows_the_field_error_and_keeps_the_plan(page, site):
    open_calculator(page, site)
    wait_ready(page)
    page.select_option("#legplan-goal", "lose")
    good = {"goal": "lose", "days": ["thu", "fri", "sat", "sun"]}
    set_days(page, good["days"])
    expect_plan(page, good)
    good_url = site.url("calculator/") + "?" + to_query(parse_mapping(good))
    page.wait_for_url(good_url, timeout=ANSWER)

    three = ["fri", "sat", "sun"]
    page.locator("input[name=days][value=thu]").uncheck()
    message = python_errors({"goal": "lose", "days": three})["days"]
    error = page.locator("[data-error-for=days]")
    expect(error).to_be_visible(timeout=ANSWER)
    expect(error).to_have_text(message)
    assert error.get_attribute("id") == "legplan-days-error"
    days = page.locator("fieldset[data-field=days]")
    assert "legplan-days-error" in (days.get_attribute("aria-describedby") or "").split()
    expect(days).to_have_accessible_description(re.compile(re.escape(message)))
    # The error sits beside the days, inside their group, after the boxes.
    assert error.evaluate("(e) => e.closest('fieldset[data-field]').dataset.field") == "days"
    expect(page.locator("input[name=days][value=mon]")).to_have_attribute("aria-invalid", "")
    expect(page.locator("#legplan-goal")).not_to_have_attribute("aria-invalid", "")
    # Announced to screen readers through a live region.
    expect(page.locator("[data-legplan-alert]")).to_contain_text(message)
    expect(page.locator("[data-legplan-alert]")).to_have_attribute("role", "status")

    # The last good plan stays, and so does its link.
    expect(page.locator(PLAN)).to_be_visible()
    assert shown_plan(page) == normalized(page, fragment(good))
    assert page.url == good_url
    expect(page.locator("[data-legplan-output]")).to_have_attribute("data-stale", "")

    # Mending the request clears the error and redraws.
    four = ["mon", "fri", "sat", "sun"]
    page.locator("input[name=days][value=mon]").check()
    expect(error).to_be_hidden(timeout=ANSWER)
    expect_plan(page, {"goal": "lose", "days": four})
    expect(page.locator("input[name=days][value=mon]")).not_to_have_attribute("aria-invalid", "")
    expect(page.locator("[data-legplan-output]")).not_to_have_attribute("data-stale", "")
    expect(page.locator("[data-legplan-alert]")).to_have_text("")


def test_other_fields_show_their_errors_beside_them(page, site):
    open_calculator(page, site)
    wait_ready(page)
    page.fill("#legplan-weeks", "99")
    message = python_errors({"weeks": "99"})["weeks"]
    error = page.locator("#legplan-weeks-error")
    expect(error).to_be_visible(timeout=ANSWER)
    expect(error).to_have_text(message)
    expect(page.locator("#legplan-weeks")).to_have_accessible_description(
        re.compile(re.escape(message))
    )
    expect(page.locator("[data-error-for=days]")).to_be_hidden()
    assert shown_plan(page) == normalized(page, fragment({}))


# --- 4. a copied link ----------------------------------------------------------------------

LINKED = {
    "goal": "lose",
    "days": ["mon", "wed", "fri", "sat", "sun"],
    "equipment": "gym",
    "week_start": "sun",
    "builds_easily": True,
    "weeks": 3,
}


def test_a_copied_link_reopens_the_same_plan(open_page, site):
    page = open_page()
    open_calculator(page, site)
    wait_ready(page)
    page.select_option("#legplan-goal", LINKED["goal"])
    set_days(page, LINKED["days"])
    page.select_option("#legplan-equipment", LINKED["equipment"])
    page.select_option("#legplan-week_start", LINKED["week_start"])
    page.check("#legplan-builds_easily")
    page.fill("#legplan-weeks", str(LINKED["weeks"]))
    query = to_query(parse_mapping(LINKED))
    page.wait_for_url(site.url("calculator/") + "?" + query, timeout=ANSWER)
    expect_plan(page, LINKED)
    plan = shown_plan(page)

    # The copy button puts the page's address, with the request, on the clipboard.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("button[data-action=copy]")
    expect(page.locator("[data-legplan-status]")).to_have_text(
        page.locator("[data-legplan-done=copied]").text_content() or "?"
    )
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == page.url

    # A fresh browser opens the link: the form shows it at once, the plan once Python runs.
    again = open_page()
    held = open_calculator(again, site, link.removeprefix(site.url("calculator/")), hold=True)
    assert held
    wanted_form = {
        **LINKED,
        "days": LINKED["days"],
        "start_date": "",
        "weeks": str(LINKED["weeks"]),
    }
    assert form_state(again) == wanted_form
    held.release()
    wait_ready(again)
    expect_plan(again, LINKED)
    assert shown_plan(again) == plan
    assert again.url == link
    assert form_state(again) == wanted_form


def test_a_link_with_an_impossible_request_shows_its_error(page, site):
    query = "?goal=lose&days=mon,tue"
    open_calculator(page, site, query)
    wait_ready(page)
    message = python_errors({"goal": "lose", "days": ["mon", "tue"]})["days"]
    expect(page.locator("#legplan-days-error")).to_have_text(message, timeout=ANSWER)
    # The pre-rendered default plan stays: it is the last good plan this page had.
    assert shown_plan(page) == normalized(page, fragment({}))


# --- 5. downloads --------------------------------------------------------------------------


def test_downloads_parse_and_match_python(page, site, tmp_path: Path):
    open_calculator(page, site)
    wait_ready(page)
    request = {"goal": "build", "days": ["mon", "tue", "thu", "sat"]}
    page.select_option("#legplan-goal", "build")
    set_days(page, request["days"])
    expect_plan(page, request)

    with page.expect_download(timeout=READY) as info:
        page.click("button[data-action=ics]")
    download = info.value
    assert download.suggested_filename == "legplan-build.ics"
    ics = Path(download.path()).read_bytes()
    calendar = Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) > 0
    # As many events as Python writes for the same request (the dates depend on today).
    python_ics = json.loads(export(json.dumps(request), "ics", "2026-01-07"))["content"]
    assert len(events) == len(Calendar.from_ical(python_ics).walk("VEVENT"))
    status = page.locator("[data-legplan-status]")
    expect(status).to_have_text(page.locator("[data-legplan-done=download]").text_content() or "?")

    with page.expect_download(timeout=ANSWER) as info:
        page.click("button[data-action=html]")
    download = info.value
    assert download.suggested_filename == "legplan-build.html"
    html = Path(download.path()).read_bytes()
    assert html.startswith(b"<!DOCTYPE html>")
    assert html.decode("utf-8") == json.loads(export(json.dumps(request), "html"))["content"]


def test_a_calendar_wheel_that_fails_its_hash_fails_the_download_not_the_page(page, site, request):
    """The calendar loads through the site's lock: the browser checks each wheel's sha256."""
    page.context.route("**/assets/wheels/icalendar-*.whl", _tamper)
    open_calculator(page, site)
    wait_ready(page)
    page.click("button[data-action=ics]")
    status = page.locator("[data-legplan-status]")
    failed = page.locator("[data-legplan-done=download-failed]").text_content() or "?"
    expect(status).to_have_text(failed, timeout=READY)
    expect(root(page)).to_have_attribute("data-state", "ready")
    # The wheel as the site has it loads on the next try.
    page.context.unroute("**/assets/wheels/icalendar-*.whl")
    with page.expect_download(timeout=READY) as info:
        page.click("button[data-action=ics]")
    assert Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")
    # Chromium reports the refused wheel itself (subresource integrity).
    tolerate(request, r"integrity|icalendar")


# --- 6. printing ---------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printing_gives_one_page_per_week(page, site, paper):
    open_calculator(page, site)
    wait_ready(page)
    page.select_option("#legplan-goal", "lose")
    expect_plan(page, {"goal": "lose"})
    weeks = len(build_plan(parse_query("goal=lose")).weeks)

    page.emulate_media(media="print")
    expect(page.locator(PLAN)).to_be_visible()
    for hidden in ("#legplan-form", ".legplan-actions", ".legplan-status-area", ".md-header"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator("h1")).to_be_hidden()
    assert pdf_pages(page.pdf(format=paper)) == weeks


# --- 7. instant navigation -----------------------------------------------------------------


@pytest.mark.smoke
def test_instant_navigation_away_and_back_keeps_one_worker(page, site):
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    open_calculator(page, site)
    wait_ready(page)
    page.evaluate("window.__legplanMarker = 'same document'")
    page.select_option("#legplan-goal", "lose")
    expect_plan(page, {"goal": "lose"})
    lose_url = site.url("calculator/") + "?" + to_query(parse_mapping({"goal": "lose"}))
    page.wait_for_url(lose_url, timeout=ANSWER)

    nav = page.locator("nav.md-nav--primary")
    nav.locator('a.md-nav__link[href$="sources/"]').first.click()
    page.wait_for_url(site.url("sources/"))
    page.locator("h1", has_text="Rules and sources").wait_for()
    assert page.locator(ROOT).count() == 0

    # Back: the link's plan comes back, from the same running worker.
    page.go_back()
    page.wait_for_url(lose_url)
    wait_ready(page)
    expect_plan(page, {"goal": "lose"})
    assert form_state(page)["goal"] == "lose"

    # Away and back through the navigation: the default page, still live. Instant navigation
    # changes the address on the click and swaps the page once fetched: the sources page must
    # be on screen before its link to the calculator is clicked, or the click lands on the
    # calculator still shown (its plan is "lose") and the test reads that view.
    nav.locator('a.md-nav__link[href$="sources/"]').first.click()
    page.wait_for_url(site.url("sources/"))
    page.locator("h1", has_text="Rules and sources").wait_for()
    assert page.locator(ROOT).count() == 0
    nav.locator('a.md-nav__link[href$="calculator/"]').first.click()
    page.wait_for_url(site.url("calculator/"))
    wait_ready(page)
    assert shown_plan(page) == normalized(page, fragment({}))
    page.select_option("#legplan-goal", "build")
    expect_plan(page, {"goal": "build"})
    page.select_option("#legplan-goal", "lose")
    expect_plan(page, {"goal": "lose"})
    page.wait_for_url(lose_url, timeout=ANSWER)

    assert page.evaluate("window.__legplanMarker") == "same document"
    assert [url for url in workers if url.endswith(CALCULATOR_WORKER)] == [
        site.url(CALCULATOR_WORKER)
    ]


@pytest.mark.smoke
def test_a_direct_visit_starts_its_worker_from_the_head(page, site):
    """The head's early start and page.mjs share one worker, adopted with what it said."""
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    open_calculator(page, site)
    wait_ready(page)
    started = page.evaluate("() => window.legplanWorker && window.legplanWorker.url")
    assert started == site.url(CALCULATOR_WORKER)
    assert page.evaluate("() => window.legplanWorker.events") is None  # adopted, replayed
    assert [url for url in workers if url.endswith(CALCULATOR_WORKER)] == [started]
    page.select_option("#legplan-goal", "lose")
    expect_plan(page, {"goal": "lose"})


# --- 7b. the memory kept for the next visit ------------------------------------------------

MEMORY = "pyodide-memory"
KEPT = "() => performance.getEntriesByName('legplan-memory-kept').length > 0"
RESTORED = "() => performance.getEntriesByName('legplan-ready')[0].detail.restored"


def kept_memory(page: Page) -> list[int]:
    """The sizes of the copies of Python's memory this browser keeps."""
    return page.evaluate(
        """async (name) => {
            const cache = await caches.open(name);
            const sizes = [];
            for (const request of await cache.keys()) {
                sizes.push((await (await cache.match(request)).arrayBuffer()).byteLength);
            }
            return sizes;
        }""",
        MEMORY,
    )


def test_a_second_visit_restores_the_memory_the_first_kept(page, site, tmp_path: Path):
    open_calculator(page, site)
    wait_ready(page)
    assert page.evaluate(RESTORED) is False
    page.wait_for_function(KEPT, timeout=READY)
    [size] = kept_memory(page)
    assert size > 1_000_000

    # The next visit: a new document and a new worker, Python restored, not started.
    request = {"goal": "lose", "equipment": "gym"}
    open_calculator(page, site, "?" + to_query(parse_mapping(request)))
    wait_ready(page)
    assert page.evaluate(RESTORED) is True
    expect_plan(page, request)
    page.select_option("#legplan-goal", "build")
    expect_plan(page, {**request, "goal": "build"})
    impossible = {**request, "goal": "lose", "days": ["mon", "wed", "fri"]}
    page.select_option("#legplan-goal", "lose")
    set_days(page, impossible["days"])
    expect(page.locator("#legplan-days-error")).to_have_text(python_errors(impossible)["days"])
    set_days(page, ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    # A package the restored memory never imported: the calendar, unpacked after it.
    with page.expect_download(timeout=READY) as info:
        page.click("button[data-action=ics]")
    events = Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")
    assert len(events) > 0
    assert kept_memory(page) == [size]  # a restored visit keeps the copy it came from


def test_a_copy_that_does_not_restore_is_replaced(page, site):
    open_calculator(page, site)
    wait_ready(page)
    page.wait_for_function(KEPT, timeout=READY)
    [size] = kept_memory(page)
    page.evaluate(
        """async (name) => {
            const cache = await caches.open(name);
            const [request] = await cache.keys();
            await cache.put(request, new Response(new Uint8Array(4096).fill(7)));
        }""",
        MEMORY,
    )
    open_calculator(page, site)
    wait_ready(page)
    assert page.evaluate(RESTORED) is False  # started as usual
    page.select_option("#legplan-goal", "lose")
    expect_plan(page, {"goal": "lose"})
    page.wait_for_function(KEPT, timeout=READY)
    assert kept_memory(page) == [size]


# --- 8. the fallback -----------------------------------------------------------------------


@dataclass(frozen=True)
class Breakage:
    """One way the calculator cannot start, and the console errors it may cause."""

    pattern: str = ""
    how: str = "404"
    init_script: str = ""
    tolerated: tuple[str, ...] = ()


def _tamper(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=response.body() + b"tampered")


BREAKAGES = {
    "wasm-404": Breakage(WASM),
    "wasm-network-error": Breakage(WASM, how="abort"),
    "runtime-module-404": Breakage("**/assets/pyodide/pyodide.mjs"),
    "stdlib-404": Breakage(
        "**/assets/pyodide/python_stdlib.zip",
        # Pyodide logs the missing standard library, and Python's failed start, itself.
        tolerated=(r"python_stdlib\.zip", r"/assets/pyodide/pyodide(\.asm)?\.mjs\)$"),
    ),
    "wheel-tampered": Breakage("**/assets/wheels/legplan-*.whl", how="tamper"),
    "lock-404": Breakage("**/assets/wheels/pyodide-lock.json"),
    "worker-404": Breakage("**/javascripts/calculator/worker.mjs"),
    "no-module-workers": Breakage(
        init_script="""
            window.Worker = class extends window.Worker {
                constructor(url, options) {
                    if (options && options.type === 'module') {
                        throw new TypeError('module workers are not supported');
                    }
                    super(url, options);
                }
            };
        """
    ),
}


def break_calculator(page: Page, breakage: Breakage) -> None:
    if breakage.init_script:
        page.add_init_script(breakage.init_script)
    if not breakage.pattern:
        return
    if breakage.how == "abort":
        page.context.route(breakage.pattern, lambda route: route.abort("failed"))
    elif breakage.how == "tamper":
        page.context.route(breakage.pattern, _tamper)
    else:
        page.context.route(breakage.pattern, lambda route: route.fulfill(status=404, body=""))


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_a_calculator_that_cannot_start_falls_back(page, site, request, name):
    breakage = BREAKAGES[name]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    break_calculator(page, breakage)
    open_calculator(page, site)
    calculator = root(page)
    expect(calculator).to_have_attribute("data-state", "error", timeout=READY)
    expect(calculator).to_have_attribute("aria-busy", "false")
    message = page.locator('[data-legplan-message="error"]')
    expect(message).to_be_visible()
    expect(page.locator('[data-legplan-message="loading"]')).to_be_hidden()
    link = message.get_by_role("link", name="printable plans")
    expect(link).to_be_visible()
    assert link.evaluate("a => a.href") == site.url("plans/")
    assert shown_plan(page) == normalized(page, fragment({}))
    for action in ("ics", "html"):
        expect(page.locator(f"button[data-action={action}]")).to_be_disabled()

    # The form stays harmless, and the printable plans are one click away.
    page.select_option("#legplan-goal", "lose")
    expect(calculator).to_have_attribute("data-state", "error")
    assert shown_plan(page) == normalized(page, fragment({}))
    link.click()
    page.wait_for_url(site.url("plans/"))
    expect(page.locator("h1")).to_be_visible()
    assert errors == []
    tolerate(request, *breakage.tolerated)


# --- 9. the keyboard -----------------------------------------------------------------------


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def test_the_whole_flow_works_from_the_keyboard(page, site):
    open_calculator(page, site)
    wait_ready(page)
    page.locator("body").focus()

    tab_to(page, "#legplan-goal")
    page.keyboard.press("ArrowDown")  # tone -> lose, without opening the list
    assert page.input_value("#legplan-goal") == "lose"
    expect_plan(page, {"goal": "lose"})

    tab_to(page, "input[name=days][value=mon]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=days][value=mon]")).not_to_be_checked()
    expect_plan(page, {"goal": "lose", "days": list(DAYS[1:])})

    tab_to(page, "#legplan-builds_easily")
    page.keyboard.press("Space")
    expected = {"goal": "lose", "days": list(DAYS[1:]), "builds_easily": True}
    expect_plan(page, expected)

    tab_to(page, "button[data-action=html]")
    with page.expect_download(timeout=ANSWER) as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "legplan-lose.html"
    tab_to(page, "button[data-action=copy]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-legplan-status]")).not_to_have_text("")


# --- a late answer never undoes typing -----------------------------------------------------

GATE = """
    // Answers from the calculator's worker wait while window.__legplanGate is set.
    const add = Worker.prototype.addEventListener;
    Worker.prototype.addEventListener = function (type, listener, options) {
        if (type === 'message') {
            const inner = listener;
            listener = (event) => {
                const gate = window.__legplanGate;
                if (gate) gate.then(() => inner.call(this, event));
                else inner.call(this, event);
            };
        }
        return add.call(this, type, listener, options);
    };
"""


def test_a_late_answer_does_not_undo_typing(page, site):
    page.add_init_script(GATE)
    open_calculator(page, site)
    wait_ready(page)
    weeks = page.locator("#legplan-weeks")
    weeks.focus()
    page.evaluate("() => { window.__legplanGate = new Promise(r => (window.__legplanOpen = r)); }")
    page.keyboard.press("Control+a")
    page.keyboard.type("2")  # asked: weeks 2; its answer is held
    page.keyboard.type("0")  # typed while the answer for 2 is on its way
    assert weeks.input_value() == "20"
    page.evaluate("() => { window.__legplanGate = null; window.__legplanOpen(); }")
    page.wait_for_url(re.compile(r"weeks=20$"), timeout=ANSWER)
    assert weeks.input_value() == "20"


# --- 10. axe-core in every state -----------------------------------------------------------


def _state_loading(page: Page, site) -> None:
    open_calculator(page, site, hold=True)
    expect(root(page)).to_have_attribute("data-state", "loading")


def _state_ready(page: Page, site) -> None:
    open_calculator(page, site)
    wait_ready(page)


def _state_field_error(page: Page, site) -> None:
    _state_ready(page, site)
    # One change straight to the impossible request: the default plan stays as the last good one.
    page.evaluate(
        """() => {
            const form = document.getElementById('legplan-form');
            form.goal.value = 'lose';
            for (const box of form.querySelectorAll('input[name=days]')) {
                box.checked = ['mon', 'tue'].includes(box.value);
            }
            form.dispatchEvent(new Event('input', {bubbles: true}));
        }"""
    )
    expect(page.locator("#legplan-days-error")).to_be_visible(timeout=ANSWER)
    assert shown_plan(page) == normalized(page, fragment({}))


def _state_fallback(page: Page, site) -> None:
    break_calculator(page, BREAKAGES["wasm-404"])
    open_calculator(page, site)
    expect(root(page)).to_have_attribute("data-state", "error", timeout=READY)


STATES = {
    "loading": _state_loading,
    "ready": _state_ready,
    "field-error": _state_field_error,
    "fallback": _state_fallback,
}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_no_violation_in_each_state(open_page, site, state, scheme):
    page = open_page(color_scheme=scheme)
    page.add_init_script(path=AXE)  # not a <script> tag: it stays out of the page's policy
    STATES[state](page, site)
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    violations = axe_violations(page)
    assert violations == [], _describe(violations)


def test_axe_finds_no_violation_in_a_plan_with_two_sessions_a_day(page, site):
    page.add_init_script(path=AXE)
    open_calculator(page, site)
    wait_ready(page)
    request = {"goal": "tone", "days": ["mon", "wed", "fri"]}
    set_days(page, request["days"])
    expect_plan(page, request)
    violations = axe_violations(page)
    assert violations == [], _describe(violations)


# --- issue 6: the fields beyond the article --------------------------------------------------


@pytest.mark.parametrize(
    ("control", "value", "field"),
    [
        ("#legplan-weight", "heavy", "weight"),
        ("#legplan-weight", "12", "weight"),
        ("#legplan-pace", "fast", "pace"),
        ("#legplan-current_minutes", "900", "current_minutes"),
    ],
)
def test_new_fields_show_their_errors_beside_them(page, site, control, value, field):
    open_calculator(page, site)
    wait_ready(page)
    page.fill(control, value)
    message = python_errors({field: value})[field]
    error = page.locator(f"#legplan-{field}-error")
    expect(error).to_be_visible(timeout=ANSWER)
    expect(error).to_have_text(message)
    expect(page.locator(control)).to_have_accessible_description(re.compile(re.escape(message)))
    assert shown_plan(page) == normalized(page, fragment({}))


def test_road_energy_and_self_check_reach_the_page_but_not_the_link(page, site):
    open_calculator(page, site)
    wait_ready(page)
    page.fill("#legplan-current_minutes", "20")
    expect_plan(page, {"current_minutes": 20})
    page.fill("#legplan-weight", "70")
    page.fill("#legplan-pace", "6:00")
    expect_plan(page, {"current_minutes": 20, "weight": "70", "pace": "6:00"})
    page.check('input[name="selfcheck"][value="joint"]')
    request = {"current_minutes": 20, "weight": "70", "pace": "6:00", "selfcheck": ["joint"]}
    expect_plan(page, request)
    plan = page.locator(PLAN)
    expect(plan).to_contain_text("talk to a doctor or qualified exercise professional")
    expect(plan).to_contain_text("Target week, every run at easy effort")
    expect(plan).to_contain_text("VO2 = 0.2 ×")
    expect(page).to_have_url(re.compile(r"current_minutes=20"))
    for private in ("weight", "pace", "selfcheck", "joint"):
        assert private not in page.url
