"""Reprint detection: recall and false flags on a generated set, durability, restarts, fixture reprints."""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

import pytest
from scrapy import signals
from scrapy.utils.test import get_crawler

from newsspider import extract_article
from newsspider.extensions.reprints import ReprintExtension, ReprintPipeline, expire
from newsspider.reprintdetector import ReprintDetector
from newsspider.reprintindex import LshParams, ReprintIndex, fingerprint, shingles
from newsspider.state import feedstorage
from newsspider_testing.pairs import PAGES, FixturePair
from newsspider_testing.reprintgen import generate, run_detection

ARTICLES = generate(2000, 300)


def test_generated_set_recall_and_false_flags(tmp_path):
    with ReprintIndex.in_dir(tmp_path) as index:
        result = run_detection(ARTICLES, ReprintDetector(index))
    assert result.reprints == 300
    assert result.recall >= 0.95
    assert result.false_flag_rate <= 0.01


def test_detection_survives_a_restart(tmp_path):
    first, second = ARTICLES[:1000], ARTICLES[1000:]
    with ReprintIndex.in_dir(tmp_path) as index:
        run_detection(first, ReprintDetector(index), batch_prefix=str(tmp_path / "a"))
    with ReprintIndex.in_dir(tmp_path) as index:
        assert index.count() == sum(1 for article in first if len(article.body) >= 60)
        detector = ReprintDetector(index)
        copies_of_first = {a.url for a in second if a.reprint_of in {b.url for b in first}}
        found = [a.url for a in second if a.url in copies_of_first and detector.check(a.url, "x", a.body)]
    assert copies_of_first
    assert len(found) >= 0.95 * len(copies_of_first)


def test_a_copy_in_the_same_batch_is_found_before_any_commit(tmp_path):
    original = next(a for a in ARTICLES if not a.reprint_of)
    with ReprintIndex.in_dir(tmp_path) as index:
        detector = ReprintDetector(index)
        assert detector.check(original.url, "a", original.body) is None
        match = detector.check("http://copy.test/1", "b", original.body + "\n（完）")
    assert match.url == original.url
    assert match.similarity > 0.9


def test_only_durable_batches_count(tmp_path):
    body = ARTICLES[0].body
    with ReprintIndex.in_dir(tmp_path) as index:
        detector = ReprintDetector(index)
        detector.check("http://a.test/1", "a", body)
        detector.prepare(str(tmp_path / "renamed.jsonl"), ["http://a.test/1"])
        detector.check("http://a.test/2", "a", ARTICLES[1].body)
        detector.prepare(str(tmp_path / "never-renamed.jsonl"), ["http://a.test/2"])
    (tmp_path / "renamed.jsonl").write_text("{}\n")  # the first rename happened, then the process died
    with ReprintIndex.in_dir(tmp_path) as index:
        assert index.reconcile() == (1, 1)
        detector = ReprintDetector(index)
        assert detector.check("http://b.test/1", "b", body).url == "http://a.test/1"
        assert detector.check("http://b.test/2", "b", ARTICLES[1].body) is None


def test_own_url_short_bodies_and_other_shapes(tmp_path):
    body = ARTICLES[0].body
    with ReprintIndex.in_dir(tmp_path) as index:
        detector = ReprintDetector(index)
        detector.check("http://a.test/1", "a", body)
        assert detector.check("http://a.test/1", "a", body) is None  # a revisit of the same article
        assert detector.check("http://a.test/9", "a", "短讯：今日无事。") is None
    with pytest.raises(ValueError, match="shape"):
        ReprintIndex.in_dir(tmp_path, LshParams(num_perm=64, bands=16))


def test_shingles_ignore_punctuation_and_spacing():
    assert shingles("海口 网，消息", 3) == shingles("海口网消息", 3) == {"海口网".encode(), "口网消".encode(), "网消息".encode()}
    assert fingerprint("太短", LshParams()) is None


def _pair_item(name: str) -> dict:
    pair = FixturePair.load(PAGES / f"{name}.json")
    return extract_article(pair.html.read_bytes(), **pair.kwargs)


def _crawler(tmp_path):
    crawler = get_crawler(settings_dict={"NEWSSPIDER_STATE_DIR": str(tmp_path / "state")})
    crawler.stats.open_spider()
    extension = ReprintExtension.from_crawler(crawler)
    return crawler, extension, ReprintPipeline(crawler, extension.detector)


def _export(crawler, path, items) -> None:
    """Write a batch through the project's atomic storage and close its slot, as the feed exporter does."""
    options = {"format": "jsonlines"}
    storage = feedstorage.AtomicFileFeedStorage(str(path), feed_options=options, crawler=crawler)
    handle = storage.open(None)
    handle.write(b"".join(json.dumps(item, ensure_ascii=False).encode() + b"\n" for item in items))
    storage.store(handle)
    crawler.signals.send_catch_log(signals.feed_slot_closed, slot=SimpleNamespace(storage=storage))


