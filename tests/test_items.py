"""The exported article is a declared item: fixed key order, and the chain's context never becomes a key."""

from __future__ import annotations

import copy
import io
import json
import pickle
import re

import pytest
from scrapy.exporters import JsonLinesItemExporter
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.test import get_crawler

from newsspider import chain, settings
from newsspider.extract.page import Page
from newsspider.items import ARTICLE_FIELDS, EXPORT_FIELDS, Article, ChainContext, export_line
from newsspider_testing import REPO_ROOT as ROOT
from newsspider_testing.pairs import PAGES, FixturePair

PIPELINES = sorted(settings.ITEM_PIPELINES, key=lambda path: settings.ITEM_PIPELINES[path])
PAIR = FixturePair.load(PAGES / "haikou_original_gbk.json")


def _start() -> Article:
    page = Page.from_bytes(PAIR.html.read_bytes(), PAIR.meta["url"], PAIR.meta["headers"])
    return chain.start_item(page, site=PAIR.meta.get("site"))


def _export(item: Article, fields: list[str] | None) -> dict:
    out = io.BytesIO()
    exporter = JsonLinesItemExporter(out, fields_to_export=fields, encoding="utf-8")
    exporter.export_item(item)
    return json.loads(out.getvalue())


def _keys_in_order(keys: list[str]) -> bool:
    positions = [EXPORT_FIELDS.index(key) for key in keys]
    return positions == sorted(positions)


@pytest.mark.parametrize("disabled", PIPELINES, ids=lambda path: path.rsplit(".", 1)[-1])
@pytest.mark.parametrize("fields", [settings.FEED_EXPORT_FIELDS, None], ids=["feed_export_fields", "no_fields"])
def test_disabling_a_pipeline_never_leaks_a_private_key(disabled, fields):
    crawler = get_crawler(settings_dict={})
    crawler.stats.open_spider()
    item = _start()
    assert item.context.origins  # the chain does carry side values
    for path in PIPELINES:
        if path != disabled:
            item = build_from_crawler(load_object(path), crawler).process_item(item)
    line = _export(item, fields)
    assert set(line) <= set(EXPORT_FIELDS)
    assert not [key for key in line if key.startswith("_")]
    if fields is not None:
        assert _keys_in_order(list(line))


def test_exported_key_order_is_fixed_whatever_order_the_fields_were_set_in():
    item = chain.run_steps(_start())
    shuffled = Article({key: item[key] for key in reversed(ARTICLE_FIELDS)}, version=2)
    line = _export(shuffled, settings.FEED_EXPORT_FIELDS)
    assert list(line) == list(ARTICLE_FIELDS) + ["version"]
    written = _export(export_line(shuffled, ("a.warc.gz", "<urn:uuid:1>")), settings.FEED_EXPORT_FIELDS)
    assert list(written) == list(EXPORT_FIELDS)
    assert list(_export(item, settings.FEED_EXPORT_FIELDS)) == list(ARTICLE_FIELDS)  # version only when revised


def test_feed_export_fields_are_the_declared_fields_in_the_published_schema_order():
    assert settings.FEED_EXPORT_FIELDS == list(EXPORT_FIELDS)
    assert set(Article.fields) == set(EXPORT_FIELDS)
    published = json.loads((ROOT / "schema" / "article.schema.json").read_text("utf-8"))
    assert list(published["properties"]) == list(EXPORT_FIELDS)


def test_an_undeclared_key_is_refused():
    with pytest.raises(KeyError):
        Article()["_timezone"] = "Asia/Shanghai"


def test_context_survives_copy_and_pickle():
    item = Article(url="u", context=ChainContext(timezone="Asia/Shanghai"))
    for other in (item.copy(), copy.deepcopy(item), pickle.loads(pickle.dumps(item))):
        assert (dict(other), other.context.timezone) == ({"url": "u"}, "Asia/Shanghai")


ALLOWED_DICT_CHECKS = {
    "state/feedstorage.py",  # reads parsed JSON lines, which are dicts
}


def test_no_component_takes_only_dicts_for_items():
    """Items are Articles (a Mapping, not a dict): an ``isinstance(item, dict)`` check would skip every one."""
    pattern = re.compile(r"isinstance\((item|output|result)\b[^)]*,\s*dict\)")
    offenders = [str(path) for path in (ROOT / "newsspider").rglob("*.py")
                 if path.relative_to(ROOT / "newsspider").as_posix() not in ALLOWED_DICT_CHECKS
                 and pattern.search(path.read_text("utf-8"))]  # fmt: skip
    assert not offenders
