"""Unit tests of the evaluation metrics on tiny inputs."""

from __future__ import annotations

import pytest

from newsspider.evaluate import metrics


def test_tokenize_splits_cjk_characters_and_keeps_words():
    assert metrics.tokenize("海口网2月29日 hello, world_1!") == [
        "海", "口", "网", "2", "月", "29", "日", "hello", "world_1",
    ]  # fmt: skip


def test_tokenize_kana_per_character_hangul_as_words():
    assert metrics.tokenize("ご訪問 한국어 말") == ["ご", "訪", "問", "한국어", "말"]


def test_shingles_short_text_is_one_shingle():
    assert metrics.shingles("a b") == {("a", "b"): 1}
    assert metrics.shingles("") == {}


def test_shingles_counts_repeats():
    found = metrics.shingles("a b c d a b c d")
    assert found[("a", "b", "c", "d")] == 2
    assert sum(found.values()) == 5


def test_shingle_match_identical_and_disjoint():
    assert metrics.shingle_match("one two three four five", "one two three four five") == (1.0, 0.0, 0.0)
    assert metrics.shingle_match("one two three four", "five six seven eight") == (0.0, 0.5, 0.5)


def test_shingle_match_partial_prediction():
    # truth has 3 shingles, prediction keeps the first 4 tokens (1 shingle) -> tp 1, fp 0, fn 2
    tp, fp, fn = metrics.shingle_match("a b c d e f", "a b c d")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 0.0, 2 / 3))


def test_shingle_match_cjk_characters_are_tokens():
    # With \w+ alone this Chinese sentence would be one token and any edit would score 0.
    tp, fp, fn = metrics.shingle_match("海口网记者报道", "海口网记者")
    assert tp > 0 and fp == 0 and fn > 0


def test_corpus_prf_follows_the_zyte_rules():
    pages = [(1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.5, 0.5, 0.0)]
    # precision: pages with tp+fp>0 -> (1.0, 0.5); recall: pages with tp+fn>0 -> (1.0, 0.0, 1.0)
    result = metrics.corpus_prf(pages)
    assert result["precision"] == pytest.approx(0.75)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_segment_counts_and_scores():
    counts = metrics.segment_counts(
        "Hello   big world. Share this", ["big world", "missing"], ["Share this", "nav"]
    )
    assert vars(counts) == {"tp": 1, "fn": 1, "fp": 1, "tn": 1}
    assert metrics.segment_counts(None, ["a"], ["b"]).tn == 1
    assert counts.scores() == {"precision": 0.5, "recall": 0.5, "accuracy": 0.5, "f1": 0.5}


def test_title_match_folds_whitespace_only():
    assert metrics.title_match(" A  title\n", "A title")
    assert not metrics.title_match("A Title", "A title")
    assert not metrics.title_match(None, "A title")


def test_date_match_day_and_minute():
    assert metrics.date_match("2020-02-29T12:20:00+08:00", "2020-02-29") == (True, None)
    assert metrics.date_match("2020-02-29T12:21:00+08:00", "2020-02-29 12:20") == (True, False)
    assert metrics.date_match("2020-02-29T12:20:00+08:00", "2020-02-29T12:20") == (True, True)
    assert metrics.date_match(None, "2020-02-29") == (False, None)
    assert metrics.date_match("2020-03-01", "2022-11-1") == (False, None)


def test_authors_match_splits_lists_and_joined_strings():
    assert metrics.authors_match(["Sarah Hinger", "Sylvia Torres"], "Sarah Hinger; Sylvia Torres")
    assert metrics.authors_match(["David Brand", "Ramsey Khalifeh"], "David Brand and Ramsey Khalifeh")
    assert metrics.authors_match(["卢海浪"], "卢海浪")
    assert not metrics.authors_match(["卢海浪", "云梦怡"], "卢海浪")
    assert not metrics.authors_match([], "卢海浪")
