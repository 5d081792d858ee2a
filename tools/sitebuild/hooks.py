"""What the MkDocs hooks in ``hooks/`` share: the project's folder, and errors MkDocs' way.

The hooks are thin adapters: each turns MkDocs' objects into plain values, calls a
``sitebuild`` module and puts the result back. This is the only module of the package
that imports MkDocs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitebuild.errors import SiteError

P = ParamSpec("P")
R = TypeVar("R")


def project_root(config: MkDocsConfig) -> Path:
    """The project being built: the folder of its ``mkdocs.yml``."""
    return Path(config.config_file_path).resolve().parent


def reported(hook: Callable[P, R]) -> Callable[P, R]:
    """``hook``, with a :class:`SiteError` raised as MkDocs' ``PluginError``.

    MkDocs prints a ``PluginError`` as one line and stops the build; any other
    exception comes with a traceback.
    """

    @functools.wraps(hook)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return hook(*args, **kwargs)
        except SiteError as exc:
            raise PluginError(str(exc)) from exc

    return wrapper
