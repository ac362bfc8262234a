"""Run history of the seen store: when each crawl of a site started, how it ended, what it exported."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

RUNS_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT NOT NULL,
    site TEXT NOT NULL,
    started_at REAL NOT NULL,
    finished_at REAL,
    finish_reason TEXT,          -- NULL while running or when the process was killed
    new_articles INTEGER,
    errors INTEGER,
    PRIMARY KEY (run_id, site)
);
"""


class RunHistory:
    """The ``runs`` table of the seen store (mixed into SeenStore; uses its ``db`` and ``_transaction``)."""

    db: Any
    _transaction: Callable[[Iterable[tuple[str, tuple]]], None]

    def start_run(self, run_id: str, site: str) -> None:
        self._transaction([("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, NULL, NULL, NULL, NULL)",
                            (run_id, site, time.time()))])  # fmt: skip

    def finish_run(self, run_id: str, site: str, reason: str, new_articles: int, errors: int) -> None:
        self._transaction([(
            "UPDATE runs SET finished_at = ?, finish_reason = ?, new_articles = ?, errors = ? "
            "WHERE run_id = ? AND site = ?",
            (time.time(), reason, new_articles, errors, run_id, site),
        )])  # fmt: skip

    def runs(self, site: str, limit: int = 20) -> list[dict]:
        """The latest runs of ``site``, newest first."""
        cursor = self.db.execute(
            "SELECT run_id, started_at, finished_at, finish_reason, new_articles, errors FROM runs "
            "WHERE site = ? ORDER BY started_at DESC, run_id DESC LIMIT ?",
            (site, limit),
        )
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def previous_run_complete(self, site: str, current_run_id: str) -> bool:
        """Whether the last earlier run of ``site`` finished without errors (so it walked every listing)."""
        for run in self.runs(site, limit=2):
            if run["run_id"] != current_run_id:
                return run["finish_reason"] == "finished" and not run["errors"]
        return False
