"""The cron command: exit code and run report in each success and failure case, lock, time bound."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time

import pytest

from newsspider import cron
from newsspider.crawlcommand import setting_flags
from newsspider.state.store import acquire_lock
from newsspider_testing import crawlrun
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec


@pytest.fixture
def server():
    with SiteServer(GeneratedSite(SiteSpec(articles=40, page_kb=10, per_page=20))) as running:
        yield running


def run_cron(tmp_path, *args: str, timeout: float = 120) -> tuple[int, dict | None, str]:
    """Run ``python -m newsspider.cron`` as cron would; return (exit code, run report, stderr)."""
    report = tmp_path / "cron-report.json"
    report.unlink(missing_ok=True)
    settings = setting_flags(crawlrun.FAST_SETTINGS)
    folders = ["--state-dir", str(tmp_path / "state"), "--output-dir", str(tmp_path / "output")]
    command = [
        sys.executable,
        "-m",
        "newsspider.cron",
        *settings,
        *folders,
        "--report",
        str(report),
        "--grace",
        "5",
    ]
    command += args
    done = subprocess.run(
        command, cwd=tmp_path, env=crawlrun.project_env(), capture_output=True, timeout=timeout
    )
    data = json.loads(report.read_text()) if report.is_file() else None
    return done.returncode, data, done.stderr.decode()


def all_failed(failures: list[str]) -> bool:
    return any(re.fullmatch(r"all \d+ requests failed", failure) for failure in failures)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_success_then_quiet_run_then_layout_change(server, tmp_path):
    rc, report, err = run_cron(tmp_path, "--start-url", server.start_url)
    site = report["sites"]["127.0.0.1"]
    assert (rc, report["exit_code"], site["failures"], err) == (0, 0, [], "")
    assert (site["new_articles"], site["listings_fetched"], site["skipped_seen"]) == (40, 2, 0)
    assert site["dropped"] == {}
    assert site["errors"] == 0
    assert site["duration"] > 0

    rc, report, _err = run_cron(tmp_path, "--start-url", server.start_url)  # a quiet hour: nothing new
    site = report["sites"]["127.0.0.1"]
    assert (rc, site["new_articles"], site["skipped_seen"], site["failures"]) == (0, 0, 40, [])

    server.site.layout = "no_links"  # listing pages still load, but link no article any more
    rc, report, err = run_cron(tmp_path, "--start-url", server.start_url)
    assert rc == 1
    assert report["failed_sites"] == ["127.0.0.1"]
    assert report["sites"]["127.0.0.1"]["failures"] == [
        "no article found on the listing pages (layout changed?)"
    ]
    assert "layout changed" in err


@pytest.mark.slow
def test_all_requests_failing(tmp_path):
    start = f"http://127.0.0.1:{closed_port()}/news/index.html"
    rc, report, _err = run_cron(tmp_path, "--start-url", start)
    site = report["sites"]["127.0.0.1"]
    assert rc == 1
    assert site["responses_ok"] == 0
    assert all_failed(site["failures"])  # the start page and discovery's robots.txt/sitemap probes
    assert site["seed_failures"] == {start: "no response"}


@pytest.mark.slow
def test_all_responses_are_errors(server, tmp_path):
    server.site.status = 503
    rc, report, _err = run_cron(tmp_path, "--start-url", server.start_url)
    assert rc == 1
    site = report["sites"]["127.0.0.1"]
    assert all_failed(site["failures"])
    assert f"start page {server.start_url} failed (HTTP 503)" in site["failures"]


@pytest.mark.slow
def test_errors_over_threshold(server, tmp_path):
    server.site.broken = {server.site.article_path(n) for n in range(1, 6)}
    never_suspend = ("-s", "NEWSSPIDER_HOST_MAX_FAILURES=100")  # count every failure, keep crawling the host
    rc, report, _err = run_cron(
        tmp_path, "--start-url", server.start_url, "--max-errors", "4", *never_suspend
    )
    site = report["sites"]["127.0.0.1"]
    assert rc == 1
    assert site["failures"] == ["5 errors (more than 4)"]
    assert site["new_articles"] == 35
    rc, report, _err = run_cron(
        tmp_path, "--start-url", server.start_url, "--max-errors", "5", *never_suspend
    )
    assert rc == 0  # the same 5 errors are within a threshold of 5 (and nothing else is new)


@pytest.mark.slow
def test_zero_articles_from_a_site_with_history_fails_when_pages_are_dropped(server, tmp_path):
    assert run_cron(tmp_path, "--start-url", server.start_url)[0] == 0
    server.site.add_articles(3)
    server.site.layout = "no_body"  # article pages lose their text: extraction drops them
    rc, report, _err = run_cron(tmp_path, "--start-url", server.start_url)
    site = report["sites"]["127.0.0.1"]
    assert rc == 1
    assert site["new_articles"] == 0
    assert site["failures"][0].startswith("every new article was dropped")


@pytest.mark.slow
def test_time_bound_stops_the_run_gracefully(server, tmp_path):
    server.site.delay = 0.2
    started = time.monotonic()
    rc, report, _err = run_cron(
        tmp_path, "--start-url", server.start_url, "--max-runtime", "3", "-s", "CONCURRENT_REQUESTS=1"
    )
    assert time.monotonic() - started < 30
    site = report["sites"]["127.0.0.1"]
    assert rc == 1
    assert site["finish_reason"] == "closespider_timeout"
    assert 0 < site["new_articles"] < 40  # what was done before the bound is exported and committed


def test_overlapping_run_is_refused(tmp_path):
    lock = acquire_lock(tmp_path / "state" / "cron.lock")
    try:
        rc, report, err = run_cron(tmp_path, "--start-url", "http://127.0.0.1:9/news/index.html", timeout=30)
    finally:
        lock.close()
    assert (rc, report) == (cron.EXIT_LOCKED, None)
    assert "another run is active" in err


def test_all_targets_every_profile_with_its_expectation():
    args = cron.parse_args(["--all"])
    from newsspider.sites import all_profiles

    targets = cron.targets_from(args)
    assert [t.site for t in targets] == list(all_profiles())
    assert [t.expect_articles for t in targets] == [p.expect_articles for p in all_profiles().values()]
    assert all(t.spider_args == {"site": t.site} for t in targets)


def test_failures_rules():
    args = cron.parse_args(["--all", "--max-errors", "2", "--quiet-days", "7"])
    ok = {"finish_reason": "finished", "requests": 10, "responses_ok": 10, "errors": 0, "new_articles": 0,
          "skipped_seen": 20, "dropped": {}}  # fmt: skip
    assert cron.failures(ok, 0, True, time.time(), args) == []
    assert cron.failures(ok, 0, True, time.time() - 8 * 86400, args) == [
        "no new article for more than 7 days"
    ]
    assert cron.failures({**ok, "skipped_seen": 0}, 0, False, None, args) == []  # not expected to yield
    assert cron.failures(None, -9, True, None, args)[0].startswith("no run report")
    assert cron.failures({**ok, "errors": 3}, 0, False, None, args) == ["3 errors (more than 2)"]


def test_unknown_site_is_a_usage_error(tmp_path, capsys):
    assert cron.main(["--site", "no_such_site", "--state-dir", str(tmp_path / "state")]) == cron.EXIT_USAGE
    assert "unknown site 'no_such_site'" in capsys.readouterr().err
