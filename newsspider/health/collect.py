"""HealthExtension: collects a crawl's per-site field figures from signals and stores them when it ends."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsspider.exceptions import ArticleRejected
from newsspider.health.figures import ItemFigures, RunFigures, item_figures
from newsspider.health.store import HealthStore
from newsspider.state import feedstorage
from newsspider.state.extension import FeedsClosed, site_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# Sent by FinalizeArticlePipeline with (url, origins): which fields a profile selector supplied, before the
# private keys that carry it are stripped from the exported item.
item_origins = object()


# Drops that are not ArticleRejected, told apart by their message: (pattern, reason).
OTHER_DROPS = ((re.compile(r"^unchanged since version \d+"), "revisit_unchanged"),)
DROPPED = "newsspider/dropped/"  # stats prefix; also counts drops that are no item_dropped signal


def drop_reason(exception: BaseException) -> str:
    """The chain's reason (ArticleRejected.reason) of a dropped item, an OTHER_DROPS reason, else ``other``."""
    cause = exception.__cause__ if isinstance(exception.__cause__, ArticleRejected) else exception
    if isinstance(cause, ArticleRejected):
        return cause.reason
    return next((reason for pattern, reason in OTHER_DROPS if pattern.match(str(exception))), "other")


class HealthExtension:
    """Counts only durably exported articles: an item counts once the batch file holding it is renamed.

    Without atomic local feed batches (e.g. ``-o -``) every scraped item counts.
    """

    def __init__(self, crawler: Crawler, state_dir: str):
        self.crawler = crawler
        self.state_dir = state_dir
        self.run = RunFigures()
        self.origins: dict[str, dict] = {}  # url -> origins, from the pipeline until item_scraped
        self.scraped: dict[str, ItemFigures] = {}  # url -> figures of every scraped item
        self.durable: set[str] = set()  # urls in renamed batch files
        self.atomic_feeds = False
        self.feeds_closed = FeedsClosed(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        state_dir = crawler.settings.get("NEWSSPIDER_STATE_DIR")
        if not state_dir or not crawler.settings.getbool("NEWSSPIDER_HEALTH_ENABLED", True):
            raise NotConfigured("site health needs NEWSSPIDER_STATE_DIR and NEWSSPIDER_HEALTH_ENABLED")
        extension = cls(crawler, state_dir)
        for handler, signal in (
            (extension.item_origins, item_origins),
            (extension.item_scraped, signals.item_scraped),
            (extension.item_dropped, signals.item_dropped),
            (extension.response_received, signals.response_received),
            (extension.feed_slot_closed, signals.feed_slot_closed),
            (extension.engine_stopped, signals.engine_stopped),
        ):
            crawler.signals.connect(handler, signal)
        return extension

    def item_origins(self, url: str, origins: dict) -> None:
        self.origins[url] = origins

    def item_scraped(self, item: dict) -> None:
        url = item.get("url") if isinstance(item, Mapping) else None
        if url:
            self.scraped[url] = item_figures(item, self.origins.pop(url, None))

    def item_dropped(self, item: dict, exception: BaseException) -> None:
        if isinstance(item, Mapping):
            self.origins.pop(item.get("url"), None)
        self.run.drops[drop_reason(exception)] += 1

    def response_received(self, response, request) -> None:
        self.run.add_response(response.status, request.meta.get("download_latency"))

    def feed_slot_closed(self, slot) -> None:
        storage = slot.storage
        if not isinstance(storage, feedstorage.AtomicFileFeedStorage):
            return
        self.atomic_feeds = True
        if storage.stored:
            self.durable.update(item["url"] for item in storage.items)

    def figures(self) -> dict:
        """This run's record: exported articles only (all scraped ones without atomic feeds).

        Drop reasons the spider counts without dropping an item (``incomplete_multipage``) come from stats.
        """
        for key, value in self.crawler.stats.get_stats().items():
            if key.startswith(DROPPED) and key[len(DROPPED) :] not in self.run.drops:
                self.run.drops[key[len(DROPPED) :]] = value
        exported = [f for url, f in self.scraped.items() if not self.atomic_feeds or url in self.durable]
        self.run.articles = exported
        self.run.not_exported = len(self.scraped) - len(exported)
        return self.run.record()

    def engine_stopped(self) -> None:
        """Record the run once the feed exporter stored its last batch (a SIGTERM during a time-bound close
        stops the engine before the spider has closed)."""
        self.feeds_closed.then(self.record)

    def record(self) -> None:
        stats = self.crawler.stats
        site = site_of(self.crawler)
        try:
            with HealthStore.in_dir(self.state_dir) as store:
                store.record_run(
                    feedstorage.run_id(self.crawler.settings),
                    site,
                    self.figures(),
                    stats.get_value("finish_reason"),
                )
        except sqlite3.Error:
            stats.inc_value("newsspider/health/write_failed")
            logger.exception("could not record the health figures of %s", site)
