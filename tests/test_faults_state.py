"""Fault suite, state side (issue 9): dropped pages retried, time-bound stops, deletions, bad state and output."""

from __future__ import annotations

import json
import signal
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest
from test_cron import run_cron

from newsspider_testing import crawlrun
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

pytestmark = pytest.mark.slow


@pytest.fixture
def server():
    with SiteServer(GeneratedSite(SiteSpec(articles=100, page_kb=10, per_page=20))) as running:
        yield running


def crawl(server, tmp_path, **settings) -> dict:
    server.reset_counts()
    command = crawlrun.crawl_command(server.start_url, tmp_path, **settings)
    assert crawlrun.run(command, tmp_path / "crawl.log") == 0
    return json.loads((tmp_path / "report.json").read_text())


def exported(tmp_path) -> list[str]:
    urls, torn = crawlrun.read_urls(tmp_path / "output")
    assert torn == 0
    return urls


def test_a_page_empty_in_run_1_and_fixed_before_run_2_is_exported_in_run_2(server, tmp_path):
    page = server.site.article_path(5)  # on the last listing page: the listing walk of run 2 stops earlier
    server.site.empty = {page}
    first = crawl(server, tmp_path)
    assert (first["new_articles"], first["dropped"]) == (99, {"missing_body": 1})
    server.site.empty = set()
    second = crawl(server, tmp_path)
    assert second["listings_fetched"] == 2  # pagination stopped long before page 5
    assert (second["new_articles"], second["retried"]) == (1, 1)
    assert server.counts()[page] == 1
    urls = exported(tmp_path)
    assert urls.count(server.base + page) == 1 and len(set(urls)) == len(urls) == 100
    assert crawl(server, tmp_path)["retried"] == 0  # exported: no longer a drop


def test_a_permanently_empty_page_is_retried_a_bounded_number_of_times(server, tmp_path):
    page = server.site.article_path(5)
    server.site.empty = {page}
    settings = {"NEWSSPIDER_DROP_RETRY_BACKOFF": 0}  # every later run is past the backoff
    reports = [crawl(server, tmp_path, **settings) for _run in range(4)]
    assert [r["retried"] for r in reports] == [0, 1, 1, 0]  # 3 drops (NEWSSPIDER_DROP_RETRIES), then given up
    assert [r["dropped_tolerated"] for r in reports] == [0, 1, 1, 0]  # only the first drop fails the site
    assert [r["given_up"] for r in reports] == [0, 0, 1, 0]
    assert reports[3]["dropped"] == {}
    assert server.counts()[page] == 0  # given up: not requested from the listing either


def test_retries_wait_out_their_backoff(server, tmp_path):
    page = server.site.article_path(99)  # on listing page 1: the walk finds it every run
    server.site.empty = {page}
    reports = [crawl(server, tmp_path) for _run in range(3)]  # default backoff: an hour after the 2nd drop
    assert [r["retried"] for r in reports] == [0, 1, 0]
    assert reports[2]["held_back"] == 1 and reports[2]["dropped"] == {}
    assert server.counts()[page] == 0


