"""Fixtures for tests/pyodide: the wheels, built once per run by ``sitebuild.wheels``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sitebuild.pins import SHIPPED_GROUPS
from sitebuild.wheels import build_wheels

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run.mjs")


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheels the site ships, with their manifest.json."""
    out = tmp_path_factory.mktemp("wheels")
    build_wheels(out, ROOT, groups=SHIPPED_GROUPS)
    return out


@pytest.fixture(scope="session")
def wheels_with_pytest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped wheels plus pytest and its dependencies."""
    out = tmp_path_factory.mktemp("wheels-with-pytest")
    build_wheels(out, ROOT, groups=(*SHIPPED_GROUPS, "test"))
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
