"""Size and redirect limits made visible: gzip bombs, loops and over-long chains stop and are counted in stats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response


class CountingRedirectMiddleware(RedirectMiddleware):
    """Scrapy's RedirectMiddleware; a chain stopped at REDIRECT_MAX_TIMES (or a loop) counts as
    ``newsspider/limits/redirect_max``."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        # Public hook only: in Scrapy 2.19 the one IgnoreRequest process_response raises is the stopped chain.
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            self.crawler.stats.inc_value("newsspider/limits/redirect_max")
            raise


class CountingHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's HttpCompressionMiddleware, which stops decompressing at DOWNLOAD_MAXSIZE (bounded memory);
    each such gzip bomb counts as ``newsspider/limits/decompressed_maxsize``."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            self.stats.inc_value("newsspider/limits/decompressed_maxsize")
            raise
