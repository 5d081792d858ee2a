"""The README's pictures, taken again: ``python -m harness.pictures`` (or ``make pictures``).

- ``.github/readme/calculator.png``: the calculator page at 1280 x 900 in Debian's
  Chromium, the built site served on 127.0.0.1, once Python has drawn a plan with a road,
  scrolled to the form;
- ``.github/readme/printed-plan.png``: the first printed page of that plan (A4, print
  styles, the page's margins), as the CLI's printable page shows it.

Builds the site into a temporary folder first, as the browser tests do.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import ViewportSize, expect, sync_playwright

from harness.chromium import launch_options
from harness.server import SiteServer
from legplan.render import render
from legplan.request import parse_query
from legplan.schedule import build_plan

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / ".github" / "readme"
QUERY = "goal=lose&days=mon,tue,thu,sat,sun&current_minutes=20"
"""The plan shown: a road of a few weeks to the target week, with easier weeks."""
A4: ViewportSize = {"width": 794, "height": 1123}
"""An A4 page at 96 px an inch."""
MARGINS = "body.legplan-print { padding: 9mm 11mm; }"
"""The printable page's ``@page`` margins, which a screenshot does not apply."""
FIRST_PAGE = 'section[data-week="1"] ~ * { visibility: hidden; }'
"""A screenshot has no page breaks: what follows week 1 is on the next pages, so hidden."""


def build(site: Path, base_url: str) -> None:
    """``mkdocs build --strict`` into ``site`` for the address it is served on."""
    env = {**os.environ, "SITE_URL": base_url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def take(out: Path) -> list[Path]:
    """Take both pictures into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "calculator.png", out / "printed-plan.png"]
    with tempfile.TemporaryDirectory() as tmp, SiteServer(Path(tmp)) as server:
        build(Path(tmp), server.base_url)
        server.load()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options())
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(server.url("calculator/") + "?" + QUERY)
                calculator = page.locator("#legplan-calculator")
                expect(calculator).to_have_attribute("data-state", "ready", timeout=120_000)
                plan = page.locator("[data-legplan-output] article.legplan-plan")
                expect(plan).to_have_attribute("data-goal", "lose", timeout=30_000)
                # Scrolled to the form: the goal, the days and the plan's first week at once.
                page.locator("#legplan-form").evaluate("f => f.scrollIntoView({block: 'start'})")
                page.wait_for_timeout(500)  # the address bar and the fonts settle
                page.screenshot(path=written[0])

                paper = browser.new_page(viewport=A4)
                paper.set_content(render(build_plan(parse_query(QUERY)), "html"))
                paper.emulate_media(media="print")
                paper.add_style_tag(content=MARGINS + FIRST_PAGE)
                paper.screenshot(path=written[1])
            finally:
                browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Take the pictures; ``--out`` puts them elsewhere than the README's folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for path in take(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
