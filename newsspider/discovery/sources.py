"""Feeds (RSS 0.9x/2.0, Atom via feedparser) and sitemaps (Scrapy's streaming Sitemap reader) as article sources."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import feedparser
import lxml.etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newsspider.extract.page import Page

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
FEED_PATHS = ("/rss.xml", "/feed/", "/atom.xml")  # probed once per site when nothing else announces a feed
SITEMAP_PATHS = ("/sitemap.xml",)  # probed once per site when robots.txt names no sitemap
_FUTURE_SLACK = timedelta(days=2)
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_FEED_MARK_RE = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)


class SourceError(ValueError):
    """A feed or sitemap that cannot be read; ``reason`` names the stats key."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class Entry:
    """One article URL a feed or sitemap lists, with its date when it has a believable one."""

    url: str
    published: datetime | None = None
    bad_date: bool = False  # a date was given but is impossible (unparseable, far future, before 1990)


def _checked(value: datetime | None, raw: str | None, now: datetime) -> tuple[datetime | None, bool]:
    if value is None:
        return None, bool(raw)
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    if value > now + _FUTURE_SLACK or value < _EARLIEST:
        return None, True
    return value, False


def feed_links(page: Page) -> list[str]:
    """Feeds a page announces with ``<link rel="alternate" type="application/rss+xml" href=...>``."""
    found = []
    for node in page.tree.iter("link"):
        rel = (node.get("rel") or "").lower().split()
        if "alternate" in rel and (node.get("type") or "").lower().split(";")[0].strip() in FEED_TYPES:
            url = page.absolute(node.get("href"))
            if url and url not in found:
                found.append(url)
    return found


def feed_entries(body: bytes, now: datetime) -> tuple[list[Entry], bool]:
    """(entries, malformed) of an RSS/Atom document; raises SourceError when it is no feed at all."""
    if not _FEED_MARK_RE.search(body[:4096]):
        raise SourceError("feed_invalid", "no <rss>, <feed> or <rdf:RDF> element")
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        raise SourceError("feed_invalid", str(parsed.get("bozo_exception", "")))
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed with a warning
        stamp = dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")
        value = (
            datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp and stamp.tm_year < 9000 else None
        )
        published, bad = _checked(value, dict.get(item, "published") or dict.get(item, "updated"), now)
        entries.append(Entry(link.strip(), published, bad))
    return entries, bool(parsed.get("bozo"))


class NewsSitemap(Sitemap):
    """Scrapy's Sitemap (checked against Scrapy 2.19) plus ``news:publication_date``.

    Its element reader keeps only the direct children's text, so the nested ``<news:news>`` date is read
    here before the element is cleared (tests/test_discovery_sources.py fails if that changes).
    """

    def _process_sitemap_element(self, elem):
        published = elem.findtext(".//{*}publication_date")
        found = super()._process_sitemap_element(elem)
        if found is not None and published:
            found["publication_date"] = published.strip()
        return found


def _iso(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def sitemap_body(body: bytes, max_bytes: int) -> bytes:
    """The XML of a (possibly gzipped) sitemap, at most ``max_bytes`` once decompressed."""
    if body[:2] == b"\x1f\x8b":
        try:
            return gunzip(body, max_size=max_bytes)
        except ValueError as exc:  # Scrapy's (private) _DecompressionMaxSizeExceeded is a ValueError
            raise SourceError("sitemap_too_large", f"gzip expands past {max_bytes} bytes") from exc
        except (OSError, EOFError) as exc:
            raise SourceError("sitemap_bad_gzip", str(exc)) from exc
    if len(body) > max_bytes:
        raise SourceError("sitemap_too_large", f"{len(body)} bytes")
    return body


def read_sitemap(body: bytes, max_bytes: int, now: datetime) -> tuple[str, Iterator[Entry], bool]:
    """(``urlset`` or ``sitemapindex``, entries streamed one by one, whether the document is whole).

    Raises SourceError when it is unreadable.
    """
    xml = sitemap_body(body, max_bytes)
    try:
        sitemap = NewsSitemap(xml)
    except (lxml.etree.XMLSyntaxError, StopIteration) as exc:
        raise SourceError("sitemap_invalid", str(exc) or "empty") from exc
    if sitemap.type not in ("urlset", "sitemapindex"):
        raise SourceError("sitemap_invalid", f"root element {sitemap.type!r}")
    whole = xml.rstrip().endswith(f"</{sitemap.type}>".encode())
    return sitemap.type, _entries(sitemap, now, whole), whole


def _entries(sitemap: Sitemap, now: datetime, whole: bool) -> Iterator[Entry]:
    """Entries in order; of a truncated document the last one (maybe cut mid-URL) is left out."""
    last = None
    try:
        for found in sitemap:
            if last is not None:
                yield last
            raw = found.get("publication_date") or found.get("lastmod")
            published, bad = _checked(_iso(raw), raw, now)
            last = Entry(found["loc"], published, bad)
    except lxml.etree.XMLSyntaxError:
        whole = False
    if last is not None and whole:
        yield last


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt (Scrapy's reader)."""
    return list(dict.fromkeys(sitemap_urls_from_robots(body, base_url=base_url)))


def too_old(entry: Entry, now: datetime, max_age_days: float) -> bool:
    """Whether ``entry`` is dated before the NEWSSPIDER_SITEMAP_MAX_AGE_DAYS window (0: no window)."""
    return bool(max_age_days and entry.published and entry.published < now - timedelta(days=max_age_days))
