"""An HTTP server on 127.0.0.1 that misbehaves the ways real link targets do.

The online link check is tested against real sockets, not mocks: each path
answers one way (redirect chains, loops, 404/410, rate limits with
``Retry-After``, flaky 500s, a response that never comes, a reset
connection). The server records every request it sees with the time it saw
it, so tests assert on facts the server observed (how many hits, how far
apart) rather than on how fast the checker ran.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Hit", "MisbehavingServer", "refused_port", "serve_misbehaving"]

RETRY_AFTER_SECONDS = 1
NO_HEAD_BODY_BYTES = 64 * 1024 * 1024
SLOW_SECONDS = 5.0
"""How long ``/slow`` keeps a client waiting; far longer than the checker's timeout."""


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    at: float
    """``time.monotonic()`` when the server read the request."""


@dataclass
class MisbehavingServer:
    base: str
    """``http://127.0.0.1:PORT``, no trailing slash."""
    port: int
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    body_bytes_sent: int = 0
    """How much of ``/no-head``'s large body a GET received before hanging up."""

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def hits_for(self, path: str) -> list[Hit]:
        with self.lock:
            return [hit for hit in self.hits if hit.path == path]

    def clear(self) -> None:
        with self.lock:
            self.hits.clear()


class _Handler(BaseHTTPRequestHandler):
    server_state: MisbehavingServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _record(self) -> int:
        """Record this request; return how many times its path was asked before."""
        state = self.server_state
        with state.lock:
            before = sum(hit.path == self.path for hit in state.hits)
            state.hits.append(Hit(self.command, self.path, time.monotonic()))
        return before

    def _send(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _answer(self) -> None:
        before = self._record()
        path = self.path.split("?", 1)[0]
        if path == "/ok" or path == "/final":
            self._send(200, {"Content-Type": "text/html"}, b"<p>ok</p>")
        elif path.startswith("/chain/"):
            step = int(path.rsplit("/", 1)[1])
            target = "/final" if step <= 1 else f"/chain/{step - 1}"
            self._send(301, {"Location": target})
        elif path == "/loop/a":
            self._send(301, {"Location": "/loop/b"})
        elif path == "/loop/b":
            self._send(301, {"Location": "/loop/a"})
        elif path == "/missing":
            self._send(404, {"Content-Type": "text/plain"}, b"not found")
        elif path == "/gone":
            self._send(410, {"Content-Type": "text/plain"}, b"gone")
        elif path == "/rate-limited":
            if before == 0:
                self._send(429, {"Retry-After": str(RETRY_AFTER_SECONDS)})
            else:
                self._send(200, {"Content-Type": "text/plain"}, b"ok now")
        elif path == "/always-429":
            self._send(429, {"Retry-After": "0"})
        elif path == "/forbidden":
            self._send(403, {"Content-Type": "text/plain"}, b"no bots")
        elif path == "/flaky":
            self._send(500 if before == 0 else 200, {"Content-Type": "text/plain"}, b"x")
        elif path == "/no-head":
            self._no_head()
        elif path == "/slow":
            self.server_state.stop.wait(SLOW_SECONDS)
            self.close_connection = True
        elif path == "/reset":
            # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        else:
            self._send(404)

    def _no_head(self) -> None:
        """A server that rejects HEAD and streams a large body to GET: the checker must
        fall back to GET and stop reading after the status line and headers."""
        if self.command == "HEAD":
            self._send(405)
            return
        size = NO_HEAD_BODY_BYTES
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b"x" * 65536
        sent = 0
        try:
            while sent < size and not self.server_state.stop.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker hung up after the headers, as it should
        with self.server_state.lock:
            self.server_state.body_bytes_sent += sent
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    """Room for every connection a test opens at once (the default of 5 resets some)."""
    daemon_threads = True


def refused_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@contextmanager
def serve_misbehaving() -> Iterator[MisbehavingServer]:
    state = MisbehavingServer("", 0)
    # A handler class per server, so two servers in one test never share state.
    handler = type("Handler", (_Handler,), {"server_state": state})
    server = _Server(("127.0.0.1", 0), handler)
    state.port = int(server.server_address[1])
    state.base = f"http://127.0.0.1:{state.port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
