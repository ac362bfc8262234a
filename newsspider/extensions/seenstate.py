"""Seen state of a crawl: repair at start, keys pending before a batch rename, commit on feed_slot_closed."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured
from w3lib.url import file_uri_to_path

from newsspider import feedstorage
from newsspider.extract.urlid import article_key
from newsspider.requestmeta import KEY
from newsspider.seenstore import SeenStore, acquire_lock, content_hash

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

JSONLINES = ("jsonlines", "jsonl")


def site_of(crawler: Crawler) -> str:
    """The site id state is kept under: the spider's ``site`` (profile id or host)."""
    return getattr(crawler.spider, "site", None) or crawler.spider.name


def errors(stats: dict) -> int:
    """ERROR log lines plus ignored HTTP error responses, counting a request given up after retries once.

    A given-up 5xx logs an ERROR *and* is an ignored response; a given-up download error logs "Gave up
    retrying" *and* "Error downloading": ``retry/max_reached`` removes the double count in both cases.
    """
    total = stats.get("log_count/ERROR", 0) + stats.get("httperror/response_ignored_count", 0)
    return max(0, total - stats.get("retry/max_reached", 0))


def extension_of(crawler: Crawler) -> SeenStateExtension | None:
    """The crawl's seen-state extension (None when NEWSSPIDER_STATE_DIR is empty)."""
    for extension in crawler.extensions.middlewares if crawler.extensions else ():
        if isinstance(extension, SeenStateExtension):
            return extension
    return None


def feed_folders(crawler: Crawler) -> list[tuple[Path, str]]:
    """(folder, file-name stem) of every local feed, to clear the temp files a killed run left."""
    found = []
    for uri in crawler.settings.getdict("FEEDS"):
        uri = str(uri)
        if uri.startswith("file:") or "://" not in uri:
            path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
            if "%(" not in str(path.parent):
                found.append((path.parent, path.name.split("%(", 1)[0]))
    return found


class SeenStateExtension:
    """Keeps the seen store of ``NEWSSPIDER_STATE_DIR`` in step with the durable feed batches."""

    def __init__(self, crawler: Crawler, store: SeenStore, lock):
        self.crawler = crawler
        self.stats = crawler.stats
        self.store = store
        self.lock = lock
        self.site = site_of(crawler)
        self.run_id = feedstorage.run_id(crawler.settings)
        self.keys: dict[str, str] = {}  # exported item url -> request key, until its batch is prepared
        self.revisits: dict[str, dict] = {}  # key -> stored {version, hash} of articles re-fetched this run

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        state_dir = crawler.settings.get("NEWSSPIDER_STATE_DIR")
        if not state_dir:
            raise NotConfigured("NEWSSPIDER_STATE_DIR is empty")
        lock = acquire_lock(Path(state_dir) / "locks" / f"{site_of(crawler)}.lock")
        extension = cls(crawler, SeenStore.in_dir(state_dir), lock)
        extension.repair()
        crawler.signals.connect(extension.item_scraped, signals.item_scraped)
        crawler.signals.connect(extension.feed_slot_closed, signals.feed_slot_closed)
        crawler.signals.connect(extension.engine_stopped, signals.engine_stopped)
        return extension

    def repair(self) -> None:
        """Settle what a killed run left: pending batches and temp files; then open this run."""
        committed, discarded = self.store.reconcile(self.site)
        cleared = sum(
            feedstorage.clear_temp_files(folder, stem) for folder, stem in feed_folders(self.crawler)
        )
        for name, value in (("reconciled", committed), ("discarded", discarded), ("temp_cleared", cleared)):
            if value:
                self.stats.set_value(f"newsspider/seen/{name}", value)
                logger.warning("repaired state of an interrupted run: %s %s", name, value)
        self.store.start_run(self.run_id, self.site)

    def item_scraped(self, item: dict, response: Response | None = None) -> None:
        url = item.get("url") if isinstance(item, dict) else None
        if url:
            key = response.meta.get(KEY) if response is not None else None
            self.keys[url] = key or article_key(url)

    def prepare(self, final: Path, temp: Path, feed_format: str | None, offset: int = 0) -> None:
        """Called by the storage before the rename: the keys of its lines from ``offset`` become pending."""
        items = feedstorage.jsonl_items(temp, offset) if feed_format in JSONLINES else []
        entries = [(self.key_of(item["url"]), item["url"], content_hash(item)) for item in items]
        self.store.prepare_batch(str(final), self.site, self.run_id, entries)

    def key_of(self, url: str) -> str:
        return self.keys.pop(url, None) or article_key(url)

    def feed_slot_closed(self, slot) -> None:
        storage = slot.storage
        if not isinstance(storage, feedstorage.AtomicFileFeedStorage) or not storage.stored:
            return
        try:
            committed = self.store.commit_batch(str(storage.path))
        except sqlite3.OperationalError:
            # The batch stays pending; the next run's reconcile commits it.
            self.stats.inc_value("newsspider/seen/commit_failed")
            logger.exception("could not commit batch %s", storage.path)
            return
        self.stats.inc_value("newsspider/seen/committed", committed)
        self.stats.inc_value(f"newsspider/site/{self.site}/new_articles", committed)

    def engine_stopped(self) -> None:
        """Runs after spider_closed handlers, so after the feed exporter committed its last batch."""
        reason = self.stats.get_value("finish_reason") or "unknown"
        new = self.stats.get_value("newsspider/seen/committed", 0)
        self.store.finish_run(self.run_id, self.site, reason, new, errors(self.stats.get_stats()))
        self.store.close()
        self.lock.close()
