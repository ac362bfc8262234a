"""Retry with per-host backoff: Retry-After honoured, exponential backoff with jitter, failing hosts suspended."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest

from newsspider.middlewares.hosts import HostBook

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)
RETRY_AFTER_CODES = (429, 503)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP date); None if absent or invalid."""
    if not value:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def exponential_wait(failures: int, base: float, cap: float) -> float:
    """``base * 2**(failures-1)`` capped at ``cap``, jittered down by up to half (never below base/2)."""
    wait = min(cap, base * 2 ** max(0, failures - 1))
    return random.uniform(wait / 2, wait)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, but every retry waits per host and a host failing too often is dropped."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler.settings)
        self.crawler = crawler
        self.stats = crawler.stats
        settings = crawler.settings
        self.base = settings.getfloat("NEWSSPIDER_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("NEWSSPIDER_BACKOFF_MAX", 120.0)
        self.retry_after_max = settings.getfloat("NEWSSPIDER_RETRY_AFTER_MAX", 300.0)
        self.max_failures = settings.getint("NEWSSPIDER_HOST_MAX_FAILURES", 5)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    @property
    def book(self) -> HostBook:
        return HostBook.of(self.crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        key = self.book.key(request)
        if self.book.is_suspended(key):
            self.stats.inc_value("newsspider/backoff/skipped_suspended")
            raise IgnoreRequest(f"host {key} suspended: {self.book.hosts[key].suspended}")

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        key = self.book.key(request)
        if response.status not in self.retry_http_codes:
            self.book.state(key).failures = 0
            return response
        if request.meta.get("dont_retry", False):
            return response
        if not self._back_off(key, response.status, response.headers.get(b"Retry-After")):
            return response
        return self._retry(request, f"{response.status}") or response

    def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None):
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        if not self._back_off(self.book.key(request), type(exception).__name__, None):
            return None
        return self._retry(request, exception)

    def _back_off(self, key: str, reason: int | str, retry_after: bytes | None) -> bool:
        """Count one failure of ``key`` and pause it; False when the host is (now) suspended."""
        state = self.book.state(key)
        if state.suspended:
            return False
        state.failures += 1
        self.stats.inc_value(f"newsspider/backoff/failures/{reason}")
        asked = retry_after_seconds(retry_after) if reason in RETRY_AFTER_CODES else None
        if asked is not None and asked > self.retry_after_max:
            return self._suspend(key, "retry_after_over_cap")
        if state.failures >= self.max_failures:
            return self._suspend(key, "max_failures")
        if asked is not None:
            wait = asked
            self.stats.inc_value("newsspider/backoff/retry_after_honoured")
        else:
            wait = exponential_wait(state.failures, self.base, self.cap)
            self.stats.inc_value("newsspider/backoff/exponential")
        self.stats.max_value("newsspider/backoff/max_wait_seconds", round(wait, 3))
        self.stats.inc_value("newsspider/backoff/wait_seconds", round(wait, 3))
        logger.info("backing off %s for %.2f s after %s (failure %d)", key, wait, reason, state.failures)
        self.book.pause(key, wait)
        return True

    def _suspend(self, key: str, reason: str) -> bool:
        self.stats.inc_value("newsspider/backoff/skipped_suspended", self.book.suspend(key, reason))
        self.stats.inc_value("newsspider/backoff/hosts_suspended")
        self.stats.inc_value(f"newsspider/backoff/suspended/{reason}")
        self.stats.set_value(f"newsspider/host/{key}/suspended", reason)
        logger.warning("suspending host %s for the rest of this run: %s", key, reason)
        return False