def test_time_bound_then_sigterm_during_the_close_stores_and_commits_the_last_batch(server, tmp_path):
    """CLOSESPIDER_TIMEOUT starts the close; a SIGTERM lands while in-flight pages finish (cron's grace)."""
    settings = {"CLOSESPIDER_TIMEOUT": 8, "CONCURRENT_REQUESTS": 2, "NEWSSPIDER_BATCH_SIZE": 1000}
    log = tmp_path / "crawl.log"
    process = crawlrun.start(crawlrun.crawl_command(server.start_url, tmp_path, **settings), log)
    try:
        assert crawlrun.wait_until(lambda: server.article_requests() >= 5 or process.poll() is not None, 60)
        server.site.hold()  # from now on downloads stay in flight: the time bound fires with pages pending
        assert crawlrun.wait_until(lambda: "Closing spider (closespider_timeout)" in log.read_text(), 60)
        process.send_signal(signal.SIGTERM)
        assert crawlrun.wait_until(lambda: "Received SIGTERM" in log.read_text(), 30)
        server.site.release()
        process.wait(timeout=60)
    finally:
        server.site.release()
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    text = log.read_text()
    assert "Error storing" not in text and "closed database" not in text, text[-3000:]
    report = json.loads((tmp_path / "report.json").read_text())
    urls = exported(tmp_path)
    assert report["finish_reason"] == "closespider_timeout"
    assert report["new_articles"] == len(urls) >= 5  # the last batch was stored and committed
    with sqlite3.connect(tmp_path / "state" / "seen.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == len(urls)
        assert db.execute("SELECT COUNT(*) FROM batches WHERE state = 'pending'").fetchone()[0] == 0


def test_a_revisited_article_now_gone_is_a_recorded_deletion(server, tmp_path):
    revisit = {"NEWSSPIDER_REVISIT_DAYS": 1, "NEWSSPIDER_REVISIT_HOURS": 0}
    crawl(server, tmp_path, **revisit)
    gone = {server.site.article_path(n): status for n, status in ((3, 404), (4, 410))}
    server.site.statuses = dict(gone)
    second = crawl(server, tmp_path, **revisit)
    assert (second["deleted"], second["errors"], second["revisited"]) == (2, 0, 100)
    third = crawl(server, tmp_path, **revisit)
    assert (third["deleted"], third["revisited"]) == (0, 98)  # no longer revisited
    assert all(server.counts()[path] == 0 for path in gone)


def test_cron_two_start_urls_on_one_host_a_404_start_page_fails_the_run(server, tmp_path):
    missing = server.base + "/news/no-such-section.html"
    rc, report, err = run_cron(tmp_path, "--start-url", server.start_url, "--start-url", missing)
    site = report["sites"]["127.0.0.1"]
    assert rc == 1
    assert site["new_articles"] == 100  # the good start URL was crawled in the same run
    assert site["failures"] == [f"start page {missing} failed (HTTP 404)"]
    assert missing in err


def test_cron_unwritable_output_folder_fails_before_crawling(server, tmp_path):
    rc, report, err = run_cron(tmp_path, "--start-url", server.start_url, "--output-dir", "/dev/null/out")
    assert rc == 1
    assert "/dev/null/out" in err and "not writable" in err
    assert "Traceback" not in err
    assert server.counts() == {}


def test_crawl_unwritable_output_folder_fetches_nothing(server, tmp_path):
    command = crawlrun.crawl_command(server.start_url, tmp_path, NEWSSPIDER_OUTPUT_DIR="/dev/null/out")
    assert crawlrun.run(command, tmp_path / "crawl.log") != 0
    assert "not writable" in (tmp_path / "crawl.log").read_text()
    assert server.counts() == {}


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00" + b"\x07" * 4000])
def test_cron_corrupt_or_empty_seen_store_stops_with_one_line(server, tmp_path, content):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "seen.sqlite3").write_bytes(content)
    rc, report, err = run_cron(tmp_path, "--start-url", server.start_url)
    assert rc == 1
    assert report is None and server.counts() == {}  # nothing re-exported
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert "seen.sqlite3" in lines[0] and "backup" in lines[0] and "--forget" in lines[0]


def test_cron_store_locked_past_its_timeout_fails_the_site(server, tmp_path):
    assert run_cron(tmp_path, "--start-url", server.start_url)[0] == 0
    added = server.site.add_articles(5)
    server.site.delay = 0.2
    args = ("--start-url", server.start_url, "-s", "NEWSSPIDER_STATE_LOCK_TIMEOUT=0.5", "--max-errors", "1000")
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(run_cron, tmp_path, *args)
        assert crawlrun.wait_until(lambda: server.counts()[added[0]] > 0 or running.done(), 60)
        holder = sqlite3.connect(tmp_path / "state" / "seen.sqlite3", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the store until the run is over
        try:
            rc, report, _err = running.result(timeout=120)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    site = report["sites"]["127.0.0.1"]
    assert rc == 1
    assert site["new_articles"] == 0
    assert "1 feed batches could not be stored or committed" in site["failures"]
    assert crawlrun.read_urls(tmp_path / "output")[0].count(server.base + added[0]) == 0
