"""Per-host politeness state of one crawl, shared by the robots, backoff and throttle components."""

from __future__ import annotations

from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy.exceptions import IgnoreRequest
from twisted.python.failure import Failure

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.core.downloader import Slot
    from scrapy.crawler import Crawler

_BOOKS: WeakKeyDictionary = WeakKeyDictionary()
MIN_DELAY = 0.001  # a slot with delay 0 neither waits nor limits concurrency (see extensions/slotguard.py)


@dataclass
class HostState:
    """What this run knows about one host (download slot)."""

    floor: float = 0.0  # minimum delay between requests (robots Crawl-delay)
    failures: int = 0  # consecutive failed fetches
    suspended: str | None = None  # why the host is skipped for the rest of the run


class HostBook:
    """Host states plus the downloader-slot operations that enforce them."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.hosts: dict[str, HostState] = {}

    @classmethod
    def of(cls, crawler: Crawler) -> HostBook:
        """The one book of ``crawler`` (created on first use)."""
        if crawler not in _BOOKS:
            _BOOKS[crawler] = cls(crawler)
        return _BOOKS[crawler]

    def key(self, request: Request) -> str:
        """The download-slot key of ``request`` (its hostname unless meta says otherwise)."""
        return self.crawler.engine.downloader.get_slot_key(request)

    def state(self, key: str) -> HostState:
        return self.hosts.setdefault(key, HostState())

    def _slot(self, key: str) -> Slot | None:
        """The downloader's slot of ``key``: the one place that touches Slot internals (``delay``, ``jitter``,
        ``lastseen``, ``queue`` of (request, deferred)), checked against Scrapy 2.19 by
        tests/test_scrapy_private.py; no public API pauses or empties a slot."""
        return self.crawler.engine.downloader.slots.get(key)

    def set_floor(self, key: str, delay: float) -> None:
        """Never send two requests to ``key`` less than ``delay`` seconds apart (also after slot GC)."""
        state = self.state(key)
        state.floor = max(state.floor, delay)
        per_slot = self.crawler.engine.downloader.per_slot_settings.setdefault(key, {})
        per_slot["delay"] = max(
            per_slot.get("delay", 0.0), self.crawler.settings.getfloat("DOWNLOAD_DELAY"), delay
        )
        per_slot["jitter"] = 0.0  # jitter would shorten some gaps below the floor
        slot = self._slot(key)
        if slot is not None:
            slot.jitter = 0.0
        self.raise_to_floor(key)

    def raise_to_floor(self, key: str) -> None:
        """Undo any delay reduction (AutoThrottle) below the host's floor."""
        slot, floor = self._slot(key), self.hosts[key].floor if key in self.hosts else 0.0
        if slot is not None and slot.delay < floor:
            slot.delay = floor

    def pause(self, key: str, seconds: float) -> None:
        """Send nothing to ``key`` for ``seconds`` from now; queued requests wait in their slot."""
        slot = self._slot(key)
        if slot is None:
            return
        slot.delay = max(slot.delay, MIN_DELAY)
        slot.lastseen = max(slot.lastseen, monotonic() + seconds)

    def suspend(self, key: str, reason: str) -> int:
        """Skip ``key`` for the rest of the run; requests already queued for it fail with IgnoreRequest.

        Returns how many queued requests were dropped.
        """
        state = self.state(key)
        if state.suspended:
            return 0
        state.suspended = reason
        slot, dropped = self._slot(key), 0
        while slot is not None and slot.queue:
            _request, deferred = slot.queue.popleft()
            deferred.errback(Failure(IgnoreRequest(f"host {key} suspended: {reason}")))
            dropped += 1
        return dropped

    def is_suspended(self, key: str) -> bool:
        return key in self.hosts and self.hosts[key].suspended is not None
