"""A built site served on 127.0.0.1 as GitHub Pages serves it, for the tests and the benchmarks.

- ``Cache-Control: max-age=600`` with ``ETag`` and ``Last-Modified`` and 304 answers to
  conditional requests: what GitHub Pages sends for every file. Files whose name carries a
  content hash (``name.0123456789ab.ext``) get ``max-age=31536000, immutable``.
- gzip for text, JSON and WebAssembly when the browser accepts it; zip files (the stdlib,
  wheels) as they are. :meth:`SiteServer.load` compresses every file at once, so no
  measured request pays for it; a file changed on disk afterwards is read again.
- A folder's address serves its ``index.html``; a folder without its slash is redirected;
  a missing file gets the site's ``404.html`` with status 404.
- The site at the domain's root (``prefix="/"``, a custom domain) or under a project's
  sub-path (``prefix="/legplan/"``, ``https://owner.github.io/legplan/``); outside the
  prefix every address is a bare 404, as another site's would be.
- Every byte written to a socket is counted per path (:class:`Traffic`), so a page's
  transfer can be read off the server whatever asked for it: the page, its module worker
  or a service worker.
- :attr:`SiteServer.down`: while set, every connection is dropped unanswered (and its
  request line kept in :attr:`SiteServer.hits_while_down`), as a site that went away.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import http.server
import mimetypes
import re
import socketserver
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from sitebuild.files import file_path

COMPRESSIBLE = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".map"}
)
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


@dataclass(frozen=True)
class _Entry:
    body: bytes
    gz: bytes | None
    etag: str
    modified: str
    ctype: str
    stamp: tuple[int, int]
    """The file's (mtime_ns, size) when read: a file that changed is read again."""


def content_type(name: str) -> str:
    """The ``Content-Type`` the server sends for a file name (text and JSON in UTF-8).

    >>> content_type("worker.mjs"), content_type("x.whl")
    ('text/javascript; charset=utf-8', 'application/zip')
    """
    suffix = Path(name).suffix.lower()
    ctype = TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if ctype.startswith("text/") or ctype == "application/json":
        ctype += "; charset=utf-8"
    return ctype


def _read(path: Path) -> _Entry:
    stat = path.stat()
    body = path.read_bytes()
    gz = None
    if path.suffix.lower() in COMPRESSIBLE:
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        gz = packed if len(packed) < len(body) else None
    return _Entry(
        body=body,
        gz=gz,
        etag='"' + hashlib.sha256(body).hexdigest()[:16] + '"',
        modified=email.utils.formatdate(stat.st_mtime, usegmt=True),
        ctype=content_type(path.name),
        stamp=(stat.st_mtime_ns, stat.st_size),
    )


