"""The web app manifest and its icons (``sitebuild.manifest``)."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest

from sitebuild import manifest
from sitebuild.errors import SiteError


def pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the raw RGBA rows (with their filter bytes) of one of our PNGs."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    assert (depth, colour) == (8, 6)  # 8-bit RGBA
    data = b""
    at = 8
    while at < len(png):
        (size,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        if kind == b"IDAT":
            data += png[at + 8 : at + 8 + size]
        at += 12 + size
    return width, height, zlib.decompress(data)


@pytest.mark.parametrize("icon", [*manifest.ICONS, manifest.TOUCH_ICON], ids=str)
def test_each_icon_is_a_png_of_its_size_drawn_the_same_every_time(icon):
    png = manifest.draw_icon(icon)
    width, height, raw = pixels(png)
    assert (width, height) == (icon.size, icon.size)
    assert len(raw) == height * (1 + 4 * width)
    assert png == manifest.draw_icon(icon)
    row = raw[(height // 2) * (1 + 4 * width) + 1 :][: 4 * width]
    middle = row[4 * (width // 2) : 4 * (width // 2) + 4]
    assert middle[3] == 255  # opaque inside
    corner = raw[1:5]
    assert corner[3] == (255 if icon.maskable else 0)  # maskable icons fill their square


def test_the_manifest_opens_the_calculator_standalone():
    doc = manifest.manifest("Legplan: plans", "Legplan", "What it is.")
    assert doc["start_url"] == "calculator/"
    assert doc["scope"] == "./"
    assert doc["display"] == "standalone"
    assert doc["short_name"] == "Legplan"
    icons = doc["icons"]
    assert isinstance(icons, list)
    assert {(i["sizes"], i["purpose"]) for i in icons} >= {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for page in ["index.html", "guide/x/index.html", "plans/tone.html", "404.html"]:
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<html><head><meta charset=utf-8></head><body></body></html>")
    (site / "assets" / "x").mkdir(parents=True)
    (site / "assets" / "x" / "embedded.html").write_text("<p>not a page</p>")
    return site


def test_every_page_links_the_manifest_from_where_it_is(tmp_path):
    site = _site(tmp_path)
    written = manifest.write_manifest(
        site, site_name="Legplan", description="Plans.", base_path="/legplan/"
    )
    assert manifest.MANIFEST in written
    doc = json.loads((site / manifest.MANIFEST).read_text(encoding="utf-8"))
    for icon in doc["icons"]:
        assert (site / icon["src"]).is_file()
    assert (site / manifest.TOUCH_ICON.path).is_file()
    links = {
        "index.html": 'href="manifest.webmanifest"',
        "guide/x/index.html": 'href="../../manifest.webmanifest"',
        "plans/tone.html": 'href="../manifest.webmanifest"',
        "404.html": 'href="/legplan/manifest.webmanifest"',
    }
    for page, link in links.items():
        text = (site / page).read_text(encoding="utf-8")
        assert f'<link rel="manifest" {link}>' in text
        assert text.count('name="theme-color"') == 2
    assert "manifest" not in (site / "assets/x/embedded.html").read_text(encoding="utf-8")
    # Run again (mkdocs serve rebuilds): one link each, the same bytes.
    before = {p: (site / p).read_bytes() for p in links}
    manifest.write_manifest(site, site_name="Legplan", description="Plans.", base_path="/legplan/")
    assert {p: (site / p).read_bytes() for p in links} == before


def test_a_page_without_a_head_fails_the_build(tmp_path):
    site = _site(tmp_path)
    (site / "broken.html").write_text("<p>no head</p>")
    with pytest.raises(SiteError, match=r"broken\.html"):
        manifest.write_manifest(site, site_name="L", description="D.")


def test_the_site_settings_come_from_mkdocs_yml_with_its_env_tags(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Legplan\nsite_description: >-\n  Plans,\n  printable.\n"
        "site_url: !ENV [LEGPLAN_TEST_URL, 'https://a.example/legplan/']\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("LEGPLAN_TEST_URL", raising=False)
    assert manifest.site_settings(tmp_path) == manifest.SiteSettings(
        "Legplan", "Plans, printable.", "/legplan/"
    )
    monkeypatch.setenv("LEGPLAN_TEST_URL", "http://127.0.0.1:8000/")
    assert manifest.site_settings(tmp_path).base_path == "/"


def test_a_project_without_mkdocs_yml_fails_the_build_in_one_line(tmp_path):
    with pytest.raises(SiteError, match=r"mkdocs\.yml"):
        manifest.site_settings(tmp_path)
