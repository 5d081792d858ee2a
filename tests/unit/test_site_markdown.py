"""The Markdown extension (``sitebuild.markdown``) as Zensical sets Python-Markdown up.

Zensical hands the page to extensions through its ``ContextExtension``; these tests build
the same Markdown instance it builds. MkDocs' way (its ``relpath`` treeprocessor) is
covered by the real builds in ``test_site_build.py``.
"""

from __future__ import annotations

import pytest
from markdown import Markdown
from zensical.extensions.context import ContextExtension, Page

from sitebuild import calculator
from sitebuild.errors import SiteError

META = {"description": "A page about running and legs."}
EXTENSIONS = [
    "sitebuild.markdown",
    "tables",
    "md_in_html",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]
CONFIGS = {"pymdownx.tabbed": {"alternate_style": True}}


def convert(text: str, path: str = "guide/x.md", meta: dict | None = None) -> str:
    page = Page(url=path.removesuffix(".md") + "/", path=path, meta=META if meta is None else meta)
    md = Markdown(
        extensions=[ContextExtension(page=page, config={}), *EXTENSIONS],
        extension_configs=CONFIGS,
    )
    return md.convert(text)


def test_tokens_are_expanded_with_links_from_the_page():
    html = convert('Run {{ fig("run.health", "minutes") }}.\n\n{{ rules_table() }}')
    assert "Run 30–45 min." in html
    assert 'href="../sources.md#article"' in html  # relative to guide/x.md
    assert "{{" not in html


def test_a_table_token_in_a_tab_stays_a_table_in_the_tab():
    html = convert('=== "Compendium"\n\n    Energy:\n\n    {{ table("energy.estimate") }}\n')
    tab = html[html.index('class="tabbed-block"') :]
    assert "<table>" in tab
    assert "|---|" not in html


def test_a_page_without_a_description_fails_naming_it():
    with pytest.raises(SiteError, match=r"guide/x\.md: no 'description'"):
        convert("# Hi", meta={})


def test_a_bad_token_fails_naming_the_page():
    with pytest.raises(SiteError, match=r"safety\.md: bad token"):
        convert('{{ fig("run.health", "nope") }}', path="safety.md")


def test_the_preset_list_links_each_plan():
    html = convert("<!-- legplan:preset-plans -->", path="plans.md")
    assert 'href="plans/tone.html"' in html


def test_the_calculator_page_gets_its_form_and_default_plan():
    page = (
        f'<div id="legplan-calculator" markdown>\n{calculator.FORM_MARKER}\n\n'
        f"<div>{calculator.DEFAULT_MARKER}</div>\n</div>"
    )
    html = convert(page, path="calculator.md")
    assert 'name="goal"' in html
    assert '<article class="legplan-plan"' in html
    assert "legplan:" not in html


def test_without_a_generator_there_is_no_page():
    with pytest.raises(SiteError, match="no page to convert"):
        Markdown(extensions=["sitebuild.markdown"]).convert("text")
