"""Build what Pyodide gets, inside Pyodide: the site's lock, its wheels and standard library.

Called once a site build, by the finishing step for either generator (``sitebuild.finish``,
through ``sitebuild.calculator.build_assets``), by tests/pyodide and from a shell
(``make pyodide-files``, into the same folder the finishing step uses)::

    python -m sitebuild.compile --out build/site-assets

The output folder::

    pyodide/  pyodide.mjs pyodide.asm.mjs pyodide.asm.wasm   the npm package's, checked
              python_stdlib.zip              trimmed, byte-compiled (sitebuild.stdlib)
    wheels/   pyodide-lock.json *-cp314-none-any.whl   the site's lock (sitebuild.lock), and
              the wheels it names, legplan-stdlib-calendar among them (sitebuild.stdlib)

**Why inside Pyodide.** Bytecode must be written by the CPython that runs it: pyodide-build's
``pyodide py-compile`` on a 3.12 host writes ``cp312`` wheels with 3.12's magic number, which
Pyodide's 3.14 refuses. And pyodide-build and pyodide-lock need Python >= 3.12, while the
project's venv may be 3.11. The build needs Node and the pinned npm Pyodide anyway, so
``compile.mjs`` starts that Pyodide under Node, unpacks the pinned tool wheels
(``pyodide-tools.txt``) into it and runs ``sitebuild.stdlib.build`` and
``sitebuild.lock.build`` there. A fresh machine whose ``python3`` is 3.11 builds the site with
nothing else installed, in ``make serve``, ``make test`` and the Pages workflow alike.

**Bytes that repeat.** Every step runs with ``SOURCE_DATE_EPOCH`` (the environment's, else
:data:`~sitebuild.wheels.DEFAULT_EPOCH`): zip entries get that time, and ``py_compile``
writes checked-hash ``.pyc`` (no file time inside; the hash is never checked, as no source is
shipped beside them). Two builds give the same bytes (tests/pyodide checks).

**Smaller bytecode** (:data:`DEBUG_RANGES`, :data:`OPTIMIZE`): the build's Python runs with
``PYTHONNODEBUGRANGES=1`` and ``PYTHONOPTIMIZE=2``, so bytecode keeps file and line numbers
but not the column positions tracebacks underline with carets, nor docstrings and asserts
(no reader sees a traceback: ``legplan.web`` answers errors as JSON).

Each of the two steps is cached under ``build/pyodide-cache/`` by a hash of all its inputs:
an unchanged stdlib is not compiled again when only ``legplan`` changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sitebuild import lock, stdlib
from sitebuild.errors import SiteError
from sitebuild.files import sha256_file
from sitebuild.pins import CORE, SHIPPED_GROUPS, read_pins
from sitebuild.runtime import (
    SERVED,
    STDLIB,
    STOCK_LOCK,
    copy_runtime,
    pyodide_dir,
    pyodide_version,
)
from sitebuild.wheels import cache_dir, epoch, source_wheels, tool_wheels

RUNNER = Path(__file__).with_name("compile.mjs")
ROOT_PACKAGE = "legplan"
DEBUG_RANGES = False
"""Whether the shipped bytecode keeps column positions (``co_positions``), which only
tracebacks use (their ``^^^`` carets). Measured on this project's build: without them the
standard library is 1.30 MB instead of 1.66 MB and the core wheels 335 kB instead of
425 kB, with no slower start (BENCHMARKS.md, issue 16)."""
OPTIMIZE = 2
"""``PYTHONOPTIMIZE`` of the build's Python, as ``python -OO``: the shipped bytecode has no
docstrings and no ``assert`` (nothing of the calculator's reads a docstring or needs an
assert; the golden cases give the same bytes). Measured: the standard library 1.08 MB
instead of 1.30 MB, the core wheels 276 kB instead of 335 kB (BENCHMARKS.md, issue 16)."""
RUNTIME_DIR = "pyodide"
WHEELS_DIR = "wheels"


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def recipe(*parts: Path) -> str:
    """A hash of what compiled bytes depend on besides their inputs: the code that makes them."""
    digest = hashlib.sha256(
        f"debug_ranges={DEBUG_RANGES} optimize={OPTIMIZE} epoch={epoch()}\n".encode()
    )
    for path in (RUNNER, Path(lock.__file__), *parts):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_in_pyodide(root: Path, cache: Path, call: str, job: dict[str, object], mount: Path) -> None:
    """Run ``call`` (``module.function``) on ``job`` inside Pyodide under Node.

    ``mount`` is the host folder that holds the job's files, seen at the same path inside;
    the tool wheels are kept in ``cache``.

    Raises:
        SiteError: When the step fails (its output goes to stderr).
    """
    tools = tool_wheels(cache)
    env = {"SOURCE_DATE_EPOCH": str(epoch())}
    if not DEBUG_RANGES:
        env["PYTHONNODEBUGRANGES"] = "1"
    if OPTIMIZE:
        env["PYTHONOPTIMIZE"] = str(OPTIMIZE)
    spec = {
        "pyodide": str(pyodide_dir(root).resolve()),
        "tools": [str(p.resolve()) for p in tools],
        "mount": str(mount.resolve()),
        "env": env,
        "call": call,
        "job": job,
    }
    done = subprocess.run(
        ["node", str(RUNNER)], input=json.dumps(spec), text=True, capture_output=True, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        msg = f"{call} inside Pyodide failed (exit status {done.returncode})"
        raise SiteError(msg)


KEEP_BUILDS = 3
"""Cached builds kept per step: a few, for switching branches back and forth."""


def _cached(cache: Path, key: str, make: Callable[[Path], None]) -> Path:
    """The folder ``cache/key``, filled by ``make(folder)`` when missing.

    ``make`` fills a temporary folder that is then renamed, so no build ever sees half a
    folder; the oldest other builds are removed (:data:`KEEP_BUILDS`).
    """
    done = cache / key
    if done.is_dir():
        os.utime(done)  # recently used: kept
        return done
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=cache, prefix=".tmp-"))
    try:
        make(tmp)
        try:
            tmp.rename(done)
        except OSError:  # another build made it meanwhile
            if not done.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    builds = [p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")]
    builds.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in builds[KEEP_BUILDS:]:
        if stale != done:
            shutil.rmtree(stale, ignore_errors=True)
    return done


def build_stdlib(root: Path, cache: Path) -> Path:
    """The site's ``python_stdlib.zip`` and the parts' wheels (sources), in a cached folder.

    Cached by the stock zip, the module lists and the recipe.
    """
    modules, parts = stdlib.shipped(), stdlib.parts()
    source = pyodide_dir(root) / STDLIB
    version = pyodide_version(root)
    inputs = json.dumps([sha256_file(source), modules, parts, version])
    key = hashlib.sha256((inputs + recipe(Path(stdlib.__file__))).encode()).hexdigest()[:16]

    def make(folder: Path) -> None:
        copy_runtime(folder / "in", root, names=(STDLIB,))
        job = {
            "src": str(folder / "in" / STDLIB),
            "out": str(folder),
            "modules": modules,
            "parts": parts,
            "version": version,
            "epoch": epoch(),
        }
        run_in_pyodide(root, cache, "sitebuild.stdlib.build", job, folder)
        shutil.rmtree(folder / "in")

    return _cached(cache / "stdlib", key, make)


def build_wheels(root: Path, cache: Path, parts: list[Path], runtime: dict[str, str]) -> Path:
    """The site's lock and wheels (cached by every input wheel, the runtime, the recipe).

    ``parts``: the standard library's wheels (``sitebuild.stdlib``); ``runtime``: the
    served runtime files with their sha256, recorded in the lock.
    """
    pins = [p for p in read_pins() if p.group in SHIPPED_GROUPS]
    groups = {_canonical(p.name): p.group for p in pins} | {ROOT_PACKAGE: CORE}
    groups |= {stdlib.PART.format(group=group): group for group in stdlib.PARTS}
    wheels = [*source_wheels(root, cache, SHIPPED_GROUPS), *parts]
    inputs = "".join(f"{w.name} {sha256_file(w)}\n" for w in wheels)
    inputs += json.dumps([groups, runtime], sort_keys=True) + recipe(Path(stdlib.__file__))
    inputs += sha256_file(pyodide_dir(root) / STOCK_LOCK)
    key = hashlib.sha256(inputs.encode()).hexdigest()[:16]

    def make(folder: Path) -> None:
        (folder / "in").mkdir()
        for wheel in wheels:
            shutil.copyfile(wheel, folder / "in" / wheel.name)
        copy_runtime(folder / "in", root, names=(STOCK_LOCK,))
        job = {
            "wheels": [str(folder / "in" / w.name) for w in wheels],
            "stock_lock": str(folder / "in" / STOCK_LOCK),
            "groups": groups,
            "root": ROOT_PACKAGE,
            "parts": [stdlib.PART.format(group=group) for group in stdlib.PARTS],
            "runtime": runtime,
            "epoch": epoch(),
            "out": str(folder / "out"),
        }
        run_in_pyodide(root, cache, "sitebuild.lock.build", job, folder)
        shutil.rmtree(folder / "in")
        for path in (folder / "out").iterdir():
            path.rename(folder / path.name)
        (folder / "out").rmdir()

    return _cached(cache / "wheels", key, make)


def build_pyodide_files(root: Path, out_dir: Path, cache: Path | None = None) -> dict[str, Path]:
    """Fill ``out_dir`` with the runtime and the wheels; returns each file by its path in it.

    Args:
        root: The project: its ``calculator/``, its pins and its ``node_modules/pyodide``.
        out_dir: The folder to fill (``pyodide/``, ``wheels/``); files of other builds in
            those two folders are removed.
        cache: Where wheels and compiled files are kept between builds (default:
            ``build/pyodide-cache``).

    Raises:
        SiteError: When a file cannot be had or a step fails.
    """
    cache = cache or cache_dir(root)
    pyodide_version(root)
    runtime_dir, wheels_dir = out_dir / RUNTIME_DIR, out_dir / WHEELS_DIR
    for folder in (runtime_dir, wheels_dir):
        shutil.rmtree(folder, ignore_errors=True)
    hashes = copy_runtime(runtime_dir, root, names=SERVED)
    built = build_stdlib(root, cache)
    shutil.copyfile(built / STDLIB, runtime_dir / STDLIB)
    hashes[STDLIB] = sha256_file(runtime_dir / STDLIB)
    parts = sorted(built.glob("*.whl"))
    shutil.copytree(build_wheels(root, cache, parts, hashes), wheels_dir)
    files = {}
    for folder in (runtime_dir, wheels_dir):
        for path in sorted(folder.iterdir()):
            files[f"{folder.name}/{path.name}"] = path
    return files


def main(argv: list[str] | None = None) -> int:
    """``python -m sitebuild.compile``: build the Pyodide files from a shell."""
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild.compile", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (default: .)")
    parser.add_argument("--out", type=Path, help="default: ROOT/build/site-assets")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = args.out or root / "build" / "site-assets"
    try:
        files = build_pyodide_files(root, out)
    except SiteError as exc:
        print(f"sitebuild.compile: error: {exc}", file=sys.stderr)
        return 1
    for name, path in files.items():
        print(f"{path.stat().st_size:>9}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
