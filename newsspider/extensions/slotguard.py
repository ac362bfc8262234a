"""Keep per-host concurrency limits effective when a download slot's delay is 0."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import signals

from newsspider.middlewares.hosts import MIN_DELAY

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


class SlotGuard:
    """Give every slot a delay of at least 1 ms.

    Scrapy 2.19's ``Downloader._process_queue`` starts downloads as asyncio tasks and only counts a request
    as transferring once its task runs, so with a delay of 0 one call dequeues the whole slot queue at once:
    CONCURRENT_REQUESTS_PER_DOMAIN=2 let 6 requests hit one host together (tests/test_politeness.py).
    With any positive delay Scrapy sends one request per call, and the limit holds.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        guard = cls(crawler)
        crawler.signals.connect(guard.request_reached_downloader, signal=signals.request_reached_downloader)
        return guard

    def request_reached_downloader(self, request: Request, spider: Spider | None = None) -> None:
        slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot"))
        if slot is not None and slot.delay < MIN_DELAY:
            slot.delay = MIN_DELAY
