"""Headless Debian Chromium driven by Selenium through the system chromedriver (no driver downloads)."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,1600",
)  # fmt: skip


def available() -> bool:
    """Whether the Debian chromium and chromium-driver packages are installed (``.ci/run`` installs them)."""
    return Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()


@contextmanager
def chromium(profile_parent: str | Path | None = None):
    """A Selenium Chrome driver on the system Chromium with a fresh user data dir; quit and removed after."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    user_data = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=profile_parent))
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={user_data}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(user_data, ignore_errors=True)


def console_errors(driver) -> list[str]:
    """SEVERE entries of the page's console log since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


# Navigation timing of the page just loaded, and its first contentful paint, in milliseconds.
TIMING_JS = """
const nav = performance.getEntriesByType('navigation')[0];
const paint = performance.getEntriesByName('first-contentful-paint')[0];
return {load: nav.loadEventEnd, dom: nav.domContentLoadedEventEnd, fcp: paint ? paint.startTime : null};
"""
