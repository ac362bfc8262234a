"""Refuse responses that cannot be an HTML page (empty 200, PDF or image served as text/html)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest

from newsspider.middlewares.charset import response_content_type
from newsspider.requestmeta import KEY, KIND
from newsspider.state.signals import article_dropped

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

_MAGIC = (
    b"%PDF-", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
    b"Rar!", b"7z\xbc\xaf", b"ID3", b"OggS", b"fLaC", b"wOFF", b"wOF2",
)  # fmt: skip
# Declared binary types; application/octet-stream is left to the magic bytes (servers send HTML as it).
_BINARY_TYPES = ("application/pdf", "application/zip", "image/", "audio/", "video/")


def sniff(body: bytes, content_type: str) -> str | None:
    """The reason ``body`` is not an HTML page, or None when it may be one."""
    if not body.strip():
        return "empty_response"
    if content_type.lower().startswith(_BINARY_TYPES):
        return "not_html"
    head = body[:16].lstrip(b"\xef\xbb\xbf")
    if head.startswith(_MAGIC) or (head[:4] == b"RIFF" and body[8:12] in (b"WEBP", b"AVI ", b"WAVE")):
        return "not_html"
    return None


class ContentSniffMiddleware:
    """Drop page responses whose bytes are not HTML; stats ``newsspider/dropped/<reason>``."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.signals = crawler.signals

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        if KIND not in request.meta or response.status != 200:
            return response
        reason = sniff(response.body, response_content_type(response))
        if reason is None:
            return response
        self.stats.inc_value(f"newsspider/dropped/{reason}")
        if request.meta.get(KIND) == "article" and request.meta.get(KEY):  # remembered for a retry
            self.signals.send_catch_log(article_dropped, key=request.meta[KEY], url=request.url, reason=reason)
        raise IgnoreRequest(f"{reason}: {response.url}")
