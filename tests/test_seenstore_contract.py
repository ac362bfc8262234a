"""One contract, two backends: the SQLite seen store and the PostgreSQL one (a real server) behave the same."""

from __future__ import annotations

import sqlite3
import uuid

import psycopg
import pytest

from newsspider.exceptions import ProfileError
from newsspider.state.interface import SeenBackend
from newsspider.state.pgstore import PgConnection, PgSeenStore, StoreUnavailableError, open_store, redact
from newsspider.state.store import SeenStore
from newsspider_testing.servers import PostgresServer


@pytest.fixture(scope="module")
def postgres():
    with PostgresServer() as server:
        yield server


def fresh_database(server: PostgresServer) -> str:
    """A new empty database on the server: each test starts from nothing, as with a new SQLite file."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.url, autocommit=True) as db:
        db.execute(f"CREATE DATABASE {name}")
    return server.url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def opener(request, tmp_path):
    """A function opening the store of one test (called again: the same store, from another connection)."""
    if request.param == "sqlite":
        return lambda: SeenStore.in_dir(tmp_path / "state")
    url = fresh_database(request.getfixturevalue("postgres"))
    return lambda: PgSeenStore(url)


@pytest.fixture
def store(opener):
    with opener() as opened:
        yield opened


def test_both_backends_implement_the_seen_backend_protocol(store):
    assert isinstance(store, SeenBackend)


def test_keys_are_pending_until_commit(store):
    store.prepare_batch("/out/a-1.jsonl", "a", "r1", [("k1", "http://a/1", "h1"), "k2"])
    assert store.pending_batches() == ["/out/a-1.jsonl"]
    assert not store.is_seen("k1")
    assert store.commit_batch("/out/a-1.jsonl") == 2
    assert store.is_seen("k1") and store.is_seen("k2")
    assert store.pending_batches() == []
    assert store.commit_batch("/out/a-1.jsonl") == 0  # committed once only
    assert store.seen_count("a") == 2 and store.seen_count() == 2


def test_reconcile_commits_renamed_and_discards_the_rest(store):
    store.prepare_batch("/out/a-w1-1.jsonl", "a", "r1", ["k1"])
    store.prepare_batch("/out/a-w1-2.jsonl", "a", "r1", ["k2"])
    store.prepare_batch("/out/a-w2-1.jsonl", "a", "r1", ["k3"])
    exists = {"/out/a-w1-1.jsonl", "/out/a-w2-1.jsonl"}.__contains__
    mine = lambda path: "-w1-" in path  # noqa: E731 - a worker settles only its own batches
    assert store.reconcile("a", exists=exists, match=mine) == (1, 1)
    assert store.is_seen("k1") and not store.is_seen("k2")
    assert store.pending_batches() == ["/out/a-w2-1.jsonl"]  # another worker's batch is left alone
    assert store.reconcile("a", exists=exists) == (1, 0)
    assert store.is_seen("k3")


def test_reconcile_only_touches_its_site(store):
    store.prepare_batch("/out/b-1.jsonl", "b", "r1", ["kb"])
    assert store.reconcile("a", exists=lambda path: False) == (0, 0)
    assert store.pending_batches("b") == ["/out/b-1.jsonl"]


def test_a_key_committed_again_is_a_revision(store):
    store.prepare_batch("/out/a-1.jsonl", "a", "r1", [("k", "http://a/1", "h1")])
    store.commit_batch("/out/a-1.jsonl")
    store.prepare_batch("/out/a-2.jsonl", "a", "r2", [("k", None, "h2")])
    assert store.commit_batch("/out/a-2.jsonl") == 0  # not new
    due = store.due_revisits("a", since=0, checked_before=float("inf"))
    assert due == [{"key": "k", "url": "http://a/1", "hash": "h2", "version": 2}]
    store.mark_checked("k")
    assert store.due_revisits("a", since=0, checked_before=0) == []


def test_runs_history_and_clean_finish(store):
    store.start_run("r1", "a")
    assert not store.previous_run_complete("a", "r2")  # r1 never finished (killed)
    store.finish_run("r1", "a", "finished", 3, 0)
    assert store.previous_run_complete("a", "r2")
    store.start_run("r2", "a")
    store.finish_run("r2", "a", "finished", 0, 2)
    assert not store.previous_run_complete("a", "r3")  # r2 had errors
    runs = store.runs("a")
    assert [run["run_id"] for run in runs] == ["r2", "r1"]
    assert runs[1]["new_articles"] == 3 and runs[1]["finish_reason"] == "finished"


def test_last_export_and_forget_site(store):
    assert store.last_export_at("a") is None
    store.prepare_batch("/out/a-1.jsonl", "a", "r1", ["k1", "k2"])
    store.prepare_batch("/out/b-1.jsonl", "b", "r1", ["kb"])
    store.commit_batch("/out/a-1.jsonl")
    store.commit_batch("/out/b-1.jsonl")
    assert store.last_export_at("a") > 1e9  # seconds since the epoch, full precision
    assert store.forget_site("a") == 2
    assert not store.is_seen("k1") and store.is_seen("kb")
    assert store.last_export_at("a") is None


def test_timestamps_keep_sub_second_precision(store):
    store.start_run("r1", "a")
    started = store.runs("a")[0]["started_at"]
    assert abs(started - round(started)) > 0 or started == int(started)  # not rounded to float4
    assert started > 1.7e9 and abs(started * 1000 - round(started * 1000)) < 1


def test_a_commit_is_seen_from_another_connection_and_survives_reopening(opener):
    with opener() as first, opener() as second:
        first.prepare_batch("/out/a-1.jsonl", "a", "r1", ["k1"])
        assert second.pending_batches() == ["/out/a-1.jsonl"]  # another worker would settle it
        first.commit_batch("/out/a-1.jsonl")
        assert second.is_seen("k1")
    with opener() as third:
        assert third.is_seen("k1")


def test_postgres_commit_survives_a_server_restart(postgres):
    url = fresh_database(postgres)
    with PgSeenStore(url) as store:
        store.prepare_batch("/out/a-1.jsonl", "a", "r1", ["k1"])
        store.commit_batch("/out/a-1.jsonl")
    postgres.stop()
    postgres.start()
    with PgSeenStore(url) as store:
        assert store.is_seen("k1")


def test_postgres_unreachable_is_an_operational_error(postgres):
    url = fresh_database(postgres)
    store = PgSeenStore(url)
    postgres.stop()
    try:
        with pytest.raises(sqlite3.OperationalError):  # what the seen-state extension counts and survives
            store.is_seen("k1")
        with pytest.raises(StoreUnavailableError, match="unreachable"):
            PgSeenStore(url)
    finally:
        postgres.start()
        store.close()


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("BEGIN IMMEDIATE", "BEGIN"),
        ("SELECT 1 FROM seen WHERE key = ?", "SELECT 1 FROM seen WHERE key = %s"),
        ("SELECT '5%' WHERE x = ?", "SELECT '5%%' WHERE x = %s"),
        ("INSERT OR IGNORE INTO t VALUES (?)", "INSERT INTO t VALUES (%s) ON CONFLICT DO NOTHING"),
    ],
)
def test_dialect_translation(sql, expected):
    connection = PgConnection.__new__(PgConnection)
    connection._upserts = {}
    assert connection.translate(sql) == expected


def test_insert_or_replace_becomes_an_upsert_on_the_primary_key(store):
    if not isinstance(store, PgSeenStore):
        pytest.skip("PostgreSQL dialect only")
    sql = store.db.translate("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, NULL, NULL, NULL, NULL)")
    assert sql.startswith("INSERT INTO runs VALUES (%s, %s, %s, NULL, NULL, NULL, NULL) ON CONFLICT (run_id, site)")
    assert "finished_at = EXCLUDED.finished_at" in sql


def test_open_store_picks_the_backend(tmp_path, postgres):
    with open_store(str(tmp_path)) as sqlite_store:
        assert type(sqlite_store) is SeenStore
    with open_store(str(tmp_path), fresh_database(postgres)) as pg_store:
        assert isinstance(pg_store, PgSeenStore)
    with pytest.raises(ProfileError, match="postgresql://"):
        open_store(str(tmp_path), "mysql://h/db")
    assert redact("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"
