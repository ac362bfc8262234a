"""Generic-mode discovery for NewsSpider: sections, candidates classified by content, feeds and sitemaps."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy

from newsspider.discovery import classify, sources
from newsspider.discovery.state import DiscoveryState, state_path
from newsspider.discovery.traps import trap_of
from newsspider.extract import links
from newsspider.extract.urlid import article_key, same_site
from newsspider.middlewares.seen import SkipSeenMiddleware
from newsspider.requestmeta import DEPTH, KEY, KIND, PROBE, SOURCE

if TYPE_CHECKING:
    from scrapy.http import Response

    from newsspider.extract.page import Page

STATS = "newsspider/discovery"
_REDIRECTS = (301, 302, 303, 307, 308)


class DiscoveryMixin:
    """Routes the links of generic-mode listing pages and reads feeds and sitemaps (profile or discovered)."""

    def setup_discovery(self, settings) -> None:
        self.discovery_depth = settings.getint("NEWSSPIDER_DISCOVERY_DEPTH", 2)
        self.sitemap_max_age = settings.getfloat("NEWSSPIDER_SITEMAP_MAX_AGE_DAYS", 0)
        self.source_max_urls = settings.getint("NEWSSPIDER_SOURCE_MAX_URLS", 10000)
        self.sitemap_max_bytes = settings.getint("NEWSSPIDER_SITEMAP_MAX_BYTES", 50 * 1024 * 1024)
        self.max_sitemaps = settings.getint("NEWSSPIDER_MAX_SITEMAPS", 50)
        state_dir = settings.get("NEWSSPIDER_STATE_DIR")
        self.discovery_path = state_path(state_dir, self.site) if state_dir and not self.profile else None
        self.discovery, problem = DiscoveryState.load(self.discovery_path) if self.discovery_path else (DiscoveryState(), None)
        if problem:
            self.logger.warning("discovery state %s %s: starting afresh", self.discovery_path, problem)
            self.count("state_reset")
        self.sources_requested: set[str] = set()
        self.run_keys: set[str] = set()  # article keys requested in this run (pager exhaustion)
        self.listing_fingerprints: set[frozenset] = set()
        self.source_urls_taken = 0

    def count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"{STATS}/{key}", n)

    def closed(self, reason: str) -> None:
        """Keep what this run learned; the common paths count as probed only after a finished run."""
        if not self.discovery_path:
            return
        self.discovery.probed = self.discovery.probed or reason == "finished"
        try:
            self.discovery.save(self.discovery_path)
        except OSError as exc:
            self.logger.error("cannot write discovery state %s: %s", self.discovery_path, exc)
            self.count("state_write_failed")
        learned = self.discovery.shapes.learned()
        for kind in ("article", "listing", "other"):
            self.crawler.stats.set_value(f"{STATS}/learned_{kind}_shapes", sum(k == kind for k in learned.values()))

    # Sources: robots.txt, sitemaps, feeds.

    def source_requests(self):
        """Profile feeds/sitemaps, or those learned earlier; robots.txt once per site in generic mode."""
        feeds = self.profile.feeds if self.profile else self.discovery.feeds
        sitemaps = self.profile.sitemaps if self.profile else self.discovery.sitemaps
        for url in feeds:
            yield from self.source_request(url, "feed")
        for url in sitemaps:
            yield from self.source_request(url, "sitemap")
        if not self.profile and not self.discovery.probed:
            homes = [url for url in self.seeds if not links.looks_like_article_url(url)]  # an article seed: no probes
            for origin in dict.fromkeys(_origin(url) for url in homes):
                yield from self.source_request(origin + "/robots.txt", "robots", probe=True)

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
            yield from self.source_request(_origin(robots_url) + path, "sitemap", probe=True)

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
            self.logger.warning("sitemap %s is truncated or malformed: read up to its last whole entry", response.url)

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

    # Listing pages in generic mode.

    def candidate_request(self, url: str, depth: int, probe: bool, hop: bool = False) -> scrapy.Request:
        """An article-kind request (seen-filtered) whose page is classified before anything is exported.

        ``hop``: a feed or sitemap link, whose redirect the spider follows itself to remember where it led;
        a link that redirected in an earlier run is replaced by its target (no second hop).
        """
        key = article_key(url)
        target = self.discovery.aliases.get(key)
        if target:
            self.count("redirect_remembered")
            url, key, probe, hop = target, article_key(target), False, False
        self.run_keys.add(key)
        meta = {KIND: "article", KEY: key, DEPTH: depth, PROBE: probe}
        if hop:
            meta |= {"dont_redirect": True, "handle_httpstatus_list": list(_REDIRECTS)}
        return scrapy.Request(url, self.parse_candidate, meta=meta)

    def follow_hop(self, response: Response):
        """A feed/sitemap link that redirects: remember link -> target (so later runs skip the hop), follow it."""
        location = response.headers.get("Location", b"").decode("latin-1")
        target = response.urljoin(location) if location else None
        if not target or not links.is_http(target) or not same_site(target, self.allowed_domains):
            self.count("redirect_offsite")
            return
        self.discovery.remember_alias(article_key(response.url), target)
        yield self.candidate_request(target, response.meta.get(DEPTH, 0), probe=False)

    def route_generic(self, page: Page, depth: int):
        """Requests for one generic listing page: articles and candidates first, then listings."""
        found = links.listing_links(page)
        sections = classify.section_links(page) if depth < self.discovery_depth else {}
        headlines = classify.headline_links(page, listing=True)
        articles, listings, new = [], [], 0
        for url in dict.fromkeys([*found.articles, *headlines, *found.listings, *sections]):
            route = self.route(url, url in found.articles, url in found.listings, url in sections, url in headlines)
            if route in ("article", "candidate"):
                new += article_key(url) not in self.run_keys
                articles.append(self.candidate_request(url, depth + 1, probe=route == "candidate"))
            elif route == "pager":
                listings.append((url, depth))
            elif route == "section":
                self.count(f"section/{sections[url]}")
                listings.append((url, depth + 1))
        return articles, listings, self.pager_exhausted(found.articles + list(headlines), new)

    def route(self, url: str, article: bool, pager: bool, section: bool, headline: bool) -> str | None:
        """"article", "candidate", "pager", "section" or None (not followed), in order of evidence."""
        if not same_site(url, self.allowed_domains):
            return None
        trap = trap_of(url)
        if trap:
            self.count(f"trap/{trap}")
            return None
        learned = self.discovery.shapes.kind_of(url)
        if learned == "other":
            return None
        if learned == "article" or (learned is None and article):
            return "article"
        if pager and not headline:  # ?p=123 with a headline is a WordPress article, not page 123
            return "pager"
        if section or learned == "listing":
            return "section"
        return "candidate" if headline else None

    def pager_exhausted(self, urls: list[str], new: int) -> bool:
        """A page with no article link, or exactly the links of a page seen before (``?page=`` past the end)."""
        fingerprint = frozenset(urls)
        repeated = fingerprint in self.listing_fingerprints
        self.listing_fingerprints.add(fingerprint)
        return not urls or (repeated and not new)

    async def parse_candidate(self, response: Response):
        """Classify the page by its content; export it only as an article, follow it as a listing."""
        if response.status in _REDIRECTS:
            for output in self.follow_hop(response):
                yield output
            return
        if response.meta.get(PROBE):
            self.count("probes")
        page = self.page(response)
        kind, reason = classify.classify(page)
        self.count(f"classified/{kind}/{reason}")
        first = (response.meta.get("redirect_urls") or [response.url])[0]
        if self.discovery.shapes.record(first, kind):
            self.count("pattern_dropped")
            self.logger.info("dropped the learned URL pattern of %s: the page is %s (%s)", first, kind, reason)
        if kind == "listing":
            self.listing_pages += 1
            for output in self.follow_listing(page, response.meta.get(DEPTH, 0)):
                yield output
        elif kind == "article" or not response.meta.get(PROBE):
            # A URL the rules or a learned shape call an article goes to the chain, which validates it.
            async for output in self.parse_article(response):
                yield output
        else:
            self.count("not_article")

    def follow_listing(self, page: Page, depth: int):
        """Generic listing page: its articles and candidates, feeds it announces, then sections and pager."""
        articles, listings, exhausted = self.route_generic(page, depth)
        yield from articles
        if page.url in self.seeds:
            yield from self.announced_feeds(page)
        if not articles and not listings:
            yield from self.dead_end(page, depth)
        if exhausted and any(level == depth for _url, level in listings):
            self.count("pager_exhausted")
        for url, level in listings:
            if exhausted and level == depth:
                continue  # the pager of a page that repeats an earlier one (``?page=`` past the end)
            request = self.next_listing(url, level)
            if request is not None:
                yield request

    def announced_feeds(self, page: Page):
        announced = sources.feed_links(page)
        for url in announced:
            yield from self.source_request(url, "feed")
        if not announced and not self.discovery.probed and not self.discovery.feeds:
            for path in sources.FEED_PATHS:
                yield from self.source_request(_origin(page.url) + path, "feed", probe=True)

    def dead_end(self, page: Page, depth: int):
        """A page with nothing to follow: a JavaScript redirect is followed once, an empty start is counted."""
        target = classify.js_redirect(page)
        if target and same_site(target, self.allowed_domains) and target not in self.listings_requested:
            self.count("js_redirect")
            request = self.next_listing(target, depth)
            if request is not None:
                yield request
        elif depth == 0:
            self.count("empty_start")
            self.logger.warning("start page %s links to no article, listing or feed", page.url)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
