"""``python -m benchmarks.scaleoutbench``: articles/s with 1, 2, 3 workers on one frontier (ratios to 1 worker),
and seen-store commit latency per batch, SQLite vs PostgreSQL (real redis-server and PostgreSQL on loopback)."""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.measure import median, percentile, ratio
from benchmarks.report import Row, render, write_json
from newsspider.state.pgstore import PgSeenStore
from newsspider.state.store import SeenStore
from newsspider_testing import crawlrun
from newsspider_testing.multisite import MultiSite
from newsspider_testing.servers import PostgresServer, RedisServer
from newsspider_testing.workers import run_workers

DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "scaleout.json"
SECTION = "scale-out"


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scaleoutbench", description=__doc__)
    parser.add_argument("--hosts", type=int, default=30, help="generated hosts (127.0.0.1 ...)")
    parser.add_argument("--per-host", type=int, default=100, help="articles per host")
    parser.add_argument("--workers", type=_sizes, default=[1, 2, 3], help="worker counts (the first is the baseline)")
    parser.add_argument("--batches", type=int, default=50, help="measured seen-store batches per backend")
    parser.add_argument("--batch-size", type=int, default=100, help="keys per batch (NEWSSPIDER_BATCH_SIZE)")
    parser.add_argument("--kill-runs", type=int, default=5, help="runs of 3 workers with one SIGKILLed (0: none)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser.parse_args(argv)


def throughput(hosts: int, per_host: int, counts: list[int], redis_url: str, workroot: Path) -> list[Row]:
    """One fresh run per worker count on the same site; articles/s of the whole run (start to last exit)."""
    rows, rates, cpu = [], {}, {}
    with MultiSite(hosts, per_host) as site:
        expected = site.article_urls()
        for count in counts:
            workdir = workroot / f"workers-{count}"
            cpu_before = _children_cpu()
            result = run_workers(site, workdir, redis_url, f"bench{count}", workers=count)
            cpu[count] = (_children_cpu() - cpu_before) * 1000 / len(expected)
            audit = crawlrun.audit(workdir / "output", expected)
            exactly_once = (audit.duplicates, audit.torn, len(audit.missing)) == (0, 0, 0)
            rates[count] = len(expected) / result.seconds if exactly_once and set(result.codes.values()) == {0} else None
            note = "every article once" if exactly_once else f"dup {audit.duplicates} missing {len(audit.missing)}"
            if set(result.codes.values()) != {0}:
                note += f"; exit codes {result.codes}"
            rows.append(Row(SECTION, f"articles/s, {count} worker(s)", rates[count], "a/s",
                            rates[counts[0]], f"{counts[0]} worker(s)", ratio(rates[count], rates[counts[0]]),
                            note=f"{len(expected)} articles, {hosts} hosts, {result.seconds:.1f} s; {note}",
                            extra={"per_worker": {w: r.get("new_articles") for w, r in result.reports.items()}}))  # fmt: skip
    for count in counts[1:]:
        rows.append(Row(SECTION, f"worker CPU ms/article, {count} worker(s)", cpu[count], "ms", cpu[counts[0]],
                        f"{counts[0]} worker(s)", ratio(cpu[count], cpu[counts[0]]),
                        note="user+sys CPU of all worker processes per article: the frontier's overhead"))  # fmt: skip
    return rows


def kill_trials(hosts: int, per_host: int, runs: int, redis_url: str, workroot: Path) -> list[Row]:
    """3 workers, one SIGKILLed at a random moment while it holds leases: exactly once within the run?"""
    if not runs:
        return []
    good, requeued, held, seconds = 0, 0, 0, []
    rng = random.Random(7)
    with MultiSite(hosts, per_host) as site:
        expected = site.article_urls()
        for run in range(runs):
            workdir = workroot / f"kill-{run}"
            kill_after = rng.randint(min(10, len(expected) // 3), len(expected) // 2)
            result = run_workers(site, workdir, redis_url, f"killbench{run}", workers=3, kill_after=kill_after)
            audit = crawlrun.audit(workdir / "output", expected)
            complete = (audit.duplicates, audit.torn, len(audit.missing), len(audit.unexpected)) == (0, 0, 0, 0)
            back = result.frontier("requeued")
            good += complete and back == result.held_at_kill >= 1
            requeued, held = requeued + back, held + result.held_at_kill
            seconds.append(result.seconds)
    return [Row(SECTION, "SIGKILL runs exactly once within the run", good, "runs", runs, "runs", ratio(good, runs),
                note=f"{len(expected)} articles, {hosts} hosts, 3 workers, one killed per run; requeued {requeued} of "
                     f"{held} leases held at the kills; median run {median(seconds):.1f} s")]  # fmt: skip


def _children_cpu() -> float:
    """CPU seconds (user + sys) of the finished child processes (the workers) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _commit_ms(store: SeenStore, batches: int, size: int, tag: str) -> list[float]:
    """ms per batch for what the seen store adds to a durable batch: prepare (pending keys) + commit."""
    times = []
    for number in range(batches):
        path = f"/bench/{tag}-{number:05d}.jsonl"
        keys = [(f"https://h{tag}.example.cn/news/content_{number}_{n}.htm", None, f"{number}-{n}") for n in range(size)]
        started = time.perf_counter()
        store.prepare_batch(path, "bench", tag, keys)
        store.commit_batch(path)
        times.append((time.perf_counter() - started) * 1000)
    return times


def commit_latency(batches: int, size: int, postgres_url: str, workroot: Path) -> list[Row]:
    with SeenStore.in_dir(workroot / "sqlite") as sqlite_store:
        _commit_ms(sqlite_store, 5, size, "warm-s")
        sqlite_ms = _commit_ms(sqlite_store, batches, size, "s")
    with PgSeenStore(postgres_url) as pg_store:
        _commit_ms(pg_store, 5, size, "warm-p")
        pg_ms = _commit_ms(pg_store, batches, size, "p")
    rows = []
    for label, pick in (("median", median), ("p95", lambda v: percentile(v, 95))):
        ours, base = pick(pg_ms), pick(sqlite_ms)
        rows.append(Row(SECTION, f"seen-store commit ms/batch, {label}", ours, "ms", base, "SQLite (WAL, synchronous=FULL)",
                        ratio(ours, base),
                        note=f"PostgreSQL on loopback (fsync on), {size} keys/batch, {batches} batches"))  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workroot = Path(tempfile.mkdtemp(prefix="newsspider-scaleout-"))
    started = time.perf_counter()
    try:
        with RedisServer() as redis, PostgresServer() as postgres:
            rows = commit_latency(args.batches, args.batch_size, postgres.url, workroot)
            rows += throughput(args.hosts, args.per_host, args.workers, redis.url, workroot)
            rows += kill_trials(args.hosts, args.per_host, args.kill_runs, redis.url, workroot)
    finally:
        shutil.rmtree(workroot, ignore_errors=True)
    seconds = time.perf_counter() - started
    print(render(rows))
    print(f"\n{len(rows)} rows in {seconds:.0f} s; JSON: {args.out}", flush=True)
    meta = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "seconds": round(seconds, 1),
            "args": {k: str(v) for k, v in vars(args).items()}}  # fmt: skip
    write_json(args.out, rows, meta)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
