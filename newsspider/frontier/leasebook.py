"""Per-worker accounting of leased requests: each is acked once its callback is done and its articles are durable."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsspider.frontier.leases import Frontier


@dataclass
class Lease:
    """What a leased request still waits for before its ack."""

    data: bytes
    items: int = 0  # items yielded and still in the item pipelines
    urls: set[str] = field(default_factory=set)  # exported article URLs whose batch is not durable yet
    done: bool = False  # the engine is done with the request (callback output consumed, or it failed)
    held: bool = False  # moved to the held list


class LeaseBook:
    """Per-worker accounting of leases: a request is acked once it is done and its articles are durable."""

    def __init__(self, frontier: Frontier):
        self.frontier = frontier
        self.leases: dict[str, Lease] = {}
        self.by_url: dict[str, str] = {}
        self.acked = 0
        self.lost = 0  # acks that found the request gone (requeued while this worker looked dead)

    def leased(self, lease_id: str, data: bytes) -> None:
        self.leases[lease_id] = Lease(data)

    def item_started(self, lease_id: str | None) -> None:
        lease = self.leases.get(lease_id) if lease_id else None
        if lease is not None:
            lease.items += 1

    def item_finished(self, lease_id: str | None, url: str | None) -> None:
        """An item left the pipelines: exported (with its URL) or dropped (None)."""
        lease = self.leases.get(lease_id) if lease_id else None
        if lease is None or lease_id is None:
            return
        lease.items = max(0, lease.items - 1)
        if url:
            lease.urls.add(url)
            self.by_url[url] = lease_id
        self.settle(lease_id)

    def finished(self, lease_id: str | None) -> None:
        if lease_id in self.leases:
            self.leases[lease_id].done = True
            self.settle(lease_id)

    def durable(self, urls: set[str]) -> None:
        """A feed batch holding these article URLs is renamed and committed."""
        for url in urls:
            lease_id = self.by_url.pop(url, None)
            if lease_id in self.leases:
                self.leases[lease_id].urls.discard(url)
                self.settle(lease_id)

    def drained(self) -> bool:
        """Nothing of this worker in flight, and some of its requests wait only for their feed batch."""
        leases = self.leases.values()
        return all(lease.done for lease in leases) and any(lease.urls for lease in leases)

    def settle(self, lease_id: str) -> None:
        lease = self.leases[lease_id]
        if not lease.done:
            return
        if lease.items == 0 and not lease.urls:
            if self.frontier.ack(lease.data, lease.held):
                self.acked += 1
            else:
                self.lost += 1
            del self.leases[lease_id]
        elif not lease.held:
            if self.frontier.hold(lease.data):
                lease.held = True
            else:  # requeued by another worker while this one looked dead
                self.lost += 1
                del self.leases[lease_id]
