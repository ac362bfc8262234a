"""SiteProfile: everything newsspider knows about one site, as frozen declarative data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsspider.exceptions import ProfileError

SITE_ID_RE = re.compile(r"^[a-z][a-z0-9_]{1,47}$")
SCRIPTS = (None, "simplified", "traditional")


@dataclass(frozen=True)
class Selectors:
    """Optional per-field CSS selectors; a missing one means "use the generic chain"."""

    title: str | None = None
    published_at: str | None = None
    authors: str | None = None
    editors: str | None = None
    source: str | None = None
    section: str | None = None
    body: str | None = None  # container(s) of the article text
    drop: tuple[str, ...] = ()  # boilerplate elements removed before body extraction


@dataclass(frozen=True)
class Politeness:
    """Per-site politeness; None keeps the project default."""

    delay: float | None = None
    concurrency: int | None = None


@dataclass(frozen=True)
class SiteProfile:
    """A site newsspider can crawl with ``scrapy crawl news -a site=<id>``."""

    id: str
    name: str  # the site's own name: ``source`` of its original articles
    domains: tuple[str, ...]
    start_urls: tuple[str, ...]  # listing pages fetched on every run
    article_url: str  # regex (searched in the URL) telling article pages apart
    listing_url: str | None = None  # regex for further listing pages to follow; None: generic rules
    selectors: Selectors = field(default_factory=Selectors)
    boilerplate_phrases: tuple[str, ...] = ()  # body lines containing one of these are dropped
    timezone: str = "Asia/Shanghai"
    language: str | None = "zh"
    script: str | None = None  # "simplified": traditional text is a mirror conversion; "traditional": never converted
    politeness: Politeness = field(default_factory=Politeness)
    expect_articles: bool = True  # a run yielding 0 new articles from this site is suspicious
    feeds: tuple[str, ...] = ()  # RSS/Atom feeds read on every run as article sources
    sitemaps: tuple[str, ...] = ()  # sitemaps (or sitemap indexes, .xml.gz) read on every run

    def __post_init__(self) -> None:
        if not SITE_ID_RE.match(self.id):
            msg = f"invalid site id {self.id!r}: use 2-48 chars of a-z, 0-9, _"
            raise ProfileError(msg)
        if not self.domains or not self.start_urls:
            msg = f"site {self.id!r}: domains and start_urls must not be empty"
            raise ProfileError(msg)
        for pattern in filter(None, (self.article_url, self.listing_url)):
            try:
                re.compile(pattern)
            except re.error as exc:
                msg = f"site {self.id!r}: bad regex {pattern!r}: {exc}"
                raise ProfileError(msg) from exc
        if self.script not in SCRIPTS:
            msg = f"site {self.id!r}: script must be one of {SCRIPTS}, not {self.script!r}"
            raise ProfileError(msg)
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            msg = f"site {self.id!r}: unknown timezone {self.timezone!r}"
            raise ProfileError(msg) from exc

    @property
    def tz(self) -> ZoneInfo:
        """The profile's time zone object."""
        return ZoneInfo(self.timezone)

    def is_article_url(self, url: str) -> bool:
        """Whether ``url`` is an article page of this site."""
        return re.search(self.article_url, url) is not None
