"""ReprintDetector: checks bodies against the durable index and this run's pending items (no Scrapy)."""

from __future__ import annotations

from collections.abc import Iterable

from newsspider.reprintindex import Fingerprint, LshParams, Match, ReprintIndex, fingerprint, similarity


class PendingPrints:
    """Fingerprints of this run's items not yet in a durable batch, looked up like the index (bounded)."""

    def __init__(self, params: LshParams, limit: int = 10_000):
        self.params = params
        self.limit = limit
        self.prints: dict[str, tuple[str | None, Fingerprint]] = {}  # url -> (site, fingerprint)
        self.by_key: dict[int, set[str]] = {}
        self.order: dict[str, int] = {}
        self.added = 0

    def add(self, url: str, site: str | None, print_: Fingerprint) -> None:
        if url in self.prints:
            return
        if len(self.prints) >= self.limit:
            self.pop(next(iter(self.prints)))
        self.prints[url] = (site, print_)
        self.added += 1
        self.order[url] = self.added
        for key in print_.band_keys:
            self.by_key.setdefault(key, set()).add(url)

    def pop(self, url: str) -> tuple[str | None, Fingerprint] | None:
        entry = self.prints.pop(url, None)
        self.order.pop(url, None)
        if entry is not None:
            for key in entry[1].band_keys:
                urls = self.by_key.get(key)
                if urls is not None:
                    urls.discard(url)
                    if not urls:
                        del self.by_key[key]
        return entry

    def find(self, print_: Fingerprint, exclude_url: str | None = None) -> Match | None:
        """The first pending article (in arrival order) this fingerprint nearly duplicates."""
        candidates = set().union(*(self.by_key.get(key, ()) for key in print_.band_keys))
        for url in sorted(candidates, key=self.order.__getitem__):
            if url != exclude_url:
                score = similarity(print_.signature, self.prints[url][1].signature)
                if score >= self.params.threshold:
                    return Match(url, round(score, 3))
        return None


class ReprintDetector:
    """Checks bodies against the durable index and this run's pending items; registers whole batches."""

    def __init__(self, index: ReprintIndex, pending_limit: int = 10_000):
        self.index = index
        self.pending = PendingPrints(index.params, pending_limit)

    def check(self, url: str, site: str | None, body: str | None) -> Match | None:
        """The earlier article ``body`` nearly duplicates, if any; the body is kept pending either way."""
        print_ = fingerprint(body or "", self.index.params)
        if print_ is None:
            return None
        match = self.index.find(print_, exclude_url=url) or self.pending.find(print_, exclude_url=url)
        self.pending.add(url, site, print_)
        return match

    def prepare(self, batch: str, urls: Iterable[str]) -> int:
        """Before the rename of ``batch``: its items' fingerprints become pending in the index."""
        entries = []
        for url in urls:
            entry = self.pending.pop(url)
            if entry is not None:
                entries.append((url, entry[0], entry[1]))
        return self.index.prepare_batch(batch, entries) if entries else 0

    def commit(self, batch: str) -> int:
        """After the rename: the batch's fingerprints count for every later check."""
        return self.index.commit_batch(batch)
