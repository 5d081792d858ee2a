"""The site build's Pyodide side: the pins, the lock and its groups, the runtime copy, and
bytes that repeat from build to build."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from sitebuild import lock
from sitebuild.compile import build_pyodide_files
from sitebuild.errors import SiteError
from sitebuild.files import sha256_file
from sitebuild.pins import SHIPPED_GROUPS, TOOLS, read_pins
from sitebuild.runtime import FILES, SERVED, copy_runtime, pyodide_dir, runtime_hashes
from sitebuild.wheels import cache_dir
from tests.pyodide.conftest import ROOT


def test_every_pin_has_a_known_group() -> None:
    pins = read_pins()
    assert {p.group for p in pins} == {*SHIPPED_GROUPS, "test"}
    assert [p.name for p in pins if p.from_source] == ["markupsafe"]
    assert len({p.name for p in pins}) == len(pins)


def test_a_wheel_pinned_twice_is_pinned_alike() -> None:
    tools = {p.name: p.line for p in read_pins(TOOLS)}
    assert {p.name for p in read_pins(TOOLS)} >= {"pyodide-build", "pyodide-lock"}
    both = [(p.line, tools[p.name]) for p in read_pins() if p.name in tools]
    assert both
    assert all(ours == theirs for ours, theirs in both)


def _wheel(path: Path) -> Path:
    files = {
        "probe/__init__.py": b"from .core import answer\n",
        "probe/core.py": b"def answer():\n    return 42\n",
        "probe/tests/test_core.py": b"def test(): pass\n",
        "probe/data.txt": b"kept\n",
        "probe-1.0.dist-info/METADATA": b"Name: probe\nVersion: 1.0\n",
        "probe-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nTag: py3-none-any\n",
        "probe-1.0.dist-info/RECORD": b"",
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def test_strip_wheel_leaves_out_test_folders_and_repeats(tmp_path: Path) -> None:
    source = _wheel(tmp_path / "probe.whl")
    first, second = tmp_path / "a.whl", tmp_path / "b.whl"
    assert lock.strip_wheel(source, first, 1700000000) == ["probe/tests/test_core.py"]
    lock.strip_wheel(source, second, 1700000000)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        names = zf.namelist()
        contents = {n: zf.read(n) for n in names}
    assert names == [
        "probe/__init__.py",
        "probe/core.py",
        "probe/data.txt",
        "probe-1.0.dist-info/METADATA",
        "probe-1.0.dist-info/WHEEL",
        "probe-1.0.dist-info/RECORD",
    ]
    record = contents["probe-1.0.dist-info/RECORD"].decode().splitlines()
    for line in record[:-1]:
        name, digest, size = line.split(",")
        expected = base64.urlsafe_b64encode(hashlib.sha256(contents[name]).digest()).rstrip(b"=")
        assert (digest, int(size)) == (f"sha256={expected.decode()}", len(contents[name]))
    assert record[-1] == "probe-1.0.dist-info/RECORD,,"


def test_groups_must_match_what_the_root_needs() -> None:
    depends = {"legplan": ["jinja2"], "jinja2": ["markupsafe"], "markupsafe": [], "ical": ["tz"]}
    depends["tz"] = []
    groups = {"legplan": "core", "jinja2": "core", "markupsafe": "core"}
    groups |= {"ical": "calendar", "tz": "calendar"}
    assert lock.check_groups(depends, groups, "legplan", ["ical"]) == []
    assert lock.check_groups(depends, {**groups, "tz": "core"}, "legplan", ["ical"]) == [
        "core: legplan does not need tz",
        "calendar: needs tz, of group core",
    ]


def test_copy_runtime_copies_exactly_the_checked_files(tmp_path: Path) -> None:
    hashes = copy_runtime(tmp_path / "runtime", ROOT)
    assert sorted(p.name for p in (tmp_path / "runtime").iterdir()) == sorted(FILES)
    assert hashes == runtime_hashes()
    for name in FILES:
        assert sha256_file(tmp_path / "runtime" / name) == hashes[name]


def test_copy_runtime_refuses_a_changed_file(tmp_path: Path) -> None:
    source = tmp_path / "pyodide"
    source.mkdir()
    for name in FILES:
        (source / name).symlink_to(pyodide_dir(ROOT) / name)
    (source / "pyodide.mjs").unlink()
    (source / "pyodide.mjs").write_text("// not the pinned file\n")
    with pytest.raises(SiteError, match=r"pyodide\.mjs: sha256 "):
        copy_runtime(tmp_path / "runtime", ROOT, source=source)
    assert not (tmp_path / "runtime" / "pyodide.mjs").exists()


def test_the_site_serves_the_npm_runtime_and_its_own_lock_and_stdlib(files: Path) -> None:
    recorded = runtime_hashes()
    served = {p.name: sha256_file(p) for p in (files / "pyodide").iterdir()}
    assert {n: served[n] for n in SERVED} == {n: recorded[n] for n in SERVED}
    assert sorted(served) == sorted([*SERVED, "python_stdlib.zip"])
    assert served["python_stdlib.zip"] != recorded["python_stdlib.zip"]
    assert lock.verify(files / "wheels") == []
    text = (files / "wheels" / "pyodide-lock.json").read_text()
    assert len(text) < 5000  # the stock lock is 119 kB
    assert (
        json.loads(text)["info"]
        == json.loads((pyodide_dir(ROOT) / "pyodide-lock.json").read_text())["info"]
    )


def test_two_builds_give_the_same_bytes(files: Path, tmp_path: Path) -> None:
    """A second build from nothing (its own cache) repeats the first byte for byte.

    Only the downloads pinned by their hash are taken from the first build's cache; the
    legplan and markupsafe wheels are built again, and everything is compiled again.
    """
    cache = tmp_path / "cache"
    for group in ("pypi", "tools"):
        shutil.copytree(cache_dir(ROOT) / group, cache / group)
    for pin in read_pins():
        if pin.from_source:
            for built in (cache / "pypi").glob(f"{pin.stem}*"):
                built.unlink()
    again = tmp_path / "again"
    build_pyodide_files(ROOT, again, cache=cache)

    def hashes(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): sha256_file(p) for p in folder.rglob("*.*")}

    assert hashes(again) == hashes(files)
