"""Lines written by re-extraction: per-site batches in the usual layout (with manifests), or one -O file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO

from newsspider import manifest
from newsspider.state.feedstorage import fsync_dir, temp_path


class _Batch:
    def __init__(self, final: Path):
        self.final = final
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.handle: IO[bytes] = temp_path(final).open("wb")
        self.lines = 0
        self.warcs: set[Path] = set()


class BatchOutput:
    """Atomic like the crawl's batches: temp file, fsync, manifest, rename; a final name holds whole lines."""

    def __init__(self, output_dir: Path | None, output_file: Path | None, batch_size: int, run_id: str):
        self.output_dir = output_dir
        self.output_file = output_file
        self.batch_size = max(1, batch_size) if output_file is None else 0
        self.run_id = run_id
        self.open: dict[str, _Batch] = {}
        self.numbers: dict[str, int] = {}
        self.written: list[Path] = []

    def folder_for(self, site: str) -> Path:
        if self.output_file is not None:
            return self.output_file.absolute().parent
        return (self.output_dir / site).absolute()

    def write(self, line: dict) -> None:
        key = "" if self.output_file is not None else line["site"]
        batch = self.open.get(key) or self._start(key)
        batch.handle.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
        batch.lines += 1
        if line.get("warc_file"):
            batch.warcs.add((batch.final.parent / line["warc_file"]).resolve())
        if self.batch_size and batch.lines >= self.batch_size:
            self._finish(self.open.pop(key))

    def _start(self, key: str) -> _Batch:
        if self.output_file is not None:
            final = self.output_file.absolute()
        else:
            self.numbers[key] = self.numbers.get(key, 0) + 1
            final = self.folder_for(key) / f"{key}-{self.run_id}-{self.numbers[key]:05d}.jsonl"
        self.open[key] = _Batch(final)
        return self.open[key]

    def _finish(self, batch: _Batch) -> None:
        batch.handle.flush()
        os.fsync(batch.handle.fileno())
        batch.handle.close()
        temp = temp_path(batch.final)
        warcs = sorted((warc, warc) for warc in batch.warcs if warc.is_file())
        manifest.write_part(batch.final, manifest.build(batch.final, temp, self.run_id, warcs))
        manifest.publish(batch.final)
        os.replace(temp, batch.final)
        fsync_dir(batch.final.parent)
        self.written.append(batch.final)

    def close(self) -> list[Path]:
        """Finish the open batches (an empty -O file is still written); return the files written."""
        if self.output_file is not None and not self.open:
            self._start("")
        for key in list(self.open):
            self._finish(self.open.pop(key))
        return self.written
