"""Wall-clock timings of processes: the site build, the CLI for one plan, ``python -c pass``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def timed(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    """Seconds ``cmd`` took; raises if it failed."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        msg = f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        raise RuntimeError(msg)
    return elapsed


def build_site(source: Path, site_dir: Path, site_url: str) -> float:
    """Build the site of checkout ``source`` into ``site_dir``; seconds taken.

    With the checkout's own venv when it has one (``make install``): the build code is an
    editable install (``tools/``), so this venv's would build another checkout with this
    checkout's build code.
    """
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    own = source / ".venv" / "bin" / "mkdocs"
    mkdocs = own if own.exists() else VENV_BIN / "mkdocs"
    cmd = [str(mkdocs), "build", "--strict", "--clean", "-d", str(site_dir)]
    return timed(cmd, cwd=source, env=env)


def cli_runs(runs: int) -> dict[str, list[float]]:
    """``legplan`` (one plan, text, the defaults) and ``python -c pass``, ``runs`` times each."""
    python = [sys.executable, "-c", "pass"]
    cli = [str(VENV_BIN / "legplan"), "--goal", "tone"]
    out: dict[str, list[float]] = {"python -c pass": [], "legplan --goal tone": []}
    timed(cli)  # the first run fills the bytecode cache
    for _ in range(runs):
        out["python -c pass"].append(timed(python))
        out["legplan --goal tone"].append(timed(cli))
    return out
