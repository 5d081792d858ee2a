"""The standard library the site ships holds every module the calculator imports.

A module the shipped ``python_stdlib.zip`` lacks must fail here, never for a reader:

- the trace of the worker's whole life on the full standard library must equal the
  ``traced`` group of ``sitebuild/pyodide-stdlib.txt`` (a new import fails this test until
  the group is rewritten, and with it the shipped zip);
- every standard-library import written in the shipped wheels must be shipped or named as
  left out on purpose (imports inside functions the trace never reaches);
- the zip holds exactly the listed modules, as bytecode, and the lazily imported ones import.
(The golden, error and hostile cases also run on this zip alone: test_parity.py.)
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


def test_the_traced_group_is_what_the_calculator_imports(traced, groups) -> None:
    new, gone = (
        sorted(set(traced.modules) - set(groups["traced"])),
        sorted(set(groups["traced"]) - set(traced.modules)),
    )
    assert (new, gone) == ([], []), f"imported now: {new}; no longer: {gone}; {REWRITE}"
    assert groups["traced"] == sorted(groups["traced"])


def test_every_stdlib_import_of_the_wheels_is_shipped_or_left_out(traced, groups) -> None:
    stock = stdlib_trace.stock_modules()
    found = stdlib_trace.static_imports(stdlib_trace.shipped_sources(), stock)
    shipped = set(stdlib.shipped()) | traced.frozen
    left_out = set(groups["left-out"])
    unclassified = {
        module: where[:3]
        for module, where in sorted(found.items())
        if module not in shipped
        and not any(module == m or module.startswith(m + ".") for m in left_out)
    }
    assert unclassified == {}, (
        "imported by the shipped wheels but neither shipped nor left out on purpose: add each "
        "to the lazy group of sitebuild/pyodide-stdlib.txt (shipped), or to left-out with why"
    )
    assert sorted(left_out - set(found)) == [], "left out, but no wheel imports these any more"
    assert set(groups["lazy"]) <= stock
    assert not set(groups["lazy"]) & set(groups["traced"])


def test_the_zip_holds_exactly_the_listed_modules_as_bytecode(files: Path) -> None:
    shipped = files / "pyodide" / stdlib.NAME
    assert stdlib.zip_modules(shipped) == set(stdlib.shipped())
    with zipfile.ZipFile(shipped) as archive:
        names = archive.namelist()
    assert names
    assert all(name.endswith(".pyc") for name in names)


def test_the_lazily_imported_modules_import_on_the_shipped_zip(files: Path, groups) -> None:
    code = "; ".join(f"import {m}" for m in groups["lazy"])
    code += "; html.unescape('&amp;'); pprint.pformat({}); decimal.Decimal('1.5')"
    code += "; import markupsafe, jinja2.utils; markupsafe.Markup('<b>x</b>').striptags()"
    code += "; jinja2.utils.pformat({'a': 1}); 'done'"
    done = run_node("run", str(files), stdin=code)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout == "done"
