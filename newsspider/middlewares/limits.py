"""Redirect limits made visible: loops and over-long chains stop and are counted in stats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy import Request


class CountingRedirectMiddleware(RedirectMiddleware):
    """Scrapy's RedirectMiddleware; a chain stopped at REDIRECT_MAX_TIMES (or a loop) counts as
    ``newsspider/limits/redirect_max``."""

    def _redirect(self, redirected: Request, request: Request, reason) -> Request:
        try:
            return super()._redirect(redirected, request, reason)
        except IgnoreRequest:
            self.crawler.stats.inc_value("newsspider/limits/redirect_max")
            raise
