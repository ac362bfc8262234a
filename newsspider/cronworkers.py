"""``python -m newsspider.cron --workers N``: N crawl processes of one site run on a shared frontier, one report."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from newsspider.crawlcommand import setting_flags
from newsspider.cronstop import Stopper, environment, run_child

# Report fields that are not added up across workers.
_NOT_SUMMED = ("site", "finish_reason", "duration", "seed_failures")
NO_RESPONSE = "no response"  # what a worker reports for a start page another worker fetched


def worker_ids(count: int, host: str | None = None) -> list[str]:
    """``<host>-w1`` ... ``<host>-wN``: stable across runs (a worker repairs its own batches on its next run)
    and distinct across machines."""
    host = host or socket.gethostname().split(".")[0]
    return [f"{host}-w{number}" for number in range(1, count + 1)]


def worker_command(command: list[str], worker: str, report: Path) -> list[str]:
    """The site's crawl command for one worker: its id and its own run report (later settings win)."""
    return [*command, *setting_flags({"NEWSSPIDER_WORKER_ID": worker, "NEWSSPIDER_RUN_REPORT": report})]


def run_workers(
    command: list[str], workers: list[str], state: Path, run_id: str, site: str, budget: float, grace: float,
    stopper: Stopper,
) -> dict[str, dict]:  # fmt: skip
    """Run the workers together, each under the same time bound and stop signals; their results by worker."""

    def one(worker: str) -> tuple[str, dict]:
        report = state / "reports" / run_id / f"{site}.{worker}.json"
        log = state / "logs" / run_id / f"{site}.{worker}.log"
        rc, forced = run_child(worker_command(command, worker, report), log, environment(), budget, grace, stopper)
        found = json.loads(report.read_text("utf-8")) if report.is_file() else None
        return worker, {"exit_code": rc, "stopped_by": forced, "report": found}

    with ThreadPoolExecutor(max_workers=len(workers)) as pool:
        return dict(pool.map(one, workers))


def merge_reports(results: dict[str, dict]) -> dict | None:
    """One site report from the workers': counts added up, the worst finish reason, a per-worker summary.

    None when no worker wrote a report (all crashed or were killed).
    """
    reports = {worker: result["report"] for worker, result in results.items() if result["report"]}
    if not reports:
        return None
    merged: dict = {}
    for report in reports.values():
        _add(merged, {key: value for key, value in report.items() if key not in _NOT_SUMMED})
    first = next(iter(reports.values()))
    reasons = [report.get("finish_reason") for report in reports.values()]
    merged["site"] = first.get("site")
    merged["finish_reason"] = next((reason for reason in reasons if reason != "finished"), "finished")
    if len(reports) < len(results):
        merged["finish_reason"] = "worker_without_report"
    merged["duration"] = max((report.get("duration") or 0) for report in reports.values())
    merged["seed_failures"] = seed_failures(list(reports.values()))
    merged["workers"] = {
        worker: {"exit_code": result["exit_code"], "stopped_by": result["stopped_by"],
                 "finish_reason": (result["report"] or {}).get("finish_reason"),
                 "new_articles": (result["report"] or {}).get("new_articles", 0)}
        for worker, result in results.items()
    }  # fmt: skip
    return merged


def seed_failures(reports: list[dict]) -> dict[str, str]:
    """Start pages that failed in the run: in every worker's report (each start page goes to one worker; the
    others never see it), with the reason of the worker that fetched it."""
    failing = [report.get("seed_failures") or {} for report in reports]
    common = set.intersection(*(set(found) for found in failing)) if failing else set()
    return {
        url: next((found[url] for found in failing if found[url] != NO_RESPONSE), NO_RESPONSE)
        for url in sorted(common)
    }


def _add(total: dict, part: dict) -> None:
    """Add numbers and nested dicts of numbers; keep the first value of anything else."""
    for key, value in part.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, dict)):
            total.setdefault(key, value)
        elif isinstance(value, dict):
            _add(total.setdefault(key, {}), value)
        else:
            total[key] = total.get(key, 0) + value


def worst_exit(results: dict[str, dict]) -> int:
    """The crawl exit code the site is judged by: the first non-zero one (0 when all workers succeeded)."""
    return next((r["exit_code"] for r in results.values() if r["exit_code"]), 0)
