"""The site's own stylesheets, served as one file.

Pages link one stylesheet of the site's own, :data:`JOINED` (``extra_css`` in mkdocs.yml).
Its source in ``docs/`` only imports the parts, each kept to one concern (the guidance
pages, printing, the plan, the calculator, the offline notice), in order. Each
``@import`` is one more request the first paint waits for (Lighthouse, mobile: about one
round trip each), so the finishing step puts each part's text in place of its import and
deletes the parts: the order lives in the stylesheet, and no page's HTML is rewritten.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from sitebuild.errors import SiteError

JOINED = "stylesheets/legplan.css"
IMPORT = re.compile(r'@import\s+url\(\s*"(?P<url>[^"]+)"\s*\)\s*;')
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def join(parts: Iterable[tuple[str, str]]) -> str:
    r"""One stylesheet from ``(path, text)`` parts, in their order, each under its path.

    >>> print(join([("a.css", "a {}\n"), ("b.css", "b {}")]), end="")
    /* a.css */
    a {}
    <BLANKLINE>
    /* b.css */
    b {}
    """
    return "\n".join(f"/* {uri} */\n{text.strip()}\n" for uri, text in parts)


def imported_parts(text: str, uri: str = JOINED) -> list[str]:
    """The site paths ``text`` (the stylesheet ``uri``) imports, in order.

    >>> imported_parts('/* parts */ @import url("a.css"); @import url("b.css");')
    ['stylesheets/a.css', 'stylesheets/b.css']

    Raises:
        SiteError: When the stylesheet holds anything but comments and imports.
    """
    rest = IMPORT.sub("", COMMENT.sub("", text)).strip()
    if rest:
        msg = f'{uri}: only @import url("..."); and comments belong here, found {rest[:60]!r}'
        raise SiteError(msg)
    here = posixpath.dirname(uri)
    return [posixpath.normpath(posixpath.join(here, m["url"])) for m in IMPORT.finditer(text)]


def join_site(site_dir: Path) -> list[str]:
    """Replace :data:`JOINED` in a built site by its parts' texts; delete the parts.

    Returns:
        The parts, in their order.

    Raises:
        SiteError: When the stylesheet or one of its parts is missing.
    """
    joined = site_dir / JOINED
    if not joined.is_file():
        msg = f"{JOINED}: the site's stylesheet is missing from {site_dir}"
        raise SiteError(msg)
    parts = imported_parts(joined.read_text(encoding="utf-8"))
    missing = [uri for uri in parts if not (site_dir / uri).is_file()]
    if missing:
        msg = f"{JOINED}: imports what the site lacks: {', '.join(missing)}"
        raise SiteError(msg)
    texts = [(uri, (site_dir / uri).read_text(encoding="utf-8")) for uri in parts]
    joined.write_text(join(texts), encoding="utf-8")
    for uri in parts:
        (site_dir / uri).unlink()
    return parts
