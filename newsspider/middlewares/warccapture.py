"""WarcCaptureMiddleware: keep article responses as received (before decompression) for the WARC archive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from newsspider.extract import links
from newsspider.requestmeta import KIND
from newsspider.warc.archive import archive_of
from newsspider.warc.capture import from_exchange

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response

    from newsspider.warc.archive import WarcArchive

ARTICLE_KINDS = ("article", "article_page")


class WarcCaptureMiddleware:
    """Hands every 2xx article and continuation page to the crawl's WarcArchive.

    Placed between redirects (600) and HttpCompressionMiddleware (590): process_response sees the final
    response of a redirect chain with its payload still content-encoded, so the WARC holds the bytes the
    server sent and its ``Content-Encoding`` header stays true.
    """

    def __init__(self, crawler: Crawler, archive: WarcArchive):
        self.crawler = crawler
        self.archive = archive

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        archive = archive_of(crawler)
        if archive is None:
            raise NotConfigured("NEWSSPIDER_WARC is off")
        return cls(crawler, archive)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if 200 <= response.status < 300 and self.wanted(request, response, spider or self.crawler.spider):
            self.archive.add(request.meta, from_exchange(request, response))
        return response

    @staticmethod
    def wanted(request: Request, response: Response, spider: Spider | None) -> bool:
        """Article pages, plus a generic-mode seed that is itself an article (the spider parses it as one)."""
        kind = request.meta.get(KIND)
        if kind in ARTICLE_KINDS:
            return True
        generic = spider is not None and getattr(spider, "profile", True) is None
        return kind == "listing" and generic and links.looks_like_article_url(response.url)
