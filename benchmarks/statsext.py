"""Stats collector (``STATS_CLASS``) that also times the crawl and writes it to ``BENCH_STATS_PATH`` as JSON.

A stats class rather than an extension, so the project's own ``EXTENSIONS`` stay exactly as configured.
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

from scrapy import signals
from scrapy.statscollectors import MemoryStatsCollector


class BenchStatsCollector(MemoryStatsCollector):
    """Wall and CPU seconds from spider_opened to the last spider_idle (the crawl's work), plus the final stats."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.path = crawler.settings.get("BENCH_STATS_PATH")
        self.opened = self.idle = None  # (wall, cpu) seconds
        crawler.signals.connect(self._opened, signal=signals.spider_opened)
        crawler.signals.connect(self._idle, signal=signals.spider_idle)

    def _opened(self):
        self.opened = (time.perf_counter(), time.process_time())

    def _idle(self):
        self.idle = (time.perf_counter(), time.process_time())

    def _persist_stats(self, stats: dict) -> None:
        super()._persist_stats(stats)
        if not self.path or self.opened is None:
            return
        end = self.idle or (time.perf_counter(), time.process_time())
        data = {"seconds": end[0] - self.opened[0], "cpu": end[1] - self.opened[1]}
        data["peak_rss_kb"] = peak_rss_kb()
        data["cpu_children"] = children_cpu()  # extraction workers: joined on spider_closed, before this
        data["stats"] = {key: value for key, value in stats.items() if isinstance(value, (int, float, str))}
        Path(self.path).write_text(json.dumps(data), encoding="utf-8")


def children_cpu() -> float:
    """CPU seconds of this process's ended children (the extraction workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peak_rss_kb() -> int | None:
    """VmHWM of this process image: unlike ru_maxrss, it does not count the parent's pages from before exec."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None
