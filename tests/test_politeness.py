"""Politeness measured on the server: minimum gap and maximum concurrency per host, Crawl-delay, profile vs -s."""

from __future__ import annotations

import itertools

import pytest

from newsspider_testing.faultcrawl import run_crawl
from newsspider_testing.faultserver import FaultServer

pytestmark = pytest.mark.slow

TOLERANCE = 0.05  # seconds: arrival jitter on a loaded 2-core box (connection reuse, thread start)
ARTICLES = "/slow/"


def _gaps(times: list[float]) -> list[float]:
    times = sorted(times)
    return [b - a for a, b in itertools.pairwise(times)]


def _crawl(tmp_path, seeds, *, robots=None, settings=None, profile=None):
    with FaultServer() as server:
        server.state.robots.update(robots or {})
        result = run_crawl(seeds, tmp_path, server.proxy, settings, profile)
        return result, server.state


@pytest.fixture(scope="module")
def generic(tmp_path_factory):
    """p1: plain delay with jitter; p2: robots Crawl-delay 1 under AutoThrottle."""
    seeds = ["http://p1.fault.test/slowlist/5/index.html", "http://p2.fault.test/list/4/index.html"]
    settings = {
        "DOWNLOAD_DELAY": 0.4, "DOWNLOAD_DELAY_JITTER": 0.25, "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0.4, "AUTOTHROTTLE_MAX_DELAY": 5,
    }  # fmt: skip
    robots = {"p2.fault.test": (200, "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n")}
    return _crawl(tmp_path_factory.mktemp("generic"), seeds, robots=robots, settings=settings)


def test_generic_crawl_exports_everything(generic):
    result, _ = generic
    assert result.returncode == 0
    assert len(result.items) == 9


def test_minimum_gap_per_host_respects_delay_and_jitter(generic):
    _, state = generic
    gaps = _gaps(state.times("p1.fault.test"))
    assert len(gaps) >= 6
    assert min(gaps) >= 0.4 * (1 - 0.25) - TOLERANCE, gaps


def test_one_request_at_a_time_per_host(generic):
    """Articles on p1 take 0.2 s each, so a second connection would overlap and show here."""
    _, state = generic
    assert state.max_active["p1.fault.test"] == 1
    assert state.max_active["p2.fault.test"] == 1


def test_robots_crawl_delay_is_a_floor_even_under_autothrottle(generic):
    result, state = generic
    gaps = _gaps(state.times("p2.fault.test", "/ok/") + state.times("p2.fault.test", "/list/"))
    assert len(gaps) >= 4
    assert min(gaps) >= 1.0 - TOLERANCE, gaps
    assert result.stat("newsspider/robots/crawl_delay_applied") == 1


def test_hosts_are_crawled_in_parallel(generic):
    """Politeness is per host: p1's requests happen while p2 waits out its Crawl-delay."""
    _, state = generic
    p1, p2 = state.times("p1.fault.test", ARTICLES), state.times("p2.fault.test", "/ok/")
    assert min(p1) < max(p2) and min(p2) < max(p1)


PROFILE_SEEDS = ["http://prof.fault.test/slowlist/6/index.html"]


def test_profile_concurrency_applies(tmp_path):
    profile = {"id": "fault_profile", "politeness": {"delay": 0.0, "concurrency": 2}}
    result, state = _crawl(tmp_path, PROFILE_SEEDS, settings={"DOWNLOAD_DELAY_JITTER": 0}, profile=profile)
    assert len(result.items) == 6
    assert state.max_active["prof.fault.test"] == 2


def test_profile_delay_applies(tmp_path):
    profile = {"id": "fault_profile", "politeness": {"delay": 0.35, "concurrency": 1}}
    result, state = _crawl(tmp_path, PROFILE_SEEDS, settings={"DOWNLOAD_DELAY_JITTER": 0}, profile=profile)
    assert len(result.items) == 6
    assert min(_gaps(state.times("prof.fault.test", ARTICLES))) >= 0.35 - TOLERANCE


def test_command_line_beats_profile(tmp_path):
    profile = {"id": "fault_profile", "politeness": {"delay": 0.0, "concurrency": 2}}
    settings = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 0.3, "DOWNLOAD_DELAY_JITTER": 0}
    result, state = _crawl(tmp_path, PROFILE_SEEDS, settings=settings, profile=profile)
    assert len(result.items) == 6
    assert state.max_active["prof.fault.test"] == 1
    assert min(_gaps(state.times("prof.fault.test", ARTICLES))) >= 0.3 - TOLERANCE


def test_zero_delay_still_limits_concurrency(tmp_path):
    """Scrapy 2.19 alone sends a whole slot queue at once when the delay is 0 (see SlotGuard)."""
    settings = {"DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}
    result, state = _crawl(tmp_path, PROFILE_SEEDS, settings=settings)
    assert len(result.items) == 6
    assert state.max_active["prof.fault.test"] == 1
