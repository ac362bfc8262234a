"""ReprintIndex: MinHash signatures of exported bodies with LSH band tables in SQLite (no Scrapy)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasketch import MinHash

from newsspider.state.sqlitefile import create_atomically

DB_NAME = "reprints.sqlite3"
_KEEP_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\w]+")  # CJK, letters, digits: punctuation and spaces go
_SIG_DTYPE = np.dtype("u1")  # the low 8 bits of each MinHash value (b-bit MinHash, Li & König 2010) ...
_CHANCE = 1 / 256  # ... which agree by chance 1 time in 256: similarity() corrects for it

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,
    url_key INTEGER NOT NULL UNIQUE,  -- 63-bit hash of url (an index on the text would double its size)
    url TEXT NOT NULL,           -- canonical_url of the exported article
    site TEXT,
    signature BLOB NOT NULL,     -- num_perm bytes: the low 8 bits of each MinHash value (b-bit MinHash)
    batch INTEGER,               -- batches.id while the batch is pending; NULL once it is durable
    added_at INTEGER NOT NULL    -- unix time of registration
);
CREATE INDEX IF NOT EXISTS docs_pending ON docs (batch) WHERE batch IS NOT NULL;
CREATE TABLE IF NOT EXISTS batches (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE    -- final path of a pending feed batch
);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL,        -- 31-bit hash of (band number, the band's MinHash values)
    doc INTEGER NOT NULL,
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS params (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class LshParams:
    """MinHash/LSH shape: ``bands`` bands of ``num_perm // bands`` rows; ``threshold`` on the estimate."""

    num_perm: int = 128
    bands: int = 32
    shingle: int = 5  # characters per shingle
    threshold: float = 0.5  # estimated Jaccard similarity from which a body counts as a reprint
    min_chars: int = 60  # shorter bodies are neither checked nor registered (too little text to tell)

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass(frozen=True)
class Fingerprint:
    """The MinHash signature of one body and its LSH band keys."""

    signature: np.ndarray
    band_keys: tuple[int, ...]


@dataclass(frozen=True)
class Match:
    """An earlier exported article a body nearly duplicates."""

    url: str
    similarity: float


def shingles(text: str, size: int) -> set[bytes]:
    """Overlapping character ``size``-grams of the text with punctuation and spacing removed."""
    kept = "".join(_KEEP_RE.findall(text.lower()))
    if len(kept) <= size:
        return {kept.encode()} if kept else set()
    return {kept[index : index + size].encode() for index in range(len(kept) - size + 1)}


def fingerprint(text: str, params: LshParams) -> Fingerprint | None:
    """The body's fingerprint, or None when it is too short to compare."""
    grams = shingles(text or "", params.shingle)
    if len("".join(_KEEP_RE.findall(text or ""))) < params.min_chars or not grams:
        return None
    minhash = MinHash(num_perm=params.num_perm, seed=1)
    minhash.update_batch(list(grams))
    keys = band_keys(minhash.hashvalues.astype("<u4"), params)  # bands on the full 32-bit values
    return Fingerprint((minhash.hashvalues & 0xFF).astype(_SIG_DTYPE), keys)


def band_keys(signature: np.ndarray, params: LshParams) -> tuple[int, ...]:
    """One 32-bit key per band: equal keys mean (almost surely) equal band values."""
    keys = []
    for band in range(params.bands):
        chunk = signature[band * params.rows : (band + 1) * params.rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=4, person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)  # 31 bits: SQLite stores it in 4 bytes
    return tuple(keys)


