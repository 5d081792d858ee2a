"""The package's unit tests, run by pytest inside Pyodide on the shipped wheels."""

from __future__ import annotations

from pathlib import Path

from tests.pyodide.conftest import run_node

UNIT_ARGS = (
    "-q",
    "tests/unit",
    # These build the site or read workflow files: host tools, not the package.
    "--ignore-glob=tests/unit/test_site_*",
    # These run the CLI in a subprocess, which Pyodide cannot start.
    "--ignore=tests/unit/test_cli.py",
    # Its nested-JSON case kills Pyodide (see test_deeply_nested_request_gets_the_same_reply).
    "-k",
    "not test_handle_errors_are_json_per_field",
)


def test_unit_tests_pass_in_pyodide(wheels_with_pytest: Path) -> None:
    done = run_node("pytest", str(wheels_with_pytest), *UNIT_ARGS)
    assert done.returncode == 0, done.stderr[-6000:]
    assert " passed" in done.stderr
