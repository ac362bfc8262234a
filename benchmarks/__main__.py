"""``python -m benchmarks``: run every benchmark, print one table, write it as JSON."""

from __future__ import annotations

import argparse
import platform
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import (
    crawlbench,
    discoverybench,
    extraction,
    profiling,
    reextractbench,
    reprintbench,
    seenbench,
)
from benchmarks.report import Row, render, write_json

SECTIONS = ("crawl", "extraction", "reextract", "scale", "seen", "reprints", "discovery")
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "latest.json"


def _sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma list of {', '.join(SECTIONS)}")
    parser.add_argument("--articles", type=int, default=2000, help="articles of the throughput site")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs per crawler")
    parser.add_argument("--concurrency", type=int, default=16, help="CONCURRENT_REQUESTS(_PER_DOMAIN)")
    parser.add_argument("--scale", type=_sizes, default=[1000, 10000], help="site sizes of the scale crawls")
    parser.add_argument("--seen-sizes", type=_sizes, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--reprint-sizes", type=_sizes, default=[2_000, 100_000], help="reprint index sizes")
    parser.add_argument("--reprint-set", type=_sizes, default=[2_000, 300], help="generated articles,reprints")
    parser.add_argument("--discovery-per-section", type=int, default=60, help="articles per section of the portals")
    parser.add_argument("--discovery-layouts", default="hanweb,wordpress", help="generated portal layouts")
    parser.add_argument("--reextract-articles", type=int, default=1000, help="archived articles re-extracted")
    parser.add_argument("--corpus", type=Path, default=extraction.DEFAULT_CORPUS)
    parser.add_argument("--corpus-limit", type=int, default=500, help="corpus pages, evenly spread (0: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON output path")
    parser.add_argument(
        "--decompose", action="store_true", help="also crawl with news minus article extraction"
    )
    parser.add_argument("--profile", action="store_true", help="also cProfile a crawl and the extraction")
    parser.add_argument("--keep", action="store_true", help="keep the crawl folders (logs, feeds, state)")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, workroot: Path) -> list[Row]:
    """The rows of every section asked for, in table order."""
    only, rows = set(args.only.split(",")), []
    if "crawl" in only:
        rows += crawlbench.throughput(args.articles, args.runs, args.concurrency, workroot, args.decompose)
    if "extraction" in only:
        rows += extraction.run(args.corpus, args.corpus_limit)
    if "reextract" in only:
        rows += reextractbench.run(args.reextract_articles, args.runs, workroot, args.corpus, args.corpus_limit)
    if "scale" in only:
        rows += crawlbench.scale(args.scale, args.concurrency, workroot)
    if "seen" in only:
        rows += seenbench.run(args.seen_sizes)
    if "reprints" in only:
        rows += reprintbench.run(args.reprint_sizes, *args.reprint_set)
    if "discovery" in only:
        layouts = args.discovery_layouts.split(",")
        rows += discoverybench.run(layouts, args.discovery_per_section, workroot)
    return rows


def report(args: argparse.Namespace, rows: list[Row], seconds: float, workroot: Path) -> None:
    """Print the table and write it, with what produced it, as JSON."""
    meta = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "seconds": round(seconds, 1),
            "python": platform.python_version(), "args": {k: str(v) for k, v in vars(args).items()},
            "workdir": str(workroot) if args.keep else None}  # fmt: skip
    print(render(rows))
    folders = f"; crawl folders: {workroot}" if args.keep else ""
    print(f"\n{len(rows)} rows in {seconds:.0f} s; JSON: {args.out}{folders}", flush=True)
    write_json(args.out, rows, meta)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workroot = Path(tempfile.mkdtemp(prefix="newsspider-bench-"))
    started = time.perf_counter()
    try:
        rows = run(args, workroot)
        report(args, rows, time.perf_counter() - started, workroot)
        if args.profile:  # after the measurements, which profiling would slow down
            print("\n" + profiling.run(args, workroot))
    finally:
        if not args.keep:
            shutil.rmtree(workroot, ignore_errors=True)
    return 1 if any(row.verdict == "MISS" for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
