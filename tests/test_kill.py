"""Kill real crawls (SIGKILL, SIGTERM, double SIGTERM, between rename and commit): nothing lost, nothing twice."""

from __future__ import annotations

import json
import random
import signal
import sqlite3

import pytest

from newsspider.testing import crawlrun
from newsspider.testing.sitegen import GeneratedSite, SiteServer, SiteSpec

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


def interrupted_run(server, tmp_path, threshold: int, signals: tuple[signal.Signals, ...]) -> int:
    """Start a crawl, send ``signals`` once the server answered ``threshold`` article pages; return its rc."""
    server.reset_counts()
    process = crawlrun.start(crawlrun.crawl_command(server.start_url, tmp_path, **SETTINGS), tmp_path / "crawl.log")
    try:
        crawlrun.wait_until(lambda: server.article_requests() >= threshold or process.poll() is not None, 60)
        for number, sig in enumerate(signals):
            if number:
                crawlrun.wait_until(lambda: process.poll() is not None, 0.3)
            if process.poll() is None:
                process.send_signal(sig)
        return process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def remaining(server, tmp_path) -> int:
    urls, _torn = crawlrun.read_urls(tmp_path / "output")
    return ARTICLES - len(set(urls))


def kill_then_finish(server, tmp_path, signals, kills: int = 3) -> crawlrun.Audit:
    rng = random.Random(SEED + len(signals) * 10 + int(signals[0]))
    for _ in range(kills):
        left = remaining(server, tmp_path)
        threshold = max(5, int(left * rng.uniform(0.1, 0.8)))
        interrupted_run(server, tmp_path, threshold, signals)
    server.reset_counts()
    rc = crawlrun.run(crawlrun.crawl_command(server.start_url, tmp_path, **SETTINGS), tmp_path / "crawl.log")
    assert rc == 0
    result = crawlrun.audit(tmp_path / "output", expected(server))
    print(f"{'+'.join(s.name for s in signals)} x{kills}: {result}")
    return result


def assert_exactly_once(result: crawlrun.Audit) -> None:
    assert result.missing == []
    assert result.unexpected == []
    assert result.duplicates == 0
    assert result.torn == 0
    assert result.exported == result.expected == ARTICLES
    assert result.temp_files == 0


def test_sigkill_at_three_random_points_then_finish(server, tmp_path):
    assert_exactly_once(kill_then_finish(server, tmp_path, (signal.SIGKILL,)))


def test_sigterm_flushes_and_commits(server, tmp_path):
    rc = interrupted_run(server, tmp_path, 120, (signal.SIGTERM,))
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
    command = crawlrun.crawl_command(server.start_url, tmp_path, NEWSSPIDER_TEST_EXIT_AFTER_RENAME=2, **SETTINGS)
    assert crawlrun.run(command, tmp_path / "crawl.log") == 70
    urls, _torn = crawlrun.read_urls(tmp_path / "output")
    assert len(urls) == 50  # two whole batches under final names
    with sqlite3.connect(tmp_path / "state" / "seen.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == 25  # batch 2 renamed, not committed
        assert db.execute("SELECT COUNT(*) FROM batches WHERE state = 'pending'").fetchone()[0] == 1
    server.reset_counts()
    assert crawlrun.run(crawlrun.crawl_command(server.start_url, tmp_path, **SETTINGS), tmp_path / "crawl.log") == 0
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["repaired"]["reconciled"] == 1
    assert report["new_articles"] == ARTICLES - 50
    assert server.article_requests() == ARTICLES - 50  # the reconciled batch was not fetched again
    assert_exactly_once(crawlrun.audit(tmp_path / "output", expected(server)))
