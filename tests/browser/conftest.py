"""The built site, served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Fixtures other browser tests reuse:

- ``site`` (session): the site built with ``mkdocs build --strict`` into a temporary
  directory, with ``SITE_URL`` set to the address it is served on (so Material's instant
  navigation is really on), served as GitHub Pages serves it (``harness.server``).
  ``site.url(path)`` gives an absolute URL, ``site.root`` the directory, ``site.generator``
  what built it.
- The smoke set (tests marked ``smoke``) runs twice: on that site and on the same sources
  built by the pinned Zensical and finished by the same step (``harness.build``). Its
  Zensical runs are marked ``zensical`` (``make test-zensical`` runs them alone);
  ``smoke(zensical=pytest.mark.xfail(...))`` marks a known Zensical bug on that run only.
  Each generator's site is built once, the first time a test asks for it.
- ``browser`` (session): Debian's Chromium (``harness.chromium``; never ``playwright install``).
- ``open_page``: a factory for a fresh context and page; every page it opens fails its test
  on any request to another origin (the request is also aborted) and on any console error
  or uncaught exception.
- ``page``: ``open_page()`` with the defaults (light colour scheme, 1280x800).

``PAGES`` lists every page of the site as a path relative to the root; it is derived from
``docs/`` and the preset goals, and ``test_pages.py`` checks it against what the build wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    Request,
    Route,
    expect,
    sync_playwright,
)

from harness.build import GENERATORS, BuildFailed, build_site
from harness.chromium import launch_options
from harness.server import SiteServer
from legplan.rules import GOALS
from sitebuild.files import page_path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
READY = 90_000
"""How long a test waits for the calculator to be ready (ms): Pyodide on a busy 2-core machine."""


def _doc_pages() -> list[str]:
    """Site paths of the Markdown pages (``use_directory_urls``: ``guide/x.md`` -> ``guide/x/``)."""
    paths = []
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(DOCS).with_suffix("")
        built = rel.with_suffix(".html") if rel.name == "index" else rel / "index.html"
        paths.append(page_path(built.as_posix()))
    return paths


DOC_PAGES: list[str] = _doc_pages()
PLAN_PAGES: list[str] = [f"plans/{goal.value}.html" for goal in GOALS]
PAGES: list[str] = [*DOC_PAGES, *PLAN_PAGES, "404.html"]
"""Every page of the built site, relative to its root."""

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Site:
    """The built site, the address it is served on, and what built it."""

    root: Path
    base_url: str
    build_log: str
    generator: str = "mkdocs"

    @property
    def origin(self) -> str:
        """``scheme://host:port`` of the server."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def url(self, path: str = "") -> str:
        """The absolute URL of ``path`` (relative to the site root)."""
        return self.base_url + path.lstrip("/")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A smoke test runs on every generator's site; its Zensical run is marked ``zensical``."""
    smoke = metafunc.definition.get_closest_marker("smoke")
    if smoke is None or "site" not in metafunc.fixturenames:
        return
    runs = []
    for generator in GENERATORS:
        marks = [pytest.mark.zensical] if generator == "zensical" else []
        if generator in smoke.kwargs:
            marks.append(smoke.kwargs[generator])
        runs.append(pytest.param(generator, marks=marks, id=generator))
    metafunc.parametrize("site", runs, indirect=True, scope="session")


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Site]]:
    """Each generator's site, built and served the first time a test asks for it."""
    built: dict[str, Site | str] = {}
    with ExitStack() as stack:

        def get(generator: str) -> Site:
            if generator not in built:
                root = tmp_path_factory.mktemp(f"site-{generator}")
                server = stack.enter_context(SiteServer(root))
                try:
                    log = build_site(generator, ROOT, root, server.base_url)
                    server.load()
                    built[generator] = Site(root, server.base_url, log, generator)
                except BuildFailed as exc:
                    built[generator] = str(exc)
            found = built[generator]
            if isinstance(found, str):
                pytest.fail(found, pytrace=False)
            return found

        yield get


