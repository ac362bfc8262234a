"""Seen-store micro-benchmark: lookup and insert cost of ``newsspider.state.store.SeenStore`` as it grows."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.measure import median, ratio
from benchmarks.report import Row

SITE = "bench"
FILL_CHUNK = 100_000  # keys per set-up batch (one transaction each)
BATCH = 100  # keys per measured insert batch, as NEWSSPIDER_BATCH_SIZE


def make_key(number: int) -> str:
    """A realistic article key, spread over the key space (not in insertion order)."""
    scrambled = (number * 2_654_435_761) % 4_294_967_291
    return f"https://www.site{scrambled % 97}.example.cn/news/2026-{1 + scrambled % 12:02d}/content_{scrambled}.htm"


def _fill(store, start: int, stop: int, folder: Path) -> None:
    """Grow the store to ``stop`` keys through its own API, in large set-up batches."""
    for chunk in range(start, stop, FILL_CHUNK):
        path = str(folder / f"fill-{chunk}.jsonl")
        store.prepare_batch(
            path, SITE, "fill", [make_key(n) for n in range(chunk, min(stop, chunk + FILL_CHUNK))]
        )
        store.commit_batch(path)


def _lookup_us(store, size: int, probes: int, rng: random.Random) -> float:
    """µs per ``is_seen``: half hits on random stored keys, half misses."""
    keys = [make_key(rng.randrange(size)) for _ in range(probes // 2)]
    keys += [make_key(size + 10_000_000 + rng.randrange(10**6)) for _ in range(probes - len(keys))]
    rng.shuffle(keys)
    start = time.perf_counter()
    for key in keys:
        store.is_seen(key)
    return (time.perf_counter() - start) / len(keys) * 1e6


def _insert_us(store, first: int, batches: int, folder: Path) -> float:
    """µs per key of the crawl's real path: prepare_batch + commit_batch of ``BATCH`` keys."""
    start = time.perf_counter()
    for index in range(batches):
        path = str(folder / f"measure-{id(store)}-{first}-{index}.jsonl")
        keys = [make_key(first + index * BATCH + n) for n in range(BATCH)]
        store.prepare_batch(path, SITE, "measure", keys)
        store.commit_batch(path)
    return (time.perf_counter() - start) / (batches * BATCH) * 1e6


def measure(sizes: list[int], probes: int = 4000, batches: int = 10, repeats: int = 5) -> dict[int, tuple]:
    """(lookup µs, insert µs per key) per store size: one store per size, measured in interleaved rounds
    (so load on the shared machine hits every size alike), medians of ``repeats`` rounds."""
    from newsspider.state.store import SeenStore

    rng, sizes = random.Random(6), sorted(set(sizes))
    lookups: dict[int, list[float]] = {size: [] for size in sizes}
    inserts: dict[int, list[float]] = {size: [] for size in sizes}
    with tempfile.TemporaryDirectory(prefix="bench-seen-") as tmp:
        stores = {size: SeenStore.in_dir(Path(tmp) / str(size)) for size in sizes}
        try:
            for size, store in stores.items():
                _fill(store, 0, size, Path(tmp))
                _lookup_us(store, size, probes, rng)  # warm-up: the set-up batch just ended (WAL checkpoint)
            for round_ in range(repeats):
                for size in sizes if round_ % 2 == 0 else reversed(sizes):
                    lookups[size].append(_lookup_us(stores[size], size, probes, rng))
                    first = 50_000_000 + round_ * batches * BATCH
                    inserts[size].append(_insert_us(stores[size], first, batches, Path(tmp)))
        finally:
            for store in stores.values():
                store.close()
    return {size: (median(lookups[size]), median(inserts[size])) for size in sizes}


def run(sizes: list[int]) -> list[Row]:
    """Rows per size: lookup and insert µs; lookups at the largest size against the smallest (target ≤ 2)."""
    results = measure(sizes)
    small, rows = min(results), []
    for size, (lookup, insert) in sorted(results.items()):
        base = results[small]
        target = "<= 2" if size == max(results) and size != small else ""
        rows.append(Row("seen store", f"lookup @{size:,}", lookup, "µs", base[0], f"@{small:,}",
                        ratio(lookup, base[0]), target))  # fmt: skip
        rows.append(Row("seen store", f"insert/key @{size:,}", insert, "µs", base[1], f"@{small:,}",
                        ratio(insert, base[1])))  # fmt: skip
    rows[0].note = f"newsspider.state.store (SQLite); insert = prepare_batch + commit_batch of {BATCH} keys"
    return rows
