"""Offline visits through the service worker (``sitebuild.offline``, ``sitebuild/sw.js``).

The other browser tests block service workers (Playwright's routing cannot see what a
worker answers), so these tests serve a copy of the built site from a server of their
own that they can take down: with the server down and Playwright's network offline, a
page that loads can only have come from the worker's cache. Each page still fails its
test on any request to another origin or any console error (``conftest.Watch``).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from harness.server import SiteServer
from sitebuild.manifest import MANIFEST
from sitebuild.offline import write_service_worker

from .conftest import (
    AXE,
    DOC_PAGES,
    PLAN_PAGES,
    READY,
    WATCHES,
    Site,
    Watch,
    redraw_to,
)
from .test_axe import _describe
from .test_csp import record_violations, violations

pytestmark = pytest.mark.browser

"""Milliseconds to wait for Python to start in the worker."""


@dataclass
class OfflineSite:
    """A copy of the built site on a server that can go down (``server.down``)."""

    root: Path
    server: SiteServer

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def url(self, path: str = "") -> str:
        return self.server.url(path)

    def version(self) -> str:
        first = (self.root / "sw.js").read_text(encoding="utf-8").splitlines()[0]
        return json.loads(first.removeprefix("const PRECACHE = ").removesuffix(";"))["version"]


@pytest.fixture
def offline_site(site: Site, tmp_path: Path) -> Iterator[OfflineSite]:
    root = tmp_path / "site"
    shutil.copytree(site.root, root)
    with SiteServer(root) as server:
        yield OfflineSite(root, server)


@pytest.fixture
def sw_context(
    browser: Browser, offline_site: OfflineSite, request: pytest.FixtureRequest
) -> Iterator[BrowserContext]:
    """A context with service workers allowed, watched like ``open_page``'s."""
    context = browser.new_context(service_workers="allow", viewport={"width": 1280, "height": 800})
    origin = offline_site.base_url.rstrip("/")
    watch = Watch(origin)
    context.on("request", watch.on_request)
    context.on("page", lambda p: _watch_page(p, watch))
    request.node.stash.setdefault(WATCHES, []).append(watch)
    yield context
    context.close()


def _watch_page(page: Page, watch: Watch) -> None:
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    record_violations(page)


def cache_state(page: Page) -> dict[str, int]:
    """Each ``legplan-`` cache and how many entries it holds."""
    return page.evaluate(
        """async () => {
            const state = {};
            for (const name of await caches.keys()) {
                if (name.startsWith("legplan-")) {
                    state[name] = (await (await caches.open(name)).keys()).length;
                }
            }
            return state;
        }"""
    )


def precache_files(site: OfflineSite) -> list[dict[str, object]]:
    """The files ``sw.js`` lists."""
    first = (site.root / "sw.js").read_text(encoding="utf-8").splitlines()[0]
    return json.loads(first[len("const PRECACHE = ") : -1])["files"]


