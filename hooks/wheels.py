"""Build the wheels the site ships to Pyodide, and copy the pinned Pyodide runtime.

Used three ways, all through :func:`build_wheels` and :func:`copy_runtime`:

- as a script: ``python hooks/wheels.py --out build/wheels [--runtime DIR]`` (``make wheels``);
- from tests/pyodide, which runs the golden cases inside Pyodide on these very wheels;
- from the site's MkDocs hook, which puts the wheels and the runtime into the site.

The output folder holds the wheels and ``manifest.json``::

    {"pyodide": "314.0.7", "python": "3.14",
     "wheels": [{"name": "legplan", "version": "0.1.0", "group": "core",
                 "file": "legplan-0.1.0-py3-none-any.whl", "sha256": "...", "size": 62292,
                 "bytecode": "cpython-314"}, ...]}

``group`` says when the worker needs a wheel: ``core`` at start-up, ``calendar``
for the first .ics download, ``test`` never (only tests/pyodide asks for it).

Every wheel is pure Python: ``legplan`` from this repository, the pinned PyPI
wheels of ``hooks/pyodide-wheels.txt`` and markupsafe built from its sdist
without a C compiler (its pure fallback). Each is then byte-compiled *inside
Pyodide* (hooks/pyodide_compile.mjs runs :func:`compile_wheel` there), since the
host's CPython writes bytecode for another version: each ``.py`` becomes a
``.pyc`` in its place, as in Pyodide's own wheels, and test folders are left
out. That halves the first import (measured under Node: 409 -> 206 ms, median of 5)
for 213 kB more to download at start-up. The bytes repeat on every build.

Only the standard library is imported here, so :func:`compile_wheel` also runs
in Pyodide.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINS = Path(__file__).resolve().parent / "pyodide-wheels.txt"
RUNTIME_HASHES = Path(__file__).resolve().parent / "pyodide-runtime.sha256"
COMPILER = Path(__file__).resolve().parent / "pyodide_compile.mjs"
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "build" / "pyodide-cache"
SHIPPED_GROUPS = ("core", "calendar")
DEFAULT_EPOCH = 1700000000
"""Wheel file times when SOURCE_DATE_EPOCH is unset: fixed, so builds repeat byte for byte."""

PYTHON_VERSION = "3.14"
"""The CPython inside the pinned Pyodide; the bytecode tag follows from it."""
BYTECODE_TAG = "cpython-" + PYTHON_VERSION.replace(".", "")


@dataclass(frozen=True, slots=True)
class Pin:
    """One line of hooks/pyodide-wheels.txt."""

    name: str
    version: str
    sha256: str
    group: str
    line: str

    @property
    def from_source(self) -> bool:
        """Whether the pin is an sdist to build (markupsafe) rather than a wheel to fetch."""
        return self.name == "markupsafe"


def read_pins(path: Path = PINS) -> list[Pin]:
    """Parse the pinned requirements file and its ``# group:`` sections."""
    pins: list[Pin] = []
    group = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if match := re.match(r"#\s*group:\s*(\w+)", line):
            group = match.group(1)
            continue
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})", line)
        if not match or not group:
            msg = (
                f"{path.name}: expected 'name==version --hash=sha256:...' in a group; got {line!r}"
            )
            raise ValueError(msg)
        name, version, digest = match.groups()
        pins.append(Pin(name.lower(), version, digest, group, line))
    return pins


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _epoch() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))


