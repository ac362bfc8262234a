"""Name the class of each error on a page (the classes of issue 12), so a change shows which class it fixed."""

from __future__ import annotations

import re

from newsspider.evaluate import metrics
from newsspider.evaluate.instants import offset_only_gap
from newsspider.extract import labels

CLASSES: tuple[str, ...] = (
    "credit_lines",  # label words, counters or script text inside a name, or a labelled credit missed
    "names_not_authors",  # a site, outlet, placeholder, role word or invented name given as author
    "traditional_labels",  # a credit missed on a page labelled in traditional script (記者, 編輯, 來源)
    "datelines",  # an author named by a dateline (…电（记者 X）, 某报记者 X) missed
    "dates",  # wrong day or minute
    "invented_offsets",  # right clock time, wrong UTC offset
    "names",  # the right names split, merged or reordered
    "body",  # body F1 under BODY_FLOOR, or the page rejected
    "titles",  # title wrong
)
BODY_FLOOR = 0.5
# Evidence that a predicted name carries credit-line text: a label of the labels table, a colon, digits, script.
_JUNK_RE = re.compile(rf"[:：|｜\d]|document|write|script|function|{labels.label_pattern()}")
# A page labelled in traditional script: a table label whose traditional spelling differs (記者, 編輯, 來源).
_TRADITIONAL_RE = re.compile(
    "|".join(sorted({labels.traditional(label.text) for label in labels.LABELS} - {label.text for label in labels.LABELS}))
)
_DATELINE_LEAD = r"(?:\d{1,2}日[电電][^。\n]{0,30}?|[报報网網社台](?:记者|記者)\s*[^。\n：:]{0,12}?)"
_SEP_RE = re.compile(r"[\s,;、，；/&·]+")


def _names(value) -> list[str]:
    if not value:
        return []
    return [metrics.fold(v) for v in (value if isinstance(value, list) else [value]) if metrics.fold(v)]


def _tokens(names: list[str]) -> list[str]:
    return sorted(t.casefold() for name in names for t in _SEP_RE.split(name) if t)


def _split_or_merged(pred: list[str], true: list[str]) -> bool:
    """Same name material, cut or ordered differently (``Maria London`` vs ``London``+``Maria``)."""
    return bool(pred) and _tokens(pred) == _tokens(true) and metrics.author_set(pred) != metrics.author_set(true)


def author_classes(pred: list[str], true: list[str], page_text: str) -> set[str]:
    """Classes of the difference between predicted and labelled author (or editor) names."""
    if metrics.author_set(pred) == metrics.author_set(true):
        return set()
    if _split_or_merged(pred, true):
        return {"names"}
    found: set[str] = set()
    truth = metrics.author_set(true)
    for name in pred:
        if name.casefold() in truth:
            continue
        found.add("credit_lines" if _JUNK_RE.search(name) else "names_not_authors")
    predicted = metrics.author_set(pred)
    for name in true:
        if name.casefold() not in predicted:
            found.add(_missed_class(name, page_text))
    return found


def _missed_class(name: str, page_text: str) -> str:
    if re.search(_DATELINE_LEAD + re.escape(name), page_text):
        return "datelines"
    if _TRADITIONAL_RE.search(page_text):
        return "traditional_labels"
    return "credit_lines"


def _date_classes(row: dict, output: dict, scores: dict) -> set[str]:
    if scores.get("date_day", True) and scores.get("date_minute", True):
        return set()
    if offset_only_gap(output.get("published_at"), row.get("date_raw")):
        return {"invented_offsets"}
    return {"dates"}


def page_classes(row: dict, output: dict, scores: dict, page_text: str) -> list[str]:
    """Every error class this page shows for one system's output (empty when all labelled fields are right)."""
    found: set[str] = set()
    if "body" in scores and ("rejected" in output or scores["body"]["f1"] < BODY_FLOOR):
        found.add("body")
    if scores.get("title") is False:
        found.add("titles")
    found |= _date_classes(row, output, scores)
    if "authors" in scores or "no_invented_author" in scores:
        found |= author_classes(_names(output.get("authors")), _names(_true_authors(row)), page_text)
    if "editors" in scores and not scores["editors"]:
        found |= author_classes(_names(output.get("editors")), _names(row.get("editors")), page_text)
    if "source" in scores and not scores["source"]:
        found.add("credit_lines")
    return [name for name in CLASSES if name in found]


def _true_authors(row: dict):
    return row["authors"] if "authors" in row else row.get("author")
