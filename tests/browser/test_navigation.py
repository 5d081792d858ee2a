"""Material's instant navigation and search work on the served site."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_instant_navigation_keeps_the_document(page, site):
    page.goto(site.url(""), wait_until="networkidle")
    page.evaluate("window.__legplanMarker = 'still here'")
    page.locator('nav.md-nav--primary a.md-nav__link[href$="sources/"]').first.click()
    page.wait_for_url(site.url("sources/"))
    page.locator("h1", has_text="Rules and sources").wait_for()
    # A full page load would have dropped the marker.
    assert page.evaluate("window.__legplanMarker") == "still here"
    assert page.title().startswith("Rules and sources")
    page.go_back()
    page.wait_for_url(site.url(""))
    assert page.evaluate("window.__legplanMarker") == "still here"


def test_search_finds_a_page(page, site):
    page.goto(site.url(""), wait_until="networkidle")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "query"
    page.keyboard.type("hypertrophy", delay=10)  # Material searches on key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() >= 1
    assert "guide/hypertrophy/" in (results.first.locator("a").first.get_attribute("href") or "")
