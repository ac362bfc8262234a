"""Cron entry point: ``python -m newsspider.cron --all``; one locked, time-bounded run with a JSON report."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from newsspider import crawlcommand, cronworkers
from newsspider.cronargs import check_args
from newsspider.cronprogress import CronProgress
from newsspider.cronstop import Stopper, environment, run_child
from newsspider.exceptions import ProfileError
from newsspider.health import cronhook
from newsspider.report import dashboard
from newsspider.state.extension import OutputNotWritableError, check_writable
from newsspider.state.feedstorage import new_run_id
from newsspider.state.pgstore import open_store
from newsspider.state.store import SeenStore, StateCorruptError, StateLockedError, acquire_lock

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 75  # 75: EX_TEMPFAIL, another run holds the lock


@dataclass
class Target:
    """One site to crawl: its state id, the spider arguments, and whether it normally yields articles."""

    site: str
    spider_args: dict[str, str]  # -a NAME=VALUE
    expect_articles: bool | None  # None: decided from the history in the state DB
    result: dict = field(default_factory=dict)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m newsspider.cron", description=__doc__)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every configured site profile")
    which.add_argument("--site", action="append", metavar="ID", help="a site profile id (repeatable)")
    which.add_argument(
        "--start-url", action="append", metavar="URL", help="a listing URL, generic mode (repeatable)"
    )
    which.add_argument("--forget", metavar="SITE", help="reset: forget what SITE exported, then exit")
    parser.add_argument(
        "--state-dir", default="state", help="seen store, locks, logs, reports (default: state)"
    )
    parser.add_argument(
        "--output-dir", default="output", help="feed batches, one folder per site (default: output)"
    )
    parser.add_argument(
        "--max-runtime", type=float, default=3300, help="seconds for the whole run (default: 3300)"
    )
    parser.add_argument(
        "--grace", type=float, default=60, help="seconds between SIGTERM and SIGKILL (default: 60)"
    )
    parser.add_argument(
        "--max-errors", type=int, default=20, help="ERROR log lines a site may have (default: 20)"
    )
    parser.add_argument(
        "--quiet-days", type=float, default=7, help="days without a new article that fail a site"
    )
    parser.add_argument("--report", help="run report path (default: <state-dir>/reports/run-<run id>.json)")
    parser.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="Scrapy setting"
    )
    parser.add_argument("--html", metavar="PATH", help="refresh the site health dashboard at PATH after the run")
    parser.add_argument(
        "--workers", type=int, default=1,
        help="crawl processes per site sharing one frontier (needs --frontier; default: 1)",
    )  # fmt: skip
    parser.add_argument("--frontier", metavar="REDIS_URL", help="shared frontier, e.g. redis://10.0.0.5:6379/0")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="print per-site progress and the summary on success too"
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no per-site progress, even on a terminal or with -v"
    )
    return parser.parse_args(argv)


def targets_from(args: argparse.Namespace) -> list[Target]:
    if args.start_url:
        # One crawl per host: its start URLs share a site id (state, lock, report), so they are crawled
        # together and a failing start page shows in that one report.
        groups: dict[str, list[str]] = {}
        for url in args.start_url:
            groups.setdefault(urlsplit(url).hostname or "generic", []).append(url)
        return [Target(site, {"start_url": ",".join(urls)}, None) for site, urls in groups.items()]
    from newsspider.sites import all_profiles, get_profile

    profiles = all_profiles().values() if args.all else [get_profile(site) for site in args.site]
    return [Target(p.id, {"site": p.id}, p.expect_articles) for p in profiles]


def crawl_command(
    target: Target, args: argparse.Namespace, run_id: str, report: Path, budget: float
) -> list[str]:
    settings: dict[str, object] = {
        "NEWSSPIDER_STATE_DIR": args.state_dir,
        "NEWSSPIDER_OUTPUT_DIR": args.output_dir,
        "NEWSSPIDER_RUN_REPORT": str(report),
        "NEWSSPIDER_RUN_ID": run_id,
        "CLOSESPIDER_TIMEOUT": str(max(1, int(budget))),
        "NEWSSPIDER_WARC": "1",  # archives get the pages behind every line (-s NEWSSPIDER_WARC=0 turns it off)
    }
    if args.frontier:
        settings["NEWSSPIDER_FRONTIER"] = args.frontier
    settings |= crawlcommand.parse_settings(args.set)  # the user's -s last: they win
    return crawlcommand.crawl_command("news", target.spider_args, settings)


def cron_store(args: argparse.Namespace) -> SeenStore:
    """The seen store the crawls use: ``-s NEWSSPIDER_SEEN_STORE=postgresql://...``, else SQLite in --state-dir."""
    urls = [item.partition("=")[2] for item in args.set if item.partition("=")[0].strip() == "NEWSSPIDER_SEEN_STORE"]
    return open_store(args.state_dir, urls[-1] if urls else "")


