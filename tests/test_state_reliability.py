"""Seen store reliability (issue 9): dropped keys remembered and retried, deletions, corrupt files, run ids."""

from __future__ import annotations

import sqlite3
import time

import pytest

from newsspider.state import feedstorage
from newsspider.state.store import DB_NAME, SeenStore, StateCorruptError


@pytest.fixture
def store(tmp_path):
    with SeenStore.in_dir(tmp_path / "state") as opened:
        yield opened


def test_a_dropped_key_is_due_for_retry_on_the_next_run(store):
    store.record_drop("k1", "a", "http://a.cn/1.htm", "missing_body", backoff=3600)
    assert store.due_retries("a", retries=3) == [{"key": "k1", "url": "http://a.cn/1.htm", "drops": 1}]
    assert store.drop_count("k1") == 1
    assert store.due_retries("b", retries=3) == []  # another site


def test_retries_back_off_and_stop_after_the_limit(store):
    now = time.time()
    store.record_drop("k1", "a", "http://a.cn/1.htm", "missing_body", backoff=3600, now=now)
    store.record_drop("k1", "a", "http://a.cn/1.htm", "missing_body", backoff=3600, now=now)
    assert store.due_retries("a", retries=3, now=now) == []  # second drop: wait one backoff
    assert [row["key"] for row in store.due_retries("a", retries=3, now=now + 3601)] == ["k1"]
    store.record_drop("k1", "a", "http://a.cn/1.htm", "missing_body", backoff=3600, now=now)
    assert store.due_retries("a", retries=3, now=now + 10**6) == []  # three drops: given up
    assert store.drop_count("k1") == 3
    assert store.given_up("k1", retries=3)


def test_an_exported_key_is_no_longer_a_drop(store):
    store.record_drop("k1", "a", "http://a.cn/1.htm", "missing_body", backoff=0)
    store.prepare_batch("/out/a-1.jsonl", "a", "r1", ["k1"])
    store.commit_batch("/out/a-1.jsonl")
    assert store.drop_count("k1") == 0
    assert store.due_retries("a", retries=3) == []


def test_forget_site_forgets_its_drops(store):
    store.record_drop("k1", "a", "http://a.cn/1.htm", "missing_body", backoff=0)
    store.forget_site("a")
    assert store.drop_count("k1") == 0


def test_a_deleted_article_is_counted_and_no_longer_revisited(store):
    store.prepare_batch("/out/a-1.jsonl", "a", "r1", [("k1", "http://a.cn/1.htm", "h1"), ("k2", "http://a.cn/2.htm", "h2")])
    store.commit_batch("/out/a-1.jsonl")
    later = time.time() + 10
    assert {row["key"] for row in store.due_revisits("a", 0, later)} == {"k1", "k2"}
    store.mark_deleted("k1")
    assert [row["key"] for row in store.due_revisits("a", 0, later)] == ["k2"]
    assert store.deleted_count("a") == 1
    assert store.is_seen("k1")  # still exported once: never exported again


def test_a_store_without_the_new_columns_is_upgraded(tmp_path):
    path = tmp_path / DB_NAME
    with sqlite3.connect(path) as db:  # the schema before deletions were recorded
        db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, site TEXT NOT NULL, batch TEXT NOT NULL, "
                   "seen_at REAL NOT NULL, url TEXT, hash TEXT, version INTEGER NOT NULL DEFAULT 1, checked_at REAL)")
        db.execute("INSERT INTO seen VALUES ('k1', 'a', '/b', 1.0, 'http://a.cn/1.htm', 'h', 1, NULL)")
    with SeenStore(path) as store:
        assert store.is_seen("k1")
        store.mark_deleted("k1")
        assert store.deleted_count("a") == 1


def test_a_corrupt_store_is_a_clear_error_naming_the_file(tmp_path):
    path = tmp_path / DB_NAME
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StateCorruptError) as error:
        SeenStore(path)
    message = str(error.value)
    assert str(path) in message
    assert "backup" in message and "--forget" in message
    assert "\n" not in message


def test_a_zero_length_store_is_not_silently_a_reset(tmp_path):
    path = tmp_path / DB_NAME
    path.touch()
    with pytest.raises(StateCorruptError, match="empty"):
        SeenStore(path)


def test_a_new_store_is_created_when_there_is_none(tmp_path):
    with SeenStore(tmp_path / "new" / DB_NAME) as store:
        assert store.seen_count() == 0
    with SeenStore(tmp_path / "new" / DB_NAME) as store:  # and reopened after
        assert store.seen_count() == 0


def test_run_ids_of_processes_started_within_one_second_differ():
    first = feedstorage.new_run_id(1764477000.25)
    second = feedstorage.new_run_id(1764477000.75)
    assert first != second
    assert first < second  # they still sort by start time
    assert first.startswith("20251130T043000")


def test_the_sqlite_store_and_the_file_output_implement_the_state_protocols(tmp_path):
    from newsspider.state.feedstorage import AtomicFileFeedStorage
    from newsspider.state.interface import DurableOutput, SeenBackend

    with SeenStore(tmp_path / DB_NAME) as store:
        assert isinstance(store, SeenBackend)
    assert isinstance(AtomicFileFeedStorage(str(tmp_path / "a.jsonl")), DurableOutput)