def url_key(url: str) -> int:
    """63-bit key of a URL (SQLite INTEGER)."""
    return int.from_bytes(hashlib.blake2b(url.encode(), digest_size=8).digest(), "little") >> 1


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of agreeing 8-bit MinHash values, less chance agreements."""
    agree = float(np.count_nonzero(first == second)) / len(first)
    return max(0.0, (agree - _CHANCE) / (1 - _CHANCE))


class ReprintIndex:
    """Fingerprints of exported bodies: a body is registered only once its feed batch is durable."""

    def __init__(self, path: str | Path, params: LshParams | None = None, *, timeout: float = 30.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.params = params or LshParams()
        create_atomically(self.path, _SCHEMA)  # workers starting together: one of them creates it, in WAL mode
        self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":  # a file of an older version
            self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # losing the last registrations costs a missed flag only
        self.db.executescript(_SCHEMA)
        self._check_params()

    @classmethod
    def in_dir(cls, state_dir: str | Path, params: LshParams | None = None) -> ReprintIndex:
        """The index of a state folder (``NEWSSPIDER_STATE_DIR``)."""
        return cls(Path(state_dir) / DB_NAME, params)

    def _check_params(self) -> None:
        """Signatures compare only under one shape: the first run's is kept, a different one refused."""
        shape = f"{self.params.num_perm}/{self.params.bands}/{self.params.shingle}/8bit"
        self.db.execute("INSERT OR IGNORE INTO params VALUES ('shape', ?)", (shape,))  # the first opener's shape wins
        row = self.db.execute("SELECT value FROM params WHERE name = 'shape'").fetchone()
        if row[0] != shape:
            msg = f"{self.path} holds signatures of shape {row[0]}, not {shape}: use another state folder"
            raise ValueError(msg)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ReprintIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def find(self, print_: Fingerprint, exclude_url: str | None = None) -> Match | None:
        """The first registered article (lowest id) this fingerprint nearly duplicates, if any."""
        keys = ",".join(str(key) for key in print_.band_keys)
        rows = self.db.execute(
            "SELECT DISTINCT d.id, d.url, d.signature FROM bands b JOIN docs d ON d.id = b.doc "
            f"WHERE b.key IN ({keys}) ORDER BY d.id"
        )
        for _doc, url, blob in rows:
            if url == exclude_url:
                continue
            score = similarity(print_.signature, np.frombuffer(blob, dtype=_SIG_DTYPE))
            if score >= self.params.threshold:
                return Match(url, round(score, 3))
        return None

    def prepare_batch(self, batch: str, entries: Iterable[tuple[str, str | None, Fingerprint]]) -> int:
        """Record the fingerprints of a batch as pending, before its file is renamed to ``batch``."""
        added, now = 0, int(time.time())
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("INSERT OR IGNORE INTO batches (path) VALUES (?)", (batch,))
            batch_id = self.db.execute("SELECT id FROM batches WHERE path = ?", (batch,)).fetchone()[0]
            for url, site, print_ in entries:
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO docs (url_key, url, site, signature, batch, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (url_key(url), url, site, print_.signature.tobytes(), batch_id, now),
                )
                if cursor.rowcount:
                    rows = [(key, cursor.lastrowid) for key in print_.band_keys]
                    self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", rows)
                    added += 1
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return added

    def _batch_id(self, batch: str) -> int | None:
        row = self.db.execute("SELECT id FROM batches WHERE path = ?", (batch,)).fetchone()
        return row[0] if row else None

    def commit_batch(self, batch: str) -> int:
        """The batch file is durable: its fingerprints count from now on."""
        batch_id = self._batch_id(batch)
        if batch_id is None:
            return 0
        self.db.execute("BEGIN IMMEDIATE")
        cursor = self.db.execute("UPDATE docs SET batch = NULL WHERE batch = ?", (batch_id,))
        self.db.execute("DELETE FROM batches WHERE id = ?", (batch_id,))
        self.db.execute("COMMIT")
        return cursor.rowcount

    def discard_batch(self, batch: str) -> int:
        """The batch never reached its final name: forget its fingerprints."""
        batch_id = self._batch_id(batch)
        if batch_id is None:
            return 0
        return self._forget("batch = ?", (batch_id,), ("DELETE FROM batches WHERE id = ?", (batch_id,)))

    def expire(self, before: float) -> int:
        """Forget durable fingerprints registered before ``before`` (unix time); return how many went.

        Bands are keyed by band, not by document, so this scans them once: meant for once a day at most.
        """
        stamp = ("INSERT OR REPLACE INTO params VALUES ('expired_at', ?)", (str(int(time.time())),))
        return self._forget("batch IS NULL AND added_at < ?", (before,), stamp)

    def _forget(self, where: str, args: tuple, *then: tuple[str, tuple]) -> int:
        """Delete the docs matching ``where`` and their bands, then run ``then``, in one transaction."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute(f"DELETE FROM bands WHERE doc IN (SELECT id FROM docs WHERE {where})", args)
            cursor = self.db.execute(f"DELETE FROM docs WHERE {where}", args)
            for sql, params in then:
                self.db.execute(sql, params)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return cursor.rowcount

    def expired_at(self) -> float:
        """When ``expire`` last ran (0: never)."""
        row = self.db.execute("SELECT value FROM params WHERE name = 'expired_at'").fetchone()
        return float(row[0]) if row else 0.0

    def reconcile(self) -> tuple[int, int]:
        """Settle batches a killed run left pending: renamed ones are committed, the others discarded."""
        committed = discarded = 0
        pending = [row[0] for row in self.db.execute("SELECT path FROM batches ORDER BY id")]
        for batch in pending:
            if Path(batch).is_file():
                committed += bool(self.commit_batch(batch))
            else:
                discarded += bool(self.discard_batch(batch))
        return committed, discarded

