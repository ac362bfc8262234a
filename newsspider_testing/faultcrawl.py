"""Run one real crawl in a subprocess through the fault server and return its items, stats and log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from newsspider_testing import REPO_ROOT

# Fast, deterministic settings for fault tests; each test overrides what it measures.
TEST_SETTINGS = {
    "DOWNLOAD_DELAY": 0.05,
    "DOWNLOAD_DELAY_JITTER": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_TIMEOUT": 2,
    "RETRY_TIMES": 2,
    "NEWSSPIDER_BACKOFF_BASE": 0.1,
    "NEWSSPIDER_BACKOFF_MAX": 0.5,
    "NEWSSPIDER_STATE_DIR": "",
    "NEWSSPIDER_DISCOVERY_PROBES": False,  # fault tests count requests; discovery probes are tested on their own
    "LOG_LEVEL": "INFO",
}
MAXRSS_KEY = "test/maxrss_kib"  # added to the dumped stats by the crawl process itself
CRAWL_TIMEOUT = 120  # seconds; a crawl taking longer fails the test instead of hanging it


@dataclass
class CrawlResult:
    """What one crawl exported and counted."""

    items: list[dict]
    stats: dict
    log: str
    returncode: int

    def stat(self, key: str, default: object = 0) -> object:
        return self.stats.get(key, default)


def run_crawl(
    start_urls: list[str],
    tmp: Path,
    proxy: str | None,
    settings: dict | None = None,
    profile: dict | None = None,
) -> CrawlResult:
    """Crawl ``start_urls`` with TEST_SETTINGS at project priority and ``settings`` at command-line priority.

    With ``profile`` (SiteProfile keyword arguments, ``politeness`` as a dict) the crawl runs as
    ``-a site=<id>`` with that profile registered; ``start_urls`` then become its start URLs.
    """
    out, stats, log = tmp / "items.jsonl", tmp / "stats.json", tmp / "crawl.log"
    cmdline = {**(settings or {}), "LOG_FILE": str(log)}
    cmdline["FEEDS"] = {out.as_uri(): {"format": "jsonlines", "encoding": "utf-8", "overwrite": True}}
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(REPO_ROOT), env.get("PYTHONPATH"))))  # for -m below
    if proxy:
        env["http_proxy"] = proxy
    args = json.dumps(
        {"start_urls": start_urls, "settings": cmdline, "stats": str(stats), "profile": profile}
    )
    proc = subprocess.run(
        [sys.executable, "-m", "newsspider_testing.faultcrawl", args],
        cwd=tmp, env=env, timeout=CRAWL_TIMEOUT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()] if out.exists() else []
    loaded = json.loads(stats.read_text("utf-8")) if stats.exists() else {}
    text = (log.read_text("utf-8") if log.exists() else "") + proc.stderr
    return CrawlResult(items, loaded, text, proc.returncode)


def _main(raw: str) -> None:
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    args = json.loads(raw)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newsspider.settings")
    settings = get_project_settings()
    settings.setdict(TEST_SETTINGS, priority="project")
    settings.setdict(args["settings"], priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    if args["profile"]:
        kwargs = {"site": _register_profile(args["profile"], args["start_urls"])}
    else:
        kwargs = {"start_url": ",".join(args["start_urls"])}

    process.crawl(crawler, **kwargs)
    process.start()
    stats = {
        k: v if isinstance(v, (int, float, str)) else str(v) for k, v in crawler.stats.get_stats().items()
    }
    stats[MAXRSS_KEY] = _peak_rss_kib()
    Path(args["stats"]).write_text(json.dumps(stats, indent=1), "utf-8")


def _peak_rss_kib() -> int:
    """This process's own peak RSS (VmHWM); ru_maxrss would include the forking parent's pages."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _register_profile(fields: dict, start_urls: list[str]) -> str:
    """Add a SiteProfile built from ``fields`` to the registry of this process; return its id."""
    from newsspider.sites import Politeness, SiteProfile, all_profiles

    politeness = Politeness(**fields.pop("politeness", {}))
    domains = tuple(sorted({url.split("/")[2].split(":")[0] for url in start_urls}))
    profile = SiteProfile(
        **{"name": fields["id"], "domains": domains, "start_urls": tuple(start_urls),
           "article_url": r"content_\d+\.htm$", **fields, "politeness": politeness}
    )  # fmt: skip
    all_profiles()[profile.id] = profile
    return profile.id


if __name__ == "__main__":
    _main(sys.argv[1])
