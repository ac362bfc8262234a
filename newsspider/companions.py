"""Files that belong to a feed batch besides itself (manifest, WARC file): cleanup after a killed run."""

from __future__ import annotations

from pathlib import Path

from newsspider.manifest import manifest_path
from newsspider.state import feedstorage
from newsspider.warc.names import WARC_FOLDER, warc_path


def companions(batch: Path, run_id: str) -> list[Path]:
    """The final paths of ``batch``'s manifest and WARC file (they may not exist)."""
    return [manifest_path(batch), warc_path(batch, run_id)]


def remove_companions(batch: Path, run_id: str) -> int:
    """Delete the companions of a batch that never reached its final name; return how many existed."""
    removed = 0
    for path in companions(batch, run_id):
        if path.is_file():
            path.unlink()
            removed += 1
    return removed


def clear_temp_files(folder: Path, stem: str = "") -> int:
    """Temp files a killed run left for batches named ``<stem>*`` in ``folder`` and its WARC folder."""
    return feedstorage.clear_temp_files(folder, stem) + feedstorage.clear_temp_files(folder / WARC_FOLDER, stem)
