"""``--profile``: cProfile one news crawl and the extraction of corpus pages; print where newsspider's time goes."""

from __future__ import annotations

import cProfile
import io
import pstats
from pathlib import Path

from benchmarks import crawlbench, extraction
from benchmarks.crawl import run_crawl

_OURS = r"newsspider/"


def summary(stats: pstats.Stats, title: str, limit: int = 25) -> str:
    """The ``limit`` newsspider functions with the most cumulative time, with the run's total."""
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("cumulative").print_stats(_OURS, limit)
    lines = [line for line in out.getvalue().splitlines() if line.strip() and "List reduced" not in line]
    return f"== {title}\n" + "\n".join(lines)


def profile_crawl(articles: int, concurrency: int, workroot: Path, out: Path) -> str:
    """One ``news`` crawl of a generated site under cProfile (profiling slows it down: shares only)."""
    with crawlbench._site(articles) as server:
        run_crawl("news", server.start_url, workroot / "profile-news", concurrency, profile=out)
    return summary(pstats.Stats(str(out)), f"news crawl, {articles} articles: {out}")


def profile_extraction(corpus: Path, limit: int, out: Path) -> str:
    """``extract_article`` on ``limit`` corpus pages, in this process, under cProfile."""
    pages = extraction.load_pages(corpus, limit)
    profiler = cProfile.Profile()
    profiler.enable()
    for url, html in pages:
        extraction._ours(html, url)
    profiler.disable()
    profiler.dump_stats(str(out))
    return summary(pstats.Stats(str(out)), f"extract_article on {len(pages)} corpus pages: {out}")


def run(args, workroot: Path) -> str:
    """Both profiles next to the JSON output; returns the printed summaries."""
    folder = args.out.parent
    folder.mkdir(parents=True, exist_ok=True)
    texts = [profile_crawl(min(args.articles, 1000), args.concurrency, workroot, folder / "news-crawl.prof")]
    if args.corpus.is_dir():
        texts.append(
            profile_extraction(args.corpus, min(args.corpus_limit or 200, 200), folder / "extract.prof")
        )
    return "\n\n".join(texts)
