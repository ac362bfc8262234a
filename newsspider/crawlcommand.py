"""``python -m scrapy crawl … -a K=V -s K=V`` command lines: the one builder for cron, demo, tests, benchmarks."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence


def setting_flags(settings: Mapping[str, object]) -> list[str]:
    """``-s NAME=VALUE`` for each setting, in order (Scrapy lets a later one win)."""
    return [part for name, value in settings.items() for part in ("-s", f"{name}={value}")]


def parse_settings(pairs: Iterable[str]) -> dict[str, str]:
    """``NAME=VALUE`` strings (cron's ``-s`` arguments, checked by cronargs) as a mapping; a later name wins."""
    found: dict[str, str] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        found.pop(name.strip(), None)  # keep the command-line order: a repeated name moves to its last place
        found[name.strip()] = value
    return found


def scrapy_command(
    *args: str, settings: Mapping[str, object] | None = None, python: Sequence[str] | None = None
) -> list[str]:
    """``python -m scrapy ARGS... -s NAME=VALUE...``; ``python`` replaces the interpreter (e.g. under cProfile)."""
    return [*(python or (sys.executable,)), "-m", "scrapy", *args, *setting_flags(settings or {})]


def crawl_command(
    spider: str = "news",
    spider_args: Mapping[str, str] | None = None,
    settings: Mapping[str, object] | None = None,
    *,
    python: Sequence[str] | None = None,
) -> list[str]:
    """``python -m scrapy crawl SPIDER -a NAME=VALUE... -s NAME=VALUE...``."""
    arg_flags = [part for name, value in (spider_args or {}).items() for part in ("-a", f"{name}={value}")]
    return scrapy_command("crawl", spider, *arg_flags, settings=settings, python=python)
