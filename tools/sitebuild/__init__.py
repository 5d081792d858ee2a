"""Legplan's site build: plain modules that MkDocs' hooks, the tests and ``make`` all call.

Finished-site work (over a built folder):
- ``runtime``: the pinned Pyodide runtime, copied and checked against its hashes.
- ``wheels``: the wheels Pyodide gets (pinned, markupsafe built pure, legplan built here),
  byte-compiled inside Pyodide by ``compile``; ``python -m sitebuild.wheels`` from a shell.
- ``csp``: the content security policy in every page; ``manifest``: the web app manifest
  and its icons, linked from every page; ``offline``: the service worker.
- ``styles``: the site's stylesheets joined into one.

Markdown-level work (page by page):
- ``figures``: figure tokens, the rule table and the sources list from ``legplan.rules``.
- ``plans``: the printable preset plans; ``calculator``: the calculator page's form and
  default plan.

Shared: ``errors`` (what stops a build), ``files`` (hashes and page addresses),
``pins`` (``pyodide-wheels.txt``), ``hooks`` (what the MkDocs adapters share).

This module imports nothing: ``compile`` runs inside Pyodide, where only it and the
standard library are loaded.
"""
