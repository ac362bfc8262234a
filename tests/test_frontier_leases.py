"""Frontier on a real redis-server: leases, holds, acks, requeue of dead workers, lost Redis, host tokens."""

from __future__ import annotations

import asyncio
import time

import pytest
import redis
from scrapy import Request, Spider

from newsspider.frontier.leasebook import LeaseBook
from newsspider.frontier.leases import Frontier, FrontierFencedError, FrontierLostError, namespace
from newsspider.frontier.politeness import HostToken
from newsspider.frontier.scheduler import LeaseQueue, RunDupeFilter, run_filtered
from newsspider.requestmeta import KEY, KIND
from newsspider_testing.crawlrun import wait_until
from newsspider_testing.servers import RedisServer


@pytest.fixture(scope="module")
def redis_server():
    with RedisServer() as server:
        yield server


@pytest.fixture
def client(redis_server):
    connection = redis.Redis.from_url(redis_server.url)
    connection.flushall()
    yield connection
    connection.close()


def book_with_two_leases(client, first: str, second: str) -> tuple[Frontier, LeaseBook]:
    """Worker ``a`` with a LeaseBook holding two leased requests, ids ``first`` and ``second``."""
    a = worker(client, "a")
    book = LeaseBook(a)
    for data in (first.encode(), second.encode()):
        a.push(data)
    book.leased(first, a.lease())
    book.leased(second, a.lease())
    return a, book


def worker(client, name: str, ttl: float = 30.0, run: str = "r1") -> Frontier:
    frontier = Frontier(client, namespace("news", "site", run), name, ttl)
    frontier.open()
    return frontier


def test_lease_moves_to_the_worker_list_and_ack_removes_it(client):
    a = worker(client, "a")
    for data in (b"1", b"2", b"3"):
        a.push(data)
    assert [a.lease(), a.lease()] == [b"1", b"2"]  # first in, first out
    assert client.lrange(a.lease_key("a"), 0, -1) == [b"2", b"1"]
    assert a.queued() == 1
    assert a.ack(b"1", held=False) is True
    assert client.lrange(a.lease_key("a"), 0, -1) == [b"2"]


def test_hold_moves_between_lists_and_ack_of_held(client):
    a = worker(client, "a")
    a.push(b"x")
    a.hold(a.lease())
    assert client.llen(a.lease_key("a")) == 0
    assert client.lrange(a.held_key("a"), 0, -1) == [b"x"]
    assert a.ack(b"x", held=True) is True
    assert client.llen(a.held_key("a")) == 0


def test_dead_worker_leases_and_holds_are_requeued_once(client):
    a, b, c = worker(client, "a", ttl=0.2), worker(client, "b"), worker(client, "c")
    for data in (b"1", b"2", b"3"):
        a.push(data)
    a.lease()
    a.hold(a.lease())
    assert b.reap() == 0  # a is alive
    assert wait_until(lambda: not client.exists(a.key("alive", "a")), timeout=5)
    settled = []
    assert b.reap(settled.append) == 2
    assert settled == ["a"]
    assert c.reap() == 0  # nothing left to move twice
    assert b.queued() == 3
    assert b.requeued_total() == 2
    assert sorted(client.lrange(b.queue, 0, -1)) == [b"1", b"2", b"3"]
    assert a.ack(b"1", held=False) is False  # the dead (or frozen) worker's late ack finds nothing
    assert "a" not in {w.decode() for w in client.smembers(b.key("workers"))}


def test_pending_counts_queue_leases_anywhere_and_the_holds_of_others(client):
    a, b = worker(client, "a", ttl=0.2), worker(client, "b")
    assert b.pending() is False
    a.push(b"x")
    assert b.pending() is True
    data = a.lease()
    assert b.pending() is True  # a's listing may add requests
    a.hold(data)
    a.heartbeat()
    assert b.pending() is True  # a's article waits for its batch: a drained a flushes it, a dead a is reaped
    assert a.pending() is False  # a's own held list does not keep a open: its close stores the batch
    assert a.ack(data, held=True)
    assert b.pending() is False


