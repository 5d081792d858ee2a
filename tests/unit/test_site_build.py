"""The site builds with `mkdocs build --strict` and zero warnings, and holds what it should."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from legplan.render import render
from legplan.request import parse_query
from legplan.rules import GOALS
from legplan.schedule import build_plan

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://example.test/legplan/"
ASSET = re.compile(r'<(?:link|script|img|source|iframe)\b[^>]*?(?:href|src)="([^"]+)"')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    return out, result


def test_strict_build_passes_without_warnings(built):
    _, result = built
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert [line for line in log.splitlines() if "WARNING" in line] == []


@pytest.mark.parametrize("goal", [g.value for g in GOALS])
def test_preset_plan_is_the_package_rendering(built, goal):
    """The preset is the package's page, plus the policy meta element ``sitebuild.csp`` adds."""
    out, _ = built
    expected = render(build_plan(parse_query(f"goal={goal}")), "html")
    shipped = (out / "plans" / f"{goal}.html").read_text(encoding="utf-8")
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]+">')
    assert len(policy.findall(shipped)) == 1
    assert policy.sub("", shipped) == expected


def test_plans_page_links_every_preset(built):
    out, _ = built
    html = (out / "plans" / "index.html").read_text(encoding="utf-8")
    for goal in GOALS:
        assert f'href="{goal.value}.html"' in html


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


def test_search_dialog_has_a_name(built):
    out, _ = built
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search" role="dialog" aria-label="Search this site"' in html


def test_the_sites_own_styles_are_one_file_with_every_part_in_order(built):
    site, _ = built

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    parts = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader)["extra_css"]
    assert len(parts) > 1
    joined = (site / "stylesheets" / "legplan.css").read_text(encoding="utf-8")
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
