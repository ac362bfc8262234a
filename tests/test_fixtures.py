"""Every fixture pair: extract_article on the stored bytes must equal the hand-written expectation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from newsspider import ArticleRejected, extract_article, schema
from newsspider.demosite.server import DemoSites
from newsspider.items import ARTICLE_FIELDS, export_line
from newsspider_testing.pairs import dump_pair, fixture_pairs

PAIRS = fixture_pairs()


def _actual(pair) -> tuple[dict | None, str | None]:
    """(article, None) or (None, rejection reason) for the pair's page."""
    try:
        return extract_article(pair.html.read_bytes(), **pair.kwargs), None
    except ArticleRejected as exc:
        return None, exc.reason


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.name for pair in PAIRS])
def test_fixture_pair(pair, update_fixtures):
    actual, reason = _actual(pair)
    if update_fixtures:
        meta = {key: value for key, value in pair.meta.items() if key != "rejected"}
        meta["expected"] = actual
        if reason:
            meta["rejected"] = reason
        pair.write(meta)
        pytest.skip("expected rewritten; review with git diff")
    if pair.meta.get("rejected"):
        assert reason == pair.meta["rejected"], f"expected rejection {pair.meta['rejected']!r}, got {actual!r}"
    else:
        assert reason is None, f"page rejected ({reason})"
        assert actual == pair.meta["expected"]
        assert schema.errors(export_line(actual)) == []  # the line it becomes follows the published schema


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.name for pair in PAIRS])
def test_fixture_pair_format(pair):
    """Sorted keys, canonical text, every exported field listed (explicit nulls), the page present."""
    assert pair.json_path.read_text("utf-8") == dump_pair(pair.meta)
    assert pair.html.is_file()
    assert {"url", "headers", "site", "fetched_at", "expected"} <= set(pair.meta)
    if pair.meta.get("rejected"):
        assert pair.meta["expected"] is None
    else:
        assert list(pair.meta["expected"]) == sorted(ARTICLE_FIELDS)
        assert pair.meta["expected"]["url"] == pair.meta["url"]


def test_there_are_fixture_pairs():
    assert len(PAIRS) >= 5


DEMO = DemoSites()
DEMO_PAIRS = [pair for pair in PAIRS if urlsplit(pair.meta["url"]).hostname in DEMO.hosts]


@pytest.mark.parametrize("pair", DEMO_PAIRS, ids=[pair.name for pair in DEMO_PAIRS])
def test_demo_pairs_are_what_the_demo_server_sends(pair):
    """A pair of a demo page holds the served bytes and Content-Type, so crawl and fixture agree."""
    served = DEMO.file_for(pair.meta["url"])
    assert served is not None
    assert served.read_bytes() == pair.html.read_bytes()
    assert pair.meta["headers"] == {"Content-Type": DEMO.content_type(pair.meta["url"])}
