"""Run report: one JSON file per crawl (per site) with the figures cron alerting needs."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsspider.extensions.seenstate import errors, site_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

DROPPED = "newsspider/dropped/"
DISCOVERY = "newsspider/discovery/"
REPAIRS = "newsspider/repairs/"


def _seconds(start: object, end: object) -> float | None:
    if isinstance(start, datetime) and isinstance(end, datetime):
        return round((end - start).total_seconds(), 3)
    return None


def site_report(stats: dict, site: str) -> dict:
    """The per-site figures of one crawl, from its final stats."""
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
        "errors": errors(stats),
        "requests": stats.get("downloader/request_count", 0),
        "responses": responses,
        "responses_ok": ok,
        "download_errors": stats.get("downloader/exception_count", 0),
        "repaired": {
            key.rsplit("/", 1)[1]: stats[key]
            for key in stats
            if key
            in ("newsspider/seen/reconciled", "newsspider/seen/discarded", "newsspider/seen/temp_cleared")
        },
        "duration": _seconds(stats.get("start_time"), stats.get("finish_time")),
    }


class RunReportExtension:
    """Write the run report to ``NEWSSPIDER_RUN_REPORT`` (atomically) once the engine has stopped."""

    def __init__(self, crawler: Crawler, path: Path):
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        path = crawler.settings.get("NEWSSPIDER_RUN_REPORT")
        if not path:
            raise NotConfigured("NEWSSPIDER_RUN_REPORT is empty")
        extension = cls(crawler, Path(path))
        crawler.signals.connect(extension.engine_stopped, signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        report = site_report(self.crawler.stats.get_stats(), site_of(self.crawler))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(f".{self.path.name}.part")
        temp.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temp, self.path)
