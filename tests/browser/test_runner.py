"""The calculator as a runner uses it (issue 15): the plan beside the form, its summary in
reach on a phone, the chart of the road, ticks that stay, a worker that dies, the manifest.

Every expectation comes from the package (``legplan.render``, ``legplan.chart``) or the
site build (``sitebuild.manifest``); nothing here asserts a duration: the deadline of a
request is reached with Playwright's clock, not by waiting.
"""

from __future__ import annotations

import json
import re
import struct
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Locator, Page, expect

from legplan.render import plan_identity, render_fragment, render_summary
from legplan.request import parse_mapping, parse_query, to_query
from legplan.schedule import build_plan
from sitebuild.manifest import ICONS, MANIFEST, TOUCH_ICON

from .conftest import PAGES, READY
from .test_calculator import (
    ANSWER,
    PLAN,
    expect_plan,
    normalized,
    open_calculator,
    open_group,
    python_errors,
    root,
    set_days,
    shown_plan,
    wait_ready,
)

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ROAD = {"goal": "lose", "current_minutes": 10}


def in_view(page: Page, locator: Locator) -> bool:
    """Whether the element lies wholly inside the window (below Material's header)."""
    box = locator.bounding_box()
    assert box is not None
    header = page.locator(".md-header").bounding_box()
    top = header["height"] if header else 0
    size = page.viewport_size or {"width": 0, "height": 0}
    return (
        box["y"] >= top - 1
        and box["y"] + box["height"] <= size["height"] + 1
        and box["x"] >= 0
        and box["x"] + box["width"] <= size["width"] + 1
    )


def first_row(page: Page) -> Locator:
    return page.locator(f"{PLAN} .legplan-week-table tbody tr").first


def summary_text(plan_request: dict[str, object]) -> str:
    html = render_summary(build_plan(parse_mapping(plan_request)))
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


# --- the class collision -------------------------------------------------------------------


@pytest.mark.parametrize("request_", [{}, {"goal": "lose", "current_minutes": 40}])
def test_header_cells_line_up_with_body_cells(page, site, request_):
    open_calculator(page, site, "?" + to_query(parse_mapping(request_)) if request_ else "")
    wait_ready(page)
    expect_plan(page, request_)
    tables = page.locator(f"{PLAN} table")
    assert tables.count() >= 2
    for i in range(tables.count()):
        table = tables.nth(i)
        if not table.is_visible():
            continue  # the chart's numbers, folded
        assert table.evaluate("t => getComputedStyle(t).display") == "table"
        heads = table.evaluate(
            "t => [...t.tHead.rows[0].cells].map(c => [c.getBoundingClientRect().left,"
            " c.getBoundingClientRect().width])"
        )
        for row in table.evaluate(
            "t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c =>"
            " [c.getBoundingClientRect().left, c.getBoundingClientRect().width]))"
        ):
            assert len(row) == len(heads)
            for (head_left, head_width), (left, width) in zip(heads, row, strict=True):
                assert left == pytest.approx(head_left, abs=0.5)
                assert width == pytest.approx(head_width, abs=0.5)
    # The day picker is the form's own, a row of boxes.
    assert (
        page.locator("fieldset.legplan-day-picker").evaluate("f => getComputedStyle(f).display")
        == "flex"
    )
    assert page.locator(".legplan-days").count() == 0


def test_text_inputs_look_like_the_other_fields(page, site):
    open_calculator(page, site)
    open_group(page, "energy")
    select = page.locator("#legplan-weight_unit")
    style = (
        "e => { const s = getComputedStyle(e);"
        " return [s.borderTopWidth, s.borderTopStyle, s.minHeight]; }"
    )
    for control in ("#legplan-weight", "#legplan-pace"):
        assert page.locator(control).evaluate(style) == select.evaluate(style)
        assert page.locator(control).evaluate(style)[1] == "solid"


