"""Run the systems over corpora, write per-page JSONL, and return the per-corpus summaries."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsspider.evaluate import systems
from newsspider.evaluate.corpus import Corpus, row_url
from newsspider.evaluate.errorclass import page_classes
from newsspider.evaluate.scoring import ZH, Tally, score_page
from newsspider.extract.decode import decode_html

_TAG_RE = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def page_text(html: bytes) -> str:
    """The page's visible text, roughly (tags, scripts and styles removed): evidence for the error classes."""
    return _TAG_RE.sub(" ", decode_html(html).text)


def _runners(with_peer: bool) -> dict:
    runners = {systems.OUR_NAME: systems.run_ours}
    if with_peer:
        runners[systems.PEER_NAME] = systems.run_peer
    return runners


def evaluate_page(corpus: Corpus, row: dict, runners: dict) -> dict:
    """One per-page record: each system's output, timing and scores."""
    html = corpus.page_bytes(row)
    record = {"corpus": corpus.name, "id": row["id"], "url": row.get("url"), "lang": row.get("lang_guess")}
    text = None
    for name, run in runners.items():
        output, ms = run(html, row_url(row))
        scores = score_page(row, output, corpus.title_in_body)
        if text is None:
            text = page_text(html)
        record[name] = {
            "output": output,
            "ms": round(ms, 2),
            "scores": scores,
            "errors": page_classes(row, output, scores, text),
        }
    return record


def evaluate_corpus(corpus: Corpus, with_peer: bool = True, out_dir: Path | None = None) -> dict[str, dict]:
    """Summaries keyed ``<corpus>`` (and ``<corpus>[zh]`` when it mixes Chinese and other pages) then system."""
    runners = _runners(with_peer)
    mixed = any(row.get("lang_guess") != ZH for row in corpus.rows)
    tallies: dict[str, dict[str, Tally]] = {corpus.name: {name: Tally() for name in runners}}
    handle = None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = (out_dir / f"{corpus.name}.jsonl").open("w", encoding="utf-8")
    try:
        for row in corpus.rows:
            record = evaluate_page(corpus, row, runners)
            chinese = mixed and row.get("lang_guess") == ZH
            keys = [corpus.name] + ([f"{corpus.name}[{ZH}]"] if chinese else [])
            for key in keys:
                group = tallies.setdefault(key, {name: Tally() for name in runners})
                for name in runners:
                    part = record[name]
                    group[name].add(part["scores"], part["output"], part["ms"], part["errors"])
            if handle:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if handle:
            handle.close()
    return {key: {name: t.summary() for name, t in group.items()} for key, group in tallies.items()}
