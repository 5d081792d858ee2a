"""Build the wheels the site ships to Pyodide, with their ``manifest.json``.

Called by the calculator's MkDocs hook, by tests/pyodide (which runs the golden cases
inside Pyodide on these very wheels) and from a shell (``make wheels``)::

    python -m sitebuild.wheels --out build/wheels [--groups core,calendar,test] [--runtime DIR]

The output folder holds the wheels and ``manifest.json``::

    {"pyodide": "314.0.7", "python": "3.14",
     "wheels": [{"name": "legplan", "version": "0.1.0", "group": "core",
                 "file": "legplan-0.1.0-py3-none-any.whl", "sha256": "...", "size": 62292,
                 "bytecode": "cpython-314"}, ...]}

Every wheel is pure Python: ``legplan`` from the project, the pinned PyPI wheels of
``pyodide-wheels.txt`` (``sitebuild.pins``) and markupsafe built from its sdist without
a C compiler (its pure fallback). The shipped groups are then byte-compiled inside
Pyodide (``sitebuild.compile``).
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sitebuild.compile import compile_in_pyodide, epoch, recipe
from sitebuild.errors import SiteError
from sitebuild.files import sha256_file
from sitebuild.pins import GROUPS, SHIPPED_GROUPS, Pin, read_pins
from sitebuild.runtime import FILES, PYTHON_VERSION, copy_runtime, pyodide_dir, pyodide_version

BYTECODE_TAG = "cpython-" + PYTHON_VERSION.replace(".", "")
PURE_TAGS = ("-py3-none-any.whl", "-py2.py3-none-any.whl")


def cache_dir(root: Path) -> Path:
    """Where downloaded, built and compiled wheels are kept between builds."""
    return root / "build" / "pyodide-cache"


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
        raise SiteError(msg)


def _wheel_meta(path: Path) -> tuple[str, str]:
    """Name and version from a wheel file name (``name-version-...whl``)."""
    name, version = path.name.split("-")[:2]
    return name.lower().replace("_", "-"), version


def _cached(pin: Pin, dest: Path) -> list[Path]:
    return [p for p in dest.glob("*.whl") if p.name.lower().startswith(pin.stem)]


def fetch_pinned(pins: list[Pin], dest: Path) -> list[Path]:
    """Download the pinned PyPI wheels and build markupsafe's pure wheel, into ``dest``.

    A wheel already in ``dest`` is reused when its pinned hash still matches
    (markupsafe's built wheel is trusted when it is ``py3-none-any``).

    Raises:
        SiteError: When pip fails, or a wheel is not pure Python.
    """
    dest.mkdir(parents=True, exist_ok=True)
    wanted: list[Path] = []
    missing: list[Pin] = []
    for pin in pins:
        found = _cached(pin, dest)
        ok = found and (
            found[0].name.endswith(PURE_TAGS[0])
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
            env = {**os.environ, "CC": "false", "SOURCE_DATE_EPOCH": str(epoch())}
            _pip("wheel", "--no-deps", "--no-cache-dir", "--require-hashes",
                 "--no-binary", ",".join(p.name for p in source),
                 "-r", str(reqs), "-w", str(dest), env=env)  # fmt: skip
    for pin in missing:
        (path,) = _cached(pin, dest)
        if not path.name.endswith(PURE_TAGS):
            msg = f"{path.name} is not a pure-Python wheel; Pyodide cannot use it"
            raise SiteError(msg)
        wanted.append(path)
    return wanted


def _source_tree(root: Path, dest: Path) -> str:
    """Copy what the legplan wheel is built from into ``dest``; return its content hash.

    A clean copy keeps stale ``build/lib`` files and ``*.egg-info`` out of the wheel.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(root / "calculator", dest / "calculator", ignore=ignore)
    for path in sorted(root.iterdir()):
        if path.is_file() and (
            path.name == "pyproject.toml"
            or path.name.startswith(("README", "LICENSE", "LICENCE", "COPYING", "NOTICE"))
        ):
            shutil.copy2(path, dest / path.name)
    digest = hashlib.sha256(f"epoch={epoch()}\n".encode())
    for path in sorted(p for p in dest.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(dest).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_legplan(root: Path, cache: Path) -> Path:
    """Build the ``legplan`` wheel from the project at ``root``, reproducibly.

    The wheel is cached under the hash of its sources, so an unchanged
    package is not built again.

    Raises:
        SiteError: When the build fails (its output goes to stderr).
    """
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "src")
        key = _source_tree(root, src)[:16]
        dest = cache / "legplan" / key
        found = sorted(dest.glob("legplan-*.whl"))
        if found:
            return found[0]
        out = Path(tmp, "out")
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch())}
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
            raise SiteError(msg)
        (wheel,) = out.glob("legplan-*.whl")
        dest.mkdir(parents=True, exist_ok=True)
        for stale in dest.parent.iterdir():
            if stale != dest:
                shutil.rmtree(stale)
        return Path(shutil.copy2(wheel, dest / wheel.name))


