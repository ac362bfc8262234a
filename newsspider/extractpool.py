"""Article extraction off the reactor: decode, parse and extract pages in worker processes (or in-process)."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.utils.reactor import is_asyncio_reactor_installed

from newsspider import chain
from newsspider.extract import links
from newsspider.extract.page import Page

if TYPE_CHECKING:
    from datetime import datetime

    from scrapy.crawler import Crawler

    from newsspider.items import Article
    from newsspider.sites.profile import SiteProfile

logger = logging.getLogger(__name__)

PARENT_POLL_SECONDS = 0.5  # how soon a worker notices that the crawl process is gone


@dataclass(frozen=True)
class Extracted:
    """What one page yields: its raw item, its continuation pages and the charset fix its decoding needed."""

    item: Article
    rest: list[str]
    charset_fix: str | None


def extract_page(
    body: bytes,
    url: str,
    headers: dict,
    profile: SiteProfile | None,
    fetched_at: datetime,
    continuations: bool,
) -> Extracted:
    """Decode, parse and extract one page as the offline chain does (pure: runs in a worker or in-process)."""
    page = Page.from_bytes(body, url, headers)
    item = chain.start_item(page, profile=profile, fetched_at=fetched_at, last_use=not continuations)
    follow = continuations and page.tree is not None and not page.too_deep
    rest = links.continuation_pages(page) if follow else []
    return Extracted(item, rest, page.decoded.fix)


def _ready() -> None:
    """A no-op task: the first submit starts a worker, which imports this module (and lxml, the chain)."""


def _init_worker(parent: int) -> None:
    """Ctrl-C reaches the whole process group: the crawl, not the worker, decides when to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A killed crawl (SIGKILL) cannot shut its pool down: its workers leave on their own."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(0)


class ExtractPool:
    """Runs ``extract_page`` in ``NEWSSPIDER_EXTRACT_WORKERS`` spawned processes; 0 runs it in-process.

    A broken pool (a worker killed) is counted (``newsspider/extract_pool/broken``), the page is
    extracted in-process, and the next page starts a fresh pool.
    """

    def __init__(self, crawler: Crawler, workers: int):
        self.crawler = crawler  # its stats exist only once the crawl starts
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPool:
        pool = cls(crawler, max(0, crawler.settings.getint("NEWSSPIDER_EXTRACT_WORKERS", 0)))
        crawler.signals.connect(pool.open, signals.spider_opened)
        crawler.signals.connect(pool.close, signals.spider_closed)
        return pool

    def open(self) -> None:
        """Start the workers while the first listing pages download (a spawned worker imports for ~1 s)."""
        if self.workers and not is_asyncio_reactor_installed():
            logger.warning("NEWSSPIDER_EXTRACT_WORKERS needs the asyncio reactor: extracting in-process")
            self.workers = 0
        if self.workers:
            self._executor().submit(_ready)

    async def extract(self, *args) -> Extracted:
        """``extract_page(*args)``, in a worker when there are any."""
        if not self.workers:
            return extract_page(*args)
        try:
            return await asyncio.wrap_future(self._executor().submit(extract_page, *args))
        except BrokenProcessPool:
            self.crawler.stats.inc_value("newsspider/extract_pool/broken")
            self.close()
            return extract_page(*args)

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            context = multiprocessing.get_context("spawn")  # never fork: the reactor process has threads
            self.executor = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),)
            )
        return self.executor

    def close(self) -> None:
        """Stop the workers (spider_closed); pages still queued are cancelled."""
        executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
