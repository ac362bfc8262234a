"""PostgreSQL SeenBackend (psycopg 3): the SQLite store's own SQL, run through a small dialect adapter.

``PgSeenStore`` is ``SeenStore`` with its connection swapped: every method (pending batch keys, commit after
the rename, reconcile, runs, revisits, drops) is the same code and the same SQL, so the two backends cannot
drift apart; ``tests/test_seenstore_contract.py`` runs one contract against both.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import psycopg

from newsspider.exceptions import ProfileError
from newsspider.state.store import _UPGRADES, DB_NAME, SCHEMA, SeenStore

_INSERT_OR = re.compile(r"^\s*INSERT OR (REPLACE|IGNORE) INTO (\w+)", re.IGNORECASE)
_SCHEMA_LOCK = zlib.crc32(b"newsspider seen store schema")  # one creator at a time (many workers start together)


class StoreUnavailableError(sqlite3.OperationalError):
    """The PostgreSQL server is unreachable or failed; an OperationalError, as the SQLite store raises."""


def translate_schema(script: str) -> list[str]:
    """SQLite DDL to PostgreSQL: REAL timestamps become DOUBLE PRECISION (PostgreSQL's REAL is 4 bytes)."""
    script = re.sub(r"--[^\n]*", "", script)
    script = re.sub(r"\bREAL\b", "DOUBLE PRECISION", script)
    return [statement.strip() for statement in script.split(";") if statement.strip()]


class PgConnection:
    """What SeenStore needs of a ``sqlite3.Connection``: ``execute`` with ``?`` parameters, on psycopg 3.

    Autocommit, so the store's own ``BEGIN``/``COMMIT`` make its transactions, as with SQLite.
    """

    def __init__(self, url: str, timeout: float = 30.0):
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)))
        except psycopg.OperationalError as exc:
            raise StoreUnavailableError(f"seen store {redact(url)} unreachable: {exc}") from exc
        self.url = url
        self._upserts: dict[str, str] = {}

    def execute(self, sql: str, params: tuple | list = ()) -> psycopg.Cursor:
        try:
            return self.conn.execute(self.translate(sql), params)
        except psycopg.OperationalError as exc:
            raise StoreUnavailableError(f"seen store {redact(self.url)}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def translate(self, sql: str) -> str:
        """``BEGIN IMMEDIATE``, ``INSERT OR REPLACE/IGNORE`` and ``?`` placeholders in PostgreSQL's terms."""
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            return "BEGIN"
        match = _INSERT_OR.match(sql)
        if match:
            kind, table = match.group(1).upper(), match.group(2)
            sql = f"INSERT INTO {table}" + sql[match.end() :]
            sql += " ON CONFLICT DO NOTHING" if kind == "IGNORE" else self._upsert(table)
        return sql.replace("%", "%%").replace("?", "%s")

    def _upsert(self, table: str) -> str:
        """``ON CONFLICT (primary key) DO UPDATE SET`` every other column: what INSERT OR REPLACE does."""
        if table not in self._upserts:
            keys = [row[0] for row in self.conn.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary", (table,))]  # fmt: skip
            columns = [row[0] for row in self.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND table_schema = current_schema() ORDER BY ordinal_position", (table,))]  # fmt: skip
            others = ", ".join(f"{name} = EXCLUDED.{name}" for name in columns if name not in keys)
            self._upserts[table] = f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {others}"
        return self._upserts[table]


def redact(url: str) -> str:
    """The URL without its password (for messages)."""
    return re.sub(r"//([^:/@]+):[^@/]*@", r"//\1:***@", url)


class PgSeenStore(SeenStore):
    """The seen store in PostgreSQL (``NEWSSPIDER_SEEN_STORE=postgresql://user@host/db``), shared by workers
    on several machines."""

    def __init__(self, url: str, *, timeout: float = 30.0):  # noqa: D107 - no SQLite file: only the connection
        self.path = redact(url)
        self.db: Any = PgConnection(url, timeout)
        self._open()

    def _open(self) -> None:
        """Create the tables (and later columns) once; concurrent workers wait on an advisory lock."""
        self.db.conn.execute("SELECT pg_advisory_lock(%s)", (_SCHEMA_LOCK,))
        try:
            for statement in translate_schema(SCHEMA):
                self.db.conn.execute(statement)
            for table, columns in _UPGRADES.items():
                for name, kind in columns.items():
                    kind = re.sub(r"\bREAL\b", "DOUBLE PRECISION", kind)
                    self.db.conn.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} {kind}")
        finally:
            self.db.conn.execute("SELECT pg_advisory_unlock(%s)", (_SCHEMA_LOCK,))


def open_store(state_dir: str, url: str = "", timeout: float = 30.0) -> SeenStore:
    """The seen store: PostgreSQL when ``url`` (``NEWSSPIDER_SEEN_STORE``) is given, else SQLite in ``state_dir``."""
    if url:
        if not url.startswith(("postgresql://", "postgres://")):
            msg = f"NEWSSPIDER_SEEN_STORE must be a postgresql:// URL, got {redact(url)!r}"
            raise ProfileError(msg)
        return PgSeenStore(url, timeout=timeout)
    return SeenStore(Path(state_dir) / DB_NAME, timeout=timeout)


def store_for(settings: Any, timeout: float = 30.0) -> SeenStore:
    """The crawl's seen store, from ``NEWSSPIDER_SEEN_STORE`` and ``NEWSSPIDER_STATE_DIR``."""
    return open_store(settings.get("NEWSSPIDER_STATE_DIR"), settings.get("NEWSSPIDER_SEEN_STORE") or "", timeout)
