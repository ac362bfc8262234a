"""Feeds and sitemaps as article sources: formats, dates, and bad input (malformed, truncated, bombs, huge)."""

from __future__ import annotations

import gzip
import subprocess
import sys
import textwrap
from datetime import UTC, datetime

import pytest

from newsspider.discovery import sources
from newsspider.extract.page import Page

NOW = datetime(2024, 3, 10, tzinfo=UTC)
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'

FEEDS = {
    "rss091": '<rss version="0.91"><channel><title>t</title><item><title>a</title><link>http://a.cn/1.html</link></item></channel></rss>',
    "rss20": '<rss version="2.0"><channel><item><link>http://a.cn/1.html</link>'
             '<pubDate>Fri, 01 Mar 2024 10:00:00 +0800</pubDate></item></channel></rss>',
    "atom": '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="http://a.cn/1.html"/><updated>2024-03-01T02:00:00Z</updated></entry></feed>',
    "rdf": '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="http://a.cn/1.html"><link>http://a.cn/1.html</link></item></rdf:RDF>',
}


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_feed_formats(name):
    entries, malformed = sources.feed_entries(FEEDS[name].encode(), NOW)
    assert [entry.url for entry in entries] == ["http://a.cn/1.html"]
    assert not malformed
    if name in ("rss20", "atom"):
        assert entries[0].published == datetime(2024, 3, 1, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "date",
    ["Mon, 45 Foo 2024 99:00:00 +0800", "Fri, 01 Mar 9999 10:00:00 +0800", "Fri, 01 Mar 1970 10:00:00 +0800"],
)
def test_feed_items_with_impossible_dates_keep_their_link_without_a_date(date):
    body = f'<rss version="2.0"><channel><item><link>http://a.cn/1.html</link><pubDate>{date}</pubDate></item></channel></rss>'
    (entry,), _ = sources.feed_entries(body.encode(), NOW)
    assert (entry.url, entry.published, entry.bad_date) == ("http://a.cn/1.html", None, True)


def test_truncated_feed_yields_what_it_holds_and_says_so():
    entries, malformed = sources.feed_entries(FEEDS["rss20"].encode()[:-25], NOW)
    assert [entry.url for entry in entries] == ["http://a.cn/1.html"] and malformed


@pytest.mark.parametrize("body", [b"", b"<html><body>not a feed</body></html>", b"\x00\xff garbage"])
def test_not_a_feed(body):
    with pytest.raises(sources.SourceError) as caught:
        sources.feed_entries(body, NOW)
    assert caught.value.reason == "feed_invalid"


def test_feed_autodiscovery():
    html = (
        '<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
        '<link rel="alternate" type="text/html" href="/en/"><link rel="alternate" type="application/atom+xml" '
        'href="http://a.cn/atom.xml"></head><body></body></html>'
    )
    page = Page.from_bytes(html.encode(), "http://a.cn/", {"content-type": "text/html"})
    assert sources.feed_links(page) == ["http://a.cn/rss.xml", "http://a.cn/atom.xml"]


def urlset(*urls: str) -> bytes:
    return f'<?xml version="1.0"?><urlset {NS}>{"".join(urls)}</urlset>'.encode()


def test_news_sitemap_dates_and_lastmod():
    body = urlset(
        "<url><loc>http://a.cn/1.html</loc><news:news><news:publication_date>2024-03-01T10:00:00+08:00"
        "</news:publication_date></news:news></url>",
        "<url><loc>http://a.cn/2.html</loc><lastmod>2024-03-02</lastmod></url>",
        "<url><loc>http://a.cn/3.html</loc><lastmod>2024-13-45</lastmod></url>",
    )
    kind, entries, whole = sources.read_sitemap(body, 10**6, NOW)
    found = list(entries)
    assert (kind, whole) == ("urlset", True)
    assert [e.url for e in found] == ["http://a.cn/1.html", "http://a.cn/2.html", "http://a.cn/3.html"]
    assert found[0].published == datetime(2024, 3, 1, 2, 0, tzinfo=UTC)
    assert found[1].published == datetime(2024, 3, 2, tzinfo=UTC)
    assert (found[2].published, found[2].bad_date) == (None, True)


def test_sitemap_index_and_gzip():
    body = f"<sitemapindex {NS}><sitemap><loc>http://a.cn/s1.xml.gz</loc></sitemap></sitemapindex>".encode()
    kind, entries, _ = sources.read_sitemap(gzip.compress(body), 10**6, NOW)
    assert kind == "sitemapindex" and [e.url for e in entries] == ["http://a.cn/s1.xml.gz"]


def test_gzip_bomb_is_refused_before_it_expands():
    bomb = gzip.compress(b"<urlset>" + b" " * (64 * 1024 * 1024))
    assert len(bomb) < 100_000
    with pytest.raises(sources.SourceError) as caught:
        sources.read_sitemap(bomb, 1024 * 1024, NOW)
    assert caught.value.reason == "sitemap_too_large"


def test_truncated_sitemap_leaves_out_the_cut_entry():
    body = urlset("<url><loc>http://a.cn/1.html</loc></url>", "<url><loc>http://a.cn/2.html</loc></url>")
    _, entries, whole = sources.read_sitemap(body[: body.index(b"2.html") + 2], 10**6, NOW)
    assert [e.url for e in entries] == ["http://a.cn/1.html"] and not whole


@pytest.mark.parametrize(
    "body", [b"", b"not xml at all", b"<html><body>x</body></html>", gzip.compress(b"")[:5]]
)
def test_unreadable_sitemaps(body):
    with pytest.raises(sources.SourceError):
        list(sources.read_sitemap(body, 10**6, NOW)[1])


def test_robots_sitemap_lines():
    robots = b"User-agent: *\nDisallow: /admin\nSitemap: /sitemap_index.xml\nsitemap: http://a.cn/news.xml\n"
    assert sources.robots_sitemaps(robots, "http://a.cn/robots.txt") == [
        "http://a.cn/sitemap_index.xml",
        "http://a.cn/news.xml",
    ]


def test_max_age_window():
    old = sources.Entry("http://a.cn/1.html", datetime(2024, 1, 1, tzinfo=UTC))
    new = sources.Entry("http://a.cn/2.html", datetime(2024, 3, 9, tzinfo=UTC))
    undated = sources.Entry("http://a.cn/3.html")
    assert [sources.too_old(e, NOW, 7) for e in (old, new, undated)] == [True, False, False]
    assert not sources.too_old(old, NOW, 0)


STREAM = textwrap.dedent("""
    import resource, sys
    from datetime import UTC, datetime
    from newsspider.discovery import sources
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    body = ("<urlset " + ns + ">" + "".join(
        f"<url><loc>http://a.cn/news/2024/{n}.html</loc><lastmod>2024-03-01</lastmod></url>" for n in range(100_000)
    ) + "</urlset>").encode()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = sum(1 for _ in sources.read_sitemap(body, 64 * 1024 * 1024, datetime.now(UTC))[1])
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(count, len(body) // 1024, after - before)
""")


def test_a_100000_url_sitemap_is_streamed_in_bounded_memory():
    """Memory grows by less than the document's own size (a whole lxml tree would take about ten times it)."""
    out = subprocess.run(
        [sys.executable, "-c", STREAM], capture_output=True, text=True, timeout=120, check=True
    )
    count, body_kib, growth_kib = map(int, out.stdout.split())
    assert count == 100_000
    assert growth_kib < body_kib, (body_kib, growth_kib)
