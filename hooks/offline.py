"""The service worker that keeps the site for offline visits (``sw.js`` at the site's root).

After the build (and after ``hooks/csp.py`` has put the policy into the pages), every
file the site needs is listed with its SHA-256: the pages (by the address a browser
asks for, ``guide/x/`` rather than ``guide/x/index.html``), the search index, Material's
assets, the stylesheets and scripts, the Pyodide runtime and the wheels. The version is
a hash of that list, so any changed file gives a new version and a new ``sw.js``; the
worker itself is ``hooks/sw.js`` behind one generated line.

Left out: source maps, ``sitemap.xml.gz``, and the search's language files for languages
other than the site's (Material loads them only for those languages).

``mkdocs serve`` gets a worker that keeps nothing, so live reloading is never answered
from an old copy.
"""

from __future__ import annotations

import hashlib
import json
from fnmatch import fnmatch
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "sw.js"
SW_NAME = "sw.js"
LEFT_OUT = (
    "*.map",
    "sitemap.xml.gz",
    SW_NAME,
    "assets/javascripts/lunr/*",
)

FAVICON = "assets/images/favicon.png"
"""Material's default icon (``theme.favicon``)."""
ON_DEMAND = ("assets/pyodide/*", "assets/wheels/*")
"""Kept only once a calculator page asks: guidance pages never download Pyodide."""

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def page_url(path: str) -> str:
    """The address a browser asks for: ``x/index.html`` -> ``x/``, ``index.html`` -> ``./``."""
    if path == "index.html":
        return "./"
    if path.endswith("/index.html"):
        return path.removesuffix("index.html")
    return path


def precache_list(site_dir: Path) -> list[dict[str, object]]:
    """Every file to keep, as ``{"url", "sha256", "calculator"}`` sorted by URL.

    ``calculator`` marks the Pyodide runtime and the wheels: the worker keeps them when
    a calculator page asks, not on install, so a guidance page costs no Pyodide bytes.
    """
    files: list[dict[str, object]] = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and not any(fnmatch(rel, pattern) for pattern in LEFT_OUT):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            on_demand = any(fnmatch(rel, pattern) for pattern in ON_DEMAND)
            files.append({"url": page_url(rel), "sha256": digest, "calculator": on_demand})
    return sorted(files, key=lambda f: str(f["url"]))


def version_of(files: list[dict[str, object]]) -> str:
    """The version of a precache list: a hash of its URLs and their files' hashes."""
    lines = "".join(f"{f['url']}\0{f['sha256']}\n" for f in files)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()[:16]


def service_worker(
    files: list[dict[str, object]], version: str, aliases: dict[str, str] | None = None
) -> str:
    """The text of ``sw.js`` for this list; ``aliases`` maps addresses to kept files."""
    manifest = {"version": version, "files": files, "aliases": aliases or {}}
    line = json.dumps(manifest, separators=(",", ":"))
    return f"const PRECACHE = {line};\n" + TEMPLATE.read_text(encoding="utf-8")


def write_service_worker(site_dir: Path, *, keep: bool = True, icon: str = FAVICON) -> str:
    """Write ``sw.js`` into ``site_dir``; returns its version (``dev`` when ``keep`` is off).

    ``icon``, when kept, also answers the browser's ``favicon.ico`` request.
    """
    files = precache_list(site_dir) if keep else []
    version = version_of(files) if keep else "dev"
    aliases = {"favicon.ico": icon} if any(f["url"] == icon for f in files) else {}
    text = service_worker(files, version, aliases)
    (site_dir / SW_NAME).write_text(text, encoding="utf-8")
    return version


def on_post_build(config: MkDocsConfig) -> None:
    icon = config.theme.get("favicon") or FAVICON
    write_service_worker(Path(config.site_dir), keep=not _serving, icon=icon)
