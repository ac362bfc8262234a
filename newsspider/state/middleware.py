"""Spider middleware: drop article requests already exported; stop pagination on all-seen listing pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.exceptions import NotConfigured

from newsspider.extract.urlid import article_key, legacy_key
from newsspider.requestmeta import KEY, KIND
from newsspider.state import feedstorage
from newsspider.state.extension import SeenStateExtension, site_of
from newsspider.state.pgstore import store_for
from newsspider.state.store import SeenStore

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable

    from scrapy.crawler import Crawler
    from scrapy.http import Response

STALE = "newsspider_stale_listings"  # listing meta: consecutive listing pages before it without a new article


def request_key(response: Response | None) -> str | None:
    """The article key the spider put in the request (continuation pages carry their article's key).

    After a redirect the page (and the item's URL) is another one: None, so callers key the URL itself.
    """
    if response is None or response.meta.get("redirect_urls"):
        return None
    return response.meta.get(KEY)


class SkipSeenMiddleware:
    """Filter a listing page's output through the seen store of ``NEWSSPIDER_STATE_DIR``.

    Article requests whose key is seen (or already requested in this run) are dropped before download, and
    so are dropped articles held back: given up after ``NEWSSPIDER_DROP_RETRIES`` drops, or waiting out their
    backoff. After the seeds, the dropped articles due for a retry are requested whatever the listing walk
    finds (``newsspider.state.drops``).
    Pagination stops after ``NEWSSPIDER_STALE_LISTING_PAGES`` consecutive listing pages without an unseen
    article (0: never stop early), but only when the previous run walked every listing page (finished
    without errors); after a killed or failed run the whole listing is walked again. The spider yields a
    listing page's article requests before its pagination requests, which this relies on.
    """

    def __init__(self, crawler: Crawler, store: SeenStore, stale_limit: int, early_stop: bool):
        self.stats = crawler.stats
        self.store = store
        self.site = site_of(crawler)
        self.stale_limit = stale_limit if early_stop else 0
        self.requested: set[str] = set()
        state = crawler.get_extension(SeenStateExtension)
        self.revisits = state.revisits if state else {}  # keys re-fetched on purpose (newsspider.state.revisit)
        self.crawler = crawler
        self.retries = crawler.settings.getint("NEWSSPIDER_DROP_RETRIES", 3)
        self.due = store.due_retries(self.site, self.retries) if self.retries else []
        self.held_back = store.held_back(self.site, self.retries) - {row["key"] for row in self.due}

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        state_dir = crawler.settings.get("NEWSSPIDER_STATE_DIR")
        if not state_dir:
            raise NotConfigured("NEWSSPIDER_STATE_DIR is empty")
        store = store_for(crawler.settings)
        run_id = feedstorage.run_id(crawler.settings)
        early_stop = store.previous_run_complete(site_of(crawler), run_id)
        crawler.stats.set_value("newsspider/seen/early_stop_enabled", early_stop)
        return cls(crawler, store, crawler.settings.getint("NEWSSPIDER_STALE_LISTING_PAGES", 2), early_stop)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """The seeds, then a retry of every dropped article that is due (whatever the listing walk does)."""
        async for request in start:
            yield request
        self.stats.set_value("newsspider/drops/retried", len(self.due))
        for row in self.due:
            self.requested.add(row["key"])
            meta = {KIND: "article", KEY: row["key"]}
            yield Request(row["url"], self.crawler.spider.parse_article, meta=meta, dont_filter=True)

    def process_spider_output(self, response: Response | None, result: Iterable[Any], spider=None):
        counts = {"new": 0, "old": 0}
        for output in result:
            if self.keep(output, response, counts):
                yield output

    async def process_spider_output_async(
        self, response: Response | None, result: AsyncIterator[Any], spider=None
    ):
        counts = {"new": 0, "old": 0}
        async for output in result:
            if self.keep(output, response, counts):
                yield output

    def keep(self, output: Any, response: Response | None, counts: dict) -> bool:
        if not isinstance(output, Request):
            return self.keep_item(output, response)
        kind = output.meta.get(KIND)
        if kind == "article":
            return self.keep_article(output, counts)
        if kind == "listing" and response is not None:
            return self.keep_listing(output, response, counts)
        return True

    def keep_item(self, item: Any, response: Response | None) -> bool:
        """Safety net for articles reached without a filtered request (a seed URL that is an article).

        The spider's request key is reused; an article parsed from a listing page has none.
        """
        url = item.get("url") if isinstance(item, Mapping) else None
        key = request_key(response) or (article_key(url) if url else None)
        if key and key not in self.revisits and self.is_seen(key, url):
            self.stats.inc_value("newsspider/seen/item_skipped")
            return False
        return True

    def keep_article(self, request: Request, counts: dict) -> bool:
        key = request.meta.get(KEY)
        if not key:
            return True
        if key in self.requested:
            counts["old"] += 1
            self.stats.inc_value("newsspider/seen/duplicate_in_run")
            return False
        if key in self.held_back:
            self.stats.inc_value("newsspider/seen/held_back")
            return False
        if self.is_seen(key, request.url):
            counts["old"] += 1
            self.stats.inc_value("newsspider/seen/skipped")
            self.stats.inc_value(f"newsspider/site/{self.site}/skipped_seen")
            return False
        counts["new"] += 1
        self.requested.add(key)
        return True

    def is_seen(self, key: str, url: str | None) -> bool:
        """Seen under its key, or under the key an older release stored for the same URL."""
        if self.store.is_seen(key):
            return True
        old = legacy_key(url) if url else key
        return old != key and self.store.is_seen(old)

    def keep_listing(self, request: Request, response: Response, counts: dict) -> bool:
        stale = 0 if counts["new"] else response.meta.get(STALE, 0) + 1
        if self.stale_limit and stale >= self.stale_limit:
            self.stats.inc_value("newsspider/seen/pagination_stopped")
            return False
        request.meta[STALE] = stale
        return True
