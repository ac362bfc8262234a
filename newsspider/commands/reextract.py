"""``scrapy reextract PATH...``: replay archived WARC responses through today's chain, offline."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsspider.commands import check_site_option
from newsspider.warc.reader import NotWarcError, warc_files
from newsspider.warc.reextract import Options, reextract

if TYPE_CHECKING:
    import argparse


def parse_since(value: str) -> datetime:
    """An ISO date or date-time; without an offset it is UTC."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--since: not an ISO date: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


REFRESH_SECONDS = 0.2  # the bar is redrawn at most this often (no refresh thread)


class ProgressBar:
    """A rich progress bar over the WARC bytes read, with articles, their rate and the ETA; silent when stderr
    is not a terminal. (``newsspider.progressview`` shows per-site crawl counters without totals, so it cannot
    give an ETA; this bar uses the same library.)"""

    def __init__(self, total_bytes: int):
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(file=sys.stderr, highlight=False)
        self.progress = None
        if console.is_terminal:
            self.progress = Progress(
                TextColumn("re-extracting"), BarColumn(), DownloadColumn(),
                TextColumn("{task.fields[articles]} articles, {task.fields[rate]} articles/s"),
                TextColumn("ETA"), TimeRemainingColumn(), console=console, auto_refresh=False,
            )  # fmt: skip
            self.task = self.progress.add_task("re-extracting", total=total_bytes, articles=0, rate="0")
            self.progress.start()
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, done_bytes: int, articles: int) -> None:
        """``done_bytes`` of all files read so far; ``articles`` replayed so far."""
        if self.progress is None:
            return
        now = time.monotonic()
        rate = f"{articles / max(now - self.started, 1e-6):.0f}"
        self.progress.update(self.task, completed=done_bytes, articles=articles, rate=rate)
        if now - self.drawn >= REFRESH_SECONDS:
            self.progress.refresh()
            self.drawn = now

    def close(self) -> None:
        if self.progress is not None:
            self.progress.refresh()
            self.progress.stop()


class Command(ScrapyCommand):
    """Re-extract articles from WARC files written by crawls with NEWSSPIDER_WARC."""

    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "PATH [PATH ...] [-O FILE | --output-dir DIR] [--site ID] [--since DATE]"

    def short_desc(self) -> str:
        return "Replay archived article pages (WARC) through today's extraction chain, without network"

    def long_desc(self) -> str:
        return (
            "Reads every WARC file named or found under the folders given, replays each archived article "
            "(page 1 and its continuation pages) through the same chain a crawl uses and writes JSON lines: "
            "per-site batches under --output-dir (default: reextracted/) or one file with -O. Ends with a "
            "summary of what changed against the lines first exported from the same records. Damaged records "
            "are skipped and reported (exit code 1); a file that is not a WARC file stops it before any work "
            "(exit code 2)."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-O", "--output", dest="output_file", help="write every line to this one file")
        parser.add_argument("--output-dir", default="reextracted", help="batches in the usual layout (default: reextracted)")
        parser.add_argument("--site", help="only this site's records, extracted with its profile")
        parser.add_argument("--since", help="only pages captured at or after this ISO date/time (UTC unless given)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("give at least one WARC file or folder")
        check_site_option(opts.site)
        options = Options(
            paths=[Path(arg) for arg in args],
            output_dir=Path(opts.output_dir),
            output_file=Path(opts.output_file) if opts.output_file else None,
            site=opts.site,
            since=parse_since(opts.since) if opts.since else None,
            batch_size=self.settings.getint("NEWSSPIDER_BATCH_SIZE", 100),
            run_id=datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-reextract",
        )
        bar = ProgressBar(sum(p.stat().st_size for p in warc_files(options.paths) if p.is_file()))
        try:
            summary = reextract(options, progress=bar)
        except NotWarcError as exc:
            bar.close()
            print(f"error: {exc}", file=sys.stderr)
            self.exitcode = 2
            return
        bar.close()
        print("\n".join(summary.lines()), file=sys.stderr)
        self.exitcode = 1 if summary.read.skipped else 0