# --- layout --------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "?" + to_query(parse_mapping(ROAD))])
def test_a_wide_screen_shows_the_goal_the_days_and_the_week_at_once(open_page, site, query):
    page = open_page(viewport=WIDE)
    open_calculator(page, site, query)
    wait_ready(page)
    if query:
        expect(page.locator(PLAN)).to_have_attribute("data-goal", "lose", timeout=ANSWER)
    else:  # a plan with no road: on the first screen already
        for part in ("#legplan-goal", "fieldset[data-field=days]"):
            assert in_view(page, page.locator(part)), part
        assert in_view(page, first_row(page))
    # Scrolled to the form (a plan with a road has its chart above the first week).
    page.locator("#legplan-form").evaluate("f => f.scrollIntoView({block: 'start'})")
    for part in ("#legplan-goal", "fieldset[data-field=days]"):
        assert in_view(page, page.locator(part)), part
    assert in_view(page, first_row(page))
    # Side by side: the plan to the right of the form.
    form = page.locator("#legplan-form").bounding_box()
    plan = page.locator(PLAN).bounding_box()
    assert form
    assert plan
    assert plan["x"] >= form["x"] + form["width"]

    # Editing further down the form keeps the plan's column in view.
    page.locator("fieldset.legplan-group-safety").scroll_into_view_if_needed()
    page.locator("details[data-group=calendar] summary").scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 200
    assert in_view(page, page.locator("[data-legplan-summary]"))
    assert in_view(page, first_row(page))
    page.select_option("#legplan-week_start", "sun")
    expect(first_row(page).locator("th")).to_have_text("Sunday", timeout=ANSWER)
    assert in_view(page, first_row(page))


def test_a_phone_shows_the_goal_the_days_and_keeps_the_summary_in_reach(open_page, site):
    page = open_page(viewport=PHONE)
    open_calculator(page, site)
    wait_ready(page)
    area = page.locator("[data-legplan-summary-area]")
    summary = page.locator("[data-legplan-summary]")
    assert " ".join(summary.inner_text().split()) == summary_text({})
    for part in ("#legplan-goal", "fieldset[data-field=days] input[value=sun]"):
        box = page.locator(part).bounding_box()
        assert box
        assert in_view(page, page.locator(part)), part
        # ...and above the summary held at the bottom of the screen, not under it.
        assert box["y"] + box["height"] <= area.bounding_box()["y"]
    assert in_view(page, area)

    # Halfway down the form the summary is still there, and follows each change.
    page.locator("fieldset.legplan-group-safety > legend").scroll_into_view_if_needed()
    assert in_view(page, area)
    page.select_option("#legplan-goal", "lose")
    expect_plan(page, {"goal": "lose"})
    expect(summary).to_have_text(summary_text({"goal": "lose"}), use_inner_text=True)
    assert in_view(page, area)
    # Its link leads to the plan.
    area.get_by_role("link", name="See the plan").click()
    expect(page.locator("#legplan-title")).to_be_in_viewport()


def test_optional_groups_fold_away_and_the_self_check_does_not(page, site):
    open_calculator(page, site)
    wait_ready(page)
    for group in ("road", "energy", "calendar"):
        details = page.locator(f"details[data-group={group}]")
        expect(details).not_to_have_attribute("open", "")
        expect(details.locator("summary")).to_contain_text("(optional)")
    safety = page.locator("fieldset.legplan-group-safety")
    assert safety.evaluate("f => f.closest('details')") is None
    boxes = safety.locator("input[name=selfcheck]")
    assert boxes.count() > 0
    for i in range(boxes.count()):
        expect(boxes.nth(i)).to_be_visible()
        expect(boxes.nth(i)).not_to_be_checked()

    # The keyboard opens a group, and a value in it is used.
    page.locator("details[data-group=road] summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#legplan-current_minutes")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.type("20")
    expect_plan(page, {"current_minutes": 20})


