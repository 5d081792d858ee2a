"""Which standard-library modules the calculator needs: the trace, and the static check.

- :func:`trace`: run.mjs ``trace`` lives the worker's whole life (start, import, warm-up, memory
  copy, calendar on first use, every golden, error and hostile case, a Python error reaching
  JavaScript) on the npm package's *full* ``python_stdlib.zip`` and lists the modules it
  loaded from it: the ``traced`` group of ``sitebuild/pyodide-stdlib.txt``. Frozen modules
  (``os``, ``io``, ``site``, ...) have a ``__file__`` in the zip too, but their code is in the
  runtime itself: the zip need not hold them.
- :func:`static_imports`: every standard-library import written anywhere in the shipped
  wheels' sources (inside functions and ``try`` blocks too), by module, with where it is.

Rewrite the traced groups (``traced``, ``calendar``) after a change that imports more or less::

    .venv/bin/python -m tests.pyodide.stdlib_trace --write
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sitebuild import stdlib
from sitebuild.compile import build_pyodide_files
from sitebuild.pins import SHIPPED_GROUPS
from sitebuild.runtime import STDLIB, pyodide_dir
from sitebuild.wheels import cache_dir, source_wheels
from tests.pyodide.conftest import ROOT, run_node

TEST_DIRS = frozenset({"test", "tests"})


FROZEN_ALIASES = {"importlib._bootstrap", "importlib._bootstrap_external"}
"""Frozen too: ``importlib`` names ``_frozen_importlib(_external)`` so."""


@dataclass(frozen=True)
class Trace:
    """What the trace found."""

    start: list[str]
    """The modules loaded from the zip before the calendar's first use, and those the calendar
    loads inside packages the start needs (``encodings``, ``importlib``), sorted."""
    calendar: list[str]
    """The modules only the calendar loads, in packages of their own, sorted: they can come
    with the calendar's wheels."""
    frozen: set[str]
    """The modules the runtime holds itself (frozen): they need no file in the zip."""


def _top(module: str) -> str:
    return module.split(".")[0]


def trace(files: Path) -> Trace:
    """The standard-library modules the calculator's runtime loads from the zip.

    Raises:
        RuntimeError: When the run fails.
    """
    done = run_node("trace", str(files))
    if done.returncode != 0:
        msg = f"run.mjs trace failed:\n{done.stderr[-4000:]}"
        raise RuntimeError(msg)
    found = json.loads(done.stdout)

    def modules(*phases: str) -> set[str]:
        files = [f for phase in phases for f in found["phases"][phase]]
        return {m for m in map(stdlib.module_of, files) if m}

    start = modules("start", "loader")  # the loader installs the calendar: it cannot come with it
    later = modules("calendar") - start
    own = {m for m in later if _top(m) not in {_top(s) for s in start}}
    return Trace(sorted(start | (later - own)), sorted(own), set(found["frozen"]) | FROZEN_ALIASES)


def stock_modules() -> set[str]:
    """Every module of the npm package's ``python_stdlib.zip``."""
    return stdlib.zip_modules(pyodide_dir(ROOT) / STDLIB)


def _imported(tree: ast.AST) -> list[tuple[str, int]]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append((node.module, node.lineno))
            names += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return names


def static_imports(wheels: list[Path], known: set[str]) -> dict[str, list[str]]:
    """Each module of ``known`` that a ``.py`` file of ``wheels`` imports, with where.

    Test folders are skipped (the site ships none).
    """
    found: dict[str, list[str]] = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if not name.endswith(".py") or TEST_DIRS.intersection(name.split("/")[:-1]):
                    continue
                tree = ast.parse(archive.read(name))
                for module, line in _imported(tree):
                    if module in known:
                        found.setdefault(module, []).append(f"{name}:{line}")
    return found


def shipped_sources() -> dict[str, list[Path]]:
    """The pure wheels the shipped ones are compiled from (their sources), by group."""
    return {group: source_wheels(ROOT, cache_dir(ROOT), (group,)) for group in SHIPPED_GROUPS}


def rewrite_group(group: str, modules: list[str], path: Path = stdlib.MODULES) -> None:
    """Replace the module lines of ``group`` in ``path`` with ``modules``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    pattern = re.compile(rf"#\s*group:\s*{re.escape(group)}\s*$")
    start = next(i for i, line in enumerate(lines) if pattern.match(line))
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"#\s*group:", lines[i])),
        len(lines),
    )
    comments = [line for line in lines[start + 1 : end] if line.startswith("#")]
    block = [lines[start], *comments, *modules, ""]
    path.write_text("\n".join([*lines[:start], *block, *lines[end:]]) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the traced groups")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build_pyodide_files(ROOT, Path(tmp))
        found = trace(Path(tmp))
    for group, modules in (("traced", found.start), ("calendar", found.calendar)):
        print(f"# {group}: {' '.join(modules)}")
        if args.write:
            rewrite_group(group, modules)
            print(f"{stdlib.MODULES}: group {group} rewritten ({len(modules)} modules)")


if __name__ == "__main__":
    main()
