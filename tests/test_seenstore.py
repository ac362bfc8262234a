"""SeenStore: keys become seen only on commit; reconcile settles pending batches; run history; locks."""

from __future__ import annotations

import pytest

from newsspider.state.store import SeenStore, StateLockedError, acquire_lock


@pytest.fixture
def store(tmp_path):
    with SeenStore.in_dir(tmp_path / "state") as opened:
        yield opened


def test_keys_are_seen_only_after_commit(store):
    store.prepare_batch("/out/a-1.jsonl", "a", "r1", ["k1", "k2"])
    assert not store.is_seen("k1")
    assert store.pending_batches() == ["/out/a-1.jsonl"]
    assert store.commit_batch("/out/a-1.jsonl") == 2
    assert store.is_seen("k1")
    assert store.is_seen("k2")
    assert not store.is_seen("k3")
    assert store.pending_batches() == []
    assert store.commit_batch("/out/a-1.jsonl") == 0  # committing twice changes nothing
    assert store.seen_count("a") == 2


def test_reconcile_commits_renamed_batches_and_discards_the_others(store):
    store.prepare_batch("/out/renamed.jsonl", "a", "r1", ["k1"])
    store.prepare_batch("/out/lost.jsonl", "a", "r1", ["k2"])
    assert store.reconcile("a", exists=lambda path: path == "/out/renamed.jsonl") == (1, 1)
    assert store.is_seen("k1")
    assert not store.is_seen("k2")
    assert store.pending_batches() == []


def test_reconcile_only_touches_its_site(store):
    store.prepare_batch("/out/b.jsonl", "b", "r1", ["k1"])
    assert store.reconcile("a", exists=lambda path: True) == (0, 0)
    assert store.pending_batches("b") == ["/out/b.jsonl"]


def test_state_survives_reopening(tmp_path):
    with SeenStore.in_dir(tmp_path) as first:
        first.prepare_batch("/out/a.jsonl", "a", "r1", ["k1"])
        first.commit_batch("/out/a.jsonl")
    with SeenStore.in_dir(tmp_path) as second:
        assert second.is_seen("k1")


def test_previous_run_complete_needs_a_clean_finish(store):
    assert not store.previous_run_complete("a", "r2")  # no history: walk everything
    store.start_run("r1", "a")
    assert not store.previous_run_complete("a", "r2")  # r1 never finished (killed)
    store.finish_run("r1", "a", "finished", 3, 0)
    store.start_run("r2", "a")
    assert store.previous_run_complete("a", "r2")
    store.finish_run("r2", "a", "finished", 0, 2)
    store.start_run("r3", "a")
    assert not store.previous_run_complete("a", "r3")  # r2 had errors
    assert [run["run_id"] for run in store.runs("a")] == ["r3", "r2", "r1"]


def test_forget_site(store):
    store.prepare_batch("/out/a.jsonl", "a", "r1", ["k1"])
    store.commit_batch("/out/a.jsonl")
    store.prepare_batch("/out/b.jsonl", "b", "r1", ["k2"])
    store.commit_batch("/out/b.jsonl")
    assert store.forget_site("a") == 1
    assert not store.is_seen("k1")
    assert store.is_seen("k2")
    assert store.last_export_at("a") is None
    assert store.last_export_at("b") is not None


def test_lock_is_exclusive_until_closed(tmp_path):
    held = acquire_lock(tmp_path / "x.lock")
    with pytest.raises(StateLockedError):
        acquire_lock(tmp_path / "x.lock")
    held.close()
    acquire_lock(tmp_path / "x.lock").close()


def test_a_key_committed_again_is_a_revision(store):
    store.prepare_batch("/out/1.jsonl", "a", "r1", [("k1", "https://a/1", "h1"), ("k2", "https://a/2", "h2")])
    assert store.commit_batch("/out/1.jsonl") == 2
    store.prepare_batch("/out/2.jsonl", "a", "r2", [("k1", "https://a/1", "h1b")])
    assert store.commit_batch("/out/2.jsonl") == 0  # no new article: one revision
    rows = store.db.execute("SELECT key, version, hash FROM seen ORDER BY key").fetchall()
    assert rows == [("k1", 2, "h1b"), ("k2", 1, "h2")]
    due = store.due_revisits("a", since=0, checked_before=float("inf"))
    assert {row["key"]: row["version"] for row in due} == {"k1": 2, "k2": 1}
    store.mark_checked("k2")
    assert [row["key"] for row in store.due_revisits("a", since=0, checked_before=0)] == []
