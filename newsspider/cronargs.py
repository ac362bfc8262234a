"""Check the cron command's arguments before anything starts: a bad one is a usage error (exit 2)."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings, Settings

if TYPE_CHECKING:
    import argparse

# (option, attribute, lowest allowed value, whether the lowest value itself is allowed)
NUMBER_RULES = (
    ("--max-runtime", "max_runtime", 0, False),
    ("--grace", "grace", 0, True),
    ("--max-errors", "max_errors", 0, True),
    ("--quiet-days", "quiet_days", 0, False),
)
_BOOLS = ("true", "false", "1", "0")


def check_args(args: argparse.Namespace) -> str | None:
    """The reason ``args`` cannot start a run, or None when they can."""
    for check in (_check_numbers, _check_start_urls, _check_settings, _check_workers):
        reason = check(args)
        if reason:
            return reason
    return None


def _check_numbers(args: argparse.Namespace) -> str | None:
    for option, name, lowest, inclusive in NUMBER_RULES:
        value = getattr(args, name)
        if not math.isfinite(value) or value < lowest or (value == lowest and not inclusive):
            bound = f"{lowest} or more" if inclusive else f"more than {lowest}"
            return f"{option} must be {bound}, got {value:g}"
    return None


def _check_workers(args: argparse.Namespace) -> str | None:
    """``--workers N`` needs a shared frontier (``--frontier redis://...``) unless N is 1."""
    workers, frontier = getattr(args, "workers", 1), getattr(args, "frontier", None)
    if workers < 1:
        return f"--workers must be 1 or more, got {workers}"
    if workers > 1 and not frontier:
        return "--workers above 1 needs --frontier redis://host:port/db (the queue the workers share)"
    if frontier and urlsplit(frontier).scheme not in ("redis", "rediss", "unix"):
        return f"--frontier must be a redis:// URL, got {frontier!r}"
    return None


def is_start_url(url: str) -> bool:
    """An http(s) URL with a host and a valid port."""
    try:
        parts = urlsplit(url)
        _port = parts.port  # raises ValueError when out of range or not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _check_start_urls(args: argparse.Namespace) -> str | None:
    for url in args.start_url or ():
        if not is_start_url(url):
            return f"--start-url must be an http(s) URL with a host: {url!r}"
    return None


def _check_settings(args: argparse.Namespace) -> str | None:
    """Each ``-s NAME=VALUE`` must parse as the type of the setting's default (Scrapy's or the project's)."""
    defaults = Settings()
    defaults.setmodule("newsspider.settings", priority="project")
    for given in args.set:
        name, equals, value = given.partition("=")
        if not equals or not name.strip():
            return f"-s {given}: expected NAME=VALUE"
        problem = value_problem(name.strip(), value, defaults.get(name.strip()))
        if problem:
            return f"-s {given}: {problem}"
    return None


def value_problem(name: str, value: str, default: object) -> str | None:
    """Why ``value`` does not fit a setting whose default is ``default`` (None: it fits)."""
    if isinstance(default, bool):
        return None if value.strip().lower() in _BOOLS else f"{name} takes True or False"
    if isinstance(default, int):
        return None if _parses(int, value) else f"{name} takes a whole number"
    if isinstance(default, float):
        return None if _parses(float, value) and math.isfinite(float(value)) else f"{name} takes a number"
    if isinstance(default, (dict, BaseSettings)):
        return (
            None if _parses(lambda text: json.loads(text).items(), value) else f"{name} takes a JSON object"
        )
    return None


def _parses(parse, value: str) -> bool:
    try:
        parse(value)
    except (ValueError, AttributeError):
        return False
    return True