def test_a_link_opens_the_groups_it_fills(page, site):
    open_calculator(page, site, "?current_minutes=15&weeks=3")
    expect(page.locator("details[data-group=road]")).to_have_attribute("open", "")
    expect(page.locator("details[data-group=calendar]")).to_have_attribute("open", "")
    expect(page.locator("details[data-group=energy]")).not_to_have_attribute("open", "")
    wait_ready(page)
    page.fill("#legplan-current_minutes", "900")
    expect(page.locator("#legplan-current_minutes-error")).to_be_visible(timeout=ANSWER)


# --- the chart -----------------------------------------------------------------------------


@pytest.mark.parametrize("request_", [ROAD, {"goal": "build"}], ids=["road", "one-week"])
def test_the_chart_is_there_with_its_title_and_its_table(page, site, request_):
    plan = build_plan(parse_mapping(request_))
    open_calculator(page, site, "?" + to_query(plan.request))
    wait_ready(page)
    expect_plan(page, request_)
    chart = page.locator(f"{PLAN} figure.legplan-chart svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart).to_have_accessible_name(re.compile("WHO 2020"))
    minutes = plan.target_week.activity.run_minutes.text("min")
    expect(chart).to_have_accessible_description(re.compile(re.escape(minutes)))
    table = page.locator(f"{PLAN} table.legplan-chart-table")
    expect(table).to_be_hidden()  # folded under its summary
    page.locator(f"{PLAN} .legplan-chart-data summary").click()
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(len(plan.weeks))
    expect(table.locator("tbody tr").last).to_contain_text(minutes)
    # The same drawing as the printable page and the CLI's: Python's own.
    want = render_fragment(plan)
    want = want[want.index("<svg") : want.index("</svg>") + len("</svg>")]
    assert chart.evaluate("s => s.outerHTML") == normalized(page, want)
    # On paper: the chart, not its folded numbers.
    page.emulate_media(media="print")
    expect(chart).to_be_visible()
    expect(page.locator(f"{PLAN} .legplan-chart-data")).to_be_hidden()


# --- ticks ---------------------------------------------------------------------------------


def ticks(page: Page) -> dict[str, list[str]]:
    """The ticked boxes of the plan on screen, by week."""
    return page.locator(PLAN).evaluate(
        """a => Object.fromEntries([...a.querySelectorAll('section[data-week]')].map(s =>
            [s.dataset.week, [...s.querySelectorAll('input[data-tick]:checked')]
                .map(b => b.dataset.tick)]).filter(([, v]) => v.length))"""
    )


def tick(page: Page, week: int, name: str) -> None:
    page.locator(f"{PLAN} section[data-week='{week}'] input[data-tick='{name}']").check()


def test_damaged_ticks_in_storage_lose_the_ticks_not_the_plan(page, site):
    query = "?" + to_query(parse_mapping(ROAD))
    open_calculator(page, site, query)
    wait_ready(page)
    expect_plan(page, ROAD)
    plan = build_plan(parse_mapping(ROAD))
    run = next(f"{d.day.value}-run" for d in plan.weeks[0].days if d.runs)
    plan_id = page.locator(PLAN).get_attribute("data-plan")
    # Week 1 is a string, not a list; another plan's entry is null.
    damaged = {plan_id: {"used": "x", "weeks": {"1": run, "2": [run]}}, "other": None}
    page.evaluate("v => localStorage.setItem('legplan-ticks', JSON.stringify(v))", damaged)
    page.reload()
    wait_ready(page)
    expect_plan(page, ROAD)
    assert ticks(page) == {"2": [run]}
    tick(page, 1, run)
    page.reload()
    wait_ready(page)
    expect_plan(page, ROAD)
    assert ticks(page) == {"1": [run], "2": [run]}


def test_ticks_survive_a_reload_and_a_changed_plan_starts_fresh(page, site):
    query = "?" + to_query(parse_mapping(ROAD))
    open_calculator(page, site, query)
    wait_ready(page)
    expect_plan(page, ROAD)
    plan = build_plan(parse_mapping(ROAD))
    last = plan.target_week.number
    first_run = next(d.day.value for d in plan.weeks[0].days if d.runs)
    tick(page, 1, f"{first_run}-run")
    tick(page, last, f"{first_run}-run")
    want = {"1": [f"{first_run}-run"], str(last): [f"{first_run}-run"]}
    assert ticks(page) == want

    page.reload()
    # Before Python runs the plan is the default one: its own (empty) ticks.
    wait_ready(page)
    expect_plan(page, ROAD)
    assert ticks(page) == want

    # Another plan: fresh boxes; back to this one: its ticks again.
    page.select_option("#legplan-equipment", "gym")
    expect_plan(page, {**ROAD, "equipment": "gym"})
    assert ticks(page) == {}
    page.select_option("#legplan-equipment", "none")
    expect_plan(page, ROAD)
    assert ticks(page) == want

    # Printed, the boxes are blank.
    page.emulate_media(media="print")
    box = page.locator(f"{PLAN} input[data-tick]:checked").first
    assert box.evaluate("b => getComputedStyle(b).appearance") == "none"
    page.emulate_media(media="screen")

    # The button clears them, here and for the next visit.
    page.get_by_role("button", name="Clear ticks").click()
    expect(page.locator("[data-legplan-status]")).to_have_text(
        page.locator("[data-legplan-done=cleared]").text_content() or "?"
    )
    assert ticks(page) == {}
    page.reload()
    wait_ready(page)
    expect_plan(page, ROAD)
    assert ticks(page) == {}


def test_nothing_private_is_stored_and_the_page_says_what_is(page, site):
    open_calculator(page, site)
    wait_ready(page)
    open_group(page, "energy")
    page.fill("#legplan-weight", "71.5")
    page.fill("#legplan-pace", "6:10")
    page.check('input[name="selfcheck"][value="joint"]')
    request = {"weight": "71.5", "pace": "6:10", "selfcheck": ["joint"]}
    expect_plan(page, request)
    tick(page, 1, "mon-run")
    stored = page.evaluate("JSON.stringify(Object.entries(localStorage))")
    for private in ("71.5", "6:10", "joint", "weight", "pace", "selfcheck"):
        assert private not in stored
    identity = plan_identity(parse_mapping(request))
    assert identity in stored
    assert to_query(parse_mapping(request)) in stored  # the last plan's link
    expect(page.locator(".legplan-ticks-note")).to_contain_text("never sent anywhere")
    expect(page.locator(".legplan-about")).to_contain_text("nothing you enter leaves this page")


def test_the_calculator_offers_the_last_plan_made_on_this_device(page, site):
    open_calculator(page, site)
    wait_ready(page)
    offer = page.locator("[data-legplan-last]")
    expect(offer).to_be_hidden()
    page.select_option("#legplan-goal", "build")
    expect_plan(page, {"goal": "build"})
    open_calculator(page, site)
    expect(offer).to_be_visible()
    offer.get_by_role("link").click()
    wait_ready(page)
    expect_plan(page, {"goal": "build"})
    expect(page).to_have_url(re.compile(re.escape(to_query(parse_query("goal=build")))))


# --- a field error and a dead worker -------------------------------------------------------


def test_an_impossible_change_says_so_and_turns_off_what_would_mislead(page, site):
    open_calculator(page, site)
    wait_ready(page)
    four = {"goal": "lose", "days": ["mon", "wed", "fri", "sat"]}
    page.select_option("#legplan-goal", "lose")
    set_days(page, four["days"])
    expect_plan(page, four)
    plan_buttons = page.locator("button[data-needs-plan]")
    note = page.locator("[data-legplan-stale-note]")
    expect(note).to_be_hidden()
    # One change that no plan fits: three days are too few to lose weight.
    page.locator("input[name=days][value=sat]").uncheck()
    message = python_errors({"goal": "lose", "days": ["mon", "wed", "fri"]})["days"]
    expect(page.locator("#legplan-days-error")).to_have_text(message, timeout=ANSWER)
    expect(note).to_be_visible()
    expect(note).to_contain_text("last one that fitted")
    expect(page.locator("[data-legplan-actions-note]")).to_be_visible()
    for i in range(plan_buttons.count()):
        expect(plan_buttons.nth(i)).to_be_disabled()
    expect(page.get_by_role("button", name="Clear ticks")).to_be_enabled()
    kept = render_fragment(build_plan(parse_mapping(four)))
    assert shown_plan(page) == normalized(page, kept)

    page.locator("input[name=days][value=sun]").check()
    expect_plan(page, {"goal": "lose", "days": ["mon", "wed", "fri", "sun"]})
    expect(note).to_be_hidden()
    for i in range(plan_buttons.count()):
        expect(plan_buttons.nth(i)).to_be_enabled()


def test_a_worker_killed_after_ready_ends_in_the_error_state_with_the_plan_kept(page, site):
    page.clock.install()
    open_calculator(page, site)
    wait_ready(page)
    page.select_option("#legplan-goal", "lose")
    expect_plan(page, {"goal": "lose"})
    tick(page, 1, "mon-run")
    plan = shown_plan(page)

    page.evaluate("window.legplanWorker.worker.terminate()")  # dies without a word
    page.select_option("#legplan-goal", "build")
    expect(root(page)).to_have_attribute("data-state", "ready")  # the request is waiting
    page.clock.run_for("00:20")  # past the deadline of a plan request
    expect(root(page)).to_have_attribute("data-state", "error", timeout=ANSWER)
    message = page.locator('[data-legplan-message="error"]')
    expect(message.locator("[data-legplan-error=stopped]")).to_be_visible()
    expect(message.locator("[data-legplan-error=start]")).to_be_hidden()
    stopped = message.locator("[data-legplan-error=stopped]")
    link = stopped.get_by_role("link", name="printable plans")
    assert link.evaluate("a => a.href") == site.url("plans/")
    # The last plan stays, with its ticks; the buttons that need Python are off.
    assert shown_plan(page) == plan
    assert ticks(page) == {"1": ["mon-run"]}
    for action in ("ics", "html"):
        expect(page.locator(f"button[data-action={action}]")).to_be_disabled()


# --- installable ---------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_manifest_parses_and_its_icons_exist(page, site):
    response = page.goto(site.url(MANIFEST))
    assert response
    assert response.ok
    manifest = json.loads(response.text())
    assert manifest["name"].startswith("Legplan")
    assert manifest["short_name"] == "Legplan"
    assert manifest["display"] == "standalone"
    assert urljoin(site.url(MANIFEST), manifest["start_url"]) == site.url("calculator/")
    assert urljoin(site.url(MANIFEST), manifest["scope"]) == site.url()
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = set()
    for icon in manifest["icons"]:
        got = page.request.get(urljoin(site.url(MANIFEST), icon["src"]))
        assert got.ok
        assert got.headers["content-type"] == "image/png"
        width, height = png_size(got.body())
        assert icon["sizes"] == f"{width}x{height}"
        sizes.add((width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes
    assert {i.path for i in ICONS} == {i["src"] for i in manifest["icons"]}
    assert page.request.get(site.url(TOUCH_ICON.path)).ok


@pytest.mark.parametrize("path", PAGES)
def test_every_page_links_the_manifest_and_a_theme_colour_per_palette(page, site, path):
    page.goto(site.url(path))
    link = page.locator("link[rel=manifest]")
    expect(link).to_have_count(1)
    assert link.evaluate("l => l.href") == site.url(MANIFEST)
    # As served (Material's script adds one more at run time, for the palette picked).
    response = page.request.get(site.url(path))
    metas = re.findall(r'<meta name="theme-color" media="([^"]+)"', response.text())
    assert sorted(metas) == ["(prefers-color-scheme: dark)", "(prefers-color-scheme: light)"]


def test_the_start_url_is_the_calculator(page, site):
    manifest = json.loads(page.request.get(site.url(MANIFEST)).text())
    page.goto(urljoin(site.url(MANIFEST), manifest["start_url"]))
    expect(root(page)).to_have_attribute("data-state", "ready", timeout=READY)
