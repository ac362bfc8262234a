"""Decode HTML responses ourselves, so a wrong charset declaration never reaches the parser."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.http import HtmlResponse, TextResponse

from newsspider.extract.decode import decode_html
from newsspider.requestmeta import KIND

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

DECODED = "newsspider_decoded"  # request.meta key: the Decoded text of the response
# Article pages are decoded where they are parsed (newsspider.extractpool, maybe another process), from the
# raw bytes: decoding them here too would cost the reactor a second decode of every article.
SPIDER_DECODES = ("article", "article_page")


def count_fix(stats: StatsCollector, fix: str | None) -> None:
    """Count a charset declaration that decoding had to overrule (``newsspider/charset_fixed/<reason>``)."""
    if fix:
        stats.inc_value(f"newsspider/charset_fixed/{fix}")


def response_content_type(response: Response) -> str:
    """The response's Content-Type header as text ("" when absent)."""
    return response.headers.get(b"Content-Type", b"").decode("latin-1")


class CharsetMiddleware:
    """Replace the declared encoding of text responses by the checked one; count each fix.

    Article responses are left to the spider, which decodes and counts them itself.
    """

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        request.meta.pop(DECODED, None)  # a retried or redirected request must not keep old text
        if request.meta.get(KIND) in SPIDER_DECODES:
            return response
        if not isinstance(response, TextResponse) or not response.body:
            return response
        content_type = response_content_type(response) or None
        decoded = decode_html(response.body, content_type)
        count_fix(self.stats, decoded.fix)
        request.meta[DECODED] = decoded
        cls = HtmlResponse if isinstance(response, HtmlResponse) else type(response)
        return response.replace(cls=cls, encoding=decoded.encoding)
