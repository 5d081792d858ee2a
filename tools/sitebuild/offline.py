"""The service worker that keeps the site for offline visits (``sw.js`` at the site's root).

After the build (and after ``sitebuild.csp`` has put the policy into the pages), every
file the site needs is listed with its SHA-256: the pages (by the address a browser
asks for, ``guide/x/`` rather than ``guide/x/index.html``), the search index, Material's
assets, the stylesheets and scripts, the Pyodide runtime and the wheels. The version is
a hash of that list, so any changed file gives a new version and a new ``sw.js``; the
worker itself is ``sw.js`` beside this module, behind one generated line and the site's
own SHA-256 helper (``javascripts/sha256.mjs``, which the calculator's worker imports).

Left out: source maps, ``sitemap.xml.gz``, and the search's language files for languages
other than the site's (Material loads them only for those languages).

``mkdocs serve`` gets a worker that keeps nothing, so live reloading is never answered
from an old copy.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from fnmatch import fnmatch
from pathlib import Path

from sitebuild.errors import SiteError
from sitebuild.files import page_path, sha256_file

TEMPLATE = Path(__file__).with_name("sw.js")
HELPER = "javascripts/sha256.mjs"
"""The site's SHA-256 helper, an ES module that imports nothing; the worker runs it as a script."""
SW_NAME = "sw.js"
LEFT_OUT = (
    "*.map",
    "sitemap.xml.gz",
    SW_NAME,
    "assets/javascripts/lunr/*",
)

FAVICON = "assets/images/favicon.png"
"""Material's default icon (``theme.favicon``), Zensical's too."""
ICON_LINK = re.compile(r'<link\b[^>]*\brel="icon"[^>]*\bhref="(?P<href>[^"]+)"')
ON_DEMAND = ("assets/pyodide/*", "assets/wheels/*")
"""Kept only once a calculator page asks: guidance pages never download Pyodide."""


def precache_list(site_dir: Path) -> list[dict[str, object]]:
    """Every file to keep, as ``{"url", "sha256", "calculator"}`` sorted by URL.

    ``calculator`` marks the Pyodide runtime and the wheels: the worker keeps them when
    a calculator page asks, not on install, so a guidance page costs no Pyodide bytes.
    """
    files: list[dict[str, object]] = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and not any(fnmatch(rel, pattern) for pattern in LEFT_OUT):
            on_demand = any(fnmatch(rel, pattern) for pattern in ON_DEMAND)
            url = page_path(rel) or "./"
            files.append({"url": url, "sha256": sha256_file(path), "calculator": on_demand})
    return sorted(files, key=lambda f: str(f["url"]))


def version_of(files: list[dict[str, object]]) -> str:
    """The version of a precache list: a hash of its URLs and their files' hashes."""
    lines = "".join(f"{f['url']}\0{f['sha256']}\n" for f in files)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()[:16]


def as_script(module: str) -> str:
    r"""An ES module that imports nothing, as a classic script: its ``export`` keywords dropped.

    A service worker script cannot be a module everywhere, so ``sw.js`` gets the helper's
    text rather than an import.

    >>> as_script("export async function f() {}\n")
    'async function f() {}\n'
    """
    if re.search(r"^\s*import\b", module, re.MULTILINE):
        msg = "a module that imports cannot become a classic script"
        raise ValueError(msg)
    return re.sub(r"^export\s+", "", module, flags=re.MULTILINE)


def service_worker(
    files: list[dict[str, object]],
    version: str,
    helper: str,
    aliases: dict[str, str] | None = None,
) -> str:
    """The text of ``sw.js``.

    Args:
        files: The precache list (:func:`precache_list`).
        version: Its version (:func:`version_of`).
        helper: The text of the site's :data:`HELPER` module.
        aliases: Addresses answered with kept files.
    """
    manifest = {"version": version, "files": files, "aliases": aliases or {}}
    line = json.dumps(manifest, separators=(",", ":"))
    script = as_script(helper).rstrip("\n")
    return f"const PRECACHE = {line};\n{script}\n" + TEMPLATE.read_text(encoding="utf-8")


def site_icon(site_dir: Path) -> str:
    """The icon the home page links (``<link rel="icon">``), as a site path; else :data:`FAVICON`.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "index.html").write_text('<link rel="icon" href="./img/i.png">')
    ...     site_icon(Path(tmp))
    'img/i.png'
    """
    home = site_dir / "index.html"
    found = ICON_LINK.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    return posixpath.normpath(found["href"]) if found else FAVICON


def write_service_worker(site_dir: Path, *, keep: bool = True, icon: str = FAVICON) -> str:
    """Write ``sw.js`` into ``site_dir``; returns its version (``dev`` when ``keep`` is off).

    ``icon``, when kept, also answers the browser's ``favicon.ico`` request.

    Raises:
        SiteError: When the site has no :data:`HELPER`, or it imports something.
    """
    try:
        helper = (site_dir / HELPER).read_text(encoding="utf-8")
        files = precache_list(site_dir) if keep else []
        version = version_of(files) if keep else "dev"
        aliases = {"favicon.ico": icon} if any(f["url"] == icon for f in files) else {}
        text = service_worker(files, version, helper, aliases)
    except (OSError, ValueError) as exc:
        msg = f"{SW_NAME}: the service worker could not be written: {exc}"
        raise SiteError(msg) from exc
    (site_dir / SW_NAME).write_text(text, encoding="utf-8")
    return version
