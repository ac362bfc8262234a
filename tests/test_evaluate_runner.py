"""The evaluation runner and ``scrapy evaluate`` on a tiny corpus written by the test."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from newsspider.evaluate.corpus import load_corpus, row_url
from newsspider.evaluate.report import format_table
from newsspider.evaluate.runner import evaluate_corpus
from newsspider.evaluate.scoring import scored_body

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = """<html><head><meta charset="utf-8"><title>测试新闻标题 - 示例网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">新闻</a></div>
<h1>测试新闻标题</h1><div class="content">
<p>示例网3月1日消息(记者张三)今天上午，本市召开新闻发布会，介绍了春季旅游市场的有关情况和各项安排。</p>
<p>据介绍，今年春季全市共推出各类文旅活动一百余项，覆盖城乡各个区域，预计接待游客人数将明显增长。</p>
</div><div class="footer">版权所有 示例网 琼ICP备00000000号</div></body></html>"""
TRUTH_BODY = (
    "示例网3月1日消息(记者张三)今天上午，本市召开新闻发布会，介绍了春季旅游市场的有关情况和各项安排。\n"
    "据介绍，今年春季全市共推出各类文旅活动一百余项，覆盖城乡各个区域，预计接待游客人数将明显增长。"
)


def _write_corpus(folder: Path) -> Path:
    (folder / "pages").mkdir(parents=True)
    rows = [
        {"id": "a1", "url": "https://news.example.cn/a1.html", "body": TRUTH_BODY, "lang_guess": "zh"},
        {"id": "a2", "upstream_key": "hard::x", "with": ["春季全市共推出"], "without": ["琼ICP备"],
         "title": "测试新闻标题", "lang_guess": "zh"},
        {"id": "e1", "url": "https://news.example.com/e1", "body": "nothing here", "lang_guess": "en"},
    ]  # fmt: skip
    with (folder / "truth.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            page = ARTICLE if row["id"] != "e1" else "<html><body></body></html>"
            (folder / "pages" / f"{row['id']}.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    return folder


def test_load_corpus_filters_language_and_limit(tmp_path):
    corpus = load_corpus(_write_corpus(tmp_path / "mini"), lang="zh", limit=1)
    assert [row["id"] for row in corpus.rows] == ["a1"]
    assert row_url({"id": "x", "url": "hard::x"}) == "https://unlabelled.invalid/x"


def test_scored_body_prepends_title_only_where_label_starts_with_it():
    output = {"title": "Headline here", "body": "Text."}
    assert scored_body(output, True, "Headline here\nText.") == "Headline here\nText."
    assert scored_body(output, True, "Text.") == "Text."
    assert scored_body(output, False, "Headline here\nText.") == "Text."


def test_evaluate_corpus_scores_and_writes_per_page_jsonl(tmp_path):
    corpus = load_corpus(_write_corpus(tmp_path / "mini"))
    summaries = evaluate_corpus(corpus, with_peer=False, out_dir=tmp_path / "out")
    ours = summaries["mini"]["newsspider"]
    assert ours["pages"] == 3
    assert ours["rejected"] == 1  # the empty page scores as empty output
    assert ours["body_f1"] > 0.6
    assert ours["segments_recall"] == 1.0 and ours["segments_precision"] == 1.0
    assert ours["title_accuracy"] == 1.0
    assert summaries["mini[zh]"]["newsspider"]["pages"] == 2
    records = [json.loads(line) for line in (tmp_path / "out" / "mini.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == ["a1", "a2", "e1"]
    assert records[0]["newsspider"]["output"]["body"].startswith("示例网3月1日消息(记者张三)")
    assert "琼ICP备" not in records[0]["newsspider"]["output"]["body"]
    assert "body" in format_table(summaries)


def test_scrapy_evaluate_command_without_peer(tmp_path):
    corpus = _write_corpus(tmp_path / "mini")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "evaluate", str(corpus), "--no-peer", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "newsspider" in result.stdout and "body F1" in result.stdout
    summary = json.loads((out / "summary.json").read_text())
    assert set(summary) == {"mini", "mini[zh]"}
    assert (out / "mini.jsonl").is_file()
