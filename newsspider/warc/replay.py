"""Replay archived article pages through today's extraction chain (no network): archived record in, item out."""

from __future__ import annotations

import importlib
import zlib
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware

from newsspider import chain
from newsspider.exceptions import ArticleRejected, NewsspiderError
from newsspider.extractpool import extract_page
from newsspider.sites import all_profiles

if TYPE_CHECKING:
    from newsspider.items import Article
    from newsspider.sites.profile import SiteProfile
    from newsspider.warc.reader import ArchivedArticle, ArchivedPage

MAX_DECODED_BYTES = 16 * 1024 * 1024  # DOWNLOAD_MAXSIZE: the crawl would not have kept a bigger page


def _decode_errors() -> tuple[type[BaseException], ...]:
    """What undoing gzip/deflate (zlib, gzip), br (brotli) and zstd raises on a bad payload; ValueError covers
    Scrapy's size cap."""
    errors: list[type[BaseException]] = [zlib.error, OSError, EOFError, ValueError]
    for module, name in (("brotli", "error"), ("backports.zstd", "ZstdError"), ("zstandard", "ZstdError")):
        try:
            errors.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):
            continue
    return tuple(errors)


DECODE_ERRORS = _decode_errors()


class UndecodableRecord(NewsspiderError):
    """The archived payload's Content-Encoding cannot be undone."""


def decoded_body(page: ArchivedPage) -> bytes:
    """The payload with its Content-Encoding undone, as HttpCompressionMiddleware hands it to the spider."""
    body = page.payload
    encodings = [e.strip().lower() for e in (page.header("content-encoding") or "").split(",") if e.strip()]
    for encoding in reversed(encodings):
        if encoding == "identity":
            continue
        try:
            body = HttpCompressionMiddleware._decode(body, encoding.encode(), MAX_DECODED_BYTES)  # noqa: SLF001
        except DECODE_ERRORS as exc:
            raise UndecodableRecord(f"{page.url}: cannot undo Content-Encoding {encoding}: {exc}") from exc
    return body


def profile_for(site: str | None) -> SiteProfile | None:
    """The profile of a site id recorded in the WARC (None: generic mode, the id is a host)."""
    return all_profiles().get(site) if site else None


def replay(article: ArchivedArticle, profile: SiteProfile | None) -> Article:
    """The item today's chain exports for the archived pages; ArticleRejected where a crawl would drop it."""
    first = article.first
    headers = {"content-type": first.header("content-type") or ""}
    found = extract_page(decoded_body(first), first.url, headers, profile, first.date, False)
    item = found.item
    for page in article.pages[1:]:
        part_headers = {"content-type": page.header("content-type") or ""}
        part = extract_page(decoded_body(page), page.url, part_headers, profile, page.date, False).item
        item = chain.merge_continuation(item, part)
    item = chain.run_steps(item)
    return item


__all__ = ["ArticleRejected", "UndecodableRecord", "decoded_body", "profile_for", "replay"]
