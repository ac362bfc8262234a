"""Progress of a crawl: a per-site log line every NEWSSPIDER_PROGRESS_INTERVAL (like LogStats), a JSON
snapshot in NEWSSPIDER_PROGRESS_FILE every second (the cron command's view reads it), a live terminal view."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from newsspider.progress import Progress, write_snapshot
from newsspider.state.extension import errors, site_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

    from newsspider.progressview import ProgressView

logger = logging.getLogger(__name__)
TICK_SECONDS = 1.0  # how often the snapshot file and the view are refreshed


def wants_view(settings: BaseSettings, terminal: bool) -> bool:
    """NEWSSPIDER_PROGRESS_VIEW: true/false, or auto: on a terminal whose log goes elsewhere (LOG_FILE)."""
    value = str(settings.get("NEWSSPIDER_PROGRESS_VIEW", "auto")).strip().lower()
    if value == "auto":
        return terminal and (bool(settings.get("LOG_FILE")) or not settings.getbool("LOG_ENABLED"))
    return settings.getbool("NEWSSPIDER_PROGRESS_VIEW")


class ProgressExtension:
    """Snapshots of the crawl's progress (``newsspider.progress.Progress``), logged, written and shown."""

    def __init__(self, crawler: Crawler, interval: float, path: Path | None, view: ProgressView | None):
        self.crawler = crawler
        self.interval = interval
        self.path = path
        self.view = view
        self.task = None
        self.started = self.logged_at = 0.0
        self.logged: Progress | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        settings = crawler.settings
        interval = settings.getfloat("NEWSSPIDER_PROGRESS_INTERVAL", 60.0)
        path = (
            Path(settings["NEWSSPIDER_PROGRESS_FILE"]) if settings.get("NEWSSPIDER_PROGRESS_FILE") else None
        )
        view = None
        if wants_view(settings, sys.stderr.isatty()):
            from newsspider.progressview import ProgressView  # rich (~5 MB) only when there is a view

            view = ProgressView(live=True)
        if not (interval > 0 or path or view):
            raise NotConfigured("no progress log line, file or view")
        extension = cls(crawler, interval, path, view)
        crawler.signals.connect(extension.spider_opened, signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signals.spider_closed)
        return extension

    def snapshot(self, done: str | None = None) -> Progress:
        stats = self.crawler.stats.get_stats()
        site = site_of(self.crawler)
        return Progress.from_stats(stats, site, time.monotonic() - self.started, errors(stats), done)

    def spider_opened(self) -> None:
        self.started = self.logged_at = time.monotonic()
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.view:
            self.view.__enter__()
        tick = min(TICK_SECONDS, self.interval) if self.interval > 0 else TICK_SECONDS
        if self.interval > 0 and not (self.path or self.view):
            tick = self.interval  # only the log line: nothing to refresh in between
        self.task = create_looping_call(self.tick)
        self.task.start(tick, now=False)

    def tick(self) -> None:
        progress = self.snapshot()
        self.publish(progress)
        if self.interval > 0 and time.monotonic() - self.logged_at >= self.interval:
            logger.info("%s", progress.line(self.logged))
            self.logged, self.logged_at = progress, time.monotonic()

    def publish(self, progress: Progress) -> None:
        if self.path:
            write_snapshot(self.path, progress)
        if self.view:
            self.view.update(progress)

    def spider_closed(self, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.publish(self.snapshot(done=reason))
        if self.view:
            self.view.__exit__(None, None, None)
