"""The cron command's progress display: each crawl writes a progress file, the parent shows it.

On a terminal (or with ``-v``) the parent passes ``NEWSSPIDER_PROGRESS_FILE`` to every crawl and, while it
waits for the crawl, feeds the snapshots to a ``ProgressView``: a live table on a terminal, one plain line per
site and NEWSSPIDER_PROGRESS_INTERVAL otherwise. A run from cron without ``-v`` shows nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from newsspider.crawlcommand import setting_flags
from newsspider.progress import read_snapshot

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path

    from newsspider.progressview import ProgressView

READ_SECONDS = 0.5  # how often the parent reads a crawl's progress file
DEFAULT_INTERVAL = 60.0


def plain_interval(settings: list[str]) -> float:
    """NEWSSPIDER_PROGRESS_INTERVAL from the ``-s`` options (the crawls log at the same pace), else 60 s."""
    for given in reversed(settings):
        name, _, value = given.partition("=")
        if name.strip() == "NEWSSPIDER_PROGRESS_INTERVAL":
            return float(value) or DEFAULT_INTERVAL
    return DEFAULT_INTERVAL


class CronProgress:
    """``with CronProgress(args) as progress:``; per crawl ``settings(path)``, ``watcher(path)`` to poll."""

    def __init__(self, args: argparse.Namespace, stream=None):
        stream = stream or sys.stderr
        shown = not args.no_progress and (args.verbose or stream.isatty())
        self.view: ProgressView | None = None
        if shown:
            from newsspider.progressview import ProgressView  # rich only when something is shown

            self.view = ProgressView(stream, interval=plain_interval(args.set))

    def __enter__(self) -> CronProgress:
        if self.view:
            self.view.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.view:
            self.view.__exit__(*exc)

    def settings(self, path: Path) -> list[str]:
        """The crawl options that make a crawl write its progress to ``path`` (none when nothing is shown)."""
        return setting_flags({"NEWSSPIDER_PROGRESS_FILE": path}) if self.view else []

    def watcher(self, path: Path) -> Callable[[bool], None] | None:
        """A callable the parent calls while it waits (``final=True`` once the crawl has exited)."""
        view = self.view
        if not view:
            return None
        read_at = 0.0

        def watch(final: bool = False) -> None:
            nonlocal read_at
            if final or time.monotonic() - read_at >= READ_SECONDS:
                read_at = time.monotonic()
                view.update(read_snapshot(path))

        return watch
