"""A content security policy in every built page, as a ``<meta http-equiv>``.

GitHub Pages cannot send headers, so the policy travels in the page. After the
build, every HTML file in the site gets one, inserted right after its
``<meta charset>`` (a meta policy only governs what comes after it):

- Material's (and Zensical's) pages: same-origin scripts, styles, images (and ``data:``
  images, which Material's stylesheet uses for its icons), connections and workers; no
  inline script except Material's own, each allowed by its SHA-256 hash. The hashes are
  the union over all pages, so every page carries the same policy: with instant navigation
  the first page's policy stays in force while Material swaps in the next page's content
  and re-runs the scripts inside it. JSON islands (``<script type="application/json">``)
  are data, never run, and need no hash. ``'wasm-unsafe-eval'`` is for Pyodide, which
  compiles its runtime in the calculator's worker: Chromium gives a worker the policy of
  its own response (none on GitHub Pages), not the page's, but a browser that applies the
  page's policy to its workers must still run the calculator
  (``tests/browser/test_csp.py`` runs the worker under this policy as a header, and shows
  it fails without the keyword).
- standalone pages without Material (the printable plans): nothing but their own
  inline ``<style>``, allowed by its hash, and same-origin images; ``connect-src 'self'``
  only for tools that fetch from the page (no script runs there).

The build fails when a page carries something the policy would block silently: a
``style`` attribute, an event handler attribute or a ``javascript:`` URL.

Zensical's pages are themed pages too (they carry the same ``__config`` island). Its
search dialog adds one ``<style>`` to a shadow root at run time, a text fixed by the
generator's version: :data:`RUNTIME_STYLES` holds its hash for each version the site is
built with (``<meta name="generator">``); a version not listed fails the build.

``mkdocs serve`` injects an inline live-reload script whose text changes on every
build, so pages served by it get no policy (``sitebuild.finish``).

Runs before ``sitebuild.offline``, which hashes the finished files.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from sitebuild.errors import SiteError

MATERIAL_MARKER = 'id="__config"'
CHARSET = re.compile(rb"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
JS_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "application/ecmascript"}
)

SITE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)
"""The site's policy before the inline scripts' hashes join ``script-src``."""

STANDALONE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    ("style-src", ""),
    ("img-src", "'self' data:"),
    # No script can run on these pages, so this allows nothing of theirs; it lets tools that
    # fetch from inside the page reach the site (Lighthouse reads /robots.txt that way and
    # otherwise fails its SEO audit: GoogleChrome/lighthouse#4386, #13394).
    ("connect-src", "'self'"),
    ("manifest-src", "'self'"),  # the site's web app manifest (sitebuild.manifest)
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
)
"""A standalone page's policy before its inline styles' hashes join ``style-src``."""

NONE = "'none'"

GENERATOR = re.compile(r'<meta name="generator" content="(?P<name>[^"]*)"')
RUNTIME_STYLES: dict[str, tuple[str, ...]] = {
    # Its search dialog's stylesheet (the bundle's ``C("style",{},Tc.toString())``).
    "zensical-0.0.73": ("'sha256-NwSx/R2V/U4jnW0Tq5pQ53Y/rzPVJ4dqE7D6UTA/J1k='",),
}
"""Hashes of the ``<style>`` elements a generator's scripts insert at run time, by version."""


def source_hash(text: str) -> str:
    """The CSP hash source of an inline script's or style's text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class Inline:
    """What one page holds inline: script and style texts, and what no hash can allow."""

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


class _InlineParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Inline()
        self._open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on") or name == "style":
                self.found.blocked.append(f"<{tag} {name}=...>")
            elif name in {"href", "src", "action", "formaction"} and (
                value.strip().lower().startswith("javascript:")
            ):
                self.found.blocked.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and "src" not in values:
            if values.get("type", "").strip().lower() in JS_TYPES:
                self._open = ("script", [])
        elif tag == "style":
            self._open = ("style", [])

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[0] == tag:
            text = "".join(self._open[1])
            (self.found.scripts if tag == "script" else self.found.styles).append(text)
            self._open = None


def inline_content(page: str) -> Inline:
    """The inline scripts (data islands left out) and styles of ``page``."""
    parser = _InlineParser()
    parser.feed(page)
    parser.close()
    return parser.found


def policy(directives: tuple[tuple[str, str], ...], extra: dict[str, list[str]]) -> str:
    """A policy string: ``directives`` with ``extra`` sources appended to some of them."""
    parts = []
    for name, sources in directives:
        values = " ".join(filter(None, [sources, *sorted(set(extra.get(name, [])))]))
        parts.append(f"{name} {values or NONE}")
    return "; ".join(parts)


def insert_policy(page: bytes, value: str) -> bytes:
    """``page`` with a CSP meta element right after its ``<meta charset>``."""
    if b'http-equiv="Content-Security-Policy"' in page:
        msg = "the page already has a Content-Security-Policy"
        raise ValueError(msg)
    match = CHARSET.search(page)
    if not match:
        msg = "the page has no <meta charset=utf-8> to put the policy after"
        raise ValueError(msg)
    content = html.escape(value, quote=False)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return page[: match.end()] + meta.encode("utf-8") + page[match.end() :]


def runtime_styles(page: str) -> tuple[str, ...]:
    """The hashes of what the generator of ``page`` inserts as ``<style>`` at run time.

    >>> runtime_styles('<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">')
    ()

    Raises:
        SiteError: For a Zensical version whose run-time styles are not known.
    """
    found = GENERATOR.search(page)
    name = found["name"] if found else ""
    if name in RUNTIME_STYLES:
        return RUNTIME_STYLES[name]
    if name.startswith("zensical"):
        msg = (
            f"{name}: its search inserts a <style> at run time whose hash the policy must allow; "
            "open a page built with it in Chromium, open the search, and add the hash the "
            "console names to sitebuild.csp.RUNTIME_STYLES"
        )
        raise SiteError(msg)
    return ()


def apply_policies(site_dir: Path) -> dict[str, str]:
    """Put the policy into every HTML file under ``site_dir``; returns path -> policy.

    Raises:
        SiteError: When a page holds inline code that no hash can allow.
    """
    pages = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}
    texts = {name: path.read_text(encoding="utf-8") for name, path in pages.items()}
    found: dict[str, Inline] = {}
    for name, text in texts.items():
        found[name] = inline_content(text)
        if found[name].blocked:
            msg = f"{name}: inline code the content security policy blocks: {found[name].blocked}"
            raise SiteError(msg)
    material = {n for n, text in texts.items() if MATERIAL_MARKER in text}
    site_policy = policy(
        SITE_POLICY,
        {
            "script-src": [source_hash(s) for n in material for s in found[n].scripts],
            "style-src": [source_hash(s) for n in material for s in found[n].styles]
            + [h for n in material for h in runtime_styles(texts[n])],
        },
    )
    written = {}
    for name, path in pages.items():
        if name in material:
            value = site_policy
        else:
            if found[name].scripts:
                msg = f"{name}: a page without Material may not hold scripts"
                raise SiteError(msg)
            value = policy(
                STANDALONE_POLICY, {"style-src": [source_hash(s) for s in found[name].styles]}
            )
        try:
            path.write_bytes(insert_policy(path.read_bytes(), value))
        except ValueError as exc:
            msg = f"{name}: {exc}"
            raise SiteError(msg) from exc
        written[name] = value
    return written
