"""The standard library the site ships: ``python_stdlib.zip`` trimmed and byte-compiled.

The npm package's ``python_stdlib.zip`` holds 559 modules as ``.py`` sources, which Pyodide
compiles at every start. The site ships only the modules listed in ``pyodide-stdlib.txt``
beside this module, as bytecode for Pyodide's CPython (pyodide-build's ``pyodide py-compile``
on the zip), so a first visit neither downloads nor compiles the rest.

``pyodide-stdlib.txt`` has three groups (``# group: NAME`` lines), one module a line:

- ``traced``: what the calculator's runtime imports from the zip on every path a reader can
  take: Pyodide's start, the worker's, every golden case in every format, every error, the
  hostile inputs, the calendar loaded on first use. tests/pyodide traces it again on every
  run and fails when it changed (``python -m tests.pyodide.stdlib_trace --write`` rewrites it);
- ``lazy``: imported inside functions of the shipped wheels that the trace does not reach
  (found by tests/pyodide's static check of every import in the wheels), shipped too;
- ``left-out``: imported by the shipped wheels, but on no path of the calculator's (the
  command line's argparse, ...), not shipped: the static check knows them.

A module missing at run time fails tests/pyodide, which runs the golden cases, the error
requests and the hostile inputs on this zip alone.

:func:`build` runs inside Pyodide (``sitebuild.compile``); the rest runs anywhere.
"""

from __future__ import annotations

import re
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

MODULES = Path(__file__).with_name("pyodide-stdlib.txt")
NAME = "python_stdlib.zip"
GROUPS = ("traced", "lazy", "left-out")
SHIPPED = ("traced", "lazy")


def read_modules(path: Path = MODULES) -> dict[str, list[str]]:
    """The modules of each group of ``pyodide-stdlib.txt``, in file order.

    Raises:
        ValueError: For a line outside a group, or a group not in :data:`GROUPS`.
    """
    modules: dict[str, list[str]] = {group: [] for group in GROUPS}
    group = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"#\s*group:\s*([\w-]+)", raw):
            group = match.group(1)
            if group not in modules:
                msg = f"{path.name}: unknown group {group!r}; the groups are {', '.join(GROUPS)}"
                raise ValueError(msg)
            continue
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if not group or not re.fullmatch(r"[A-Za-z_][\w.-]*", line):
            msg = f"{path.name}: expected a module name in a group; got {raw!r}"
            raise ValueError(msg)
        modules[group].append(line)
    return modules


def shipped(path: Path = MODULES) -> list[str]:
    """The modules the site's zip holds: the ``traced`` and ``lazy`` groups, sorted."""
    groups = read_modules(path)
    return sorted({m for group in SHIPPED for m in groups[group]})


def module_of(member: str) -> str | None:
    """The module a zip member holds, or None for anything else.

    >>> [module_of(m) for m in ["os.py", "email/mime/text.py", "json/__init__.pyc", "a/b.txt"]]
    ['os', 'email.mime.text', 'json', None]
    """
    for suffix in (".py", ".pyc"):
        if member.endswith(suffix):
            parts = member.removesuffix(suffix).split("/")
            if parts[-1] == "__init__":
                parts.pop()
            return ".".join(parts)
    return None


def zip_modules(path: Path) -> set[str]:
    """Every module in a zip of Python modules (``.py`` or ``.pyc``)."""
    with zipfile.ZipFile(path) as archive:
        return {m for m in map(module_of, archive.namelist()) if m}


def trim(src: Path, dst: Path, modules: list[str], epoch: int) -> None:
    """Write ``dst`` with only the members of ``src`` that hold ``modules``.

    Folders and data files are left out (nothing the shipped modules read). Entries keep
    the source's order, all with the time ``epoch``.

    Raises:
        ValueError: When a module is not in ``src``.
    """
    wanted = set(modules)
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    found = set()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            module = module_of(info.filename)
            if module not in wanted:
                continue
            found.add(module)
            new = zipfile.ZipInfo(info.filename, date_time=stamp)
            new.external_attr = 0o644 << 16
            new.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(new, zin.read(info), compresslevel=9)
    if missing := sorted(wanted - found):
        msg = f"{src.name} has no module {', '.join(missing)}"
        raise ValueError(msg)


def build(job: dict[str, Any]) -> None:
    """Inside Pyodide: write the trimmed, byte-compiled zip.

    ``job``: ``src``, ``out``, ``modules``, ``epoch`` (as ``sitebuild.compile`` writes it).
    """
    from sitebuild.lock import py_compile

    out = Path(job["out"])
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp, NAME)
        trim(Path(job["src"]), staged, job["modules"], job["epoch"])
        py_compile(staged)  # in place: the same name, .pyc for .py
        out.write_bytes(staged.read_bytes())