def _pip(*args: str, env: dict[str, str] | None = None) -> None:
    """Run pip; its output (and the machine's pip configuration warnings) only on failure."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", *args, "--quiet", "--disable-pip-version-check"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        msg = f"pip {args[0]} failed ({done.returncode}):\n{(done.stdout + done.stderr)[-3000:]}"
        raise RuntimeError(msg)


def _wheel_meta(path: Path) -> tuple[str, str]:
    """Name and version from a wheel file name (``name-version-...whl``)."""
    name, version = path.name.split("-")[:2]
    return name.lower().replace("_", "-"), version


def fetch_pinned(pins: list[Pin], dest: Path) -> list[Path]:
    """Download the pinned PyPI wheels and build markupsafe's pure wheel, into ``dest``.

    A wheel already in ``dest`` is reused when its pinned hash still matches
    (markupsafe's built wheel is trusted when it is ``py3-none-any``).
    """
    dest.mkdir(parents=True, exist_ok=True)
    wanted: list[Path] = []
    missing: list[Pin] = []
    for pin in pins:
        stem = f"{pin.name.replace('-', '_')}-{pin.version}-"
        found = [p for p in dest.glob("*.whl") if p.name.lower().startswith(stem)]
        ok = found and (
            found[0].name.endswith("-py3-none-any.whl")
            if pin.from_source
            else sha256_file(found[0]) == pin.sha256
        )
        if ok:
            wanted.append(found[0])
        else:
            for stale in found:
                stale.unlink()
            missing.append(pin)
    with tempfile.TemporaryDirectory() as tmp:
        binary = [p for p in missing if not p.from_source]
        source = [p for p in missing if p.from_source]
        if binary:
            reqs = Path(tmp, "binary.txt")
            reqs.write_text("".join(p.line + "\n" for p in binary), encoding="utf-8")
            _pip("download", "--no-deps", "--only-binary=:all:", "--require-hashes",
                 "-r", str(reqs), "-d", str(dest))  # fmt: skip
        if source:
            reqs = Path(tmp, "source.txt")
            reqs.write_text("".join(p.line + "\n" for p in source), encoding="utf-8")
            # No C compiler: markupsafe falls back to its pure-Python speedups.
            # No cache: a wheel built earlier with a compiler would be platform-specific.
            env = {**os.environ, "CC": "false", "SOURCE_DATE_EPOCH": str(_epoch())}
            _pip("wheel", "--no-deps", "--no-cache-dir", "--require-hashes",
                 "--no-binary", ",".join(p.name for p in source),
                 "-r", str(reqs), "-w", str(dest), env=env)  # fmt: skip
    for pin in missing:
        stem = f"{pin.name.replace('-', '_')}-{pin.version}-"
        (path,) = [p for p in dest.glob("*.whl") if p.name.lower().startswith(stem)]
        if not path.name.endswith(("-py3-none-any.whl", "-py2.py3-none-any.whl")):
            msg = f"{path.name} is not a pure-Python wheel; Pyodide cannot use it"
            raise RuntimeError(msg)
        wanted.append(path)
    return wanted


def _source_tree(dest: Path) -> str:
    """Copy what the legplan wheel is built from into ``dest``; return its content hash.

    A clean copy keeps stale ``build/lib`` files and ``*.egg-info`` out of the wheel.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "calculator", dest / "calculator", ignore=ignore)
    for path in sorted(ROOT.iterdir()):
        if path.is_file() and (
            path.name == "pyproject.toml"
            or path.name.startswith(("README", "LICENSE", "LICENCE", "COPYING", "NOTICE"))
        ):
            shutil.copy2(path, dest / path.name)
    digest = hashlib.sha256(f"epoch={_epoch()}\n".encode())
    for path in sorted(p for p in dest.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(dest).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_legplan(cache: Path) -> Path:
    """Build the ``legplan`` wheel from this repository, reproducibly.

    The wheel is cached under the hash of its sources, so an unchanged
    package is not built again.
    """
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "src")
        key = _source_tree(src)[:16]
        dest = cache / "legplan" / key
        found = sorted(dest.glob("legplan-*.whl"))
        if found:
            return found[0]
        out = Path(tmp, "out")
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(_epoch())}
        done = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(src)],
            check=False,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            sys.stderr.write(done.stdout + done.stderr)
            msg = f"building the legplan wheel failed (exit status {done.returncode})"
            raise RuntimeError(msg)
        (wheel,) = out.glob("legplan-*.whl")
        dest.mkdir(parents=True, exist_ok=True)
        for stale in dest.parent.iterdir():
            if stale != dest:
                shutil.rmtree(stale)
        return Path(shutil.copy2(wheel, dest / wheel.name))


# --- Byte-compilation: compile_wheel runs inside Pyodide --------------------------------


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


TEST_DIRS = frozenset({"test", "tests"})
"""Folders left out of the compiled wheels, as Pyodide's own build does ("unvendored tests")."""


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


def compile_in_pyodide(jobs: list[tuple[Path, Path]]) -> None:
    """Run :func:`compile_wheel` for each (source, target) pair inside Pyodide under Node."""
    if not jobs:
        return
    spec = [{"src": str(s.resolve()), "dst": str(d.resolve())} for s, d in jobs]
    subprocess.run(
        ["node", str(COMPILER), json.dumps({"epoch": _epoch(), "jobs": spec})],
        check=True,
        cwd=ROOT,
    )


def pyodide_version() -> str:
    """The installed Pyodide's version, checked against package.json's pin."""
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["pyodide"]
    installed = json.loads((PYODIDE_DIR / "package.json").read_text())["version"]
    if installed != pinned:
        msg = f"node_modules has pyodide {installed}, package.json pins {pinned}: run npm ci"
        raise RuntimeError(msg)
    return str(installed)


