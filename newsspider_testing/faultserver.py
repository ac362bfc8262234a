"""Loopback HTTP server (also a forward proxy for fake hosts) serving one network or content fault per path."""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from newsspider.demosite.loopback import LoopbackServer
from newsspider_testing import faultpages

HANG_MAX_SECONDS = 60.0  # a hanging handler gives up by itself, so the server always stops


@dataclass
class Hit:
    """One request as the server saw it."""

    host: str
    path: str
    start: float  # time.monotonic() at arrival
    end: float | None = None


@dataclass
class FaultState:
    """What tests configure (robots per host) and read back (hits, concurrency per host)."""

    robots: dict[str, tuple[int, str]] = field(default_factory=dict)  # host -> (status, body); default 404
    hits: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # path -> hits so far (for "fail n times")
    active: dict[str, int] = field(default_factory=dict)
    max_active: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)

    def arrive(self, host: str, path: str) -> tuple[Hit, int]:
        with self.lock:
            hit = Hit(host, path, time.monotonic())
            self.hits.append(hit)
            self.counts[path] = self.counts.get(path, 0) + 1
            self.active[host] = self.active.get(host, 0) + 1
            self.max_active[host] = max(self.max_active.get(host, 0), self.active[host])
            return hit, self.counts[path]

    def leave(self, hit: Hit) -> None:
        with self.lock:
            hit.end = time.monotonic()
            self.active[hit.host] -= 1

    def times(self, host: str, prefix: str = "/") -> list[float]:
        """Arrival times of requests to ``host`` whose path starts with ``prefix``."""
        with self.lock:
            return [h.start for h in self.hits if h.host == host and h.path.startswith(prefix)]


class FaultHandler(BaseHTTPRequestHandler):
    """Routes on the first path segment; see ``faultpages.ROUTES`` for the list of faults."""

    protocol_version = "HTTP/1.1"
    server: FaultServer

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        target = urlsplit(self.path)
        host = target.hostname or (self.headers.get("Host") or "").split(":")[0]
        state = self.server.state
        hit, count = state.arrive(host, target.path)
        try:
            self.route(host, target.path, count)
        except (ConnectionError, TimeoutError, OSError):
            pass  # the client went away (size limit, timeout): expected for several faults
        finally:
            state.leave(hit)

    def route(self, host: str, path: str, count: int) -> None:
        if path == "/robots.txt":
            status, body = self.server.state.robots.get(host, (404, "not found"))
            return self.robots(status, body)
        kind = path.split("/")[1] if path.count("/") > 1 else ""
        special = getattr(self, f"fault_{kind.replace('-', '_')}", None)
        if special is not None:
            return special(host, path, count)
        return self.send(*faultpages.page_for(host, path, count))

    def send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def robots(self, status: int, body: str) -> None:
        if status == 0:  # hang until the client times out
            return self.fault_hang("", "", 0)
        if 300 <= status < 400:  # body is the Location
            return self.send(status, {"Location": body, "Content-Type": "text/plain"}, b"")
        self.send(status, {"Content-Type": "text/plain"}, body.encode())

    def fault_hang(self, host: str, path: str, count: int) -> None:
        self.server.state.stopping.wait(HANG_MAX_SECONDS)
        self.close_connection = True

    def html_headers(self, length: int) -> None:
        """A 200 with an HTML Content-Type and the Content-Length promised (whatever body follows)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def fault_hang_after_headers(self, host: str, path: str, count: int) -> None:
        self.html_headers(5000)
        self.wfile.flush()
        self.fault_hang(host, path, count)

    def fault_trickle(self, host: str, path: str, count: int) -> None:
        """One byte every 0.1 s: each read succeeds, only a total time limit stops it."""
        body = faultpages.article_html(path).encode()
        self.html_headers(len(body))
        for byte in body[: int(HANG_MAX_SECONDS * 10)]:
            if self.server.state.stopping.wait(0.1):
                break
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
        self.close_connection = True

    def fault_truncated(self, host: str, path: str, count: int) -> None:
        body = faultpages.article_html(path).encode()
        self.html_headers(len(body) * 4)
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def fault_reset(self, host: str, path: str, count: int) -> None:
        body = faultpages.article_html(path).encode()
        self.wfile.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body)
        )
        self.wfile.write(body[:100])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()  # SO_LINGER 0: the close sends RST
        self.close_connection = True

    def fault_huge_chunked(self, host: str, path: str, count: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        for _ in range(2_048):  # at most 128 MiB, normally cut by the client's DOWNLOAD_MAXSIZE
            if self.server.state.stopping.is_set():
                break
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def fault_gzipbomb(self, host: str, path: str, count: int) -> None:
        body = self.server.gzip_bomb()
        self.send(200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, body)


class FaultServer(LoopbackServer):
    """``with FaultServer() as server:`` serves on 127.0.0.1:<free port> until the block ends."""

    BOMB_BYTES = 1024 * 1024 * 1024  # decompressed size of /gzipbomb/ (1 GiB: far above a crawl's own footprint)

    def __init__(self):
        super().__init__(FaultHandler)
        self.state = FaultState()
        self._bomb: bytes | None = None

    @property
    def proxy(self) -> str:
        """Use as ``http_proxy`` to reach fake hosts such as ``a.fault.test`` through this server."""
        return self.base

    def gzip_bomb(self) -> bytes:
        """BOMB_BYTES of NULs gzipped (about 1 MiB), built once."""
        if self._bomb is None:
            compressor, zeros = zlib.compressobj(9, zlib.DEFLATED, 31), bytes(1024 * 1024)
            parts = [compressor.compress(zeros) for _ in range(self.BOMB_BYTES // len(zeros))]
            self._bomb = b"".join([*parts, compressor.flush()])
        return self._bomb

    def handle_error(self, request, client_address):
        pass  # faults break connections on purpose

    def stop(self) -> None:
        """Release hanging handlers first, then stop serving."""
        self.state.stopping.set()
        super().stop()
