"""Crawl a generated portal from its home page with ``scrapy crawl`` and measure what discovery cost."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from newsspider.demosite.portal import Portal, PortalServer
from newsspider_testing import crawlrun


@dataclass
class RunFigures:
    """One crawl of a portal: what it exported and requested, against what the site holds."""

    articles: int  # articles the site holds
    listing_pages: int  # home, section pages, feeds and sitemaps that list them
    exported: int  # lines written by this run
    duplicates: int
    missing: list[str]
    unexpected: list[str]
    requests: int  # requests the server answered
    served: dict  # per page category
    report: dict
    cpu_seconds: float

    @property
    def ratio(self) -> float:
        return self.requests / max(1, self.articles + self.listing_pages)

    @property
    def probes(self) -> int:
        return int(self.report.get("discovery", {}).get("probes", 0))


def crawl(server: PortalServer, workdir: Path, before: set[str], **settings: object) -> RunFigures:
    """One ``scrapy crawl news -a start_url=<home>`` run; ``before``: URLs exported by earlier runs."""
    portal: Portal = server.portal
    command = crawlrun.crawl_command(server.base + "/", workdir, NEWSSPIDER_EXTRACT_WORKERS=0, **settings)
    server.take_counts()
    started = time.process_time()
    code, cpu = _run(command, workdir / "crawl.log")
    assert code == 0, (workdir / "crawl.log").read_text()[-3000:]
    served = server.take_counts()
    urls, _torn = crawlrun.read_urls(workdir / "output")
    new = [url for url in urls if url not in before]
    expected = {server.base + path for path in portal.article_paths()}
    report = json.loads((workdir / "report.json").read_text())
    del started
    return RunFigures(
        articles=portal.count,
        listing_pages=len(portal.listing_paths()) + len(portal.source_paths()),
        exported=len(new),
        duplicates=len(urls) - len(set(urls)),
        missing=sorted(expected - set(urls)),
        unexpected=sorted(set(urls) - expected),
        requests=sum(served.values()),
        served=dict(served),
        report=report,
        cpu_seconds=cpu,
    )


def _run(command: list[str], log: Path) -> tuple[int, float]:
    """Run the crawl; (exit code, CPU seconds of the crawl process)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = crawlrun.run(command, log)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return code, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
