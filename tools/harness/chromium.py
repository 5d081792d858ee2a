"""Debian's Chromium as the tests, the benchmarks and Lighthouse start it.

Playwright drives it by its path (``playwright install`` cannot download here) and adds
``--headless`` itself; Lighthouse gets the same flags on its command line.
"""

from __future__ import annotations

import os
from typing import TypedDict

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
"""The browser's executable: ``$CHROMIUM``, else Debian's."""
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Flags for a quiet, repeatable browser in a container: nothing it does on its own."""


class LaunchOptions(TypedDict):
    """Playwright's options that pick the browser and its flags."""

    executable_path: str
    args: list[str]


def launch_options() -> LaunchOptions:
    """Keyword arguments for Playwright's ``chromium.launch`` and ``launch_persistent_context``.

    >>> sorted(launch_options())
    ['args', 'executable_path']
    """
    return {"executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}
