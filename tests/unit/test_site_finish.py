"""The finishing step over a built folder (``sitebuild.finish``) and its small steps.

The whole step over real builds, MkDocs' and Zensical's, is in ``test_site_build.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitebuild import finish, styles
from sitebuild.errors import SiteError
from sitebuild.offline import HELPER, SW_NAME

ROOT = Path(__file__).resolve().parents[2]
PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">{head}</head><body></body></html>'
)


def _write(site: Path, files: dict[str, str]) -> None:
    for uri, text in files.items():
        (site / uri).parent.mkdir(parents=True, exist_ok=True)
        (site / uri).write_text(text, encoding="utf-8")


def test_the_stylesheet_takes_its_parts_in_order_and_they_go(tmp_path):
    _write(
        tmp_path,
        {
            styles.JOINED: '/* parts */\n@import url("b.css");\n@import url("a.css");\n',
            "stylesheets/a.css": "a {}\n",
            "stylesheets/b.css": "b {}\n",
        },
    )
    assert styles.join_site(tmp_path) == ["stylesheets/b.css", "stylesheets/a.css"]
    joined = (tmp_path / styles.JOINED).read_text(encoding="utf-8")
    assert joined == "/* stylesheets/b.css */\nb {}\n\n/* stylesheets/a.css */\na {}\n"
    assert sorted(p.name for p in (tmp_path / "stylesheets").iterdir()) == ["legplan.css"]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('@import url("missing.css");', "imports what the site lacks: stylesheets/missing.css"),
        ('@import url("a.css");\nbody { color: red }', "only @import"),
    ],
)
def test_a_stylesheet_that_cannot_be_joined_fails_saying_why(tmp_path, text, says):
    _write(tmp_path, {styles.JOINED: text, "stylesheets/a.css": "a {}"})
    with pytest.raises(SiteError, match=says):
        styles.join_site(tmp_path)


def test_the_theme_variant_no_page_links_goes(tmp_path):
    _write(
        tmp_path,
        {
            "index.html": PAGE.format(
                head='<link rel="stylesheet" href="./assets/stylesheets/classic/main.1.min.css">'
            ),
            "assets/stylesheets/classic/main.1.min.css": "",
            "assets/stylesheets/modern/main.2.min.css": "",
        },
    )
    finish.unused_theme_styles(finish.Build(tmp_path, ROOT))
    assert [p.name for p in (tmp_path / "assets" / "stylesheets").iterdir()] == ["classic"]


def test_served_by_mkdocs_serve_no_policy_and_a_worker_that_keeps_nothing(tmp_path):
    page = PAGE.format(head="")
    _write(tmp_path, {"index.html": page, HELPER: "export function sha256() {}\n"})
    served = finish.Build(tmp_path, ROOT, serving=True)
    finish.policy(served)
    finish.service_worker(served)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == page
    first = (tmp_path / SW_NAME).read_text(encoding="utf-8").splitlines()[0]
    precache = json.loads(first.removeprefix("const PRECACHE = ").removesuffix(";"))
    assert (precache["version"], precache["files"]) == ("dev", [])


def test_the_policy_and_then_the_hashes_come_last():
    assert finish.STEPS[-2:] == (finish.policy, finish.service_worker)


def test_a_finished_folder_is_refused_in_one_line(tmp_path, capsys):
    (tmp_path / SW_NAME).write_text("", encoding="utf-8")
    assert finish.main([str(tmp_path), "--root", str(ROOT)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("sitebuild.finish: error: ")
    assert "finished already" in err
    assert err.count("\n") == 1


def test_the_manifest_is_written_before_the_policy_and_the_hashes():
    assert finish.STEPS[-3:] == (finish.installable, finish.policy, finish.service_worker)
