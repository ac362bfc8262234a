"""Crawl benchmarks on a generated site: full chain vs bare follow (throughput) and 1k vs 10k articles (scale)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.crawl import CrawlResult, run_crawl
from benchmarks.measure import alternate, median, ratio
from benchmarks.report import Row

PAGE_KB = 75  # the middle of the 50-100 KB range of real regional article pages


def _site(articles: int):
    from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

    return SiteServer(GeneratedSite(SiteSpec(articles=articles, page_kb=PAGE_KB)))


def exported(result_dir: Path) -> int:
    """JSON lines in the final feed batch files of a ``news`` run (hidden temp files excluded)."""
    files = [p for p in (result_dir / "output").rglob("*.jsonl") if not p.name.startswith(".")]
    return sum(sum(1 for line in p.open("rb") if line.strip()) for p in files)


def _cpu_ms(result: CrawlResult) -> float | None:
    return result.cpu / result.pages * 1000 if result.pages else None


def _workers_cpu_ms(result: CrawlResult) -> float | None:
    return result.cpu_children / result.pages * 1000 if result.pages else None


def _check(result: CrawlResult, expected_pages: int) -> str:
    """Empty when the crawl fetched every page, else what went wrong (shown as a note)."""
    if result.rc != 0 or result.pages < expected_pages:
        return f"{result.kind}: rc={result.rc}, {result.pages}/{expected_pages} pages (see its crawl.log)"
    return ""


def throughput(
    articles: int, runs: int, concurrency: int, workroot: Path, decompose: bool = False
) -> list[Row]:
    """Median pages/s of ``news`` and ``bare`` (and ``chainonly``) over ``runs`` alternating runs each."""
    kinds = ("bare", "news", "chainonly") if decompose else ("bare", "news")
    with _site(articles) as server:
        expected = articles + server.site.pages()

        def trial(kind):
            return lambda run: run_crawl(
                kind, server.start_url, workroot / f"throughput-{kind}-{run}", concurrency
            )

        results = dict(zip(kinds, alternate(runs, *map(trial, kinds)), strict=True))
    speed = {kind: median([r.pages_per_s or 0 for r in found]) for kind, found in results.items()}
    cpu = {kind: median([_cpu_ms(r) or 0 for r in found]) for kind, found in results.items()}
    items = [exported(workroot / f"throughput-news-{run}") for run in range(runs)]
    problems = [p for found in results.values() for p in (_check(r, expected) for r in found) if p]
    if min(items) < articles:
        problems.append(f"news exported {min(items)}/{articles} articles in its worst run")
    note = (
        f"{articles} articles x {PAGE_KB} KB + {expected - articles} listings, {runs} alternating runs each, "
    )
    note += f"CONCURRENT_REQUESTS(_PER_DOMAIN)={concurrency}; " + ("; ".join(problems) or "all pages fetched")
    per_run = {kind: [r.pages_per_s for r in found] for kind, found in results.items()} | {"exported": items}
    rows = [
        Row("crawl", "pages/s full chain", speed["news"], "p/s", speed["bare"], "bare follow",
            ratio(speed["news"], speed["bare"]), ">= 0.75", note, per_run),
        Row("crawl", "CPU ms/page full chain", cpu["news"], "ms", cpu["bare"], "bare follow",
            ratio(cpu["news"], cpu["bare"])),
    ]  # fmt: skip
    workers = median([_workers_cpu_ms(r) or 0 for r in results["news"]])
    if workers:
        rows.append(Row("crawl", "CPU ms/page extraction workers", workers, "ms",
                        note="NEWSSPIDER_EXTRACT_WORKERS processes, not in the row above (incl. ~0.5 s start-up)"))  # fmt: skip
    if decompose:
        rows.append(Row("crawl", "CPU ms/page w/o extraction", cpu["chainonly"], "ms", cpu["bare"], "bare follow",
                        ratio(cpu["chainonly"], cpu["bare"]), note="chainonly: news minus article parsing"))  # fmt: skip
    return rows


def scale(sizes: list[int], concurrency: int, workroot: Path) -> list[Row]:
    """Peak RSS, pages/s and CPU per page of one ``news`` crawl per site size, against the smallest."""
    results: dict[int, CrawlResult] = {}
    problems = []
    for size in sorted(sizes):
        with _site(size) as server:
            expected = size + server.site.pages()
            results[size] = run_crawl("news", server.start_url, workroot / f"scale-{size}", concurrency)
        problems.append(_check(results[size], expected))
    small, large = min(results), max(results)
    base = results[small]
    rows = []
    for size, result in sorted(results.items()):
        last = size == large and size != small
        rows += [
            Row("scale", f"peak RSS @{size:,}", result.maxrss_mb, "MB", base.maxrss_mb, f"@{small:,}",
                ratio(result.maxrss_mb, base.maxrss_mb), "<= 1.5" if last else ""),
            Row("scale", f"pages/s @{size:,}", result.pages_per_s, "p/s", base.pages_per_s, f"@{small:,}",
                ratio(result.pages_per_s, base.pages_per_s)),
            Row("scale", f"CPU ms/page @{size:,}", _cpu_ms(result), "ms", _cpu_ms(base), f"@{small:,}",
                ratio(_cpu_ms(result), _cpu_ms(base)), "<= 1.25" if last else ""),
        ]  # fmt: skip
    rows[0].note = "one news crawl per size; CPU/page <= 1.25x is our reading of 'flat'; " + (
        "; ".join(p for p in problems if p) or "all pages fetched"
    )
    return rows
