"""One article, one identity: variants of its URL and its on-site rel=canonical export it once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.http import HtmlResponse, Request

from newsspider.discovery.state import MAX_ALIASES, DiscoveryState, state_path
from newsspider.middlewares.identity import ArticleIdentityMiddleware
from newsspider.state.revisit import REVISIT
from newsspider.state.store import SeenStore


class _Stats:
    def __init__(self):
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def middleware(store=None) -> ArticleIdentityMiddleware:
    crawler = SimpleNamespace(stats=_Stats(), spider=SimpleNamespace(allowed_domains=["example.cn"]))
    return ArticleIdentityMiddleware(crawler, store)


def response(url: str, **meta) -> HtmlResponse:
    return HtmlResponse(url, body=b"", request=Request(url, meta=meta))


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.example.cn/a/123456.html",
        "http://m.example.cn/a/123456.html?from=timeline",
        "https://example.cn/a/123456.html?utm_source=rss#comments",
        "http://wap.example.cn:80/a/123456.html",
    ],
)
def test_url_variants_are_one_article_in_a_run(variant):
    identity = middleware()
    first = {"url": "http://www.example.cn/a/123456.html"}
    assert list(identity.process_spider_output(response(first["url"]), [first]))
    assert not list(identity.process_spider_output(response(variant), [{"url": variant}]))
    assert identity.stats.values == {"newsspider/identity/duplicate_in_run": 1}


def test_on_site_canonical_joins_the_identity_offsite_does_not():
    identity = middleware()
    shared = {"url": "http://example.cn/print/1.html", "canonical_url": "https://example.cn/a/1.html"}
    assert list(identity.process_spider_output(response(shared["url"]), [shared]))
    again = {"url": "https://example.cn/a/1.html"}
    assert not list(identity.process_spider_output(response(again["url"]), [again]))
    syndicated = {"url": "https://example.cn/a/2.html", "canonical_url": "https://other.cn/a/1.html"}
    assert list(identity.process_spider_output(response(syndicated["url"]), [syndicated]))


def test_canonical_already_in_the_seen_store_is_a_counted_duplicate(tmp_path):
    with SeenStore(tmp_path / "seen.sqlite3") as store:
        store.prepare_batch("b.jsonl", "example", "run1", ["https://example.cn/a/1.html"])
        store.commit_batch("b.jsonl")
        identity = middleware(store)
        item = {
            "url": "https://example.cn/a/1.html?page=share",
            "canonical_url": "http://www.example.cn/a/1.html",
        }
        assert not list(identity.process_spider_output(response(item["url"]), [item]))
        assert identity.stats.values == {"newsspider/identity/canonical_seen": 1}
        revisit = response(item["url"], **{REVISIT: True})
        assert list(identity.process_spider_output(revisit, [item]))  # revisits re-export on purpose


def test_discovery_state_round_trip_and_bad_files(tmp_path):
    path = state_path(tmp_path, "127.0.0.1")
    state = DiscoveryState(feeds=["http://a.cn/rss.xml"], probed=True)
    state.shapes.record("http://a.cn/?p=1", "article")
    for n in range(MAX_ALIASES + 5):
        state.remember_alias(f"https://a.cn/go/{n}", f"http://a.cn/a/{n}.html")
    state.save(path)
    loaded, problem = DiscoveryState.load(path)
    assert problem is None and loaded.feeds == ["http://a.cn/rss.xml"] and loaded.probed
    assert len(loaded.aliases) == MAX_ALIASES and "https://a.cn/go/0" not in loaded.aliases
    assert loaded.shapes.to_json() == state.shapes.to_json()
    path.write_text("{ half a file")
    fresh, problem = DiscoveryState.load(path)
    assert problem.startswith("unreadable") and not fresh.probed
    assert DiscoveryState.load(tmp_path / "missing.json") == (DiscoveryState(), None)
