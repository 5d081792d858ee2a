"""The site built as ``make build`` and ``make build-zensical`` build it, into any folder.

- ``mkdocs``: ``mkdocs build --strict --clean -d SITE_DIR``; the finishing step runs inside
  it (``hooks/finish.py``).
- ``zensical``: ``zensical build --clean --strict`` (the pinned Zensical, always from a
  clean cache: it does not see the extension's code change), then the finishing step,
  ``python -m sitebuild.finish``. Zensical has no flag for the output folder and writes only
  inside the project, so it builds into a folder of ``build/`` (``SITE_DIR`` in mkdocs.yml)
  that is then moved where it was asked.

``SITE_URL`` is the address the site is served on (instant navigation needs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

GENERATORS = ("mkdocs", "zensical")


class BuildFailed(RuntimeError):
    """A build that failed; the message holds its command and its log."""


def _run(cmd: list[str], root: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        msg = f"{' '.join(cmd)} failed ({proc.returncode}):\n{log}"
        raise BuildFailed(msg)
    return log


def build_site(generator: str, root: Path, site_dir: Path, site_url: str) -> str:
    """Build the project ``root`` with ``generator`` into ``site_dir``, finished; its log.

    ``site_dir`` is emptied first.

    Raises:
        BuildFailed: When the generator or the finishing step fails.
        ValueError: For a generator not in :data:`GENERATORS`.
    """
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    python = sys.executable
    if generator == "mkdocs":
        cmd = [python, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)]
        return _run(cmd, root, env)
    if generator != "zensical":
        msg = f"unknown generator {generator!r}; expected one of {', '.join(GENERATORS)}"
        raise ValueError(msg)
    (root / "build").mkdir(exist_ok=True)
    inside = Path(tempfile.mkdtemp(prefix="site-zensical-", dir=root / "build"))
    try:
        cmd = [python, "-m", "zensical", "build", "--clean", "--strict"]
        log = _run(cmd, root, {**env, "SITE_DIR": str(inside)})
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.move(inside, site_dir)
    finally:
        shutil.rmtree(inside, ignore_errors=True)
    return log + _run([python, "-m", "sitebuild.finish", str(site_dir)], root, env)
