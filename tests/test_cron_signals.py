"""SIGTERM/SIGINT to the cron parent: forwarded to the crawl, report written, no orphan, lock held."""

from __future__ import annotations

import json
import signal
import subprocess

import pytest

from newsspider.state.store import StateLockedError, acquire_lock
from newsspider_testing import crawlrun, procs
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

pytestmark = pytest.mark.slow

ARTICLES = 60


@pytest.fixture
def server():
    with SiteServer(GeneratedSite(SiteSpec(articles=ARTICLES, page_kb=10, per_page=20))) as running:
        yield running


def cron_command(tmp_path, server, *extra: str) -> list[str]:
    one_at_a_time = {"CONCURRENT_REQUESTS": 1, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}
    report = ("--report", str(tmp_path / "cron-report.json"), "--grace", "20")
    return procs.cron_command(tmp_path, server.start_url, *report, *extra, **one_at_a_time)


def start(tmp_path, command: list[str]) -> subprocess.Popen:
    """The cron parent, in the test's folder, its output piped."""
    return subprocess.Popen(command, cwd=tmp_path, env=crawlrun.project_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


def lock_is_free(tmp_path) -> bool:
    try:
        acquire_lock(tmp_path / "state" / "cron.lock").close()
    except StateLockedError:
        return False
    return True


@pytest.mark.parametrize(("sig", "rc"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_to_the_cron_parent_is_forwarded_and_reported(server, tmp_path, sig, rc):
    server.site.delay = 0.05  # one request at a time: the crawl is still running when the signal comes
    with procs.reaped(start(tmp_path, cron_command(tmp_path, server))) as parent:
        assert crawlrun.wait_until(lambda: server.article_requests() >= 5 or parent.poll() is not None, 60)
        crawl = procs.descendants(parent.pid)  # the scrapy child and its extraction workers
        assert crawl and parent.poll() is None
        assert not lock_is_free(tmp_path)
        parent.send_signal(sig)
        out, err = parent.communicate(timeout=60)
    assert parent.returncode == rc
    assert not [pid for pid in crawl if procs.alive(pid)]  # the parent waited for its crawl: no orphan
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.splitlines() == [
        f"newsspider.cron: stopped by {sig.name}; run report: {tmp_path / 'cron-report.json'}"
    ]
    assert out == ""
    report = json.loads((tmp_path / "cron-report.json").read_text())
    assert (report["exit_code"], report["stopped_by"]) == (rc, sig.name)
    site = report["sites"]["127.0.0.1"]
    assert site["finish_reason"] == "shutdown"  # the crawl itself stopped gracefully, its batch committed
    assert 0 < site["new_articles"] < ARTICLES
    assert lock_is_free(tmp_path)

    server.site.delay = 0
    done = subprocess.run(
        cron_command(tmp_path, server),
        cwd=tmp_path,
        env=crawlrun.project_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 75), done.stderr
    assert "Traceback" not in done.stderr
    urls, torn = crawlrun.read_urls(tmp_path / "output")
    assert (len(urls), len(set(urls)), torn) == (ARTICLES, ARTICLES, 0)


def test_a_signal_before_the_first_crawl_runs_no_crawl(server, tmp_path):
    """Two sites: the signal comes during the first; the second is not started and says so."""
    server.site.delay = 0.05
    second = server.start_url.replace("127.0.0.1", "localhost")
    with procs.reaped(start(tmp_path, cron_command(tmp_path, server, "--start-url", second))) as parent:
        assert crawlrun.wait_until(lambda: server.article_requests() >= 3 or parent.poll() is not None, 60)
        parent.send_signal(signal.SIGTERM)
        _out, err = parent.communicate(timeout=60)
    assert parent.returncode == 143, err
    report = json.loads((tmp_path / "cron-report.json").read_text())
    assert report["sites"]["localhost"]["failures"] == ["not run: the run was stopped by SIGTERM"]
    assert report["failed_sites"] == ["127.0.0.1", "localhost"]
