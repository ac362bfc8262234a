"""Site health figures, drift rules and provenance: pure functions, table-driven."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsspider.extract.article import extract_raw
from newsspider.extract.page import Page
from newsspider.health.drift import Limits, baseline, drift_reasons
from newsspider.health.figures import (
    FIELDS,
    RunFigures,
    filled_fields,
    has_minute,
    item_figures,
    latency_bucket,
)
from newsspider.sites.profile import Selectors, SiteProfile

PAGE = Path(__file__).parent / "pages" / "health" / "profile_partial.html"
PROFILE = SiteProfile(
    id="health_demo", name="示例门户", domains=("www.example.cn",), start_urls=("http://www.example.cn/",),
    article_url=r"/a/\d+\.html",
    selectors=Selectors(title=".art-title", published_at=".art-meta .pub", authors=".who", body=".art-body"),
)  # fmt: skip


@pytest.mark.parametrize(
    ("published_at", "raw", "expected"),
    [
        ("2024-05-06T09:30:00+08:00", "2024-05-06 09:30", True),
        ("2024-05-06T09:30:00+08:00", "2024年05月06日 09时30分", True),
        ("2024-05-06T09:30:00+08:00", "2024-05-06T01:30:00Z", True),
        ("2024-05-06T00:00:00+08:00", "2024-05-06", False),  # a day only: no minute
        ("2024-05-06T00:00:00+08:00", None, False),
        ("2024-05-06T09:30:00+08:00", None, True),
        (None, "2024-05-06 09:30", False),
    ],
)
def test_published_at_counts_only_with_a_minute(published_at, raw, expected):
    assert has_minute({"published_at": published_at, "published_at_raw": raw}) is expected


def test_filled_fields_and_source_found_on_the_page():
    item = {"title": "T", "published_at": "2024-05-06T09:30:00+08:00", "published_at_raw": "09:30",
            "authors": ["王"], "editors": [], "source": "示例门户", "section": None, "images": [{"url": "x"}]}  # fmt: skip
    assert filled_fields(item) == ("title", "published_at", "authors", "source", "images")
    # The chain falls back to the site's own name: that is no source found on the page.
    assert "source" not in filled_fields(item, {"title": "generic"})
    assert "source" in filled_fields(item, {"source": "generic"})


@pytest.mark.parametrize(("seconds", "label"), [(0.05, "<=0.1"), (0.1, "<=0.1"), (0.3, "<=0.5"), (31, ">30")])
def test_latency_histogram_buckets(seconds, label):
    assert latency_bucket(seconds) == label


def test_run_record():
    run = RunFigures()
    for body, authors in ((100, ["a"]), (300, []), (200, ["b"])):
        run.articles.append(
            item_figures({"title": "t", "body": "x" * body, "authors": authors}, {"title": "profile"})
        )
    run.add_response(200, 0.2)
    run.add_response(404, None)
    run.drops["missing_body"] += 2
    record = run.record()
    assert record["articles"] == 3
    assert record["filled"]["authors"] == 2 and record["filled"]["title"] == 3
    assert record["median_body"] == 200
    assert record["statuses"] == {"200": 1, "404": 1}
    assert record["latency"]["count"] == 1 and record["latency"]["median"] == 0.2
    assert record["drops"] == {"missing_body": 2}
    assert record["provenance"] == {"known": 3, "any_profile": 3, "by_field": {
        "title": 3, "published_at": 0, "authors": 0, "editors": 0, "source": 0, "section": 0, "body": 0}}  # fmt: skip


def test_empty_run_record():
    record = RunFigures().record()
    assert (record["articles"], record["median_body"], record["latency"]) == (0, None, {"count": 0})


def test_origins_tell_profile_selectors_from_generic_rules():
    page = Page.from_bytes(PAGE.read_bytes(), "http://www.example.cn/a/1.html")
    raw = extract_raw(page, PROFILE)
    assert raw.fields["published_at_raw"] == "2024-05-06 09:30"  # found by the generic rules
    assert raw.side["origins"] == {
        "title": "profile",
        "published_at": "generic",
        "authors": "profile",
        "body": "profile",
    }
    generic = extract_raw(Page.from_bytes(PAGE.read_bytes(), "http://www.example.cn/a/1.html"))
    assert set(generic.side["origins"].values()) == {"generic"}


def run(articles: int, body: int = 1000, **filled: int) -> dict:
    """A run record with ``articles`` articles, every field filled in all of them unless given."""
    return {
        "articles": articles,
        "filled": {name: filled.get(name, articles) for name in FIELDS},
        "median_body": body,
    }


LIMITS = Limits(window_days=7, min_runs=3, min_articles=3, fill_points=50, body_ratio=2)
HISTORY = [run(10, authors=9), run(10, authors=9), run(10, authors=9), run(0, body=None)]


@pytest.mark.parametrize(
    ("current", "history", "expected"),
    [
        (run(6), HISTORY, []),  # unchanged (authors 100 % vs 90 %)
        (
            run(6, authors=0),
            HISTORY,
            ["drift: authors filled in 0% of 6 new articles, 90% over the last 7 days (3 runs)"],
        ),
        (run(6, authors=0), HISTORY[:2], []),  # a new site builds history first
        (run(2, authors=0), HISTORY, []),  # too few articles this run to judge
        (run(6, authors=3), HISTORY, []),  # 50 % vs 90 %: within 50 points
        (
            run(6, body=400),
            HISTORY,
            ["drift: median body 400 chars in 6 new articles, 1000 over the last 7 days (3 runs)"],
        ),
        (run(6, body=501), HISTORY, []),  # less than halved
        (
            run(6, body=2500),
            HISTORY,
            ["drift: median body 2500 chars in 6 new articles, 1000 over the last 7 days (3 runs)"],
        ),
        (
            run(6, images=6),
            [run(10, images=0)] * 3,
            ["drift: images filled in 100% of 6 new articles, 0% over the last 7 days (3 runs)"],
        ),
    ],
)
def test_drift_rules(current, history, expected):
    assert drift_reasons(current, history, LIMITS) == expected


def test_baseline_weighs_articles_and_skips_empty_runs():
    total, rates, body = baseline(
        [run(30, authors=30, body=900), run(10, authors=0, body=1100), run(0, body=None)]
    )
    assert (total, rates["authors"], body) == (40, 75.0, 1000)


def test_limits_from_settings():
    from scrapy.settings import Settings

    limits = Limits.from_settings(
        Settings({"NEWSSPIDER_DRIFT_MIN_RUNS": "2", "NEWSSPIDER_DRIFT_FILL_POINTS": "30"})
    )
    assert (limits.min_runs, limits.fill_points, limits.window_days) == (2, 30.0, 7.0)
