"""Scan the visible text for the article's date line, skipping link lists, rankings and sidebars."""

from __future__ import annotations

import itertools
import re
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsspider.extract.dateanchor import title_heading
from newsspider.normalize.dates import find_date

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newsspider.extract.page import Page

_HINT = re.compile(r"(?:19[5-9]|20[0-4])\d|\d\s*月")
_SKIP_TAGS = {"script", "style", "noscript", "template", "select", "option", "textarea", "a", "button"}
_NOISE_TAGS = {"nav", "aside", "footer", "form"}
_NOISE_ATTR = re.compile(
    r"relat|rank|paihang|(?<![a-z])hot|recomm|tuijian|xgxw|xgwz|side-?bar|widget|footer|comment|reply|"
    r"(?<![a-z])nav|menu|crumb|(?<![a-z])more|similar|popular|trending|latest|archive|calendar|weather|banner|topnews|"
    r"toplist|newslist|news-list|list-?box|marquee|scroll",
    re.IGNORECASE,
)
_RELATED_ATTR = re.compile(
    r"relat|rank|paihang|(?<![a-z])hot|recomm|tuijian|xgxw|xgwz|similar|popular|trending", re.IGNORECASE
)
_MAX_RELATED_TEXT = 3000  # a "related" block bigger than this is a page wrapper, not a teaser list
_TAXONOMY_RE = re.compile(
    r"(?:category|tag|format|type|location|section|topic|feature|post|term)-", re.IGNORECASE
)
_PUBLISHED_LABEL = re.compile(
    r"(?:发布|发表|发稿|首发|出版|刊发)?(?:时间|日期)|published|posted|veröffentlicht|erschienen|publié|"
    r"publicado|pubblicato|opublikowano|date|datum|fecha|data",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(
    r"更新|修改|updated?|modified|aktualisiert|geändert|mis à jour|actualizado|aggiornato|zaktualizowano",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(r"^\s*(?:[|,·]\s*)?((?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?)(?![\d:])")
# Behind the date: a credit label on the same line, or a 发布/更新 suffix ("2019-06-12 08:15更新").
_CREDIT_ON_LINE = re.compile(r"(?:来源|來源|稿源|作者|记者|記者|编辑|編輯|责编|責編)\s*[:：]")
_TRAILING_PUBLISHED = re.compile(r"^\s*(?:发布|發佈|发表|發表|首发)")
_TRAILING_UPDATED = re.compile(r"^\s*(?:更新|修改)")
_CLASS_UPDATED = re.compile(r"updated|modified|aktualisiert", re.IGNORECASE)
_CLASS_PUBLISHED = re.compile(r"date|datum|time|publi|posted|fecha", re.IGNORECASE)
_META_ASIDE = re.compile(r"(?<![a-z])(?:meta|byline|dateline)", re.IGNORECASE)
_MAX_LINK_DATES = 3
_MAX_LINK_REST = 24  # characters besides the dates in a permalink/day-archive link (weekday names, "Posted")
_LABEL_WINDOW = 24
_AFTER_TITLE = 400  # elements scanned after the title for an unlabelled date line
_BEFORE_TITLE = 25
_CLOSE_AFTER_TITLE = 15
_KICKER = 3  # elements before the title where a date line is its kicker  # elements after the title where an unlabelled date is the date line
_MAX_DATE_LINE = 80  # characters of the text holding an unlabelled date line
_CLOSE_TEXT = 120  # ... or characters of visible text between the title and the date


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
    pick = _pick([c for c in near if c.kind == "published"], close, title_index)
    if pick is None:  # nothing around the title: a labelled date elsewhere on the page
        elsewhere = _labelled_anywhere(elements, 0, start)
        elsewhere = elsewhere if elsewhere.published else _labelled_anywhere(elements, end, len(elements))
        shown_update = anchored and bool(updated) and not elsewhere.published  # the line shows only an update
        return Scan(elsewhere.published, updated or elsewhere.updated, shown_update)
    anchored = anchored and pick.line and _close_to_title(elements, title_index, pick.index)
    return Scan(pick.raw, updated, anchored)


def _near(elements: list[HtmlElement], title_index: int, start: int, end: int) -> list[Candidate]:
    """Candidates around the title outside noise; a date inside the headline is its subject, not its date."""
    heading = elements[title_index]
    return [
        c
        for c in _candidates(elements, start, end)
        if not in_noise(c.node, labelled=c.kind == "published")
        and c.node is not heading
        and heading not in c.node.iterancestors()
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
    body = page.tree.find("body")
    root = body if body is not None else page.tree
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    return elements, *title_heading(page, elements)


def _candidates(elements: list[HtmlElement], start: int, end: int):
    for index in range(start, min(end, len(elements))):
        element = elements[index]
        pieces = [] if element.tag in _SKIP_TAGS else [(element.text, element, True)]
        pieces.append((element.tail, element.getparent(), False))  # the tail belongs to the parent
        for piece, node, own in pieces:
            if piece and node is not None and _HINT.search(piece):
                found = find_date(piece, yearless=True)
                if found:
                    before = _text_before(piece, found.start(), element, own)
                    line = len(piece.strip()) <= _MAX_DATE_LINE
                    hint = _class_label(element if own else node)
                    raw = found.group(0).strip() + _time_after(piece, found, element, own)
                    kind = _label(before) or _trailing_label(piece[found.end() :])
                    yield Candidate(raw, index, node, kind, line, hint)


def _time_after(piece: str, found, element: HtmlElement, own: bool) -> str:
    """`` 20:04:17`` when a day alone ends its text and the next text (a sibling ``<span>``) is a time of day."""
    if found.groupdict().get("H") or piece[found.end() :].strip():
        return ""
    sibling = element.getnext()
    texts = [element[0].text if len(element) else None, element.tail] if own else []
    texts.append(sibling.text if sibling is not None else None)
    following = next((text for text in texts if text and text.strip()), "")
    time = _TIME_ONLY.match(following)
    return f" {time.group(1)}" if time else ""


def _trailing_label(after: str) -> str:
    """A label behind the date: a credit on the same line (``08:15更新 来源：…``) makes it the article's date line."""
    window = after[:_LABEL_WINDOW]
    if _CREDIT_ON_LINE.search(after[: _MAX_DATE_LINE]) or _TRAILING_PUBLISHED.match(window):
        return "published"
    return "updated" if _TRAILING_UPDATED.match(window) else ""


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
    if _UPDATED_LABEL.search(before):
        return "updated"
    return "published" if _PUBLISHED_LABEL.search(before) else ""


def _class_label(element: HtmlElement) -> str:
    """The date element's own class names it: ``class="updated"``, ``class="entry-date"``."""
    tokens = element.get("class", "").split()
    if any(_CLASS_UPDATED.search(token) for token in tokens):
        published = any(
            _CLASS_PUBLISHED.search(token) and not _CLASS_UPDATED.search(token) for token in tokens
        )
        return "published" if published else "updated"
    return "published" if any(_CLASS_PUBLISHED.search(token) for token in tokens) else ""


def in_noise(element: HtmlElement, *, labelled: bool = False) -> bool:
    """Whether ``element`` sits in a link list, sidebar, ranking, comment or navigation block; a date labelled
    as the publication date may sit in an article's own footer block (``class="article-footer"``)."""
    for depth, node in enumerate(itertools.chain((element,), element.iterancestors())):
        if node.tag in ("body", "html") or depth > 12:
            return False
        if (node.tag in _NOISE_TAGS and not _meta_aside(node)) or (node.tag == "a" and not _date_link(node)):
            return True
        if (
            _noisy_attributes(node, labelled) and node.find(".//h1") is None
        ):  # a wrapper holding the headline is layout
            return True
        if node.tag in ("li", "dd", "tr") and _is_link_list(node.getparent()):
            return True
    return False


def _meta_aside(node: HtmlElement) -> bool:
    """An ``<aside class="meta">`` holding the article's byline and date, not a sidebar."""
    return node.tag == "aside" and bool(_META_ASIDE.search(f"{node.get('class', '')} {node.get('id', '')}"))


def _date_link(node: HtmlElement) -> bool:
    """A link whose text is dates and little else (a permalink or day-archive link), not a teaser."""
    rest, dates = node.text_content(), 0
    while (found := find_date(rest)) is not None and dates < _MAX_LINK_DATES:
        rest, dates = rest[: found.start()] + " " + rest[found.end() :], dates + 1
    return dates > 0 and len("".join(rest.split())) <= _MAX_LINK_REST


def without_noise(tree: HtmlElement) -> HtmlElement:
    """A copy of ``tree`` without link lists, rankings, sidebars and comments (for a fallback date search)."""
    copy = deepcopy(tree)
    doomed = [node for node in copy.iter() if isinstance(node.tag, str) and _is_noise_block(node)]
    for node in doomed:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)  # removing an already-detached subtree's child is harmless
    return copy


def _is_noise_block(node: HtmlElement) -> bool:
    """Related/ranking/popular blocks: the places other articles' dates come from."""
    tokens = node.get("class", "").split() + node.get("id", "").split()
    related = any(_RELATED_ATTR.search(token) and not _TAXONOMY_RE.match(token) for token in tokens)
    return related and node.find(".//h1") is None and len(node.text_content()) < _MAX_RELATED_TEXT


def _noisy_attributes(node: HtmlElement, labelled: bool = False) -> bool:
    """A class/id token names a noise block; taxonomy tokens (``category-latest-news``) and tokens naming the
    publication date itself (``ArticleHeaderComment_publishDate``) do not count."""
    tokens = node.get("class", "").split() + node.get("id", "").split()
    return any(
        _NOISE_ATTR.search(token)
        and not _TAXONOMY_RE.match(token)
        and "publish" not in token.lower()
        and not (labelled and "footer" in token.lower())
        for token in tokens
    )


def _is_link_list(container: HtmlElement | None) -> bool:
    if container is None:
        return False
    items = [child for child in container if child.tag in ("li", "dd", "dt", "tr")]
    return len(items) >= 3 and sum(1 for item in items if item.find(".//a") is not None) >= 3
