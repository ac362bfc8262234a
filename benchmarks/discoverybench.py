"""Discovery overhead: a generic crawl from the home page against a profiled crawl of the same generated portal."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.report import Row
from newsspider.demosite.portal import Portal, PortalServer
from newsspider_testing import crawlrun

# Profiles a site owner would write for two layouts: section fronts as start URLs, article and listing regexes.
PROFILES = {
    "hanweb": {
        "article_url": r"/art/\d+/\d+/\d+/art_\d+_\d+\.html$",
        "listing_url": r"/col/col\d+/index\.html(\?uid=\d+&pageNum=\d+)?$",
    },
    "wordpress": {
        "article_url": r"/\?p=\d+$|/\d{4}/\d{2}/[\w-]+/$",
        "listing_url": r"/category/\w+/(page/\d+/)?$",
    },
}
SETTINGS = {**crawlrun.FAST_SETTINGS, "NEWSSPIDER_EXTRACT_WORKERS": "0", "LOG_LEVEL": "WARNING"}


@dataclass
class Run:
    """One crawl: requests the server answered, CPU seconds of the crawl process, articles exported."""

    requests: int
    cpu: float
    exported: int


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _measure(server: PortalServer, command: list[str], log: Path, output: Path) -> Run:
    log.parent.mkdir(parents=True, exist_ok=True)
    before_cpu, before_lines = _children_cpu(), len(crawlrun.read_urls(output)[0])
    server.take_counts()
    with log.open("ab") as out:
        code = subprocess.run(
            command,
            cwd=crawlrun.ROOT,
            env=crawlrun.project_env(),
            check=False,
            timeout=900,
            stdout=out,
            stderr=subprocess.STDOUT,
        ).returncode
    if code != 0:
        raise RuntimeError(f"crawl failed ({code}): see {log}")
    exported = len(crawlrun.read_urls(output)[0]) - before_lines
    return Run(sum(server.take_counts().values()), _children_cpu() - before_cpu, exported)


def _generic(server: PortalServer, work: Path) -> list[Run]:
    command = crawlrun.crawl_command(server.base + "/", work, **SETTINGS)
    return [_measure(server, command, work / "crawl.log", work / "output") for _ in range(2)]


def _profiled(server: PortalServer, layout: str, work: Path) -> list[Run]:
    portal = server.portal
    starts = [server.base + portal.layout.section(s, 1) for s in range(3)]
    settings = {
        **SETTINGS,
        "NEWSSPIDER_STATE_DIR": str(work / "state"),
        "NEWSSPIDER_OUTPUT_DIR": str(work / "output"),
        "ROBOTSTXT_OBEY": False,
    }
    args = {
        "start_urls": starts,
        "settings": settings,
        "stats": str(work / "stats.json"),
        "profile": {"id": f"bench_{layout}", **PROFILES[layout]},
    }
    command = [sys.executable, "-m", "newsspider_testing.faultcrawl", json.dumps(args)]
    return [_measure(server, command, work / "crawl.log", work / "output") for _ in range(2)]


def run(layouts: list[str], per_section: int, workroot: Path) -> list[Row]:
    """Per layout: requests and CPU per exported article (run 1), requests and CPU of run 2; generic / profiled."""
    rows = []
    for layout in layouts:
        with PortalServer(Portal(layout, per_section=per_section, per_page=20)) as server:
            generic = _generic(server, workroot / f"discovery-{layout}-generic")
            profiled = _profiled(server, layout, workroot / f"discovery-{layout}-profile")
        rows += _rows(layout, generic, profiled)
    return rows


def _rows(layout: str, generic: list[Run], profiled: list[Run]) -> list[Row]:
    first, second = generic
    base1, base2 = profiled
    note = (
        f"{first.exported} articles exported (profiled: {base1.exported}); run 2 exported {second.exported}"
    )
    figures = [
        (
            "requests/article run 1",
            first.requests / max(1, first.exported),
            base1.requests / max(1, base1.exported),
            "",
            "<= 1.3",
        ),
        (
            "CPU ms/article run 1",
            1000 * first.cpu / max(1, first.exported),
            1000 * base1.cpu / max(1, base1.exported),
            "ms",
            "<= 1.5",
        ),
        ("requests run 2", second.requests, base2.requests, "", "<= 1.5"),
        ("CPU s run 2", second.cpu, base2.cpu, "s", "<= 1.5"),
    ]
    return [
        Row(
            "discovery",
            f"{metric} ({layout})",
            ours,
            unit,
            base,
            "profiled crawl",
            ours / base if base else None,
            target,
            note,
            {"generic": [vars(first), vars(second)], "profiled": [vars(base1), vars(base2)]},
        )
        for metric, ours, base, unit, target in figures
    ]
