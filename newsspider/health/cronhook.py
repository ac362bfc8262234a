"""What the cron command asks of site health: drift failures per site, the outcome record, the dashboard."""

from __future__ import annotations

import os
from pathlib import Path

from scrapy.settings import Settings

from newsspider.health.drift import Limits, drift_reasons
from newsspider.health.store import HealthStore

DAY = 86400.0


def settings_with(overrides: list[str]) -> Settings:
    """The project settings plus the cron command's ``-s NAME=VALUE`` overrides."""
    settings = Settings()
    settings.setmodule(os.environ.get("SCRAPY_SETTINGS_MODULE", "newsspider.settings"), priority="project")
    for entry in overrides:
        name, _, value = entry.partition("=")
        settings.set(name.strip(), value, priority="cmdline")
    return settings


def site_drift(store: HealthStore, site: str, run_id: str, limits: Limits) -> list[str]:
    """Drift reasons of this run of ``site`` against its runs of the last ``window_days``."""
    current = store.run(run_id, site)
    if current is None:
        return []
    since = current["finished_at"] - limits.window_days * DAY
    return drift_reasons(current, store.history(site, current["finished_at"], since), limits)


def judge_sites(state_dir: str | Path, run_id: str, sites: dict[str, dict], overrides: list[str]) -> None:
    """Add each site's drift reasons to its ``failures`` (and ``drift``) and record the outcome."""
    settings = settings_with(overrides)
    if not settings.getbool("NEWSSPIDER_HEALTH_ENABLED", True):
        return
    limits = Limits.from_settings(settings)
    with HealthStore.in_dir(state_dir) as store:
        for site, result in sites.items():
            result["drift"] = site_drift(store, site, run_id, limits)
            result["failures"] = result.get("failures", []) + result["drift"]
            store.record_outcome(run_id, site, result["failures"], result["drift"])
