"""What a maintainer reads: the changelog in step with the version, `make help`, the guide.

Host files, not the package (so not run inside Pyodide, as every `test_site_*`).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from legplan import __version__
from legplan.cli import main

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = ROOT / "Makefile"


def _phony_targets() -> set[str]:
    """Every target the Makefile declares ``.PHONY`` (continuation lines joined)."""
    text = MAKEFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    return {name for line in re.findall(r"^\.PHONY:(.*)$", text, re.M) for name in line.split()}


def test_newest_changelog_heading_is_the_version():
    headings = re.findall(
        r"^## (\S+) \((\d{4}-\d{2}-\d{2})\)$", (ROOT / "CHANGELOG.md").read_text(), re.M
    )
    assert headings, "CHANGELOG.md has no '## VERSION (YYYY-MM-DD)' heading"
    assert headings[0][0] == __version__
    dates = [date for _, date in headings]
    assert dates == sorted(dates, reverse=True), "newest release first"


def test_cli_version_is_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"legplan {__version__}"


def test_tools_version_is_the_package_version():
    text = (ROOT / "tools" / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^version = "(.+)"$', text, re.M).group(1) == __version__


def test_make_help_lists_every_target_once():
    out = subprocess.run(
        ["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    listed = [line.split()[1] for line in out.splitlines()]
    assert sorted(listed) == sorted(_phony_targets())
    assert all(len(line.split(maxsplit=2)) == 3 for line in out.splitlines()), "a line each"


def test_guide_names_only_files_that_exist():
    """Every path the maintainer's guide names in backticks is there; a bare name somewhere."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    names = {Path(path).name for path in tracked}
    named = re.findall(
        r"`([\w./-]+\.(?:py|md|yml|toml|json|txt|mjs|js|j2|css)|[\w.-]+/[\w./-]*)`", text
    )
    missing = sorted(
        {
            path
            for path in named
            if not (ROOT / path).exists() and ("/" in path.rstrip("/") or path not in names)
        }
    )
    assert not missing, f"CONTRIBUTING.md names files that do not exist: {missing}"
