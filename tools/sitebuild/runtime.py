"""The pinned Pyodide runtime: its version, and its files, checked against their hashes.

The runtime comes from the npm package ``pyodide`` (``node_modules/pyodide``), pinned in
package.json; ``pyodide-runtime.sha256`` beside this module records the hash of each file
the build takes from it (``sha256sum`` format). The site serves :data:`SERVED` as they are;
``python_stdlib.zip`` and ``pyodide-lock.json`` are inputs of ``sitebuild.compile``, which
writes the site's own (a trimmed, byte-compiled standard library and a lock of the site's
wheels). The bench serves all of :data:`FILES` unchanged as its reference.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sitebuild.errors import SiteError
from sitebuild.files import sha256_file

HASHES = Path(__file__).with_name("pyodide-runtime.sha256")
PYTHON_VERSION = "3.14"
"""The CPython inside the pinned Pyodide; the bytecode tag follows from it."""
SERVED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
"""The runtime files the site serves as the npm package has them."""
STDLIB = "python_stdlib.zip"
STOCK_LOCK = "pyodide-lock.json"
FILES = (*SERVED, STDLIB, STOCK_LOCK)
"""The runtime files a page of the stock runtime needs (no source maps, no CommonJS build,
no consoles): every file the build takes from the npm package."""


def pyodide_dir(root: Path) -> Path:
    """The npm package's folder in the project at ``root``."""
    return root / "node_modules" / "pyodide"


def pyodide_version(root: Path) -> str:
    """The installed Pyodide's version, checked against package.json's pin.

    Raises:
        SiteError: When node_modules holds another version than package.json pins.
    """
    package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    pinned = package["devDependencies"]["pyodide"]
    installed = json.loads((pyodide_dir(root) / "package.json").read_text())["version"]
    if installed != pinned:
        msg = f"node_modules has pyodide {installed}, package.json pins {pinned}: run npm ci"
        raise SiteError(msg)
    return str(installed)


def runtime_hashes(path: Path = HASHES) -> dict[str, str]:
    """The recorded sha256 of each runtime file (``sha256sum`` format)."""
    hashes = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split()
            hashes[name.lstrip("*")] = digest
    return hashes


def copy_runtime(
    out_dir: Path, root: Path, source: Path | None = None, names: tuple[str, ...] = FILES
) -> dict[str, str]:
    """Copy runtime files into ``out_dir``, each checked against its hash.

    Args:
        out_dir: The folder to copy into (created when missing).
        root: The project, whose package.json pins the version.
        source: The npm package's folder (default: the project's).
        names: Which of :data:`FILES` (default: all).

    Returns:
        Each file name with its sha256.

    Raises:
        SiteError: If a file is missing, or its hash is not the recorded one.
    """
    source = source or pyodide_dir(root)
    pyodide_version(root)
    hashes = runtime_hashes()
    if set(hashes) != set(FILES):
        msg = f"{HASHES.name} must list exactly {', '.join(FILES)}"
        raise SiteError(msg)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        target = out_dir / name
        shutil.copyfile(source / name, target)
        actual = sha256_file(target)
        if actual != hashes[name]:
            target.unlink()
            msg = (
                f"{source / name}: sha256 {actual}, expected {hashes[name]} "
                f"({HASHES.name}); reinstall with npm ci"
            )
            raise SiteError(msg)
    return {name: hashes[name] for name in names}
