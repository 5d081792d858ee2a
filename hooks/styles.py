"""The site's own stylesheets (``extra_css``) served as one file (``sitebuild.styles``).

Only the joined file is linked and written to the site. A part that is missing fails the
build. Must run after ``hooks/plans.py``, which adds the plan's stylesheet to the files.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from sitebuild import styles

_parts: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    parts = [str(css) for css in config.extra_css]
    if parts != [styles.JOINED]:  # mkdocs serve calls on_config again on each rebuild
        _parts[:] = parts
    config.extra_css = [styles.JOINED]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    found = []
    for uri in _parts:
        part = files.get_file_from_path(uri)
        if part is None:
            msg = f"extra_css: {uri} is not a file of the site"
            raise PluginError(msg)
        found.append((uri, part.content_string))
        files.remove(part)
    files.append(File.generated(config, styles.JOINED, content=styles.join(found)))
    return files
