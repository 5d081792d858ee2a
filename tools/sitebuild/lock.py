"""The site's own ``pyodide-lock.json`` and the byte-compiled wheels it names.

:func:`build` runs inside Pyodide under Node (``sitebuild.compile`` starts it there, with
pyodide-lock and pyodide-build unpacked), in four steps:

1. **strip**: the pure input wheels lose their ``test``/``tests`` folders, as Pyodide's
   own build unvendors tests, and the modules nothing imports (:data:`UNUSED`; :func:`strip_wheel`);
2. **lock**: pyodide-lock's ``add_wheels_to_spec`` adds them to a lock that holds the pinned
   runtime's ``info`` and no package (so no entry of the stock lock, whose wheels the site
   does not serve, can stand in for a missing dependency): name, version, imports, depends
   from each wheel's metadata, and its sha256. Each package records its group of
   ``pyodide-wheels.txt`` in ``tool.legplan.group``; the calendar group's root leaves
   ``legplan``'s ``depends``, so loading the core never pulls the calendar; the standard
   library's part for the calendar (``sitebuild.stdlib``) is in its group (:func:`make_lock`);
3. **byte-compile**: pyodide-build's ``pyodide py-compile DIR`` (its command, called in this
   interpreter, so the bytecode is Pyodide's CPython's): ``*-py3-none-any.whl`` becomes
   ``*-cp314-none-any.whl`` with ``.pyc`` in place of ``.py``, and DIR's lock gets the new
   file names and the sha256 of the files written (:func:`py_compile`);
4. **finish and verify**: the lock also names the runtime's files with their sha256
   (``tool.legplan.runtime``: the trimmed standard library and the files served as the npm
   package has them), so it is the one list of names and hashes of everything the worker
   loads; then every entry is checked against its file (:func:`verify`).

Only the standard library is imported at module level (pyodide-lock and pyodide-build inside
the functions that need them), so the host can import this module too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

LOCK = "pyodide-lock.json"
TOOL = "legplan"
"""The key of this site's data in the lock's ``tool`` tables."""
CORE = "core"
TEST_DIRS = frozenset({"test", "tests"})
"""Folders left out of the wheels, as Pyodide's own build does ("unvendored tests")."""
UNUSED = frozenset(
    {"jinja2/ext.py", "jinja2/meta.py", "jinja2/nativetypes.py", "jinja2/sandbox.py"}
)
"""Modules of the shipped wheels that nothing the calculator runs imports, left out too:
Jinja's extensions, meta API, native types and sandbox, which only an explicit import (or an
``extensions=`` the package never passes) reaches. 25 kB of a first visit. A module missing at
run time fails tests/pyodide, which runs every golden, error and hostile case on these wheels;
``test_parity`` also checks that CPython, rendering every case, imports none of them."""


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


def strip_wheel(src: Path, dst: Path, epoch: int) -> list[str]:
    """Copy a pure wheel without its test folders and :data:`UNUSED`; the names left out.

    RECORD is rewritten; entries are sorted, dist-info last, all with the time ``epoch``
    (seconds since 1970), so the bytes repeat.
    """
    with zipfile.ZipFile(src) as zin:
        files = {i.filename: zin.read(i) for i in zin.infolist() if not i.is_dir()}
    (dist_info,) = {n.split("/")[0] for n in files if n.split("/")[0].endswith(".dist-info")}
    record = f"{dist_info}/RECORD"
    dropped = sorted(n for n in files if TEST_DIRS.intersection(n.split("/")[:-1]) or n in UNUSED)
    kept = [n for n in files if n != record and n not in dropped]
    ordered = sorted(kept, key=lambda n: (n.startswith(dist_info + "/"), n))
    lines = [f"{n},{_record_hash(files[n])},{len(files[n])}" for n in ordered]
    files[record] = ("\n".join([*lines, f"{record},,"]) + "\n").encode()
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    with zipfile.ZipFile(dst, "w") as zout:
        for name in [*ordered, record]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, files[name], compresslevel=9)
    return dropped


def closure(depends: dict[str, list[str]], roots: list[str]) -> set[str]:
    """Every package ``roots`` need, themselves included.

    >>> sorted(closure({"a": ["b"], "b": ["c"], "c": [], "d": []}, ["a"]))
    ['a', 'b', 'c']
    """
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(depends[name])
    return seen


def check_groups(
    depends: dict[str, list[str]], groups: dict[str, str], root: str, lazy: list[str]
) -> list[str]:
    """What is wrong with ``groups`` for these dependencies (nothing: an empty list).

    ``lazy`` are the packages ``root`` needs that load on first use (the roots of the other
    groups), already taken out of ``depends[root]``. The core group must be exactly what
    ``root`` needs at start-up; each other group exactly what its roots need beyond it.

    >>> deps = {"app": ["lib"], "lib": [], "cal": ["tz"], "tz": []}
    >>> groups = {"app": "core", "lib": "core", "cal": "cal", "tz": "cal"}
    >>> check_groups(deps, groups, "app", ["cal"])
    []
    >>> check_groups(deps, {**groups, "lib": "cal"}, "app", ["cal"])
    ['core: app needs lib, of group cal', 'cal: lib is in the group, but cal does not need it']
    """
    problems = []
    core = closure(depends, [root])
    for name in sorted(core):
        problems += [
            f"{CORE}: {name} needs {d}, of group {groups[d]}"
            for d in depends[name]
            if groups[d] != CORE
        ]
    declared = {name for name, group in groups.items() if group == CORE}
    problems += [f"{CORE}: {root} does not need {n}" for n in sorted(declared - core)]
    for group in sorted(set(groups.values()) - {CORE}):
        members = {name for name, g in groups.items() if g == group}
        needed = closure(depends, [r for r in lazy if groups[r] == group]) - core
        roots = ", ".join(sorted(r for r in lazy if groups[r] == group))
        problems += [f"{group}: needs {n}, of group {groups[n]}" for n in sorted(needed - members)]
        problems += [
            f"{group}: {n} is in the group, but {roots} does not need it"
            for n in sorted(members - needed)
        ]
    return problems


