"""AutoThrottle that never lowers a host's delay below its floor (robots.txt Crawl-delay)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.extensions.throttle import AutoThrottle

from newsspider.middlewares.hosts import HostBook

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class FloorAutoThrottle(AutoThrottle):
    """Adapt each slot's delay to latency as AutoThrottle does, then re-apply the host's floor.

    Public extension points only: AutoThrottle connects its own ``response_downloaded`` receiver in ``__init__``;
    ours is connected after it, and receivers run in connection order, so the floor is applied last.
    """

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        crawler.signals.connect(self.keep_floor, signal=signals.response_downloaded)

    def keep_floor(self, response: Response, request: Request, spider: Spider | None = None) -> None:
        """Raise the slot's delay back to the host's floor after AutoThrottle adapted it."""
        key = request.meta.get("download_slot")
        if key is not None:
            HostBook.of(self.crawler).raise_to_floor(key)
