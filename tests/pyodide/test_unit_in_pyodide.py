"""The package's unit tests, run by pytest inside Pyodide on the shipped runtime.

pytest needs standard-library modules the calculator does not: they come from the npm
package's full zip, behind the shipped one (tests/pyodide/overlay.py).
"""

from __future__ import annotations

from pathlib import Path

from tests.pyodide.conftest import run_node

UNIT_ARGS = (
    "-q",
    "tests/unit",
    # These build the site or read workflow files: host tools, not the package.
    "--ignore-glob=tests/unit/test_site_*",
    "-k",
    " and ".join(
        (
            # These start processes, which Pyodide cannot.
            "not test_same_request_same_bytes_across_processes",
            "not test_console_script_reports_errors_without_traceback",
        )
    ),
)


def test_unit_tests_pass_in_pyodide(files: Path, test_wheels: Path) -> None:
    done = run_node("pytest", str(files), str(test_wheels), *UNIT_ARGS)
    assert done.returncode == 0, done.stderr[-6000:]
    assert " passed" in done.stderr
