"""Progress: snapshots from stats, rates, log line, snapshot file, terminal view, and where each shows."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from scrapy.settings import Settings

from newsspider.cronprogress import plain_interval
from newsspider.extensions.progress import wants_view
from newsspider.progress import Progress, read_snapshot, write_snapshot
from newsspider.progressview import ProgressView
from newsspider_testing import crawlrun, procs
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

STATS = {
    "newsspider/site/a.cn/listings": 3,
    "item_scraped_count": 40,
    "newsspider/dropped/soft_404": 2,
    "newsspider/dropped/too_deep": 1,
    "newsspider/seen/skipped": 7,
    "response_received_count": 60,
    "newsspider/site/b.cn/listings": 99,
}


def test_snapshot_from_stats():
    progress = Progress.from_stats(STATS, "a.cn", 120.0, errors=4)
    assert progress == Progress(
        "a.cn", 120.0, listings=3, new_articles=40, dropped=3, skipped_seen=7, errors=4, pages=60
    )


def test_rates_since_start_and_since_a_snapshot():
    now = Progress("a.cn", 120.0, new_articles=40, pages=60)
    assert now.rates() == (20.0, 30.0)
    assert now.rates(Progress("a.cn", 60.0, new_articles=30, pages=30)) == (10.0, 30.0)
    assert Progress("a.cn").rates() == (0.0, 0.0)


def test_line():
    progress = Progress.from_stats(STATS, "a.cn", 120.0, errors=4)
    assert progress.line() == (
        "a.cn: 3 listing pages, 40 new articles, 3 dropped, 7 already seen, 4 errors "
        "(at 20 articles/min, 30 pages/min)"
    )


def test_snapshot_file_round_trip(tmp_path):
    path = tmp_path / "p.json"
    assert read_snapshot(path) is None
    progress = Progress.from_stats(STATS, "a.cn", 1.5, done="finished")
    write_snapshot(path, progress)
    assert read_snapshot(path) == progress
    assert not list(tmp_path.glob(".*"))
    path.write_text('{"site": "a.c')  # never written like this, but a reader must survive it
    assert read_snapshot(path) is None


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_plain_view_prints_one_line_per_site_and_interval_then_the_end():
    out, clock = io.StringIO(), Clock()
    with ProgressView(out, live=False, interval=60, clock=clock) as view:
        view.update(Progress("a.cn", 0.0))
        clock.now = 30
        view.update(Progress("a.cn", 30.0, new_articles=5, pages=10))
        assert out.getvalue() == ""
        clock.now = 61
        view.update(Progress("a.cn", 61.0, new_articles=10, pages=20))
        view.update(Progress("b.cn", 61.0))  # b's minute starts now
        clock.now = 70
        view.update(Progress("a.cn", 70.0, new_articles=12, pages=24, done="finished"))
        view.update(Progress("a.cn", 71.0, new_articles=12, pages=24, done="finished"))
        view.update(None)
    counts = "a.cn: 0 listing pages, {} new articles, 0 dropped, 0 already seen, 0 errors"
    assert out.getvalue().splitlines() == [
        counts.format(10) + " (at 10 articles/min, 20 pages/min)",
        counts.format(12) + " (at 10 articles/min, 21 pages/min) [finished]",
    ]


def test_live_view_draws_a_row_per_site():
    out = io.StringIO()
    with ProgressView(out, live=True) as view:
        view.update(Progress("a.cn", 60.0, listings=2, new_articles=30, pages=40))
        view.update(Progress("b.cn", 60.0, new_articles=1, done="shutdown"))
    text = out.getvalue()
    for cell in ("site", "listings", "drops", "new/min", "a.cn", "running", "30", "b.cn", "stopped"):
        assert cell in text


@pytest.mark.parametrize(
    ("value", "terminal", "log_file", "log_enabled", "shown"),
    [
        ("auto", True, "crawl.log", True, True),
        ("auto", True, "", False, True),  # --nolog
        ("auto", True, "", True, False),  # the log is on the terminal: a view would fight it
        ("auto", False, "crawl.log", True, False),
        ("True", False, "", True, True),
        ("False", True, "crawl.log", True, False),
    ],
)
def test_when_scrapy_crawl_shows_the_view(value, terminal, log_file, log_enabled, shown):
    settings = Settings({"NEWSSPIDER_PROGRESS_VIEW": value, "LOG_FILE": log_file, "LOG_ENABLED": log_enabled})
    assert wants_view(settings, terminal) is shown


@pytest.mark.parametrize(
    ("given", "interval"),
    [([], 60.0), (["NEWSSPIDER_PROGRESS_INTERVAL=5"], 5.0), (["NEWSSPIDER_PROGRESS_INTERVAL=0"], 60.0)],
)
def test_cron_plain_lines_follow_the_crawl_log_interval(given, interval):
    assert plain_interval(["DOWNLOAD_DELAY=1", *given]) == interval


@pytest.fixture
def server():
    with SiteServer(GeneratedSite(SiteSpec(articles=40, page_kb=10, per_page=20))) as running:
        yield running


@pytest.mark.slow
def test_crawl_logs_a_progress_line_per_interval_and_writes_the_snapshot(server, tmp_path):
    log, snapshot = tmp_path / "crawl.log", tmp_path / "progress.json"
    command = crawlrun.crawl_command(
        server.start_url, tmp_path, NEWSSPIDER_PROGRESS_INTERVAL=0.2, NEWSSPIDER_PROGRESS_FILE=snapshot
    )
    server.site.hold()  # the crawl cannot finish before a progress line is in its log
    with procs.reaped(crawlrun.start(command, log)) as process:
        try:
            assert crawlrun.wait_until(
                lambda: "[newsspider.extensions.progress] INFO: 127.0.0.1: " in log.read_text(), 60
            )
            assert read_snapshot(snapshot).done is None  # the snapshot is there while the crawl runs
            server.site.release()
            assert process.wait(timeout=120) == 0
        finally:
            server.site.release()
    lines = [line for line in log.read_text().splitlines() if "[newsspider.extensions.progress]" in line]
    assert "listing pages" in lines[0] and "articles/min" in lines[0]
    final = read_snapshot(snapshot)
    assert (final.done, final.new_articles, final.listings, final.dropped) == ("finished", 40, 2, 0)


def cron_command(tmp_path, server, *extra: str) -> list[str]:
    return procs.cron_command(tmp_path, server.start_url, *extra)


@pytest.mark.slow
def test_cron_with_v_prints_progress_lines(server, tmp_path):
    done = subprocess.run(
        cron_command(tmp_path, server, "-v"),
        cwd=tmp_path,
        env=crawlrun.project_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1].startswith("127.0.0.1: 2 listing pages, 40 new articles, 0 dropped")
    assert done.stderr.splitlines()[-1].endswith("[finished]")
    assert done.stdout.splitlines()[0] == "127.0.0.1: 40 new articles, ok"
    quiet = subprocess.run(
        cron_command(tmp_path, server, "-v", "--no-progress"),
        cwd=tmp_path,
        env=crawlrun.project_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (quiet.returncode, quiet.stderr) == (0, "")


@pytest.mark.slow
def test_cron_on_a_terminal_shows_the_live_table(server, tmp_path):
    """stderr is a pseudo-terminal: the live table appears without -v; stdout (not a terminal) stays empty."""
    done, text = procs.run_on_terminal(cron_command(tmp_path, server), cwd=tmp_path, env=crawlrun.project_env(),
                                       timeout=120)  # fmt: skip
    assert done.returncode == 0
    assert done.stdout == b""
    for cell in ("listings", "new/min", "127.0.0.1", "done", "40"):
        assert cell in text
    report = json.loads((tmp_path / "state" / "last-run.json").read_text())
    assert report["sites"]["127.0.0.1"]["new_articles"] == 40


@pytest.mark.slow
def test_scrapy_crawl_on_a_terminal_with_its_log_in_a_file_shows_the_live_table(server, tmp_path):
    command = crawlrun.crawl_command(server.start_url, tmp_path, LOG_FILE=tmp_path / "crawl.log")
    done, text = procs.run_on_terminal(command, cwd=crawlrun.ROOT, env=crawlrun.project_env(), timeout=120)
    assert done.returncode == 0
    for cell in ("newsspider progress", "listings", "127.0.0.1", "done", "40"):
        assert cell in text

