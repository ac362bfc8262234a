"""WarcArchive: holds each article's captures until its line is exported, then writes them to the batch's WARC."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from newsspider.exceptions import NewsspiderError
from newsspider.requestmeta import ITEM, KIND
from newsspider.state import feedstorage
from newsspider.state.extension import FeedsClosed
from newsspider.warc.names import warc_path
from newsspider.warc.writer import WarcBatchFile, software

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from newsspider.warc.capture import Capture

logger = logging.getLogger(__name__)

MAX_WAITING = 2000  # articles whose captures wait for their line; far above the pages in flight


class WarcWriteError(NewsspiderError):
    """A batch's WARC file could not be written (disk full, I/O error): the batch must not be committed."""


def archive_of(crawler: Crawler) -> WarcArchive | None:
    """The crawl's WARC archive (None when NEWSSPIDER_WARC is off)."""
    for extension in crawler.extensions.middlewares if crawler.extensions else ():
        if isinstance(extension, WarcArchive):
            return extension
    return None


class WarcArchive:
    """Captures of article pages wait here, keyed by article, until the feed exporter writes the article's line.

    The records then go into the WARC file of the same batch, so a batch and its WARC file are committed (or
    thrown away) together, and every exported line names its page-1 response record.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.run_id = feedstorage.run_id(crawler.settings)
        self.captures: OrderedDict[str, list[Capture]] = OrderedDict()  # page-1 URL -> captures of its pages
        self.files: dict[Path, WarcBatchFile] = {}  # final batch path -> its open WARC file
        self.failed: dict[Path, BaseException] = {}
        self.written: set[Path] = set()  # batches whose WARC file got records (their lines name it)
        self.feeds_closed = FeedsClosed(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchive:
        if not crawler.settings.getbool("NEWSSPIDER_WARC"):
            raise NotConfigured("NEWSSPIDER_WARC is off")
        archive = cls(crawler)
        crawler.signals.connect(archive.forget_item, signals.item_dropped)
        crawler.signals.connect(archive.forget_item, signals.item_error)
        crawler.signals.connect(archive.engine_stopped, signals.engine_stopped)
        return archive

    # -- captures ---------------------------------------------------------------------------------------

    def add(self, meta: dict, capture: Capture) -> None:
        """Keep a capture under its article's page-1 URL (the item's ``url``); continuation pages append."""
        if meta.get(KIND) == "article_page":
            first = (meta.get(ITEM) or {}).get("url")
            if first in self.captures:
                self.captures[first].append(capture)
                self.stats.inc_value("newsspider/warc/captured")
            return
        self.captures[capture.url] = [capture]
        self.stats.inc_value("newsspider/warc/captured")
        while len(self.captures) > MAX_WAITING:  # articles dropped without a signal (e.g. identity duplicates)
            self.captures.popitem(last=False)
            self.stats.inc_value("newsspider/warc/captures_evicted")

    def take(self, url: str) -> list[Capture]:
        return self.captures.pop(url, [])

    def forget_item(self, item, response=None, spider=None, **_kwargs) -> None:
        """A dropped or failed item will not be exported: its captures are not archived."""
        if isinstance(item, Mapping) and item.get("url"):
            self.take(item["url"])

    # -- batches ----------------------------------------------------------------------------------------

    def archive_item(self, batch: Path, item: Mapping[str, Any]) -> tuple[str | None, str | None]:
        """Write the item's pages to ``batch``'s WARC file; return (WARC file relative to the batch, record id)."""
        if batch in self.failed:
            raise WarcWriteError(f"WARC file of {batch.name} failed earlier; line not exported")
        pages = self.take(item["url"])
        if not pages:
            self.stats.inc_value("newsspider/warc/no_capture")
            logger.warning("no WARC capture for exported article %s", item["url"])
            return None, None
        try:
            warc = self.files.get(batch) or self._open(batch)
            self.written.add(batch)
            record_id = warc.write_article(pages, item.get("site"))
        except OSError as exc:
            self._fail(batch, exc)
            raise WarcWriteError(f"cannot write WARC records for {item['url']}: {exc}") from exc
        self.stats.inc_value("newsspider/warc/responses", len(pages))
        return warc.final.relative_to(batch.parent).as_posix(), record_id

    def _open(self, batch: Path) -> WarcBatchFile:
        info = {"format": "WARC File Format 1.1", "isPartOf": batch.name, "robots":
                "obey" if self.crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
                "http-header-user-agent": self.crawler.settings.get("USER_AGENT"), "run-id": self.run_id,
                "description": f"article pages captured by {software()} before decompression"}  # fmt: skip
        self.files[batch] = WarcBatchFile(warc_path(batch, self.run_id), info)
        return self.files[batch]

    def _fail(self, batch: Path, exc: BaseException) -> None:
        """Stop the crawl: this batch (and every later one) would be incomplete."""
        self.failed[batch] = exc
        warc = self.files.pop(batch, None)
        if warc is not None:
            warc.abort()
        self.stats.inc_value("newsspider/warc/write_failed")
        logger.error("WARC write failed for batch %s (%s): stopping the crawl, batch not committed", batch, exc)
        if self.crawler.crawling:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="warc_write_failed"))

    def seal(self, batch: Path) -> list[Path]:
        """Make the batch's WARC file durable under its part name; raise WarcWriteError if it failed."""
        if batch in self.failed:
            raise WarcWriteError(f"WARC file of {batch.name} is incomplete: {self.failed[batch]}")
        warc = self.files.get(batch)
        if warc is None:
            if batch in self.written:  # its lines name a WARC file that is gone: never commit them
                raise WarcWriteError(f"WARC file of {batch.name} was closed before its batch was stored")
            return []
        try:
            warc.seal()
        except OSError as exc:
            self._fail(batch, exc)
            raise WarcWriteError(f"cannot make WARC file of {batch.name} durable: {exc}") from exc
        return [warc.final]

    def publish(self, batch: Path) -> None:
        """Rename the sealed WARC file to its final name (before the batch's own rename)."""
        warc = self.files.pop(batch, None)
        if warc is not None:
            warc.publish()

    def engine_stopped(self) -> None:
        """Once the last batch is stored (engine_stopped may come first, see FeedsClosed): drop the files of
        batches never stored (a forced stop) and the captures still waiting."""
        self.feeds_closed.then(self._drop_unstored)

    def _drop_unstored(self) -> None:
        for warc in self.files.values():
            warc.abort()
        self.files.clear()
        self.captures.clear()
