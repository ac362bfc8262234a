"""AutoThrottle that never lowers a host's delay below its floor (robots.txt Crawl-delay)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.extensions.throttle import AutoThrottle

from newsspider.middlewares.hosts import HostBook

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response


class FloorAutoThrottle(AutoThrottle):
    """Adapt each slot's delay to latency as AutoThrottle does, then re-apply the host's floor."""

    def _response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        super()._response_downloaded(response, request, spider)
        key = request.meta.get("download_slot")
        if key is not None:
            HostBook.of(self.crawler).raise_to_floor(key)
