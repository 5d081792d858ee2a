"""The finished-site work: one step over a built folder, whichever generator built it.

    python -m sitebuild.finish SITE_DIR [--root DIR] [--serve]

``mkdocs build`` runs it from ``hooks/finish.py``; ``make build-zensical`` runs it after
``zensical build``. The Markdown-level work happened before, inside the generator
(``sitebuild.markdown``). :data:`STEPS`, in order, each a function of the :class:`Build`:

1. :func:`calculator_assets`: the Pyodide runtime, the lock and the wheels
   (``sitebuild.calculator.build_assets``, built into ``build/site-assets`` and cached there);
2. :func:`presets`: the printable preset plans and the plan stylesheet (``sitebuild.plans``);
3. :func:`stylesheet`: the site's stylesheet joined from its parts (``sitebuild.styles``);
4. :func:`unused_theme_styles`: theme stylesheet folders no page links (Zensical ships two
   variants and a page uses one);
5. :func:`check`: no page shows raw Markdown or an unexpanded token (``sitebuild.checks``);
6. :func:`installable`: the web app manifest and its icons, linked from every page
   (``sitebuild.manifest``; the site's name, description and address from ``mkdocs.yml``);
7. :func:`policy`: the content security policy in every page (``sitebuild.csp``);
8. :func:`service_worker`: ``sw.js`` and its list of every file, hashed (``sitebuild.offline``).

A new step is a function of the :class:`Build` in its place in the list: before
:func:`policy` if it writes pages, before :func:`service_worker` if it writes any file.

Served by ``mkdocs serve`` (``serving``): its live-reload script changes on every build,
so the pages get no policy, and a service worker that keeps nothing (a reload is never
answered from an old copy).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitebuild import calculator, checks, csp, manifest, offline, plans, styles
from sitebuild.errors import SiteError

ASSETS_CACHE = "build/site-assets"
"""Where the calculator's runtime and wheels are built, in the project, between builds."""
THEME_STYLES = "assets/stylesheets"
LINK = re.compile(r'<link\b[^>]*\bhref="([^"]+)"')


@dataclass(frozen=True)
class Build:
    """A built site to finish, the project it was built from, and how it is served."""

    site_dir: Path
    root: Path
    serving: bool = False


def calculator_assets(build: Build) -> None:
    """Copy the calculator's runtime, lock and wheels into the site."""
    assets = calculator.build_assets(build.root, build.root / ASSETS_CACHE)
    for uri, path in assets.items():
        target = build.site_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def presets(build: Build) -> None:
    """Write the printable preset plans and the plan stylesheet."""
    plans.write_site(build.site_dir)


def stylesheet(build: Build) -> None:
    """Join the site's stylesheet from the parts it imports."""
    styles.join_site(build.site_dir)


def unused_theme_styles(build: Build) -> None:
    """Delete the theme's stylesheet folders that no page links (not served, not kept)."""
    folder = build.site_dir / THEME_STYLES
    if not folder.is_dir():
        return
    linked = {
        href.split("/" + THEME_STYLES + "/", 1)[-1].split("/", 1)[0]
        for page in build.site_dir.rglob("*.html")
        for href in LINK.findall(page.read_text(encoding="utf-8"))
        if THEME_STYLES + "/" in href
    }
    for sub in folder.iterdir():
        if sub.is_dir() and sub.name not in linked:
            shutil.rmtree(sub)


def check(build: Build) -> None:
    """Fail on any page that shows raw Markdown or an unexpanded token."""
    checks.check_pages(build.site_dir)


def installable(build: Build) -> None:
    """Write the web app manifest and its icons, and link them from every page."""
    settings = manifest.site_settings(build.root)
    manifest.write_manifest(
        build.site_dir,
        site_name=settings.name,
        description=settings.description,
        base_path=settings.base_path,
    )


def policy(build: Build) -> None:
    """Put the content security policy into every page (not when served by ``mkdocs serve``)."""
    if not build.serving:
        csp.apply_policies(build.site_dir)


def service_worker(build: Build) -> None:
    """Write ``sw.js``: every file hashed, or, when served, a worker that keeps nothing."""
    offline.write_service_worker(
        build.site_dir, keep=not build.serving, icon=offline.site_icon(build.site_dir)
    )


STEPS: tuple[Callable[[Build], None], ...] = (
    calculator_assets,
    presets,
    stylesheet,
    unused_theme_styles,
    check,
    installable,
    policy,
    service_worker,
)
"""The finishing step's parts, in the order they run."""


def link_targets() -> list[str]:
    """Site paths this step writes that pages may link to (for a generator's link checks)."""
    return plans.preset_paths()


def finish(site_dir: Path, root: Path, *, serving: bool = False) -> None:
    """Run :data:`STEPS` over the built site ``site_dir`` of the project ``root``.

    Raises:
        SiteError: When a step cannot go on, or the site was finished already.
    """
    if (site_dir / offline.SW_NAME).exists():
        msg = f"{site_dir} is finished already ({offline.SW_NAME} is there): build it again first"
        raise SiteError(msg)
    build = Build(site_dir.resolve(), root.resolve(), serving)
    for step in STEPS:
        step(build)


def main(argv: list[str] | None = None) -> int:
    """``python -m sitebuild.finish SITE_DIR``: exit status 1 and one line when a step fails."""
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild.finish", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("site_dir", type=Path, help="the folder a generator built")
    parser.add_argument("--root", type=Path, default=Path(), help="the project (default: .)")
    parser.add_argument(
        "--serve", action="store_true", help="for a development server: no policy, no cache"
    )
    args = parser.parse_args(argv)
    try:
        finish(args.site_dir, args.root, serving=args.serve)
    except SiteError as exc:
        print(f"sitebuild.finish: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
