"""Real workers on a real Redis: 3 workers on a 30-host site export every article exactly once, a SIGKILLed
worker's leases come back within the run, a lost Redis fails loudly, and per-host gaps hold across workers."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest
import redis

from newsspider.frontier.leases import namespace
from newsspider.state.pgstore import PgSeenStore
from newsspider_testing import crawlrun
from newsspider_testing.multisite import MultiSite
from newsspider_testing.servers import PostgresServer, RedisServer
from newsspider_testing.workers import log_tail, run_workers

pytestmark = pytest.mark.slow

HOSTS, PER_HOST = 30, 10  # 300 articles here; benchmarks/scaleout.py runs 30 x 100


@pytest.fixture(scope="module")
def redis_server():
    with RedisServer() as server:
        yield server


def assert_exactly_once(site: MultiSite, workdir, note: str) -> None:
    audit = crawlrun.audit(workdir / "output", site.article_urls())
    assert audit.duplicates == 0, note
    assert audit.torn == 0, note
    assert not audit.unexpected, note
    assert not audit.missing, f"{len(audit.missing)} missing, e.g. {audit.missing[:3]}\n{note}"


def test_three_workers_export_every_article_once(redis_server, tmp_path):
    with MultiSite(HOSTS, PER_HOST) as site:
        result = run_workers(site, tmp_path, redis_server.url, "run1", workers=3)
        note = log_tail(tmp_path, "run1")
        assert result.codes == {"w1": 0, "w2": 0, "w3": 0}, note
        assert_exactly_once(site, tmp_path, note)
        assert site.article_requests() == HOSTS * PER_HOST  # the shared filter: each article fetched once
        assert sum(server.listing_requests() for server in site.servers) == HOSTS  # seeded once, not 3 times
        assert result.total("new_articles") == HOSTS * PER_HOST
        batches = {path.name.split("-")[1] for path in crawlrun.final_files(tmp_path / "output")}
        assert batches <= {"w1", "w2", "w3"}  # the worker id is in every batch file name
        again = run_workers(site, tmp_path, redis_server.url, "run2", workers=3)  # a fresh queue
        assert again.codes == {"w1": 0, "w2": 0, "w3": 0}
        assert again.total("new_articles") == 0
        assert site.article_requests() == HOSTS * PER_HOST  # nothing fetched twice
        assert sum(server.listing_requests() for server in site.servers) == 2 * HOSTS


@pytest.mark.parametrize("run", range(5))
def test_a_killed_worker_loses_nothing(redis_server, tmp_path, run):
    """One of 3 workers SIGKILLed at a random moment while it holds leases: every one of them is requeued and
    fetched again in the same run, which then holds every article exactly once; the next run adds nothing."""
    rng = random.Random(run)
    with MultiSite(HOSTS, PER_HOST) as site:
        kill_after = rng.randint(10, HOSTS * PER_HOST // 2)
        result = run_workers(site, tmp_path, redis_server.url, f"kill{run}", workers=3, kill_after=kill_after)
        note = f"killed {result.killed} after {kill_after} articles\n" + log_tail(tmp_path, f"kill{run}")
        survivors = {name: code for name, code in result.codes.items() if name != result.killed}
        assert set(survivors.values()) == {0}, note
        assert result.held_at_kill >= 1, note
        assert result.frontier("requeued") == result.held_at_kill, note  # all of them, within this run
        assert_exactly_once(site, tmp_path, note)  # complete before the next run
        after = run_workers(site, tmp_path, redis_server.url, f"next{run}", workers=3)
        assert set(after.codes.values()) == {0}
        assert after.total("new_articles") == 0
        assert_exactly_once(site, tmp_path, note)


def test_a_worker_frozen_past_its_ttl_is_fenced_and_nothing_is_exported_twice(redis_server, tmp_path):
    """SIGSTOP a worker holding leases until the others requeue them, then SIGCONT it: it finds itself reaped,
    stores nothing more and exits 1 with one clear line; the others' output holds every article exactly once."""
    with MultiSite(HOSTS, PER_HOST) as site:
        result = run_workers(site, tmp_path, redis_server.url, "stall", workers=3, kill_after=40, stall=True)
        note = f"stalled {result.killed}\n" + log_tail(tmp_path, "stall")
        survivors = {name: code for name, code in result.codes.items() if name != result.killed}
        assert set(survivors.values()) == {0}, note
        assert result.codes[result.killed] == 1, note
        assert f"worker {result.killed} was taken for dead" in log_tail(tmp_path, "stall", lines=400), note
        assert result.frontier("requeued") >= 1, note
        assert_exactly_once(site, tmp_path, note)


