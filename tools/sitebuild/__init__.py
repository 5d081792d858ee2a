"""Legplan's site build: plain modules that MkDocs' hooks, the tests and ``make`` all call.

Finished-site work (over a built folder):
- ``compile``: what Pyodide gets, built inside Pyodide under Node with pyodide-lock and
  pyodide-build (``python -m sitebuild.compile`` from a shell), from ``runtime`` (the pinned
  Pyodide runtime, checked against its hashes) and ``wheels`` (the pure input wheels: pinned,
  markupsafe built pure, legplan built here, and the build's tool wheels). Inside Pyodide:
  ``lock`` (the site's ``pyodide-lock.json`` and byte-compiled wheels) and ``stdlib`` (the
  trimmed, byte-compiled ``python_stdlib.zip``).
- ``csp``: the content security policy in every page; ``offline``: the service worker.
- ``styles``: the site's stylesheets joined into one.

Markdown-level work (page by page):
- ``figures``: figure tokens, the rule table and the sources list from ``legplan.rules``.
- ``plans``: the printable preset plans; ``calculator``: the calculator page's form and
  default plan.

Shared: ``errors`` (what stops a build), ``files`` (hashes and page addresses),
``pins`` (``pyodide-wheels.txt``, ``pyodide-tools.txt``), ``hooks`` (what the MkDocs
adapters share).

This module imports nothing: ``lock`` and ``stdlib`` run inside Pyodide, where only they,
the standard library and the build's tools are loaded.
"""