def test_a_dead_holder_keeps_the_others_until_its_requests_are_requeued(client):
    a, b = worker(client, "a", ttl=0.2), worker(client, "b")
    a.push(b"x")
    a.hold(a.lease())
    assert wait_until(lambda: not client.exists(a.key("alive", "a")), timeout=5)
    assert b.pending() is True
    assert b.reap() == 1
    assert b.pending() is True  # queued again
    b.ack(b.lease(), held=False)
    assert b.pending() is False


def test_lease_book_is_drained_when_only_batches_are_awaited(client):
    _, book = book_with_two_leases(client, "1", "2")
    assert not book.drained()  # nothing awaits a batch yet
    book.item_started("1")
    book.finished("1")
    book.item_finished("1", "http://h/1.htm")
    assert not book.drained()  # "2" is still in flight
    book.finished("2")
    assert book.drained()
    book.durable({"http://h/1.htm"})
    assert not book.drained() and book.acked == 2


def test_leave_hands_open_leases_back(client):
    a, b = worker(client, "a"), worker(client, "b")
    a.push(b"x")
    a.lease()
    assert a.leave() == 1
    assert b.reap() == 1  # no wait for the TTL: a left
    assert a.queued() == 1


def test_a_finished_run_stays_finished_for_late_workers(client):
    a, b = worker(client, "a"), worker(client, "b")
    client.sadd(a.key("dupefilter"), "fp")
    assert a.leave() == 0 and b.leave() == 0
    assert client.exists(a.key("dupefilter")) and client.exists(a.key("run"))
    assert 0 < client.ttl(a.key("run")) <= 2 * 86400  # kept only until the run's keys expire
    late = Frontier(client, namespace("news", "site", "r1"), "c", 30.0)
    assert late.open() is False  # the run exists: the late worker does not seed it again
    assert late.pending() is False


def test_runs_have_separate_queues(client):
    old, new = worker(client, "a", run="r1"), worker(client, "a", run="r2")
    old.push(b"x")
    assert new.queued() == 0
    assert new.lease() is None


def test_flushed_redis_is_a_lost_frontier(client):
    a = worker(client, "a")
    client.flushall()  # what a restart without persistence leaves
    with pytest.raises(FrontierLostError, match="lost this run's queue"):
        a.heartbeat()
    with pytest.raises(FrontierLostError, match="lost this run's queue"):
        a.pending()  # an emptied Redis never looks like a finished run


def test_unreachable_redis_raises_one_clear_error():
    server = RedisServer().start()
    frontier = worker(redis.Redis.from_url(server.url, socket_connect_timeout=2), "a")
    server.close()
    with pytest.raises(FrontierLostError, match=f"frontier Redis 127.0.0.1:{server.port}/0 unreachable"):
        frontier.lease()


def test_lease_book_acks_only_when_done_and_durable(client):
    a, book = book_with_two_leases(client, "L", "A")
    book.finished("L")  # a listing: no items, acked at once
    assert book.acked == 1
    book.item_started("A")
    book.finished("A")
    assert client.lrange(a.held_key("a"), 0, -1) == [b"A"]  # done, item in the pipelines
    book.item_finished("A", "http://h/1.htm")
    assert book.acked == 1  # exported but its batch is not durable yet
    book.durable({"http://h/1.htm"})
    assert book.acked == 2
    assert client.llen(a.held_key("a")) == client.llen(a.lease_key("a")) == 0


def test_lease_book_acks_a_dropped_item(client):
    a = worker(client, "a")
    book = LeaseBook(a)
    a.push(b"x")
    book.leased("X", a.lease())
    book.item_started("X")
    book.item_finished("X", None)
    book.finished("X")
    assert book.acked == 1