def make_lock(
    stock_lock: Path,
    wheels: list[Path],
    out_dir: Path,
    groups: dict[str, str],
    root: str,
    parts: tuple[str, ...] = (),
) -> Path:
    """Write ``out_dir/pyodide-lock.json`` for ``wheels`` (copied into ``out_dir``).

    Args:
        stock_lock: The npm package's lock: only its ``info`` (platform, Python, ABI) is used.
        wheels: Pure wheels, one per package.
        out_dir: Where the wheels and the lock go.
        groups: Each package's group (canonical names), ``root`` in ``core``.
        root: The package the site runs (``legplan``).
        parts: Packages of the standard library's modules a group needs (``sitebuild.stdlib``):
            roots of their groups, as the packages ``root`` needs from those groups.

    Raises:
        ValueError: When the wheels and the groups do not match (see :func:`check_groups`).
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    out_dir.mkdir(parents=True, exist_ok=True)
    copies = [Path(shutil.copyfile(w, out_dir / w.name)) for w in wheels]
    stock = PyodideLockSpec.from_json(stock_lock)
    spec = add_wheels_to_spec(PyodideLockSpec(info=stock.info, packages={}), copies, out_dir)
    packages = spec.packages
    if set(packages) != set(groups):
        msg = f"wheels {sorted(packages)} but groups for {sorted(groups)}"
        raise ValueError(msg)
    lazy = [d for d in packages[root].depends if groups[d] != CORE]
    packages[root].depends = [d for d in packages[root].depends if d not in lazy]
    lazy += parts
    problems = check_groups({n: p.depends for n, p in packages.items()}, groups, root, lazy)
    if problems:
        raise ValueError("; ".join(problems))
    for name, package in packages.items():
        package.tool = {TOOL: {"group": groups[name]}}
    path = out_dir / LOCK
    spec.to_json(path, indent=1)
    return path


def py_compile(directory: Path) -> None:
    """pyodide-build's ``pyodide py-compile --silent --compression-level 9 DIRECTORY``.

    Every wheel and zip in the folder is rewritten with bytecode for the running
    interpreter; the folder's ``pyodide-lock.json`` gets the new names and hashes.
    """
    from pyodide_build.cli.py_compile import main

    main(["--silent", "--compression-level", "9", str(directory)], standalone_mode=False)


def finish(path: Path, runtime: dict[str, str]) -> dict[str, Any]:
    """Write the lock again in its final form, with ``tool.legplan.runtime``; returns it.

    ``runtime``: each runtime file the site serves with its sha256.
    """
    from pyodide_lock import PyodideLockSpec

    spec = PyodideLockSpec.from_json(path)
    spec.tool = {TOOL: {"runtime": dict(sorted(runtime.items()))}}
    spec.to_json(path, indent=1)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def verify(directory: Path) -> list[str]:
    """What is wrong with a folder of wheels and its lock (nothing: an empty list).

    Every entry's file must be there with its sha256 and be byte-compiled for this
    interpreter (``cp3XX``), every dependency an entry, every wheel an entry's file.
    """
    lock = json.loads((directory / LOCK).read_text(encoding="utf-8"))
    problems = []
    named = set()
    for name, package in sorted(lock["packages"].items()):
        path = directory / package["file_name"]
        named.add(path.name)
        if not path.is_file():
            problems.append(f"{name}: {package['file_name']} is missing")
        elif sha256_file(path) != package["sha256"]:
            problems.append(f"{name}: {package['file_name']} does not match its sha256")
        if "-py3-none-any" in path.name or "-py2.py3-" in path.name:
            problems.append(f"{name}: {path.name} is not byte-compiled")
        problems += [
            f"{name}: depends on {d}, which the lock does not name"
            for d in package["depends"]
            if d not in lock["packages"]
        ]
    extra = sorted(p.name for p in directory.iterdir() if p.name not in named | {LOCK})
    problems += [f"{n}: in the folder, not in the lock" for n in extra]
    return problems


def build(job: dict[str, Any]) -> None:
    """The whole step, inside Pyodide: ``job`` as ``sitebuild.compile`` writes it.

    Keys: ``wheels`` (pure input wheels), ``stock_lock``, ``groups``, ``root``, ``parts``
    (see :func:`make_lock`), ``runtime`` (served runtime files and their sha256), ``epoch``,
    ``out`` (the folder to fill).

    Raises:
        ValueError: When the lock cannot be made or does not verify.
    """
    out = Path(job["out"])
    with tempfile.TemporaryDirectory() as tmp:
        stripped = []
        for src in map(Path, job["wheels"]):
            stripped.append(Path(tmp, src.name))
            strip_wheel(src, stripped[-1], job["epoch"])
        path = make_lock(
            Path(job["stock_lock"]), stripped, out, job["groups"], job["root"], job["parts"]
        )
    py_compile(out)
    finish(path, job["runtime"])
    problems = verify(out)
    if problems:
        raise ValueError("; ".join(problems))
