"""Each crawler-trap rule, and news URLs that must not be taken for traps."""

from __future__ import annotations

import pytest

from newsspider.discovery.traps import TRAP_RULES, trap_of

TRAPS = [
    ("http://a.cn/xw/node_12.htm?date=2024-03-01", "calendar"),
    ("http://a.cn/archive/2024/03/01/", "calendar"),
    ("http://a.cn/list.php?year=2024&month=3", "calendar"),
    ("http://a.cn/search.php?keyword=新闻", "search"),
    ("http://a.cn/plus/search.php?q=x", "search"),
    ("http://a.cn/tag/城市.html", "tags"),
    ("http://a.cn/tags/", "tags"),
    ("http://a.cn/a/123.html?print=1", "print"),
    ("http://a.cn/print/123.html", "print"),
    ("http://a.cn/a/123.html?mobile=1", "mobile"),
    ("http://a.cn/wap/123.html", "mobile"),
    ("http://a.cn/comment/123.html", "comment"),
    ("http://a.cn/2024/05/slug/?replytocom=5", "comment"),
    ("http://a.cn/xw/node_12.htm;jsessionid=A1B2", "session"),
    ("http://a.cn/list.php?catid=2&sid=abc", "session"),
    ("http://a.cn/list.html?sort=hot", "sort"),
    ("http://a.cn/list.html?orderby=views", "sort"),
    ("http://a.cn/member/login.html", "account"),
    ("http://a.cn/share/weixin.html", "share"),
    ("http://a.cn/list.php?a=1&b=2&c=3&d=4&e=5", "facets"),
]
NEWS = [
    "http://a.cn/xw/2024-03/01/content_12.htm",
    "http://a.cn/xw/yaowen/202403/t20240301_1001.html",
    "http://a.cn/art/2024/3/1/art_1234_5678.html",
    "http://a.cn/show-12-345-1.html",
    "http://a.cn/a/20240301/123.html",
    "http://a.cn/?p=123",
    "http://a.cn/2024/05/city-report/",
    "http://a.cn/portal.php?mod=view&aid=123",
    "http://a.cn/portal.php?mod=list&catid=1&page=2",
    "http://a.cn/col/col1234/index.html?uid=8&pageNum=2",
    "http://a.cn/s/123.html",
]


@pytest.mark.parametrize(("url", "name"), TRAPS)
def test_traps(url, name):
    assert trap_of(url) == name


@pytest.mark.parametrize("url", NEWS)
def test_news_urls_are_no_traps(url):
    assert trap_of(url) is None


def test_every_rule_has_a_case():
    assert {name for name, _ in TRAP_RULES} <= {name for _, name in TRAPS}
