"""Project Scrapy commands (COMMANDS_MODULE)."""

from __future__ import annotations

from scrapy.exceptions import UsageError

from newsspider.exceptions import ProfileError
from newsspider.sites import get_profile


def check_site_option(site: str | None) -> None:
    """``--site ID`` names a known profile, or the command stops with a usage error naming the known ones."""
    if site:
        try:
            get_profile(site)
        except ProfileError as exc:
            raise UsageError(str(exc)) from exc
