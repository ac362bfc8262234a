"""HealthStore: per-site run figures and cron outcomes in ``<state dir>/health.sqlite3`` (no Scrapy)."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Self

DB_NAME = "health.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS site_runs (
    run_id TEXT NOT NULL,
    site TEXT NOT NULL,
    finished_at REAL NOT NULL,
    finish_reason TEXT,
    articles INTEGER NOT NULL,   -- durably exported articles of this run
    figures TEXT NOT NULL,       -- JSON: health.figures.RunFigures.record()
    PRIMARY KEY (run_id, site)
);
CREATE INDEX IF NOT EXISTS site_runs_site ON site_runs (site, finished_at);
CREATE TABLE IF NOT EXISTS outcomes (
    run_id TEXT NOT NULL,
    site TEXT NOT NULL,
    at REAL NOT NULL,
    failures TEXT NOT NULL,      -- JSON list: every reason the cron run failed this site
    drift TEXT NOT NULL,         -- JSON list: the drift reasons among them
    PRIMARY KEY (run_id, site)
);
"""


class HealthStore:
    """Run figures written by the crawl (HealthExtension) and outcomes written by the cron command."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)

    @classmethod
    def in_dir(cls, state_dir: str | Path) -> HealthStore:
        return cls(Path(state_dir) / DB_NAME)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record_run(
        self, run_id: str, site: str, figures: dict, finish_reason: str | None, at: float | None = None
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO site_runs VALUES (?, ?, ?, ?, ?, ?)",
            (run_id, site, at or time.time(), finish_reason, figures["articles"], json.dumps(figures)),
        )

    def record_outcome(
        self, run_id: str, site: str, failures: list[str], drift: list[str], at: float | None = None
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO outcomes VALUES (?, ?, ?, ?, ?)",
            (
                run_id,
                site,
                at or time.time(),
                json.dumps(failures, ensure_ascii=False),
                json.dumps(drift, ensure_ascii=False),
            ),
        )

    def run(self, run_id: str, site: str) -> dict | None:
        """The figures of one run of one site (None when that crawl recorded none)."""
        row = self.db.execute(
            "SELECT run_id, finished_at, finish_reason, figures FROM site_runs WHERE run_id = ? AND site = ?",
            (run_id, site),
        ).fetchone()
        return _run(row) if row else None

    def history(self, site: str, before: float, since: float) -> list[dict]:
        """The site's runs finished in [since, before), oldest first."""
        rows = self.db.execute(
            "SELECT run_id, finished_at, finish_reason, figures FROM site_runs "
            "WHERE site = ? AND finished_at >= ? AND finished_at < ? ORDER BY finished_at",
            (site, since, before),
        ).fetchall()
        return [_run(row) for row in rows]

    def sites(self) -> list[str]:
        rows = self.db.execute("SELECT site FROM site_runs UNION SELECT site FROM outcomes ORDER BY 1")
        return [row[0] for row in rows]

    def runs(self, site: str, limit: int = 500) -> list[dict]:
        """The site's last ``limit`` runs, oldest first, each with its cron outcome when there is one."""
        rows = self.db.execute(
            "SELECT r.run_id, r.finished_at, r.finish_reason, r.figures, o.failures, o.drift "
            "FROM site_runs r LEFT JOIN outcomes o ON o.run_id = r.run_id AND o.site = r.site "
            "WHERE r.site = ? ORDER BY r.finished_at DESC LIMIT ?",
            (site, limit),
        ).fetchall()
        runs = []
        for row in reversed(rows):
            run = _run(row[:4])
            run["failures"] = json.loads(row[4]) if row[4] else []
            run["drift"] = json.loads(row[5]) if row[5] else []
            run["outcome"] = row[4] is not None
            runs.append(run)
        return runs

    def failures(self, site: str, limit: int = 5) -> list[dict]:
        """The site's last ``limit`` failed cron outcomes, newest first (also crawls without figures)."""
        rows = self.db.execute(
            "SELECT run_id, at, failures FROM outcomes WHERE site = ? AND failures != '[]' "
            "ORDER BY at DESC LIMIT ?",
            (site, limit),
        ).fetchall()
        return [{"run_id": r[0], "at": r[1], "failures": json.loads(r[2])} for r in rows]

    def last_outcome(self, site: str) -> dict | None:
        row = self.db.execute(
            "SELECT run_id, at, failures, drift FROM outcomes WHERE site = ? ORDER BY at DESC LIMIT 1",
            (site,),
        ).fetchone()
        if not row:
            return None
        return {"run_id": row[0], "at": row[1], "failures": json.loads(row[2]), "drift": json.loads(row[3])}


def _run(row: tuple) -> dict:
    run_id, finished_at, finish_reason, figures = row
    return {
        "run_id": run_id,
        "finished_at": finished_at,
        "finish_reason": finish_reason,
        **json.loads(figures),
    }
