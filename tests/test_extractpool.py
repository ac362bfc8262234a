"""The extraction worker pool gives exactly the in-process results, and stops with the crawl."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from newsspider import chain
from newsspider.extractpool import ExtractPool, extract_page
from newsspider.sites import get_profile
from newsspider_testing.pairs import fixture_pairs

DEMO_PAIRS = [pair for pair in fixture_pairs() if (pair.meta.get("site") or "").startswith("demo_")]


def _args(pair) -> tuple:
    kwargs = pair.kwargs
    return (
        pair.html.read_bytes(),
        kwargs["url"],
        kwargs["headers"],
        get_profile(kwargs["site"]) if kwargs["site"] else None,
        kwargs["fetched_at"],
        True,
    )


async def _through_pool(pool: ExtractPool, pairs) -> list:
    return await asyncio.gather(*(pool.extract(*_args(pair)) for pair in pairs))


@pytest.fixture(scope="module")
def pooled() -> dict:
    """Every demo fixture extracted by one spawned worker, by pair name."""
    pool = ExtractPool(get_crawler(Spider), workers=1)
    try:
        results = asyncio.run(_through_pool(pool, DEMO_PAIRS))
        assert pool.executor is not None  # really went through a worker
    finally:
        pool.close()
    assert pool.executor is None
    return dict(zip((pair.name for pair in DEMO_PAIRS), results, strict=True))


def test_demo_fixtures_are_there():
    assert len(DEMO_PAIRS) >= 8


@pytest.mark.parametrize("pair", DEMO_PAIRS, ids=lambda pair: pair.name)
def test_pool_and_in_process_extract_identical_items(pooled, pair):
    here = extract_page(*_args(pair))
    there = pooled[pair.name]
    assert there == here
    if pair.meta.get("expected"):  # and both are what the offline API exports
        assert chain.run_steps(there.item) == chain.extract_article(
            pair.html.read_bytes(), **pair.kwargs
        )


def test_zero_workers_extract_in_process():
    pool = ExtractPool(get_crawler(Spider), workers=0)
    pair = DEMO_PAIRS[0]
    assert asyncio.run(pool.extract(*_args(pair))) == extract_page(*_args(pair))
    assert pool.executor is None
