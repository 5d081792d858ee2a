"""Boot, redraw and bytes in Debian's Chromium, driven by Playwright against the bench server.

Every visit that must start cold gets a fresh profile (``launch_persistent_context`` on a new
temporary directory), so nothing is cached: no HTTP cache, no compiled WebAssembly, no
service worker. A warm visit is a second tab in the same profile after the first was closed.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright

from bench.report import COMPARED
from harness.chromium import launch_options
from harness.server import SiteServer

CALCULATOR = "calculator/"
BARE = "bench/bare.html"
"""The reference: a bare ``loadPyodide()`` of the npm package's unmodified files (bench/stock/)."""
BARE_SITE = "bench/bare.html?runtime=site"
"""A bare ``loadPyodide()`` of the site's own runtime (its trimmed, byte-compiled stdlib)."""
THROTTLE = {
    "offline": False,
    "latency": 40,
    "downloadThroughput": 10_000_000 / 8,
    "uploadThroughput": 5_000_000 / 8,
}
"""Chromium's network emulation for the throttled rows: 10 Mbit/s down, 5 up, 40 ms."""
THROTTLE_LABEL = "10 Mbit/s, 40 ms"
READY_TIMEOUT_MS = 120_000
KEPT_TIMEOUT_MS = 30_000
KEEPS_MEMORY = "() => performance.getEntriesByName('legplan-ready')[0]?.detail?.restored === false"
"""True on a calculator that started Python and will keep its memory for the next visit;
false on a restored one, and on a site from before the kept memory (bench ``--source``)."""
SETTLE_S = 2.0
"""Pause after a browser starts (and before a measured visit): on 2 cores, Chromium's own
start-up and the previous profile's shutdown otherwise land inside the first measurement."""

# Stamps the moment any element's data-state becomes "ready" (the calculator's root, or the
# bare page's <html>), in the page's own clock: milliseconds since navigation start.
READY_OBSERVER = """
(() => {
  const seen = () => {
    if (window.__benchReady === undefined && document.querySelector('[data-state="ready"]')) {
      window.__benchReady = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-state"],
  });
})();
"""

# Runs in the page: `n` changes to the form, each waiting for the plan's HTML to change.
REDRAW_LOOP = """
async ([n, spaced]) => {
  const frame = () => new Promise((resolve) => {
    requestAnimationFrame(() => resolve(performance.now()));
  });
  const root = document.getElementById("legplan-calculator");
  const form = root.querySelector("form");
  const output = root.querySelector("[data-legplan-output]");
  // Changes that keep the request valid; after a full cycle the form is back at its start.
  const changes = [
    ["goal", "lose"], ["equipment", "home"], ["days", "sun"], ["goal", "build"],
    ["week_start", "sun"], ["builds_easily", "yes"], ["equipment", "gym"], ["goal", "tone"],
    ["days", "sun"], ["week_start", "mon"], ["builds_easily", "yes"], ["equipment", "none"],
  ];
  const marks = () => performance.getEntriesByName("legplan-redrawn", "mark").length;
  const results = [];
  for (let i = 0; i < n; i++) {
    const [name, value] = changes[i % changes.length];
    const updated = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no redraw after ${name}=${value}`)), 10000);
      const observer = new MutationObserver(() => {
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      });
      observer.observe(output, { childList: true, subtree: true, characterData: true });
    });
    if (spaced) {
      // As a reader changes the form: the page has painted and is idle before each change.
      await frame();
      await frame();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const before = marks();
    const t0 = performance.now();
    const which = name === "days" ? `[value="${value}"]` : "";
    const control = form.querySelector(`[name="${name}"]${which}`);
    if (control.type === "checkbox") control.checked = !control.checked;
    else control.value = value;
    control.dispatchEvent(new Event("input", { bubbles: true }));
    const t1 = await updated;
    const t2 = await frame();
    // The 'legplan-redrawn' mark follows the swap in the same task.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const all = performance.getEntriesByName("legplan-redrawn", "mark");
    const mark = all.length > before ? all[all.length - 1].startTime - t0 : null;
    results.push({ dom: t1 - t0, frame: t2 - t0, mark });
  }
  return results;
}
"""


@contextmanager
def profile(pw: Playwright) -> Iterator[BrowserContext]:
    """A Chromium with a fresh profile on disk (HTTP cache, code cache, service workers)."""
    with tempfile.TemporaryDirectory(prefix="legplan-bench-") as data_dir:
        context = pw.chromium.launch_persistent_context(
            data_dir,
            **launch_options(),
            headless=True,
            viewport={"width": 1280, "height": 800},
        )
        context.add_init_script(READY_OBSERVER)
        time.sleep(SETTLE_S)
        try:
            yield context
        finally:
            context.close()


