"""The site build's Pyodide side on the host: the pins, the bytecode rewrite, the runtime copy."""

from __future__ import annotations

import base64
import hashlib
import importlib
import sys
import zipfile
from pathlib import Path

import pytest

from sitebuild.compile import compile_wheel
from sitebuild.errors import SiteError
from sitebuild.files import sha256_file
from sitebuild.pins import SHIPPED_GROUPS, read_pins
from sitebuild.runtime import FILES, copy_runtime, pyodide_dir, runtime_hashes
from tests.pyodide.conftest import ROOT

MODULE = "legplan_compile_probe"


def test_every_pin_has_a_known_group() -> None:
    pins = read_pins()
    assert {p.group for p in pins} == {*SHIPPED_GROUPS, "test"}
    assert [p.name for p in pins if p.from_source] == ["markupsafe"]
    assert len({p.name for p in pins}) == len(pins)


def _wheel(path: Path) -> Path:
    files = {
        f"{MODULE}/__init__.py": b"from .core import answer\n",
        f"{MODULE}/core.py": b'"""Caf\xc3\xa9."""\n\ndef answer():\n    return "\xc3\xa9" * 2\n',
        f"{MODULE}/broken.py": b"def (:\n",
        f"{MODULE}/data.txt": b"kept\n",
        f"{MODULE}/tests/test_core.py": b"def test(): pass\n",
        f"{MODULE}-1.0.dist-info/METADATA": b"Name: probe\nVersion: 1.0\n",
        f"{MODULE}-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nTag: py3-none-any\n",
        f"{MODULE}-1.0.dist-info/RECORD": b"",
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def test_compile_wheel_writes_sourceless_bytecode_and_repeats(tmp_path: Path, monkeypatch) -> None:
    source = _wheel(tmp_path / "probe.whl")
    first, second = tmp_path / "a.whl", tmp_path / "b.whl"
    compile_wheel(str(source), str(first), 1700000000)
    compile_wheel(str(source), str(second), 1700000000)
    assert first.read_bytes() == second.read_bytes()

    with zipfile.ZipFile(first) as zf:
        names = zf.namelist()
        record = zf.read(f"{MODULE}-1.0.dist-info/RECORD").decode()
        contents = {n: zf.read(n) for n in names}
    assert names == [
        f"{MODULE}/__init__.pyc",
        f"{MODULE}/broken.py",
        f"{MODULE}/core.pyc",
        f"{MODULE}/data.txt",
        f"{MODULE}-1.0.dist-info/METADATA",
        f"{MODULE}-1.0.dist-info/WHEEL",
        f"{MODULE}-1.0.dist-info/RECORD",
    ]
    for line in record.splitlines()[:-1]:
        name, digest, size = line.split(",")
        data = contents[name]
        expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
        assert (digest, int(size)) == (f"sha256={expected.decode()}", len(data))
    assert record.splitlines()[-1] == f"{MODULE}-1.0.dist-info/RECORD,,"

    # Compiled by this interpreter, so this interpreter imports it (zipimport reads .pyc).
    monkeypatch.syspath_prepend(str(first))
    module = importlib.import_module(MODULE)
    try:
        assert module.answer() == "éé"
        assert module.__file__.endswith("__init__.pyc")
    finally:
        for name in [MODULE, f"{MODULE}.core"]:
            monkeypatch.delitem(sys.modules, name, raising=False)


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