def install(page: Page, site: OfflineSite, *, calculator: bool) -> None:
    """First visit: wait until the worker has filled its cache, then let it control the page.

    A calculator page also has the worker keep the runtime and the wheels; any other page
    leaves them out.
    """
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    files = precache_files(site)
    expected = len([f for f in files if calculator or not f["calculator"]])
    want = {f"legplan-{site.version()}": expected}
    for _ in range(READY // 250):  # the calculator's files are kept after the page asks
        if cache_state(page) == want:
            break
        page.wait_for_timeout(250)
    assert cache_state(page) == want
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def go_offline(context: BrowserContext, site: OfflineSite) -> None:
    site.server.down.set()
    context.set_offline(True)


@pytest.mark.smoke
def test_a_second_visit_works_with_no_network(sw_context, offline_site):
    page = sw_context.new_page()
    page.goto(offline_site.url("calculator/"))
    notice = page.locator("[data-legplan-offline]")
    expect(notice).to_be_hidden()
    install(page, offline_site, calculator=True)

    go_offline(sw_context, offline_site)
    expect(notice).to_be_visible()  # the offline event, without a reload
    page.reload()
    expect(notice).to_be_visible()
    expect(notice.locator('[data-legplan-offline-when="saved"]')).to_be_visible()
    expect(notice.locator('[data-legplan-offline-when="unsaved"]')).to_be_hidden()
    redraw_to(page, "lose")
    # A shared link opens offline too (the worker ignores the query).
    page.goto(offline_site.url("calculator/?goal=build&days=mon,wed,fri"))
    expect(page.locator("#legplan-calculator")).to_have_attribute(
        "data-state", "ready", timeout=READY
    )
    expect(page.locator("#legplan-goal")).to_have_value("build")

    for path in [*DOC_PAGES, *PLAN_PAGES]:
        page.goto(offline_site.url(path))
        expect(page.locator("h1").first).to_be_visible()
        assert violations(page) == []
    # A page that does not exist gets the site's own "not found" page.
    page.goto(offline_site.url("no/such/page/"))
    expect(page.locator("h1").first).to_have_text("404 - Not found")
    # Only the browser's own update checks for the worker reached for the server.
    assert set(offline_site.server.hits_while_down) <= {"GET /sw.js HTTP/1.1"}

    # The network returns: the notice goes.
    sw_context.set_offline(False)
    offline_site.server.down.clear()
    page.goto(offline_site.url(""))
    expect(notice).to_be_hidden()


def test_a_guidance_page_keeps_no_pyodide_bytes(sw_context, offline_site):
    page = sw_context.new_page()
    page.goto(offline_site.url("guide/hypertrophy/"))
    install(page, offline_site, calculator=False)
    kept = page.evaluate(
        """async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)""",
        arg=f"legplan-{offline_site.version()}",
    )
    assert kept
    assert not [url for url in kept if "/assets/pyodide/" in url or "/assets/wheels/" in url]
    calculator_files = [f for f in precache_files(offline_site) if f["calculator"]]
    assert {str(f["url"]).split("/")[1] for f in calculator_files} == {"pyodide", "wheels"}


def test_without_a_saved_copy_the_notice_says_so(sw_context, offline_site):
    page = sw_context.new_page()
    page.goto(offline_site.url(""), wait_until="networkidle")
    sw_context.set_offline(True)
    notice = page.locator("[data-legplan-offline]")
    assert page.evaluate("navigator.serviceWorker.controller") is None  # a first visit
    expect(notice.locator('[data-legplan-offline-when="unsaved"]')).to_be_visible()
    sw_context.set_offline(False)
    expect(notice).to_be_hidden()


SW_VERSION = """() => new Promise((resolve) => {
    navigator.serviceWorker.addEventListener("message", (event) => resolve(event.data.version));
    navigator.serviceWorker.controller.postMessage("version");
})"""


def test_a_new_deployment_replaces_the_cache_whole(sw_context, offline_site):
    old_page = sw_context.new_page()
    old_page.goto(offline_site.url(""))
    install(old_page, offline_site, calculator=False)
    old = offline_site.version()

    # Deploy: one page changes, so the worker and the version change with it.
    index = offline_site.root / "index.html"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("</body>", "<!-- deployment 2 --></body>"), encoding="utf-8")
    new = write_service_worker(offline_site.root)
    assert new != old

    old_page.evaluate(
        """async () => {
            const registration = await navigator.serviceWorker.ready;
            await registration.update();
            const worker = registration.installing ?? registration.waiting;
            if (worker && worker.state !== "installed") {
                await new Promise((resolve) => worker.addEventListener("statechange", () => {
                    if (worker.state === "installed" || worker.state === "redundant") resolve();
                }));
            }
        }"""
    )
    # The open page keeps its version: the changed page still comes from the old cache.
    assert "deployment 2" not in old_page.evaluate("fetch('./').then((r) => r.text())")
    assert set(cache_state(old_page)) == {f"legplan-{old}", f"legplan-{new}"}
    old_page.close()

    page = sw_context.new_page()
    page.goto(offline_site.url(""))
    page.wait_for_function(
        """async (name) => {
            const names = (await caches.keys()).filter((n) => n.startsWith("legplan-"));
            return names.length === 1 && names[0] === name;
        }""",
        arg=f"legplan-{new}",
    )
    page.reload()
    assert page.evaluate(SW_VERSION) == new
    go_offline(sw_context, offline_site)
    page.reload()
    expect(page.locator("h1").first).to_be_visible()
    assert "deployment 2" in page.content()


def test_the_offline_notice_passes_axe(open_page, site):
    page = open_page()
    page.add_init_script(path=AXE)  # not a <script> tag, which the page's policy would block
    page.goto(site.url(""), wait_until="networkidle")
    page.context.set_offline(True)
    expect(page.locator("[data-legplan-offline]")).to_be_visible()
    result = page.evaluate(
        "async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))"
    )
    found = json.loads(result)["violations"]
    assert found == [], _describe(found)


def test_the_installed_app_opens_offline_on_the_calculator_with_the_last_plan(
    sw_context, offline_site
):
    """The manifest's start address, offline: the calculator, its last plan's link, the ticks."""
    page = sw_context.new_page()
    page.goto(offline_site.url("calculator/"))
    install(page, offline_site, calculator=True)
    redraw_to(page, "lose")
    box = page.locator("article.legplan-plan section[data-week='1'] input[data-tick]").first
    box.check()
    manifest = json.loads((offline_site.root / MANIFEST).read_text(encoding="utf-8"))

    go_offline(sw_context, offline_site)
    page.goto(urljoin(offline_site.url(MANIFEST), manifest["start_url"]))
    calculator = page.locator("#legplan-calculator")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY)
    offer = page.locator("[data-legplan-last]")
    expect(offer).to_be_visible()
    offer.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"goal=lose"))
    expect(page.locator("#legplan-goal")).to_have_value("lose")
    expect(page.locator("article.legplan-plan")).to_have_attribute(
        "data-goal", "lose", timeout=READY
    )
    expect(box).to_be_checked()
    # The manifest and its icons come from the saved copy too.
    for path in [MANIFEST, *(icon["src"] for icon in manifest["icons"])]:
        assert page.evaluate("p => fetch(p).then(r => r.ok)", offline_site.url(path))
