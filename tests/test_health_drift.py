"""Site health end to end: cron runs build history, a template change fails that site, as the dashboard shows."""

from __future__ import annotations

import os
import sqlite3

import pytest
from test_cron import run_cron  # tests/ is on sys.path (rootdir conftest, no package)

from newsspider.health.figures import FIELDS
from newsspider.report import dashboard
from newsspider_testing import browser
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

HISTORY_RUNS = 4
DRIFT_SETTINGS = ("-s", "NEWSSPIDER_DRIFT_MIN_RUNS=3", "-s", "NEWSSPIDER_DRIFT_MIN_ARTICLES=3")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """Two generated sites through HISTORY_RUNS good cron runs, then site A loses its byline; every result."""
    tmp = tmp_path_factory.mktemp("health")
    spec = SiteSpec(articles=8, page_kb=8, per_page=20)
    with SiteServer(GeneratedSite(spec)) as a, SiteServer(GeneratedSite(spec)) as b:
        urls = ("--start-url", a.start_url, "--start-url", b.start_url.replace("127.0.0.1", "localhost"))
        html = tmp / "report.html"
        runs = []
        for n in range(HISTORY_RUNS + 1):
            if n:
                a.site.add_articles(4)
                b.site.add_articles(4)
            if n == HISTORY_RUNS:
                a.site.layout = "no_byline"  # the date line with source and author disappears
            runs.append(run_cron(tmp, *urls, *DRIFT_SETTINGS, "--html", str(html)))
    return tmp, html, runs


@pytest.mark.slow
def test_unchanged_runs_build_history_without_alerts(scenario):
    _tmp, _html, runs = scenario
    for rc, report, err in runs[:HISTORY_RUNS]:
        assert (rc, report["failed_sites"], err) == (0, [], "")
        assert all(site["drift"] == [] for site in report["sites"].values())


@pytest.mark.slow
def test_template_change_fails_that_site_naming_fields_and_figures(scenario):
    _tmp, _html, runs = scenario
    rc, report, err = runs[-1]
    assert rc == 1
    assert report["failed_sites"] == ["127.0.0.1"]
    drifted = report["sites"]["127.0.0.1"]
    assert drifted["new_articles"] == 4
    by_field = {line.split()[1]: line for line in drifted["drift"]}
    assert set(by_field) >= {"authors", "published_at"}
    assert by_field["authors"].startswith(
        "drift: authors filled in 0% of 4 new articles, 100% over the last 7 days"
    )
    assert "published_at filled in 0% of 4 new articles, 100%" in by_field["published_at"]
    assert "(4 runs)" in by_field["authors"]
    assert drifted["failures"] == drifted["drift"]
    assert report["sites"]["localhost"]["failures"] == []
    assert "127.0.0.1: 4 new articles, FAILED: drift: " in err and "drift: authors" in err


@pytest.mark.slow
def test_health_figures_count_exported_articles(scenario):
    tmp, _html, _runs = scenario
    db = sqlite3.connect(tmp / "state" / "health.sqlite3")
    rows = db.execute("SELECT site, articles FROM site_runs ORDER BY finished_at").fetchall()
    assert [n for site, n in rows if site == "localhost"] == [8, 4, 4, 4, 4]
    exported = sum(1 for path in (tmp / "output" / "localhost").glob("*.jsonl") for _ in path.open())
    assert exported == 24


@pytest.mark.slow
def test_dashboard_in_headless_chromium(scenario, tmp_path):
    _tmp, html, _runs = scenario
    if not browser.available():
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are missing: .ci/run installs them")
        pytest.skip("needs the Debian chromium and chromium-driver packages")
    with browser.chromium(tmp_path) as driver:
        driver.get(html.resolve().as_uri())
        sections = driver.find_elements("css selector", "section.site")
        shown = [(s.get_attribute("data-site"), s.get_attribute("data-status")) for s in sections]
        charts = driver.find_elements("css selector", "section.site svg.pygal-chart")
        driver.save_screenshot(str(tmp_path / "dashboard.png"))
        errors = browser.console_errors(driver)
    assert errors == []
    assert shown == [("127.0.0.1", "drifted"), ("localhost", "ok")]
    assert len(charts) == 2 * (1 + len(FIELDS))  # per site: articles per run, one sparkline per field
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
    assert dashboard.STATUS_ORDER["drifted"] < dashboard.STATUS_ORDER["ok"]
