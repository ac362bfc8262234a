"""``news`` without article extraction: what Scrapy plus newsspider's middlewares, pipelines, feed and seen store cost."""

from __future__ import annotations

from newsspider.items import Article
from newsspider.spiders.news import NewsSpider


class ChainOnlySpider(NewsSpider):
    """Same requests, middlewares, pipelines, feed and seen store as ``news``; articles are never parsed."""

    name = "chainonly"

    async def parse_article(self, response):
        yield Article(
            url=response.url, title="t", body="b" * 40, site=self.site, pages=1, fetched_at="2026-01-01T00:00:00+00:00"
        )