@pytest.mark.parametrize(
    ("dont_filter", "meta", "filtered"),
    [
        (False, {}, True),  # an article or any plain request
        (True, {KIND: "listing"}, True),  # a listing, first attempt: once per run across workers
        (True, {KIND: "listing", "retry_times": 1}, False),  # its retry passes
        (True, {KIND: "listing", "redirect_times": 1}, False),  # its redirect target passes
        (True, {KIND: "article"}, True),  # a revisit or drop retry: once per run, whichever worker queued it
        (True, {KIND: "article", "retry_times": 1}, False),  # its retry after a failed download passes
        (True, {}, False),
    ],
)
def test_run_filter_rules(dont_filter, meta, filtered):
    assert run_filtered(Request("http://h/x", dont_filter=dont_filter, meta=meta)) is filtered


def test_dupefilter_keys_articles_by_identity(client):
    dupefilter = RunDupeFilter(client, key="t:dupefilter")
    first = Request("http://h/a.htm?from=list1", meta={KIND: "article", KEY: "h/a"})
    second = Request("http://h/a.htm?from=list2", meta={KIND: "article", KEY: "h/a"})
    assert dupefilter.request_seen(first) is False
    assert dupefilter.request_seen(second) is True
    assert dupefilter.request_seen(Request("http://h/index.html")) is False


def test_host_token_keeps_the_delay_after_a_download_ends(client):
    tokens = HostToken(client, hold_seconds=30)

    async def scenario() -> float:
        token, _ = await tokens.acquire("h")
        other = asyncio.ensure_future(tokens.acquire("h"))
        await asyncio.sleep(0)  # let the other worker start waiting
        assert not other.done()
        released = time.monotonic()
        tokens.release("h", token, 0.3)
        await other
        return time.monotonic() - released

    assert asyncio.run(scenario()) >= 0.3 - 0.002  # PX has 1 ms resolution


def test_host_token_release_by_a_stranger_is_ignored(client):
    tokens = HostToken(client, hold_seconds=30)
    token, _ = asyncio.run(tokens.acquire("h"))
    tokens.release("h", "not-the-holder", 0)
    assert client.get(HostToken.key("h")) == token.encode()


def reaped(client) -> tuple[Frontier, Frontier]:
    """Worker ``a`` leased ``x`` and died (TTL 0.2 s); worker ``b`` reaped it."""
    a, b = worker(client, "a", ttl=0.2), worker(client, "b")
    a.push(b"x")
    a.lease()
    assert wait_until(lambda: not client.exists(a.key("alive", "a")), timeout=5)
    assert b.reap() == 1
    return a, b


def test_a_reaped_worker_is_fenced_off_storing_and_heartbeating(client):
    a, _ = reaped(client)
    with pytest.raises(FrontierFencedError, match="worker a was taken for dead"):
        a.begin_store()  # its batch would export what b fetches again
    with pytest.raises(FrontierFencedError):
        a.heartbeat()
    again = worker(client, "a")  # a new process with the same worker id joins the run afresh
    again.begin_store()
    again.end_store()


def test_a_worker_mid_store_is_not_reaped_until_its_commit(client):
    a, b = worker(client, "a", ttl=0.2), worker(client, "b")
    a.push(b"x")
    a.lease()
    a.begin_store()  # renamed, not yet committed
    assert wait_until(lambda: not client.exists(a.key("alive", "a")), timeout=5)
    assert b.reap() == 0  # settling now would discard a batch that is about to be committed
    a.end_store()
    assert not client.exists(a.fence_key("a"))
    assert b.reap() == 1


def test_nested_stores_keep_the_fence_till_the_last_commit(client):
    a = worker(client, "a")
    a.begin_store()
    a.begin_store()
    a.end_store()
    assert client.get(a.fence_key("a")) == b"storing"
    a.end_store()
    assert not client.exists(a.fence_key("a"))


def test_a_reaped_worker_leases_nothing_more(client):
    """The fence test and LMOVE are one script: a request taken after the reap would be requeued by no one."""
    a, b = reaped(client)
    with pytest.raises(FrontierFencedError):
        a.lease()
    assert b.queued() == 1  # still there for b


