"""Checks over the finished site: what a reader would see as broken Markdown.

A Markdown table whose rows lost their indentation inside a tab, or a token that was never
expanded, still builds: the page shows ``| 4 | 6 |`` or ``{{ fig(...) }}`` as text. This
reads every built page's visible text and fails the build on either.

>>> raw_markup("<main><p>| Speed | MET | |---|---|</p></main>")
['| Speed | MET | |---|---|']
>>> raw_markup("<main><table><tr><td>4</td></tr></table><p>a | b</p></main>")
[]
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from sitebuild.errors import SiteError

_RAW = re.compile(r"\|\s*:?-{3,}|^\s*\|.*\|\s*$|\{\{|\}\}|\{%|%\}", re.MULTILINE)
_SKIPPED = frozenset({"script", "style", "code", "pre", "noscript", "textarea"})


class _Text(HTMLParser):
    """Visible text, one paragraph-like block a line, outside code and scripts."""

    _BLOCKS = frozenset({"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self._skip:
            self._skip -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def raw_markup(page: str) -> list[str]:
    """The lines of a page's visible text that look like unrendered Markdown or tokens."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    text = "".join(parser.parts)
    found = []
    for line in text.splitlines():
        if _RAW.search(line):
            found.append(" ".join(line.split()))
    return found


def check_pages(site_dir: Path) -> None:
    """Fail on any built page that shows raw Markdown table rows or unexpanded tokens.

    Raises:
        SiteError: Naming each page and the first offending text.
    """
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        found = raw_markup(path.read_text(encoding="utf-8"))
        if found:
            rel = path.relative_to(site_dir).as_posix()
            problems.append(
                f"{rel}: {found[0][:120]!r}" + (f" (+{len(found) - 1})" if len(found) > 1 else "")
            )
    if problems:
        msg = "pages show raw Markdown or unexpanded tokens:\n  " + "\n  ".join(problems)
        raise SiteError(msg)
