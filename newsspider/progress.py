"""Crawl progress as data: per-site counters from Scrapy stats, their rates, one log line, a JSON snapshot.

Pure (no Scrapy, no terminal): the progress extension builds snapshots from a crawl's stats, the cron command
reads them back from the crawl's progress file, and any other long job (a re-extraction) can fill one from
its own counters. ``newsspider.progressview`` shows them.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

DROPPED = "newsspider/dropped/"


@dataclass(frozen=True)
class Progress:
    """Where one site's job stands after ``elapsed`` seconds."""

    site: str
    elapsed: float = 0.0
    listings: int = 0  # listing pages fetched
    new_articles: int = 0  # articles exported so far (in batches, committed or about to be)
    dropped: int = 0  # pages dropped with a reason
    skipped_seen: int = 0  # article links already exported by an earlier run
    errors: int = 0
    pages: int = 0  # responses received
    done: str | None = None  # how the job ended (finish reason), None while it runs

    @classmethod
    def from_stats(
        cls, stats: dict, site: str, elapsed: float, errors: int = 0, done: str | None = None
    ) -> Progress:
        """The counters of a crawl's stats (``newsspider/...`` keys, Scrapy's item and response counts)."""
        return cls(
            site=site,
            elapsed=round(elapsed, 3),
            listings=stats.get(f"newsspider/site/{site}/listings", 0),
            new_articles=stats.get("item_scraped_count", 0),
            dropped=sum(value for key, value in stats.items() if key.startswith(DROPPED)),
            skipped_seen=stats.get("newsspider/seen/skipped", 0),
            errors=errors,
            pages=stats.get("response_received_count", 0),
            done=done,
        )

    def rates(self, since: Progress | None = None) -> tuple[float, float]:
        """(articles/min, pages/min) since the ``since`` snapshot, else since the start."""
        start = since or Progress(self.site)
        minutes = (self.elapsed - start.elapsed) / 60
        if minutes <= 0:
            return 0.0, 0.0
        return (self.new_articles - start.new_articles) / minutes, (self.pages - start.pages) / minutes

    def line(self, since: Progress | None = None) -> str:
        """One line for a log or a plain terminal: counters, then the rate since ``since``."""
        articles, pages = self.rates(since)
        return (
            f"{self.site}: {self.listings} listing pages, {self.new_articles} new articles, "
            f"{self.dropped} dropped, "
            f"{self.skipped_seen} already seen, {self.errors} errors "
            f"(at {articles:.0f} articles/min, {pages:.0f} pages/min)"
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Progress:
        data = json.loads(text)
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def write_snapshot(path: Path, progress: Progress) -> None:
    """Replace ``path`` atomically with ``progress`` (a reader never sees half a file)."""
    temp = path.with_name(f".{path.name}.part")
    temp.write_text(progress.to_json(), encoding="utf-8")
    os.replace(temp, path)


def read_snapshot(path: Path) -> Progress | None:
    """The snapshot at ``path``, or None while there is none yet."""
    try:
        return Progress.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None
