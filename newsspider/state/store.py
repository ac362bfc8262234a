"""SeenStore: the durable SQLite record of exported articles, feed batches and run history (no Scrapy)."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from newsspider.exceptions import NewsspiderError
from newsspider.state.drops import DROPS_SCHEMA, DropMemory
from newsspider.state.runs import RUNS_SCHEMA, RunHistory
from newsspider.state.sqlitefile import create_atomically

DB_NAME = "seen.sqlite3"
CONTENT_FIELDS = ("title", "body")  # a revisit that changes one of these exports a new version
MMAP_BYTES = 256 * 1024 * 1024  # reads map the database file; writes still go through the WAL

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    key TEXT PRIMARY KEY,        -- article key: urlid.article_key(url) or the site's article id
    site TEXT NOT NULL,
    batch TEXT NOT NULL,         -- final path of the feed batch that last exported it
    seen_at REAL NOT NULL,       -- first export
    url TEXT,                    -- the URL it was exported from (revisits fetch it again)
    hash TEXT,                   -- content_hash of the last exported version
    version INTEGER NOT NULL DEFAULT 1,
    checked_at REAL,             -- last export or unchanged revisit
    deleted_at REAL              -- a revisit found it gone (404/410): no longer revisited
);
CREATE TABLE IF NOT EXISTS batches (
    path TEXT PRIMARY KEY,       -- final path of a feed batch file
    site TEXT NOT NULL,
    run_id TEXT NOT NULL,
    items INTEGER NOT NULL,
    state TEXT NOT NULL,         -- 'pending' (about to be renamed) or 'committed' (keys are in seen)
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS batch_keys (
    path TEXT NOT NULL,
    key TEXT NOT NULL,
    url TEXT,
    hash TEXT
);
CREATE INDEX IF NOT EXISTS batch_keys_path ON batch_keys (path);
"""

SCHEMA = _SCHEMA + RUNS_SCHEMA + DROPS_SCHEMA  # every table of the store

# A key seen again is a revision: it keeps its first ``seen_at`` and gets the next version.
_UPSERT = (
    "INSERT INTO seen (key, site, batch, seen_at, url, hash, version, checked_at) "
    "VALUES (?, ?, ?, ?, ?, ?, 1, ?) "
    "ON CONFLICT (key) DO UPDATE SET batch = excluded.batch, url = COALESCE(excluded.url, seen.url), "
    "hash = excluded.hash, version = seen.version + 1, checked_at = excluded.checked_at"
)


# Columns added after the first release, added to an older store when it is opened.
_UPGRADES = {"seen": {"deleted_at": "REAL"}}

RESTORE_HINT = (
    "restore it from a backup, or move it away to start over (every article is then exported again; "
    "`python -m newsspider.cron --forget SITE` resets one site of a readable store)"
)


class StateCorruptError(NewsspiderError):
    """The seen store file is not a usable database (corrupt, truncated or empty)."""


