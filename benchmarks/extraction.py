"""Extraction speed: newsspider.extract_article vs trafilatura bare_extraction on the shared corpus pages."""

from __future__ import annotations

import hashlib
import importlib.util
import time
from pathlib import Path

from benchmarks.measure import median, percentile, ratio
from benchmarks.report import Row

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def load_pages(root: Path, limit: int = 0) -> list[tuple[str, bytes]]:
    """(url, bytes) of the distinct pages of every corpus under ``root``, ``limit`` of them evenly spread.

    Corpora share byte-identical pages: each distinct compressed file counts once.
    """
    from newsspider.evaluate.corpus import load_corpus, row_url

    found, seen = [], set()
    for folder in sorted(p for p in root.iterdir() if (p / "truth.jsonl").is_file()):
        corpus = load_corpus(folder)
        for row in corpus.rows:
            digest = hashlib.sha1((corpus.path / "pages" / f"{row['id']}.html.gz").read_bytes()).digest()
            if digest not in seen:
                seen.add(digest)
                found.append((corpus, row))
    if limit and len(found) > limit:
        step = len(found) / limit  # an even spread over all corpora, not the first one only
        found = [found[int(i * step)] for i in range(limit)]
    return [(row_url(row), corpus.page_bytes(row)) for corpus, row in found]


def _ours(html: bytes, url: str) -> None:
    from newsspider import ArticleRejected, extract_article

    try:
        extract_article(html, url)
    except ArticleRejected:
        pass  # a rejected page still did all the work


def _peer(html: bytes, url: str) -> None:
    from trafilatura import bare_extraction

    bare_extraction(html, url=url, with_metadata=True)


def _ms(func, html: bytes, url: str) -> float:
    start = time.perf_counter()
    func(html, url)
    return (time.perf_counter() - start) * 1000


def time_pages(pages: list[tuple[str, bytes]]) -> tuple[list[float], list[float]]:
    """Per-page ms of ours and of trafilatura, alternating which runs first on each page."""
    for url, html in pages[:3]:  # warm-up: imports, regex compilation, lxml parser setup
        _ours(html, url)
        _peer(html, url)
    ours, peer = [], []
    for index, (url, html) in enumerate(pages):
        if index % 2:
            peer.append(_ms(_peer, html, url))
            ours.append(_ms(_ours, html, url))
        else:
            ours.append(_ms(_ours, html, url))
            peer.append(_ms(_peer, html, url))
    return ours, peer


def run(corpus: Path = DEFAULT_CORPUS, limit: int = 0) -> list[Row]:
    """Rows for median and p95 ms/page of both extractors on the same pages, and their ratios."""
    if not corpus.is_dir():
        return [Row("extraction", "ms/page", None, note=f"corpus not found: {corpus}")]
    if importlib.util.find_spec("trafilatura") is None:
        return [Row("extraction", "ms/page", None, note="trafilatura not installed (extra 'eval')")]
    pages = load_pages(corpus, limit)
    ours, peer = time_pages(pages)
    sizes = sorted(len(html) for _url, html in pages)
    note = f"{len(pages)} distinct pages of {corpus}, median {median(sizes) / 1024:.0f} KB, same process"
    rows = []
    for name, stat, target in (("median", median, "<= 0.5"), ("p95", lambda v: percentile(v, 95), "")):
        a, b = stat(ours), stat(peer)
        rows.append(
            Row("extraction", f"ms/page {name}", a, "ms", b, "trafilatura+metadata", ratio(a, b), target)
        )
    rows[0].note = note
    return rows
