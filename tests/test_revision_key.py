"""Revisits match an article by the key its request carried (requestmeta.KEY), computed only when absent."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newsspider.extract.urlid import article_key
from newsspider.extractpool import ExtractPool
from newsspider.items import ChainContext, new_article
from newsspider.requestmeta import KEY
from newsspider.spiders.news import NewsSpider
from newsspider.state.revisit import RevisionPipeline
from newsspider.state.store import content_hash

URL = "http://www.a.test/2024/1.htm"
LEGACY = "https://www.a.test/2024/1.htm"  # a key stored before hosts were folded: not article_key(URL)


class Store:
    def __init__(self):
        self.checked = []

    def mark_checked(self, key: str) -> None:
        self.checked.append(key)


class State:
    def __init__(self, revisits: dict):
        self.revisits = revisits
        self.store = Store()


def _revisit(key: str | None, stored_key: str) -> tuple[State, object]:
    item = new_article(ChainContext(key=key), url=URL, title="标题", body="正文")
    state = State({stored_key: {"version": 1, "hash": content_hash(dict(item))}})
    pipeline = RevisionPipeline(get_crawler(), state)  # type: ignore[arg-type]  # what the pipeline uses of it
    try:
        return state, pipeline.process_item(item)
    except DropItem as exc:
        return state, exc


def test_the_request_key_finds_a_revisit_stored_under_another_key():
    assert article_key(URL) != LEGACY
    state, outcome = _revisit(LEGACY, LEGACY)
    assert isinstance(outcome, DropItem) and "unchanged since version 1" in str(outcome)
    assert state.store.checked == [LEGACY] and state.revisits == {}


@pytest.mark.parametrize(("key", "found"), [(None, True), (LEGACY, False)])
def test_without_a_request_key_the_url_is_keyed(key, found):
    state, outcome = _revisit(key, article_key(URL))
    assert isinstance(outcome, DropItem) is found
    assert state.store.checked == ([article_key(URL)] if found else [])


PAGE = b"<html><head><title>t</title></head><body><h1>t</h1><p>" + "正文内容。".encode() * 40 + b"</p></body></html>"


@pytest.mark.parametrize(("meta", "key"), [({KEY: LEGACY}, LEGACY), ({}, None), ({KEY: LEGACY, "redirect_urls": ["x"]}, None)])
def test_the_spider_puts_the_request_key_on_the_item_context(meta, key):
    spider = NewsSpider(start_url="http://www.a.test/")
    spider.crawler, spider.max_article_pages = get_crawler(), 1
    spider.extractor = ExtractPool(spider.crawler, workers=0)
    response = HtmlResponse(URL, body=PAGE, encoding="utf-8", request=Request(URL, meta=meta))

    async def first():
        async for output in spider.parse_article(response):
            return output

    assert asyncio.run(first()).context.key == key
