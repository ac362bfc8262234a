"""Requests only go to http(s) URLs of sane length on the spider's own site, whatever asked for them.

The site is scheme, host and port together: its domains (and their subdomains) on the default ports (80 for
http, 443 for https, so an upgrade to https stays on site), plus the port of each start URL and each
``host:port`` entry listed in the profile's domains. Another port of an allowed host is offsite.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

DEFAULT_PORTS = {"http": 80, "https": 443}


def allowed_host_regex(domains: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """A domain allows itself and its subdomains; None (no domains) allows every host."""
    domains = [re.escape(d.lower().strip(".")) for d in domains or () if d]
    return re.compile(rf"^(?:.*\.)?(?:{'|'.join(domains)})$") if domains else None


def _host_port(url: str) -> tuple[str, int | None]:
    """(host, explicit non-default port or None) of a start URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "", None
    return (parts.hostname or "").lower(), None if port == DEFAULT_PORTS.get(parts.scheme) else port


def port_of(scheme: str, port: int | None) -> int | None:
    """The port a URL really uses (its scheme's default when none is written)."""
    return port if port is not None else DEFAULT_PORTS.get(scheme)


class SiteOrigins:
    """Which host and port pairs belong to a site: (host regex, port) rules, port None meaning the defaults.

    A domain without a port is the site on the ports its start URLs use (the defaults when they name none,
    or when no start URL is on it); ``host:port`` adds that port.
    """

    def __init__(self, domains: tuple[str, ...], seeds: tuple[str, ...]):
        self.rules: list[tuple[re.Pattern[str], int | None]] = []
        self.anywhere = not domains  # no allowed domains: every host and port
        seed_ports = [_host_port(url) for url in seeds]
        for entry in domains:
            host, _, port = entry.lower().partition(":")
            regex = allowed_host_regex([host])
            if regex is None or (port and not port.isdigit()):
                continue
            ports = {int(port)} if port else {p for seed, p in seed_ports if seed and regex.match(seed)}
            self.rules += [(regex, p) for p in ports or {None}]

    def allows(self, scheme: str, host: str, port: int | None) -> bool:
        """Whether ``scheme://host:port`` is on the site (no rules: every host is)."""
        if self.anywhere:
            return True
        used = port_of(scheme, port)
        default = used == DEFAULT_PORTS.get(scheme)
        return any(
            regex.match(host) and (used == wanted or (wanted is None and default))
            for regex, wanted in self.rules
        )


class SafetyMiddleware:
    """Unlike Scrapy's OffsiteMiddleware, this also stops ``dont_filter`` requests (listings, redirects)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_url_length = crawler.settings.getint("NEWSSPIDER_MAX_URL_LENGTH", 2083)
        self._key: tuple | None = None
        self._origins = SiteOrigins((), ())

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
        try:
            port = parts.port
        except ValueError:  # a port out of range or not a number
            return "offsite"
        if not self._site().allows(parts.scheme, (parts.hostname or "").lower(), port):
            return "offsite"
        return None

    def _site(self) -> SiteOrigins:
        """The spider's origins: ``allowed_domains`` plus the ports of its start URLs (``seeds``)."""
        spider = self.crawler.spider
        domains = tuple(getattr(spider, "allowed_domains", None) or ())
        seeds = tuple(getattr(spider, "seeds", None) or getattr(spider, "start_urls", None) or ())
        if (domains, seeds) != self._key:
            self._key, self._origins = (domains, seeds), SiteOrigins(domains, seeds)
        return self._origins
