"""Scoring of dates by instant, credits (authors, editors, source, no invented author) and error classes."""

from __future__ import annotations

import gzip
import json

import pytest

from newsspider.evaluate.corpus import load_corpus
from newsspider.evaluate.errorclass import CLASSES, author_classes, page_classes
from newsspider.evaluate.instants import instant_match, offset_only_gap
from newsspider.evaluate.report import format_errors
from newsspider.evaluate.runner import evaluate_corpus
from newsspider.evaluate.scoring import Tally, score_page


@pytest.mark.parametrize(
    ("pred", "raw", "has_time", "want"),
    [
        ("2025-06-05T14:46:00+02:00", "2025-06-05 14:46:12+02:00", True, (True, True)),
        ("2025-06-05T12:46:30+00:00", "2025-06-05 14:46:12+02:00", True, (True, True)),  # same instant
        ("2025-06-05T14:46:00+00:00", "2025-06-05 14:46:12+02:00", True, (True, False)),  # offset wrong
        ("2025-06-05T01:30:00+02:00", "2025-06-04 23:30:00+00:00", True, (True, True)),  # day after UTC
        ("2025-06-05", "2025-06-05 14:46:12+02:00", True, (True, False)),  # day only: no minute
        ("2025-06-05T14:46:00", "2025-06-05 14:46:12+02:00", True, (True, True)),  # no offset: wall clock
        ("2024-04-30T09:00:00+08:00", "2024-04-30 00:00:00+00:00", False, (True, None)),  # day-only label
        (None, "2025-06-05 14:46:12+02:00", True, (False, False)),
    ],
)
def test_instant_match(pred, raw, has_time, want):
    assert instant_match(pred, raw, has_time) == want


def test_offset_only_gap_is_right_clock_wrong_offset():
    assert offset_only_gap("2024-03-12T09:41:00-09:00", "2024-03-12 09:41:00+00:00")
    assert offset_only_gap("2025-04-03T08:05:00+08:30", "2025-04-03 08:05:00+02:00")
    assert not offset_only_gap("2024-03-12T09:41:00+00:00", "2024-03-12 09:41:00+00:00")
    assert not offset_only_gap("2024-03-12T09:47:00+00:00", "2024-03-12 09:41:00+00:00")
    assert not offset_only_gap("2024-03-12T09:41:00", "2024-03-12 09:41:00+00:00")


def test_credit_scores_and_no_invented_author():
    row = {"authors": ["张三", "李四"], "editors": ["王五"], "source": "某某日报", "date": "2024-03-16 08:15"}
    output = {"authors": ["李四", "张三"], "editors": ["王五"], "source": "某某日报",
              "published_at": "2024-03-16T08:15:00+08:00"}  # fmt: skip
    scores = score_page(row, output)
    assert scores["authors"] and scores["editors"] and scores["source"]
    assert scores["date_day"] and scores["date_minute"]
    nobody = {"authors": [], "editors": [], "source": None}
    assert score_page(nobody, {"authors": []}) == {"no_invented_author": True}
    assert score_page(nobody, {"authors": ["网易"]}) == {"no_invented_author": False}
    tally = Tally()
    tally.add(score_page(nobody, {"authors": ["网易"]}), {}, 1.0, ["names_not_authors"])
    summary = tally.summary()
    assert summary["no_invented_author_accuracy"] == 0.0
    assert summary["errors"]["names_not_authors"] == 1


@pytest.mark.parametrize(
    ("pred", "true", "text", "want"),
    [
        (["张三", "发布"], ["张三"], "", {"credit_lines"}),
        (["南都"], ["余毅菁"], "南都 余毅菁", {"names_not_authors", "credit_lines"}),
        ([], ["刘一明", "陈思远"], "光明日报记者 刘一明 陈思远", {"datelines"}),
        (["张三点击数：document.write(Math"], ["张三"], "", {"credit_lines"}),
        (["网易"], [], "", {"names_not_authors"}),
        (["London", "Maria"], ["Maria London"], "", {"names"}),
        (["张三 李四 王五"], ["张三", "李四", "王五"], "", {"names"}),
        ([], ["赵一"], "人民网南宁5月6日电（赵一、钱二）", {"datelines"}),
        ([], ["陳大文"], "記者：陳大文", {"traditional_labels"}),
        ([], ["张三"], "作者：张三", {"credit_lines"}),
        (["张三"], ["张三"], "", set()),
    ],
)
def test_author_classes(pred, true, text, want):
    assert author_classes(pred, true, text) == want


def test_page_classes_body_title_dates():
    row = {"body": "a b c d e f", "title": "T", "date": "2024-03-12 09:41", "date_raw": "2024-03-12 09:41:00+00:00"}
    output = {"rejected": "missing_body", "published_at": "2024-03-12T09:41:00-09:00"}
    scores = score_page(row, output)
    assert page_classes(row, output, scores, "") == ["invented_offsets", "body", "titles"]


def test_not_article_rows_skipped_and_errors_reported(tmp_path):
    (tmp_path / "pages").mkdir()
    rows = [
        {"id": "p1", "title": "今日新闻标题", "authors": [], "editors": [], "source": None, "body": None},
        {"id": "l1", "title": None, "authors": [], "not_article": True},
    ]
    page = "<html><head><title>今日新闻标题</title></head><body><h1>今日新闻标题</h1></body></html>"
    with (tmp_path / "truth.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            (tmp_path / "pages" / f"{row['id']}.html.gz").write_bytes(gzip.compress(page.encode()))
    corpus = load_corpus(tmp_path)
    assert [row["id"] for row in corpus.rows] == ["p1"]
    summaries = evaluate_corpus(corpus, with_peer=False)
    summary = summaries[corpus.name]["newsspider"]
    assert "body_f1" not in summary  # body: null is unlabelled, not an empty body
    assert set(summary["errors"]) == set(CLASSES)
    table = format_errors(summaries)
    assert "names not authors" in table.splitlines()[0]
