"""Dropped articles remembered with their reason and retried on later runs, with backoff, a bounded number of times."""

from __future__ import annotations

import time

DROPS_SCHEMA = """
CREATE TABLE IF NOT EXISTS dropped (
    key TEXT PRIMARY KEY,        -- article key of a page that was fetched but not exported
    site TEXT NOT NULL,
    url TEXT NOT NULL,           -- the URL to fetch again
    reason TEXT NOT NULL,        -- last drop reason (missing_body, incomplete_multipage, http_500 ...)
    drops INTEGER NOT NULL,      -- how many runs dropped it
    dropped_at REAL NOT NULL,    -- last drop
    retry_at REAL NOT NULL       -- not retried before this time (backoff)
);
"""


def retry_wait(drops: int, backoff: float) -> float:
    """Seconds before a key dropped ``drops`` times is due again: the next run after the first drop, then
    ``backoff``, doubling."""
    return 0.0 if drops <= 1 else backoff * 2 ** (drops - 2)


class DropMemory:
    """The ``dropped`` table of the seen store (mixed into SeenStore; uses its ``db`` and ``_transaction``)."""

    def record_drop(
        self, key: str, site: str, url: str, reason: str, *, backoff: float, now: float | None = None
    ) -> int:
        """Remember that ``key`` was dropped once more; return how many times it has been dropped."""
        now = time.time() if now is None else now
        drops = self.drop_count(key) + 1
        self._transaction([(
            "INSERT OR REPLACE INTO dropped VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, site, url, reason, drops, now, now + retry_wait(drops, backoff)),
        )])  # fmt: skip
        return drops

    def drop_count(self, key: str) -> int:
        row = self.db.execute("SELECT drops FROM dropped WHERE key = ?", (key,)).fetchone()
        return row[0] if row else 0

    def given_up(self, key: str, retries: int) -> bool:
        """Whether ``key`` was dropped ``retries`` times already (no more retries, not requested again)."""
        return retries > 0 and self.drop_count(key) >= retries

    def due_retries(self, site: str, retries: int, now: float | None = None, limit: int = 1000) -> list[dict]:
        """Dropped keys of ``site`` to fetch again now: fewer than ``retries`` drops and past their backoff."""
        now = time.time() if now is None else now
        cursor = self.db.execute(
            "SELECT key, url, drops FROM dropped WHERE site = ? AND drops < ? AND retry_at <= ? "
            "AND key NOT IN (SELECT key FROM seen) ORDER BY dropped_at LIMIT ?",
            (site, retries, now, limit),
        )
        return [dict(zip(("key", "url", "drops"), row, strict=True)) for row in cursor]

    def held_back(self, site: str, retries: int, now: float | None = None) -> set[str]:
        """Dropped keys of ``site`` not to request now: given up (``retries`` drops) or within their backoff."""
        now = time.time() if now is None else now
        cursor = self.db.execute(
            "SELECT key FROM dropped WHERE site = ? AND ((? > 0 AND drops >= ?) OR retry_at > ?)",
            (site, retries, retries, now),
        )
        return {key for (key,) in cursor}

    def drops_of(self, site: str) -> dict[str, int]:
        """Remembered dropped keys of ``site`` by last reason."""
        cursor = self.db.execute("SELECT reason, COUNT(*) FROM dropped WHERE site = ? GROUP BY reason", (site,))
        return dict(cursor.fetchall())
