"""Re-extraction speed: ``scrapy reextract``'s replay loop vs trafilatura on the same archived records."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from benchmarks.crawlbench import PAGE_KB
from benchmarks.measure import median, ratio
from benchmarks.report import Row


def archive(articles: int, workdir: Path) -> Path:
    """Crawl a generated site with NEWSSPIDER_WARC=1 (a real crawl); return its output folder."""
    from newsspider_testing import crawlrun
    from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

    workdir.mkdir(parents=True, exist_ok=True)
    with SiteServer(GeneratedSite(SiteSpec(articles=articles, page_kb=PAGE_KB))) as server:
        command = crawlrun.crawl_command(server.start_url, workdir, NEWSSPIDER_WARC=1, LOG_LEVEL="WARNING")
        rc = crawlrun.run(command, workdir / "crawl.log", timeout=1800)
    if rc != 0:
        raise RuntimeError(f"archive crawl failed (rc={rc}), see {workdir / 'crawl.log'}")
    return workdir / "output"


def time_ours(output: Path, workdir: Path, run: int) -> tuple[float, float, int]:
    """CPU and wall seconds and articles of one whole re-extraction (read, decode, extract, write, compare)."""
    from newsspider.warc.reextract import Options, reextract

    options = Options(paths=[output], output_file=workdir / f"again-{run}.jsonl", run_id=f"bench{run}")
    summary = reextract(options)
    return summary.cpu_seconds, summary.seconds, summary.exported


def time_trafilatura(output: Path) -> tuple[float, float, int]:
    """CPU and wall seconds of trafilatura (with metadata) on the same records' decoded pages (reading not
    counted)."""
    from trafilatura import bare_extraction

    from newsspider.warc import reader
    from newsspider.warc.replay import decoded_body

    pages = [(page.url, decoded_body(page)) for path in reader.warc_files([output])
             for page in reader.records(path, reader.ReadReport())]  # fmt: skip
    started, cpu = time.perf_counter(), time.process_time()
    for url, body in pages:
        bare_extraction(body, url=url, with_metadata=True)
    return time.process_time() - cpu, time.perf_counter() - started, len(pages)


def corpus_archive(corpus: Path, limit: int, workdir: Path) -> Path | None:
    """Third-party pages of the shared corpora (raw bytes) written as WARC records, as a crawl would archive them."""
    from datetime import UTC, datetime

    from benchmarks.extraction import load_pages
    from newsspider.warc.capture import Capture
    from newsspider.warc.writer import WarcBatchFile

    if not corpus.is_dir():
        return None
    output = workdir / "corpus-output"
    warc = WarcBatchFile(output / "corpus" / "warc" / "corpus-00001.warc.gz", {"isPartOf": "benchmark"})
    for url, html in load_pages(corpus, limit):
        headers = [("Content-Type", "text/html"), ("Content-Length", str(len(html)))]
        capture = Capture(url, datetime.now(UTC), "GET", [("Host", "example.org")], b"", 200, headers, html)
        warc.write_article([capture], None)
    warc.seal()
    warc.publish()
    return output


def compare(name: str, output: Path, workdir: Path, runs: int, note: str) -> Row:
    """Alternating runs of ours and trafilatura on the records of ``output``; pages per CPU second."""
    time_ours(output, workdir, 0)  # warm-up: imports, profiles, regex compilation
    ours, peer, wall = [], [], []
    for number in range(1, runs + 1):  # alternate, so drift on a shared machine hits both
        cpu, seconds, done = time_ours(output, workdir, number)
        ours.append(done / cpu)
        wall.append(done / seconds)
        cpu, seconds, done = time_trafilatura(output)
        peer.append(done / cpu)
    a, b = median(ours), median(peer)
    note += (f"; pages per CPU second of one process (wall clock on this shared machine: {median(wall):.0f} "
             "pages/s); ours includes reading the WARC files, writing and comparing the lines, trafilatura only "
             "extracts; issue 14 asks >= 150 pages/s on one core")  # fmt: skip
    return Row("reextract", f"pages/CPU-s {name}", a, "pages/s", b, "trafilatura+metadata", ratio(a, b), ">= 1.0",
               note=note, extra={"wall_pages_per_s": wall})  # fmt: skip


def run(articles: int, runs: int, workroot: Path, corpus: Path | None = None, corpus_limit: int = 300) -> list[Row]:
    if importlib.util.find_spec("trafilatura") is None:
        return [Row("reextract", "pages/CPU-s re-extraction", None, note="trafilatura not installed (extra 'eval')")]
    workdir = workroot / "reextract"
    output = archive(articles, workdir)
    rows = [compare("generated site", output, workdir, runs,
                    f"{articles} archived {PAGE_KB} KB pages of a real crawl with NEWSSPIDER_WARC=1")]  # fmt: skip
    found = corpus_archive(corpus, corpus_limit, workdir) if corpus else None
    if found is not None:
        rows.append(compare("corpus pages", found, workdir, runs,
                            f"{corpus_limit} third-party pages of {corpus} archived as WARC records"))  # fmt: skip
    return rows
