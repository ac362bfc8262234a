"""Every private Scrapy (and scrapy-redis) member newsspider relies on, pinned as of Scrapy 2.19 / scrapy-redis
0.9.1: an upgrade that changes one fails here, naming the module that must be revisited."""

from __future__ import annotations

import inspect

import pytest
import scrapy
from scrapy.core.downloader import Slot
from scrapy.core.engine import ExecutionEngine, _Slot
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.extensions.feedexport import FeedExporter
from scrapy.extensions.throttle import AutoThrottle
from scrapy.utils.test import get_crawler
from scrapy_redis.queue import Base

# (class, member, signature as Scrapy 2.19 has it, who relies on it)
PRIVATE_METHODS = [
    (RobotsTxtMiddleware, "_parse_robots", "(self, response: 'Response', netloc: 'str', request: 'Request') -> 'None'",
     "middlewares/robots.py overrides it"),
    (RobotsTxtMiddleware, "_robots_error", "(self, exc: 'Exception', netloc: 'str') -> 'None'",
     "middlewares/robots.py overrides it"),
    (RobotsTxtMiddleware, "process_request_2", "(self, rp: 'RobotParser | None', request: 'Request') -> 'None'",
     "middlewares/robots.py overrides it"),
    (_Slot, "remove_request", "(self, request: 'Request') -> 'None'", "frontier/extension.py wraps it"),
    (FeedExporter, "_get_uri_params",
     "(self, spider: 'Spider', uri_params_function: 'str | UriParamsCallableT | None', "
     "slot: 'FeedSlot | None' = None) -> 'dict[str, Any]'",
     "state/flush.py calls it"),
    (FeedExporter, "_schedule_slot_close", "(self, slot: 'FeedSlot', spider: 'Spider') -> 'asyncio.Task[None] | Deferred[None]'",
     "state/flush.py calls it"),
    (FeedExporter, "_start_new_batch",
     "(self, batch_id: 'int', uri: 'str', feed_options: 'dict[str, Any]', spider: 'Spider', uri_template: 'str') -> 'FeedSlot'",
     "state/flush.py calls it"),
    (Base, "_encode_request", "(self, request)", "frontier/scheduler.py calls it"),
    (Base, "_decode_request", "(self, encoded_request)", "frontier/scheduler.py calls it"),
]  # fmt: skip


def test_the_checked_scrapy_version():
    assert scrapy.__version__.startswith("2.19."), "re-check the private members below, then update this pin"


@pytest.mark.parametrize(
    ("owner", "name", "signature", "user"), PRIVATE_METHODS, ids=[f"{o.__name__}.{n}" for o, n, *_ in PRIVATE_METHODS]
)
def test_private_method_signature(owner, name, signature, user):
    assert str(inspect.signature(getattr(owner, name))) == signature, user


def test_robots_middleware_private_attributes():
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    crawler.stats.open_spider()
    middleware = RobotsTxtMiddleware(crawler)
    for name in ("_parsers", "_parserimpl", "_robotstxt_useragent", "_default_useragent", "_stats"):
        assert hasattr(middleware, name), f"middlewares/robots.py reads {name}"


def test_engine_keeps_its_slot_in_a_private_attribute():
    assert "self._slot = _Slot(" in inspect.getsource(ExecutionEngine), "frontier/extension.py reads engine._slot"


def test_downloader_slot_attributes_hosts_py_touches():
    slot = Slot(concurrency=1, delay=0.5, jitter=0.0)
    assert (slot.delay, slot.jitter, slot.lastseen, list(slot.queue)) == (0.5, 0.0, 0, [])


def test_autothrottle_connects_its_receiver_in_init():
    """extensions/throttle.py relies on receiver order: AutoThrottle's own, connected in __init__, runs first."""
    assert "signals.response_downloaded" in inspect.getsource(AutoThrottle.__init__)


def test_redirect_middleware_ignores_a_request_only_for_a_stopped_chain():
    """middlewares/limits.py counts every IgnoreRequest of process_response as redirect_max."""
    from scrapy.downloadermiddlewares.redirect import BaseRedirectMiddleware, RedirectMiddleware

    assert "IgnoreRequest" not in inspect.getsource(RedirectMiddleware.process_response)
    assert "raise IgnoreRequest" in inspect.getsource(BaseRedirectMiddleware._redirect)


def test_feed_exporter_keeps_its_slots_and_feeds_in_attributes():
    """state/flush.py replaces ``slots`` and reads ``feeds``, as FeedExporter.item_scraped does."""
    source = inspect.getsource(FeedExporter)
    assert "self.slots: list[FeedSlot] = []" in source and "self.slots = slots" in source
    assert 'self.feeds[slot.uri_template]["batch_item_count"]' in source
