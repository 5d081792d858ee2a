"""The static server of the built site, for browser tests and benchmarks (``harness.server``)."""

from __future__ import annotations

import gzip
import http.client
import os
import time
from pathlib import Path

import pytest

from harness.server import SiteServer


@pytest.fixture
def served(tmp_path: Path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text("<h1>home</h1>" * 50, encoding="utf-8")
    (tmp_path / "guide" / "index.html").write_text("<h1>guide</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>not here</h1>", encoding="utf-8")
    (tmp_path / "a.whl").write_bytes(b"PK" * 100)
    with SiteServer(tmp_path) as server:
        server.load()
        yield server


def get(server: SiteServer, path: str, **headers: str) -> http.client.HTTPResponse:
    port = server.httpd.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def test_text_is_gzipped_when_accepted_and_zip_never(served):
    page = get(served, "/", **{"Accept-Encoding": "gzip"})
    assert page.status == 200
    assert page.headers["Content-Encoding"] == "gzip"
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert gzip.decompress(page.body) == (served.root / "index.html").read_bytes()
    assert page.headers["Cache-Control"] == "max-age=600"
    plain = get(served, "/")
    assert "Content-Encoding" not in plain.headers
    wheel = get(served, "/a.whl", **{"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in wheel.headers
    assert wheel.headers["Content-Type"] == "application/zip"


def test_etag_gives_304(served):
    first = get(served, "/guide/")
    again = get(served, "/guide/", **{"If-None-Match": first.headers["ETag"]})
    assert (again.status, again.body) == (304, b"")


def test_folder_redirect_and_not_found_page(served):
    moved = get(served, "/guide")
    assert (moved.status, moved.headers["Location"]) == (301, "/guide/")
    missing = get(served, "/no/such/page/")
    assert (missing.status, missing.body) == (404, b"<h1>not here</h1>")
    assert get(served, "/../../etc/passwd").status == 404


def test_a_changed_file_is_served_anew(served):
    page = served.root / "guide" / "index.html"
    page.write_text("<h1>guide, deployed again</h1>", encoding="utf-8")
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert get(served, "/guide/").body == b"<h1>guide, deployed again</h1>"


def test_bytes_are_counted_per_path(served):
    served.traffic.reset()
    body = get(served, "/guide/").body
    assert served.traffic.snapshot()["/guide/"] > len(body)


def test_bytes_are_counted_by_when_they_were_sent(served):
    served.traffic.reset()
    get(served, "/guide/")
    between = time.time()
    time.sleep(0.01)
    get(served, "/a.whl")
    assert sorted(served.traffic.snapshot(until=between)) == ["/guide/"]
    assert served.traffic.snapshot(until=time.time()) == served.traffic.snapshot()


def test_a_site_that_is_down_answers_nothing(served):
    served.down.set()
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        get(served, "/guide/")
    assert served.hits_while_down == ["GET /guide/ HTTP/1.1"]
    served.down.clear()
    assert get(served, "/guide/").status == 200


def test_a_project_site_is_served_under_its_sub_path(served):
    with SiteServer(served.root, prefix="/legplan/") as project:
        project.load()
        assert project.base_url.endswith("/legplan/")
        assert get(project, "/legplan/").body == (served.root / "index.html").read_bytes()
        moved = get(project, "/legplan/guide")
        assert (moved.status, moved.headers["Location"]) == (301, "/legplan/guide/")
        top = get(project, "/legplan")
        assert (top.status, top.headers["Location"]) == (301, "/legplan/")
        missing = get(project, "/legplan/no/such/page/")
        assert (missing.status, missing.body) == (404, b"<h1>not here</h1>")
        outside = get(project, "/guide/")
        assert (outside.status, outside.body) == (404, b"not found")


def test_a_prefix_is_a_folder():
    with pytest.raises(ValueError, match="prefix"):
        SiteServer(Path("."), prefix="/legplan")
