"""The site's Markdown-level work as a Python-Markdown extension, for any generator.

Listed in mkdocs.yml (``markdown_extensions: [sitebuild.markdown, ...]``), it runs under
MkDocs and under Zensical alike, page by page:

- before Markdown: the page's front matter must hold a ``description``; figure tokens
  (``sitebuild.figures``), the list of preset plans (``sitebuild.plans``) and, on the
  calculator's page, its form (``sitebuild.calculator``);
- after Markdown: the calculator's default plan, as HTML, where its marker is.

The page being converted (its source path, for relative links, and its front matter) comes
from the generator that runs the extension: Zensical registers the preprocessor
``rendering_context`` (``zensical.extensions.context``) holding ``page.path`` and
``page.meta``; MkDocs registers the treeprocessor ``relpath`` holding the page's ``file``
(``file.src_uri``, ``file.page.meta``). Neither is imported here. A conversion with
neither fails, so a generator that changes its internals stops the build rather than
building pages without their figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from sitebuild import calculator, figures, plans
from sitebuild.errors import SiteError

ZENSICAL_CONTEXT = "rendering_context"
"""Zensical's preprocessor that holds the page (``zensical.extensions.context``)."""
MKDOCS_CONTEXT = "relpath"
"""MkDocs' treeprocessor that holds the page's file (``mkdocs.structure.pages``)."""


@dataclass(frozen=True)
class PageSource:
    """The page being converted: its path relative to ``docs/``, and its front matter."""

    src_uri: str
    meta: Mapping[str, object]


def page_source(md: Markdown) -> PageSource:
    """The page ``md`` is converting, from whichever generator set ``md`` up.

    Raises:
        SiteError: When ``md`` was set up by neither MkDocs nor Zensical.
    """
    if ZENSICAL_CONTEXT in md.preprocessors:
        page = md.preprocessors[ZENSICAL_CONTEXT].page  # type: ignore[attr-defined]
        return PageSource(str(page.path), page.meta)
    if MKDOCS_CONTEXT in md.treeprocessors:
        file = md.treeprocessors[MKDOCS_CONTEXT].file  # type: ignore[attr-defined]
        return PageSource(str(file.src_uri), file.page.meta)
    msg = (
        f"sitebuild.markdown: no page to convert (neither Zensical's {ZENSICAL_CONTEXT!r} "
        f"preprocessor nor MkDocs' {MKDOCS_CONTEXT!r} treeprocessor is registered)"
    )
    raise SiteError(msg)


def page_markdown(markdown: str, page: PageSource) -> str:
    """A page's Markdown with its tokens, preset list and calculator form in place.

    Raises:
        SiteError: For a page without a ``description``, a bad token, or a calculator page
            without its markers.
    """
    markdown = figures.page_markdown(markdown, page.src_uri, page.meta)
    markdown = plans.page_markdown(markdown, page.src_uri)
    return calculator.page_markdown(markdown, page.src_uri)


class _MarkdownPreprocessor(Preprocessor):
    """The page's Markdown, before any other preprocessor (raw HTML included) sees it."""

    def run(self, lines: list[str]) -> list[str]:
        return page_markdown("\n".join(lines), page_source(self.md)).split("\n")


class _HtmlPostprocessor(Postprocessor):
    """The page's HTML, once the raw HTML blocks are back in it."""

    def run(self, text: str) -> str:
        return calculator.page_content(text)


class LegplanExtension(Extension):
    """Registers the two processors."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Tokens first (priority 35: before the whitespace, 30, and raw HTML, 20, passes).

        The default plan after the raw HTML is restored (``raw_html``, 30) and after
        ``amp_substitute`` (20), so its HTML is put in as it is.
        """
        md.preprocessors.register(_MarkdownPreprocessor(md), "legplan_markdown", 35)
        md.postprocessors.register(_HtmlPostprocessor(md), "legplan_html", 5)


def makeExtension(**kwargs: object) -> LegplanExtension:
    """The extension, as Python-Markdown finds it by the module's name."""
    return LegplanExtension(**kwargs)
