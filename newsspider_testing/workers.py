"""Run N ``scrapy crawl`` workers of one run on a shared frontier against a MultiSite; kill one; audit the output."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis

from newsspider.frontier.leases import namespace
from newsspider_testing import crawlrun
from newsspider_testing.multisite import MultiSite

WORKER_SETTINGS = {
    "NEWSSPIDER_FRONTIER_LEASE_TTL": "4",  # dead leases back in ~4 s; 2 s risks false deaths on a loaded CI box
    "NEWSSPIDER_FRONTIER_TICK": "0.2",
    "NEWSSPIDER_EXTRACT_WORKERS": "0",  # 2 cores: no extra extraction process per worker
    "NEWSSPIDER_BATCH_SIZE": "25",
}


@dataclass
class RunResult:
    """One run of N workers: exit codes, each worker's run report, wall time."""

    codes: dict[str, int]
    reports: dict[str, dict] = field(default_factory=dict)
    seconds: float = 0.0
    killed: str | None = None
    held_at_kill: int = 0  # requests in the killed worker's lease and held lists when it died

    def total(self, name: str) -> int:
        return sum(report.get(name, 0) or 0 for report in self.reports.values())

    def frontier(self, name: str) -> int:
        return sum((report.get("frontier") or {}).get(name, 0) for report in self.reports.values())


def worker_commands(site: MultiSite, workdir: Path, frontier: str, run_id: str, workers: int, **settings) -> dict:
    """``scrapy crawl news`` for each worker id w1..wN: same run id, state, output and frontier."""
    commands = {}
    for number in range(1, workers + 1):
        name = f"w{number}"
        values = {**WORKER_SETTINGS, "NEWSSPIDER_FRONTIER": frontier, "NEWSSPIDER_RUN_ID": run_id,
                  "NEWSSPIDER_WORKER_ID": name,
                  "NEWSSPIDER_RUN_REPORT": str(workdir / "reports" / run_id / f"{name}.json"), **settings}  # fmt: skip
        commands[name] = crawlrun.crawl_command(",".join(site.start_urls), workdir, **values)
    return commands


def run_workers(
    site: MultiSite,
    workdir: Path,
    frontier: str,
    run_id: str,
    workers: int = 3,
    kill_after: int | None = None,
    timeout: float = 600,
    stall: bool = False,
    **settings: object,
) -> RunResult:
    """Start the workers together; with ``kill_after``, SIGKILL one (at random) once the site has served that
    many article requests in this run; wait for the others. With ``stall``, SIGSTOP it instead and SIGCONT it
    once the others have requeued its leases (a worker frozen past its TTL)."""
    (workdir / "logs").mkdir(parents=True, exist_ok=True)
    before = site.article_requests()
    started = time.monotonic()
    processes = {
        name: crawlrun.start(command, workdir / "logs" / f"{run_id}-{name}.log")
        for name, command in worker_commands(site, workdir, frontier, run_id, workers, **settings).items()
    }
    killed, held_at_kill = None, 0
    try:
        if kill_after is not None:
            crawlrun.wait_until(lambda: site.article_requests() - before >= kill_after, timeout=timeout)
            killed, held_at_kill = kill_a_leaseholder(processes, frontier, run_id, timeout, stall)
        codes = {name: process.wait(timeout=timeout) for name, process in processes.items()}
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    result = RunResult(codes, seconds=time.monotonic() - started, killed=killed, held_at_kill=held_at_kill)
    for name in processes:
        path = workdir / "reports" / run_id / f"{name}.json"
        if path.is_file():
            result.reports[name] = json.loads(path.read_text("utf-8"))
    return result


def kill_a_leaseholder(processes: dict, frontier: str, run_id: str, timeout: float, stall: bool = False) -> tuple[str, int]:
    """SIGKILL (or SIGSTOP) a random worker that holds leases right now; return it and how many requests its lists held.

    A worker killed before it leased anything leaves nothing to requeue (and proves nothing); the count is
    read after the signal, when nobody changes those lists any more until the reap. A stalled worker gets
    SIGCONT once the others reaped it.
    """
    client = redis.Redis.from_url(frontier)
    prefix = namespace("news", "generic", run_id)
    lists = lambda name: (f"{prefix}:lease:{name}", f"{prefix}:held:{name}")  # noqa: E731
    try:
        holding = lambda: [name for name in sorted(processes) if client.llen(lists(name)[0])]  # noqa: E731
        crawlrun.wait_until(lambda: bool(holding()), timeout=timeout)
        victim = random.choice(holding() or sorted(processes))
        os.kill(processes[victim].pid, signal.SIGSTOP if stall else signal.SIGKILL)
        if not stall:
            processes[victim].wait()
        held = sum(client.llen(key) for key in lists(victim))
        if stall:
            crawlrun.wait_until(lambda: int(client.get(f"{prefix}:requeued") or 0) > 0, timeout=timeout)
            os.kill(processes[victim].pid, signal.SIGCONT)
        return victim, held
    finally:
        client.close()


def log_tail(workdir: Path, run_id: str, lines: int = 30) -> str:
    """The end of each worker's log (assertion messages)."""
    out = []
    for path in sorted((workdir / "logs").glob(f"{run_id}-*.log")):
        text = path.read_text("utf-8", "replace").splitlines()[-lines:]
        out.append(f"--- {path.name}\n" + "\n".join(text))
    return "\n".join(out)


__all__ = ["RunResult", "log_tail", "run_workers", "subprocess", "worker_commands"]
