"""Legplan's site build: plain modules that MkDocs, Zensical, the tests and ``make`` all call.

Two pieces, whichever generator builds the site (MkDocs + Material, or Zensical):

- ``markdown``: the Markdown-level work, a Python-Markdown extension listed in mkdocs.yml;
  page by page, through ``figures`` (figure tokens, the rule table, the sources list),
  ``plans`` (the list of preset plans) and ``calculator`` (the calculator's form and
  default plan).
- ``finish``: the finished-site work, one step over a built folder
  (``python -m sitebuild.finish SITE_DIR``), in order: ``calculator`` (the Pyodide runtime
  and the wheels: ``compile`` from ``runtime`` (the pinned Pyodide runtime, checked against
  its hashes) and ``wheels`` (the pure input wheels and the build's tool wheels), then inside
  Pyodide under Node with pyodide-lock and pyodide-build: ``lock`` (the site's
  ``pyodide-lock.json`` and byte-compiled wheels) and ``stdlib`` (the trimmed, byte-compiled
  ``python_stdlib.zip``)), ``plans`` (the printable preset plans), ``styles`` (the site's
  stylesheet joined from its parts), ``checks`` (no raw Markdown), ``csp`` (the content
  security policy), ``offline`` (the service worker).

Shared: ``errors`` (what stops a build), ``files`` (hashes and page addresses),
``pins`` (``pyodide-wheels.txt``, ``pyodide-tools.txt``), ``hooks`` (what the MkDocs
adapter needs).

This module imports nothing: ``lock`` and ``stdlib`` run inside Pyodide, where only they,
the standard library and the build's tools are loaded.
"""
