"""Pages classified by what they hold (article, listing, other) and links by how they read."""

from __future__ import annotations

import pytest

from newsspider.demosite.layouts import LAYOUTS
from newsspider.demosite.portal import Portal
from newsspider.discovery import classify
from newsspider.extract.page import Page

PARAGRAPH = "市政府召开常务会议，研究部署城市更新和民生保障工作，会议要求各部门加快推进重点项目建设。" * 5


def page(html: str, url: str = "http://a.cn/x.html") -> Page:
    return Page.from_bytes(html.encode("utf-8"), url, {"content-type": "text/html; charset=utf-8"})


def headlines(n: int, prefix: str = "/a") -> str:
    return "".join(
        f'<li><a href="{prefix}{i}.htm">本市召开第{i}次城市建设推进会议</a><span>2024-03-01</span></li>'
        for i in range(n)
    )


@pytest.mark.parametrize(
    ("html", "kind", "reason"),
    [
        (
            f"<h1>本市召开会议</h1><div>2024-03-01 10:00</div><div><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>",
            "article",
            "text_block",
        ),
        (
            f"<h1>本市召开会议</h1><div>发布时间：2024年3月1日</div><div>{PARAGRAPH}<br>{PARAGRAPH}</div>",
            "article",
            "text_block",
        ),
        (f"<h1>关于我们</h1><div><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>", "other", "text_without_date"),
        (f"<h1>要闻</h1><ul>{headlines(12)}</ul>", "listing", "headline_list"),
        (
            f"<h1>本市召开会议</h1><p>2024-03-01</p><div><p>{PARAGRAPH}{PARAGRAPH}</p></div><ul>{headlines(6)}</ul>",
            "article",
            "text_block",
        ),
        ("<script>window.location.href='/index.html';</script>", "other", "js_redirect"),
        ("<p>欢迎访问</p>", "other", "thin"),
    ],
)
def test_classify(html, kind, reason):
    assert classify.classify(page(f"<html><head><title>t</title></head><body>{html}</body></html>")) == (
        kind,
        reason,
    )


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_generated_pages_classify_as_what_they_are(name):
    portal = Portal(name)
    portal.base = "http://a.cn"
    article = page(portal.article_html(5), "http://a.cn" + portal.article_path(5))
    assert classify.classify(article)[0] == "article"
    if LAYOUTS[name].entry == "html":
        listing = portal.listing(0, 1)
        assert (
            classify.classify(page(listing.body.decode(), "http://a.cn" + portal.layout.section(0, 1)))[0]
            == "listing"
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本市召开城市建设推进会议", True),
        ("Council approves the new city budget", True),
        ("要闻", False),
        ("更多>>", False),
        ("下一页", False),
        ("2024-03-01", False),
        ("12", False),
        ("本市召开城市建设推进会议" * 6, False),  # a paragraph, not a headline
    ],
)
def test_headline_text(text, expected):
    assert classify.is_headline_text(text) is expected


def test_headline_links_need_a_list_unless_the_page_is_a_listing():
    lone = page('<div><ul><li><a href="/a1.htm">本市召开第一次城市建设推进会议</a></li></ul></div>')
    assert classify.headline_links(lone) == {}
    assert list(classify.headline_links(lone, listing=True)) == ["http://a.cn/a1.htm"]
    listed = page(f"<ul>{headlines(4)}</ul>")
    assert len(classify.headline_links(listed)) == 4


def test_section_links_from_menus_column_headers_and_more_links():
    html = (
        '<div class="nav"><a href="/">首页</a><a href="/xw/">新闻</a><a href="/ty/">体育</a></div>'
        '<div class="col"><h2><a href="/node_12.htm">本地</a></h2><ul>' + headlines(3) + "</ul>"
        '<a href="/node_13.htm">更多&gt;&gt;</a></div><div class="footer"><a href="/about.html">关于</a></div>'
    )
    found = classify.section_links(page(html))
    assert found == {
        "http://a.cn/xw/": "nav",
        "http://a.cn/ty/": "nav",
        "http://a.cn/node_12.htm": "column",
        "http://a.cn/node_13.htm": "more",
    }


def test_js_redirect_only_on_an_empty_page():
    assert (
        classify.js_redirect(page("<script>location.replace('/m/index.html')</script>"))
        == "http://a.cn/m/index.html"
    )
    busy = page(f"<p>{PARAGRAPH}</p><script>location.href='/x.html'</script>")
    assert classify.js_redirect(busy) is None