def test_holding_a_requeued_lease_holds_nothing_and_counts_it_lost(client):
    a, b = worker(client, "a", ttl=0.2), worker(client, "b")
    book = LeaseBook(a)
    a.push(b"x")
    book.leased("X", a.lease())
    assert wait_until(lambda: not client.exists(a.key("alive", "a")), timeout=5)
    assert b.reap() == 1
    book.item_started("X")
    book.finished("X")  # done with an item still in the pipelines: it would be held
    assert client.llen(a.held_key("a")) == 0  # no phantom entry that no one counts or requeues
    assert (book.lost, book.leases) == (1, {})


def test_a_redirected_article_is_not_filtered_as_the_request_it_replaces(client):
    dupefilter = RunDupeFilter(client, key="t:dupefilter")
    meta = {KIND: "article", KEY: "h/a"}
    assert dupefilter.request_seen(Request("http://h/a.htm", meta=meta)) is False
    target = Request("http://h/2024/a.htm", meta={**meta, "redirect_times": 1})
    assert dupefilter.request_seen(target) is False  # keyed by its URL, like Scrapy's own filter
    assert dupefilter.request_seen(target.replace()) is True


def test_push_new_queues_once_and_never_leaves_a_fingerprint_without_its_request(client):
    """Filter and queue are one step: a failed push leaves no fingerprint (the link can be queued again)."""
    a = worker(client, "a")
    filter_key = a.key("dupefilter")
    assert a.push_new(filter_key, "fp1", b"one") is True
    assert a.push_new(filter_key, "fp1", b"one again") is False
    assert client.lrange(a.queue, 0, -1) == [b"one"]
    client.delete(a.queue)
    client.set(a.queue, "not a list")  # the push fails inside the script
    with pytest.raises(redis.exceptions.ResponseError):
        a.push_new(filter_key, "fp2", b"two")
    assert not client.sismember(filter_key, "fp2")


def test_the_queue_filters_and_pushes_a_link_in_one_step(client):
    a = worker(client, "a")
    queue, dupefilter = LeaseQueue(a, Spider("news")), RunDupeFilter(client, key=a.key("dupefilter"))
    link = Request("http://h/a.htm", meta={KIND: "article", KEY: "h/a"})
    client.set(a.queue, "not a list")
    with pytest.raises(redis.exceptions.ResponseError):
        queue.push(link, dupefilter)
    assert client.scard(dupefilter.key) == 0  # nothing filters the link when its listing is fetched again
    client.delete(a.queue)
    assert queue.push(link, dupefilter) is True
    assert queue.push(Request("http://h/a.htm?from=2", meta=link.meta), dupefilter) is False
    assert queue.push(link) is True  # unfiltered (dont_filter): queued again
    assert len(queue) == 2


def test_a_reap_cut_short_is_finished_by_the_next_reaper(client):
    """A reaper killed after fencing a dead worker: the next one still moves every lease back."""
    a, b = worker(client, "a", ttl=0.2), worker(client, "b")
    for data in (b"1", b"2", b"3"):
        a.push(data)
    a.lease(), a.hold(a.lease())
    assert wait_until(lambda: not client.exists(a.key("alive", "a")), timeout=5)
    client.set(a.fence_key("a"), "reaped")  # fenced by a reaper that died before moving anything
    assert b.reap() == 2
    assert b.queued() == 3
    assert b.reap() == 0


def test_a_restarted_worker_hands_back_what_its_killed_process_leased(client):
    a = worker(client, "a")
    for data in (b"1", b"2"):
        a.push(data)
    a.lease(), a.hold(a.lease())
    again = worker(client, "a")  # the same worker id, a new process
    assert again.queued() == 2 and client.llen(again.lease_key("a")) == client.llen(again.held_key("a")) == 0
    assert again.requeued_total() == 2
