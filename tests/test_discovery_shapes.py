"""URL shapes and the per-site book of learned shapes (learn, trust, drop, JSON round trip)."""

from __future__ import annotations

import pytest

from newsspider.discovery.shapes import ShapeBook, url_shape


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("http://a.cn/xw/2024-03/01/content_12.htm", "/xw/#-#/#/content_#.htm"),
        ("http://a.cn/xw/node_12.htm", "/xw/node_#.htm"),
        ("http://a.cn/xw/node_12_2.htm", "/xw/node_#_#.htm"),
        ("http://a.cn/?p=123", "/?p=#"),
        ("http://a.cn/2024/05/city-report/", "/#/#/*/"),
        ("http://a.cn/category/news/", "/category/news/"),
        ("http://a.cn/portal.php?mod=view&aid=12", "/portal.php?aid=#&mod=view"),
        ("http://a.cn/portal.php?mod=list&catid=1", "/portal.php?catid=#&mod=list"),
        ("http://a.cn/art/2024/3/1/art_1234_5678.html", "/art/#/#/#/art_#_#.html"),
        ("http://www.a.cn/show-12-345-1.html", "/show-#-#-#.html"),
    ],
)
def test_url_shape(url, shape):
    assert url_shape(url) == shape


def test_a_shape_is_trusted_after_agreeing_pages_and_dropped_when_it_stops_holding():
    book = ShapeBook()
    assert not book.record("http://a.cn/?p=1", "article")
    assert book.kind_of("http://a.cn/?p=9") is None  # one page is no pattern yet
    book.record("http://a.cn/?p=2", "article")
    assert book.kind_of("http://a.cn/?p=9") == "article"
    assert not book.record("http://a.cn/?p=3", "other")  # one odd page is tolerated
    assert book.kind_of("http://a.cn/?p=9") == "article"
    assert book.record("http://a.cn/?p=4", "other")  # two in a row: the pattern stopped holding
    assert book.kind_of("http://a.cn/?p=9") is None


def test_mixed_pages_never_make_a_pattern():
    book = ShapeBook()
    for n in range(10):
        book.record(f"http://a.cn/x/{n}.html", "article" if n % 2 else "other")
    assert book.kind_of("http://a.cn/x/99.html") is None


def test_json_round_trip_and_garbage():
    book = ShapeBook()
    for n in range(3):
        book.record(f"http://a.cn/a{n}.htm", "article")
    again = ShapeBook.from_json(book.to_json())
    assert again.learned() == {"a.cn/a#.htm": "article"}
    assert ShapeBook.from_json({"x": {"kind": "bogus"}, "y": 3}).learned() == {}
    assert ShapeBook.from_json("nonsense").learned() == {}


def test_sites_learn_apart_and_a_sites_hosts_together():
    """Thin pages of one site's shape never stop another site's articles of the same shape (one crawl, many sites)."""
    book = ShapeBook()
    for n in range(3):
        book.record(f"http://a.cn/ok/content_{n}.htm", "other")
    assert book.kind_of("http://a.cn/ok/content_9.htm") == "other"
    assert book.kind_of("http://b.cn/ok/content_9.htm") is None
    for n in range(2):
        book.record(f"http://www.c.cn/ok/content_{n}.htm", "article")
    assert book.kind_of("http://m.c.cn/ok/content_9.htm") == book.kind_of("http://c.cn/ok/content_9.htm") == "article"
