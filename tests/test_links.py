"""Table tests for newsspider.extract.links: article URLs, pagination, continuation pages, article_key."""

from __future__ import annotations

import pytest

from newsspider.extract import links, urlid
from newsspider.extract.page import Page
from newsspider.sites import get_profile
from newsspider_testing.pairs import PAGES, FixturePair

ARTICLE_URLS = [
    "http://www.hkwb.net/news/content/2020-02/29/content_3812345.htm",
    "http://www.gov.cn/xinwen/t20200229_123456.html",
    "http://www.xinhuanet.com/local/2020-02/29/c_1125642.htm",
    "https://news.example.com/2020/02/29/city-council-approves-new-budget",
    "https://www.example.cn/article/123456.html",
    "http://zjnews.example.cn/system/2024/05/14/030012345.shtml",
]
NON_ARTICLE_URLS = [
    "http://www.hkwb.net/about/aboutus.htm",
    "http://www.hkwb.net/contact.html",
    "http://www.hkwb.net/node_12.htm",
    "http://www.hkwb.net/node_12_2.htm",
    "http://www.gov.cn/xinwen/index_2.html",
    "http://www.gov.cn/xinwen/list_3.html",
    "http://www.example.cn/news/?page=2",
    "http://www.example.cn/download/2020/report_123456.pdf",
    "http://www.example.cn/tags/123456.html",
    "http://www.example.cn/",
]


@pytest.mark.parametrize("url", ARTICLE_URLS)
def test_article_urls(url):
    assert links.looks_like_article_url(url)


@pytest.mark.parametrize("url", NON_ARTICLE_URLS)
def test_non_article_urls(url):
    assert not links.looks_like_article_url(url)


@pytest.mark.parametrize(
    ("url", "known", "expected"),
    [
        ("http://www.hkwb.net/2020-02/27/content_3812501_2.htm", {"http://www.hkwb.net/2020-02/27/content_3812501.htm"}, True),
        ("http://www.hkwb.net/2020-02/27/content_3812501_12.htm", {"http://www.hkwb.net/2020-02/27/content_3812501.htm"}, True),
        ("http://www.hkwb.net/2020-02/27/content_3812501_2.htm", set(), False),  # page 1 unknown: an article
        ("http://www.hkwb.net/2020-02/27/content_3812501.htm", {"http://www.hkwb.net/2020-02/27/content.htm"}, False),
        ("http://a.cn/content/2024-05/01/content_12.htm", set(), False),  # short id, not page 12 of content.htm
        ("http://www.gov.cn/xinwen/t20240514_40123.html", {"http://www.gov.cn/xinwen/t20240514.html"}, False),
        ("http://www.hkwb.net/2020-02/27/content_3812501_1.htm", {"http://www.hkwb.net/2020-02/27/content_3812501.htm"}, False),
    ],
)  # fmt: skip
def test_is_continuation(url, known, expected):
    assert links.is_continuation(url, known) is expected


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://www.hkwb.net/2020-02/27/content_3812501.htm", "https://hkwb.net/2020-02/27/content_3812501.htm"),
        ("http://www.hkwb.net/2020-02/27/content_3812501_3.htm", "https://hkwb.net/2020-02/27/content_3812501_3.htm"),
        ("http://a.cn/content/2024-05/01/content_12.htm", "https://a.cn/content/2024-05/01/content_12.htm"),
        ("https://www.example.cn/a/123456.html?utm_source=wx&spm=1.2#top", "https://example.cn/a/123456.html"),
        ("https://m.example.cn/a/123456.html?from=timeline", "https://example.cn/a/123456.html"),
        ("http://WAP.Example.cn:80/a/123456.html", "https://example.cn/a/123456.html"),
        ("https://www.example.cn/a.php?b=2&a=1&from=timeline", "https://example.cn/a.php?a=1&b=2"),
        ("http://127.0.0.1:8080/a/1.html", "https://127.0.0.1:8080/a/1.html"),  # another port: another site
        ("https://m.cn/a/1.html", "https://m.cn/a/1.html"),  # a two-label host keeps its name
    ],
)  # fmt: skip
def test_article_key(url, key):
    assert urlid.article_key(url) == key


def test_listing_with_short_ids_lists_every_article():
    """content_1 ... content_60 on one listing are 60 articles, not pages of one (issue 9 item 1)."""
    base = "http://a.cn/content/2024-05/01/"
    page = listing_page(base + "node_1.htm", [(f"{base}content_{n}.htm", f"标题{n}") for n in range(1, 61)])
    assert links.listing_links(page).articles == [f"{base}content_{n}.htm" for n in range(1, 61)]


def test_listing_skips_a_continuation_whose_first_page_it_lists():
    base = "http://a.cn/2024-05/01/content_123456"
    page = listing_page("http://a.cn/node_1.htm", [(f"{base}.htm", "标题"), (f"{base}_2.htm", "2")])
    assert links.listing_links(page).articles == [f"{base}.htm"]


def listing_page(url: str, anchors: list[tuple[str, str]]) -> Page:
    html = "<html><body>" + "".join(f'<a href="{href}">{text}</a>' for href, text in anchors) + "</body></html>"
    return Page.from_bytes(html.encode("utf-8"), url, {"Content-Type": "text/html; charset=utf-8"})


def test_generic_listing_links():
    page = listing_page("http://www.example.cn/xwzx/index.html", [
        ("t20200229_123456.html", "海口新闻一"),
        ("t20200229_123456.html", "海口新闻一（重复）"),
        ("2020-02/27/content_3812501.htm", "海口新闻二"),
        ("2020-02/27/content_3812501_2.htm", "2"),  # continues an article this listing links: not an article
        ("index_2.html", "2"),
        ("more.html", "下一页"),
        ("/other/more.html", "下一页"),  # another directory: not this listing's pager
        ("/about/aboutus.htm", "关于我们"),
        ("/files/notice_123456.pdf", "通知（PDF）"),
        ("javascript:void(0)", "分享"),
    ])  # fmt: skip
    found = links.listing_links(page)
    assert found.articles == [
        "http://www.example.cn/xwzx/t20200229_123456.html", "http://www.example.cn/xwzx/2020-02/27/content_3812501.htm"
    ]
    assert found.listings == ["http://www.example.cn/xwzx/index_2.html", "http://www.example.cn/xwzx/more.html"]


def test_profile_listing_links_use_its_regexes():
    page = listing_page("http://www.haikou-demo.test/node_12_2.htm", [
        ("/2020-02/29/content_3812345.htm", "文章"),
        ("/node_12.htm", "首页"),  # node_12.htm is shaped like a continuation page, but the profile claims it
        ("/node_12_3.htm", "下一页"),
        ("/node_15.htm", "本地新闻"),  # another section front: not in listing_url
        ("/2020-02/27/content_3812501_2.htm", "2"),
    ])  # fmt: skip
    found = links.listing_links(page, get_profile("demo_haikou"))
    assert found.articles == ["http://www.haikou-demo.test/2020-02/29/content_3812345.htm"]
    assert found.listings == ["http://www.haikou-demo.test/node_12.htm", "http://www.haikou-demo.test/node_12_3.htm"]


def test_continuation_pages_of_the_multipage_fixture():
    pair = FixturePair.load(PAGES / "haikou_multipage_p1.json")
    page = Page.from_bytes(pair.html.read_bytes(), pair.meta["url"], pair.meta["headers"])
    base = "http://www.haikou-demo.test/2020-02/27/content_3812501"
    assert links.continuation_pages(page) == [f"{base}_2.htm", f"{base}_3.htm"]
