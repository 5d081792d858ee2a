"""The site's own stylesheets, served as one file.

``extra_css`` in mkdocs.yml lists the parts, each kept to one concern (the guidance pages,
printing, the plan, the calculator, the offline notice). Every page links them all, and
each ``<link rel="stylesheet">`` in the head is one more request the first paint waits
for (Lighthouse, mobile: about one round trip each beyond the browser's six connections).
So the parts are joined, in their order, into :data:`JOINED`, and pages link only that.
"""

from __future__ import annotations

from collections.abc import Iterable

JOINED = "stylesheets/legplan.css"


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
