"""The exported article as a declared item (field names, order, meaning) and the chain's side context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import scrapy

# Order is the order of keys in every exported JSON line.
ARTICLE_FIELDS: tuple[str, ...] = (
    "url",  # the article's URL (its first page)
    "canonical_url",  # rel=canonical, else url without tracking parameters
    "site",  # profile id, or the host in generic mode
    "title",  # the headline, without the site-name suffix of <title>
    "published_at",  # ISO 8601: 2020-02-29T12:20:00+08:00; no offset when none is known; a day alone: 2020-02-29
    "published_at_raw",  # the date string as it appears on the page
    "published_at_tz",  # where the offset comes from: page, profile, inferred (language/country), none
    "published_at_precision",  # what the page shows: day, minute or second
    "updated_at",  # ISO 8601 like published_at when the page shows an update time, else null
    "authors",  # list of person names, without labels (记者, 通讯员, 文/图, 本报)
    "editors",  # list of names from 编辑, 责任编辑, 责编
    "credits",  # other roles the page names: list of {"role": "photo", "name": ...} (摄影, 审核, 校对, 监制 …)
    "source",  # the outlet the story comes from (来源), else the site's own name
    "section",  # category or breadcrumb, " > "-joined
    "tags",  # list of keywords, or null
    "description",  # meta description, or null
    "language",  # BCP 47 code such as "zh" or "en", or null
    "images",  # list of {"url": ..., "caption": ...}
    "body",  # the article text only, paragraphs separated by "\n"
    "pages",  # how many pages the article spans
    "fetched_at",  # ISO 8601 with offset, when the (first) page was fetched
    "origin_url",  # the article a mirror or reprint names as its origin (原文链接, 转自, "海口网 http://…"), or null
    "repairs",  # what was repaired or flagged: mojibake_reversed, pinyin_glosses, traditional_to_simplified, text_loss
    "lost_chars",  # characters lost before the crawl (?, U+FFFD, irreversible mojibake); 0 when none
    "duplicate_of",  # canonical_url of the article exported earlier that this one reprints, or null
    "similarity",  # estimated Jaccard similarity (0..1) of the body with duplicate_of's, or null
)

# Every exported line ends with the version of schema/article.schema.json it follows, and, when WARC capture
# is on (NEWSSPIDER_WARC), the WARC file (relative to the line's folder) and record id of its page-1 response.
SCHEMA_VERSION = "1.0"
SCHEMA_FIELD = "schema_version"
ARCHIVE_FIELDS: tuple[str, ...] = ("warc_file", "warc_record_id")
# Set only on a changed revisited article (revisit.RevisionPipeline); absent from every other line.
OPTIONAL_FIELDS: tuple[str, ...] = ("version",)
# FEED_EXPORT_FIELDS: the key order of every exported line, the order of schema/article.schema.json's
# properties (a field a line lacks is left out).
EXPORT_FIELDS: tuple[str, ...] = ARTICLE_FIELDS + OPTIONAL_FIELDS + (SCHEMA_FIELD, *ARCHIVE_FIELDS)


@dataclass
class ChainContext:
    """What the chain steps need besides the exported fields; an attribute of the item, never a key."""

    timezone: str | None = None  # the profile's IANA zone
    site_name: str | None = None  # the profile's outlet name (default source, never an author)
    phrases: tuple[str, ...] = ()  # the profile's boilerplate phrases, cut from the body
    script: str | None = None  # the profile's published script ("simplified"/"traditional")
    domains: tuple[str, ...] = ()  # the profile's own domains (an origin there is no origin)
    language_tags: tuple[str, ...] = ()  # every language tag the page declares
    region: str | None = None  # the region subtag of the page language (zone inference)
    updated_at_raw: str | None = None  # the page's update time as shown
    published_offset: Any = None  # the UTC offset read off the page's markup, when it gives one
    origin: tuple[str | None, str] | None = None  # (outlet, url) the page names as its origin
    origins: dict[str, str] | None = None  # field -> "profile"/"generic": which rule found it (site health)
    rejected: str | None = None  # why extraction refused the page (validate drops it with this reason)
    repair_counts: dict[str, int] = field(default_factory=dict)  # repair name -> fixes made
    key: str | None = None  # the article key its request carried (requestmeta.KEY; None after a redirect)


class Article(scrapy.Item):
    """One exported article; ``context`` rides along as an attribute that no exporter sees."""

    fields = {name: scrapy.Field() for name in EXPORT_FIELDS}

    def __init__(self, *args: Any, context: ChainContext | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._context = context if context is not None else ChainContext()

    @property
    def context(self) -> ChainContext:
        return self._context

    def copy(self) -> Article:
        return type(self)(self, context=self._context)


def new_article(context: ChainContext | None = None, **values: object) -> Article:
    """Return an article with every exported field present (None where unknown)."""
    item = Article(dict.fromkeys(ARTICLE_FIELDS), context=context)
    item.update(values)
    return item


def export_line(item: Mapping[str, Any], archive: tuple[str | None, str | None] | None = None) -> dict:
    """The JSON line of an article: its fields, ``schema_version`` and, with WARC capture, its record."""
    line = {**item, SCHEMA_FIELD: SCHEMA_VERSION}
    if archive is not None:
        line.update(zip(ARCHIVE_FIELDS, archive, strict=True))
    return line