def expects_articles(target: Target, store: SeenStore) -> bool:
    """A profile says so (``SiteProfile.expect_articles``); a generic site once it has exported before."""
    if target.expect_articles is not None:
        return target.expect_articles
    return store.last_export_at(target.site) is not None


def failures(report: dict | None, rc: int, expects: bool, last_export: float | None, args) -> list[str]:
    """Why this site's run counts as failed (empty: it succeeded)."""
    if report is None:
        return [f"no run report (crawl exited with {rc}: crashed, killed or locked)"]
    found = [f"crawl exited with {rc}"] if rc else []
    if report.get("finish_reason") != "finished":
        found.append(f"crawl did not finish: {report.get('finish_reason')}")
    if report.get("store_failed"):  # whatever --max-errors says: those articles were not exported
        found.append(f"{report['store_failed']} feed batches could not be stored or committed")
    found += [f"start page {url} failed ({why})" for url, why in sorted(report.get("seed_failures", {}).items())]
    if report["requests"] and not report["responses_ok"]:
        found.append(f"all {report['requests']} requests failed")
    if report["errors"] > args.max_errors:
        found.append(f"{report['errors']} errors (more than {args.max_errors})")
    if expects and not report["new_articles"]:
        found += zero_article_failures(report, last_export, args.quiet_days)
    return found


def zero_article_failures(report: dict, last_export: float | None, quiet_days: float) -> list[str]:
    """No new article from a site that normally yields some: a quiet hour, or a changed layout?"""
    if not report["skipped_seen"] and not report.get("held_back") and not report["dropped"]:
        return ["no article found on the listing pages (layout changed?)"]
    if sum(report["dropped"].values()) > report.get("dropped_tolerated", 0):
        return [f"every new article was dropped: {report['dropped']}"]
    if last_export is not None and time.time() - last_export > quiet_days * 86400:
        return [f"no new article for more than {quiet_days:g} days"]
    return []


def crawl_site(
    target: Target, args, run_id: str, deadline: float, stopper: Stopper, progress: CronProgress
) -> dict:
    state = Path(args.state_dir)
    report_path = state / "reports" / run_id / f"{target.site}.json"
    budget = deadline - time.monotonic()
    with cron_store(args) as store:
        expects, last_export = expects_articles(target, store), store.last_export_at(target.site)
    if stopper.signal is not None:
        return {"site": target.site, "failures": [f"not run: the run was stopped by {stopper.signal.name}"]}
    if budget < 1:
        return {"site": target.site, "failures": ["not run: the run time budget was used up"]}
    started = time.monotonic()
    log = state / "logs" / run_id / f"{target.site}.log"
    shown = log.with_suffix(".progress.json")
    command = crawl_command(target, args, run_id, report_path, budget)
    if args.frontier:  # N workers on the shared frontier, their reports merged into one
        ids = cronworkers.worker_ids(args.workers)
        results = cronworkers.run_workers(command, ids, state, run_id, target.site, budget, args.grace, stopper)
        report, rc = cronworkers.merge_reports(results), cronworkers.worst_exit(results)
        forced = next((r["stopped_by"] for r in results.values() if r["stopped_by"]), None)
    else:
        command += progress.settings(shown)
        rc, forced = run_child(command, log, environment(), budget, args.grace, stopper, progress.watcher(shown))
        report = json.loads(report_path.read_text("utf-8")) if report_path.is_file() else None
    result = dict(report or {"site": target.site})
    result.update(exit_code=rc, stopped_by=forced, wall_seconds=round(time.monotonic() - started, 3))
    result["failures"] = failures(report, rc, expects, last_export, args)
    return result


