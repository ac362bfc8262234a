"""Scan the visible text for the article's date line, skipping link lists, rankings and sidebars."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsspider.extract.dateanchor import body_headline
from newsspider.extract.daterules import (
    CLASS_PUBLISHED_RE,
    CLASS_UPDATED_RE,
    CREDIT_ON_LINE_RE,
    PUBLISHED_LABEL_RE,
    TRAILING_PUBLISHED_RE,
    TRAILING_UPDATED_RE,
    UPDATED_LABEL_RE,
)
from newsspider.extract.noise import in_noise
from newsspider.normalize.dates import find_date

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newsspider.extract.page import Page

__all__ = ["Candidate", "Scan", "in_noise", "scan"]  # in_noise: still imported from here by credits.py

_HINT = re.compile(r"(?:19[5-9]|20[0-4])\d|\d\s*月|\d-\d\d\s+\d\d?[:：]\d\d")  # a year, 3月, or 03-16 09:30
# Every _HINT match starts with a digit. The regex engine jumps from one digit to the next; it tries _HINT's
# alternation at every character (its first items are no literals), three times slower on the texts scanned.
_DIGIT = re.compile(r"\d")
_SKIP_TAGS = {"script", "style", "noscript", "template", "select", "option", "textarea", "a", "button"}
_TIME_ONLY = re.compile(
    r"^\s*(?:[|,·]\s*)?(?:(?:香港|北京|台北|澳门|澳門)?(?:时间|時間))?\s*"  # 香港時間15時30分 on the line below the day
    r"((?:[01]?\d|2[0-3])\s*[:：时時]\s*[0-5]\d(?:\s*[:：分]\s*[0-5]\d)?\s*分?)(?![\d:])"
)
_WEEKDAY_REST = re.compile(r"^\s*[（(]?\s*(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]\s*[)）]?\s*$")  # 2024年3月16日（星期六）
_LABEL_WINDOW = 24
_AFTER_TITLE = 400  # elements scanned after the title for an unlabelled date line
_BEFORE_TITLE = 25
_CLOSE_AFTER_TITLE = 15  # elements after the title where an unlabelled date is the date line
_KICKER = 3  # elements before the title where a date line is its kicker
_PAIR_GAP = 2  # elements between a date line's publication and its labelled update
_LINK_SLACK = 3  # characters besides the date in a link that is a date line
_MORE_DATES = 2  # later labelled dates read from one text (published, then updated)
_MAX_DATE_LINE = 80  # characters of the text holding an unlabelled date line
_CLOSE_TEXT = 120  # ... or characters of visible text between the title and the date
_SENTENCE_ENDS = ("。", "！", "？")  # a short Chinese text ending so is a sentence (4月7日，…开赛。), not a date line


@dataclass
class Candidate:
    """One date string in the visible text, its document position and its label kind."""

    raw: str
    index: int
    node: HtmlElement  # the element whose own text holds the date
    kind: str  # "published", "updated" or "" (no label)
    line: bool = True  # the text around it is short: a date line, not a date inside a sentence
    hint: str = ""  # "published" or "updated" when the element's class names it


@dataclass
class Scan:
    """What the scan found: the publication and update strings."""

    published: str | None = None
    updated: str | None = None
    anchored: bool = False  # the date line sits by a heading that repeats the page title


def scan(page: Page) -> Scan:
    """A labelled date outside noise near the title (else anywhere), else a date line right by the title."""
    elements, title_index, anchored = _elements(page)
    if title_index is None:
        return _labelled_anywhere(elements, 0, len(elements))
    start, end = max(0, title_index - _BEFORE_TITLE), title_index + _AFTER_TITLE + 1
    near = _near(elements, title_index, start, end)
    close = [c for c in near if c.line and _close_to_title(elements, title_index, c.index)]
    updated = next((c.raw for c in near if c.kind == "updated"), None)
    updated = updated or next((c.raw for c in close if c.hint == "updated"), None)
    pick = _pick([c for c in near if c.kind == "published"], close, title_index) or _before_update(near)
    if pick is None:  # nothing around the title: a labelled date elsewhere on the page
        elsewhere = _labelled_anywhere(elements, 0, start)
        elsewhere = elsewhere if elsewhere.published else _labelled_anywhere(elements, end, len(elements))
        shown_update = anchored and bool(updated) and not elsewhere.published  # the line shows only an update
        return Scan(elsewhere.published, updated or elsewhere.updated, shown_update)
    anchored = anchored and pick.line and _close_to_title(elements, title_index, pick.index)
    return Scan(pick.raw, updated, anchored)


def _near(elements: list[HtmlElement], title_index: int, start: int, end: int) -> list[Candidate]:
    """Candidates around the title outside noise; a date inside the headline is its subject, not its date,
    unless a credit line inside the heading labels it (PHPCMS: <h1>Title<br><span>2024-03-16 来源：X</span>)."""
    heading = elements[title_index]
    return [
        c
        for c in _candidates(elements, start, end)
        if not in_noise(c.node, labelled=c.kind == "published", headline_layout=True)
        and c.node is not heading
        and (c.kind == "published" or heading not in c.node.iterancestors())
    ]


def _pick(labelled: list[Candidate], close: list[Candidate], title_index: int) -> Candidate | None:
    """Labelled after the title, a date line under it, a kicker line over it, else the last labelled one."""
    kicker = [c for c in close if c.index < title_index]
    return (
        _first_after(labelled, title_index)
        or _first_after(close, title_index)
        or _last(kicker)
        or _last(labelled)
    )


def _before_update(candidates: list[Candidate]) -> Candidate | None:
    """An unlabelled date line right in front of the labelled update (``10:22 · Actualizado a 15:43``)."""
    for before, after in zip(candidates, candidates[1:], strict=False):
        if after.kind == "updated" and not before.kind and before.line and before.hint != "updated":
            if after.index - before.index <= _PAIR_GAP:
                return before
    return None


def _labelled_anywhere(elements: list[HtmlElement], start: int, end: int) -> Scan:
    candidates = [c for c in _candidates(elements, start, end) if c.kind and not in_noise(c.node)]
    published = next((c.raw for c in candidates if c.kind == "published"), None)
    return Scan(published, next((c.raw for c in candidates if c.kind == "updated"), None))


def _close_to_title(elements: list[HtmlElement], title_index: int, index: int) -> bool:
    """Few elements, or little visible text, between the headline and ``index``: the date line by it."""
    if index < title_index:
        return title_index - index <= _KICKER
    if index <= title_index + _CLOSE_AFTER_TITLE:
        return True
    between = -len(elements[title_index].text_content())
    for element in elements[title_index:index]:
        if element.tag not in _SKIP_TAGS or element.tag == "a":
            between += len((element.text or "").strip())
        between += len((element.tail or "").strip())
        if between > _CLOSE_TEXT:
            return False
    return True


def _first_after(candidates: list[Candidate], index: int) -> Candidate | None:
    after = [c for c in candidates if c.index >= index and not _is_update(c)]
    return after[0] if after else None


def _last(candidates: list[Candidate]) -> Candidate | None:
    before = [c for c in candidates if not _is_update(c)]
    return before[-1] if before else None


def _is_update(candidate: Candidate) -> bool:
    return candidate.kind == "updated" or (not candidate.kind and candidate.hint == "updated")


def _elements(page: Page) -> tuple[list[HtmlElement], int | None, bool]:
    return page.shared(body_headline)  # shared with bylinelines: found once per page


def _candidates(elements: list[HtmlElement], start: int, end: int):
    for index in range(start, min(end, len(elements))):
        element = elements[index]
        skipped = element.tag in _SKIP_TAGS and not (element.tag == "a" and _date_link(element.text))
        text = None if skipped else element.text
        if text and _has_hint(text):
            yield from _candidates_in(text, index, element, element, True)
        tail = element.tail  # the tail belongs to the parent: read only when it may hold a date
        if tail and _has_hint(tail):
            parent = element.getparent()
            if parent is not None:
                yield from _candidates_in(tail, index, element, parent, False)


def _has_hint(text: str) -> bool:
    """``_HINT.search(text)``, searched from the first digit on (none before it can start a match)."""
    digit = _DIGIT.search(text)
    return digit is not None and _HINT.search(text, digit.start()) is not None


def _candidates_in(piece: str, index: int, element: HtmlElement, node: HtmlElement, own: bool):
    """The dates of ``piece`` (the element's own text, or its tail with ``node`` its parent) as candidates."""
    for found in _dates_in(piece):
        before = _text_before(piece, found.start(), element, own)
        line = len(piece.strip()) <= _MAX_DATE_LINE and not piece.rstrip().endswith(_SENTENCE_ENDS)
        hint = _class_label(element if own else node)
        raw = found.group(0).strip() + _time_after(piece, found, element, own)
        kind = _label(before) or _trailing_label(piece[found.end() :])
        yield Candidate(raw, index, node, kind, line, hint)


def _date_link(text: str | None) -> bool:
    """A link whose text is a date and nothing else (a date line linking to the day's archive)."""
    found = find_date(text, yearless=False) if text and _has_hint(text) else None
    return bool(found) and len(text.strip()) - len(found.group(0).strip()) <= _LINK_SLACK


def _dates_in(piece: str):
    """The first date of a text, then any later one a label names (``Publié le …, modifié le …``)."""
    found = find_date(piece, yearless=True)
    for _ in range(_MORE_DATES + 1):
        if found is None:
            return
        yield found
        rest = found.end()
        found = find_date(piece, yearless=True, pos=rest)
        if found is not None and not _label(piece[rest : found.start()]):
            return


def _time_after(piece: str, found, element: HtmlElement, own: bool) -> str:
    """`` 20:04:17`` when a day alone (or with its weekday) ends its text and the next text (a sibling ``<span>``,
    the line after a ``<br>``) is a time of day."""
    rest = piece[found.end() :]
    if found.groupdict().get("H") or (rest.strip() and not _WEEKDAY_REST.match(rest)):
        return ""
    sibling = element.getnext()
    texts = [element[0].text if len(element) else None, element.tail] if own else []
    texts.append(sibling.text if sibling is not None else None)
    if sibling is not None and sibling.tag == "br":  # the time on the line below: <br>2024年3月16日<br>15時30分
        texts.append(sibling.tail)
    following = next((text for text in texts if text and text.strip()), "")
    time = _TIME_ONLY.match(following)
    return f" {time.group(1)}" if time else ""


def _trailing_label(after: str) -> str:
    """A label behind the date: a credit on the same line (``08:15更新 来源：…``) makes it the article's date line."""
    window = after[:_LABEL_WINDOW]
    if CREDIT_ON_LINE_RE.search(after[: _MAX_DATE_LINE]) or TRAILING_PUBLISHED_RE.match(window):
        return "published"
    return "updated" if TRAILING_UPDATED_RE.match(window) else ""


def _text_before(piece: str, start: int, element: HtmlElement, own: bool) -> str:
    """Up to a few characters in front of the date, from the element or its preceding sibling/parent."""
    before = piece[max(0, start - _LABEL_WINDOW) : start]
    if before.strip():
        return before
    if not own:
        return element.text_content()[-_LABEL_WINDOW:]
    previous = element.getprevious()
    if previous is not None:
        return previous.text_content()[-_LABEL_WINDOW:]
    parent = element.getparent()
    return (parent.text or "")[-_LABEL_WINDOW:] if parent is not None else ""


def _label(before: str) -> str:
    """The label nearest the date names it (更新时间：… 发布时间：<date> is the publication date)."""
    updated = [found.end() for found in UPDATED_LABEL_RE.finditer(before)]
    published = [found.start() for found in PUBLISHED_LABEL_RE.finditer(before)]
    if updated and (not published or updated[-1] >= published[-1]):  # 更新时间: 时间 is part of the update label
        return "updated"
    return "published" if published else ""


def _class_label(element: HtmlElement) -> str:
    """The date element's own class names it: ``class="updated"``, ``class="entry-date"``."""
    tokens = element.get("class", "").split()
    if any(CLASS_UPDATED_RE.search(token) for token in tokens):
        published = any(
            CLASS_PUBLISHED_RE.search(token) and not CLASS_UPDATED_RE.search(token) for token in tokens
        )
        return "published" if published else "updated"
    return "published" if any(CLASS_PUBLISHED_RE.search(token) for token in tokens) else ""
