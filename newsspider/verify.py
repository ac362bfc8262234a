"""``python -m newsspider.verify OUTPUT_DIR``: check batches against manifests and the seen store (SQLite or PostgreSQL)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from newsspider import manifest
from newsspider.state.feedstorage import is_temp_name
from newsspider.state.pgstore import open_store
from newsspider.state.store import DB_NAME
from newsspider.warc import reader
from newsspider.warc.names import WARC_FOLDER, WARC_SUFFIX

KINDS = ("missing", "extra", "altered", "torn", "dangling", "pending")


@dataclass
class Report:
    """Problems found, by kind, plus what was checked."""

    problems: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)
    batches: int = 0
    lines: int = 0
    warcs: int = 0
    records: dict[Path, set[str]] = field(default_factory=dict, repr=False)  # WARC file -> its response ids

    def add(self, kind: str, message: str) -> None:
        self.problems.append((kind, message))

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        head = f"{self.batches} batches, {self.lines} lines, {self.warcs} WARC files checked"
        if self.ok:
            return f"OK: {head}"
        out = [f"FAILED: {len(self.problems)} problems ({head})"]
        for kind in KINDS:
            out += [f"  {kind}: {message}" for k, message in self.problems if k == kind]
        return "\n".join(out)


def torn_lines(path: Path) -> int:
    """Lines that are not one whole JSON object ending in a newline."""
    data = path.read_bytes()
    torn = 1 if data and not data.endswith(b"\n") else 0
    for line in data.split(b"\n")[:-1]:
        try:
            torn += not isinstance(json.loads(line), dict)
        except ValueError:
            torn += 1
    return torn


def check_batch(folder: Path, entry: dict, report: Report, listed_warcs: set[Path]) -> None:
    batch = folder / entry["file"]
    report.batches += 1
    if not batch.is_file():
        report.add("missing", f"{batch}: named by its manifest, not found")
    else:
        sha, size, lines = manifest.digest(batch)
        report.lines += lines
        if torn_lines(batch):
            report.add("torn", f"{batch}: {torn_lines(batch)} incomplete or unparsable lines")
        elif (sha, size, lines) != (entry["sha256"], entry["bytes"], entry["lines"]):
            report.add("altered", f"{batch}: {lines} lines, sha256 {sha[:12]}…; manifest says "
                                  f"{entry['lines']} lines, sha256 {entry['sha256'][:12]}…")  # fmt: skip
        else:
            check_records(batch, report)
    for warc in entry.get("warc_files", []):
        check_warc(folder, warc, report, listed_warcs)


def check_warc(folder: Path, warc: dict, report: Report, listed: set[Path]) -> None:
    path = (folder / warc["file"]).resolve()
    if path in listed:
        return
    listed.add(path)
    report.warcs += 1
    if not path.is_file():
        report.add("missing", f"{path}: WARC file named by a manifest, not found")
        return
    sha, size, _ = manifest.digest(path)
    if (sha, size) != (warc["sha256"], warc["bytes"]):
        report.add("altered", f"{path}: WARC file differs from its manifest (sha256 {sha[:12]}…)")


def check_records(batch: Path, report: Report) -> None:
    """Every line naming a WARC record names one that is in that file."""
    cache = report.records
    for number, raw in enumerate(batch.read_bytes().splitlines(), 1):
        line = json.loads(raw)
        if not line.get("warc_file"):
            continue
        warc = (batch.parent / line["warc_file"]).resolve()
        if warc not in cache:
            cache[warc] = record_ids(warc)
        if line.get("warc_record_id") not in cache[warc]:
            report.add("dangling", f"{batch}:{number}: record {line.get('warc_record_id')} not in {warc.name}")


def record_ids(warc: Path) -> set[str]:
    try:
        return {page.record_id for page in reader.records(warc, reader.ReadReport())}
    except (OSError, reader.NotWarcError):
        return set()


def check_folder(folder: Path, report: Report, listed_warcs: set[Path]) -> set[Path]:
    """Check the manifests of one folder; return the batch files they cover."""
    covered = set()
    for path in sorted(folder.glob(f"*{manifest.MANIFEST_SUFFIX}")):
        try:
            entry = manifest.read(path)
        except (ValueError, OSError) as exc:
            report.add("torn", f"{path}: unreadable manifest ({exc})")
            continue
        covered.add((folder / entry["file"]).resolve())
        check_batch(folder, entry, report, listed_warcs)
    return covered


def verify(output_dir: Path, state_dir: Path | None = None, seen_store: str | None = None) -> Report:
    report = Report()
    listed_warcs: set[Path] = set()
    covered: set[Path] = set()
    folders = sorted({p.parent for p in output_dir.rglob("*") if p.is_file()} | {output_dir})
    for folder in folders:
        covered |= check_folder(folder, report, listed_warcs)
    for path in sorted(p for p in output_dir.rglob("*") if p.is_file()):
        if is_temp_name(path.name):
            report.add("torn", f"{path}: unfinished temp file of an interrupted run (the next run removes it)")
        elif path.suffix in (".jsonl", ".jl") and path.resolve() not in covered:
            report.add("extra", f"{path}: batch file without a manifest")
        elif path.name.endswith(WARC_SUFFIX) and path.parent.name == WARC_FOLDER and path.resolve() not in listed_warcs:
            report.add("extra", f"{path}: WARC file no manifest names")
    if state_dir is not None or seen_store:
        check_store(output_dir, batch_rows(state_dir, seen_store, report), covered, report)
    return report


def batch_rows(state_dir: Path | None, seen_store: str | None, report: Report) -> list[tuple] | None:
    """(path, state, items) of every batch the seen store knows: PostgreSQL at ``seen_store``, else SQLite in
    ``state_dir`` (read-only); None (and a problem reported) when there is no store to read."""
    if seen_store:
        store = open_store(str(state_dir or ""), seen_store)
        try:
            return store.db.execute("SELECT path, state, items FROM batches").fetchall()
        finally:
            store.close()
    db_path = Path(state_dir or ".") / DB_NAME
    if not db_path.is_file():
        report.add("missing", f"{db_path}: no seen store")
        return None
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        return db.execute("SELECT path, state, items FROM batches").fetchall()


def check_store(output_dir: Path, rows: list[tuple] | None, covered: set[Path], report: Report) -> None:
    """Committed batches exist and have manifests; every manifested batch is committed; nothing is pending."""
    if rows is None:
        return
    root = output_dir.resolve()
    known = set()
    for path, state, _items in rows:
        batch = Path(path).resolve()
        if not batch.is_relative_to(root):
            continue
        known.add(batch)
        if state == "pending":
            report.add("pending", f"{batch}: batch still pending in the seen store (the next run settles it)")
        elif not batch.is_file():
            report.add("missing", f"{batch}: committed in the seen store, file not found")
        elif batch not in covered:
            report.add("extra", f"{batch}: committed in the seen store but has no manifest")
    for batch in sorted(covered - known):
        if batch.is_file() and not manifest.read(manifest.manifest_path(batch)).get("run_id", "").endswith("reextract"):
            report.add("extra", f"{batch}: not a batch the seen store committed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsspider.verify", description=__doc__)
    parser.add_argument("output_dir", type=Path, help="the output folder (NEWSSPIDER_OUTPUT_DIR)")
    parser.add_argument("--state-dir", type=Path, help="also check against this state folder's seen store")
    parser.add_argument("--seen-store", help="also check against this PostgreSQL seen store (NEWSSPIDER_SEEN_STORE)")
    args = parser.parse_args(argv)
    if not args.output_dir.is_dir():
        print(f"error: {args.output_dir} is not a folder", file=sys.stderr)
        return 2
    report = verify(args.output_dir, args.state_dir, args.seen_store)
    print(report.text())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
