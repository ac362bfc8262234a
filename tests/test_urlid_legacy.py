"""A state folder written before hosts were folded (www./m.) still marks its articles as seen."""

from __future__ import annotations

from types import SimpleNamespace

from scrapy import Request

from newsspider.extract import urlid
from newsspider.requestmeta import KEY, KIND
from newsspider.state.middleware import SkipSeenMiddleware
from newsspider.state.store import SeenStore


class _Stats:
    def __init__(self):
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def test_an_old_key_with_www_still_counts_as_seen(tmp_path):
    url = "http://www.example.cn/a/123456.html?from=timeline"
    old = "https://www.example.cn/a/123456.html"
    assert urlid.legacy_key(url) == old != urlid.article_key(url)
    with SeenStore(tmp_path / "seen.sqlite3") as store:
        store.prepare_batch("b1.jsonl", "example", "run1", [old])
        store.commit_batch("b1.jsonl")
        crawler = SimpleNamespace(stats=_Stats(), settings={}, spider=SimpleNamespace(site="example"))
        middleware = SkipSeenMiddleware.__new__(SkipSeenMiddleware)
        middleware.stats, middleware.store, middleware.site = crawler.stats, store, "example"
        middleware.requested, middleware.revisits, middleware.stale_limit = set(), {}, 0
        middleware.held_back = set()
        counts = {"new": 0, "old": 0}
        request = Request(url, meta={KIND: "article", KEY: urlid.article_key(url)})
        assert not middleware.keep_article(request, counts)
        fresh = "http://www.example.cn/a/999999.html"
        assert middleware.keep_article(
            Request(fresh, meta={KIND: "article", KEY: urlid.article_key(fresh)}), counts
        )
