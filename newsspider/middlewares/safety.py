"""Requests only go to http(s) URLs of sane length on the spider's allowed domains, whatever asked for them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


def allowed_host_regex(domains: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """A domain allows itself and its subdomains; None (no domains) allows every host."""
    domains = [re.escape(d.lower().strip(".")) for d in domains or () if d]
    return re.compile(rf"^(?:.*\.)?(?:{'|'.join(domains)})$") if domains else None


class SafetyMiddleware:
    """Unlike Scrapy's OffsiteMiddleware, this also stops ``dont_filter`` requests (listings and their redirects)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_url_length = crawler.settings.getint("NEWSSPIDER_MAX_URL_LENGTH", 2083)
        self._domains: tuple[str, ...] | None = None
        self._regex: re.Pattern[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        reason = self._refusal(request)
        if reason:
            self.stats.inc_value(f"newsspider/safety/{reason}")
            raise IgnoreRequest(f"{reason}: {request.url[:200]}")

    def _refusal(self, request: Request) -> str | None:
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            return "bad_scheme"
        if len(request.url) > self.max_url_length:
            return "url_too_long"
        regex = self._host_regex()
        if regex is not None and not regex.match((parts.hostname or "").lower()):
            return "offsite"
        return None

    def _host_regex(self) -> re.Pattern[str] | None:
        domains = tuple(getattr(self.crawler.spider, "allowed_domains", None) or ())
        if domains != self._domains:
            self._domains, self._regex = domains, allowed_host_regex(domains)
        return self._regex
