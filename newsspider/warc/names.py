"""Where a feed batch's WARC file lives: ``<batch folder>/warc/<batch stem>[-<run id>].warc.gz``."""

from __future__ import annotations

from pathlib import Path

WARC_FOLDER = "warc"
WARC_SUFFIX = ".warc.gz"


def warc_path(batch: Path, run_id: str) -> Path:
    """The WARC file of the feed batch ``batch`` (``-o``/``-O`` files, whose name lacks the run id, get it)."""
    stem = batch.name.removesuffix(".jsonl").removesuffix(".jl")
    if run_id not in stem:
        stem = f"{stem}-{run_id}"
    return batch.parent / WARC_FOLDER / f"{stem}{WARC_SUFFIX}"
