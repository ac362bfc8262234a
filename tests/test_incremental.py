"""Incremental runs against a real crawl: a second run exports only new articles and fetches no old one."""

from __future__ import annotations

import json

import pytest

from newsspider_testing import crawlrun
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

pytestmark = pytest.mark.slow

PER_PAGE = 20


@pytest.fixture
def server():
    with SiteServer(GeneratedSite(SiteSpec(articles=120, page_kb=20, per_page=PER_PAGE))) as running:
        yield running


def crawl(server, tmp_path) -> dict:
    command = crawlrun.crawl_command(server.start_url, tmp_path, NEWSSPIDER_BATCH_SIZE=50)
    server.reset_counts()
    assert crawlrun.run(command, tmp_path / "crawl.log") == 0
    return json.loads((tmp_path / "report.json").read_text())


def test_second_run_exports_exactly_the_new_articles(server, tmp_path):
    first = crawl(server, tmp_path)
    assert first["new_articles"] == 120
    assert server.listing_requests() == server.site.pages()
    before, _torn = crawlrun.read_urls(tmp_path / "output")

    added = server.site.add_articles(5)
    second = crawl(server, tmp_path)
    after, torn = crawlrun.read_urls(tmp_path / "output")
    counts = server.counts()

    assert torn == 0
    assert sorted(set(after) - set(before)) == sorted(server.base + path for path in added)
    assert len(after) == len(before) + 5
    assert second["new_articles"] == 5
    assert sorted(path for path in counts if "content_" in path) == sorted(added)  # no old article page
    assert all(counts[path] == 1 for path in added)
    assert counts[server.site.listing_path(1)] == 1  # listings are fetched again on every run
    assert second["listings_fetched"] == 3  # page 1 has news; pages 2 and 3 are all seen: pagination stops
    assert second["pagination_stopped"] == 1


def test_run_without_news_fetches_listings_only(server, tmp_path):
    crawl(server, tmp_path)
    report = crawl(server, tmp_path)
    assert report["new_articles"] == 0
    assert server.article_requests() == 0
    assert report["skipped_seen"] == 2 * PER_PAGE  # two all-seen listing pages, then pagination stops
    assert server.listing_requests() == 2


def test_after_an_incomplete_run_every_listing_page_is_walked(server, tmp_path):
    crawl(server, tmp_path)
    server.site.broken = {server.site.article_path(3)}  # an old article fails: this run is not complete
    server.site.add_articles(1)
    assert crawl(server, tmp_path)["errors"] == 0  # the broken article is already seen: never requested
    server.site.broken = {server.site.article_path(122)}
    server.site.add_articles(1)  # article 122 fails, so this run does not count as complete
    failed = crawl(server, tmp_path)
    assert (failed["new_articles"], failed["errors"]) == (0, 1)
    server.site.broken = set()
    repaired = crawl(server, tmp_path)
    assert repaired["new_articles"] == 1
    assert repaired["listings_fetched"] == server.site.pages()  # full walk after an incomplete run


def test_a_seed_that_is_an_article_is_exported_once(server, tmp_path):
    article = server.base + server.site.article_path(7)
    for expected_new in (1, 0):
        command = crawlrun.crawl_command(article, tmp_path)
        assert crawlrun.run(command, tmp_path / "crawl.log") == 0
        assert json.loads((tmp_path / "report.json").read_text())["new_articles"] == expected_new
    assert crawlrun.read_urls(tmp_path / "output") == ([article], 0)


def test_overlapping_crawl_of_one_site_is_refused(server, tmp_path):
    server.site.delay = 0.1
    first = crawlrun.start(
        crawlrun.crawl_command(server.start_url, tmp_path, CONCURRENT_REQUESTS=1), tmp_path / "first.log"
    )
    try:
        crawlrun.wait_until(lambda: server.article_requests() > 0 or first.poll() is not None, 60)
        assert first.poll() is None, (tmp_path / "first.log").read_text()[-3000:]
        second = crawlrun.crawl_command(server.start_url, tmp_path, NEWSSPIDER_RUN_REPORT="")
        assert crawlrun.run(second, tmp_path / "second.log") != 0
        assert "locked by another run" in (tmp_path / "second.log").read_text()
    finally:
        first.terminate()
        first.wait(timeout=60)
    assert json.loads((tmp_path / "report.json").read_text())["finish_reason"] == "shutdown"
