"""The finished-site check for raw Markdown and unexpanded tokens (sitebuild.checks)."""

from __future__ import annotations

import pytest

from sitebuild.checks import check_pages, raw_markup
from sitebuild.errors import SiteError
from sitebuild.figures import expand

BROKEN_TAB = """=== "Compendium"

    Energy:

    {{ table("energy.estimate") }}
"""


@pytest.mark.parametrize(
    "html",
    [
        "<main><p>| Speed (mph) | MET |</p><p>|---|---| | 4 | 6 |</p></main>",
        "<article><p>Runs of {{ fig(&quot;run.health&quot;, &quot;minutes&quot;) }}</p></article>",
        "<p>{% if x %}</p>",
    ],
)
def test_raw_markup_is_found(html):
    assert raw_markup(html)


@pytest.mark.parametrize(
    "html",
    [
        "<table><tr><th>Speed</th><td>4</td></tr></table>",
        "<p>Either | or</p>",
        "<pre><code>| a | b |\n|---|---|</code></pre>",
        "<script>const t = '{{ x }}';</script>",
    ],
)
def test_rendered_pages_pass(html):
    assert raw_markup(html) == []


def test_check_pages_names_the_page(tmp_path):
    (tmp_path / "ok.html").write_text("<p>fine</p>", encoding="utf-8")
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.html").write_text("<p>|---|---|</p>", encoding="utf-8")
    with pytest.raises(SiteError, match=r"guide/index\.html"):
        check_pages(tmp_path)


def test_a_table_token_in_a_tab_keeps_the_tab_indent():
    expanded = expand(BROKEN_TAB, "guide/x.md")
    rows = [line for line in expanded.splitlines() if line.lstrip().startswith("|")]
    assert len(rows) > 3
    assert all(line.startswith("    |") for line in rows)
