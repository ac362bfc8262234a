"""New state files (seen store, reprint index) are created atomically: workers starting together never meet an
empty file nor a lock while one of them sets WAL mode."""

import multiprocessing
import sqlite3

import pytest

from newsspider.reprintindex import ReprintIndex
from newsspider.state.sqlitefile import create_atomically
from newsspider.state.store import SeenStore, StateCorruptError


def _open_seen(path: str) -> None:
    with SeenStore(path) as store:
        store.db.execute("SELECT count(*) FROM seen").fetchone()


def _open_reprints(path: str) -> None:
    index = ReprintIndex(path)
    index.db.execute("SELECT count(*) FROM docs").fetchone()
    index.db.close()


def _open_and_mark(opener, path: str, barrier, results) -> None:
    barrier.wait()
    try:
        opener(path)
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test reports whatever a worker met
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.parametrize(("opener", "name"), [(_open_seen, "seen.sqlite3"), (_open_reprints, "reprints.sqlite3")])
def test_workers_opening_a_new_store_together_all_succeed(tmp_path, opener, name):
    path, workers = str(tmp_path / name), 8
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(workers), ctx.Queue()
    procs = [ctx.Process(target=_open_and_mark, args=(opener, path, barrier, results)) for _ in range(workers)]
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
