"""Feeds and sitemaps for NewsSpider: robots.txt Sitemap lines, sitemap indexes, feeds, their entries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy

from newsspider.discovery import sources
from newsspider.discovery.traps import trap_of
from newsspider.extract import links
from newsspider.extract.urlid import article_key, same_site
from newsspider.requestmeta import PROBE, SOURCE
from newsspider.state.middleware import SkipSeenMiddleware

if TYPE_CHECKING:
    from scrapy.http import Response


class SourcesMixin:
    """Requests and parses feeds and sitemaps (a profile's, or those generic mode found) into article requests."""

    def source_requests(self):
        """Profile feeds/sitemaps, or those generic mode found in earlier runs."""
        feeds = self.profile.feeds if self.profile else self.discovery.feeds
        sitemaps = self.profile.sitemaps if self.profile else self.discovery.sitemaps
        for url in feeds:
            yield from self.source_request(url, "feed")
        for url in sitemaps:
            yield from self.source_request(url, "sitemap")

    def probe_robots(self, start_url: str):
        """robots.txt Sitemap lines (else /sitemap.xml), once per site, after its start page answered."""
        if not self.profile and self.probe_sources and not self.discovery.probed:
            yield from self.source_request(origin(start_url) + "/robots.txt", "robots", probe=True)

    def source_request(self, url: str, kind: str, probe: bool = False):
        if url in self.sources_requested or not links.is_http(url):
            return
        if not same_site(url, self.allowed_domains):
            self.count(f"{kind}_offsite")
            return
        self.sources_requested.add(url)
        meta = {SOURCE: kind, PROBE: probe}
        yield scrapy.Request(url, self.parse_source, errback=self.source_failed, meta=meta, dont_filter=True)

    def source_failed(self, failure) -> None:
        request = failure.request
        if request.meta.get(PROBE):
            self.count("probes")
        self.count(f"{request.meta.get(SOURCE)}_unavailable")
        if request.meta.get(SOURCE) == "robots" and not self.profile:
            yield from self.guess_sitemaps(request.url)

    async def parse_source(self, response: Response):
        kind = response.meta[SOURCE]
        if response.meta.get(PROBE):
            self.count("probes")
        handler = {"robots": self.parse_robots, "feed": self.parse_feed, "sitemap": self.parse_sitemap}[kind]
        for output in handler(response):
            yield output

    def parse_robots(self, response: Response):
        found = [url for url in sources.robots_sitemaps(response.body, response.url)]
        for url in found:
            yield from self.source_request(url, "sitemap")
        if not found:
            yield from self.guess_sitemaps(response.url)

    def guess_sitemaps(self, robots_url: str):
        for path in sources.SITEMAP_PATHS:
            yield from self.source_request(origin(robots_url) + path, "sitemap", probe=True)

    def parse_sitemap(self, response: Response):
        now = datetime.now(UTC)
        try:
            kind, entries, whole = sources.read_sitemap(response.body, self.sitemap_max_bytes, now)
        except sources.SourceError as exc:
            self.count(f"sitemap_error/{exc.reason}")
            self.logger.warning("skipping sitemap %s: %s", response.url, exc)
            return
        self.remember(self.discovery.sitemaps, response.url)
        self.count("sitemaps")
        if kind == "sitemapindex":
            for entry in entries:
                if len(self.sources_requested) >= self.max_sitemaps:
                    self.count("sitemap_limit_reached")
                    break
                yield from self.source_request(entry.url, "sitemap")
        else:
            yield from self.entry_requests(entries, "sitemap", now)
        if not whole:
            self.count("sitemap_error/malformed")
            self.logger.warning(
                "sitemap %s is truncated or malformed: read up to its last whole entry", response.url
            )

    def parse_feed(self, response: Response):
        now = datetime.now(UTC)
        try:
            entries, malformed = sources.feed_entries(response.body, now)
        except sources.SourceError as exc:
            self.count(f"feed_error/{exc.reason}")
            self.logger.warning("skipping feed %s: %s", response.url, exc)
            return
        if malformed:
            self.count("feed_error/malformed")
        self.remember(self.discovery.feeds, response.url)
        self.count("feeds")
        yield from self.entry_requests(entries, "feed", now)

    def remember(self, known: list[str], url: str) -> None:
        if not self.profile and url not in known:
            known.append(url)

    def entry_requests(self, entries, via: str, now: datetime):
        """Article (or candidate) requests for the entries of a feed or sitemap, filtered and bounded."""
        for entry in entries:
            if not links.is_http(entry.url) or not same_site(entry.url, self.allowed_domains):
                self.count(f"{via}_offsite_entry")
                continue
            if entry.bad_date:
                self.count(f"{via}_bad_date")
            if sources.too_old(entry, now, self.sitemap_max_age):
                self.count(f"{via}_too_old")
                continue
            if self.known(entry.url):
                continue
            if self.source_urls_taken >= self.source_max_urls:
                self.count("source_url_limit")  # the rest waits for a later run (seen entries do not count)
                return
            self.source_urls_taken += 1
            request = self.entry_request(entry.url)
            if request is not None:
                yield request

    def known(self, url: str) -> bool:
        """Whether an entry's article was requested in this run or exported before (it costs nothing)."""
        key = article_key(url)
        key = article_key(self.discovery.aliases[key]) if key in self.discovery.aliases else key
        if key in self.run_keys:
            return True
        seen = self.crawler.get_spider_middleware(SkipSeenMiddleware)
        return seen is not None and seen.is_seen(key, url)

    def entry_request(self, url: str) -> scrapy.Request | None:
        if self.profile:
            return self.article_request(url) if self.profile.is_article_url(url) else None
        trap = trap_of(url)
        if trap:
            self.count(f"trap/{trap}")
            return None
        learned = self.discovery.shapes.kind_of(url)
        if learned in ("listing", "other"):
            return None
        probe = learned is None and not links.looks_like_article_url(url)
        return self.candidate_request(url, 0, probe=probe, hop=True)


def origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
