"""Generic-mode discovery for NewsSpider: sections, candidates classified by content, feeds and sitemaps."""

from __future__ import annotations

from typing import TYPE_CHECKING

import scrapy

from newsspider.discovery import classify, sources
from newsspider.discovery.state import DiscoveryState, state_path
from newsspider.discovery.traps import trap_of
from newsspider.extract import links
from newsspider.extract.urlid import article_key, same_site
from newsspider.requestmeta import DEPTH, KEY, KIND, PROBE
from newsspider.spiders.sources import SourcesMixin, origin

if TYPE_CHECKING:
    from scrapy.http import Response

    from newsspider.extract.page import Page

STATS = "newsspider/discovery"
_REDIRECTS = (301, 302, 303, 307, 308)


class DiscoveryMixin(SourcesMixin):
    """Routes the links of generic-mode listing pages and reads feeds and sitemaps (profile or discovered)."""

    def setup_discovery(self, settings) -> None:
        self.discovery_depth = settings.getint("NEWSSPIDER_DISCOVERY_DEPTH", 2)
        self.probe_sources = settings.getbool("NEWSSPIDER_DISCOVERY_PROBES", True)
        self.sitemap_max_age = settings.getfloat("NEWSSPIDER_SITEMAP_MAX_AGE_DAYS", 0)
        self.source_max_urls = settings.getint("NEWSSPIDER_SOURCE_MAX_URLS", 10000)
        self.sitemap_max_bytes = settings.getint("NEWSSPIDER_SITEMAP_MAX_BYTES", 50 * 1024 * 1024)
        self.max_sitemaps = settings.getint("NEWSSPIDER_MAX_SITEMAPS", 50)
        state_dir = settings.get("NEWSSPIDER_STATE_DIR")
        self.discovery_path = state_path(state_dir, self.site) if state_dir and not self.profile else None
        self.discovery, problem = (
            DiscoveryState.load(self.discovery_path) if self.discovery_path else (DiscoveryState(), None)
        )
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
            self.crawler.stats.set_value(
                f"{STATS}/learned_{kind}_shapes", sum(k == kind for k in learned.values())
            )

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
            route = self.route(
                url, url in found.articles, url in found.listings, url in sections, url in headlines
            )
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
        """ "article", "candidate", "pager", "section" or None (not followed), in order of evidence."""
        trap = trap_of(url)  # offsite links go on to SafetyMiddleware, the one offsite check (counted there)
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
            self.logger.info(
                "dropped the learned URL pattern of %s: the page is %s (%s)", first, kind, reason
            )
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
        if page.url in self.seeds:  # a start page that answered: now its site's feeds and sitemaps
            yield from self.probe_robots(page.url)
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
        if not announced and self.probe_sources and not self.discovery.probed and not self.discovery.feeds:
            for path in sources.FEED_PATHS:
                yield from self.source_request(origin(page.url) + path, "feed", probe=True)

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
