"""Create a SQLite state file atomically, so a zero-length file always means a damaged one."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def create_atomically(path: Path, schema: str) -> bool:
    """Create ``path`` with ``schema`` unless it exists; True when this call created it.

    The database is built under a private name, made durable, then hard-linked to ``path``: a link never
    replaces an existing file, so concurrent creators (workers starting together) agree on one store, and
    nobody ever opens a half-created, empty file (which the seen store refuses as a truncated one).
    """
    if path.exists():
        return False
    scratch = path.with_name(f"{path.name}.new-{os.getpid()}")
    _remove(scratch)
    db = sqlite3.connect(scratch, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # persistent: recorded in the file header
        db.executescript(schema)
    finally:
        db.close()  # the last connection checkpoints the WAL into the file
    fsync_path(scratch)
    try:
        os.link(scratch, path)
    except FileExistsError:
        return False
    finally:
        _remove(scratch)
    fsync_path(path.parent)
    return True


def _remove(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.unlink(missing_ok=True)


def fsync_path(path: Path) -> None:
    """Make a file's content, or a folder's renames and links, durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
