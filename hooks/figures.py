"""Figure tokens and the description check on every page (``sitebuild.figures``)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitebuild import figures
from sitebuild.hooks import reported


@reported
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return figures.page_markdown(markdown, page.file.src_uri, page.meta)