def _visit_until_ready(
    context: BrowserContext, url: str, *, throttle: bool = False
) -> tuple[Page, float]:
    page = context.new_page()
    if throttle:
        # Network emulation set on the page's target also holds for its dedicated workers'
        # requests (Chromium routes them through the page's network agent).
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        "() => window.__benchReady !== undefined || document.querySelector('[data-state=error]')",
        timeout=READY_TIMEOUT_MS,
    )
    ready = page.evaluate("window.__benchReady")
    if ready is None:
        msg = f"{url} did not get ready"
        raise RuntimeError(msg)
    return page, float(ready)


def boot_pair(pw: Playwright, server: SiteServer, path: str) -> dict[str, float]:
    """Cold and warm boot (ms from navigation to ready) of ``path`` in one fresh profile."""
    url = server.base_url + path
    with profile(pw) as context:
        page, cold = _visit_until_ready(context, url)
        # Let whatever the first visit started finish, as a reader's browser would before
        # they come back: the calculator keeping Python's memory for the next visit (its
        # `legplan-memory-kept` mark, about half a second after ready), a service worker's
        # install.
        if path.endswith(CALCULATOR) and page.evaluate(KEEPS_MEMORY):
            page.wait_for_function(
                "() => performance.getEntriesByName('legplan-memory-kept').length > 0",
                timeout=KEPT_TIMEOUT_MS,
            )
        server.traffic.wait_quiet(quiet=1.0)
        page.close()
        time.sleep(SETTLE_S)
        page, warm = _visit_until_ready(context, url)
        page.close()
    return {"cold": cold, "warm": warm}


# On the calculator page, its worker replaced by the bare reference worker: records when
# that worker answers, in the page's clock.
BARE_ANSWER = """
(() => {
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("message", (event) => {
        if (event.data && event.data.ok !== undefined) window.__benchBare = performance.now();
      });
    }
  };
})();
"""


def bare_on_calculator(pw: Playwright, server: SiteServer) -> float:
    """Cold: ms from navigation to the bare ``loadPyodide()`` on the calculator page.

    The calculator page as it is (its styles, Material's scripts, the early start from its
    head), but its worker's script answered with ``bench/bare-worker.mjs``: what Pyodide alone
    takes while that page loads around it, to set against the bare page's figure.
    """
    bare_worker = (server.root / "bench" / "bare-worker.mjs").read_bytes()
    with profile(pw) as context:
        context.add_init_script(BARE_ANSWER)
        context.route(
            "**/javascripts/calculator/worker.mjs",
            lambda route: route.fulfill(body=bare_worker, content_type="text/javascript"),
        )
        page = context.new_page()
        page.goto(server.base_url + CALCULATOR, wait_until="commit")
        page.wait_for_function("() => window.__benchBare !== undefined", timeout=READY_TIMEOUT_MS)
        answered = float(page.evaluate("window.__benchBare"))
        page.close()
    return answered


BOOTS = {"bare": BARE, "bare_site": BARE_SITE, "calculator": CALCULATOR}
"""What each round visits, by its key in the round's result."""
COMPARE = "compare/"
"""Where ``--compare`` serves another checkout's site, beside this one."""
COMPARE_BOOTS = {COMPARED: COMPARE + CALCULATOR}
"""What each round also visits with ``--compare``."""


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def wait_for_load(limit: float | None, timeout: float = 60.0) -> float:
    """Wait until the 1-minute load average is below ``limit`` (at most ``timeout`` s); return it.

    Other work on a shared machine spreads the figures; rounds taken below a limit compare.
    """
    end = time.monotonic() + timeout
    while limit is not None and _load() >= limit and time.monotonic() < end:
        time.sleep(15)
    return _load()


