"""Many generated news hosts (127.0.0.1, .2, ...: one download slot each) that time every request they serve."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec


class TimedSiteServer(SiteServer):
    """A SiteServer that keeps the arrival time (monotonic) of every request."""

    def __init__(self, site: GeneratedSite, host: str):
        super().__init__(site, host)
        self.arrivals: list[float] = []
        self._arrival_lock = threading.Lock()

    def record(self, path: str) -> None:
        with self._arrival_lock:
            self.arrivals.append(time.monotonic())
        super().record(path)


class MultiSite:
    """``hosts`` generated sites of ``articles`` articles each, on 127.0.0.<i> (free ports)."""

    def __init__(self, hosts: int, articles: int, page_kb: int = 8, per_page: int = 20):
        if not 1 <= hosts <= 250:
            raise ValueError("hosts must be 1..250 (127.0.0.1 to 127.0.0.250)")
        self.servers = [
            TimedSiteServer(GeneratedSite(SiteSpec(articles=articles, page_kb=page_kb, per_page=per_page, seed=i)),
                            f"127.0.0.{i + 1}")
            for i in range(hosts)
        ]  # fmt: skip

    def start(self) -> MultiSite:
        for server in self.servers:
            server.start()
        return self

    def stop(self) -> None:
        for server in self.servers:
            server.stop()

    def __enter__(self) -> MultiSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def start_urls(self) -> list[str]:
        return [server.start_url for server in self.servers]

    def article_urls(self) -> set[str]:
        return {server.base + path for server in self.servers for path in server.site.article_paths()}

    def article_requests(self) -> int:
        return sum(server.article_requests() for server in self.servers)

    def min_gaps(self) -> dict[str, float]:
        """Per host, the shortest time between two consecutive requests it served (inf: fewer than two)."""
        gaps: dict[str, float] = defaultdict(lambda: float("inf"))
        for server in self.servers:
            times = sorted(server.arrivals)
            gaps[server.base] = min((b - a for a, b in zip(times, times[1:], strict=False)), default=float("inf"))
        return dict(gaps)
