"""Every figure and term in the rule table appears on the guidance pages.

The expected texts are read from ``legplan.rules``, so the pages and the table cannot
drift apart. The sources page, the plans and the calculator are left out: they are
generated from the table and would pass whatever the guidance says.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from legplan.rules import RULES

from .conftest import DOC_PAGES

pytestmark = pytest.mark.browser

GENERATED = {"sources/", "plans/", "calculator/"}
GUIDANCE = [p for p in DOC_PAGES if p not in GENERATED]
WANTED = [(r.id, f.key, f.text()) for r in RULES.values() for f in r.figures] + [
    (r.id, key, words) for r in RULES.values() for key, words in r.terms
]


class _ArticleText(HTMLParser):
    """The text inside ``<article>``, Material's page content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.depth:
            self.depth += tag == "article"

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


@pytest.fixture(scope="module")
def guidance_text(site):
    texts = []
    for path in GUIDANCE:
        parser = _ArticleText()
        parser.feed((site.root / path / "index.html").read_text(encoding="utf-8"))
        texts.append(" ".join(parser.parts))
    return re.sub(r"\s+", " ", html.unescape(" ".join(texts)))


def test_guidance_pages_exist():
    assert "" in GUIDANCE
    assert len(GUIDANCE) >= 5


@pytest.mark.smoke
@pytest.mark.parametrize(("rule", "key", "text"), WANTED, ids=[f"{r}:{k}" for r, k, _ in WANTED])
def test_figure_appears_in_guidance(guidance_text, rule, key, text):
    assert text in guidance_text, f"{rule} {key} = {text!r} is on no guidance page"
