"""robots.txt as RFC 9309 and Nutch read it: 4xx allows, 5xx/429/unreachable defers the host, Crawl-delay applies."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.misc import build_from_crawler

from newsspider.middlewares.hosts import HostBook

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)


class _Deferred:
    """Parser placeholder of a host whose robots.txt could not be read: nothing may be fetched."""


DEFERRED = _Deferred()


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware plus status handling and Crawl-delay per host.

    Scrapy private API, checked against Scrapy 2.19: RobotsTxtMiddleware has no public hook for how a robots.txt
    answer is turned into a parser, so this overrides ``_parse_robots`` and ``_robots_error`` and reads
    ``_parsers``, ``_parserimpl``, ``_robotstxt_useragent``, ``_default_useragent`` and ``_stats``.
    tests/test_scrapy_private.py fails when any of them changes.
    """

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.crawl_delay_max = crawler.settings.getfloat("NEWSSPIDER_CRAWL_DELAY_MAX", 30.0)

    def process_request_2(self, rp: RobotParser | _Deferred | None, request: Request) -> None:
        if rp is DEFERRED:
            self._stats.inc_value("newsspider/robots/deferred_requests")
            raise IgnoreRequest("robots.txt unavailable: host deferred to the next run")
        super().process_request_2(rp, request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        status = response.status
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{status}")
        if 200 <= status < 300:
            rp = build_from_crawler(self._parserimpl, self.crawler, response.body)
            await self.crawler.signals.send_catch_log_async(
                signal=signals.robots_parsed, robotparser=rp, request=request
            )
            self._resolve(netloc, self._with_crawl_delay(rp, netloc, request))
        elif status == 429 or status >= 500:
            self._defer(netloc, f"status {status}")
        else:  # 3xx left over (offsite, too many hops) and 4xx: no usable rules, so everything is allowed
            self._stats.inc_value(f"newsspider/robots/allowed_by_status/{status}")
            self._resolve(netloc, None)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # the robots URL was filtered (offsite redirect, suspended host)
            self._stats.inc_value("newsspider/robots/allowed_by_status/ignored")
            self._resolve(netloc, None)
            return
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._defer(netloc, type(exc).__name__)

    def _defer(self, netloc: str, why: str) -> None:
        self._count_deferral(netloc, why)
        self._resolve(netloc, DEFERRED)

    def _count_deferral(self, netloc: str, why: str) -> None:
        self._stats.inc_value("newsspider/robots/deferred_hosts")
        self._stats.set_value(f"newsspider/host/{netloc}/robots_deferred", why)
        logger.warning("robots.txt of %s unusable (%s): host deferred to the next run", netloc, why)

    def _resolve(self, netloc: str, parser: RobotParser | _Deferred | None) -> None:
        waiting = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(waiting, "callback"):
            waiting.callback(parser)

    def _with_crawl_delay(self, rp: RobotParser, netloc: str, request: Request) -> RobotParser | _Deferred:
        """Make Crawl-delay the host's minimum delay; a delay over the cap defers the host instead."""
        useragent = self._robotstxt_useragent or request.headers.get(b"User-Agent", self._default_useragent)
        delay = rp.crawl_delay(useragent)
        if not delay:
            return rp
        self._stats.max_value("newsspider/robots/crawl_delay_max", delay)
        if delay > self.crawl_delay_max:
            self._stats.inc_value("newsspider/robots/crawl_delay_over_cap")
            self._count_deferral(netloc, f"Crawl-delay {delay} > {self.crawl_delay_max}")
            return DEFERRED
        book = HostBook.of(self.crawler)
        book.set_floor(book.key(request), delay)
        self._stats.inc_value("newsspider/robots/crawl_delay_applied")
        return rp
