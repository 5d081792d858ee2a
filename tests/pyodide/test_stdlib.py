"""The standard library the site ships holds every module the calculator imports.

A module the shipped ``python_stdlib.zip`` lacks must fail here, never for a reader:

- the trace of the worker's whole life on the full standard library must equal the
  ``traced`` and ``calendar`` groups of ``sitebuild/pyodide-stdlib.txt`` (a new import fails
  this test until the groups are rewritten, and with them what is shipped);
- every standard-library import written in the shipped wheels must be shipped where that
  wheel can reach it, or named as left out on purpose (imports inside functions the trace
  never reaches);
- the zip and the calendar's part hold exactly the listed modules, as bytecode, and the
  lazily imported ones import.
(The golden, error and hostile cases also run on this zip alone, the calendar's cases once
its group is loaded: test_parity.py.)
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sitebuild import stdlib
from tests.pyodide import stdlib_trace
from tests.pyodide.conftest import run_node

REWRITE = "run `.venv/bin/python -m tests.pyodide.stdlib_trace --write` and review the diff"


@pytest.fixture(scope="module")
def groups() -> dict[str, list[str]]:
    return stdlib.read_modules()


@pytest.fixture(scope="module")
def traced(files: Path) -> stdlib_trace.Trace:
    return stdlib_trace.trace(files)


@pytest.mark.parametrize("group", ["traced", "calendar"])
def test_the_traced_groups_are_what_the_calculator_imports(traced, groups, group) -> None:
    found = traced.start if group == "traced" else traced.calendar
    new, gone = sorted(set(found) - set(groups[group])), sorted(set(groups[group]) - set(found))
    assert (new, gone) == ([], []), f"{group}: imported now: {new}; no longer: {gone}; {REWRITE}"
    assert groups[group] == sorted(groups[group])


def test_every_stdlib_import_of_the_wheels_is_shipped_or_left_out(traced, groups) -> None:
    stock = stdlib_trace.stock_modules()
    left_out = set(groups["left-out"])
    at_start = set(stdlib.shipped()) | traced.frozen
    found: dict[str, list[str]] = {}
    unclassified = {}
    for group, wheels in stdlib_trace.shipped_sources().items():
        # The core's code runs before the calendar's part is there; the calendar's after.
        there = at_start | (set(groups[group]) if group in stdlib.PARTS else set())
        for module, where in stdlib_trace.static_imports(wheels, stock).items():
            found.setdefault(module, []).extend(where)
            if module not in there and not any(
                module == m or module.startswith(m + ".") for m in left_out
            ):
                unclassified[module] = [f"{group}: {w}" for w in where[:3]]
    assert unclassified == {}, (
        "imported by the shipped wheels but not shipped where they run, nor left out on "
        "purpose: add each to the lazy group of sitebuild/pyodide-stdlib.txt (shipped in the "
        "zip), or to left-out with why"
    )
    assert sorted(left_out - set(found)) == [], "left out, but no wheel imports these any more"
    assert set(groups["lazy"]) <= stock
    assert not set(groups["lazy"]) & (set(groups["traced"]) | set(groups["calendar"]))


def test_the_zip_and_the_part_hold_exactly_the_listed_modules_as_bytecode(files: Path) -> None:
    shipped = files / "pyodide" / stdlib.NAME
    assert stdlib.zip_modules(shipped) == set(stdlib.shipped())
    (part,) = (files / "wheels").glob(stdlib.PART.format(group="calendar").replace("-", "_") + "-*")
    assert stdlib.zip_modules(part) == set(stdlib.parts()["calendar"])
    for archive in (shipped, part):
        with zipfile.ZipFile(archive) as opened:
            modules = [n for n in opened.namelist() if not n.split("/")[0].endswith(".dist-info")]
        assert modules
        assert all(name.endswith(".pyc") for name in modules)


def test_the_lazily_imported_modules_import_on_the_shipped_zip(files: Path, groups) -> None:
    code = "; ".join(f"import {m}" for m in groups["lazy"])
    code += "; html.unescape('&amp;'); pprint.pformat({}); decimal.Decimal('1.5')"
    code += "; import markupsafe, jinja2.utils; markupsafe.Markup('<b>x</b>').striptags()"
    code += "; jinja2.utils.pformat({'a': 1}); 'done'"
    done = run_node("run", str(files), stdin=code)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout == "done"
