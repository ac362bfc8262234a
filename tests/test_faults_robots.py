"""robots.txt faults: 404/403 allow, 5xx/429/timeout defer the host, Disallow obeyed, a huge Crawl-delay defers."""

from __future__ import annotations

import pytest

from newsspider.extensions.runreport import site_report
from newsspider_testing.faultcrawl import run_crawl
from newsspider_testing.faultserver import FaultServer

pytestmark = pytest.mark.slow

ROBOTS = {
    "r403.fault.test": (403, "forbidden"),
    "r500.fault.test": (500, "oops"),
    "r429.fault.test": (429, "slow down"),
    "rhang.fault.test": (0, ""),  # never answers
    "rdis.fault.test": (200, "User-agent: *\nDisallow: /ok/\n"),
    "rcd.fault.test": (200, "User-agent: *\nCrawl-delay: 100\n"),
    "rredir.fault.test": (302, "http://evil.fault.test/robots.txt"),  # redirected off the allowed hosts
}
HOSTS = ("r404.fault.test", *ROBOTS)
ALLOWING, DEFERRING = (
    ("r404.fault.test", "r403.fault.test"),
    ("r500.fault.test", "r429.fault.test", "rhang.fault.test"),
)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    seeds = [f"http://{host}/list/2/index.html" for host in HOSTS]
    settings = {"DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 1, "NEWSSPIDER_BACKOFF_BASE": 0.1}
    with FaultServer() as server:
        server.state.robots.update(ROBOTS)
        result = run_crawl(seeds, tmp_path_factory.mktemp("robots"), server.proxy, settings)
        return result, server.state


def _exported(result, host: str) -> int:
    return sum(1 for item in result.items if f"//{host}/" in item["url"])


def test_crawl_finishes(crawl):
    result, _ = crawl
    assert result.returncode == 0
    assert result.stat("finish_reason") == "finished"


@pytest.mark.parametrize("host", ALLOWING)
def test_robots_4xx_allows_everything(crawl, host):
    result, _ = crawl
    assert _exported(result, host) == 2
    status = host[1:4]
    assert result.stat(f"newsspider/robots/allowed_by_status/{status}") == 1


@pytest.mark.parametrize("host", DEFERRING)
def test_unavailable_robots_defers_the_host(crawl, host):
    result, state = crawl
    assert state.times(host, "/robots.txt"), "robots.txt was never asked for"
    assert not state.times(host, "/list/") and not state.times(host, "/ok/")
    assert _exported(result, host) == 0
    assert result.stat(f"newsspider/host/{host}/robots_deferred", None) is not None


def test_unavailable_robots_is_retried_with_backoff(crawl):
    _, state = crawl
    times = state.times("r500.fault.test", "/robots.txt")
    assert len(times) == 2  # RETRY_TIMES=1
    assert times[1] - times[0] >= 0.05 - 0.02  # exponential backoff, base 0.1 jittered down to half


def test_deferrals_are_counted(crawl):
    result, _ = crawl
    assert result.stat("newsspider/robots/deferred_hosts") == 4  # 500, 429, timeout, Crawl-delay 100
    assert result.stat("newsspider/robots/deferred_requests") == 4  # each host's seed listing
    assert result.stat("newsspider/host/rhang.fault.test/robots_deferred") == "DownloadTimeoutError"


def test_disallow_is_obeyed(crawl):
    result, state = crawl
    assert state.times("rdis.fault.test", "/list/")
    assert not state.times("rdis.fault.test", "/ok/")
    assert result.stat("robotstxt/forbidden") == 2


def test_crawl_delay_over_the_cap_defers_the_host(crawl):
    result, state = crawl
    assert not state.times("rcd.fault.test", "/list/")
    assert result.stat("newsspider/robots/crawl_delay_over_cap") == 1
    assert result.stat("newsspider/robots/crawl_delay_max") == 100


def test_robots_redirect_off_site_is_not_followed_and_counts_as_unavailable(crawl):
    """RFC 9309: an unreachable redirect target is "unavailable" (like 4xx): crawl allowed, evil host untouched."""
    result, state = crawl
    assert not [hit for hit in state.hits if hit.host == "evil.fault.test"]
    assert _exported(result, "rredir.fault.test") == 2
    assert result.stat("newsspider/robots/allowed_by_status/ignored") == 1
    # The robots redirect, and the listing's link to evil.fault.test (SafetyMiddleware is the only offsite check).
    assert result.stat("newsspider/safety/offsite") == 2


def test_robots_forbidden_urls_are_not_download_errors(crawl):
    """Forbidden (Disallow) and deferred-host requests are IgnoreRequest: the run report leaves them out."""
    result, _ = crawl
    stats = {key: value for key, value in result.stats.items() if isinstance(value, int)}
    ignored = stats["downloader/exception_type_count/scrapy.exceptions.IgnoreRequest"]
    assert ignored >= result.stat("robotstxt/forbidden") == 2
    timeouts = sum(value for key, value in stats.items() if key.startswith("downloader/exception_type_count/")
                   and "Timeout" in key)  # fmt: skip
    assert site_report(stats, "any")["download_errors"] == timeouts  # only rhang's robots.txt timeouts
