"""The calculator page's build-time parts (``sitebuild.calculator``)."""

from __future__ import annotations

import pytest

from sitebuild import calculator
from sitebuild.errors import SiteError

CONTAINER = '<div id="legplan-calculator">'
PAGE = f"{CONTAINER}\n{calculator.FORM_MARKER}\n{calculator.DEFAULT_MARKER}\n</div>"


def test_a_page_without_the_calculator_is_left_alone():
    text = f"# Plans\n\n{calculator.FORM_MARKER}\n"
    assert not calculator.is_calculator(text)
    assert calculator.page_markdown(text, "plans.md") == text


def test_the_calculator_page_gets_the_form():
    done = calculator.page_markdown(PAGE, "anywhere/calc.md")
    assert calculator.FORM_MARKER not in done
    assert 'name="goal"' in done
    assert calculator.DEFAULT_MARKER in done  # filled in the HTML, after Markdown


@pytest.mark.parametrize("marker", [calculator.FORM_MARKER, calculator.DEFAULT_MARKER])
def test_a_calculator_page_without_a_marker_fails_naming_it(marker):
    with pytest.raises(SiteError, match=f"calc.md: the marker {marker}"):
        calculator.page_markdown(PAGE.replace(marker, ""), "calc.md")


def test_the_default_plan_goes_where_its_marker_is():
    html = calculator.page_content(f"<p>{calculator.DEFAULT_MARKER}</p>")
    assert html.startswith('<p><article class="legplan-plan"')
    assert calculator.page_content("<p>no marker</p>") == "<p>no marker</p>"


def test_the_default_plans_summary_goes_where_its_marker_is():
    html = calculator.page_content(
        f"<div>{calculator.SUMMARY_MARKER}</div><p>{calculator.DEFAULT_MARKER}</p>"
    )
    assert html.startswith('<div><p class="legplan-summary-text">')
    assert calculator.SUMMARY_MARKER not in html
