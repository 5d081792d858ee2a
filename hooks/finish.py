"""MkDocs' adapter over the finishing step (``sitebuild.finish``), which does the work.

- ``on_files``: the files the finishing step writes that pages link to (the printable
  plans) are known to MkDocs while it checks links (``--strict``), as empty placeholders;
- ``on_env``: once the links are checked, the placeholders go, so MkDocs writes none;
- ``on_post_build``: the finishing step over the built site. ``mkdocs serve`` gets no
  policy and a service worker that keeps nothing (``serving``).

The Markdown-level work is the extension ``sitebuild.markdown`` (mkdocs.yml).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from sitebuild import finish
from sitebuild.hooks import project_root, reported

_serving = False
_placeholders: list[File] = []


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _placeholders[:] = [File.generated(config, uri, content="") for uri in finish.link_targets()]
    for file in _placeholders:
        files.append(file)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    for file in _placeholders:
        files.remove(file)
    return env


@reported
def on_post_build(config: MkDocsConfig) -> None:
    finish.finish(Path(config.site_dir), project_root(config), serving=_serving)
