"""Main demo job: crawl the bundled demo sites (profiles) and one generated portal from its home page alone
(generic mode), all via a loopback proxy under fixed host names, and summarise the output."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from newsspider import crawlcommand
from newsspider.demosite.portal import Portal
from newsspider.demosite.server import DemoServer
from newsspider.sites import all_profiles

ROOT = Path(__file__).resolve().parents[1]
DEMO_PREFIX = "demo_"
STATE = "state"  # <output>/state: the demo sites' seen store, kept between demo runs (delete it to start over)
GENERIC_LAYOUT = "hanweb"  # the generated portal crawled from its home page, with no profile
GENERIC_HOST = "www.portal-demo.test"  # its fixed name behind the proxy: the same site (and seen keys) every run
# Demo speed: the fixture server is local, so no politeness delay (the command line beats the profiles).
FAST_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "INFO"}
_STAT_RE = re.compile(r"'(newsspider/dropped/[\w-]+|item_scraped_count|finish_reason)': '?([\w-]+)'?")


@dataclass
class CrawlResult:
    """What one ``scrapy crawl news -a site=<id>`` run produced."""

    site: str
    returncode: int
    files: list[Path] = field(default_factory=list)
    articles: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    finish_reason: str | None = None
    log: Path | None = None
    already_exported: int = 0  # links to articles an earlier run exported (skipped)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.finish_reason == "finished"


def crawl_command(
    site: str, output: Path, state: Path, report: Path, log: Path, start_url: str | None = None
) -> list[str]:
    """The ``scrapy crawl`` argv for one demo site, or for ``start_url`` in generic mode (feeds under ``output``)."""
    settings = {**FAST_SETTINGS, "NEWSSPIDER_OUTPUT_DIR": str(output), "NEWSSPIDER_STATE_DIR": str(state),
                "NEWSSPIDER_RUN_REPORT": str(report), "LOG_FILE": str(log)}  # fmt: skip
    target = {"start_url": start_url} if start_url else {"site": site}
    return crawlcommand.crawl_command("news", target, settings)


def stats_from_log(text: str) -> dict:
    """Fallback when no run report was written: the figures from Scrapy's final stats dump."""
    found: dict = {"dropped": {}}
    for key, value in _STAT_RE.findall(text):
        if key.startswith("newsspider/dropped/"):
            found["dropped"][key.rsplit("/", 1)[1]] = int(value)
        else:
            found[key] = value
    return found


def read_report(report: Path, log: Path) -> dict:
    """The run report, else the figures of the log's stats dump."""
    if report.is_file():
        return json.loads(report.read_text("utf-8"))
    return stats_from_log(log.read_text("utf-8", "replace") if log.is_file() else "")


def read_figures(report: Path, log: Path) -> tuple[dict[str, int], str | None]:
    """(drops by reason, finish reason) from the run report, else from the log's stats dump."""
    data = read_report(report, log)
    return data.get("dropped", {}), data.get("finish_reason")


def run_crawl(
    site: str, proxy_url: str | None, output: Path, state: Path, start_url: str | None = None
) -> CrawlResult:
    """Crawl one demo site in a subprocess (through the proxy, if any) with its seen store in ``state``; count
    what it exported."""
    folder = output / site
    before = set(folder.glob("*.jsonl"))
    log = output / "logs" / f"demo-{site}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.unlink(missing_ok=True)
    report = state / "reports" / f"demo-{site}.json"
    report.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k.lower() != "http_proxy"}
    env |= {"http_proxy": proxy_url, "HTTP_PROXY": proxy_url} if proxy_url else {}
    argv = crawl_command(site, output, state, report, log, start_url)
    done = subprocess.run(argv, cwd=ROOT, env=env, timeout=600, check=False)
    result = CrawlResult(site, done.returncode, sorted(set(folder.glob("*.jsonl")) - before), log=log)
    result.articles = sum(len(path.read_text("utf-8").splitlines()) for path in result.files)
    data = read_report(report, log)
    result.dropped, result.finish_reason = data.get("dropped", {}), data.get("finish_reason")
    result.already_exported = data.get("skipped_seen", 0)
    return result


def describe(result: CrawlResult) -> str:
    """One summary line for a site."""
    profile = all_profiles().get(result.site)
    named = f"{profile.name}, {', '.join(profile.domains)}" if profile else f"generic mode, {GENERIC_LAYOUT} portal"
    drops = ", ".join(f"{reason}={count}" for reason, count in sorted(result.dropped.items())) or "none"
    status = "ok" if result.ok else f"FAILED (exit {result.returncode}, finish {result.finish_reason})"
    files = ", ".join(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path) for path in result.files)
    seen = " (the others were exported by an earlier run)" if result.already_exported else ""
    seen = " (all already exported by an earlier run)" if seen and not result.articles else seen
    return (f"  {result.site} ({named}): {result.articles} articles{seen}, "
            f"dropped: {drops}; {status}\n    output: {files or 'no new file'}")  # fmt: skip


def run_generic(proxy_url: str, output: Path) -> CrawlResult:
    """Crawl the generated portal from its home page alone: sections, pagination and articles found by discovery."""
    home = f"http://{GENERIC_HOST}/"
    print(f"crawling {home} (generic mode, no profile) ...", flush=True)
    return run_crawl(GENERIC_HOST, proxy_url, output, output / STATE, start_url=home)


def demo_sites() -> list[str]:
    """Every bundled demo profile id."""
    return sorted(site for site in all_profiles() if site.startswith(DEMO_PREFIX))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "output", help="feed folder (default: output/)")
    parser.add_argument("--site", action="append", choices=demo_sites(), help="only this demo site (repeatable)")
    parser.add_argument("--no-generic", action="store_true", help="skip the generated portal crawled from its home")
    args = parser.parse_args(argv)
    output = args.output.resolve()
    results = []
    with DemoServer(portals={GENERIC_HOST: Portal(GENERIC_LAYOUT)}) as server:
        hosts = [*server.sites.hosts, *server.portals]
        print(f"demo sites {', '.join(hosts)} served via the proxy {server.proxy_url}", flush=True)
        for site in args.site or demo_sites():
            print(f"crawling {site} ...", flush=True)
            results.append(run_crawl(site, server.proxy_url, output, output / STATE))
        if not args.no_generic:
            results.append(run_generic(server.proxy_url, output))
    print(f"\nOutput in {output}/<site>/ (one JSON line per article); logs in {output}/logs/")
    for result in results:
        print(describe(result))
    if results and not any(result.articles for result in results):
        print(f"Nothing new from the demo sites: every article was exported once by an earlier run (state in "
              f"{output / STATE}/; delete it to export everything again).")
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