def test_workers_share_a_postgres_seen_store_through_a_kill(redis_server, tmp_path):
    """The same, with the seen store in PostgreSQL: a worker killed, then the next run; PostgreSQL has it all."""
    with PostgresServer() as postgres, MultiSite(HOSTS, PER_HOST // 2) as site:
        store = {"NEWSSPIDER_SEEN_STORE": postgres.url}
        result = run_workers(site, tmp_path, redis_server.url, "pg1", workers=3, kill_after=40, **store)
        note = f"killed {result.killed}\n" + log_tail(tmp_path, "pg1")
        assert result.frontier("requeued") == result.held_at_kill >= 1, note
        assert_exactly_once(site, tmp_path, note)
        after = run_workers(site, tmp_path, redis_server.url, "pg2", workers=3, **store)
        assert set(after.codes.values()) == {0}, log_tail(tmp_path, "pg2")
        assert_exactly_once(site, tmp_path, note)
        assert not (tmp_path / "state" / "seen.sqlite3").exists()  # nothing went to SQLite
        with PgSeenStore(postgres.url) as seen:
            assert seen.seen_count() == len(site.article_urls())
            assert seen.pending_batches() == []


def test_drop_retries_and_revisits_are_queued_once_per_run_however_many_workers(redis_server, tmp_path):
    """Each worker finds the same due retries and revisits in the shared store: one request each in the run,
    so a fixed article and a changed one are exported once, not once per worker."""
    revisits = {"NEWSSPIDER_REVISIT_DAYS": "30", "NEWSSPIDER_REVISIT_HOURS": "0"}
    with MultiSite(3, 10) as site:
        server = site.servers[0]
        empty = [server.site.article_path(n) for n in (2, 5)]
        server.site.empty.update(empty)
        first = run_workers(site, tmp_path, redis_server.url, "due1", workers=3, **revisits)
        assert set(first.codes.values()) == {0}, log_tail(tmp_path, "due1")
        assert first.total("new_articles") == 28
        server.site.empty.clear()
        for number in (1, 3, 7):
            server.site.corrections[number] = "<更正>本文第二段的数字有误，现已更正。"
        before = site.article_requests()
        again = run_workers(site, tmp_path, redis_server.url, "due2", workers=3, **revisits)
        assert set(again.codes.values()) == {0}, log_tail(tmp_path, "due2")
        assert site.article_requests() - before == 30  # 28 revisits + 2 retries, each fetched once
        lines = [json.loads(line) for path in crawlrun.final_files(tmp_path / "output")
                 for line in path.read_text("utf-8").splitlines()]  # fmt: skip
        versions = Counter((line["url"], line.get("version", 1)) for line in lines)
        assert set(versions.values()) == {1}, versions.most_common(3)
        assert len(versions) == 30 + 3
        assert {server.base + path for path in empty} <= {url for url, _ in versions}


def test_per_host_gaps_hold_across_workers(redis_server, tmp_path):
    """DOWNLOAD_DELAY=0.4 s: 3 workers share each host's token, so no host sees two requests closer."""
    with MultiSite(4, 6) as site:
        result = run_workers(site, tmp_path, redis_server.url, "polite", workers=3, DOWNLOAD_DELAY="0.4",
                             RANDOMIZE_DOWNLOAD_DELAY="False", CONCURRENT_REQUESTS_PER_DOMAIN="1")  # fmt: skip
        assert set(result.codes.values()) == {0}, log_tail(tmp_path, "polite")
        assert_exactly_once(site, tmp_path, "")
        gaps = site.min_gaps()
        assert min(gaps.values()) >= 0.4, gaps
        assert result.frontier("host_token_waits") > 0  # the workers did contend for hosts


def test_redis_lost_mid_run_fails_loudly_and_the_next_run_completes(tmp_path):
    with RedisServer() as server, MultiSite(3, 30) as site:
        site.servers[0].site.hold()  # keep downloads in flight while Redis goes away
        processes = run_in_background(site, tmp_path, server.url)
        client = redis.Redis.from_url(server.url)
        workers = namespace("news", "generic", "lost") + ":workers"
        crawlrun.wait_until(lambda: client.scard(workers) == 2 and site.servers[0].site.held >= 1, timeout=60)
        client.close()
        server.restart()  # empty again: the run's queue is gone
        site.servers[0].site.release()
        codes = {name: process.wait(timeout=120) for name, process in processes.items()}
        logs = log_tail(tmp_path, "lost", lines=200)
        assert set(codes.values()) == {1}, logs
        # Whichever a worker saw first: the refused connection of the restart, or the emptied Redis.
        assert "unreachable" in logs or "lost this run's queue" in logs
        assert "Closing spider (frontier_lost)" in logs
        after = run_workers(site, tmp_path, server.url, "after", workers=2)
        assert set(after.codes.values()) == {0}, log_tail(tmp_path, "after")
        assert_exactly_once(site, tmp_path, logs)


def run_in_background(site: MultiSite, workdir, frontier: str) -> dict:
    from newsspider_testing.workers import worker_commands

    (workdir / "logs").mkdir(parents=True, exist_ok=True)
    return {
        name: crawlrun.start(command, workdir / "logs" / f"lost-{name}.log")
        for name, command in worker_commands(site, workdir, frontier, "lost", 2).items()
    }
