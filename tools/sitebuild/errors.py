"""What stops a site build."""

from __future__ import annotations


class SiteError(RuntimeError):
    """A build step that cannot go on; the message names the file and what is wrong.

    The MkDocs hooks report it as MkDocs' own ``PluginError`` (``sitebuild.hooks``).
    """
