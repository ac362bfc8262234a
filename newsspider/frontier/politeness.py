"""Per-host politeness across workers: a shared host token in Redis held for each download plus the delay."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import TYPE_CHECKING

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

from newsspider.frontier.extension import FrontierExtension, connect
from newsspider.frontier.leases import REDIS_ERRORS, FrontierLostError
from newsspider.middlewares.hosts import MIN_DELAY

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

POLL_SECONDS = 0.05  # longest sleep between two tries while another worker holds the token
# Release: only the holder turns its token into the delay tail (PX delay) that the next fetch waits out.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    if tonumber(ARGV[2]) > 0 then
        return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    end
    return redis.call('DEL', KEYS[1])
end
return 0
"""


class HostToken:
    """One token per host in Redis: taken for a download, then kept ``delay`` seconds after it ends.

    So a host's fetches, whichever worker makes them, start at least ``delay`` after the previous one
    ended (hence after it started, as the server sees it), and never overlap.
    """

    def __init__(self, server, hold_seconds: float):
        self.server = server
        self.hold_ms = max(1, int(hold_seconds * 1000))  # a dead holder's token expires by then
        self.release_script = server.register_script(_RELEASE)

    @staticmethod
    def key(host: str) -> str:
        return f"newsspider:host:{host}"

    async def acquire(self, host: str) -> tuple[str, float]:
        """Wait for the host's token; return it and the seconds waited."""
        token, started = uuid.uuid4().hex, time.monotonic()
        while not self.server.set(self.key(host), token, nx=True, px=self.hold_ms):
            left_ms = self.server.pttl(self.key(host))
            await asyncio.sleep(min(POLL_SECONDS, max(left_ms, 1) / 1000))
        return token, time.monotonic() - started

    def release(self, host: str, token: str, delay: float) -> None:
        self.release_script(keys=[self.key(host)], args=[token, int(delay * 1000)])


class HostTokenDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler behind the shared host token (``NEWSSPIDER_FRONTIER`` runs only)."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        settings = crawler.settings
        hold = settings.getfloat("DOWNLOAD_TIMEOUT", 180) + settings.getfloat("NEWSSPIDER_CRAWL_DELAY_MAX", 30)
        self.tokens = HostToken(connect(settings.get("NEWSSPIDER_FRONTIER")), hold)
        self.default_delay = settings.getfloat("DOWNLOAD_DELAY", 0)

    def delay_of(self, request: Request) -> float:
        """The host's delay in this worker: its download slot's (profile, Crawl-delay floor, AutoThrottle)."""
        engine = getattr(self.crawler, "engine", None)
        slot_key = request.meta.get("download_slot")
        slot = engine.downloader.slots.get(slot_key) if engine and slot_key else None
        return slot.delay if slot is not None else self.default_delay

    async def download_request(self, request: Request) -> Response:
        delay = self.delay_of(request)
        if delay <= MIN_DELAY:  # no delay configured (SlotGuard's 1 ms floor is no politeness delay)
            return await super().download_request(request)
        host = request.meta.get("download_slot") or urlparse_cached(request).netloc
        try:
            token, waited = await self.tokens.acquire(host)
        except REDIS_ERRORS as exc:
            raise self._lost(exc) from exc
        self.crawler.stats.inc_value("newsspider/frontier/host_token_waits", 1 if waited > 0.001 else 0)
        try:
            return await super().download_request(request)
        finally:
            try:
                self.tokens.release(host, token, delay)
            except REDIS_ERRORS as exc:
                self._lost(exc)  # the token expires by itself; the run is stopping anyway

    def _lost(self, exc: Exception) -> IgnoreRequest:
        """Redis went away under the host token: the frontier extension stops the worker."""
        extension = self.crawler.get_extension(FrontierExtension)
        if extension is not None:
            extension.lost(FrontierLostError(f"frontier Redis {extension.url} unreachable: {exc}"))
        return IgnoreRequest(f"frontier Redis unreachable: {exc}")