def content_hash(item: dict) -> str:
    """Fingerprint of the exported text of an article (what a correction changes)."""
    text = json.dumps([item.get(name) for name in CONTENT_FIELDS], ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class SeenStore(RunHistory, DropMemory):
    """Which article keys are exported, which batch files are pending, and how past runs ended.

    A key enters ``seen`` only in ``commit_batch``, i.e. after its batch file is durably renamed.
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        create_atomically(self.path, SCHEMA)  # never an empty file of our own making
        if self.path.is_file() and self.path.stat().st_size == 0:
            # SQLite would take an empty file for a new store: everything would be exported again.
            msg = f"seen store {self.path} is empty (truncated?): {RESTORE_HINT}"
            raise StateCorruptError(msg)
        self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            msg = f"seen store {self.path} is corrupt ({exc}): {RESTORE_HINT}"
            raise StateCorruptError(msg) from exc

    def _open(self) -> None:
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # a committed batch survives a power cut
        self.db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # reads map the file: lookups ~2x faster
        self.db.executescript(SCHEMA)
        for table, columns in _UPGRADES.items():
            have = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns.items():
                if name not in have:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    @classmethod
    def in_dir(cls, state_dir: str | Path) -> SeenStore:
        """The store of a state folder (``NEWSSPIDER_STATE_DIR``)."""
        return cls(Path(state_dir) / DB_NAME)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SeenStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self, statements: Iterable[tuple[str, tuple]]) -> None:
        """Run the statements in one IMMEDIATE transaction (all or nothing)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for sql, params in statements:
                self.db.execute(sql, params)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- articles ---------------------------------------------------------------------------------------

    def is_seen(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone() is not None

    def seen_count(self, site: str | None = None) -> int:
        if site is None:
            return self.db.execute("SELECT COUNT(*) FROM seen").fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM seen WHERE site = ?", (site,)).fetchone()[0]

    def forget_site(self, site: str) -> int:
        """Forget every article, batch and run of ``site`` (its next run exports everything again)."""
        count = self.seen_count(site)
        paths = "SELECT path FROM batches WHERE site = ?"
        self._transaction([
            (f"DELETE FROM batch_keys WHERE path IN ({paths})", (site,)),
            ("DELETE FROM batches WHERE site = ?", (site,)),
            ("DELETE FROM seen WHERE site = ?", (site,)),
            ("DELETE FROM runs WHERE site = ?", (site,)),
            ("DELETE FROM dropped WHERE site = ?", (site,)),
        ])  # fmt: skip
        return count

    # -- batches ----------------------------------------------------------------------------------------

    def prepare_batch(self, path: str, site: str, run_id: str, keys: list[str | tuple]) -> None:
        """Record a batch and its keys as pending, durably, before its file is renamed to ``path``.

        Each key is a string or a ``(key, url, content hash)`` tuple.
        """
        entries = [(key, None, None) if isinstance(key, str) else tuple(key) for key in keys]
        now = time.time()
        statements = [("DELETE FROM batch_keys WHERE path = ?", (path,))]
        statements.append((
            "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, 'pending', ?)",
            (path, site, run_id, len(keys), now),
        ))  # fmt: skip
        statements += [("INSERT INTO batch_keys VALUES (?, ?, ?, ?)", (path, *entry)) for entry in entries]
        self._transaction(statements)

    def commit_batch(self, path: str) -> int:
        """Mark the keys of a pending batch as seen; return how many were new (the rest are revisions)."""
        row = self.db.execute("SELECT site, state FROM batches WHERE path = ?", (path,)).fetchone()
        if row is None or row[1] != "pending":
            return 0
        now = time.time()
        entries = self.db.execute("SELECT key, url, hash FROM batch_keys WHERE path = ?", (path,)).fetchall()
        known = "SELECT COUNT(*) FROM batch_keys JOIN seen USING (key) WHERE batch_keys.path = ?"
        new = len(entries) - self.db.execute(known, (path,)).fetchone()[0]
        statements = [(_UPSERT, (key, row[0], path, now, url, digest, now)) for key, url, digest in entries]
        statements.append(("DELETE FROM dropped WHERE key IN (SELECT key FROM batch_keys WHERE path = ?)", (path,)))
        statements.append(("UPDATE batches SET state = 'committed' WHERE path = ?", (path,)))
        statements.append(("DELETE FROM batch_keys WHERE path = ?", (path,)))
        self._transaction(statements)
        return new

    def due_revisits(self, site: str, since: float, checked_before: float, limit: int = 1000) -> list[dict]:
        """Articles of ``site`` first exported after ``since`` and not checked since ``checked_before``."""
        cursor = self.db.execute(
            "SELECT key, url, hash, version FROM seen WHERE site = ? AND seen_at >= ? AND url IS NOT NULL "
            "AND deleted_at IS NULL "
            "AND COALESCE(checked_at, seen_at) < ? ORDER BY seen_at DESC LIMIT ?",
            (site, since, checked_before, limit),
        )
        return [dict(zip(("key", "url", "hash", "version"), row, strict=True)) for row in cursor]

    def mark_checked(self, key: str) -> None:
        """A revisit found the article unchanged."""
        self._transaction([("UPDATE seen SET checked_at = ? WHERE key = ?", (time.time(), key))])

    def mark_deleted(self, key: str) -> None:
        """A revisit found the article gone (404/410): it stays exported once and is no longer revisited."""
        self._transaction([("UPDATE seen SET deleted_at = ? WHERE key = ?", (time.time(), key))])

    def deleted_count(self, site: str) -> int:
        sql = "SELECT COUNT(*) FROM seen WHERE site = ? AND deleted_at IS NOT NULL"
        return self.db.execute(sql, (site,)).fetchone()[0]

    def discard_batch(self, path: str) -> None:
        """Forget a pending batch whose file never reached its final name."""
        self._transaction([
            ("DELETE FROM batch_keys WHERE path = ?", (path,)),
            ("DELETE FROM batches WHERE path = ? AND state = 'pending'", (path,)),
        ])  # fmt: skip

    def pending_batches(self, site: str | None = None) -> list[str]:
        sql, params = "SELECT path FROM batches WHERE state = 'pending'", ()
        if site is not None:
            sql, params = sql + " AND site = ?", (site,)
        return [path for (path,) in self.db.execute(sql + " ORDER BY path", params)]

    def reconcile(
        self,
        site: str | None = None,
        exists: Callable[[str], bool] | None = None,
        match: Callable[[str], bool] | None = None,
        on_discard: Callable[[str, str], object] | None = None,
    ) -> tuple[int, int]:
        """Settle batches a killed run left pending: renamed ones are committed, the others discarded
        (``on_discard(path, run_id)`` first removes what they left besides the batch file: WARC, manifest).

        ``match`` limits it to some batch paths (a worker settles only its own). Returns (committed, discarded).
        """
        exists = exists or (lambda path: Path(path).is_file())
        committed = discarded = 0
        for path in filter(match, self.pending_batches(site)) if match else self.pending_batches(site):
            if exists(path):
                self.commit_batch(path)
                committed += 1
            else:
                if on_discard is not None:
                    on_discard(path, self.batch_run_id(path))
                self.discard_batch(path)
                discarded += 1
        return committed, discarded

    def batch_run_id(self, path: str) -> str:
        row = self.db.execute("SELECT run_id FROM batches WHERE path = ?", (path,)).fetchone()
        return row[0] if row else ""

    # -- runs (start_run, finish_run, runs, previous_run_complete: runs.RunHistory) --------------------------

    def last_export_at(self, site: str) -> float | None:
        """When ``site`` last had an article committed as seen (None: never)."""
        return self.db.execute("SELECT MAX(seen_at) FROM seen WHERE site = ?", (site,)).fetchone()[0]


class StateLockedError(NewsspiderError):
    """Another process holds the lock of this state folder entry (an overlapping run)."""


def acquire_lock(path: str | Path) -> IO:
    """Take an exclusive, non-blocking lock on ``path``; the lock lasts until the returned file is closed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        msg = f"{path} is locked by another run"
        raise StateLockedError(msg) from exc
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle
