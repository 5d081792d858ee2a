"""Fixtures for tests/pyodide: the Pyodide files of the site, built once (``sitebuild.compile``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.compile import build_pyodide_files
from sitebuild.wheels import cache_dir, source_wheels

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run.mjs")


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the site ships to Pyodide: ``pyodide/`` (runtime, stdlib), ``wheels/`` (lock)."""
    out = tmp_path_factory.mktemp("pyodide-files")
    build_pyodide_files(ROOT, out)
    return out


@pytest.fixture(scope="session")
def test_wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pytest and its dependencies (the ``test`` group of the pins), never shipped."""
    out = tmp_path_factory.mktemp("test-wheels")
    for wheel in source_wheels(ROOT, cache_dir(ROOT), ("test",)):
        shutil.copyfile(wheel, out / wheel.name)
    return out


def run_node(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run tests/pyodide/run.mjs with ``args``."""
    return subprocess.run(
        ["node", str(RUNNER), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
