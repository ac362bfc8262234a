"""``scrapy evaluate``: score our extraction chain (and trafilatura) on labelled corpora."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsspider.evaluate import systems
from newsspider.evaluate.corpus import load_corpus
from newsspider.evaluate.report import format_errors, format_table
from newsspider.evaluate.runner import evaluate_corpus


class Command(ScrapyCommand):
    """Evaluate newsspider.extract_article against corpora with ground truth."""

    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "CORPUS_DIR [CORPUS_DIR ...] [options]"

    def short_desc(self) -> str:
        return "Score the extraction chain (and trafilatura) on labelled corpora"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--lang", help="only pages whose lang_guess is LANG (e.g. zh)")
        parser.add_argument("--limit", type=int, help="at most N pages per corpus")
        parser.add_argument(
            "--out", default="eval-output", help="per-page JSONL directory (default eval-output/)"
        )
        parser.add_argument("--no-peer", action="store_true", help="do not run trafilatura")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("give at least one corpus directory")
        with_peer = not opts.no_peer
        if with_peer and not systems.peer_available():
            raise UsageError("trafilatura is not installed: install the 'eval' extra or pass --no-peer")
        out_dir = Path(opts.out)
        out_dir.mkdir(parents=True, exist_ok=True)
        summaries: dict = {}
        for path in args:
            try:
                corpus = load_corpus(path, lang=opts.lang, limit=opts.limit)
            except FileNotFoundError as exc:
                raise UsageError(str(exc)) from exc
            summaries.update(evaluate_corpus(corpus, with_peer=with_peer, out_dir=out_dir))
        (out_dir / "summary.json").write_text(json.dumps(summaries, indent=2) + "\n", encoding="utf-8")
        print(format_table(summaries))
        print("\npages with an error, by class (see newsspider/evaluate/errorclass.py):")
        print(format_errors(summaries))
        print(f"\nper-page output: {out_dir}/<corpus>.jsonl; summary: {out_dir}/summary.json")
