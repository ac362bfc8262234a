"""The cron command's failure rules for the state side of issue 9 (pure: no crawl)."""

from __future__ import annotations

import time

from newsspider import cron
from newsspider.extensions.runreport import site_report

OK = {"finish_reason": "finished", "requests": 10, "responses_ok": 10, "errors": 0, "new_articles": 3,
      "skipped_seen": 20, "dropped": {}}  # fmt: skip


def test_start_urls_on_one_host_are_one_crawl_with_one_report():
    args = cron.parse_args(["--start-url", "http://a.cn/x.html", "--start-url", "http://b.cn/",
                            "--start-url", "http://a.cn/y.html"])  # fmt: skip
    targets = cron.targets_from(args)
    assert [t.site for t in targets] == ["a.cn", "b.cn"]
    assert targets[0].spider_args == {"start_url": "http://a.cn/x.html,http://a.cn/y.html"}


def test_a_batch_that_failed_to_store_fails_the_site_whatever_max_errors_says():
    args = cron.parse_args(["--all", "--max-errors", "1000"])
    assert cron.failures({**OK, "store_failed": 1}, 0, True, time.time(), args) == [
        "1 feed batches could not be stored or committed"
    ]


def test_a_failed_start_page_fails_the_site():
    args = cron.parse_args(["--all"])
    report = {**OK, "seed_failures": {"http://a.cn/gone.html": "HTTP 404"}}
    assert cron.failures(report, 0, True, time.time(), args) == ["start page http://a.cn/gone.html failed (HTTP 404)"]


def test_repeated_drops_of_a_known_page_do_not_fail_the_site():
    args = cron.parse_args(["--all"])
    quiet = {**OK, "new_articles": 0, "dropped": {"missing_body": 1}}
    assert cron.failures({**quiet, "dropped_tolerated": 1}, 0, True, time.time(), args) == []
    assert cron.failures({**quiet, "dropped_tolerated": 0}, 0, True, time.time(), args) == [
        "every new article was dropped: {'missing_body': 1}"
    ]


def test_run_report_counts_only_committed_articles_and_store_failures():
    stats = {"item_scraped_count": 86, "newsspider/seen/committed": 0,
             "feedexport/failed_count/AtomicFileFeedStorage": 1, "newsspider/seen/commit_failed": 1}  # fmt: skip
    report = site_report(stats, "a.cn", {"http://a.cn/": "no response"})
    assert (report["new_articles"], report["items_scraped"], report["store_failed"]) == (0, 86, 2)
    assert report["seed_failures"] == {"http://a.cn/": "no response"}


def test_ignored_requests_are_not_download_errors():
    stats = {"downloader/exception_count": 3, "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 2}
    assert site_report(stats, "a.cn")["download_errors"] == 1
