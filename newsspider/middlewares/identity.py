"""Spider middleware: one article, one identity (URL key and on-site rel=canonical checked after download)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from newsspider.extract.links import is_http
from newsspider.extract.urlid import article_key, same_site
from newsspider.state.pgstore import store_for
from newsspider.state.revisit import REVISIT
from newsspider.state.store import SeenStore

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable

    from scrapy.crawler import Crawler
    from scrapy.http import Response

STATS = "newsspider/identity"


class ArticleIdentityMiddleware:
    """Drop an article item whose identity was exported already.

    Its keys are ``article_key(url)`` and, when the page's ``rel=canonical`` points into the site's domains,
    ``article_key(canonical)``. A key exported earlier in this run (the same article reached as http and
    https, www. and m., through a redirecting feed link) or a canonical key in the seen store drops the item,
    counted as ``newsspider/identity/duplicate_in_run`` or ``.../canonical_seen``. Revisits pass.
    """

    def __init__(self, crawler: Crawler, store: SeenStore | None):
        self.crawler = crawler
        self.stats = crawler.stats
        self.store = store
        self.exported: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        state_dir = crawler.settings.get("NEWSSPIDER_STATE_DIR")
        return cls(crawler, store_for(crawler.settings) if state_dir else None)

    def process_spider_output(self, response: Response | None, result: Iterable[Any], spider=None):
        for output in result:
            if self.keep(output, response):
                yield output

    async def process_spider_output_async(
        self, response: Response | None, result: AsyncIterator[Any], spider=None
    ):
        async for output in result:
            if self.keep(output, response):
                yield output

    def keep(self, output: Any, response: Response | None) -> bool:
        if not isinstance(output, Mapping) or not output.get("url"):  # an Article (scrapy.Item) or a dict
            return True
        if response is not None and response.meta.get(REVISIT):
            return True
        key = article_key(output["url"])
        keys = {key}
        canonical = output.get("canonical_url")
        domains = getattr(self.crawler.spider, "allowed_domains", None) or []
        if canonical and is_http(canonical) and same_site(canonical, domains):
            keys.add(article_key(canonical))
        if keys & self.exported:
            self.stats.inc_value(f"{STATS}/duplicate_in_run")
            return False
        if self.store is not None and any(self.store.is_seen(other) for other in keys - {key}):
            self.stats.inc_value(f"{STATS}/canonical_seen")
            return False
        self.exported |= keys
        return True