def test_fixture_reprints_are_flagged_across_runs(tmp_path):
    crawler, extension, pipeline = _crawler(tmp_path)
    original = pipeline.process_item(_pair_item("generic_hkwb_gbk"))
    assert original["duplicate_of"] is None
    _export(crawler, tmp_path / "out" / "run1.jsonl", [original])
    assert crawler.stats.get_value("newsspider/reprints/registered") == 1
    extension.engine_stopped()

    crawler, extension, pipeline = _crawler(tmp_path)  # a later run, another site
    for name in ("reprint_edited_copy", "mirror_traditional_glosses"):
        item = pipeline.process_item(_pair_item(name))
        assert item["duplicate_of"] == original["canonical_url"], name
        assert 0.5 <= item["similarity"] <= 1.0
        assert item["source"] == "海口网"  # the original outlet, as the page credits it
    for name in ("brackets_latin_letters", "traditional_outlet_hk", "haikou_reprint_two_authors"):
        item = pipeline.process_item(_pair_item(name))
        assert (item["duplicate_of"], item["similarity"]) == (None, None), name
    stats = crawler.stats.get_stats()
    assert stats["newsspider/reprints"] == 2
    assert stats["newsspider/site/www.sanya-demo.test/reprints"] == 1
    assert stats["newsspider/site/www.6chong-mirror.test/reprints"] == 1
    extension.engine_stopped()


def test_unexported_items_are_not_registered(tmp_path):
    crawler, extension, pipeline = _crawler(tmp_path)
    pipeline.process_item(_pair_item("generic_hkwb_gbk"))  # flagged pending, but its batch never gets written
    extension.engine_stopped()
    crawler, extension, pipeline = _crawler(tmp_path)
    assert pipeline.process_item(_pair_item("reprint_edited_copy"))["duplicate_of"] is None
    extension.engine_stopped()


def _register(index: ReprintIndex, url: str, body: str, batch, commit: bool = True) -> None:
    detector = ReprintDetector(index)
    detector.check(url, "a", body)
    detector.prepare(str(batch), [url])
    if commit:
        index.commit_batch(str(batch))


def test_fingerprints_past_the_horizon_are_forgotten_with_their_bands(tmp_path):
    old, recent, pending = ARTICLES[0].body, ARTICLES[1].body, ARTICLES[2].body
    with ReprintIndex.in_dir(tmp_path) as index:
        _register(index, "http://a.test/old", old, tmp_path / "1.jsonl")
        _register(index, "http://a.test/pending", pending, tmp_path / "2.jsonl", commit=False)
        index.db.execute("UPDATE docs SET added_at = added_at - 40 * 86400")  # both registered 40 days ago
        _register(index, "http://a.test/recent", recent, tmp_path / "3.jsonl")
        assert index.expire(time.time() - 30 * 86400) == 1  # the pending one waits for its batch
        assert index.db.execute("SELECT COUNT(*) FROM bands WHERE doc NOT IN (SELECT id FROM docs)").fetchone() == (0,)
        detector = ReprintDetector(index)
        assert detector.check("http://b.test/1", "b", old) is None
        assert detector.check("http://b.test/2", "b", recent).url == "http://a.test/recent"
        assert index.reconcile() == (0, 1)  # the pending batch was never renamed: discarded as before


def test_expiry_runs_at_most_once_a_day_and_never_with_zero_days(tmp_path):
    with ReprintIndex.in_dir(tmp_path) as index:
        _register(index, "http://a.test/1", ARTICLES[0].body, tmp_path / "1.jsonl")
        index.db.execute("UPDATE docs SET added_at = added_at - 40 * 86400")
        now = time.time()
        assert expire(index, 0, now) == 0 and index.count() == 1
        assert expire(index, 60, now) == 0 and index.expired_at() >= now - 1  # ran: nothing that old
        assert expire(index, 30, now + 3600) == 0 and index.count() == 1  # not again within a day
        assert expire(index, 30, now + 86400 + 1) == 1 and index.count() == 0


def test_the_extension_expires_old_fingerprints_at_start(tmp_path):
    state = tmp_path / "state"
    with ReprintIndex.in_dir(state) as index:
        _register(index, "http://a.test/1", ARTICLES[0].body, tmp_path / "1.jsonl")
        index.db.execute("UPDATE docs SET added_at = added_at - 400 * 86400")
    crawler = get_crawler(settings_dict={"NEWSSPIDER_STATE_DIR": str(state)})  # the default horizon: 365 days
    crawler.stats.open_spider()
    extension = ReprintExtension.from_crawler(crawler)
    assert crawler.stats.get_value("newsspider/reprints/expired") == 1
    assert extension.detector.index.count() == 0
    extension.engine_stopped()