def write_report(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.part")
    temp.write_text(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temp, path)


def run(args: argparse.Namespace) -> int:
    """Crawl every target under the cron lock; a stop signal ends the run (lock held till the crawl ends)."""
    targets = targets_from(args)
    check_writable(Path(args.output_dir))
    with Stopper() as stopper:
        return _run_locked(targets, args, stopper)


def _crawl_all(targets: list[Target], args, run_id: str, deadline: float, stopper: Stopper) -> dict:
    """Crawl the sites one after the other, showing their progress when asked to."""
    with CronProgress(args) as progress:
        return {t.site: crawl_site(t, args, run_id, deadline, stopper, progress) for t in targets}


def _run_locked(targets: list[Target], args: argparse.Namespace, stopper: Stopper) -> int:
    state = Path(args.state_dir)
    lock = acquire_lock(state / "cron.lock")
    try:
        cron_store(args).close()  # a corrupt (or unreachable) store stops the run before any crawl
        run_id = new_run_id()
        started, deadline = time.time(), time.monotonic() + args.max_runtime
        sites = _crawl_all(targets, args, run_id, deadline, stopper)
        cronhook.judge_sites(state, run_id, sites, args.set)  # drift alerts join the failures
        failed = sorted(site for site, result in sites.items() if result["failures"])
        code = stopper.exit_code or (EXIT_FAILED if failed else EXIT_OK)
        report = {
            "run_id": run_id,
            "started": datetime.fromtimestamp(started, UTC).isoformat(timespec="seconds"),
            "duration": round(time.time() - started, 3),
            "exit_code": code,
            "failed_sites": failed,
            "stopped_by": stopper.signal.name if stopper.signal else None,
            "sites": sites,
        }
        path = Path(args.report) if args.report else state / "reports" / f"run-{run_id}.json"
        write_report(path, report)
        write_report(state / "last-run.json", report)
        if args.html:
            dashboard.write(state, Path(args.html))
    finally:
        lock.close()
    print_summary(report, path, args.verbose)
    return code


def print_summary(report: dict, path: Path, verbose: bool) -> None:
    """Silent on success (cron mails any output) unless verbose; failures go to stderr; a stop is one line."""
    if report.get("stopped_by"):
        print(f"newsspider.cron: stopped by {report['stopped_by']}; run report: {path}", file=sys.stderr)
        return
    stream = sys.stderr if report["failed_sites"] else sys.stdout
    if not (verbose or report["failed_sites"]):
        return
    for site, result in report["sites"].items():
        status = "FAILED: " + "; ".join(result["failures"]) if result["failures"] else "ok"
        print(f"{site}: {result.get('new_articles', 0)} new articles, {status}", file=stream)
    print(f"run report: {path}", file=stream)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    reason = check_args(args)
    if reason:
        print(f"newsspider.cron: {reason}", file=sys.stderr)
        return EXIT_USAGE
    if args.forget:
        try:
            with cron_store(args) as store:
                print(f"{args.forget}: forgot {store.forget_site(args.forget)} articles")
        except StateCorruptError as exc:
            print(f"newsspider.cron: {exc}", file=sys.stderr)
            return EXIT_FAILED
        return EXIT_OK
    try:
        return run(args)
    except ProfileError as exc:
        print(f"newsspider.cron: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StateLockedError as exc:
        print(f"newsspider.cron: another run is active ({exc}); not starting", file=sys.stderr)
        return EXIT_LOCKED
    except (StateCorruptError, OutputNotWritableError) as exc:
        print(f"newsspider.cron: {exc}; not starting", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
