"""Wheels pinned with their PyPI hashes, in two files beside this module.

- ``pyodide-wheels.txt`` (:data:`PINS`): the wheels Pyodide gets. ``group`` says when the
  calculator's worker needs a wheel: ``core`` at start-up, ``calendar`` for the first .ics
  download, ``test`` never (only tests/pyodide asks for it). The site's ``pyodide-lock.json``
  records the shipped groups (``sitebuild.lock``).
- ``pyodide-tools.txt`` (:data:`TOOLS`): pyodide-lock, pyodide-build and what they import,
  which the build runs inside Pyodide under Node (``sitebuild.compile``).

Both are pip's requirements format in groups: a ``# group: NAME`` line starts one. Every
wheel is fetched for Pyodide's Python (``pip download --python-version 3.14``), whatever
Python runs the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PINS = Path(__file__).with_name("pyodide-wheels.txt")
TOOLS = Path(__file__).with_name("pyodide-tools.txt")
GROUPS = ("core", "calendar", "test")
"""Every group of :data:`PINS`."""
SHIPPED_GROUPS = ("core", "calendar")
"""The groups the site serves."""
CORE = "core"
"""The group the worker loads at start-up; every other shipped group loads on first use."""


@dataclass(frozen=True, slots=True)
class Pin:
    """One line of ``pyodide-wheels.txt``."""

    name: str
    version: str
    sha256: str
    group: str
    line: str

    @property
    def from_source(self) -> bool:
        """Whether the pin is an sdist to build (markupsafe) rather than a wheel to fetch."""
        return self.name == "markupsafe"

    @property
    def stem(self) -> str:
        """How the pinned wheel's file name starts (``python_dateutil-4.0.0-``), lower case."""
        return f"{self.name.replace('-', '_')}-{self.version}-"


def read_pins(path: Path = PINS) -> list[Pin]:
    """Parse the pinned requirements file and its ``# group:`` sections.

    Raises:
        ValueError: For a line that is not ``name==version --hash=sha256:...`` in a group.
    """
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
