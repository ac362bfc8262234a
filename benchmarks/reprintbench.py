"""Reprint-detection benchmark: accuracy on the generated set, cost per item and state size at scale."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.measure import ratio
from benchmarks.report import Row

BATCH = 100  # items per registered batch, as NEWSSPIDER_BATCH_SIZE
PROBES = 1000  # items checked and registered at each measured size


def accuracy(total: int = 2000, reprints: int = 300) -> list[Row]:
    """Recall and false-flag rate on the generated set (``newsspider_testing.reprintgen``)."""
    from newsspider.reprintdetector import ReprintDetector
    from newsspider.reprintindex import ReprintIndex
    from newsspider_testing.reprintgen import generate, run_detection

    with tempfile.TemporaryDirectory(prefix="bench-reprint-") as tmp, ReprintIndex.in_dir(tmp) as index:
        result = run_detection(generate(total, reprints), ReprintDetector(index))
    note = f"{total:,} generated articles, {result.reprints} edited reprints"
    return [
        Row("reprints", "recall", result.recall, "", None, "", result.recall, ">= 0.95", note),
        Row("reprints", "false flags", result.false_flag_rate, "", None, "", result.false_flag_rate,
            "<= 0.01",
            f"{result.false_flags} of {result.originals} originals"),  # fmt: skip
    ]


def _fill(detector, articles, prefix: str) -> float:
    """Check and register ``articles`` in batches, as a crawl does; return seconds per item."""
    start = time.perf_counter()
    for offset in range(0, len(articles), BATCH):
        chunk = articles[offset : offset + BATCH]
        for article in chunk:
            detector.check(article.url, "bench", article.body)
        detector.prepare(f"{prefix}-{offset}", [article.url for article in chunk])
        detector.commit(f"{prefix}-{offset}")
    return (time.perf_counter() - start) / max(1, len(articles))


def _fingerprint_only(articles) -> float:
    from newsspider.reprintindex import LshParams, fingerprint

    params, start = LshParams(), time.perf_counter()
    for article in articles:
        fingerprint(article.body, params)
    return (time.perf_counter() - start) / max(1, len(articles))


def _seen_bytes(size: int, folder: Path) -> int:
    """Size of the seen store holding ``size`` keys (the state it sits next to)."""
    from benchmarks.seenbench import make_key
    from newsspider.state.store import SeenStore

    with SeenStore.in_dir(folder) as store:
        for chunk in range(0, size, 50_000):
            path = str(folder / f"fill-{chunk}")
            keys = [make_key(n) for n in range(chunk, min(size, chunk + 50_000))]
            store.prepare_batch(path, "bench", "fill", keys)
            store.commit_batch(path)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (folder / "seen.sqlite3").stat().st_size


def growth(sizes: list[int]) -> list[Row]:
    """Cost per item (check + register) with the index at each size, against the smallest; state size."""
    from newsspider.reprintdetector import ReprintDetector
    from newsspider.reprintindex import DB_NAME, ReprintIndex
    from newsspider_testing.reprintgen import generate

    sizes = sorted(set(sizes))
    articles = generate(max(sizes) + PROBES, (max(sizes) + PROBES) // 7, seed=100)
    probes, costs, state = articles[-PROBES:], {}, {}
    with tempfile.TemporaryDirectory(prefix="bench-reprint-") as tmp:
        with ReprintIndex.in_dir(tmp) as index:
            detector, filled = ReprintDetector(index), 0
            for size in sizes:
                _fill(detector, articles[filled:size], f"{tmp}/fill")
                filled = size
                index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                state[size] = (Path(tmp) / DB_NAME).stat().st_size
                sample = probes[: PROBES // 2] if size != max(sizes) else probes
                costs[size] = _fill(detector, sample, f"{tmp}/p{size}")
        seen = _seen_bytes(max(sizes), Path(tmp) / "seen")
    base, top = min(sizes), max(sizes)
    bare = _fingerprint_only(probes)
    rows = [Row("reprints", f"check+register/item @{size:,}", costs[size] * 1e3, "ms", costs[base] * 1e3,
                f"@{base:,}", ratio(costs[size], costs[base]), "<= 2" if size == top and size != base else "")
            for size in sizes]  # fmt: skip
    rows.append(Row("reprints", f"check+register/item vs fingerprint only @{top:,}", costs[top] * 1e3, "ms",
                    bare * 1e3, "MinHash only", ratio(costs[top], bare)))  # fmt: skip
    rows.append(Row("reprints", f"state size @{top:,}", state[top] / 2**20, "MiB", seen / 2**20,
                    "seen.sqlite3, same count", ratio(state[top], seen),
                    note=f"{state[top] / top:,.0f} bytes/article"))  # fmt: skip
    rows[0].note = f"newsspider.reprintindex (SQLite bands); {BATCH}-item batches; sizes {sizes}"
    return rows


def run(sizes: list[int], total: int = 2000, reprints: int = 300) -> list[Row]:
    """Accuracy on ``total`` generated articles (``reprints`` of them copies), then growth over ``sizes``."""
    return accuracy(total, reprints) + growth(sizes)
