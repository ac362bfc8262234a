"""Thin scrapy-redis 0.9.1 subclasses: a leasing scheduler, its queue and a per-run duplicate filter."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import Base
from scrapy_redis.scheduler import Scheduler

from newsspider.frontier.extension import FrontierExtension
from newsspider.frontier.leases import FrontierLostError
from newsspider.requestmeta import KEY, KIND, LEASE

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


logger = logging.getLogger(__name__)


class RunDupeFilter(RFPDupeFilter):
    """scrapy-redis's fingerprint set under the run's key; never cleared by a worker (the others share it)."""

    def request_fingerprint(self, request: Request) -> str:
        """An article by its identity key: two URL variants of one article are one request across workers.

        A redirect target keeps its article's key in meta but is another URL: it is keyed by that URL, as
        Scrapy's own filter does (under the article's key it would be filtered as the request it replaces).
        """
        key = request.meta.get(KEY)
        if key and request.meta.get(KIND) == "article" and not request.meta.get("redirect_times"):
            return f"article:{key}"
        return super().request_fingerprint(request)

    def close(self, reason: str = "") -> None:
        """Leave the set to the run (it expires with the run's other keys)."""


class LeaseQueue(Base):
    """scrapy-redis's request encoding over the run's Frontier lists (lease instead of pop).

    Uses scrapy-redis's private ``_encode_request``/``_decode_request`` (scrapy-redis pinned to 0.9.1, on
    Scrapy 2.19): tests/test_scrapy_private.py pins their signatures.
    """

    def __init__(self, frontier, spider: Spider):
        super().__init__(server=frontier.server, spider=spider, key=frontier.queue)
        self.frontier = frontier

    def __len__(self) -> int:
        return self.frontier.queued()

    def push(self, request: Request, dupefilter: RunDupeFilter | None = None) -> bool:
        """Queue the request; with the run's filter, only if its fingerprint is new (both in one step)."""
        data = self._encode_request(request)
        if dupefilter is None:
            self.frontier.push(data)
            return True
        return self.frontier.push_new(dupefilter.key, dupefilter.request_fingerprint(request), data)

    def pop(self, timeout: int = 0) -> tuple[Request, bytes] | None:
        data = self.frontier.lease()
        return None if data is None else (self._decode_request(data), data)

    def clear(self) -> None:
        """A worker never clears the shared queue; a new run id starts a fresh one."""


def run_filtered(request: Request) -> bool:
    """Whether the shared duplicate filter applies: every request, and the first attempt of a listing or article
    page that skips the cross-run seen filter (``dont_filter``) too.

    Listing pages, revisits and retries of dropped articles pass the seen filter on purpose, but inside one run
    each is fetched once, however many workers find its link or read it from the shared store at their start;
    a retry after a failed download and a redirect target pass.
    """
    if not request.dont_filter:
        return True
    first_attempt = not request.meta.get("retry_times") and not request.meta.get("redirect_times")
    return request.meta.get(KIND) in ("listing", "article") and first_attempt


class LeaseScheduler(Scheduler):
    """scrapy-redis's Scheduler on the run's Frontier; stats without the deprecated ``spider=`` argument."""

    def __init__(self, crawler: Crawler, extension: FrontierExtension):
        super().__init__(server=None, persist=True)
        self.crawler = crawler
        self.extension = extension
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseScheduler:
        extension = crawler.get_extension(FrontierExtension)
        if extension is None:
            msg = "LeaseScheduler needs NEWSSPIDER_FRONTIER (the frontier extension is not enabled)"
            raise FrontierLostError(msg)
        return cls(crawler, extension)

    def open(self, spider: Spider) -> None:
        self.spider = spider
        frontier = self.extension.open(spider)
        self.server = frontier.server
        self.queue = LeaseQueue(frontier, spider)
        self.df = RunDupeFilter(frontier.server, key=frontier.key("dupefilter"))
        if len(self.queue):
            logger.info("joining run %s (%d requests queued)", frontier.prefix, len(self.queue))

    def close(self, reason: str) -> None:
        """Nothing to flush: the queue and filter belong to the run; the extension leaves it at engine stop."""

    def enqueue_request(self, request: Request) -> bool:
        try:
            request.meta[LEASE] = uuid.uuid4().hex
            if not self.queue.push(request, self.df if run_filtered(request) else None):
                self.df.log(request, self.spider)
                return False
        except FrontierLostError as exc:
            self.extension.lost(exc)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.extension.is_lost:
            return None
        try:
            taken = self.queue.pop()
        except FrontierLostError as exc:
            self.extension.lost(exc)
            return None
        if taken is None:
            return None
        request, data = taken
        self.extension.book.leased(request.meta.get(LEASE), data)
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        """Work anywhere in the run keeps this worker open (another worker's listing may add more)."""
        if self.extension.is_lost:
            return True  # closing with "frontier_lost", never idle-closed as "finished"
        try:
            return self.extension.frontier.pending()
        except FrontierLostError as exc:
            self.extension.lost(exc)
            return True  # the close for the lost frontier is on its way; never "finished"
