"""The content security policy (``sitebuild.csp``): in every page, and never violated.

Each browser test records ``securitypolicyviolation`` events on the window from before
the first script runs (``record_violations``) and fails on any: on every page
(``test_pages.py``), through
instant navigation, search, the palette switch, and the calculator up to a redrawn plan.
The calculator's worker is also run under the site's policy delivered as a header (a
worker takes its policy from its own response, never from the page's meta element), which
shows what Pyodide needs: ``'wasm-unsafe-eval'``, and neither ``'unsafe-eval'`` nor ``blob:``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from playwright.sync_api import Page, Route, expect

from sitebuild.csp import runtime_styles
from sitebuild.files import file_path

from .conftest import DOC_PAGES, PAGES, READY, redraw_to, search

pytestmark = pytest.mark.browser

"""Milliseconds to wait for Python to start in the worker."""

RECORD = """
window.__legplanViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__legplanViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} (${event.sample})`,
  );
});
"""


def record_violations(page: Page) -> None:
    """Record the policy violations of every document ``page`` opens from now on."""
    page.add_init_script(RECORD)


def violations(page: Page) -> list[str]:
    """The violations recorded in the current document."""
    return page.evaluate("window.__legplanViolations ?? ['the recorder did not run']")


class _Head(HTMLParser):
    """The policy, and where it sits among the elements before it."""

    def __init__(self) -> None:
        super().__init__()
        self.before: list[str] = []
        self.policies: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if values.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(values["content"])
        elif not self.policies:
            self.before.append(tag)
        if tag == "script":
            self._script = values
            self.scripts.append((values, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def _parse(html: str) -> _Head:
    head = _Head()
    head.feed(html)
    head.close()
    return head


def directives(policy: str) -> dict[str, list[str]]:
    """``"a x y; b z"`` -> ``{"a": ["x", "y"], "b": ["z"]}``."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.smoke
@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_a_strict_policy(site, path):
    file = site.root / file_path(path)
    html = file.read_text(encoding="utf-8")
    head = _parse(html)
    assert len(head.policies) == 1
    assert head.before == ["html", "head", "meta"]  # right after <meta charset>
    policy = directives(head.policies[0])
    assert policy["default-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    everything = [s for sources in policy.values() for s in sources]
    for loose in ("'unsafe-inline'", "'unsafe-eval'", "*", "blob:", "http:", "https:"):
        assert loose not in everything
    script_src = policy.get("script-src", [])
    assert "data:" not in script_src
    inline = [t for a, t in head.scripts if "src" not in a and a.get("type") != "application/json"]
    if path in DOC_PAGES or path == "404.html":
        assert script_src[:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert policy["worker-src"] == ["'self'"]
        assert policy["connect-src"] == ["'self'"]
        # Zensical's search inserts a <style> at run time (sitebuild.csp.RUNTIME_STYLES).
        assert policy["style-src"] == ["'self'", *sorted(runtime_styles(html))]
        assert inline
        assert {_sha256(t) for t in inline} <= set(script_src)
    else:  # a printable plan: its own style, nothing else
        assert not head.scripts
        assert "script-src" not in policy
        assert policy["connect-src"] == ["'self'"]  # for Lighthouse's robots.txt; no script
        [style] = re.findall(r"<style>(.*?)</style>", html, re.S)
        assert policy["style-src"] == [_sha256(style)]


@pytest.mark.smoke
def test_material_pages_share_one_policy(site):
    """Instant navigation keeps the first page's policy, so it must allow every page."""
    policies = set()
    for path in [*DOC_PAGES, "404.html"]:
        file = site.root / file_path(path)
        policies.update(_parse(file.read_text(encoding="utf-8")).policies)
    assert len(policies) == 1


NAV_LINKS = 'document.querySelectorAll("nav.md-nav--primary a.md-nav__link")'
HAS_NAV = f"url => [...{NAV_LINKS}].some((a) => a.href === url)"
CLICK_NAV = f"url => [...{NAV_LINKS}].find((a) => a.href === url).click()"


@pytest.mark.smoke
def test_no_violation_through_search_instant_navigation_and_palette(page, site):
    record_violations(page)
    page.goto(site.url(""), wait_until="networkidle")
    search(page, site, "hypertrophy")  # the search worker, under the page's policy
    page.keyboard.press("Escape")
    page.evaluate("window.__legplanMarker = 1")
    for path in [*DOC_PAGES[1:], DOC_PAGES[0]]:
        # An instant navigation swaps the navigation after the address changes: wait for it.
        page.wait_for_function(HAS_NAV, arg=site.url(path))
        page.evaluate(CLICK_NAV, site.url(path))
        expect(page).to_have_url(site.url(path))
        page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__legplanMarker") == 1  # one document all along
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert violations(page) == []


@pytest.mark.smoke
def test_no_violation_through_the_calculator(page, site):
    record_violations(page)
    page.goto(site.url("calculator/"))
    redraw_to(page, "build")
    assert violations(page) == []


def _page_policy(site) -> str:
    html = (site.root / "calculator" / "index.html").read_text(encoding="utf-8")
    return _parse(html).policies[0]


def _serve_worker_with(page: Page, policy: str) -> None:
    def with_policy(route: Route) -> None:
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": policy}
        route.fulfill(response=response, headers=headers)

    page.route("**/javascripts/calculator/worker.mjs", with_policy)


def test_the_worker_runs_under_the_site_policy(page, site):
    """Pyodide needs 'wasm-unsafe-eval' and nothing looser: no 'unsafe-eval', no blob:."""
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if "Content Security" in m.text else None)
    record_violations(page)
    _serve_worker_with(page, _page_policy(site))
    page.goto(site.url("calculator/"))
    redraw_to(page, "build")
    assert violations(page) == []
    assert warnings == []


def test_without_wasm_unsafe_eval_the_worker_cannot_start(page, site):
    """Why the policy has 'wasm-unsafe-eval': Pyodide compiles its runtime."""
    page.on("console", lambda message: None)
    policy = _page_policy(site).replace(" 'wasm-unsafe-eval'", "")
    _serve_worker_with(page, policy)
    with page.expect_console_message(
        lambda m: "Content Security" in m.text and "WebAssembly" in m.text, timeout=READY
    ):
        page.goto(site.url("calculator/"))
