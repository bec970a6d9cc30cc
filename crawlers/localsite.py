"""Serve a directory (and optional programmable routes) over HTTP on 127.0.0.1.

Used by the crawler tests, the crawl benchmark and the offline sample (`vanban/sample/`):
Scrapy crawls it exactly as it crawls a real portal. Files get an ETag (sha1 of the
bytes) and a Last-Modified (file mtime) and conditional requests get 304, like the
portals that support them.

    >>> with LocalSite("vanban/sample/sites") as site:
    ...     site.url("/daklak/index.html")
    'http://127.0.0.1:PORT/daklak/index.html'
"""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import posixpath
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

__all__ = ["LocalSite", "Reply", "serve_directory"]


@dataclass
class Reply:
    """What a route answers: status, headers and body (bytes), optionally after a delay."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    # a body streamed in chunks of this many bytes (for huge pages), 0 = at once
    chunk: int = 0


Route = Callable[["_Handler"], Reply]

_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet server
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._serve(head=False)

    @property
    def path_only(self) -> str:
        return urllib.parse.urlsplit(self.path).path

    def _serve(self, head: bool) -> None:
        site = self.server.site
        site._count(self.path)
        if site.delay:
            time.sleep(site.delay)
        route = site.routes.get(self.path) or site.routes.get(self.path_only)
        reply = route(self) if route is not None else self._file_reply()
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            headers = dict(reply.headers)
            headers.setdefault("Content-Length", str(len(reply.body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if head or reply.status == 304:
                return
            if reply.chunk:
                for start in range(0, len(reply.body), reply.chunk):
                    self.wfile.write(reply.body[start:start + reply.chunk])
            else:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            # the client gave up (timeouts, size limits): that is its right
            pass

    def _file_reply(self) -> Reply:
        root = self.server.site.root
        if root is None:
            return Reply(404, b"not found", {"Content-Type": "text/plain"})
        rel = posixpath.normpath(urllib.parse.unquote(self.path_only)).lstrip("/")
        query = urllib.parse.urlsplit(self.path).query
        if query:
            # listing pages with ?page=N are stored as files named "name?page=N"
            rel = f"{rel}?{query}"
        target = (root / rel).resolve()
        if root not in target.parents and target != root:
            return Reply(403, b"forbidden", {"Content-Type": "text/plain"})
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return Reply(404, b"<html><body><h1>404</h1></body></html>", {"Content-Type": "text/html"})
        body = target.read_bytes()
        mtime = int(target.stat().st_mtime)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {
            "Content-Type": self.server.site.content_type(target),
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
        }
        if self.server.site.conditional:
            if_none = self.headers.get("If-None-Match")
            if_since = self.headers.get("If-Modified-Since")
            if if_none is not None:
                if etag in [t.strip() for t in if_none.split(",")]:
                    return Reply(304, b"", headers)
            elif if_since:
                since = email.utils.parsedate_to_datetime(if_since)
                if since is not None and int(since.timestamp()) >= mtime:
                    return Reply(304, b"", headers)
        return Reply(200, body, headers)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, site: "LocalSite", address: tuple[str, int]):
        self.site = site
        super().__init__(address, _Handler)


class LocalSite:
    """A threaded HTTP server on 127.0.0.1 with a free port, serving `root` and `routes`.

    `routes` maps a path (with or without query) to a function of the request handler
    that returns a `Reply`; they win over files. `hits` counts requests per path (with
    query), so tests can show that a page was fetched exactly once. `delay` slows every
    response (to stop a crawl midway). `content_types` overrides the type per suffix
    (e.g. to declare a charset for `.html`).
    """

    def __init__(self, root: str | Path | None = None, routes: dict[str, Route] | None = None,
                 *, host: str = "127.0.0.1", port: int = 0, conditional: bool = True,
                 content_types: dict[str, str] | None = None, delay: float = 0.0):
        self.root = Path(root).resolve() if root is not None else None
        self.routes: dict[str, Route] = dict(routes or {})
        self.conditional = conditional
        self.types = {**_TYPES, **(content_types or {})}
        self.delay = delay
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = _Server(self, (host, port))
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return self._server.server_address[1]

    @property
    def base(self) -> str:
        """`http://127.0.0.1:PORT` without a trailing slash."""
        return f"http://{self._server.server_address[0]}:{self.port}"

    def url(self, path: str = "/") -> str:
        """The absolute URL of `path` on this site."""
        return self.base + (path if path.startswith("/") else "/" + path)

    def content_type(self, path: Path) -> str:
        """The Content-Type header for a served file."""
        return self.types.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"

    def _count(self, path: str) -> None:
        with self._lock:
            self.hits[path] += 1

    def start(self) -> "LocalSite":
        """Start serving in a daemon thread; returns self."""
        self._thread = threading.Thread(target=self._server.serve_forever, name="localsite", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "LocalSite":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve_directory(root: str | Path, port: int = 0) -> None:
    """Serve `root` until interrupted (for trying the crawler by hand)."""
    site = LocalSite(root, port=port).start()
    print(f"serving {root} at {site.base}/ (Ctrl-C stops)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        site.stop()


if __name__ == "__main__":
    import sys

    serve_directory(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
