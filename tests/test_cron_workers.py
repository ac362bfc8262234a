"""``python -m newsspider.cron --workers N --frontier URL``: arguments, merged reports, and a real 3-worker run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsspider import cron, cronworkers
from newsspider.crawlcommand import setting_flags
from newsspider.cronargs import check_args
from newsspider_testing import crawlrun
from newsspider_testing.multisite import MultiSite
from newsspider_testing.servers import RedisServer


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--workers", "3"], "needs --frontier"),
        (["--workers", "0", "--frontier", "redis://h:6379/0"], "1 or more"),
        (["--workers", "2", "--frontier", "http://h/"], "redis:// URL"),
        (["--workers", "2", "--frontier", "redis://127.0.0.1:6379/0"], None),
        (["--frontier", "redis://127.0.0.1:6379/0"], None),
        ([], None),
    ],
)
def test_worker_arguments(argv, reason):
    found = check_args(cron.parse_args(["--start-url", "http://example.org/news/", *argv]))
    assert (found is None) if reason is None else (reason in found)


def test_worker_ids_are_stable_and_carry_the_host():
    assert cronworkers.worker_ids(3, "crawl-a") == ["crawl-a-w1", "crawl-a-w2", "crawl-a-w3"]


def _result(code: int, report: dict | None) -> dict:
    return {"exit_code": code, "stopped_by": None, "report": report}


def test_merge_reports_adds_counts_and_keeps_the_worst_finish():
    one = {"site": "s", "finish_reason": "finished", "new_articles": 3, "errors": 1, "duration": 5.0,
           "dropped": {"no_body": 1}, "frontier": {"requeued": 2}}  # fmt: skip
    two = {"site": "s", "finish_reason": "frontier_lost", "new_articles": 4, "errors": 0, "duration": 7.5,
           "dropped": {"no_body": 2, "short": 1}, "frontier": {"acked": 9}}  # fmt: skip
    merged = cronworkers.merge_reports({"a": _result(0, one), "b": _result(1, two)})
    assert merged["new_articles"] == 7
    assert merged["errors"] == 1
    assert merged["dropped"] == {"no_body": 3, "short": 1}
    assert merged["frontier"] == {"requeued": 2, "acked": 9}
    assert merged["finish_reason"] == "frontier_lost"
    assert merged["duration"] == 7.5
    assert merged["workers"]["b"] == {"exit_code": 1, "stopped_by": None, "finish_reason": "frontier_lost",
                                      "new_articles": 4}  # fmt: skip
    assert cronworkers.worst_exit({"a": _result(0, one), "b": _result(1, two)}) == 1


def test_a_start_page_fails_only_if_no_worker_fetched_it():
    a = {"site": "s", "finish_reason": "finished", "seed_failures": {"http://s/1": "no response", "http://s/2": "HTTP 500"}}
    b = {"site": "s", "finish_reason": "finished", "seed_failures": {"http://s/2": "no response"}}
    merged = cronworkers.merge_reports({"a": _result(0, a), "b": _result(0, b)})
    assert merged["seed_failures"] == {"http://s/2": "HTTP 500"}  # b fetched s/1: it did not fail


def test_merge_reports_flags_a_worker_without_report():
    one = {"site": "s", "finish_reason": "finished", "new_articles": 3}
    merged = cronworkers.merge_reports({"a": _result(0, one), "b": _result(-9, None)})
    assert merged["finish_reason"] == "worker_without_report"
    assert cronworkers.merge_reports({"a": _result(-9, None)}) is None


@pytest.mark.slow
def test_cron_runs_three_workers_per_site_and_merges_their_reports(tmp_path):
    with RedisServer() as redis, MultiSite(2, 30) as site:
        argv = [sys.executable, "-m", "newsspider.cron", "--workers", "3", "--frontier", redis.url,
                "--state-dir", str(tmp_path / "state"), "--output-dir", str(tmp_path / "output"), "-v"]  # fmt: skip
        for url in site.start_urls:
            argv += ["--start-url", url]
        argv += setting_flags({**crawlrun.FAST_SETTINGS, "NEWSSPIDER_EXTRACT_WORKERS": "0"})
        done = subprocess.run(argv, cwd=crawlrun.ROOT, env=crawlrun.project_env(), capture_output=True,
                              text=True, timeout=600)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        report = json.loads((tmp_path / "state" / "last-run.json").read_text("utf-8"))
        for result in report["sites"].values():
            assert len(result["workers"]) == 3
            assert result["new_articles"] == 30
            assert result["finish_reason"] == "finished"
        audit = crawlrun.audit(tmp_path / "output", site.article_urls())
        assert (audit.duplicates, audit.torn, audit.missing) == (0, 0, [])
