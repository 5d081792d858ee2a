"""A small threaded static server for the built site, as a static host would serve it.

- ``Cache-Control: max-age=600`` with ``ETag`` and ``Last-Modified`` and 304 answers to
  conditional requests: what GitHub Pages sends for every file. Files whose name carries a
  content hash (``name.0123456789ab.ext``) get ``max-age=31536000, immutable``.
- gzip for text, JSON and WebAssembly when the browser accepts it (precompressed once at
  start, so no request pays for compression); zip files (the stdlib, wheels) as they are.
- Every byte written to a socket is counted per path, so a page's transfer can be read off
  the server whatever asked for it: the page, its module worker or a service worker.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import http.server
import mimetypes
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".map"}
TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}
HASHED = re.compile(r"\.[0-9a-f]{8,}\.[a-z0-9]+$")
DEFAULT_CACHE = "max-age=600"
IMMUTABLE_CACHE = "max-age=31536000, immutable"


@dataclass
class _Entry:
    body: bytes
    gz: bytes | None
    etag: str
    modified: str
    ctype: str


@dataclass
class Traffic:
    """Bytes sent per path (headers and body) and the requests in flight."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: dict[str, int] = field(default_factory=dict)
    in_flight: int = 0
    last_activity: float = field(default_factory=time.monotonic)

    def reset(self) -> None:
        with self.lock:
            self.sent = {}

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return dict(self.sent)

    def add(self, path: str, count: int) -> None:
        with self.lock:
            self.sent[path] = self.sent.get(path, 0) + count
            self.last_activity = time.monotonic()

    def wait_quiet(self, quiet: float = 1.0, timeout: float = 90.0) -> None:
        """Return once no request has been in flight for ``quiet`` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                idle = self.in_flight == 0 and time.monotonic() - self.last_activity >= quiet
            if idle:
                return
            time.sleep(0.05)


class _Counting:
    """A write-only file that counts what goes through it."""

    def __init__(self, raw, traffic: Traffic, path: str) -> None:  # noqa: ANN001
        self.raw = raw
        self.traffic = traffic
        self.path = path

    def write(self, data: bytes) -> int:
        self.traffic.add(self.path, len(data))
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self.raw, name)


def _load(root: Path) -> dict[str, _Entry]:
    entries = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        body = path.read_bytes()
        suffix = path.suffix.lower()
        gz = gzip.compress(body, compresslevel=6, mtime=0) if suffix in COMPRESSIBLE else None
        ctype = (
            TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        if ctype.startswith("text/") or ctype == "application/json":
            ctype += "; charset=utf-8"
        entries["/" + path.relative_to(root).as_posix()] = _Entry(
            body=body,
            gz=gz if gz is not None and len(gz) < len(body) else None,
            etag='"' + hashlib.sha256(body).hexdigest()[:16] + '"',
            modified=email.utils.formatdate(path.stat().st_mtime, usegmt=True),
            ctype=ctype,
        )
    return entries


def make_handler(entries: dict[str, _Entry], traffic: Traffic) -> type:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            self.wfile = _Counting(self.wfile, traffic, "")  # type: ignore[assignment]

        def _resolve(self) -> tuple[str, _Entry | None]:
            path = unquote(urlsplit(self.path).path)
            if path.endswith("/"):
                path += "index.html"
            entry = entries.get(path)
            if entry is None and (path + "/index.html") in entries:
                return path, None  # a directory without its slash: redirect
            return path, entry

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _serve(self, *, head: bool) -> None:
            path, entry = self._resolve()
            with traffic.lock:
                traffic.in_flight += 1
            self.wfile.path = path  # type: ignore[attr-defined]
            try:
                if entry is None and path + "/index.html" in entries:
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if entry is None:
                    entry = entries.get("/404.html")
                    body = entry.body if entry else b"not found"
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if not head:
                        self.wfile.write(body)
                    return
                cache = IMMUTABLE_CACHE if HASHED.search(path) else DEFAULT_CACHE
                gz = entry.gz is not None and "gzip" in self.headers.get("Accept-Encoding", "")
                if self.headers.get("If-None-Match") == entry.etag:
                    self.send_response(304)
                    self.send_header("ETag", entry.etag)
                    self.send_header("Cache-Control", cache)
                    self.end_headers()
                    return
                body = entry.gz if gz and entry.gz is not None else entry.body
                self.send_response(200)
                self.send_header("Content-Type", entry.ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", cache)
                self.send_header("ETag", entry.etag)
                self.send_header("Last-Modified", entry.modified)
                if entry.gz is not None:
                    self.send_header("Vary", "Accept-Encoding")
                if gz:
                    self.send_header("Content-Encoding", "gzip")
                self.end_headers()
                if not head:
                    self.wfile.write(body)
            finally:
                with traffic.lock:
                    traffic.in_flight -= 1
                    traffic.last_activity = time.monotonic()

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing when the browser drops a connection (it does, closing a tab)."""


class SiteServer:
    """The site in ``root`` served on 127.0.0.1 (port 0: any free port) in a thread."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = root
        self.traffic = Traffic()
        self.entries: dict[str, _Entry] = {}
        handler = make_handler(self.entries, self.traffic)
        self.httpd = _Server(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def load(self) -> None:
        """Read (again) every file of the site; call after the site is built."""
        self.entries.clear()
        self.entries.update(_load(self.root))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
