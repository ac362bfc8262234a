"""The item pipelines run exactly the chain steps, in the same order, with counted drops."""

from __future__ import annotations

import copy

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.test import get_crawler

from newsspider import chain
from newsspider.items import ARTICLE_FIELDS, Article, ChainContext
from newsspider.settings import ITEM_PIPELINES


def _raw_item(**overrides) -> Article:
    item = {
        "url": "https://news.example.cn/2020-02/29/content_1.htm?utm_source=x",
        "canonical_url": None,
        "site": "news.example.cn",
        "title": "  标题\u3000 一 ",
        "published_at_raw": "2020-02-29T12:20:00",
        "authors": ["卢海浪"],
        "editors": ["云梦怡"],
        "source": None,
        "section": None,
        "tags": None,
        "description": None,
        "language": "zh",
        "images": [],
        "body": "第一段正文内容足够长，超过二十个字符了吧。\n\n 第二段 ",
        "pages": 1,
        "fetched_at": "2020-03-01T00:00:00+00:00",
    }
    item.update(overrides)
    return Article(item, context=ChainContext(site_name="示例网"))


def _pipelines():
    crawler = get_crawler(settings_dict={})
    ordered = sorted(ITEM_PIPELINES, key=ITEM_PIPELINES.get)
    return crawler, [build_from_crawler(load_object(path), crawler) for path in ordered]


def test_pipeline_order_matches_chain_steps():
    _crawler, pipelines = _pipelines()
    assert [type(p).step for p in pipelines] == list(chain.STEPS)


def test_pipelines_equal_run_steps():
    _crawler, pipelines = _pipelines()
    item = _raw_item()
    expected = chain.run_steps(copy.deepcopy(item))
    for pipeline in pipelines:
        item = pipeline.process_item(item)
    assert item == expected
    assert list(item) == list(ARTICLE_FIELDS)
    assert item["canonical_url"] == "https://news.example.cn/2020-02/29/content_1.htm"
    assert item["published_at"] == "2020-02-29T12:20:00+08:00"
    assert item["body"] == "第一段正文内容足够长，超过二十个字符了吧。\n第二段"
    assert item["source"] == "示例网"


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [({"title": None}, "missing_title"), ({"body": "  "}, "missing_body"), ({"body": "太短"}, "missing_body")],
)
def test_invalid_item_is_dropped_and_counted(overrides, reason):
    crawler, pipelines = _pipelines()
    item = _raw_item(**overrides)
    with pytest.raises(DropItem, match=reason):
        for pipeline in pipelines:
            item = pipeline.process_item(item)
    assert crawler.stats.get_value(f"newsspider/dropped/{reason}") == 1
    assert crawler.stats.get_value(f"newsspider/site/news.example.cn/dropped/{reason}") == 1


def test_clean_text_keeps_joiners_and_drops_invisible_noise():
    from newsspider.normalize.text import clean_body, clean_inline

    assert clean_inline("\u200b标题\ufeff\u3000一 ") == "标题 一"
    assert clean_inline("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ is part of the Persian word
    assert clean_body("第一段 正文\n\n\u00a0\n第二段 广告", ("广告",)) == "第一段 正文"
