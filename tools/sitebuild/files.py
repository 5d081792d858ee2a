"""Files of a build: a file's sha256, and the address a browser asks for a built page by.

:func:`page_path` and :func:`file_path` are the one mapping between a built file and its
address (``guide/x/index.html`` <-> ``guide/x/``): the service worker's list, the static
server, the tests and the benchmarks all use them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

INDEX = "index.html"


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def page_path(path: str) -> str:
    """The address of a built file relative to the site's root, as a browser asks for it.

    A folder's ``index.html`` is asked for by the folder; the root's by the empty path.

    >>> [page_path(p) for p in ["index.html", "guide/x/index.html", "plans/tone.html"]]
    ['', 'guide/x/', 'plans/tone.html']
    """
    if path == INDEX:
        return ""
    return path.removesuffix(INDEX) if path.endswith("/" + INDEX) else path


def file_path(page: str) -> str:
    """The built file that answers a page's address: the reverse of :func:`page_path`.

    >>> [file_path(p) for p in ["", "guide/x/", "/guide/", "plans/tone.html"]]
    ['index.html', 'guide/x/index.html', '/guide/index.html', 'plans/tone.html']
    """
    return page + INDEX if page == "" or page.endswith("/") else page


def site_pages(site_dir: Path, *, skip: tuple[str, ...] = ("assets/",)) -> list[str]:
    """Every HTML page of a built site, by :func:`page_path`, sorted by file.

    Args:
        site_dir: The built site.
        skip: Folders (relative, with their slash) whose HTML files are not pages.
    """
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if not rel.startswith(skip):
            pages.append(page_path(rel))
    return pages
