"""The pure-Python wheels the site's Pyodide files are made from, and the build's tools.

- ``legplan``, built from the project with ``python -m build`` (cached by its sources);
- the pinned PyPI wheels of ``pyodide-wheels.txt`` (``sitebuild.pins``), and markupsafe
  built from its sdist without a C compiler (its pure fallback);
- the pinned tool wheels of ``pyodide-tools.txt`` (pyodide-lock, pyodide-build, ...).

All are fetched for Pyodide's Python (``--python-version 3.14``) and must be
``py3-none-any``. ``sitebuild.compile`` turns them into the site's lock and byte-compiled
wheels, inside Pyodide.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sitebuild.errors import SiteError
from sitebuild.files import sha256_file
from sitebuild.pins import CORE, TOOLS, Pin, read_pins
from sitebuild.runtime import PYTHON_VERSION

PURE_TAGS = ("-py3-none-any.whl", "-py2.py3-none-any.whl")
FOR_PYODIDE = (
    f"--python-version={PYTHON_VERSION}",
    "--implementation=py",
    "--abi=none",
    "--platform=any",
)
"""pip's options that pick pure wheels for Pyodide's Python, whatever Python runs pip."""
DEFAULT_EPOCH = 1700000000
"""File times when SOURCE_DATE_EPOCH is unset: fixed, so builds repeat byte for byte."""


def epoch() -> int:
    """``SOURCE_DATE_EPOCH`` when set, else :data:`DEFAULT_EPOCH`."""
    return int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))


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
            _pip("download", "--no-deps", "--only-binary=:all:", *FOR_PYODIDE,
                 "--require-hashes", "-r", str(reqs), "-d", str(dest))  # fmt: skip
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


def source_wheels(root: Path, cache: Path, groups: tuple[str, ...]) -> list[Path]:
    """The pure wheels of the given groups of ``pyodide-wheels.txt``, and ``legplan``.

    Args:
        root: The project (its ``calculator/`` and ``pyproject.toml``).
        cache: Where downloaded and built wheels are kept between builds.
        groups: Which groups of the pins; ``legplan`` comes with ``core``.

    Raises:
        SiteError: When a wheel cannot be had, or is not pure Python.
    """
    pins = [p for p in read_pins() if p.group in groups]
    with ThreadPoolExecutor(max_workers=1) as pool:
        legplan = pool.submit(build_legplan, root, cache) if CORE in groups else None
        pinned = fetch_pinned(pins, cache / "pypi")
        return sorted([legplan.result(), *pinned] if legplan else pinned)


def tool_wheels(cache: Path) -> list[Path]:
    """The pinned tool wheels of ``pyodide-tools.txt``, downloaded once into ``cache``."""
    return sorted(fetch_pinned(read_pins(TOOLS), cache / "tools"))
