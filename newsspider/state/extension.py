"""Seen state of a crawl: repair at start, keys pending before a batch rename, commit on feed_slot_closed."""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from w3lib.url import file_uri_to_path

from newsspider import companions
from newsspider.exceptions import ArticleRejected, NewsspiderError
from newsspider.extract.urlid import article_key
from newsspider.frontier import batch_worker
from newsspider.requestmeta import KEY
from newsspider.state import feedstorage
from newsspider.state import signals as statesignals
from newsspider.state.pgstore import store_for
from newsspider.state.store import SeenStore, acquire_lock, content_hash

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


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


class OutputNotWritableError(NewsspiderError):
    """A feed folder cannot be written: checked before the crawl starts, so no page is fetched in vain."""


def check_writable(folder: Path) -> None:
    """Create ``folder`` if needed and write (then remove) a probe file in it; OutputNotWritableError if not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-check-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        msg = f"output folder {folder} is not writable ({exc.strerror or exc})"
        raise OutputNotWritableError(msg) from exc


class FeedsClosed:
    """Fires once the feed exporter has stored (and the state committed) its last batch.

    ``engine_stopped`` can come first: a SIGTERM during a CLOSESPIDER_TIMEOUT close stops the engine while
    the spider is still closing, so whoever needs the final batches waits on ``wait()``.
    """

    def __init__(self, crawler: Crawler):
        self.opened = False
        self.done: Deferred = Deferred()
        has_feeds = bool(crawler.settings.getdict("FEEDS"))
        crawler.signals.connect(self._opened, signals.spider_opened)
        crawler.signals.connect(self._fire, signals.feed_exporter_closed if has_feeds else signals.spider_closed)

    def _opened(self) -> None:
        self.opened = True

    def _fire(self) -> None:
        if not self.done.called:
            self.done.callback(None)

    async def wait(self) -> None:
        if self.opened:
            await maybe_deferred_to_future(self.done)

    def then(self, action) -> None:
        """Run ``action()`` now, or once the last batch is stored (the seen state holds the engine till then)."""
        if not self.opened or self.done.called:
            action()
        else:
            self.done.addCallback(lambda _: action())


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
        self.feeds_closed = FeedsClosed(crawler)
        settings = crawler.settings
        self.retries = settings.getint("NEWSSPIDER_DROP_RETRIES", 3)
        self.backoff = settings.getfloat("NEWSSPIDER_DROP_RETRY_BACKOFF", 3600)
        self.tolerated_after = settings.getint("NEWSSPIDER_DROP_FAILS_SITE", 1)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        state_dir = crawler.settings.get("NEWSSPIDER_STATE_DIR")
        if not state_dir:
            raise NotConfigured("NEWSSPIDER_STATE_DIR is empty")
        for folder, _stem in feed_folders(crawler):
            check_writable(folder)
        worker = batch_worker(crawler.settings)  # workers of one run lock and repair only their own batches
        lock = acquire_lock(Path(state_dir) / "locks" / f"{site_of(crawler)}{'-' + worker if worker else ''}.lock")
        timeout = crawler.settings.getfloat("NEWSSPIDER_STATE_LOCK_TIMEOUT", 30)
        try:
            store = store_for(crawler.settings, timeout=timeout)
        except BaseException:
            lock.close()
            raise
        extension = cls(crawler, store, lock)
        extension.repair()
        for handler, signal in ((extension.item_scraped, signals.item_scraped),
                                (extension.item_dropped, signals.item_dropped),
                                (extension.article_dropped, statesignals.article_dropped),
                                (extension.prepare, statesignals.batch_prepared),
                                (extension.feed_slot_closed, signals.feed_slot_closed),
                                (extension.engine_stopped, signals.engine_stopped)):  # fmt: skip
            crawler.signals.connect(handler, signal)
        return extension

    def repair(self) -> None:
        """Settle what a killed run left: pending batches and temp files; then open this run."""
        worker = batch_worker(self.crawler.settings)
        mine = (lambda path: Path(path).name.startswith(f"{self.site}-{worker}-")) if worker else None
        discard = lambda path, run: companions.remove_companions(Path(path), run)  # noqa: E731
        committed, discarded = self.store.reconcile(self.site, match=mine, on_discard=discard)
        cleared = sum(companions.clear_temp_files(folder, stem) for folder, stem in feed_folders(self.crawler))
        for name, value in (("reconciled", committed), ("discarded", discarded), ("temp_cleared", cleared)):
            if value:
                self.stats.set_value(f"newsspider/seen/{name}", value)
                logger.warning("repaired state of an interrupted run: %s %s", name, value)
        self.store.start_run(self.run_id, self.site)
        self.stats.set_value("newsspider/seen/committed", 0)  # new_articles counts committed batches only

    def item_scraped(self, item: dict, response: Response | None = None) -> None:
        url = item.get("url") if isinstance(item, Mapping) else None
        if url:
            key = response.meta.get(KEY) if response is not None else None
            self.keys[url] = key or article_key(url)

    def item_dropped(self, item, response: Response | None = None, exception: Exception | None = None) -> None:
        """A pipeline rejected the article (ArticleRejected): remember its key for a retry on a later run."""
        cause = exception.__cause__ if exception is not None else None
        url = item.get("url") if isinstance(item, Mapping) else None
        if isinstance(cause, ArticleRejected) and url:
            key = response.meta.get(KEY) if response is not None and not response.meta.get("redirect_urls") else None
            self.article_dropped(key or article_key(url), url, cause.reason)

    def article_dropped(self, key: str, url: str, reason: str) -> None:
        """Record the drop; a key dropped before (``NEWSSPIDER_DROP_FAILS_SITE`` times) no longer fails the site."""
        try:
            drops = self.store.record_drop(key, self.site, url, reason, backoff=self.backoff)
        except sqlite3.OperationalError:
            self.stats.inc_value("newsspider/seen/drop_record_failed")
            logger.exception("could not record the drop of %s", url)
            return
        if drops > self.tolerated_after:
            self.stats.inc_value("newsspider/drops/tolerated")
        if self.retries and drops >= self.retries:
            self.stats.inc_value("newsspider/drops/given_up")
            logger.warning("giving up on %s after %d drops (last: %s)", url, drops, reason)

    def prepare(self, path: Path, items: list[dict]) -> None:
        """``batch_prepared``, before the rename: the keys of the batch's items become pending."""
        entries = [(self.key_of(item["url"]), item["url"], content_hash(item)) for item in items]
        self.store.prepare_batch(str(path), self.site, self.run_id, entries)

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

    async def engine_stopped(self) -> None:
        """Close the store only once the feed exporter has stored and committed its last batch."""
        await self.feeds_closed.wait()
        reason = self.stats.get_value("finish_reason") or "unknown"
        new = self.stats.get_value("newsspider/seen/committed", 0)
        try:
            self.store.finish_run(self.run_id, self.site, reason, new, errors(self.stats.get_stats()))
        except sqlite3.OperationalError:  # locked: the run stays unfinished, so the next run walks everything
            self.stats.inc_value("newsspider/seen/finish_failed")
            logger.exception("could not record the end of run %s", self.run_id)
        finally:
            self.store.close()
            self.lock.close()
