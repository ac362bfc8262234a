"""Batch manifests: file name, line count, sha256, run id and WARC files of every finished feed batch."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from newsspider.state.feedstorage import fsync_dir, temp_path

MANIFEST_SUFFIX = ".manifest.json"
MANIFEST_VERSION = 1
CHUNK = 1 << 20


def manifest_path(batch: Path) -> Path:
    """``<folder>/<batch stem>.manifest.json`` next to the batch file."""
    stem = batch.name.removesuffix(".jsonl").removesuffix(".jl")
    return batch.with_name(stem + MANIFEST_SUFFIX)


def digest(path: Path) -> tuple[str, int, int]:
    """(sha256 hex, bytes, newline count) of a file."""
    sha, size, lines = hashlib.sha256(), 0, 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
    return sha.hexdigest(), size, lines


def build(batch: Path, content: Path, run_id: str, warc_files: list[tuple[Path, Path]]) -> dict:
    """The manifest of ``batch`` whose bytes are (still) at ``content``; WARC files as (final, content) paths."""
    sha, size, lines = digest(content)
    warcs = []
    for final, data in warc_files:
        warc_sha, warc_size, _ = digest(data)
        warcs.append({"file": Path(os.path.relpath(final, batch.parent)).as_posix(), "bytes": warc_size, "sha256": warc_sha})
    return {
        "manifest_version": MANIFEST_VERSION,
        "file": batch.name,
        "lines": lines,
        "bytes": size,
        "sha256": sha,
        "run_id": run_id,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warc_files": warcs,
    }


def write_part(batch: Path, manifest: dict) -> Path:
    """Write the manifest durably under its hidden part name; return that path."""
    part = temp_path(manifest_path(batch))
    with part.open("wb") as handle:
        handle.write(json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    return part


def publish(batch: Path) -> None:
    final = manifest_path(batch)
    os.replace(temp_path(final), final)
    fsync_dir(final.parent)


def read(path: Path) -> dict:
    """A manifest file's content (ValueError when it is not one)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("manifest_version") != MANIFEST_VERSION or "file" not in data:
        raise ValueError(f"{path.name} is not a newsspider batch manifest")
    return data
