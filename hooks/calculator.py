"""The calculator: its runtime and wheels as site files, its page's form and default plan.

``sitebuild.calculator`` does the work. The runtime and the wheels are built once per
``mkdocs build`` into ``build/site-assets`` and added to the site as files. The calculator's
page gets ``calculator: true`` in its ``page.meta``, which ``overrides/main.html`` reads to
start the worker from the page's head.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitebuild import calculator
from sitebuild.hooks import project_root, reported


@reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = project_root(config)
    for uri, path in calculator.build_assets(root, root / "build" / "site-assets").items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


@reported
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if calculator.is_calculator(markdown):
        page.meta["calculator"] = True
    return calculator.page_markdown(markdown, page.file.src_uri)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return calculator.page_content(html)
