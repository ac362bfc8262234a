"""AtomicFileFeedStorage: a final name only ever holds a whole batch; temp files are hidden and cleared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from newsspider.state import feedstorage
from newsspider.state.feedstorage import AtomicFileFeedStorage
from newsspider.state.signals import batch_prepared


class Ledger:
    """Records what the storage reports before its rename, and whether the final file existed then."""

    def __init__(self):
        self.calls = []

    def prepare(self, path: Path, temp: Path, feed_format: str | None, offset: int = 0) -> None:
        self.calls.append((path.exists(), temp.read_bytes()[offset:], feed_format))


def listening(ledger: Ledger):
    """A crawler whose ``batch_prepared`` signal reaches ``ledger`` (as it reaches the seen state)."""
    crawler = get_crawler()
    crawler.signals.connect(ledger.prepare, batch_prepared, weak=False)
    return crawler


def test_batch_is_written_to_a_hidden_temp_file_then_renamed(tmp_path):
    final = tmp_path / "site" / "site-r1-00001.jsonl"
    storage = AtomicFileFeedStorage(str(final))
    handle = storage.open(None)
    handle.write(b'{"url": "https://a/1"}\n')
    assert not final.exists()
    assert [p.name for p in final.parent.iterdir()] == [".site-r1-00001.jsonl.part"]
    storage.store(handle)
    assert final.read_bytes() == b'{"url": "https://a/1"}\n'
    assert [p.name for p in final.parent.iterdir()] == ["site-r1-00001.jsonl"]
    assert storage.stored


def test_ledger_sees_the_whole_batch_before_the_rename(tmp_path):
    ledger = Ledger()
    options = {"format": "jsonlines"}
    storage = AtomicFileFeedStorage(f"file://{tmp_path}/b.jsonl", feed_options=options, crawler=listening(ledger))
    handle = storage.open(None)
    handle.write(b'{"url": "u"}\n')
    storage.store(handle)
    assert ledger.calls == [(False, b'{"url": "u"}\n', "jsonlines")]


def test_failed_prepare_leaves_no_final_file(tmp_path):
    class Failing(Ledger):
        def prepare(self, path, temp, feed_format, offset=0):
            raise OSError("disk full")

    storage = AtomicFileFeedStorage(str(tmp_path / "c.jsonl"), crawler=listening(Failing()))
    handle = storage.open(None)
    handle.write(b"x\n")
    with pytest.raises(OSError, match="disk full"):
        storage.store(handle)
    assert not (tmp_path / "c.jsonl").exists()
    assert not storage.stored


def test_append_mode_copies_the_old_file_and_reports_only_the_new_lines(tmp_path):
    ledger = Ledger()
    crawler = listening(ledger)
    final = tmp_path / "out.jsonl"
    final.write_bytes(b"old\n")
    for options, expected in (({}, b"old\nnew\n"), ({"overwrite": True}, b"new\n")):
        storage = AtomicFileFeedStorage(str(final), feed_options=options, crawler=crawler)
        handle = storage.open(None)
        handle.write(b"new\n")
        storage.store(handle)
        assert final.read_bytes() == expected
        final.write_bytes(b"old\n")
    assert [call[1] for call in ledger.calls] == [b"new\n", b"new\n"]


def test_clear_temp_files_removes_only_our_stem(tmp_path):
    for name in (".site-r1-00002.jsonl.part", ".other-r1-00001.jsonl.part", "site-r1-00001.jsonl", ".keep"):
        (tmp_path / name).write_text("x")
    assert feedstorage.clear_temp_files(tmp_path, "site-") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".keep",
        ".other-r1-00001.jsonl.part",
        "site-r1-00001.jsonl",
    ]
    assert feedstorage.clear_temp_files(tmp_path / "missing") == 0


def test_the_batch_is_read_once_for_every_receiver(tmp_path, monkeypatch):
    """batch_prepared gets the parsed items; the feed_slot_closed receivers read the same list off the storage."""
    reads = []
    monkeypatch.setattr(feedstorage, "jsonl_items", lambda path, offset=0: reads.append(path) or [{"url": "u"}])
    received = []
    crawler = get_crawler()
    crawler.signals.connect(lambda items: received.append(items), batch_prepared, weak=False)
    storage = AtomicFileFeedStorage(str(tmp_path / "b.jsonl"), feed_options={"format": "jsonl"}, crawler=crawler)
    handle = storage.open(None)
    handle.write(b'{"url": "u"}\n')
    storage.store(handle)
    assert storage.items == storage.items == received[0] == [{"url": "u"}]
    assert reads == [feedstorage.temp_path(tmp_path / "b.jsonl")]  # once, the part file before the rename


def test_items_are_the_batch_lines_with_a_url_from_the_offset(tmp_path):
    final = tmp_path / "out.jsonl"
    final.write_text(json.dumps({"url": "https://a/old"}) + "\n")
    storage = AtomicFileFeedStorage(str(final), feed_options={"format": "jsonlines"})
    handle = storage.open(None)
    handle.write(b'{"url": "https://a/new"}\n{"title": "no url"}\n')
    storage.store(handle)
    assert storage.items == [{"url": "https://a/new"}]
    other = AtomicFileFeedStorage(str(tmp_path / "out.csv"), feed_options={"format": "csv"})
    other.store(other.open(None))
    assert other.items == []  # only JSON-lines batches are read back


def test_jsonl_items(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"url": "https://a/1"}) + "\n\n" + json.dumps({"title": "no url"}) + "\n")
    assert feedstorage.jsonl_items(path) == [{"url": "https://a/1"}]


def test_run_id_prefers_the_setting():
    assert feedstorage.run_id({"NEWSSPIDER_RUN_ID": "20260101T000000Z"}) == "20260101T000000Z"
    assert feedstorage.run_id({}) == feedstorage.run_id({"NEWSSPIDER_RUN_ID": ""})
