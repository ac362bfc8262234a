"""``scrapy crawl``, with start-up errors (unknown site, bad start URL, held lock) as one clear line.

Scrapy leaves an exception raised while a crawl starts to asyncio, which logs ``Task exception was never
retrieved`` and a traceback. Here a NewsspiderError is printed as ``scrapy crawl: <reason>`` and sets the
exit code the cron command uses for it (2: bad arguments, 75: another run holds the lock).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from twisted.internet.defer import Deferred

from newsspider.exceptions import NewsspiderError, ProfileError
from newsspider.state.store import StateLockedError

if TYPE_CHECKING:
    import argparse

logger = logging.getLogger(__name__)
EXIT_CODES = ((ProfileError, 2), (StateLockedError, 75))  # anything else: 1


def exit_code_for(error: BaseException) -> int:
    return next((code for kind, code in EXIT_CODES if isinstance(error, kind)), 1)


class Command(ScrapyCrawlCommand):
    """Scrapy's crawl command; a crawl that cannot start says why in one line."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)  # raises Scrapy's usage error
            return
        crawler = self._create_crawler(args[0])
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        errors: list[BaseException] = []
        watch_start(started, errors.append)
        self.crawler_process.start()
        lost = frontier_lost(crawler)
        if errors:
            print(f"scrapy crawl: {errors[0]}", file=sys.stderr)
            self.exitcode = exit_code_for(errors[0])
        elif lost:
            print(f"scrapy crawl: {lost}; this worker stopped (the next run loses nothing)", file=sys.stderr)
            self.exitcode = 1
        elif self.crawler_process.bootstrap_failed:
            self.exitcode = 1


def frontier_lost(crawler) -> str | None:
    """Why this worker lost its shared frontier (None: it did not, or the crawl never started)."""
    try:
        stats = crawler.stats
    except (AttributeError, RuntimeError):  # stats only exist once the crawl started
        return None
    return stats.get_value("newsspider/frontier/lost") if stats is not None else None


def watch_start(started: asyncio.Future | Deferred, record) -> None:
    """Hand a NewsspiderError that stops the crawl from starting to ``record``; log any other error."""

    def seen(error: BaseException | None) -> None:
        if isinstance(error, NewsspiderError):
            record(error)
        elif error is not None:
            logger.error("the crawl failed to start", exc_info=error)

    if isinstance(started, Deferred):
        started.addErrback(lambda failure: seen(failure.value))
    else:
        started.add_done_callback(lambda task: None if task.cancelled() else seen(task.exception()))
