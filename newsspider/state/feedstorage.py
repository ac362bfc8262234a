"""Durable, atomic feed batches: hidden temp file, fsync, record keys as pending, rename, fsync the folder."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from twisted.python.failure import Failure
from w3lib.url import file_uri_to_path

from newsspider.state.signals import batch_prepared
from newsspider.state.sqlitefile import fsync_path

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

TEMP_PREFIX = "."
TEMP_SUFFIX = ".part"
JSONLINES = ("jsonlines", "jsonl")  # feed formats whose batches are read back as items


def new_run_id(now: float | None = None) -> str:
    """A run id from a start time, to the microsecond: two runs started within one second still differ
    (they key the run history and name the batch files), and ids sort by start time."""
    return datetime.fromtimestamp(time.time() if now is None else now, UTC).strftime("%Y%m%dT%H%M%S.%fZ")


_PROCESS_RUN_ID = new_run_id()


def announce(crawler: Crawler, **batch) -> None:
    """Send ``batch_prepared`` before the rename; a receiver that fails (keys not recorded) stops the rename."""
    for _receiver, result in crawler.signals.send_catch_log(batch_prepared, **batch):
        if isinstance(result, Failure):
            result.raiseException()


def run_id(settings: Any) -> str:
    """This run's id: ``NEWSSPIDER_RUN_ID`` if given (the cron command sets it), else the process start."""
    return settings.get("NEWSSPIDER_RUN_ID") or _PROCESS_RUN_ID


def uri_params(params: dict, spider: Spider) -> dict:
    """FEEDS ``uri_params`` hook: adds ``%(run_id)s`` so every batch file of one run shares its name stem."""
    params["run_id"] = run_id(spider.crawler.settings)
    return params


def temp_path(final: Path) -> Path:
    """The hidden temporary name a batch is written under before its rename to ``final``."""
    return final.with_name(f"{TEMP_PREFIX}{final.name}{TEMP_SUFFIX}")


def is_temp_name(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def clear_temp_files(folder: Path, stem: str = "") -> int:
    """Delete batch temp files a killed run left in ``folder`` (only ``.<stem>*.part``); return how many."""
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        if is_temp_name(path.name) and path.name[len(TEMP_PREFIX) :].startswith(stem):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


fsync_dir = fsync_path  # make a rename inside a folder durable


def jsonl_items(path: Path, offset: int = 0) -> list[dict]:
    """Every line with a ``url`` of a JSON-lines batch, from byte ``offset``, as dicts."""
    items = []
    with path.open("rb") as handle:
        handle.seek(offset)
        for line in handle:
            item = json.loads(line) if line.strip() else None
            if isinstance(item, dict) and item.get("url"):
                items.append(item)
    return items


class AtomicFileFeedStorage:
    """Local feed storage where a final file name only ever holds a whole, fsynced batch.

    ``store`` asks the crawl's batch ledger (the seen-state extension, when enabled) to record the
    batch keys as pending *before* the rename; ``feed_slot_closed`` then commits them.
    """

    def __init__(self, uri: str, *, feed_options: dict | None = None, crawler: Crawler | None = None):
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri).absolute()
        self.feed_options = feed_options or {}
        self.crawler = crawler
        self.stored = False
        self.offset = 0  # bytes of an existing final file copied ahead of this batch (append mode)
        self._items: list[dict] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict | None = None):
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        """A new temp file; without ``overwrite`` (``-o``) it starts as a copy of the existing final file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = temp_path(self.path)
        if self.path.is_file() and not self.feed_options.get("overwrite", False):
            shutil.copyfile(self.path, temp)
            self.offset = temp.stat().st_size
            return temp.open("ab")
        return temp.open("wb")

    @property
    def items(self) -> list[dict]:
        """This batch's JSON-lines items (from ``offset``, each with a ``url``; none for other formats), read
        once for every receiver of ``batch_prepared`` and ``feed_slot_closed``: from the part file before the
        rename, from the final file after."""
        if self._items is None:
            jsonl = self.feed_options.get("format") in JSONLINES
            source = self.path if self.stored else temp_path(self.path)
            self._items = jsonl_items(source, self.offset) if jsonl else []
        return self._items

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        file.close()
        temp = temp_path(self.path)
        if self.crawler is not None:
            announce(self.crawler, path=self.path, temp=temp, feed_format=self.feed_options.get("format"),
                     offset=self.offset, items=self.items)  # fmt: skip
        os.replace(temp, self.path)
        fsync_dir(self.path.parent)
        self.stored = True
        self._test_exit_hook()

    def _test_exit_hook(self) -> None:
        """Test seam: ``NEWSSPIDER_TEST_EXIT_AFTER_RENAME=N`` ends the process right after the N-th rename."""
        if self.crawler is None:
            return
        limit = self.crawler.settings.getint("NEWSSPIDER_TEST_EXIT_AFTER_RENAME", 0)
        if not limit:
            return
        self.crawler.stats.inc_value("newsspider/feed/renamed")
        if self.crawler.stats.get_value("newsspider/feed/renamed") >= limit:
            logger.warning("NEWSSPIDER_TEST_EXIT_AFTER_RENAME: exiting right after renaming %s", self.path)
            logging.shutdown()
            os._exit(70)
