"""Generic mode from the home page alone, on generated portals in every layout, and on bad sources (issue 11)."""

from __future__ import annotations

import gzip
import json

import pytest

from newsspider.demosite.layouts import LAYOUTS
from newsspider.demosite.portal import Portal, PortalServer
from newsspider_testing import crawlrun
from newsspider_testing.portalcrawl import crawl

pytestmark = pytest.mark.slow
MAX_RATIO = 1.3


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layout_from_the_home_page(name, tmp_path):
    with PortalServer(Portal(name)) as server:
        first = crawl(server, tmp_path, set())
        assert (first.missing, first.unexpected, first.duplicates) == ([], [], 0)
        assert first.exported == first.articles == 42
        assert first.ratio <= MAX_RATIO, first.served
        state = json.loads((tmp_path / "state" / "discovery" / "127.0.0.1.json").read_text())
        assert "article" in {shape["kind"] for shape in state["shapes"].values()}

        urls, _ = crawlrun.read_urls(tmp_path / "output")
        second = crawl(server, tmp_path, set(urls))
        assert second.exported == 0
        assert second.probes == 0
        assert second.served.get("article", 0) == second.served.get("missing", 0) == 0, second.served
        assert second.served.get("redirect", 0) == 0


def _bad_sources(portal: Portal, base: str) -> None:
    cut = portal.news_sitemap()
    real = [f"{base}{path}" for path in portal.article_paths()]
    huge = "".join(
        f"<url><loc>{url}</loc></url>" for url in real + [f"{base}/nothing/{n}.html" for n in range(99_958)]
    )
    bad_feed = (
        '<rss version="2.0"><channel>'
        + "".join(
            f"<item><link>{base}{portal.article_path(n)}</link><pubDate>Fri, 45 Mar 9999 99:00:00 +0800</pubDate></item>"
            for n in range(1, 4)
        )
        + "</channel></rss>"
    )
    portal.extra = {
        "/bad.xml": ("application/xml", b"\x00\x01 not xml {{{"),
        "/broken.xml": ("application/xml", b"<urlset><url><loc>oops</url></urlset garbage"),
        "/cut.xml": ("application/xml", cut[: len(cut) // 2].encode()),
        "/bomb.xml.gz": ("application/gzip", gzip.compress(b"<urlset>" + b" " * (80 * 1024 * 1024))),
        "/huge.xml": (
            "application/xml",
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{huge}</urlset>'.encode(),
        ),
        "/rss.xml": ("application/rss+xml", bad_feed.encode()),
    }
    portal.robots_lines = [
        f"Sitemap: {base}{path}"
        for path in ("/bad.xml", "/broken.xml", "/cut.xml", "/bomb.xml.gz", "/huge.xml")
    ]
    portal.robots_lines.append("Sitemap: http://elsewhere.example/sitemap.xml")


def test_bad_sources_are_counted_and_skipped(tmp_path):
    portal = Portal("newsmap")
    with PortalServer(portal) as server:
        _bad_sources(portal, server.base)
        run = crawl(
            server,
            tmp_path,
            set(),
            NEWSSPIDER_SITEMAP_MAX_BYTES=16 * 1024 * 1024,
            NEWSSPIDER_SOURCE_MAX_URLS=200,
        )
    found = run.report["discovery"]
    assert (run.missing, run.unexpected, run.duplicates) == ([], [], 0)
    assert found["sitemap_error/sitemap_invalid"] == 1
    assert (
        found["sitemap_error/malformed"] == 2
    )  # /cut.xml and /broken.xml, read up to their last whole entry
    assert found["sitemap_error/sitemap_too_large"] == 1
    assert found["sitemap_offsite"] == 1
    assert found["source_url_limit"] >= 1
    assert run.served["missing"] <= 200  # the 100,000-URL sitemap costs at most NEWSSPIDER_SOURCE_MAX_URLS
    assert found["feed_bad_date"] == 3
    assert run.report["finish_reason"] == "finished"


@pytest.mark.parametrize(
    ("mode", "exported", "stat"), [("js", 42, "js_redirect"), ("empty", 0, "empty_start")]
)
def test_js_redirect_home_and_empty_site(mode, exported, stat, tmp_path):
    portal = Portal("trs")
    portal.home_mode = mode
    with PortalServer(portal) as server:
        run = crawl(server, tmp_path, set())
    assert run.exported == exported and not run.unexpected
    assert run.report["discovery"][stat] == 1


@pytest.mark.parametrize(
    ("layout", "fields"),
    [
        ("rssonly", {"article_url": r"/view\.asp\?id=\d+$", "feeds": ["/rss.xml"]}),
        ("newsmap", {"article_url": r"/a\d+\.htm$", "sitemaps": ["/sitemap_index.xml"]}),
    ],
)
def test_profile_feeds_and_sitemaps(layout, fields, tmp_path):
    """A profile names its feeds and sitemaps; its article_url decides which entries are articles."""
    from newsspider_testing.faultcrawl import run_crawl

    portal = Portal(layout)
    with PortalServer(portal) as server:
        sourced = {
            key: [server.base + path for path in value] if key in ("feeds", "sitemaps") else value
            for key, value in fields.items()
        }
        result = run_crawl(
            [server.base + "/"],
            tmp_path,
            None,
            {"ROBOTSTXT_OBEY": False},
            profile={"id": f"gen_{layout}", **sourced},
        )
        served = server.take_counts()
    urls = sorted(item["url"] for item in result.items)
    assert result.returncode == 0, result.log[-2000:]
    assert urls == sorted(server.base + path for path in portal.article_paths())
    assert served.get("missing", 0) == 0  # a profile probes nothing


def test_a_learned_pattern_that_stops_holding_is_dropped_and_counted(tmp_path):
    """Run 1 learns /?p=# as articles; in run 2 the new /?p= pages have no text: two in a row drop the shape."""
    portal = Portal("wordpress")
    with PortalServer(portal) as server:
        crawl(server, tmp_path, set())
        urls, _ = crawlrun.read_urls(tmp_path / "output")
        portal.count += 6  # articles 43..48; the odd ones are /?p=<n>
        portal.blank = {43, 45, 47}
        second = crawl(server, tmp_path, set(urls))
    assert second.report["discovery"]["pattern_dropped"] == 1
    assert second.exported == 3  # 44, 46, 48 (/2024/05/<slug>/)
    assert second.missing == sorted(f"{server.base}/?p={n}" for n in (43, 45, 47))
