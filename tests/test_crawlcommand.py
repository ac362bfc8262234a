"""The one builder of ``scrapy crawl … -s K=V`` command lines, and nobody else building them by hand."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from newsspider.crawlcommand import crawl_command, parse_settings, scrapy_command, setting_flags

ROOT = Path(__file__).resolve().parents[1]


def test_crawl_command_spider_args_then_settings_in_order():
    command = crawl_command("news", {"site": "haikou"}, {"LOG_LEVEL": "INFO", "CONCURRENT_REQUESTS": 2})
    assert command == [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "site=haikou",
                       "-s", "LOG_LEVEL=INFO", "-s", "CONCURRENT_REQUESTS=2"]  # fmt: skip


def test_scrapy_command_takes_another_interpreter_and_no_settings():
    assert scrapy_command("runspider", "x.py", python=["py", "-m", "cProfile"]) == [
        "py", "-m", "cProfile", "-m", "scrapy", "runspider", "x.py"
    ]  # fmt: skip


def test_setting_values_are_kept_whole():
    assert setting_flags({"FEEDS": '{"a.jsonl": {"format": "jsonlines"}}', "X": Path("/a b")}) == [
        "-s", 'FEEDS={"a.jsonl": {"format": "jsonlines"}}', "-s", "X=/a b"
    ]  # fmt: skip


def test_parse_settings_last_one_wins_and_values_keep_their_equals_signs():
    assert parse_settings(["A=1", "B=x=y", " A =2"]) == {"B": "x=y", "A": "2"}


def test_no_other_module_builds_setting_flags_by_hand():
    pattern = re.compile(r"""["']-s["'],\s*f["']""")
    files = [path for folder in ("newsspider", "newsspider_testing", "benchmarks") for path in (ROOT / folder).rglob("*.py")]
    offenders = [str(path) for path in files if path.name != "crawlcommand.py" and pattern.search(path.read_text("utf-8"))]
    assert not offenders
