"""Repair steps in the crawl: each pipeline counts what it repaired; the result equals the offline chain."""

from __future__ import annotations

import copy
from datetime import datetime

from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.test import get_crawler

from newsspider import chain
from newsspider.extract.page import Page
from newsspider.items import Article
from newsspider.settings import ITEM_PIPELINES
from newsspider_testing.pairs import PAGES, FixturePair


def _raw(name: str) -> Article:
    pair = FixturePair.load(PAGES / f"{name}.json")
    page = Page.from_bytes(pair.html.read_bytes(), pair.meta["url"], pair.meta["headers"])
    return chain.start_item(page, fetched_at=datetime.fromisoformat(pair.meta["fetched_at"]))


def _crawl_chain(item: Article) -> tuple[Article, dict]:
    crawler = get_crawler(settings_dict={})
    crawler.stats.open_spider()
    for path in sorted(ITEM_PIPELINES, key=lambda path: ITEM_PIPELINES[path]):
        item = build_from_crawler(load_object(path), crawler).process_item(item)
    return item, crawler.stats.get_stats()


def test_mirror_page_repairs_are_counted():
    raw = _raw("mirror_traditional_glosses")
    item, stats = _crawl_chain(copy.deepcopy(raw))
    assert item == chain.run_steps(raw)
    assert item["repairs"] == ["pinyin_glosses", "traditional_to_simplified", "text_loss"]
    site = "newsspider/site/www.6chong-mirror.test"
    for name in item["repairs"]:
        assert stats[f"newsspider/repairs/{name}"] == 1
        assert stats[f"{site}/repairs/{name}"] == 1
    assert stats["newsspider/repairs/pinyin_glosses/count"] == 12  # every gloss on the page
    assert stats["newsspider/repairs/text_loss/count"] == item["lost_chars"] == 2
    assert stats["newsspider/origin_url"] == 1


def test_mojibake_page_repair_is_counted():
    item, stats = _crawl_chain(_raw("mojibake_reversible"))
    assert item["repairs"] == ["mojibake_reversed"]
    assert stats["newsspider/repairs/mojibake_reversed/count"] == 2
    assert "newsspider/repairs/text_loss" not in stats


def test_clean_pages_are_not_counted():
    for name in ("brackets_latin_letters", "traditional_outlet_hk", "generic_hkwb_gbk"):
        item, stats = _crawl_chain(_raw(name))
        assert item["repairs"] == []
        assert not [key for key in stats if "/repairs/" in key]
