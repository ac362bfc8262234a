"""Broken transfers: refused, DNS failure, truncated and reset bodies are retried, never exported, never seen."""

from __future__ import annotations

import socket
import sqlite3

import pytest

from newsspider_testing.faultcrawl import run_crawl
from newsspider_testing.faultserver import FaultServer

pytestmark = pytest.mark.slow


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again on exit: connecting is refused


@pytest.fixture(scope="module")
def unreachable(tmp_path_factory):
    """No proxy: a real refused connection on 127.0.0.1 and a real DNS failure for a .invalid name."""
    seeds = [f"http://127.0.0.1:{_closed_port()}/ok/content_1.htm", "http://nx.invalid/ok/content_1.htm"]
    settings = {"ROBOTSTXT_OBEY": False, "RETRY_TIMES": 2, "NEWSSPIDER_BACKOFF_BASE": 0.1}
    return run_crawl(seeds, tmp_path_factory.mktemp("unreachable"), None, settings)


def test_unreachable_hosts_end_cleanly(unreachable):
    assert unreachable.returncode == 0
    assert unreachable.stat("finish_reason") == "finished"
    assert unreachable.items == []


def test_refused_connection_is_retried_then_given_up(unreachable):
    stats = unreachable.stats
    refused = [key for key in stats if key.startswith("retry/reason_count/") and "Refused" in key]
    assert refused and stats[refused[0]] == 2
    assert unreachable.stat("newsspider/backoff/failures/DownloadConnectionRefusedError") == 3


def test_dns_failure_is_retried_then_given_up(unreachable):
    stats = unreachable.stats
    dns = [key for key in stats if key.startswith("retry/reason_count/") and "Resolve" in key]
    assert dns and stats[dns[0]] == 2
    assert unreachable.stat("retry/max_reached") == 2


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    """Truncated and reset bodies next to a good article, with the seen store on."""
    tmp = tmp_path_factory.mktemp("partial")
    seeds = [
        "http://s1.fault.test/truncated/content_1.htm",
        "http://s2.fault.test/reset/content_1.htm",
        "http://s3.fault.test/ok/content_1.htm",
    ]
    settings = {"NEWSSPIDER_STATE_DIR": str(tmp / "state"), "RETRY_TIMES": 2}
    with FaultServer() as server:
        result = run_crawl(seeds, tmp, server.proxy, settings)
        return result, server.state, tmp / "state" / "seen.sqlite3"


def test_partial_bodies_are_retried_within_limits(partial):
    result, state, _ = partial
    assert len(state.times("s1.fault.test", "/truncated/")) == 3
    assert len(state.times("s2.fault.test", "/reset/")) == 3
    assert result.stat("retry/reason_count/scrapy.exceptions.ResponseDataLossError") == 4


def test_partial_bodies_are_never_exported(partial):
    result, *_ = partial
    assert [item["url"] for item in result.items] == ["http://s3.fault.test/ok/content_1.htm"]


def test_partial_bodies_are_never_marked_seen(partial):
    _, _, db = partial
    assert db.exists()
    with sqlite3.connect(db) as conn:
        keys = [row[0] for row in conn.execute("SELECT key FROM seen")]
    assert len(keys) == 1 and "s3.fault.test" in keys[0]
