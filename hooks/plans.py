"""The preset plans' pages, the plan stylesheet and the list of presets (``sitebuild.plans``).

Added to the site as generated files, so links to them pass ``mkdocs build --strict``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitebuild import plans


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, html in plans.preset_pages().items():
        files.append(File.generated(config, path, content=html))
    files.append(File.generated(config, plans.PLAN_CSS, content=plans.plan_css()))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return plans.page_markdown(markdown, page.file.src_uri)
