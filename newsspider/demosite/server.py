"""DemoServer: a loopback HTTP forward proxy that serves the fixture sites under fixtures/demo by host, and
generated portals under fixed host names (so a site keeps its name, and its seen state, across runs)."""

from __future__ import annotations

import argparse
import gzip
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsspider.demosite.loopback import LoopbackServer
from newsspider.demosite.portal import Portal, send_page

DEMO_ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
_TYPES_BY_SUFFIX = {".txt": "text/plain", ".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png"}


@dataclass(frozen=True)
class Hit:
    """One request the server answered: the request-line target, the resolved URL, status and time."""

    target: str
    url: str
    status: int
    at: float


class DemoSites:
    """The files of ``root/<host>/<path>`` and the Content-Type each is served with (``root/sites.json``)."""

    def __init__(self, root: Path = DEMO_ROOT):
        self.root = root.resolve()
        self.config: dict[str, dict] = json.loads((self.root / "sites.json").read_text("utf-8"))

    @property
    def hosts(self) -> list[str]:
        """Every host the demo serves."""
        return sorted(self.config)

    def file_for(self, url: str) -> Path | None:
        """The fixture file behind ``url``, or None (404)."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host not in self.config:
            return None
        site = (self.root / host).resolve()
        path = (site / unquote(parts.path).lstrip("/")).resolve()
        if not path.is_relative_to(site) or not path.is_file():
            return None
        return path

    def content_type(self, url: str) -> str:
        """The Content-Type header sent with ``url``: per-path override, else by suffix, else the site's."""
        parts = urlsplit(url)
        site = self.config.get((parts.hostname or "").lower(), {})
        override = site.get("content_types", {}).get(parts.path)
        if override:
            return override
        suffix = Path(parts.path).suffix.lower()
        return _TYPES_BY_SUFFIX.get(suffix) or site.get("content_type", "text/html")


class _Handler(BaseHTTPRequestHandler):
    """Answer proxy requests (absolute URI in the request line) and direct ones (Host header)."""

    server: DemoServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        url = self.path if "://" in self.path else f"http://{self.headers.get('Host', '')}{self.path}"
        parts = urlsplit(url)
        portal = self.server.portals.get((parts.hostname or "").lower())
        if portal is not None:
            self._answer_portal(portal, parts.path + (f"?{parts.query}" if parts.query else ""), url, send_body)
            return
        path = self.server.sites.file_for(url)
        status = 200 if path else 404
        body = path.read_bytes() if path else b"not in the demo fixtures\n"
        self.send_response(status)
        self.send_header("Content-Type", self.server.sites.content_type(url) if path else "text/plain")
        if self.server.gzip and path and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)
        self.server.record(Hit(self.path, url, status, time.monotonic()))

    def _answer_portal(self, portal: Portal, target: str, url: str, send_body: bool) -> None:
        page = portal.render(target)
        send_page(self, page, send_body)
        self.server.record(Hit(self.path, url, page.status, time.monotonic()))

    def log_message(self, format: str, *args: object) -> None:
        """Requests are recorded in ``hits``, not printed."""


class DemoServer(LoopbackServer):
    """Start with ``with DemoServer() as server:``; crawl with ``http_proxy=server.proxy_url``.

    ``portals`` (host -> Portal) serves generated portals under those host names besides the fixture sites.
    """

    def __init__(self, root: Path = DEMO_ROOT, *, gzip: bool = False, portals: dict[str, Portal] | None = None):
        super().__init__(_Handler)
        self.sites = DemoSites(root)
        self.gzip = gzip  # answer gzip-encoded to clients that accept it (as most portals do)
        self.portals = {host.lower(): portal for host, portal in (portals or {}).items()}
        for host, portal in self.portals.items():
            portal.base = f"http://{host}"  # feeds and sitemaps carry absolute URLs
        self._hits: list[Hit] = []
        self._lock = threading.Lock()

    def record(self, hit: Hit) -> None:
        with self._lock:
            self._hits.append(hit)

    @property
    def proxy_url(self) -> str:
        """The value for the ``http_proxy`` environment variable."""
        return self.base

    @property
    def hits(self) -> list[Hit]:
        """Every request answered so far, in order."""
        with self._lock:
            return list(self._hits)


def main() -> None:
    """``python -m newsspider.demosite.server``: serve the demo until Ctrl-C, for manual crawls."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args()
    with DemoServer() as server:
        print(f"demo sites {', '.join(server.sites.hosts)} via proxy {server.proxy_url}", flush=True)
        print(f"try: http_proxy={server.proxy_url} scrapy crawl news -a site=demo_metro", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
