"""Re-extraction: replay archived pages through today's chain, write JSON lines, compare with the first lines."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsspider.exceptions import ArticleRejected
from newsspider.items import export_line
from newsspider.warc import reader
from newsspider.warc.batchout import BatchOutput
from newsspider.warc.names import WARC_FOLDER
from newsspider.warc.replay import UndecodableRecord, profile_for, replay

IGNORED_FIELDS = ("fetched_at", "warc_file")  # differ by design between crawl and replay


@dataclass
class Options:
    paths: list[Path]
    output_dir: Path | None = None  # the usual layout: <dir>/<site>/<site>-<run id>-<batch>.jsonl
    output_file: Path | None = None  # -O: one file
    site: str | None = None
    since: datetime | None = None
    batch_size: int = 100
    run_id: str = ""


@dataclass
class Summary:
    """What a re-extraction did and what changed against the lines first exported from the same records."""

    files: int = 0
    articles: int = 0  # archived articles replayed
    exported: int = 0
    rejected: Counter = field(default_factory=Counter)  # reason -> count
    filtered: int = 0  # outside --site / --since
    unchanged: int = 0
    changed: int = 0
    no_original: int = 0
    fields: Counter = field(default_factory=Counter)  # field -> lines where it changed
    read: reader.ReadReport = field(default_factory=reader.ReadReport)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time (the machine may be shared)
    outputs: list[Path] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        out = [f"re-extracted {self.articles} archived articles from {self.files} WARC files in "
               f"{self.seconds:.1f} s ({self.rate:.0f} articles/s): {self.exported} lines written"]  # fmt: skip
        if self.filtered:
            out.append(f"  {self.filtered} articles outside --site/--since were left out")
        rejected = ", ".join(f"{reason} {n}" for reason, n in self.rejected.most_common())
        out.append(f"  rejected by today's chain: {sum(self.rejected.values())}" + (f" ({rejected})" if rejected else ""))
        out.append(f"  against the first exported lines: {self.unchanged} unchanged, {self.changed} changed, "
                   f"{self.no_original} without a first line")  # fmt: skip
        if self.fields:
            out.append("  fields changed: " + ", ".join(f"{name} {n}" for name, n in self.fields.most_common()))
        if self.read.incomplete:
            out.append(f"  {self.read.incomplete} multi-page articles lacked a page in the archive and were skipped")
        for name, offset, reason in self.read.skipped:
            out.append(f"  skipped damaged record: {name} at byte {offset}: {reason}")
        return out


class Originals:
    """The lines first exported from each WARC record, found in the batches next to the WARC folder."""

    def __init__(self):
        self.by_record: dict[str, dict] = {}
        self.indexed: set[Path] = set()

    def lookup(self, warc: Path, record_id: str) -> dict | None:
        folder = warc.parent.parent if warc.parent.name == WARC_FOLDER else warc.parent
        if folder not in self.indexed:
            self.indexed.add(folder)
            for path in sorted(folder.glob("*.jsonl")):
                self._index(path)
        return self.by_record.get(record_id)

    def _index(self, path: Path) -> None:
        with path.open("rb") as handle:
            for raw in handle:
                try:
                    line = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(line, dict) and line.get("warc_record_id"):
                    self.by_record.setdefault(line["warc_record_id"], line)


def changed_fields(old: dict, new: dict) -> list[str]:
    keys = [k for k in dict.fromkeys([*old, *new]) if k not in IGNORED_FIELDS]
    return [k for k in keys if old.get(k) != new.get(k)]


def check_inputs(paths: list[Path]) -> list[Path]:
    """Every WARC file to read; raise NotWarcError for a named file that is not one (before any work)."""
    files = reader.warc_files(paths)
    for path in files:
        reader.sniff(path)
    return files


def reextract(options: Options, progress=None) -> Summary:
    """Replay every archived article of ``options.paths``; ``progress(bytes_done, articles)`` is called after
    each article (bytes of all files read so far)."""
    files = check_inputs(options.paths)
    summary, originals = Summary(files=len(files)), Originals()
    output = BatchOutput(options.output_dir, options.output_file, options.batch_size, options.run_id)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        done = 0
        for path in files:
            for article in reader.articles(path, summary.read):
                handle(article, options, summary, originals, output)
                if progress is not None:
                    progress(done + article.pages[-1].end, summary.articles)
            done += path.stat().st_size
            if progress is not None:
                progress(done, summary.articles)
    finally:
        summary.outputs = output.close()
        summary.seconds = time.perf_counter() - started
        summary.cpu_seconds = time.process_time() - cpu
    return summary


def handle(article: reader.ArchivedArticle, options: Options, summary: Summary, originals, output) -> None:
    first = article.first
    site = options.site or first.site
    if (options.site and first.site and first.site != options.site) or (options.since and first.date < options.since):
        summary.filtered += 1
        return
    summary.articles += 1
    try:
        item = replay(article, profile_for(site))
    except ArticleRejected as exc:
        summary.rejected[exc.reason] += 1
        return
    except UndecodableRecord:
        summary.rejected["undecodable"] += 1
        return
    folder = output.folder_for(item["site"])
    line = export_line(item, (os.path.relpath(article.file, folder), first.record_id))
    output.write(line)
    summary.exported += 1
    compare(originals.lookup(article.file, first.record_id), line, summary)


def compare(old: dict | None, new: dict, summary: Summary) -> None:
    if old is None:
        summary.no_original += 1
        return
    changed = changed_fields(old, new)
    summary.fields.update(changed)
    if changed:
        summary.changed += 1
    else:
        summary.unchanged += 1
