"""NewsSpider: ``scrapy crawl news -a site=<id>`` or ``-a start_url=URL[,URL...]``."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy

from newsspider import chain
from newsspider.exceptions import ProfileError
from newsspider.extract import links
from newsspider.extract.page import Page
from newsspider.extract.urlid import article_key
from newsspider.extractpool import ExtractPool
from newsspider.frontier import batch_worker
from newsspider.middlewares import charset
from newsspider.requestmeta import DEPTH, ITEM, KEY, KIND
from newsspider.sites import get_profile
from newsspider.spiders.discovery import DiscoveryMixin
from newsspider.state.middleware import request_key
from newsspider.state.signals import article_dropped

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from newsspider.extractpool import Extracted
    from newsspider.sites.profile import SiteProfile

# Generic mode names the output folder after the host: only plain host names (no "..", "/" or "%") qualify.
_HOST_RE = re.compile(r"^(?!.*\.\.)[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$")


class NewsSpider(DiscoveryMixin, scrapy.Spider):
    """Follow listing pages (with pagination) to articles and yield one raw article item each."""

    name = "news"

    def __init__(self, site: str | None = None, start_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if bool(site) == bool(start_url):
            msg = "give exactly one of -a site=<id> or -a start_url=URL[,URL...]"
            raise ProfileError(msg)
        self.profile: SiteProfile | None = get_profile(site) if site else None
        if self.profile:
            self.site = self.profile.id
            self.seeds = list(self.profile.start_urls)
            self.allowed_domains = list(self.profile.domains)
        else:
            self.seeds = [url.strip() for url in start_url.split(",") if url.strip()]
            bad = [url for url in self.seeds if not links.is_http(url)]
            bad += [url for url in self.seeds if not _HOST_RE.match(urlsplit(url).hostname or "")]
            if bad or not self.seeds:
                msg = f"start_url must be http(s) URLs, got {start_url!r}"
                raise ProfileError(msg)
            hosts = sorted({urlsplit(url).hostname for url in self.seeds})
            self.site = hosts[0] if len(hosts) == 1 else "generic"
            self.allowed_domains = hosts
        self.listing_pages = 0
        self.listings_requested: set[str] = set()  # listings are not dupe-filtered: stop pager cycles

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider._apply_settings(crawler.settings)
        spider.extractor = ExtractPool.from_crawler(crawler)
        return spider

    def _apply_settings(self, settings) -> None:
        """Profile politeness and the default per-site feed, below command-line priority."""
        if self.profile and self.profile.politeness.delay is not None:
            settings.set("DOWNLOAD_DELAY", self.profile.politeness.delay, priority="spider")
        if self.profile and self.profile.politeness.concurrency is not None:
            concurrency = self.profile.politeness.concurrency
            settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", concurrency, priority="spider")
        if not settings.getdict("FEEDS"):
            folder = Path(settings.get("NEWSSPIDER_OUTPUT_DIR", "output")) / self.site
            # A plain path: as_uri() would percent-encode the %(run_id)s placeholders.
            stem = f"{self.site}-{worker}-" if (worker := batch_worker(settings)) else f"{self.site}-"
            uri = str((folder / f"{stem}%(run_id)s-%(batch_id)05d.jsonl").resolve())
            feed = {"format": "jsonlines", "encoding": "utf-8", "uri_params": "newsspider.state.feedstorage.uri_params",
                    "batch_item_count": settings.getint("NEWSSPIDER_BATCH_SIZE", 100)}  # fmt: skip
            settings.set("FEEDS", {uri: feed}, priority="spider")
        self.max_listing_pages = settings.getint("NEWSSPIDER_MAX_LISTING_PAGES", 0)
        self.max_article_pages = settings.getint("NEWSSPIDER_MAX_ARTICLE_PAGES", 20)
        self.setup_discovery(settings)

    async def start(self):
        for url in self.seeds:
            yield self.listing_request(url)
        for request in self.source_requests():
            yield request

    def listing_request(self, url: str, depth: int = 0) -> scrapy.Request:
        """Listing pages are fetched on every run (never filtered as seen), once per run."""
        self.listings_requested.add(url)
        return scrapy.Request(url, self.parse_listing, meta={KIND: "listing", DEPTH: depth}, dont_filter=True)

    def next_listing(self, url: str, depth: int = 0) -> scrapy.Request | None:
        """A further listing page, unless already requested or past NEWSSPIDER_MAX_LISTING_PAGES."""
        if url in self.listings_requested:
            return None
        if self.max_listing_pages and self.listing_pages >= self.max_listing_pages:
            self.crawler.stats.inc_value("newsspider/listing_limit_reached")
            return None
        self.listing_pages += 1
        return self.listing_request(url, depth)

    def article_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, self.parse_article, meta={KIND: "article", KEY: article_key(url)})

    def page(self, response: Response) -> Page:
        """Parse a listing response exactly as the offline chain parses bytes."""
        decoded = response.meta.get(charset.DECODED)
        if decoded is None:
            return Page.from_bytes(response.body, response.url, _headers(response))
        return Page(response.url, decoded, _headers(response))

    async def parse_listing(self, response: Response):
        """Follow article links and pagination; a seed that is itself an article is parsed as one."""
        self.crawler.stats.inc_value(f"newsspider/site/{self.site}/listings")
        page = self.page(response)
        if page.tree is None:
            self.crawler.stats.inc_value("newsspider/listing_unparseable")
            return
        if not self.profile and links.looks_like_article_url(response.url):
            async for output in self.parse_article(response):
                yield output
            return
        if not self.profile:
            for output in self.follow_listing(page, response.meta.get(DEPTH, 0)):
                yield output
            return
        found = links.listing_links(page, self.profile)
        for url in found.articles:
            yield self.article_request(url)
        for url in found.listings:
            request = self.next_listing(url)
            if request is None and url not in self.listings_requested:
                break
            if request is not None:
                yield request

    async def extract(self, response: Response, continuations: bool) -> Extracted:
        """Decode, parse and extract the response's page (in a worker process when there are any)."""
        found = await self.extractor.extract(
            response.body, response.url, _headers(response), self.profile, datetime.now(UTC), continuations
        )
        if charset.DECODED not in response.meta:  # else the charset middleware decoded and counted it
            charset.count_fix(self.crawler.stats, found.charset_fix)
        return found

    async def parse_article(self, response: Response):
        """Extract page 1; chain through continuation pages when the article is split."""
        found = await self.extract(response, continuations=self.max_article_pages > 1)
        found.item.context.key = request_key(response)  # the pipelines reuse it (revisits), never recompute it
        rest = found.rest[: self.max_article_pages - 1]
        if not rest:
            yield found.item
            return
        yield self.continuation_request(found.item, rest, request_key(response))

    def continuation_request(self, item: dict, rest: list[str], key: str | None) -> scrapy.Request:
        """The next page of ``item``; it carries the article's key, so nobody computes it again."""
        meta = {KIND: "article_page", KEY: key, ITEM: item, "newsspider_rest": rest[1:]}
        return scrapy.Request(rest[0], self.parse_continuation, meta=meta, errback=self.continuation_failed)

    async def parse_continuation(self, response: Response):
        """Append one continuation page's body and images to the article begun on page 1."""
        part = (await self.extract(response, continuations=False)).item
        item = chain.merge_continuation(response.meta[ITEM], part)
        rest = response.meta["newsspider_rest"]
        yield self.continuation_request(item, rest, request_key(response)) if rest else item

    def continuation_failed(self, failure):
        """A missing page makes the article incomplete: drop it (not seen, so the next run retries)."""
        self.crawler.stats.inc_value("newsspider/dropped/incomplete_multipage")
        self.logger.warning("dropping incomplete multi-page article: %s", failure.request.url)
        url = failure.request.meta["newsspider_item"]["url"]
        key = failure.request.meta.get(KEY) or article_key(url)
        self.crawler.signals.send_catch_log(article_dropped, key=key, url=url, reason="incomplete_multipage")


def _headers(response: Response) -> dict[str, str]:
    """The headers the chain looks at, as plain strings (picklable for the extraction workers)."""
    return {"content-type": charset.response_content_type(response)}
