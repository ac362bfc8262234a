"""Run report: one JSON file per crawl (per site) with the figures cron alerting needs."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsspider.state.extension import FeedsClosed, errors, site_of

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

DROPPED = "newsspider/dropped/"
DISCOVERY = "newsspider/discovery/"
REPAIRS = "newsspider/repairs/"
IGNORED = "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest"  # robots, offsite: not errors
STORE_FAILED = "feedexport/failed_count/"
FRONTIER = "newsspider/frontier/"


def _seconds(start: object, end: object) -> float | None:
    if isinstance(start, datetime) and isinstance(end, datetime):
        return round((end - start).total_seconds(), 3)
    return None


def _store_failures(stats: dict) -> int:
    """Feed batches that could not be stored, or whose keys could not be committed as seen."""
    failed = sum(value for key, value in stats.items() if key.startswith(STORE_FAILED))
    return failed + stats.get("newsspider/seen/commit_failed", 0)


def site_report(stats: dict, site: str, seed_failures: dict[str, str] | None = None) -> dict:
    """The per-site figures of one crawl, from its final stats (and the start pages that failed)."""
    responses = sum(
        value for key, value in stats.items() if key.startswith("downloader/response_status_count/")
    )
    ok = sum(
        value for key, value in stats.items()
        if key.startswith("downloader/response_status_count/") and key.rsplit("/", 1)[1][:1] in "23"
    )  # fmt: skip
    return {
        "site": site,
        "finish_reason": stats.get("finish_reason"),
        # With a state folder, only committed batches count (a batch that failed to store is not exported).
        "new_articles": stats.get("newsspider/seen/committed", stats.get("item_scraped_count", 0)),
        "items_scraped": stats.get("item_scraped_count", 0),
        "listings_fetched": stats.get(f"newsspider/site/{site}/listings", 0),
        "skipped_seen": stats.get("newsspider/seen/skipped", 0),
        "pagination_stopped": stats.get("newsspider/seen/pagination_stopped", 0),
        "revisited": stats.get("newsspider/revisit/scheduled", 0),
        "revised": stats.get("newsspider/revisit/changed", 0),
        "dropped": {key[len(DROPPED) :]: value for key, value in stats.items() if key.startswith(DROPPED)},
        "discovery": {key[len(DISCOVERY) :]: value for key, value in stats.items() if key.startswith(DISCOVERY)},
        "reprints": stats.get("newsspider/reprints", 0),  # exported items flagged with duplicate_of
        "text_repairs": {  # items per repair (mojibake_reversed, pinyin_glosses, ..., text_loss)
            key[len(REPAIRS) :]: value for key, value in stats.items()
            if key.startswith(REPAIRS) and not key.endswith("/count")
        },  # fmt: skip
        "dropped_tolerated": stats.get("newsspider/drops/tolerated", 0),  # repeated drops of a known page
        "retried": stats.get("newsspider/drops/retried", 0),
        "given_up": stats.get("newsspider/drops/given_up", 0),
        "held_back": stats.get("newsspider/seen/held_back", 0),
        "deleted": stats.get("newsspider/revisit/deleted", 0),
        "store_failed": _store_failures(stats),
        "seed_failures": dict(seed_failures or {}),
        "errors": errors(stats),
        "requests": stats.get("downloader/request_count", 0),
        "responses": responses,
        "responses_ok": ok,
        "download_errors": stats.get("downloader/exception_count", 0) - stats.get(IGNORED, 0),
        "repaired": {
            key.rsplit("/", 1)[1]: stats[key]
            for key in stats
            if key
            in ("newsspider/seen/reconciled", "newsspider/seen/discarded", "newsspider/seen/temp_cleared")
        },
        "frontier": {key[len(FRONTIER) :]: value for key, value in stats.items() if key.startswith(FRONTIER)},
        "duration": _seconds(stats.get("start_time"), stats.get("finish_time")),
    }


class RunReportExtension:
    """Write the run report to ``NEWSSPIDER_RUN_REPORT`` (atomically) once the engine has stopped."""

    def __init__(self, crawler: Crawler, path: Path):
        self.crawler = crawler
        self.path = path
        self.seed_status: dict[str, int] = {}
        self.feeds_closed = FeedsClosed(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        path = crawler.settings.get("NEWSSPIDER_RUN_REPORT")
        if not path:
            raise NotConfigured("NEWSSPIDER_RUN_REPORT is empty")
        extension = cls(crawler, Path(path))
        crawler.signals.connect(extension.response_received, signals.response_received)
        crawler.signals.connect(extension.engine_stopped, signals.engine_stopped)
        return extension

    def response_received(self, response: Response, request: Request) -> None:
        """Remember the final status of each start URL (after redirects and retries)."""
        seed = (request.meta.get("redirect_urls") or [request.url])[0]
        if seed in getattr(self.crawler.spider, "seeds", ()):
            self.seed_status[seed] = response.status

    def seed_failures(self) -> dict[str, str]:
        """Start URLs that gave no page: an HTTP error status, or no answer at all (network, robots)."""
        found = {}
        for seed in getattr(self.crawler.spider, "seeds", ()):
            status = self.seed_status.get(seed)
            if status is None or status >= 400:
                found[seed] = f"HTTP {status}" if status else "no response"
        return found

    async def engine_stopped(self) -> None:
        await self.feeds_closed.wait()
        stats = self.crawler.stats.get_stats()
        report = site_report(stats, site_of(self.crawler), self.seed_failures())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(f".{self.path.name}.part")
        temp.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temp, self.path)
