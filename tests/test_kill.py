"""Kill real crawls (SIGKILL, SIGTERM, double SIGTERM, rename-then-exit): nothing lost, nothing twice."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
from collections import Counter

import pytest

from newsspider.verify import verify
from newsspider.warc import reader
from newsspider_testing import crawlrun
from newsspider_testing.procs import alive, children
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

pytestmark = pytest.mark.slow

ARTICLES = 500
SEED = 20261128
SETTINGS = {"NEWSSPIDER_BATCH_SIZE": 25}


@pytest.fixture
def server():
    with SiteServer(GeneratedSite(SiteSpec(articles=ARTICLES, page_kb=20, per_page=25))) as running:
        yield running


def expected(server: SiteServer) -> set[str]:
    return {server.base + path for path in server.site.article_paths()}


def interrupted_run(
    server, tmp_path, threshold: int, signals: tuple[signal.Signals, ...], log, settings: dict = SETTINGS
) -> int:
    """Start a crawl, send ``signals`` once the server answered ``threshold`` article pages; return its rc.

    Every step waits on an event, never on time: the server holds its answers from the threshold on, so the
    crawl is still running (a download in flight) when the signals come; a second signal goes once the log
    shows the graceful stop has begun, which cannot finish before the held answers are released.
    """
    server.reset_counts()
    process = crawlrun.start(crawlrun.crawl_command(server.start_url, tmp_path, **settings), log)
    try:
        crawlrun.wait_until(lambda: server.article_requests() >= threshold or process.poll() is not None, 60)
        workers = children(process.pid)  # the extraction pool's processes (NEWSSPIDER_EXTRACT_WORKERS)
        held = server.site.held
        server.site.hold()
        assert crawlrun.wait_until(lambda: server.site.held > held, 60), "no download left in flight"
        for number, sig in enumerate(signals):
            if number:
                assert crawlrun.wait_until(lambda: "shutting down gracefully" in log.read_text(), 60)
            assert process.poll() is None, "the crawl ended before the signal"
            process.send_signal(sig)
        server.site.release()
        rc = process.wait(timeout=60)
        assert crawlrun.wait_until(lambda: not any(map(alive, workers)), 10), "orphaned crawl children"
        return rc
    finally:
        server.site.release()
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def exported(tmp_path) -> int:
    urls, _torn = crawlrun.read_urls(tmp_path / "output")
    return len(set(urls))


def kill_then_finish(
    server, tmp_path, signals, kills: int = 3, settings: dict = SETTINGS, seed: int = SEED
) -> crawlrun.Audit:
    """``kills`` interrupted runs at seeded random points, then one run to completion; audit the union."""
    rng = random.Random(seed + sum(signals))
    for number in range(kills):
        before = exported(tmp_path)
        left = ARTICLES - before
        # Leave more than the pages in flight (2 x concurrency) undone, so the signal really interrupts.
        threshold = max(5, min(int(left * rng.uniform(0.1, 0.6)), left - 20))
        log = tmp_path / f"crawl-{number}.log"
        rc = interrupted_run(server, tmp_path, threshold, signals, log, settings)
        after = exported(tmp_path)
        print(f"{'+'.join(s.name for s in signals)} #{number + 1}: after {threshold} article pages, rc={rc}, "
              f"exported {before} -> {after}")  # fmt: skip
        assert after < ARTICLES  # the signal really interrupted the crawl
        if len(signals) > 1:
            assert "forcing unclean shutdown" in log.read_text()
    server.reset_counts()
    rc = crawlrun.run(crawlrun.crawl_command(server.start_url, tmp_path, **settings), tmp_path / "final.log")
    assert rc == 0
    result = crawlrun.audit(tmp_path / "output", expected(server))
    print(f"{'+'.join(s.name for s in signals)} final: {result}")
    return result


def assert_exactly_once(result: crawlrun.Audit) -> None:
    assert result.missing == []
    assert result.unexpected == []
    assert result.duplicates == 0
    assert result.torn == 0
    assert result.exported == result.expected == ARTICLES
    assert result.temp_files == 0
    assert result.invalid == []  # every line follows schema/article.schema.json


def test_sigkill_at_three_random_points_then_finish(server, tmp_path):
    assert_exactly_once(kill_then_finish(server, tmp_path, (signal.SIGKILL,)))


def test_sigkill_with_warc_capture_then_finish(server, tmp_path):
    """Also with WARC files: exactly one whole response record per exported article, and verify passes."""
    settings = {**SETTINGS, "NEWSSPIDER_WARC": 1}
    assert_exactly_once(kill_then_finish(server, tmp_path, (signal.SIGKILL,), kills=4, settings=settings, seed=SEED + 14))
    read = reader.ReadReport()
    warcs = sorted((tmp_path / "output").rglob("*.warc.gz"))
    responses = Counter(page.url for path in warcs for page in reader.records(path, read))
    assert read.skipped == []  # no torn record under a final name
    assert responses == Counter(expected(server))
    report = verify(tmp_path / "output", tmp_path / "state")
    assert report.ok, report.text()


def test_sigterm_flushes_and_commits(server, tmp_path):
    rc = interrupted_run(server, tmp_path, 120, (signal.SIGTERM,), tmp_path / "crawl.log")
    report = json.loads((tmp_path / "report.json").read_text())
    assert (rc, report["finish_reason"]) == (0, "shutdown")
    urls, torn = crawlrun.read_urls(tmp_path / "output")
    assert torn == 0
    assert report["new_articles"] == len(urls) > 0  # the partial last batch was flushed and committed
    with sqlite3.connect(tmp_path / "state" / "seen.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == len(urls)
        assert db.execute("SELECT COUNT(*) FROM batches WHERE state = 'pending'").fetchone()[0] == 0
    assert_exactly_once(kill_then_finish(server, tmp_path, (signal.SIGTERM,)))


def test_double_sigterm_then_finish(server, tmp_path):
    assert_exactly_once(kill_then_finish(server, tmp_path, (signal.SIGTERM, signal.SIGTERM)))


def test_exit_between_rename_and_commit_is_reconciled(server, tmp_path):
    command = crawlrun.crawl_command(
        server.start_url, tmp_path, NEWSSPIDER_TEST_EXIT_AFTER_RENAME=2, **SETTINGS
    )
    assert crawlrun.run(command, tmp_path / "crawl.log") == 70
    urls, _torn = crawlrun.read_urls(tmp_path / "output")
    assert len(urls) == 50  # two whole batches under final names
    with sqlite3.connect(tmp_path / "state" / "seen.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == 25  # batch 2 renamed, not committed
        assert db.execute("SELECT COUNT(*) FROM batches WHERE state = 'pending'").fetchone()[0] == 1
    server.reset_counts()
    assert (
        crawlrun.run(crawlrun.crawl_command(server.start_url, tmp_path, **SETTINGS), tmp_path / "crawl.log")
        == 0
    )
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["repaired"]["reconciled"] == 1
    assert report["new_articles"] == ARTICLES - 50
    assert server.article_requests() == ARTICLES - 50  # the reconciled batch was not fetched again
    assert_exactly_once(crawlrun.audit(tmp_path / "output", expected(server)))
