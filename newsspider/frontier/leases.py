"""The shared per-run request queue on Redis with leases: lease (LMOVE), hold, ack, and requeue of dead workers."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import redis

from newsspider.exceptions import NewsspiderError

KEEP_SECONDS = 2 * 86400  # a run's keys outlive its last worker this long
REDIS_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class FrontierLostError(NewsspiderError):
    """Redis is unreachable, or lost this run's frontier (restarted without its data): the run cannot go on."""


class FrontierFencedError(FrontierLostError):
    """The other workers took this one for dead (no heartbeat within the TTL) and requeued its requests."""


STORING, REAPED = b"storing", b"reaped"  # values of a worker's fence key
LEASE_SCRIPT = """
if redis.call('GET', KEYS[3]) == 'reaped' then return -1 end
return redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
"""
PUSH_NEW_SCRIPT = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[1], ARGV[1])
return 1
"""
HOLD_SCRIPT = """
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then return 0 end
redis.call('LPUSH', KEYS[2], ARGV[1])
return 1
"""


def guarded(method: Callable) -> Callable:
    """Turn a Redis connection failure into one FrontierLostError naming the server."""

    def call(self: Frontier, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except REDIS_ERRORS as exc:
            raise FrontierLostError(f"frontier Redis {self.address} unreachable: {exc}") from exc

    call.__name__, call.__doc__ = method.__name__, method.__doc__
    return call


def namespace(spider: str, site: str, run_id: str) -> str:
    """Key prefix of one run of one site: every worker given the same run id shares it."""
    return f"newsspider:{spider}:{site}:{run_id}"


class Frontier:
    """The Redis side of one run: ``queue``, and per worker a ``lease`` list (in flight) and a ``held`` list.

    A request taken by a worker moves (LMOVE, atomically) from ``queue`` to the worker's ``lease`` list.
    When its callback is done but its articles are not yet in a durable feed batch, it moves to ``held``;
    it leaves Redis (ack) only when nothing of it can be lost any more. A worker whose ``alive`` key
    expired (killed, frozen) gets both lists moved back to ``queue`` by any other worker (``reap``).
    """

    def __init__(self, server: redis.Redis, prefix: str, worker: str, ttl: float = 30.0):
        self.server = server
        self.prefix = prefix
        self.worker = worker
        self.ttl_ms = max(1, int(ttl * 1000))
        kwargs = server.connection_pool.connection_kwargs
        self.address = f"{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)}"
        self.queue = self.key("queue")
        self.lease_script = server.register_script(LEASE_SCRIPT)  # Redis server-side scripts (EVALSHA)
        self.hold_script = server.register_script(HOLD_SCRIPT)
        self.push_new_script = server.register_script(PUSH_NEW_SCRIPT)
        self.storing = 0  # batches of this worker between their rename and their commit (it holds its fence)
        self.store_ms = 10 * self.ttl_ms  # a fence held longer than this belongs to a dead worker

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def lease_key(self, worker: str) -> str:
        return self.key("lease", worker)

    def held_key(self, worker: str) -> str:
        return self.key("held", worker)

    def fence_key(self, worker: str) -> str:
        return self.key("fence", worker)

    @guarded
    def open(self) -> bool:
        """Join the run (creating its marker if this worker is first); True when this worker started the run."""
        started = self.server.set(self.key("run"), json.dumps({"started": time.time(), "by": self.worker}), nx=True)
        self.server.sadd(self.key("workers"), self.worker)
        if self.server.get(self.fence_key(self.worker)) == REAPED:  # an earlier process of this worker id died
            self.server.delete(self.fence_key(self.worker))
        self.heartbeat()
        self.requeue(self.worker)  # what an earlier process of this worker id left leased (killed and restarted)
        return bool(started)

    @guarded
    def heartbeat(self) -> None:
        """Renew this worker's ``alive`` key; a run marker gone means Redis lost the run's state."""
        pipe = self.server.pipeline()
        pipe.set(self.key("alive", self.worker), "1", px=self.ttl_ms)
        pipe.exists(self.key("run"))
        pipe.get(self.fence_key(self.worker))
        _, run_exists, fence = pipe.execute()
        if not run_exists:
            raise FrontierLostError(f"frontier Redis {self.address} lost this run's queue (restarted or flushed)")
        if fence == REAPED:
            raise self.fenced()

    def fenced(self) -> FrontierFencedError:
        seconds = self.ttl_ms / 1000
        return FrontierFencedError(f"worker {self.worker} was taken for dead (no heartbeat for {seconds:g} s) and its "
                                   "requests were requeued; its open batch is not stored")  # fmt: skip

    @guarded
    def begin_store(self) -> None:
        """Before a batch is renamed: hold this worker's fence, so that no one reaps it until the batch is committed.

        Raises FrontierFencedError when it was reaped already: the batch must not be stored (others fetch it again).
        """
        if self.storing or self.server.set(self.fence_key(self.worker), STORING, nx=True, px=self.store_ms):
            self.storing += 1
            return
        if self.server.get(self.fence_key(self.worker)) == REAPED:
            raise self.fenced()
        self.storing += 1  # our own fence of a store that failed to end; keep it

    @guarded
    def end_store(self) -> None:
        """The batch is committed (or failed): release the fence once no batch of this worker is mid-store."""
        self.storing = max(0, self.storing - 1)
        if not self.storing and self.server.get(self.fence_key(self.worker)) == STORING:
            self.server.delete(self.fence_key(self.worker))

    @guarded
    def push(self, data: bytes) -> None:
        self.server.lpush(self.queue, data)

    @guarded
    def push_new(self, filter_key: str, fingerprint: str, data: bytes) -> bool:
        """Queue a request unless its fingerprint is in the run's filter; False when it was (nothing queued).

        One script: a worker killed here leaves both or neither. Two calls (scrapy-redis adds the fingerprint,
        then pushes) lose the request for good when the kill falls between them: the listing that yielded it
        is requeued and fetched again, but its link is then filtered as already queued.
        """
        return bool(self.push_new_script(keys=[filter_key, self.queue], args=[fingerprint, data]))

    @guarded
    def lease(self) -> bytes | None:
        """Take the oldest queued request into this worker's lease list (atomic: never in neither list).

        One script with the fence test: a worker reaped meanwhile takes nothing (no one would requeue it again).
        """
        taken = self.lease_script(keys=[self.queue, self.lease_key(self.worker), self.fence_key(self.worker)])
        if taken == -1:
            raise self.fenced()
        return taken

    @guarded
    def hold(self, data: bytes) -> bool:
        """The callback is done; the request stays in Redis until its articles are durable.

        False when it was not in the lease list any more (requeued by another worker): nothing is held then.
        """
        return bool(self.hold_script(keys=[self.lease_key(self.worker), self.held_key(self.worker)], args=[data]))

    @guarded
    def ack(self, data: bytes, held: bool) -> bool:
        """Drop a finished request; False when it was not there any more (another worker requeued it)."""
        source = self.held_key(self.worker) if held else self.lease_key(self.worker)
        return bool(self.server.lrem(source, 1, data))

    @guarded
    def queued(self) -> int:
        return self.server.llen(self.queue)

    @guarded
    def dead_workers(self) -> list[str]:
        workers = sorted(w.decode() if isinstance(w, bytes) else w for w in self.server.smembers(self.key("workers")))
        others = [w for w in workers if w != self.worker]
        if not others:
            return []
        pipe = self.server.pipeline()
        for worker in others:
            pipe.exists(self.key("alive", worker))
        return [worker for worker, alive in zip(others, pipe.execute(), strict=True) if not alive]

    @guarded
    def reap(self, settle: Callable[[str], None] | None = None) -> int:
        """Move the leases of every dead worker back to the queue (front); return how many moved.

        ``settle(worker)`` runs first (the seen store settles the dead worker's half-stored batches).
        """
        moved = 0
        for worker in self.dead_workers():
            fenced = self.server.set(self.fence_key(worker), REAPED, nx=True, ex=KEEP_SECONDS)
            if not fenced and self.server.get(self.fence_key(worker)) != REAPED:
                continue  # it is between renaming and committing a batch; wait for that (or for the fence to expire)
            # Fenced already: another reaper began and may have died halfway; every LMOVE moves one request once.
            if settle is not None:
                settle(worker)
            moved += self.requeue(worker)
            self.server.srem(self.key("workers"), worker)
        return moved

    @guarded
    def requeue(self, worker: str) -> int:
        """Move a worker's lease and held lists back to the queue, one request per atomic step; count them."""
        moved = 0
        for source in (self.lease_key(worker), self.held_key(worker)):
            while self.server.lmove(source, self.queue, "RIGHT", "RIGHT") is not None:
                moved += 1
        if moved:
            self.server.incrby(self.key("requeued"), moved)
        return moved

    @guarded
    def pending(self) -> bool:
        """Work left in this run: queued requests, requests in flight at any worker (dead ones' too), or
        another worker's requests whose articles are not durable yet (a drained worker flushes its batch).

        This worker's own held list does not count: its close stores its last batch. Checks the run marker
        first: an emptied Redis must never look like a finished run.
        """
        if not self.server.exists(self.key("run")):
            raise FrontierLostError(f"frontier Redis {self.address} lost this run's queue (restarted or flushed)")
        if self.server.llen(self.queue):
            return True
        workers = [w.decode() if isinstance(w, bytes) else w for w in self.server.smembers(self.key("workers"))]
        pipe = self.server.pipeline()
        for worker in workers:
            pipe.llen(self.lease_key(worker))
            if worker != self.worker:
                pipe.llen(self.held_key(worker))
        return any(pipe.execute())

    @guarded
    def requeued_total(self) -> int:
        return int(self.server.get(self.key("requeued")) or 0)

    @guarded
    def leave(self, keep_days: float = KEEP_SECONDS / 86400) -> int:
        """Stop heartbeating; requests still leased are left for the others to requeue at once. Returns them."""
        left = self.server.llen(self.lease_key(self.worker)) + self.server.llen(self.held_key(self.worker))
        pipe = self.server.pipeline()
        pipe.delete(self.key("alive", self.worker))
        if not left:
            pipe.srem(self.key("workers"), self.worker)
        for name in ("run", "queue", "workers", "requeued", "dupefilter"):
            pipe.expire(self.key(name), int(keep_days * 86400))
        pipe.execute()
        # The run marker and duplicate filter outlive the last worker (until they expire): a worker of the
        # same run that starts late finds the run finished instead of seeding it again.
        return left
