"""Close the feed batches that hold items now and start the next ones, as a full batch does (Scrapy private API)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.extensions.feedexport import FeedExporter, apply_uri_params

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


def batched(crawler: Crawler) -> bool:
    """Whether every feed of the crawl is written in batches (only a batched feed can be flushed mid-crawl)."""
    exporter = crawler.get_extension(FeedExporter)
    if exporter is None or not exporter.feeds:
        return False
    return all(options.get("batch_item_count") for options in exporter.feeds.values())


def flush_batches(crawler: Crawler) -> int:
    """Roll over every batched feed slot that holds items; return how many batches were sent to be stored.

    Mirrors ``FeedExporter.item_scraped`` when a batch is full (Scrapy 2.19: ``slots``, ``feeds``,
    ``_get_uri_params``, ``_schedule_slot_close``, ``_start_new_batch``; tests/test_scrapy_private.py pins them).
    The store runs as Scrapy's own batch close does, and ``feed_slot_closed`` follows it.
    """
    exporter = crawler.get_extension(FeedExporter)
    spider = crawler.spider
    if exporter is None or spider is None:
        return 0
    slots, flushed = [], 0
    for slot in exporter.slots:
        options = exporter.feeds[slot.uri_template]
        if not slot.itemcount or not options.get("batch_item_count"):
            slots.append(slot)
            continue
        params = exporter._get_uri_params(spider, options["uri_params"], slot)
        exporter._schedule_slot_close(slot, spider)
        slots.append(exporter._start_new_batch(batch_id=slot.batch_id + 1, uri=apply_uri_params(slot.uri_template, params),
                                               feed_options=options, spider=spider, uri_template=slot.uri_template))  # fmt: skip
        flushed += 1
    exporter.slots = slots
    return flushed
