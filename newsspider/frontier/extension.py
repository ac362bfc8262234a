"""Frontier extension: joins the run on Redis, heartbeats, requeues dead workers' leases, acks durable work."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import redis
from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from newsspider.exceptions import ProfileError
from newsspider.frontier import worker_id
from newsspider.frontier.leasebook import LeaseBook
from newsspider.frontier.leases import REDIS_ERRORS, Frontier, FrontierLostError, namespace
from newsspider.requestmeta import LEASE
from newsspider.state import feedstorage
from newsspider.state import signals as statesignals
from newsspider.state.extension import FeedsClosed
from newsspider.state.flush import batched, flush_batches

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

LOST_REASON = "frontier_lost"


def connect(url: str) -> redis.Redis:
    """A Redis client for ``url`` that fails within seconds instead of hanging a worker."""
    return redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5, health_check_interval=30)


class FrontierExtension:
    """Owns this worker's Frontier and LeaseBook; the LeaseScheduler and FrontierLeaseMiddleware use them."""

    def __init__(self, crawler: Crawler, url: str):
        self.crawler = crawler
        self.stats = crawler.stats
        self.url = url
        self.worker = worker_id(crawler.settings)
        self.ttl = crawler.settings.getfloat("NEWSSPIDER_FRONTIER_LEASE_TTL", 30.0)
        self.tick_seconds = crawler.settings.getfloat("NEWSSPIDER_FRONTIER_TICK", 0.5)
        self.frontier: Frontier | None = None
        self.book: LeaseBook | None = None
        self.loop: task.LoopingCall | None = None
        self.is_lost = False
        self.ack_on_durable = False  # set at open: only batched feeds can be flushed when this worker drains
        self.feeds_closed = FeedsClosed(crawler)
        self.fenced_paths: set[str] = set()  # batches renamed under this worker's fence, not yet committed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierExtension:
        url = crawler.settings.get("NEWSSPIDER_FRONTIER")
        if not url:
            raise NotConfigured("NEWSSPIDER_FRONTIER is empty")
        if not crawler.settings.get("NEWSSPIDER_RUN_ID"):
            msg = "NEWSSPIDER_FRONTIER needs NEWSSPIDER_RUN_ID, the same on every worker of one run"
            raise ProfileError(msg)
        extension = cls(crawler, url)
        crawler.signals.connect(extension.item_scraped, signals.item_scraped)
        crawler.signals.connect(extension.item_gone, signals.item_dropped)
        crawler.signals.connect(extension.item_gone, signals.item_error)
        crawler.signals.connect(extension.batch_prepared, statesignals.batch_prepared)
        crawler.signals.connect(extension.feed_slot_closed, signals.feed_slot_closed)
        crawler.signals.connect(extension.engine_stopped, signals.engine_stopped)
        return extension

    def open(self, spider: Spider) -> Frontier:
        """Join this run's frontier (called by the scheduler when the spider opens)."""
        site = getattr(spider, "site", None) or spider.name
        prefix = namespace(spider.name, site, feedstorage.run_id(self.crawler.settings))
        self.frontier = Frontier(connect(self.url), prefix, self.worker, self.ttl)
        self.book = LeaseBook(self.frontier)
        self.ack_on_durable = batched(self.crawler)
        first = self.frontier.open()  # a FrontierLostError here stops the crawl from starting
        logger.info("frontier %s: worker %s joined run %s%s", self.frontier.address, self.worker, prefix,
                    " (first worker)" if first else "")  # fmt: skip
        self._watch_engine()
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.tick_seconds, now=False)
        return self.frontier

    def _watch_engine(self) -> None:
        """The engine removes a request from its slot when download and callback are done (or failed).

        Scrapy private API, checked against Scrapy 2.19 (``ExecutionEngine._slot``, ``_Slot.remove_request``):
        no signal fires once a request's callback and its items are done. tests/test_scrapy_private.py pins it.
        """
        slot = self.crawler.engine._slot
        remove = slot.remove_request

        def removed(request: Request) -> None:
            remove(request)
            self._settle(lambda: self.book.finished(request.meta.get(LEASE)))

        slot.remove_request = removed

    def tick(self) -> None:
        """Heartbeat, requeue the leases of dead workers, store the open batch once drained, wake the engine."""
        if self.is_lost:
            return
        try:
            self.frontier.heartbeat()
            moved = self.frontier.reap(self.settle_dead)
            queued = self.frontier.queued()
        except FrontierLostError as exc:
            self.lost(exc)
            return
        if moved:
            self.stats.inc_value("newsspider/frontier/requeued", moved)
            logger.warning("requeued %d leases of dead workers", moved)
        if not queued and self.book.drained() and flush_batches(self.crawler):
            self.stats.inc_value("newsspider/frontier/drain_flushes")
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:  # the engine asks the frontier again (a flush may have ended the run)
            slot.nextcall.schedule()

    def settle_dead(self, worker: str) -> None:
        """Before a dead worker's leases are requeued: its renamed batches are committed, the others discarded.

        Articles it made durable are then seen, and the workers that fetch them again drop them.
        """
        from newsspider.state.extension import SeenStateExtension

        state = self.crawler.get_extension(SeenStateExtension)
        if state is None:
            return
        site = state.site
        committed, discarded = state.store.reconcile(site, match=lambda p: Path(p).name.startswith(f"{site}-{worker}-"))
        if committed or discarded:
            logger.warning("settled batches of dead worker %s: %d committed, %d discarded", worker, committed, discarded)

    def lost(self, exc: FrontierLostError) -> None:
        """Fail the run loudly, once: one ERROR line and the finish reason ``frontier_lost``."""
        if self.is_lost:
            return
        self.is_lost = True
        self.stats.set_value("newsspider/frontier/lost", str(exc))
        logger.error("%s; stopping this worker (the seen store keeps what was exported)", exc)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=LOST_REASON))

    def _settle(self, action) -> None:
        if self.book is None or self.is_lost:
            return
        try:
            action()
        except FrontierLostError as exc:
            self.lost(exc)

    # -- items and batches ----------------------------------------------------------------------------

    def item_started(self, response: Response | None) -> None:
        lease_id = response.meta.get(LEASE) if response is not None else None
        self._settle(lambda: self.book.item_started(lease_id))

    def item_scraped(self, item: Any, response: Response | None = None) -> None:
        """An exported article's lease waits for its batch to be durable (``feed_slot_closed``).

        Without batched feeds nothing can be flushed when the worker drains, so the lease is acked here.
        """
        url = item.get("url") if self.ack_on_durable and isinstance(item, Mapping) else None
        lease_id = response.meta.get(LEASE) if response is not None else None
        self._settle(lambda: self.book.item_finished(lease_id, url))

    def item_gone(self, item: Any, response: Response | None = None, **kwargs: Any) -> None:
        lease_id = response.meta.get(LEASE) if response is not None else None
        self._settle(lambda: self.book.item_finished(lease_id, None))

    def batch_prepared(self, path: Path, **batch: Any) -> None:
        """Before a batch is renamed: hold this worker's fence till its commit; a reaped worker stores nothing.

        Raising here stops the rename: the batch's articles were requeued with the rest and another worker
        exports them.
        """
        if self.frontier is None:
            return
        if self.is_lost:  # unreachable, or reaped: whether others requeued this batch's requests is unknown
            raise FrontierLostError(f"worker {self.worker} left the frontier; batch {path} is not stored")
        try:
            self.frontier.begin_store()
        except FrontierLostError as exc:
            self.lost(exc)
            raise
        self.fenced_paths.add(str(path))

    def feed_slot_closed(self, slot) -> None:
        """A stored batch is durable (its keys are committed by the seen state, which runs first)."""
        storage = slot.storage
        if not isinstance(storage, feedstorage.AtomicFileFeedStorage):
            return
        if storage.stored:
            urls = {item["url"] for item in storage.items}
            self._settle(lambda: self.book.durable(urls))
        if str(storage.path) in self.fenced_paths:
            self.fenced_paths.discard(str(storage.path))
            self._settle(self.frontier.end_store)

    async def engine_stopped(self) -> None:
        """Leave the run once the last batch is stored; leases still open go back to the queue for the others."""
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.frontier is None:
            return
        await self.feeds_closed.wait()
        book = self.book
        self.stats.set_value("newsspider/frontier/acked", book.acked)
        if book.lost:
            self.stats.set_value("newsspider/frontier/ack_lost", book.lost)
        if self.is_lost:
            return
        try:
            left = self.frontier.leave()
            self.stats.set_value("newsspider/frontier/run_requeued", self.frontier.requeued_total())
        except (FrontierLostError, *REDIS_ERRORS) as exc:
            logger.error("frontier Redis unreachable while leaving the run: %s", exc)
            return
        if left:
            self.stats.set_value("newsspider/frontier/left_unacked", left)


class FrontierLeaseMiddleware:
    """Spider middleware: counts the items a leased request's callback yields (its ack waits for them)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierLeaseMiddleware:
        if not crawler.settings.get("NEWSSPIDER_FRONTIER"):
            raise NotConfigured("NEWSSPIDER_FRONTIER is empty")
        return cls(crawler)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any], spider=None):
        extension = self.crawler.get_extension(FrontierExtension)
        async for output in result:
            if not isinstance(output, Request) and extension is not None:
                extension.item_started(response)
            yield output

    def process_spider_output(self, response: Response, result, spider=None):
        extension = self.crawler.get_extension(FrontierExtension)
        for output in result:
            if not isinstance(output, Request) and extension is not None:
                extension.item_started(response)
            yield output
