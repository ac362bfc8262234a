"""Show per-site progress: a live table on a terminal (rich), else one plain line per site and interval.

Feed it ``Progress`` snapshots with ``update``; it decides when to draw. Nothing here knows where the
snapshots come from (a crawl's stats, a cron child's progress file, a re-extraction's counters).
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console
from rich.live import Live
from rich.table import Table

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsspider.progress import Progress

REFRESH_SECONDS = 0.5  # the live table is redrawn at most this often (no refresh thread: we draw on update)
# Short enough for an 80-column terminal (site names get the rest); the log line also gives pages/min.
COLUMNS = ("site", "state", "listings", "new", "drops", "errors", "new/min", "time")
STATES = {
    "finished": "done",
    "closespider_timeout": "time up",
    "shutdown": "stopped",
}  # Scrapy finish reasons


class ProgressView:
    """``with ProgressView() as view: view.update(progress)``; live on a terminal, plain lines elsewhere."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        live: bool | None = None,
        interval: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.console = Console(file=stream or sys.stderr, highlight=False)
        self.live = self.console.is_terminal if live is None else live
        self.interval = interval
        self.clock = clock
        self.rows: dict[str, Progress] = {}
        self._printed: dict[
            str, tuple[float, Progress | None]
        ] = {}  # plain mode: last line's time and snapshot
        self._live: Live | None = None
        self._drawn = 0.0

    def __enter__(self) -> ProgressView:
        if self.live:
            self._live = Live(self.table(), console=self.console, auto_refresh=False, transient=False)
            self._live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._live is not None:
            self._live.update(self.table(), refresh=True)
            self._live.stop()
            self._live = None

    def update(self, progress: Progress | None) -> None:
        """Record a site's latest snapshot and draw when it is time (always when the site is done)."""
        if progress is None:
            return
        self.rows[progress.site] = progress
        now = self.clock()
        if self._live is not None:
            if progress.done or now - self._drawn >= REFRESH_SECONDS:
                self._live.update(self.table(), refresh=True)
                self._drawn = now
            return
        self._plain(progress, now)

    def _plain(self, progress: Progress, now: float) -> None:
        last_time, last = self._printed.setdefault(progress.site, (now, None))
        if last is not None and last.done:
            return
        if progress.done or now - last_time >= self.interval:
            suffix = f" [{progress.done}]" if progress.done else ""
            self.console.print(
                progress.line(None if progress.done else last) + suffix, soft_wrap=True, markup=False
            )
            self._printed[progress.site] = (now, progress)

    def table(self) -> Table:
        """One row per site seen so far: listing pages, new articles, drops, errors, articles/min, time."""
        table = Table(title="newsspider progress", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for name in COLUMNS:
            left = name in ("site", "state")
            table.add_column(
                name,
                no_wrap=name != "site",
                overflow="fold" if name == "site" else "ellipsis",
                justify="left" if left else "right",
                min_width=12 if name == "site" else None,
                max_width=8 if name == "state" else None,
            )
        for row in self.rows.values():
            articles, _pages = row.rates()
            minutes, seconds = divmod(int(row.elapsed), 60)
            table.add_row(
                row.site,
                STATES.get(row.done, row.done) if row.done else "running",
                str(row.listings),
                str(row.new_articles),
                str(row.dropped),
                str(row.errors),
                f"{articles:.0f}",
                f"{minutes}:{seconds:02d}",
            )
        return table
