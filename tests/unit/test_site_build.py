"""The site builds strictly with each generator, without warnings, and holds what it should.

Each test runs on the MkDocs + Material build and on the Zensical one (``harness.build``),
both finished by the same step (``sitebuild.finish``).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from harness.build import GENERATORS, BuildFailed, build_site
from legplan.render import render
from legplan.request import parse_query
from legplan.rules import GOALS
from legplan.schedule import build_plan
from sitebuild.manifest import head_tags, page_prefix
from sitebuild.styles import JOINED, imported_parts

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://example.test/legplan/"
ASSET = re.compile(r'<(?:link|script|img|source|iframe)\b[^>]*?(?:href|src)="([^"]+)"')


@pytest.fixture(scope="module", params=GENERATORS)
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"site-{request.param}")
    try:
        log = build_site(request.param, ROOT, out, SITE_URL)
    except BuildFailed as exc:
        pytest.fail(str(exc))
    return out, log


def test_strict_build_passes_without_warnings(built):
    _, log = built
    assert [line for line in log.splitlines() if "WARNING" in line.upper()] == []


@pytest.mark.parametrize("goal", [g.value for g in GOALS])
def test_preset_plan_is_the_package_rendering(built, goal):
    """The preset is the package's page, plus what the finishing step adds to every page: the
    policy meta element (``sitebuild.csp``) and the manifest's links (``sitebuild.manifest``)."""
    out, _ = built
    expected = render(build_plan(parse_query(f"goal={goal}")), "html")
    links = head_tags(page_prefix(f"plans/{goal}.html", "/legplan/"))
    expected = expected.replace("</head>", links + "\n</head>", 1)
    shipped = (out / "plans" / f"{goal}.html").read_text(encoding="utf-8")
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]+">')
    assert len(policy.findall(shipped)) == 1
    assert policy.sub("", shipped) == expected


def test_plans_page_links_every_preset(built):
    out, _ = built
    html = (out / "plans" / "index.html").read_text(encoding="utf-8")
    targets = {posixpath.normpath(f"plans/{h}") for h in re.findall(r'href="([^":?#]+)"', html)}
    for goal in GOALS:
        assert f"plans/{goal.value}.html" in targets


def test_every_theme_stylesheet_is_linked(built):
    """Zensical ships both of its variants' stylesheets; the finishing step keeps the one used."""
    out, _ = built
    pages = " ".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    sheets = sorted((out / "assets" / "stylesheets").rglob("*.css"))
    assert sheets
    for sheet in sheets:
        assert sheet.relative_to(out / "assets").as_posix() in pages


def test_calculator_shows_the_default_plan(built):
    out, _ = built
    html = (out / "calculator" / "index.html").read_text(encoding="utf-8")
    container = html.index('<div id="legplan-calculator"')
    output = html.index("data-legplan-output", container)
    assert html.index('<article class="legplan-plan"', output) > output
    assert 'name="goal"' in html[container:output], "the form comes from the field list"
    assert "legplan:default-plan" not in html
    assert "legplan:form" not in html


def test_every_page_has_a_description_and_no_third_party_asset(built):
    out, _ = built
    pages = [p for p in out.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) >= 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<meta name="description" content="[^"]{50,}">', html), page
        # Stylesheets, scripts, images and fonts load from the site itself.
        for url in re.findall(
            r'<(?:link|script|img|source|iframe)\b[^>]*?(?:href|src)="([^"]+)"', html
        ):
            if re.match(r"(https?:)?//", url):
                assert url.startswith(SITE_URL), f"{page}: {url}"


def test_search_dialog_has_one_name(built):
    """Material's gets ours (overrides/main.html); Zensical's has its own, left alone."""
    out, _ = built
    html = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r'data-md-component="search" role="dialog" aria-label="[^"]+">', html)


def test_the_sites_own_styles_are_one_file_with_every_part_in_order(built):
    site, _ = built
    parts = imported_parts((ROOT / "docs" / JOINED).read_text(encoding="utf-8"))
    assert len(parts) > 1
    joined = (site / JOINED).read_text(encoding="utf-8")
    where = []
    for part in parts:
        if part == "stylesheets/plan.css":  # written by sitebuild.plans from the package
            text = (ROOT / "calculator" / "legplan" / "templates" / "plan.css").read_text()
        else:
            text = (ROOT / "docs" / part).read_text(encoding="utf-8")
        where.append(joined.index(text.strip()))
        assert not (site / part).exists()  # served only inside the joined file
    assert where == sorted(where)
    for html in site.rglob("*.html"):
        page = html.read_text(encoding="utf-8")
        if 'id="__config"' not in page:
            continue  # the printable plans carry their own style
        own = [h for h in ASSET.findall(page) if h.endswith(".css") and "assets/" not in h]
        assert [h.rsplit("/", 1)[-1] for h in own] == ["legplan.css"], html
