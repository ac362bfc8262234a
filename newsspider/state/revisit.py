"""Revisits (off by default): re-fetch recent articles; export a changed one again with a ``version``."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.exceptions import DropItem, IgnoreRequest, NotConfigured

from newsspider.extract.urlid import article_key
from newsspider.requestmeta import KEY, KIND
from newsspider.state.extension import SeenStateExtension
from newsspider.state.store import content_hash

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from newsspider.items import Article


REVISIT = "newsspider_revisit"  # request meta: this article request re-checks an exported article
GONE = (404, 410)  # a revisited article answering these was deleted by the site


def _state(crawler: Crawler) -> SeenStateExtension:
    """The seen state, when revisits are switched on (``NEWSSPIDER_REVISIT_DAYS`` > 0)."""
    if crawler.settings.getfloat("NEWSSPIDER_REVISIT_DAYS", 0) <= 0:
        raise NotConfigured("NEWSSPIDER_REVISIT_DAYS is 0")
    state = crawler.get_extension(SeenStateExtension)
    if state is None:
        raise NotConfigured("revisits need NEWSSPIDER_STATE_DIR")
    return state


class RevisitAddon:
    """Registers the two components below only when revisits are on, so ``ITEM_PIPELINES`` stays the chain."""

    def update_settings(self, settings) -> None:
        if settings.getfloat("NEWSSPIDER_REVISIT_DAYS", 0) <= 0:
            return
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", RevisitStartMiddleware, 960)
        settings.set_in_component_priority_dict("ITEM_PIPELINES", RevisionPipeline, 995)
        settings.set_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", DeletedArticleMiddleware, 560)


class RevisitStartMiddleware:
    """After the listing seeds, request every article first exported in the last ``NEWSSPIDER_REVISIT_DAYS``
    days and not checked in the last ``NEWSSPIDER_REVISIT_HOURS`` hours."""

    def __init__(self, crawler: Crawler, state: SeenStateExtension):
        self.crawler = crawler
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler, _state(crawler))

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for request in start:
            yield request
        for request in self.revisit_requests():
            yield request

    def revisit_requests(self) -> list[Request]:
        settings, now = self.crawler.settings, time.time()
        since = now - settings.getfloat("NEWSSPIDER_REVISIT_DAYS") * 86400
        checked_before = now - settings.getfloat("NEWSSPIDER_REVISIT_HOURS", 6) * 3600
        due = self.state.store.due_revisits(self.state.site, since, checked_before)
        self.crawler.stats.set_value("newsspider/revisit/scheduled", len(due))
        requests = []
        for row in due:
            self.state.revisits[row["key"]] = row
            meta = {KIND: "article", KEY: row["key"], REVISIT: True}
            requests.append(
                Request(row["url"], self.crawler.spider.parse_article, meta=meta, dont_filter=True)
            )
        return requests


class RevisionPipeline:
    """A revisited article is dropped when unchanged, else exported with ``version`` and ``updated_at``."""

    def __init__(self, crawler: Crawler, state: SeenStateExtension):
        self.stats = crawler.stats
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler, _state(crawler))

    def process_item(self, item: Article) -> Article:
        key = item.context.key or article_key(item["url"])  # the request's key (a stored legacy key matches)
        previous = self.state.revisits.pop(key, None)
        if previous is None:
            return item
        if content_hash(item) == previous["hash"]:
            self.state.store.mark_checked(key)
            self.stats.inc_value("newsspider/revisit/unchanged")
            raise DropItem(f"unchanged since version {previous['version']}: {item['url']}", log_level="DEBUG")
        self.stats.inc_value("newsspider/revisit/changed")
        item["version"] = previous["version"] + 1
        item["updated_at"] = item.get("updated_at") or item.get("fetched_at")
        return item


class DeletedArticleMiddleware:
    """A revisited article now 404/410 is a deletion: recorded (no more revisits) and counted, not an error."""

    def __init__(self, crawler: Crawler, state: SeenStateExtension):
        self.stats = crawler.stats
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler, _state(crawler))

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        if not request.meta.get(REVISIT) or response.status not in GONE:
            return response
        key = request.meta[KEY]
        self.state.revisits.pop(key, None)
        self.state.store.mark_deleted(key)
        self.stats.inc_value("newsspider/revisit/deleted")
        raise IgnoreRequest(f"deleted by the site (HTTP {response.status}): {response.url}")
