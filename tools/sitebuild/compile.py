"""Byte-compile pure wheels for Pyodide's own CPython, inside Pyodide.

The host's CPython writes bytecode for its own version, so :func:`compile_in_pyodide`
runs ``compile.mjs`` under Node: it starts the pinned Pyodide, mounts this package's
folder, imports this module there and calls :func:`compile_wheel` for each wheel.
Each ``.py`` becomes a ``.pyc`` in its place, as in Pyodide's own wheels, and test
folders are left out. That halves the first import (measured under Node: 409 -> 206 ms,
median of 5) for 213 kB more to download at start-up. The bytes repeat on every build.

Only the standard library is imported here, and nothing else of ``sitebuild``, so this
module also runs in Pyodide.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import py_compile
import subprocess
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

RUNNER = Path(__file__).with_name("compile.mjs")
DEFAULT_EPOCH = 1700000000
"""Wheel file times when SOURCE_DATE_EPOCH is unset: fixed, so builds repeat byte for byte."""
TEST_DIRS = frozenset({"test", "tests"})
"""Folders left out of the compiled wheels, as Pyodide's own build does ("unvendored tests")."""


def epoch() -> int:
    """``SOURCE_DATE_EPOCH`` when set, else :data:`DEFAULT_EPOCH`."""
    return int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))


def recipe() -> str:
    """What compiled bytes depend on besides the wheel and Pyodide: this module and its runner."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + RUNNER.read_bytes())
    return digest.hexdigest()


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


def compile_wheel(src: str, dst: str, epoch: int = DEFAULT_EPOCH) -> None:
    """Rewrite a pure wheel as bytecode for the running interpreter, as Pyodide's build does.

    Each ``module.py`` becomes ``module.pyc`` in its place (sourceless: the same
    import time as ``__pycache__`` beside the sources, about 30% fewer bytes), in
    the unchecked-hash form (no file time inside, so the bytes repeat). Files
    that do not compile (e.g. a template named ``.py``) stay as they are. Test
    folders (:data:`TEST_DIRS`) are left out. RECORD is rewritten; entries are
    sorted, dist-info last, all with the same time.

    Args:
        src: The wheel to read.
        dst: The wheel to write.
        epoch: Seconds since 1970 for every entry's time.
    """
    with zipfile.ZipFile(src) as zin:
        files = {i.filename: zin.read(i) for i in zin.infolist() if not i.is_dir()}
    (dist_info,) = {n.split("/")[0] for n in files if n.split("/")[0].endswith(".dist-info")}
    out: dict[str, bytes] = {}
    for name, data in files.items():
        parts = name.split("/")
        if parts[0] == dist_info or parts[0].endswith(".data"):
            continue
        if TEST_DIRS.intersection(parts[:-1]):
            continue
        if not name.endswith(".py"):
            out[name] = data
            continue
        with tempfile.TemporaryDirectory() as tmp:
            # The source file only gives py_compile the code and its hash.
            source, target = Path(tmp, "m.py"), Path(tmp, "m.pyc")
            source.write_bytes(data)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # e.g. SyntaxWarning for old escapes
                    py_compile.compile(
                        str(source),
                        str(target),
                        dfile=name,
                        doraise=True,
                        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
                    )
            except py_compile.PyCompileError:
                out[name] = data
                continue
            out[name + "c"] = target.read_bytes()
    record = f"{dist_info}/RECORD"
    meta = {n: d for n, d in files.items() if n.split("/")[0] == dist_info and n != record}
    data_dirs = {n: d for n, d in files.items() if n.split("/")[0].endswith(".data")}
    ordered = [*sorted(out), *sorted(data_dirs), *sorted(meta)]
    contents = {**out, **data_dirs, **meta}
    lines = [f"{n},{_record_hash(contents[n])},{len(contents[n])}" for n in ordered]
    contents[record] = ("\n".join([*lines, f"{record},,"]) + "\n").encode()
    ordered.append(record)
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    with zipfile.ZipFile(dst, "w") as zout:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, contents[name], compresslevel=9)


def compile_in_pyodide(jobs: list[tuple[Path, Path]], pyodide_dir: Path) -> None:
    """Run :func:`compile_wheel` for each (source, target) pair inside Pyodide under Node.

    Args:
        jobs: Wheels to read and where to write their compiled copies.
        pyodide_dir: The npm package's folder (``node_modules/pyodide``).
    """
    if not jobs:
        return
    spec = {
        "epoch": epoch(),
        "pyodide": str(pyodide_dir.resolve()),
        "jobs": [{"src": str(s.resolve()), "dst": str(d.resolve())} for s, d in jobs],
    }
    subprocess.run(["node", str(RUNNER), json.dumps(spec)], check=True)
