"""The site's own stylesheets, served as one file.

``extra_css`` in mkdocs.yml lists the parts, each kept to one concern (the guidance pages,
printing, the plan, the calculator, the offline notice). Every page links them all, and
each ``<link rel="stylesheet">`` in the head is one more request the first paint waits
for (Lighthouse, mobile: about one round trip each beyond the browser's six connections).
This hook joins them, in their order, into ``stylesheets/legplan.css`` and links only that;
the parts are not written to the site. A part that is missing fails the build.

Must run after ``hooks/plans.py``, which adds the plan's stylesheet to the files.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

JOINED = "stylesheets/legplan.css"

_parts: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    parts = [str(css) for css in config.extra_css]
    if parts != [JOINED]:  # mkdocs serve calls on_config again on each rebuild
        _parts[:] = parts
    config.extra_css = [JOINED]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    texts = []
    for uri in _parts:
        part = files.get_file_from_path(uri)
        if part is None:
            msg = f"extra_css: {uri} is not a file of the site"
            raise PluginError(msg)
        texts.append(f"/* {uri} */\n{part.content_string.strip()}\n")
        files.remove(part)
    files.append(File.generated(config, JOINED, content="\n".join(texts)))
    return files
