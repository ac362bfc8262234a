"""Backoff under fire: Retry-After (seconds and HTTP date), exponential backoff, host suspension, other hosts go on."""

from __future__ import annotations

import itertools

import pytest

from newsspider.middlewares.backoff import exponential_wait, retry_after_seconds
from newsspider_testing.faultcrawl import run_crawl
from newsspider_testing.faultserver import FaultServer

pytestmark = pytest.mark.slow

TOLERANCE = 0.05  # seconds: arrival jitter on a loaded 2-core box
BASE = 0.4
SEEDS = {
    "retry_after": "http://b1.fault.test/flaky/429/1/2/content_1.htm",
    "http_date": "http://b2.fault.test/flaky/503/1/date2/content_1.htm",
    "exponential": "http://b3.fault.test/flaky/500/2/none/content_1.htm",
    "suspended": "http://b4.fault.test/faillist/6/index.html",
    "healthy": "http://b5.fault.test/list/4/index.html",
    "over_cap": "http://b6.fault.test/flaky/429/1/100/content_1.htm",
    "no_header_429": "http://b7.fault.test/flaky/429/1/none/content_1.htm",
}


def _gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in itertools.pairwise(times)]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    settings = {
        "NEWSSPIDER_BACKOFF_BASE": BASE, "NEWSSPIDER_BACKOFF_MAX": 5, "NEWSSPIDER_HOST_MAX_FAILURES": 3,
        "NEWSSPIDER_RETRY_AFTER_MAX": 5, "RETRY_TIMES": 2,
    }  # fmt: skip
    with FaultServer() as server:
        result = run_crawl(list(SEEDS.values()), tmp_path_factory.mktemp("backoff"), server.proxy, settings)
        return result, server.state, {item["url"] for item in result.items}


def _times(state, name: str) -> list[float]:
    host = SEEDS[name].split("/")[2]
    return state.times(host, "/" + SEEDS[name].split("/", 3)[3])


def test_crawl_finishes(crawl):
    result, *_ = crawl
    assert result.returncode == 0
    assert result.stat("finish_reason") == "finished"


def test_retry_after_seconds_is_waited_out(crawl):
    _result, state, urls = crawl
    times = _times(state, "retry_after")
    assert len(times) == 2
    assert times[1] - times[0] >= 2.0 - TOLERANCE
    assert SEEDS["retry_after"] in urls


def test_retry_after_http_date_is_waited_out(crawl):
    """The date has 1-second resolution: "now + 2 s" rounds down to at least 1 s of waiting."""
    _, state, urls = crawl
    times = _times(state, "http_date")
    assert len(times) == 2
    assert times[1] - times[0] >= 1.0 - TOLERANCE
    assert SEEDS["http_date"] in urls


def test_other_errors_back_off_exponentially(crawl):
    _, state, urls = crawl
    gaps = _gaps(_times(state, "exponential"))
    assert len(gaps) == 2
    assert gaps[0] >= BASE / 2 - TOLERANCE  # failure 1: U(base/2, base)
    assert gaps[1] >= BASE - TOLERANCE  # failure 2: U(base, 2 base)
    assert SEEDS["exponential"] in urls


def test_429_without_retry_after_backs_off_too(crawl):
    _, state, urls = crawl
    gaps = _gaps(_times(state, "no_header_429"))
    assert len(gaps) == 1 and gaps[0] >= BASE / 2 - TOLERANCE
    assert SEEDS["no_header_429"] in urls


def test_failing_host_is_suspended_after_n_failures(crawl):
    result, state, urls = crawl
    failed = state.times("b4.fault.test", "/status/")
    assert len(failed) == 3  # HOST_MAX_FAILURES: nothing more is sent to b4
    assert result.stat("newsspider/backoff/suspended/max_failures") == 1
    assert result.stat("newsspider/host/b4.fault.test/suspended") == "max_failures"
    assert result.stat("newsspider/backoff/skipped_suspended") >= 1
    assert not [url for url in urls if "b4.fault.test" in url]


def test_retry_after_over_cap_suspends_instead_of_hammering(crawl):
    result, state, urls = crawl
    assert len(_times(state, "over_cap")) == 1
    assert result.stat("newsspider/backoff/suspended/retry_after_over_cap") == 1
    assert SEEDS["over_cap"] not in urls


def test_healthy_host_keeps_crawling_meanwhile(crawl):
    _, state, urls = crawl
    assert len([url for url in urls if "b5.fault.test" in url]) == 4
    healthy = state.times("b5.fault.test", "/ok/")
    waiting = _times(state, "retry_after")
    assert any(waiting[0] < t < waiting[1] for t in healthy)  # b5 fetched while b1 waited out its Retry-After


def test_backoff_stats_for_the_run_report(crawl):
    result, *_ = crawl
    assert result.stat("newsspider/backoff/retry_after_honoured") == 2
    assert result.stat("newsspider/backoff/exponential") >= 3
    assert result.stat("newsspider/backoff/hosts_suspended") == 2
    assert result.stat("newsspider/backoff/max_wait_seconds") >= 2.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [(b"5", 5.0), (b" 120 ", 120.0), (b"", None), (None, None), (b"soon", None), (b"-3", None)],
)
def test_retry_after_values(value, expected):
    assert retry_after_seconds(value) == expected


def test_retry_after_http_date_in_the_past_means_now():
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_exponential_wait_is_jittered_and_capped():
    waits = [exponential_wait(n, 2.0, 60.0) for n in range(1, 12) for _ in range(20)]
    assert all(1.0 <= w <= 60.0 for w in waits)
    assert max(exponential_wait(10, 2.0, 60.0) for _ in range(50)) <= 60.0
    assert len({round(exponential_wait(3, 2.0, 60.0), 6) for _ in range(20)}) > 1  # jitter
