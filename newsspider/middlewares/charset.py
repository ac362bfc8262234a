"""Decode every HTML response ourselves, so a wrong charset declaration never reaches the parser."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.http import HtmlResponse, TextResponse

from newsspider.extract.decode import decode_html

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class CharsetMiddleware:
    """Replace the declared encoding of text responses by the checked one; count each fix."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        request.meta.pop("newsspider_decoded", None)  # a retried or redirected request must not keep old text
        if not isinstance(response, TextResponse) or not response.body:
            return response
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        decoded = decode_html(response.body, content_type)
        if decoded.fix:
            self.stats.inc_value(f"newsspider/charset_fixed/{decoded.fix}")
        request.meta["newsspider_decoded"] = decoded
        cls = HtmlResponse if isinstance(response, HtmlResponse) else type(response)
        return response.replace(cls=cls, encoding=decoded.encoding)
