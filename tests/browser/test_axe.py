"""axe-core reports no violation on any page, in the light and the dark palette."""

from __future__ import annotations

import json

import pytest

from .conftest import AXE, DOC_PAGES, PAGES

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"][:5])
    return "\n".join(lines)


@pytest.mark.smoke
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(open_page, site, path, scheme):
    page = open_page(color_scheme=scheme)
    page.add_init_script(path=AXE)  # not a <script> tag, which the page's policy would block
    page.goto(site.url(path), wait_until="networkidle")
    if path in DOC_PAGES:  # Material pages follow the reader's colour scheme
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    result = page.evaluate(
        "async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))"
    )
    violations = json.loads(result)["violations"]
    assert violations == [], _describe(violations)
