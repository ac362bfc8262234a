"""flush_batches: a batched feed's open batch is stored at once and the next batch starts, as a full one does."""

from __future__ import annotations

import asyncio
import json

from scrapy import Spider, signals
from scrapy.extensions.feedexport import FeedExporter
from scrapy.utils.test import get_crawler

from newsspider.state.flush import batched, flush_batches


def exporter_crawler(tmp_path, batch: int):
    uri = str(tmp_path / "out" / "site-%(batch_id)05d.jsonl") if batch else str(tmp_path / "out" / "all.jsonl")
    settings = {
        "FEEDS": {uri: {"format": "jsonlines", "batch_item_count": batch}},
        "FEED_STORAGES": {scheme: "newsspider.state.feedstorage.AtomicFileFeedStorage" for scheme in ("", "file")},
    }
    crawler = get_crawler(Spider, settings)
    crawler.spider = crawler._create_spider("s")
    exporter = FeedExporter.from_crawler(crawler)
    crawler.extensions.middlewares = (exporter,)
    exporter.open_spider(crawler.spider)
    return crawler, exporter


def stored(tmp_path) -> dict[str, list[str]]:
    return {path.name: [json.loads(line)["url"] for line in path.read_text().splitlines()]
            for path in sorted((tmp_path / "out").glob("*.jsonl"))}  # fmt: skip


async def flush_and_wait(crawler, closed: list) -> int:
    """Flush, then let the loop run the scheduled batch close until its ``feed_slot_closed`` (bounded)."""
    before = len(closed)
    flushed = flush_batches(crawler)
    for _ in range(1000):
        if len(closed) == before + flushed:
            break
        await asyncio.sleep(0)
    return flushed


def test_flush_stores_the_open_batch_and_starts_the_next(tmp_path):
    async def scenario():
        crawler, exporter = exporter_crawler(tmp_path, batch=100)
        closed = []
        crawler.signals.connect(lambda slot: closed.append(slot.uri), signals.feed_slot_closed, weak=False)
        for number in (1, 2):
            exporter.item_scraped({"url": f"http://h/{number}.htm"}, crawler.spider)
        assert batched(crawler)
        assert await flush_and_wait(crawler, closed) == 1
        assert stored(tmp_path) == {"site-00001.jsonl": ["http://h/1.htm", "http://h/2.htm"]}
        assert await flush_and_wait(crawler, closed) == 0  # the new batch is empty: nothing to store
        exporter.item_scraped({"url": "http://h/3.htm"}, crawler.spider)
        assert await flush_and_wait(crawler, closed) == 1
        assert stored(tmp_path)["site-00002.jsonl"] == ["http://h/3.htm"]
        assert len(closed) == 2

    asyncio.run(scenario())


def test_a_single_file_feed_is_not_batched_and_never_flushed(tmp_path):
    crawler, exporter = exporter_crawler(tmp_path, batch=0)
    exporter.item_scraped({"url": "http://h/1.htm"}, crawler.spider)
    assert not batched(crawler)
    assert flush_batches(crawler) == 0
    assert stored(tmp_path) == {}
