"""Real HTTP servers on loopback for the collector tests: fixture feeds, redirects, errors, a huge
body generated on the fly, and a server that accepts connections and never answers."""
from __future__ import annotations

import functools
import gzip
import hashlib
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
"""Fixture feeds (RSS, Atom, an HTML challenge page, bytes a server really sends)."""

LAST_MODIFIED = "Mon, 04 May 2026 01:00:00 GMT"


@dataclass
class Route:
    """What one path answers."""

    file: str = ""
    """A file under ``FEEDS`` (answered with ETag/Last-Modified and 304 on a match)."""
    body: bytes = b""
    """Bytes to answer with, as a file would be."""
    cookie: str = ""
    """``name=value``: answer a request that does not send it back with a redirect to the same path
    that sets it (a site that loops on redirects without its session cookie)."""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    location: str = ""
    """Redirect target (with a 3xx ``status``)."""
    generate: int = 0
    """Bytes of filler to stream (no Content-Length unless ``declare`` is set)."""
    declare: bool = False
    delay: float = 0.0
    """Seconds to wait before answering."""
    gzip: bool = False
    """Send the file (or the generated filler) gzip-compressed, with ``Content-Encoding: gzip``."""


@dataclass
class FeedServer:
    """A threaded HTTP server on ``host`` with a mutable route table and a request log."""

    host: str = "127.0.0.1"
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    peak: int = 0
    """The most requests being answered at once so far."""

    def __post_init__(self) -> None:
        self._active, self._lock = 0, threading.Lock()
        self.httpd = _Server((self.host, 0), _handler(self))
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address) -> None:  # clients that hang up early are expected
        pass


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            with server._lock:
                server._active += 1
                server.peak = max(server.peak, server._active)
            try:
                self._get()
            finally:
                with server._lock:
                    server._active -= 1

        def _get(self) -> None:
            server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(self.path.split("?")[0])
            if route is None:
                return self._send(404, b"not found", "text/plain")
            time.sleep(route.delay)
            if route.cookie and route.cookie not in self.headers.get("Cookie", ""):
                self.send_response(302)
                self.send_header("Set-Cookie", f"{route.cookie}; Path=/")
                self.send_header("Location", self.path)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif route.location:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif route.generate:
                self._stream(route)
            elif route.file or route.body:
                self._file(route)
            else:
                self._send(route.status, b"<html><body>Gone</body></html>", "text/html")

        def _file(self, route: Route) -> None:
            body = route.body or (FEEDS / route.file).read_bytes()
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            extra = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if route.gzip:
                body, extra["Content-Encoding"] = gzip.compress(body), "gzip"
            self._send(route.status, body, route.content_type, extra)

        def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _stream(self, route: Route) -> None:
            if route.gzip:
                return self._send(200, bomb(route.generate), "application/rss+xml", {"Content-Encoding": "gzip"})
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            if route.declare:
                self.send_header("Content-Length", str(route.generate))
            self.end_headers()
            chunk = b"<!-- filler filler filler filler filler filler filler filler -->\n" * 16384
            sent = 0
            try:
                while sent < route.generate:
                    self.wfile.write(chunk[: route.generate - sent])
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@functools.lru_cache(maxsize=4)
def bomb(size: int) -> bytes:
    """A gzip body of a few dozen KiB that inflates to ``size`` bytes (call once before serving it)."""
    return gzip.compress(b" " * size, compresslevel=9)


class HangingServer:
    """Accepts TCP connections on loopback and never sends a byte."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def url(self, path: str = "/feed.rss") -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}{path}"

    def close(self) -> None:
        for conn in self.accepted:
            conn.close()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