@pytest.fixture(scope="session")
def site(sites: Callable[[str], Site], request: pytest.FixtureRequest) -> Site:
    """MkDocs' site, or, for a smoke test, the generator's it is parametrized with."""
    return sites(getattr(request, "param", "mkdocs"))


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(**launch_options())
    try:
        yield browser
    finally:
        browser.close()


@dataclass
class Watch:
    """What a context did that a test must not: leave the origin, log an error."""

    origin: str
    off_origin: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.off_origin.append(f"{request.method} {url}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"console error: {message.text} ({where})")

    def on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"uncaught exception: {error}")

    def problems(self) -> list[str]:
        """Everything seen so far, one line each."""
        return [f"request to another origin: {r}" for r in self.off_origin] + self.console_errors


OpenPage = Callable[..., Page]
WATCHES = pytest.StashKey[list["Watch"]]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail the test itself (not its teardown) when one of its pages misbehaved."""
    result = yield
    problems = [p for watch in item.stash.get(WATCHES, []) for p in watch.problems()]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
    return result


@pytest.fixture
def open_page(browser: Browser, site: Site, request: pytest.FixtureRequest) -> Iterator[OpenPage]:
    """A factory: ``open_page(color_scheme="dark", viewport=..., **context_options)``."""
    contexts: list[BrowserContext] = []
    watches = request.node.stash.setdefault(WATCHES, [])

    def factory(
        color_scheme: str = "light", viewport: dict[str, int] | None = None, **options: object
    ) -> Page:
        context = browser.new_context(
            color_scheme=color_scheme,  # type: ignore[arg-type]
            viewport=viewport or {"width": 1280, "height": 800},
            service_workers="block",
            **options,  # type: ignore[arg-type]
        )
        watch = Watch(site.origin)
        context.on("request", watch.on_request)

        def guard(route: Route) -> None:
            parts = urlsplit(route.request.url)
            if f"{parts.scheme}://{parts.netloc}" == site.origin:
                route.continue_()
            else:
                route.abort("blockedbyclient")

        context.route("**/*", guard)
        page = context.new_page()
        page.on("console", watch.on_console)
        page.on("pageerror", watch.on_page_error)
        contexts.append(context)
        watches.append(watch)
        return page

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: OpenPage) -> Page:
    return open_page()


def redraw_to(page: Page, goal: str) -> None:
    """On a calculator page: wait until ready, pick ``goal``, wait for its plan and its link."""
    calculator = page.locator("#legplan-calculator")
    expect(calculator).to_have_attribute("data-state", "ready", timeout=READY)
    before = page.locator("[data-legplan-output]").inner_html()
    page.select_option("#legplan-goal", goal)
    expect(page.locator("[data-legplan-output]")).not_to_have_text(before, timeout=30_000)
    expect(page).to_have_url(re.compile(rf"goal={goal}"))


SEARCH_RESULTS = {
    "mkdocs": ".md-search-result__item a",
    # Zensical's dialog lives in a shadow root, which Playwright's CSS selectors reach.
    "zensical": "[role=listbox][aria-label='Search results'] a[role=option]",
}
"""The links of the search's results, by generator: each has a search of its own."""


def search(page: Page, site: Site, words: str) -> Locator:
    """Open the search with ``/``, type ``words``; the result links, once there is one."""
    page.keyboard.press("/")
    page.keyboard.type(words, delay=10)  # both search on key events
    results = page.locator(SEARCH_RESULTS[site.generator])
    results.first.wait_for()
    return results


SERIALIZE = (
    "a => { const c = a.cloneNode(true);"
    " for (const l of c.querySelectorAll('a[href]')) { const u = new URL(l.href);"
    " if (u.origin === location.origin && u.pathname === location.pathname && u.hash)"
    " l.setAttribute('href', u.hash); }"
    " return c.outerHTML; }"
)
"""Serialize a plan as Python wrote it: Material's instant navigation makes the links of the
page it loaded absolute (``#legplan-why-2`` becomes ``http://.../calculator/?...#legplan-why-2``)."""
