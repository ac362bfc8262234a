"""The two plug points of the exactly-once state: a seen backend (SQLite today) and a durable output (files)."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@runtime_checkable
class SeenBackend(Protocol):
    """Where article keys become pending, then seen; what a PostgreSQL backend implements (see the package doc)."""

    def is_seen(self, key: str) -> bool: ...

    def prepare_batch(self, path: str, site: str, run_id: str, keys: list[str | tuple]) -> None: ...

    def commit_batch(self, path: str) -> int: ...

    def discard_batch(self, path: str) -> None: ...

    def reconcile(
        self, site: str | None = None, exists: Callable[[str], bool] | None = None
    ) -> tuple[int, int]: ...

    def record_drop(self, key: str, site: str, url: str, reason: str, *, backoff: float) -> int: ...

    def start_run(self, run_id: str, site: str) -> None: ...

    def finish_run(self, run_id: str, site: str, reason: str, new_articles: int, errors: int) -> None: ...

    def close(self) -> None: ...


@runtime_checkable
class DurableOutput(Protocol):
    """A Scrapy feed storage that follows steps 1-4 of the protocol (part file, fsync, batch_prepared, rename).

    ``stored`` is true once the batch is under its final name; ``path`` is that name.
    """

    path: Path
    stored: bool

    def open(self, spider) -> IO[bytes]: ...

    def store(self, file: IO[bytes]) -> None: ...
