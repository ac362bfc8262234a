"""Pure scoring functions: shingle P/R/F (CJK-aware), segment metric, title, date and author matches."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import mean

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_SPACE_RE = re.compile(r"\s+")
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:[;,&/、，；]|\band\b|\bund\b)\s*", re.IGNORECASE)
_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?")


def tokenize(text: str | None) -> list[str]:
    """Zyte-benchmark tokens (runs of ``\\w``), except that every CJK character is a token of its own."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter:
    """Multiset of the ``n``-token shingles of ``text`` (one shingle of all tokens when fewer than ``n``)."""
    tokens = tokenize(text)
    found: Counter[tuple[str, ...]] = Counter()
    for start in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[start : start + n])
        if shingle:
            found[shingle] += 1
    return found


def shingle_match(true: str | None, pred: str | None, n: int = 4) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) over shingles, as the Zyte benchmark computes them per page."""
    true_sh, pred_sh = shingles(true, n), shingles(pred, n)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if not total:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def corpus_prf(matches: list[tuple[float, float, float]]) -> dict[str, float | None]:
    """Corpus precision/recall (means over pages) and F1 (harmonic mean of those two means)."""
    precisions = [_precision(*m) for m in matches if m[0] + m[1] > 0]
    recalls = [_recall(*m) for m in matches if m[0] + m[2] > 0]
    precision = mean(precisions) if precisions else 0.0
    recall = mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def page_prf(match: tuple[float, float, float]) -> dict[str, float]:
    """Per-page precision, recall and F1 (for reading the per-page output)."""
    precision, recall = _precision(*match), _recall(*match)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def fold(text: str | None) -> str:
    """Whitespace folded to single spaces, stripped."""
    return _SPACE_RE.sub(" ", text or "").strip()


@dataclass
class SegmentCounts:
    """trafilatura-eval counts: with-segments found (tp) / missed (fn), without-segments found (fp) / absent (tn)."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(self, other: SegmentCounts) -> None:
        """Accumulate another page's counts (micro average)."""
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn

    def scores(self) -> dict[str, float]:
        """precision, recall, accuracy, F-score as trafilatura's evaluation defines them."""
        total = self.tp + self.fn + self.fp + self.tn
        return {
            "precision": self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0,
            "recall": self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0,
            "accuracy": (self.tp + self.tn) / total if total else 0.0,
            "f1": 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0,
        }


def segment_counts(output: str | None, with_: list[str], without: list[str]) -> SegmentCounts:
    """Count which labelled segments occur in ``output`` (substring match after whitespace folding)."""
    if not output:
        return SegmentCounts(fn=len(with_), tn=len(without))
    text = fold(output)
    found = sum(fold(seg) in text for seg in with_)
    leaked = sum(fold(seg) in text for seg in without)
    return SegmentCounts(tp=found, fn=len(with_) - found, fp=leaked, tn=len(without) - leaked)


def title_match(pred: str | None, true: str | None) -> bool:
    """Exact title match after whitespace folding."""
    return bool(pred) and fold(pred) == fold(true)


def _date_parts(value: str | None) -> tuple | None:
    match = _DATE_RE.search(value or "")
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    day_key = (int(year), int(month), int(day))
    return day_key, (None if hour is None else (int(hour), int(minute)))


def has_time(value: str | None) -> bool:
    """Whether a ``YYYY-MM-DD[ HH:MM]`` label shows a time of day."""
    match = _DATE_RE.search(value or "")
    return bool(match and match.group(4) is not None)


def date_match(pred: str | None, true: str | None) -> tuple[bool, bool | None]:
    """(same day, same minute or None when the label has no time); ``pred`` is ISO 8601."""
    want, got = _date_parts(true), _date_parts(pred)
    if want is None or got is None:
        return False, (None if want is None or want[1] is None else False)
    same_day = want[0] == got[0]
    if want[1] is None:
        return same_day, None
    return same_day, same_day and want[1] == got[1]


def author_set(value: str | list[str] | None) -> frozenset[str]:
    """Author names as a case-folded set; lists and ``;``/``,``/``and``-joined strings are split alike."""
    if not value:
        return frozenset()
    joined = "; ".join(value) if isinstance(value, list) else value
    return frozenset(fold(name).casefold() for name in _AUTHOR_SPLIT_RE.split(joined) if fold(name))


def authors_match(pred: str | list[str] | None, true: str | list[str] | None) -> bool:
    """Set equality of author names."""
    return author_set(pred) == author_set(true)
