"""Every page of the built site loads, stays on its origin, breaks no policy, has its metadata."""

from __future__ import annotations

import pytest

from sitebuild.files import site_pages

from .conftest import PAGES
from .test_csp import record_violations, violations

pytestmark = pytest.mark.browser


@pytest.mark.smoke
def test_page_list_matches_the_build(site):
    assert sorted(site_pages(site.root)) == sorted(PAGES)


@pytest.mark.smoke
def test_build_is_strict_and_quiet(site):
    warnings = [line for line in site.build_log.splitlines() if "WARNING" in line]
    assert warnings == []


@pytest.mark.smoke
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_on_its_own_origin(open_page, site, path):
    page = open_page()
    record_violations(page)
    response = page.goto(site.url(path), wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title()
    description = page.locator('meta[name="description"]')
    assert description.count() == 1
    assert len(description.get_attribute("content") or "") >= 50
    assert page.locator("h1").count() == 1
    assert violations(page) == []


def test_watch_catches_other_origins_and_console_errors(open_page, site, request):
    """The guard the other tests rely on: it sees what a misbehaving page does."""
    from .conftest import WATCHES

    page = open_page()
    page.goto(site.url("404.html"))
    page.evaluate(
        """() => {
            const img = document.createElement('img');
            img.src = 'https://example.invalid/pixel.png';
            document.body.append(img);
            console.error('deliberate');
        }"""
    )
    page.wait_for_timeout(300)
    (watch,) = request.node.stash[WATCHES]
    problems = watch.problems()
    assert any("example.invalid" in p for p in problems)
    assert any("deliberate" in p for p in problems)
    watch.off_origin.clear()
    watch.console_errors.clear()