@dataclass
class Traffic:
    """Bytes sent per path (headers and body), when, and the requests in flight."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: dict[str, int] = field(default_factory=dict)
    writes: list[tuple[float, str, int]] = field(default_factory=list)
    """Each write since the last reset: wall-clock time (``time.time()``), path, bytes."""
    in_flight: int = 0
    last_activity: float = field(default_factory=time.monotonic)

    def reset(self) -> None:
        """Forget what was sent so far."""
        with self.lock:
            self.sent = {}
            self.writes = []

    def snapshot(self, until: float | None = None) -> dict[str, int]:
        """Bytes sent per path so far, or by the wall-clock time ``until`` (seconds)."""
        with self.lock:
            if until is None:
                return dict(self.sent)
            sent: dict[str, int] = {}
            for when, path, count in self.writes:
                if when <= until:
                    sent[path] = sent.get(path, 0) + count
            return sent

    def add(self, path: str, count: int) -> None:
        """Count ``count`` bytes sent for ``path``."""
        with self.lock:
            self.sent[path] = self.sent.get(path, 0) + count
            self.writes.append((time.time(), path, count))
            self.last_activity = time.monotonic()

    def begin(self) -> None:
        """A request starts."""
        with self.lock:
            self.in_flight += 1

    def end(self) -> None:
        """A request is answered."""
        with self.lock:
            self.in_flight -= 1
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

    def __init__(self, raw: BinaryIO, traffic: Traffic) -> None:
        self.raw = raw
        self.traffic = traffic
        self.path = ""

    def write(self, data: bytes) -> int:
        written = self.raw.write(data)
        self.traffic.add(self.path, len(data))  # once written: the time it was done
        return written

    def flush(self) -> None:
        self.raw.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self.raw, name)


class _Files:
    """The site's files by URL path, read from disk and kept (compressed) until they change."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.lock = threading.Lock()
        self.entries: dict[str, _Entry] = {}

    def load(self) -> None:
        fresh = {
            "/" + path.relative_to(self.root).as_posix(): _read(path)
            for path in sorted(self.root.rglob("*"))
            if path.is_file()
        }
        with self.lock:
            self.entries = fresh

    def _file(self, path: str) -> Path | None:
        file = (self.root / path.lstrip("/")).resolve()
        inside = file == self.root or self.root in file.parents
        return file if inside and file.is_file() else None

    def get(self, path: str) -> _Entry | None:
        file = self._file(path)
        if file is None:
            return None
        stat = file.stat()
        with self.lock:
            entry = self.entries.get(path)
        if entry is None or entry.stamp != (stat.st_mtime_ns, stat.st_size):
            entry = _read(file)
            with self.lock:
                self.entries[path] = entry
        return entry

    def is_folder(self, path: str) -> bool:
        return self._file(file_path(path.rstrip("/") + "/")) is not None


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    wfile: _Counting  # type: ignore[assignment]

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing: tests and benchmarks read the traffic, not a log."""

    def setup(self) -> None:
        """Count what is written to the socket."""
        super().setup()
        self.wfile = _Counting(self.wfile, self.server.traffic)  # type: ignore[arg-type]

    def handle(self) -> None:
        """Answer, or drop the connection unanswered while the site is down."""
        if self.server.down.is_set():
            line = self.rfile.readline(200).decode("latin-1").strip()
            self.server.hits_while_down.append(line)
            return
        super().handle()

    def do_HEAD(self) -> None:
        """Headers only."""
        self._serve(head=True)

    def do_GET(self) -> None:
        """A file of the site."""
        self._serve(head=False)

    def _serve(self, *, head: bool) -> None:
        files = self.server.files
        address = unquote(urlsplit(self.path).path)
        prefix = self.server.prefix
        self.server.traffic.begin()
        self.wfile.path = address
        try:
            ours = address.startswith(prefix)
            path = "/" + address.removeprefix(prefix)
            entry = files.get(file_path(path)) if ours else None
            if address + "/" == prefix or (ours and entry is None and files.is_folder(path)):
                self.send_response(301)
                self.send_header("Location", address + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif entry is None:
                self._not_found(head=head, ours=ours)
            else:
                self._send(entry, path, head=head)
        finally:
            self.server.traffic.end()

    def _not_found(self, *, head: bool, ours: bool = True) -> None:
        page = self.server.files.get("/404.html") if ours else None
        body = page.body if page else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _send(self, entry: _Entry, path: str, *, head: bool) -> None:
        cache = IMMUTABLE_CACHE if HASHED.search(path) else DEFAULT_CACHE
        if self.headers.get("If-None-Match") == entry.etag:
            self.send_response(304)
            self.send_header("ETag", entry.etag)
            self.send_header("Cache-Control", cache)
            self.end_headers()
            return
        gz = entry.gz is not None and "gzip" in self.headers.get("Accept-Encoding", "")
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


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], files: _Files, prefix: str) -> None:
        super().__init__(address, _Handler)
        self.files = files
        self.prefix = prefix
        self.traffic = Traffic()
        self.down = threading.Event()
        self.hits_while_down: list[str] = []

    def handle_error(
        self, request: socketserver.BaseRequestHandler | object, client_address: object
    ) -> None:
        """Say nothing when the browser drops a connection (it does, closing a tab)."""


class SiteServer:
    """The site in ``root`` served on 127.0.0.1 (port 0: any free port) in a thread.

    The port is taken at once, so :attr:`base_url` is known before the site is built
    (the tests build it for that address); call :meth:`load` once it is there.
    """

    def __init__(self, root: Path, port: int = 0, prefix: str = "/") -> None:
        if not (prefix.startswith("/") and prefix.endswith("/")):
            msg = f"prefix must start and end with '/': {prefix!r}"
            raise ValueError(msg)
        self.root = root
        self.files = _Files(root)
        self.httpd = _Server(("127.0.0.1", port), self.files, prefix)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def traffic(self) -> Traffic:
        """What the server has sent."""
        return self.httpd.traffic

    @property
    def down(self) -> threading.Event:
        """Set it, and the site is gone: every connection closes unanswered."""
        return self.httpd.down

    @property
    def hits_while_down(self) -> list[str]:
        """The request line of each connection dropped while :attr:`down` was set."""
        return self.httpd.hits_while_down

    def load(self) -> None:
        """Read and compress every file of the site now, rather than on its first request."""
        self.files.load()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/`` and the prefix the site is served under."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.httpd.prefix}"

    def url(self, path: str = "") -> str:
        """The absolute URL of ``path`` (relative to the site's root)."""
        return self.base_url + path.lstrip("/")

    def __enter__(self) -> SiteServer:
        """Serve in a thread."""
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Stop serving and close the port."""
        if self.thread.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
