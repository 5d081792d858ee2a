"""Tests only: the standard library the shipped zip leaves out, from the npm package's full zip.

pytest needs modules the calculator does not (``argparse``, ``unittest``, ...), so the unit
tests that run inside Pyodide get them from a second zip, behind the shipped one: a finder
at the end of ``sys.meta_path`` that is asked only when no other finder found a module, so
every module the shipped zip holds still comes from it. It also finds the missing modules of
a package the shipped zip holds in part (``email.feedparser`` when only ``email`` is
shipped), which a second zip on ``sys.path`` would not. The golden, error and hostile cases
never run with it (run.mjs ``parity``): there the shipped zip is alone.
"""

from __future__ import annotations

import sys
import zipimport
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType


class Overlay:
    """A finder of modules in one zip of the standard library."""

    def __init__(self, archive: str) -> None:
        self.archive = archive
        self.served: list[str] = []
        """The modules found here, in the order they were asked for."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        package = fullname.rpartition(".")[0].replace(".", "/")
        try:
            importer = zipimport.zipimporter(
                f"{self.archive}/{package}" if package else self.archive
            )
        except zipimport.ZipImportError:
            return None
        spec = importer.find_spec(fullname)
        if spec is not None:
            self.served.append(fullname)
        return spec


def install(archive: str) -> Overlay:
    """Put an :class:`Overlay` of ``archive`` last on ``sys.meta_path``."""
    overlay = Overlay(archive)
    sys.meta_path.append(overlay)
    return overlay
