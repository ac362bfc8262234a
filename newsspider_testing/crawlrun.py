"""Run real ``scrapy crawl`` subprocesses against a loopback site and audit the feed batches they left."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsspider import crawlcommand
from newsspider.state.feedstorage import is_temp_name
from newsspider_testing import REPO_ROOT

ROOT = REPO_ROOT
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "ROBOTSTXT_OBEY": "False",
    "CONCURRENT_REQUESTS": "8",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "RETRY_TIMES": "0",
    "NEWSSPIDER_BACKOFF_BASE": "0.05",  # failures back off for milliseconds, not seconds
    "LOG_LEVEL": "INFO",
}


def crawl_command(start_url: str, workdir: Path, **settings: object) -> list[str]:
    """``scrapy crawl news`` in generic mode with state and output under ``workdir``."""
    values = {**FAST_SETTINGS, "NEWSSPIDER_STATE_DIR": str(workdir / "state"),
              "NEWSSPIDER_OUTPUT_DIR": str(workdir / "output"),
              "NEWSSPIDER_RUN_REPORT": str(workdir / "report.json"), **settings}  # fmt: skip
    return crawlcommand.crawl_command("news", {"start_url": start_url}, values)


def project_env() -> dict[str, str]:
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "newsspider.settings", "PYTHONPATH": str(ROOT)}


def start(command: list[str], log: Path) -> subprocess.Popen:
    """Start a crawl (its output goes to ``log``); the caller stops it by its own handle."""
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=project_env())


def run(command: list[str], log: Path, timeout: float = 120) -> int:
    process = start(command, log)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        raise


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.02) -> bool:
    """Poll ``predicate`` until it holds or ``timeout`` seconds pass (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


@dataclass
class Audit:
    """What the final batch files of a feed folder hold, against the expected article URLs."""

    expected: int = 0
    exported: int = 0  # lines in final files
    duplicates: int = 0  # lines beyond the first for an URL
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    torn: int = 0  # lines that are not one whole JSON object ending in a newline
    files: int = 0
    temp_files: int = 0
    invalid: list[str] = field(default_factory=list)  # lines breaking schema/article.schema.json, with why


def final_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.jsonl") if not is_temp_name(p.name))


def read_urls(folder: Path) -> tuple[list[str], int]:
    """(url of every whole line in final batch files, torn line count)."""
    urls, torn = [], 0
    for path in final_files(folder):
        data = path.read_bytes()
        for line in data.split(b"\n")[:-1]:
            try:
                urls.append(json.loads(line)["url"])
            except (ValueError, KeyError):
                torn += 1
        torn += 1 if data and not data.endswith(b"\n") else 0
    return urls, torn


def schema_errors(folder: Path) -> list[str]:
    """``file:line: error`` for every whole line of the final batch files that breaks the published schema."""
    from newsspider import schema

    validator, found = schema.validator(), []
    for path in final_files(folder):
        for number, line in enumerate(path.read_bytes().split(b"\n")[:-1], 1):
            try:
                item = json.loads(line)
            except ValueError:
                continue  # counted as torn
            found += [f"{path.name}:{number}: {error.message}" for error in validator.iter_errors(item)]
    return found


def audit(folder: Path, expected_urls: set[str]) -> Audit:
    urls, torn = read_urls(folder)
    counts = Counter(urls)
    return Audit(
        expected=len(expected_urls),
        exported=len(urls),
        duplicates=sum(n - 1 for n in counts.values()),
        missing=sorted(expected_urls - set(counts)),
        unexpected=sorted(set(counts) - expected_urls),
        torn=torn,
        files=len(final_files(folder)),
        temp_files=sum(1 for p in folder.rglob("*") if is_temp_name(p.name)),
        invalid=schema_errors(folder),
    )
