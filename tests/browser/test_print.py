"""Each preset plan prints on one A4 or Letter page per week of the plan."""

from __future__ import annotations

import re

import pytest

from legplan.render import render
from legplan.request import parse_query
from legplan.rules import GOALS
from legplan.schedule import build_plan
from tests.golden.cases import CASES

pytestmark = pytest.mark.browser

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF written by Chromium (page objects are not compressed there)."""
    return len(PAGE_OBJECT.findall(pdf))


def test_pdf_page_counter_counts_pages(page):
    page.set_content(
        "<html lang=en><title>t</title><p>one</p>"
        "<p style='break-before: page'>two</p><p style='break-before: page'>three</p>"
    )
    assert pdf_pages(page.pdf(format="A4")) == 3


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("goal", [g.value for g in GOALS])
def test_preset_plan_prints_one_page_per_week(page, site, goal, paper):
    weeks = len(build_plan(parse_query(f"goal={goal}")).weeks)
    page.goto(site.url(f"plans/{goal}.html"), wait_until="networkidle")
    pdf = page.pdf(format=paper)
    assert pdf_pages(pdf) == weeks


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_golden_printable_plan_prints_one_page_per_week(browser, case, paper):
    """The CLI's printable page, for every golden case (roads of many weeks included)."""
    _prints_one_page_per_week(browser, case.query, paper)


def _prints_one_page_per_week(browser, query, paper):
    plan = build_plan(parse_query(query))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(render(plan, "html"))
        assert pdf_pages(page.pdf(format=paper)) == len(plan.weeks)
    finally:
        context.close()


HEAVIEST = [
    # every optional part at once: the most a plan's first and last pages carry
    "goal=build&builds_easily=yes&weight=70&pace=9:30&selfcheck=heart",
    "goal=lose&builds_easily=yes&weight=70&pace=5:30&week_start=sun",
    "goal=build&builds_easily=yes&current_minutes=10&weight=70&pace=9:30&selfcheck=heart",
    "goal=lose&builds_easily=yes&current_minutes=5&weight=70&pace=9:30&selfcheck=heart&equipment=gym",
]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("query", HEAVIEST)
def test_the_heaviest_plans_still_print_one_page_per_week(browser, query, paper):
    _prints_one_page_per_week(browser, query, paper)
