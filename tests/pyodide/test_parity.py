"""The golden cases inside Pyodide under Node, from the wheels the site ships.

Every output must be byte for byte what CPython gives. The wheels are built by
hooks/wheels.py exactly as for the site; run.mjs unpacks them into a fresh
Pyodide and prints tests/pyodide/parity.py's outputs as JSON.
"""

from __future__ import annotations

import json
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest
from hooks.wheels import SHIPPED_GROUPS, build_wheels, read_pins, sha256_file

from legplan.render import FORMATS
from legplan.web import MEDIA_TYPES
from tests.golden.cases import CASES
from tests.pyodide import parity

RUNNER = Path(__file__).with_name("run.mjs")
WEB_OUTPUTS = ("web.handle", *(f"web.export.{fmt}" for fmt in MEDIA_TYPES))
COMPARED = [
    *((case.name, output) for case in CASES for output in (*FORMATS, *WEB_OUTPUTS)),
    *(
        (f"web:{name}", output)
        for name in parity.WEB_REQUESTS
        for output in (*WEB_OUTPUTS, "web.export.pdf")
    ),
]


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheels")
    build_wheels(out)
    return out


@pytest.fixture(scope="module")
def in_pyodide(wheels: Path) -> dict[str, object]:
    done = subprocess.run(
        ["node", str(RUNNER), "parity", str(wheels)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"run.mjs failed:\n{done.stderr[-4000:]}"
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def in_cpython() -> dict[str, dict[str, str]]:
    return parity.collect()


def test_the_pinned_wheels_are_what_cpython_runs() -> None:
    pins = [p for p in read_pins() if p.group in SHIPPED_GROUPS]
    assert {p.name: version(p.name) for p in pins} == {p.name: p.version for p in pins}


def test_the_manifest_describes_the_wheels(wheels: Path) -> None:
    manifest = json.loads((wheels / "manifest.json").read_text())
    entries = {w["file"]: (w["sha256"], w["size"]) for w in manifest["wheels"]}
    files = {p.name: (sha256_file(p), p.stat().st_size) for p in wheels.glob("*.whl")}
    assert entries == files
    assert {w["name"] for w in manifest["wheels"] if w["group"] == "core"} == {
        "jinja2",
        "legplan",
        "markupsafe",
    }


def test_pyodide_ran_the_built_wheel(in_pyodide: dict[str, object]) -> None:
    assert str(in_pyodide["python"]).startswith("3.14")
    assert str(in_pyodide["legplan"]).startswith("/lib/python3.14/site-packages/legplan/")


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
