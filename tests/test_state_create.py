"""A new seen store is created atomically: workers starting together never meet an empty file."""

import multiprocessing
import sqlite3

import pytest

from newsspider.state.sqlitefile import create_atomically
from newsspider.state.store import SeenStore, StateCorruptError


def _open_and_mark(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        with SeenStore(path) as store:
            store.db.execute("SELECT count(*) FROM seen").fetchone()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test reports whatever a worker met
        results.put(f"{type(exc).__name__}: {exc}")


def test_workers_opening_a_new_store_together_all_succeed(tmp_path):
    path, workers = str(tmp_path / "seen.sqlite3"), 8
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(workers), ctx.Queue()
    procs = [ctx.Process(target=_open_and_mark, args=(path, barrier, results)) for _ in range(workers)]
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    assert outcomes == ["ok"] * workers
    assert sorted(p.name for p in tmp_path.iterdir() if ".new-" in p.name) == []


def test_create_is_a_no_op_on_an_existing_store(tmp_path):
    path = tmp_path / "s.sqlite3"
    assert create_atomically(path, "CREATE TABLE t (x)") is True
    assert create_atomically(path, "CREATE TABLE u (x)") is False
    tables = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert tables == {"t"}


def test_an_empty_store_file_is_still_refused(tmp_path):
    path = tmp_path / "seen.sqlite3"
    path.touch()
    with pytest.raises(StateCorruptError, match="empty"):
        SeenStore(path)
