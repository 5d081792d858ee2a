"""The standard library the site ships: ``python_stdlib.zip`` trimmed and byte-compiled.

The npm package's ``python_stdlib.zip`` holds 559 modules as ``.py`` sources, which Pyodide
compiles at every start. The site ships only the modules listed in ``pyodide-stdlib.txt``
beside this module, as bytecode for Pyodide's CPython (pyodide-build's ``pyodide py-compile``
on the zip), so a first visit neither downloads nor compiles the rest.

``pyodide-stdlib.txt`` has four groups (``# group: NAME`` lines), one module a line:

- ``traced``: what the calculator's runtime loads from the zip on every path a reader can
  take: Pyodide's start, the worker's, every golden case in every format, every error, the
  hostile inputs, the calendar loaded on first use. tests/pyodide traces it again on every
  run and fails when it changed (``python -m tests.pyodide.stdlib_trace --write`` rewrites it);
- ``calendar``: traced too, but loaded only once the calendar is, in packages of their own
  (``zoneinfo``, ``uuid``, ...): not in the zip, but in a wheel of the calendar's group
  (:data:`PART`), which the worker loads with the calendar on the first .ics download;
- ``lazy``: imported inside functions of the shipped wheels that the trace does not reach
  (found by tests/pyodide's static check of every import in the wheels), shipped too;
- ``left-out``: imported by the shipped wheels, but on no path of the calculator's (the
  command line's argparse, ...), not shipped: the static check knows them.

A module missing at run time fails tests/pyodide, which runs the golden cases, the error
requests and the hostile inputs on this zip alone.

:func:`build` runs inside Pyodide (``sitebuild.compile``); the rest runs anywhere.
"""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

MODULES = Path(__file__).with_name("pyodide-stdlib.txt")
NAME = "python_stdlib.zip"
GROUPS = ("traced", "calendar", "lazy", "left-out")
SHIPPED = ("traced", "lazy")
"""The groups in the zip."""
PARTS = ("calendar",)
"""The groups shipped as a wheel of the lock's group of the same name."""
PART = "legplan-stdlib-{group}"
"""The name of such a wheel's package."""


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


def parts(path: Path = MODULES) -> dict[str, list[str]]:
    """The modules shipped in a wheel, by the lock's group that wheel belongs to."""
    groups = read_modules(path)
    return {group: sorted(groups[group]) for group in PARTS}


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


def _members(src: Path, modules: list[str]) -> dict[str, bytes]:
    """The members of ``src`` that hold ``modules``, in the zip's order.

    Folders and data files are left out (nothing the shipped modules read).

    Raises:
        ValueError: When a module is not in ``src``.
    """
    wanted = set(modules)
    members = {}
    with zipfile.ZipFile(src) as archive:
        for info in archive.infolist():
            if module_of(info.filename) in wanted:
                members[info.filename] = archive.read(info)
    if missing := sorted(wanted - {module_of(name) for name in members}):
        msg = f"{src.name} has no module {', '.join(missing)}"
        raise ValueError(msg)
    return members


def _write_zip(dst: Path, members: dict[str, bytes], epoch: int) -> None:
    """A zip of ``members`` in their order, all with the time ``epoch`` (seconds since 1970)."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    with zipfile.ZipFile(dst, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)


def trim(src: Path, dst: Path, modules: list[str], epoch: int) -> None:
    """Write ``dst`` with only the members of ``src`` that hold ``modules``."""
    _write_zip(dst, _members(src, modules), epoch)


def part_wheel(
    src: Path, out_dir: Path, group: str, modules: list[str], version: str, epoch: int
) -> Path:
    """A pure wheel of ``modules`` from ``src`` (sources), in ``out_dir``, for ``group``.

    It installs them into site-packages, where Python finds them as it would in the zip, as
    long as no package is split between the two (``build`` checks).
    """
    name = PART.format(group=group)
    stem = f"{name.replace('-', '_')}-{version}"
    members = _members(src, modules)
    dist_info = f"{stem}.dist-info"
    members[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        f"Summary: The standard-library modules only Legplan's {group} needs, from Pyodide "
        f"{version}\n"
    ).encode()
    members[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: sitebuild.stdlib\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n"
    )
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in members.items())
    members[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    path = out_dir / f"{stem}-py3-none-any.whl"
    _write_zip(path, members, epoch)
    return path


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


def build(job: dict[str, Any]) -> None:
    """Inside Pyodide: write the trimmed, byte-compiled zip and the parts' wheels (sources).

    ``job``: ``src``, ``out`` (a folder), ``modules``, ``parts`` (group: modules),
    ``version``, ``epoch`` (as ``sitebuild.compile`` writes it). The parts' wheels are
    compiled with the other wheels (``sitebuild.lock``).

    Raises:
        ValueError: When a part holds a module of a package the zip holds too (Python would
            not look for it outside the zip).
    """
    from sitebuild.lock import py_compile

    in_zip = {m.split(".")[0] for m in job["modules"]}
    for group, modules in job["parts"].items():
        if split := sorted(m for m in modules if m.split(".")[0] in in_zip):
            msg = f"{group}: {', '.join(split)} belong to packages of the zip"
            raise ValueError(msg)
    out = Path(job["out"])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp, NAME)
        trim(Path(job["src"]), staged, job["modules"], job["epoch"])
        py_compile(staged)  # in place: the same name, .pyc for .py
        (out / NAME).write_bytes(staged.read_bytes())
    for group, modules in job["parts"].items():
        part_wheel(Path(job["src"]), out, group, modules, job["version"], job["epoch"])
