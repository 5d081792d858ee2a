"""The golden cases inside Pyodide under Node, on the files the site ships.

Every output must be byte for byte what CPython gives. The files are built by
``sitebuild.compile`` exactly as for the site; run.mjs starts Pyodide on them as the
calculator's worker does (the shipped standard library alone, the core wheels as zip
files, the calendar through the lock) and prints tests/pyodide/parity.py's outputs as JSON.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

from legplan import web
from legplan.render import FORMATS
from sitebuild import lock, stdlib
from sitebuild.files import sha256_file
from sitebuild.pins import SHIPPED_GROUPS, read_pins
from tests.golden.cases import CASES
from tests.pyodide import parity
from tests.pyodide.conftest import run_node

ROOT = Path(__file__).parents[2]
WEB_OUTPUTS = ("web.handle", *(f"web.export.{fmt}" for fmt in FORMATS))
COMPARED = [
    *((case.name, output) for case in CASES for output in (*FORMATS, *WEB_OUTPUTS)),
    *(
        (f"web:{name}", output)
        for name in parity.WEB_REQUESTS
        for output in (*WEB_OUTPUTS, "web.export.pdf")
    ),
    *(("hostile", name) for name in parity.HOSTILE),
]


@pytest.fixture(scope="module")
def in_pyodide(files: Path) -> dict[str, object]:
    done = run_node("parity", str(files))
    assert done.returncode == 0, f"run.mjs failed:\n{done.stderr[-4000:]}"
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def in_cpython() -> dict[str, dict[str, str]]:
    return parity.collect()


def test_the_pinned_wheels_are_what_cpython_runs() -> None:
    pins = [p for p in read_pins() if p.group in SHIPPED_GROUPS]
    assert {p.name: version(p.name) for p in pins} == {p.name: p.version for p in pins}


def test_the_lock_describes_the_wheels_and_their_groups(files: Path) -> None:
    lock = json.loads((files / "wheels" / "pyodide-lock.json").read_text())
    entries = {p["file_name"]: p["sha256"] for p in lock["packages"].values()}
    wheels = {p.name: sha256_file(p) for p in (files / "wheels").glob("*.whl")}
    assert entries == wheels
    groups = {name: p["tool"]["legplan"]["group"] for name, p in lock["packages"].items()}
    pins = {p.name: p.group for p in read_pins() if p.group in SHIPPED_GROUPS}
    parts = {stdlib.PART.format(group=group): group for group in stdlib.PARTS}
    assert groups == {**pins, **parts, "legplan": "core"}
    # The calendar loads on first use: loading legplan never pulls it.
    assert lock["packages"]["legplan"]["depends"] == ["jinja2"]
    runtime = lock["tool"]["legplan"]["runtime"]
    assert runtime == {p.name: sha256_file(p) for p in (files / "pyodide").iterdir()}


def test_the_wheel_holds_every_package_file(files: Path) -> None:
    package = ROOT / "calculator"
    expected = {
        p.relative_to(package).as_posix() + ("c" if p.suffix == ".py" else "")
        for p in (package / "legplan").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    (wheel,) = (files / "wheels").glob("legplan-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        packed = {n for n in zf.namelist() if n.startswith("legplan/")}
    assert sorted(expected - packed) == [], "pyproject.toml's package-data misses these"
    assert sorted(packed - expected) == []


def test_pyodide_ran_the_built_wheel(in_pyodide: dict[str, object]) -> None:
    assert str(in_pyodide["python"]).startswith("3.14")
    # Imported from the built wheel as a zip file, as the calculator's worker does.
    assert re.fullmatch(
        r"/lib/legplan-wheels/legplan-[^/]+-cp314-none-any\.whl/legplan/web\.pyc",
        str(in_pyodide["legplan"]),
    )


def test_every_case_ran_in_both(
    in_pyodide: dict[str, object], in_cpython: dict[str, dict[str, str]]
) -> None:
    outputs = in_pyodide["outputs"]
    assert isinstance(outputs, dict)
    assert {c: sorted(o) for c, o in outputs.items()} == {
        c: sorted(o) for c, o in in_cpython.items()
    }
    assert sorted((c, o) for c in in_cpython for o in in_cpython[c]) == sorted(COMPARED)


@pytest.mark.parametrize(("case", "output"), COMPARED, ids=[f"{c}-{o}" for c, o in COMPARED])
def test_same_bytes(
    case: str,
    output: str,
    in_pyodide: dict[str, object],
    in_cpython: dict[str, dict[str, str]],
) -> None:
    outputs = in_pyodide["outputs"]
    assert isinstance(outputs, dict)
    assert outputs[case][output] == in_cpython[case][output]


def test_deeply_nested_request_gets_the_same_reply(files: Path) -> None:
    request_json = '{"goal": "tone", "days": ' + "[" * 100000 + "}"
    # json.loads on this exhausts Node's (and a browser's) stack before Python's recursion
    # limit, and Pyodide dies with a fatal error: legplan.web must refuse it before parsing.
    done = run_node("handle", str(files), stdin=request_json)
    assert done.returncode == 0, f"run.mjs failed:\n{done.stderr[-2000:]}"
    assert done.stdout == web.handle(request_json)


def test_what_the_wheels_leave_out_is_never_imported(files: Path) -> None:
    """``lock.UNUSED``: not in the shipped wheels, and not imported by any case in CPython."""
    script = (
        "import sys; from tests.pyodide import parity; parity.collect(); "
        "print('\\n'.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    imported = {name.replace(".", "/") + ".py" for name in done.stdout.split()}
    assert "jinja2/environment.py" in imported
    assert not imported & lock.UNUSED
    shipped = set()
    for wheel in (files / "wheels").glob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            shipped |= {name.removesuffix("c") for name in archive.namelist()}
    assert "jinja2/environment.py" in shipped
    assert not shipped & lock.UNUSED
