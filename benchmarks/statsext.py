"""Scrapy extension that writes crawl timing and stats to ``BENCH_STATS_PATH`` as JSON when the spider closes."""

from __future__ import annotations

import json
import time
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured


class BenchStats:
    """Time from spider_opened to the last spider_idle (the crawl's work), plus the final stats."""

    def __init__(self, crawler, path: str):
        self.crawler, self.path = crawler, Path(path)
        self.opened = self.idle = None

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("BENCH_STATS_PATH")
        if not path:
            raise NotConfigured
        ext = cls(crawler, path)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider=None):
        self.opened = time.perf_counter()

    def spider_idle(self, spider=None):
        self.idle = time.perf_counter()

    def spider_closed(self, spider=None, reason=None):
        stats = {key: value for key, value in self.crawler.stats.get_stats().items() if _plain(value)}
        seconds = (self.idle or time.perf_counter()) - self.opened
        data = {"seconds": seconds, "reason": reason, "stats": stats}
        self.path.write_text(json.dumps(data, default=str), encoding="utf-8")


def _plain(value: object) -> bool:
    return isinstance(value, (int, float, str))