def boot_runs(
    pw: Playwright,
    server: SiteServer,
    runs: int,
    *,
    compare: bool = False,
    load_below: float | None = None,
) -> list[dict[str, Any]]:
    """``runs`` rounds of paired boots: bare (stock runtime), bare (site's runtime), calculator.

    With ``compare``, also the other checkout's calculator (:data:`COMPARE_BOOTS`). The order
    rotates from round to round. Each round also times the bare worker on the calculator
    page (``bare_on_calculator``) and records the 1-minute load average at its start, once it
    is below ``load_below`` (:func:`wait_for_load`).
    """
    rounds = []
    paths = BOOTS | (COMPARE_BOOTS if compare else {})
    keys = list(paths)
    for i in range(runs):
        order = keys[i % len(keys) :] + keys[: i % len(keys)]
        result: dict[str, Any] = {"load": wait_for_load(load_below)}
        for key in order:
            result[key] = boot_pair(pw, server, paths[key])
            server.traffic.wait_quiet(quiet=0.5)
        result["bare_on_calculator"] = bare_on_calculator(pw, server)
        server.traffic.wait_quiet(quiet=0.5)
        rounds.append(result)
        print(f"  boot round {i + 1}/{runs}: {result}", flush=True)
    return rounds


def cold_visit(pw: Playwright, server: SiteServer, path: str, *, throttle: bool) -> float:
    """Ms from navigation to ready of one cold visit to ``path`` in a fresh profile."""
    with profile(pw) as context:
        page, cold = _visit_until_ready(context, server.base_url + path, throttle=throttle)
        page.close()
    return cold


def throttled_runs(
    pw: Playwright,
    server: SiteServer,
    runs: int,
    *,
    compare: bool = False,
    load_below: float | None = None,
) -> list[dict[str, Any]]:
    """``runs`` rounds of cold visits under :data:`THROTTLE`: bare (stock) and calculator.

    With ``compare``, also the other checkout's calculator; the order rotates. Rounds wait
    for the load as in :func:`boot_runs`.
    """
    rounds = []
    paths = {"bare": BARE, "calculator": CALCULATOR} | (COMPARE_BOOTS if compare else {})
    keys = list(paths)
    for i in range(runs):
        order = keys[i % len(keys) :] + keys[: i % len(keys)]
        result: dict[str, Any] = {"load": wait_for_load(load_below)}
        for key in order:
            result[key] = cold_visit(pw, server, paths[key], throttle=True)
            server.traffic.wait_quiet(quiet=0.5)
        rounds.append(result)
        print(f"  throttled round {i + 1}/{runs}: {result}", flush=True)
    return rounds


def redraws(
    pw: Playwright, server: SiteServer, count: int, *, spaced: bool
) -> list[dict[str, float | None]]:
    """``count`` form changes on a ready calculator page, each timed to the plan's update.

    ``spaced``: each change waits for two frames and 30 ms of quiet, as a reader's changes
    come to an idle page; otherwise each change follows the previous update at once, so it
    also waits for the previous plan's style, layout and paint (a stress figure).
    Each result: ``dom`` (ms to the plan's HTML swapped), ``frame`` (to the next animation
    frame after that) and ``mark`` (to the page's own ``legplan-redrawn`` mark).
    """
    with profile(pw) as context:
        page, _ = _visit_until_ready(context, server.base_url + CALCULATOR)
        server.traffic.wait_quiet(quiet=1.0)
        results = page.evaluate(REDRAW_LOOP, [count, spaced])
        page.close()
    return results


def page_bytes(
    pw: Playwright, server: SiteServer, path: str
) -> tuple[dict[str, int], dict[str, int] | None]:
    """Bytes the server sent for one cold visit to ``path``, by path, until the network is quiet.

    The calculator page is also waited for until ready, so its worker's downloads count;
    for it, the second value is what had been sent by the moment it was ready (the page's
    clock read as wall-clock time, against the server's timestamp of each write).
    """
    with profile(pw) as context:
        server.traffic.wait_quiet(quiet=0.5)
        server.traffic.reset()
        page = context.new_page()
        page.goto(server.base_url + path, wait_until="load")
        to_ready = None
        if path.endswith(CALCULATOR):
            page.wait_for_function(
                "() => window.__benchReady !== undefined", timeout=READY_TIMEOUT_MS
            )
            # The page's clock is the machine's: what the server had written by then.
            ready_at = page.evaluate("performance.timeOrigin + window.__benchReady") / 1000
            to_ready = server.traffic.snapshot(until=ready_at)
        server.traffic.wait_quiet(quiet=1.5)
        sent = server.traffic.snapshot()
        page.close()
    return sent, to_ready


def split_bytes(sent: dict[str, int]) -> dict[str, int]:
    """Bytes by kind: the Pyodide runtime, the wheels, everything else."""
    split = {"pyodide": 0, "wheels": 0, "rest": 0}
    for path, count in sent.items():
        if path.startswith("/assets/pyodide/"):
            split["pyodide"] += count
        elif path.startswith("/assets/wheels/"):
            split["wheels"] += count
        else:
            split["rest"] += count
    return split
