"""Run one crawl as a subprocess (``news`` full chain or the bare-follow baseline) and measure it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsspider.crawlcommand import scrapy_command

ROOT = Path(__file__).resolve().parents[1]
BARE_SPIDER = Path(__file__).resolve().with_name("barespider.py")
CHAIN_ONLY_SPIDER = Path(__file__).resolve().with_name("chainonly.py")
TIMEOUT = 900  # seconds before a hung crawl is killed
KINDS = ("news", "bare", "chainonly")  # full chain, Scrapy alone, full chain minus article extraction


def bench_settings(concurrency: int) -> dict[str, object]:
    """The settings both crawls share: no politeness, same concurrency, same link limits."""
    return {
        "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
        "CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "CONCURRENT_ITEMS": 16,  # newsspider's default; the baseline gets it too, so only our code differs
        "NEWSSPIDER_MAX_LISTING_PAGES": 0, "LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": False,
        "STATS_CLASS": "benchmarks.statsext.BenchStatsCollector",
    }  # fmt: skip


@dataclass
class CrawlResult:
    """What one crawl did and cost."""

    kind: str
    rc: int
    seconds: float  # spider_opened -> last spider_idle, inside the crawl process
    wall: float  # the whole subprocess, interpreter start-up included
    cpu: float  # CPU seconds of the crawl process over ``seconds`` (start-up excluded)
    maxrss_mb: float  # peak resident set size of the crawl process (VmHWM)
    stats: dict = field(default_factory=dict)
    cpu_children: float = 0.0  # CPU seconds of its extraction worker processes (whole lifetime)

    @property
    def pages(self) -> int:
        return int(self.stats.get("response_received_count", 0))

    @property
    def items(self) -> int:
        return int(self.stats.get("item_scraped_count", 0))

    @property
    def pages_per_s(self) -> float | None:
        return self.pages / self.seconds if self.seconds > 0 and self.pages else None


def _command(kind: str, start_url: str, workdir: Path, concurrency: int, profile: Path | None) -> list[str]:
    if kind == "news":
        args = ["crawl", "news"]
    elif kind == "chainonly":
        args = ["runspider", str(CHAIN_ONLY_SPIDER)]
    else:
        args = ["runspider", str(BARE_SPIDER), "-O", str(workdir / "urls.jsonl")]
    settings = {**bench_settings(concurrency), "BENCH_STATS_PATH": str(workdir / "bench-stats.json")}
    if kind != "bare":
        settings["NEWSSPIDER_OUTPUT_DIR"] = str(workdir / "output")
    python = [sys.executable, "-m", "cProfile", "-o", str(profile)] if profile else [sys.executable]
    return scrapy_command(*args, "-a", f"start_url={start_url}", settings=settings, python=python)


def _env(kind: str) -> dict[str, str]:
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    )
    env["SCRAPY_SETTINGS_MODULE"] = "benchmarks.baresettings" if kind == "bare" else "newsspider.settings"
    return env


def run_crawl(
    kind: str, start_url: str, workdir: Path, concurrency: int = 16, profile: Path | None = None
) -> CrawlResult:
    """Crawl ``start_url`` in a fresh ``workdir`` (its cwd, so state and output land there).

    ``profile``: run the crawl under cProfile and write its stats there.
    """
    workdir.mkdir(parents=True, exist_ok=False)
    with (workdir / "crawl.log").open("wb") as log:
        started = time.perf_counter()
        command = _command(kind, start_url, workdir, concurrency, profile)
        proc = subprocess.Popen(command, cwd=workdir, env=_env(kind), stdout=log, stderr=subprocess.STDOUT)
        watchdog = threading.Timer(TIMEOUT, proc.kill)
        watchdog.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
    stats_path = workdir / "bench-stats.json"
    data = json.loads(stats_path.read_text(encoding="utf-8")) if stats_path.is_file() else {}
    # ru_maxrss would also count the parent's pages copied before exec: prefer the child's own VmHWM.
    peak_kb = data.get("peak_rss_kb") or usage.ru_maxrss
    return CrawlResult(kind, proc.returncode, data.get("seconds", 0.0), wall, data.get("cpu", 0.0),
                       peak_kb / 1024, data.get("stats", {}), data.get("cpu_children", 0.0))  # fmt: skip
