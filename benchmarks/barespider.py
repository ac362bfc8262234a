"""The baseline spider: follows the same listing/article links as ``news`` and yields only the URL."""

from __future__ import annotations

import scrapy

from newsspider.extract import links


class BareFollowSpider(scrapy.Spider):
    """Scrapy alone: CSS-select links on listings, yield ``{"url": ...}`` for articles, parse nothing else."""

    name = "bare"

    def __init__(self, start_url: str = "", **kwargs):
        super().__init__(**kwargs)
        self.seeds = [url for url in start_url.split(",") if url]
        self.listing_pages = 0

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.max_listing_pages = crawler.settings.getint("NEWSSPIDER_MAX_LISTING_PAGES", 0)
        return spider

    async def start(self):
        for url in self.seeds:
            yield scrapy.Request(url, self.parse_listing, dont_filter=True)

    def parse_listing(self, response):
        """Same split as ``links.listing_links``: article links, then pagination (listings never filtered)."""
        seen = {response.url}
        known = {response.urljoin(href.strip()).split("#", 1)[0] for href in response.css("a::attr(href)").getall()}
        for anchor in response.css("a[href]"):
            url = response.urljoin(anchor.attrib["href"].strip()).split("#", 1)[0]
            if url in seen or not links.is_http(url) or links._NOT_PAGE_EXT_RE.search(url):
                continue
            seen.add(url)
            if links.is_continuation(url, known) and not links._PAGINATION_URL_RE.search(url):
                continue
            if links.looks_like_article_url(url):
                yield scrapy.Request(url, self.parse_article)
            elif links._is_pagination(
                url, " ".join(anchor.xpath("string()").get().split()), response.url, None
            ):
                if self.max_listing_pages and self.listing_pages >= self.max_listing_pages:
                    break
                self.listing_pages += 1
                yield scrapy.Request(url, self.parse_listing, dont_filter=True)

    def parse_article(self, response):
        yield {"url": response.url}