def build_wheels(
    out_dir: Path,
    root: Path,
    *,
    groups: tuple[str, ...] = SHIPPED_GROUPS,
    bytecode: bool = True,
    cache: Path | None = None,
) -> dict[str, object]:
    """Put the wheels Pyodide needs into ``out_dir`` and write ``manifest.json``.

    Args:
        out_dir: The folder to fill; wheels of other builds in it are removed.
        root: The project: its ``calculator/`` and its pinned ``node_modules/pyodide``.
        groups: Which groups of the pins to include (``legplan`` is always ``core``).
        bytecode: Whether to byte-compile the shipped groups' wheels inside Pyodide
            (``bytecode`` in the manifest says which are).
        cache: Where downloaded, built and compiled wheels are kept between runs
            (default: :func:`cache_dir`).

    Returns:
        The manifest (also written to ``out_dir/manifest.json``).
    """
    cache = cache or cache_dir(root)
    version = pyodide_version(root)
    pins = [p for p in read_pins() if p.group in groups]
    group_of = {p.name: p.group for p in pins} | {"legplan": "core"}
    with ThreadPoolExecutor(max_workers=1) as pool:  # two builds in two processes at once
        legplan = pool.submit(build_legplan, root, cache)
        pinned = fetch_pinned(pins, cache / "pypi")
        sources = [legplan.result(), *pinned]

    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.whl"):
        stale.unlink()
    jobs: list[tuple[Path, Path]] = []
    picked: list[tuple[Path, bool]] = []
    for src in sources:
        # Only shipped wheels are compiled: the test group gains nothing from it.
        if not bytecode or group_of[_wheel_meta(src)[0]] not in SHIPPED_GROUPS:
            picked.append((src, False))
            continue
        # Compiling is deterministic: key the result by its input, Pyodide and the compiler.
        key = hashlib.sha256(f"{sha256_file(src)} {version} {epoch()} {recipe()}".encode())
        compiled = cache / "compiled" / key.hexdigest()[:16] / src.name
        if not compiled.exists():
            compiled.parent.mkdir(parents=True, exist_ok=True)
            jobs.append((src, compiled))
        picked.append((compiled, True))
    compile_in_pyodide(jobs, pyodide_dir(root))

    order = {g: i for i, g in enumerate(GROUPS)}
    entries = []
    for path, is_compiled in picked:
        final = Path(shutil.copy2(path, out_dir / path.name))
        name, ver = _wheel_meta(final)
        entries.append(
            {
                "name": name,
                "version": ver,
                "group": group_of[name],
                "file": final.name,
                "sha256": sha256_file(final),
                "size": final.stat().st_size,
                "bytecode": BYTECODE_TAG if is_compiled else None,
            }
        )
    entries.sort(key=lambda w: (order.get(str(w["group"]), len(order)), str(w["name"])))
    manifest: dict[str, object] = {
        "pyodide": version,
        "python": PYTHON_VERSION,
        "wheels": entries,
    }
    text = json.dumps(manifest, indent=2) + "\n"
    (out_dir / "manifest.json").write_text(text, encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """``python -m sitebuild.wheels``: build the wheels (and copy the runtime) from a shell."""
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild.wheels", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (default: .)")
    parser.add_argument("--out", type=Path, help="default: ROOT/build/wheels")
    parser.add_argument(
        "--groups",
        default=",".join(SHIPPED_GROUPS),
        help="groups of pyodide-wheels.txt (default: %(default)s; add 'test' for pytest)",
    )
    parser.add_argument("--no-bytecode", action="store_true", help="ship sources only")
    parser.add_argument("--runtime", type=Path, help="also copy the Pyodide runtime here")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = args.out or root / "build" / "wheels"
    try:
        manifest = build_wheels(
            out, root, groups=tuple(args.groups.split(",")), bytecode=not args.no_bytecode
        )
        wheels = manifest["wheels"]
        assert isinstance(wheels, list)
        for wheel in wheels:
            print(f"{wheel['size']:>9}  {wheel['group']:<8}  {wheel['file']}")
        print(f"{out / 'manifest.json'}")
        if args.runtime:
            copy_runtime(args.runtime, root)
            print(f"{args.runtime}: {', '.join(FILES)}")
    except SiteError as exc:
        print(f"sitebuild.wheels: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
