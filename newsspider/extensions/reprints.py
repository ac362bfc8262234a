"""Reprint detection: flag items nearly duplicating an exported article; register durable batches."""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsspider.state import feedstorage
from newsspider.state.extension import FeedsClosed

if TYPE_CHECKING:
    from pathlib import Path

    from scrapy.crawler import Crawler

    from newsspider.reprintdetector import ReprintDetector
    from newsspider.reprintindex import ReprintIndex

logger = logging.getLogger(__name__)
EXPIRE_EVERY = 86400.0  # seconds between two expiries of old fingerprints (each scans the band table once)


def _enabled(settings) -> bool:
    return bool(settings.getbool("NEWSSPIDER_REPRINTS", True) and settings.get("NEWSSPIDER_STATE_DIR"))


class ReprintAddon:
    """Adds the extension and pipeline below when reprints are on and there is a state folder."""

    def update_settings(self, settings) -> None:
        if not _enabled(settings):
            return
        settings.set_in_component_priority_dict("EXTENSIONS", ReprintExtension, 105)
        settings.set_in_component_priority_dict("ITEM_PIPELINES", ReprintPipeline, 997)


def expire(index: ReprintIndex, days: float, now: float | None = None) -> int:
    """Forget fingerprints older than ``days`` (0: keep all), at most once a day; return how many went."""
    now = time.time() if now is None else now
    if days <= 0 or now - index.expired_at() < EXPIRE_EVERY:
        return 0
    return index.expire(now - days * 86400)


class ReprintExtension:
    """Owns the state folder's reprint index: settles killed runs, registers each batch once it is durable."""

    def __init__(self, crawler: Crawler, detector: ReprintDetector):
        self.stats = crawler.stats
        self.detector = detector
        self.feeds_closed = FeedsClosed(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        settings = crawler.settings
        if not _enabled(settings):
            raise NotConfigured("reprint detection needs NEWSSPIDER_STATE_DIR and NEWSSPIDER_REPRINTS")
        # numpy + datasketch (+ scipy, ~70 MB) load only in a crawl that detects reprints, and at its start (as
        # the first article's import would stall the crawl for a second: leases held by a short TTL expire).
        from newsspider.reprintdetector import ReprintDetector
        from newsspider.reprintindex import LshParams, ReprintIndex

        params = LshParams(threshold=settings.getfloat("NEWSSPIDER_REPRINT_THRESHOLD", LshParams.threshold))
        index = ReprintIndex.in_dir(settings.get("NEWSSPIDER_STATE_DIR"), params)
        extension = cls(crawler, ReprintDetector(index))
        committed, discarded = index.reconcile()
        expired = expire(index, settings.getfloat("NEWSSPIDER_REPRINT_DAYS", 365))
        for name, value in (("reconciled", committed), ("discarded", discarded), ("expired", expired)):
            if value:
                crawler.stats.set_value(f"newsspider/reprints/{name}", value)
        crawler.signals.connect(extension.batch_prepared, feedstorage.batch_prepared)
        crawler.signals.connect(extension.feed_slot_closed, signals.feed_slot_closed)
        crawler.signals.connect(extension.engine_stopped, signals.engine_stopped)
        return extension

    def batch_prepared(self, path: Path, items: list[dict]) -> None:
        """Before the rename: the fingerprints of the batch's items become pending in the index."""
        urls = [item.get("canonical_url") or item["url"] for item in items]
        try:
            self.detector.prepare(str(path), urls)
        except sqlite3.OperationalError:
            # Only later detection suffers: these articles will not be recognised when reprinted.
            self.stats.inc_value("newsspider/reprints/register_failed")
            logger.exception("could not register the fingerprints of batch %s", path)

    def feed_slot_closed(self, slot) -> None:
        storage = slot.storage
        if isinstance(storage, feedstorage.AtomicFileFeedStorage) and storage.stored:
            try:
                registered = self.detector.commit(str(storage.path))
            except sqlite3.OperationalError:
                self.stats.inc_value("newsspider/reprints/register_failed")
                logger.exception("could not commit the fingerprints of batch %s", storage.path)
                return
            self.stats.inc_value("newsspider/reprints/registered", registered)

    def engine_stopped(self) -> None:
        """Close the index once the last batch is registered (a SIGTERM during a time-bound close comes first)."""
        self.feeds_closed.then(self.detector.index.close)


class ReprintPipeline:
    """Sets ``duplicate_of`` and ``similarity`` of a reprint (still exported) and counts it per site."""

    def __init__(self, crawler: Crawler, detector: ReprintDetector):
        self.stats = crawler.stats
        self.detector = detector

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        for extension in crawler.extensions.middlewares if crawler.extensions else ():
            if isinstance(extension, ReprintExtension):
                return cls(crawler, extension.detector)
        raise NotConfigured("no ReprintExtension")

    def process_item(self, item: dict) -> dict:
        url = item.get("canonical_url") or item["url"]
        try:
            match = self.detector.check(url, item.get("site"), item.get("body"))
        except sqlite3.OperationalError:
            self.stats.inc_value("newsspider/reprints/check_failed")
            logger.exception("could not check %s for reprints", url)
            return item
        item["duplicate_of"] = match.url if match else None
        item["similarity"] = match.similarity if match else None
        if match:
            self.stats.inc_value("newsspider/reprints")
            self.stats.inc_value(f"newsspider/site/{item.get('site')}/reprints")
        return item