def build_wheels(
    out_dir: Path | str,
    *,
    groups: tuple[str, ...] = SHIPPED_GROUPS,
    bytecode: bool = True,
    cache: Path = CACHE,
) -> dict[str, object]:
    """Put the wheels Pyodide needs into ``out_dir`` and write ``manifest.json``.

    Args:
        out_dir: The folder to fill; wheels of other builds in it are removed.
        groups: Which groups of hooks/pyodide-wheels.txt to include
            (``legplan`` is always ``core``).
        bytecode: Whether to byte-compile the shipped groups' wheels inside Pyodide
            (``bytecode`` in the manifest says which are).
        cache: Where downloaded, built and compiled wheels are kept between runs.

    Returns:
        The manifest (also written to ``out_dir/manifest.json``).
    """
    out = Path(out_dir)
    version = pyodide_version()
    pins = [p for p in read_pins() if p.group in groups]
    group_of = {p.name: p.group for p in pins} | {"legplan": "core"}
    with ThreadPoolExecutor(max_workers=1) as pool:  # two builds in two processes at once
        legplan = pool.submit(build_legplan, cache)
        pinned = fetch_pinned(pins, cache / "pypi")
        sources = [legplan.result(), *pinned]

    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.whl"):
        stale.unlink()
    jobs: list[tuple[Path, Path]] = []
    picked: list[tuple[Path, bool]] = []
    for src in sources:
        # Only shipped wheels are compiled: the test group gains nothing from it.
        if not bytecode or group_of[_wheel_meta(src)[0]] not in SHIPPED_GROUPS:
            picked.append((src, False))
            continue
        # Compiling is deterministic: key the result by its input, Pyodide and this file.
        recipe = f"{sha256_file(src)} {version} {_epoch()} {sha256_file(Path(__file__))}"
        key = hashlib.sha256(recipe.encode()).hexdigest()
        compiled = cache / "compiled" / key[:16] / src.name
        if not compiled.exists():
            compiled.parent.mkdir(parents=True, exist_ok=True)
            jobs.append((src, compiled))
        picked.append((compiled, True))
    compile_in_pyodide(jobs)

    order = {g: i for i, g in enumerate(("core", "calendar", "test"))}
    entries = []
    for path, compiled in picked:
        final = Path(shutil.copy2(path, out / path.name))
        name, ver = _wheel_meta(final)
        entries.append(
            {
                "name": name,
                "version": ver,
                "group": group_of[name],
                "file": final.name,
                "sha256": sha256_file(final),
                "size": final.stat().st_size,
                "bytecode": BYTECODE_TAG if compiled else None,
            }
        )
    entries.sort(key=lambda w: (order.get(str(w["group"]), len(order)), str(w["name"])))
    manifest: dict[str, object] = {
        "pyodide": version,
        "python": PYTHON_VERSION,
        "wheels": entries,
    }
    text = json.dumps(manifest, indent=2) + "\n"
    (out / "manifest.json").write_text(text, encoding="utf-8")
    return manifest


RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
"""The runtime files a page needs (no source maps, no CommonJS build, no consoles)."""


def runtime_hashes(path: Path = RUNTIME_HASHES) -> dict[str, str]:
    """The recorded sha256 of each runtime file (``sha256sum`` format)."""
    hashes = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split()
            hashes[name.lstrip("*")] = digest
    return hashes


def copy_runtime(out_dir: Path | str, source: Path = PYODIDE_DIR) -> dict[str, str]:
    """Copy exactly the runtime files into ``out_dir``, each checked against its hash.

    Args:
        out_dir: The folder to copy into (created when missing).
        source: The npm package's folder.

    Returns:
        Each file name with its sha256.

    Raises:
        RuntimeError: If a file is missing, or its hash is not the recorded one.
    """
    pyodide_version()
    hashes = runtime_hashes()
    if set(hashes) != set(RUNTIME_FILES):
        msg = f"{RUNTIME_HASHES.name} must list exactly {', '.join(RUNTIME_FILES)}"
        raise RuntimeError(msg)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        target = out / name
        shutil.copyfile(source / name, target)
        actual = sha256_file(target)
        if actual != hashes[name]:
            target.unlink()
            msg = (
                f"{source / name}: sha256 {actual}, expected {hashes[name]} "
                f"({RUNTIME_HASHES.name}); reinstall with npm ci"
            )
            raise RuntimeError(msg)
    return hashes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "wheels")
    parser.add_argument(
        "--groups",
        default=",".join(SHIPPED_GROUPS),
        help="groups of hooks/pyodide-wheels.txt (default: %(default)s; add 'test' for pytest)",
    )
    parser.add_argument("--no-bytecode", action="store_true", help="ship sources only")
    parser.add_argument("--runtime", type=Path, help="also copy the Pyodide runtime here")
    args = parser.parse_args(argv)
    manifest = build_wheels(
        args.out, groups=tuple(args.groups.split(",")), bytecode=not args.no_bytecode
    )
    wheels = manifest["wheels"]
    assert isinstance(wheels, list)
    for wheel in wheels:
        print(f"{wheel['size']:>9}  {wheel['group']:<8}  {wheel['file']}")
    print(f"{args.out / 'manifest.json'}")
    if args.runtime:
        copy_runtime(args.runtime)
        print(f"{args.runtime}: {', '.join(RUNTIME_FILES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
