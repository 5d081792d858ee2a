"""The site where GitHub Pages puts it: under a project's sub-path or at a domain's root.

A fork's site is served at ``https://owner.github.io/<repo>/``; with a custom domain it is
served at ``https://example.org/``. Both are built with ``SITE_URL`` set to that address
(the Pages workflow does it) and served under that path (``harness.server``'s prefix): every
page and everything it asks for is found, no link leaves the site's path, the calculator
starts and redraws, and the offline worker takes the site's path as its scope.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect

from harness.build import BuildFailed, build_site
from harness.server import SiteServer

from .conftest import PAGES, ROOT, WATCHES, Site, Watch, redraw_to
from .test_offline import OfflineSite, go_offline, install

pytestmark = pytest.mark.browser

HOSTINGS = {"domain-root": "/", "project-sub-path": "/legplan/"}
"""Where the site is served: a custom domain's root, and a fork's project address."""


@pytest.fixture(scope="module", params=list(HOSTINGS))
def hosted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Site, SiteServer]]:
    """The site built for, and served under, one of :data:`HOSTINGS`."""
    root = tmp_path_factory.mktemp(f"site-{request.param}")
    with SiteServer(root, prefix=HOSTINGS[request.param]) as server:
        try:
            log = build_site("mkdocs", ROOT, root, server.base_url)
        except BuildFailed as exc:
            pytest.fail(str(exc), pytrace=False)
        server.load()
        yield Site(root, server.base_url, log), server


@dataclass
class Visit:
    """One test's browser context on a hosted site, and what it saw go wrong."""

    site: Site
    server: SiteServer
    context: BrowserContext
    page: Page
    watch: Watch
    failed: list[str] = field(default_factory=list)
    """Every request of the site that got a 4xx/5xx or failed (other than a page left)."""


@pytest.fixture
def visit(
    browser: Browser, hosted: tuple[Site, SiteServer], request: pytest.FixtureRequest
) -> Iterator[Visit]:
    """A page in a context with the service worker allowed, watched like ``open_page``'s."""
    site, server = hosted
    context = browser.new_context(service_workers="allow", viewport={"width": 1280, "height": 800})
    watch = Watch(site.origin)
    request.node.stash.setdefault(WATCHES, []).append(watch)
    context.on("request", watch.on_request)
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    seen = Visit(site, server, context, page, watch)

    def on_response(response: Response) -> None:
        if response.status >= 400:
            seen.failed.append(f"{response.status} {response.url}")

    context.on("response", on_response)
    # A page left while it loads aborts its requests (ERR_ABORTED): not a missing file.
    context.on(
        "requestfailed",
        lambda r: (
            None if r.failure == "net::ERR_ABORTED" else seen.failed.append(f"{r.failure} {r.url}")
        ),
    )
    yield seen
    context.close()


def test_every_page_and_what_it_asks_for_is_found_and_links_stay_on_the_site(visit):
    site, page = visit.site, visit.page
    escaped = []
    for path in PAGES:
        if path == "404.html":
            continue
        response = page.goto(site.url(path))
        assert response is not None, path
        assert response.status == 200, path
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" == site.origin and not href.startswith(
                site.base_url
            ):
                escaped.append(f"{path}: {href}")
    assert not visit.failed
    assert not escaped, "links that leave the site's path:\n" + "\n".join(escaped)


def test_a_missing_page_gets_the_sites_own_404_with_its_styles(visit):
    site, page = visit.site, visit.page
    response = page.goto(site.url("no/such/page/"))
    assert response is not None
    assert response.status == 404
    expect(page.locator("h1")).to_contain_text("404")
    assert visit.failed == [f"404 {site.url('no/such/page/')}"], "the page's own files are found"
    # The browser logs the page's own 404; any other console error still fails the test.
    own = f"({site.url('no/such/page/')})"
    visit.watch.console_errors[:] = [e for e in visit.watch.console_errors if not e.endswith(own)]


def test_the_calculator_starts_redraws_and_works_offline_in_the_sites_scope(visit):
    site, server, page = visit.site, visit.server, visit.page
    page.goto(site.url("calculator/"))
    redraw_to(page, "lose")
    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope == site.base_url
    offline = OfflineSite(site.root, server)
    install(page, offline, calculator=True)
    try:
        go_offline(visit.context, offline)
        page.reload()
        redraw_to(page, "build")
        assert {line.split()[1] for line in server.hits_while_down} <= {
            site.url("sw.js")[len(site.origin) :]
        }
    finally:
        visit.context.set_offline(False)
        server.down.clear()
    assert not visit.failed
