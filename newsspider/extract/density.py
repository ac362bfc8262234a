"""Text/link-density statistics and readability/GNE-style paragraph scores of every block of a tree."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from newsspider.extract.boilerplate import is_negative

PUNCT_RE = re.compile(r"[,.;:!?，。；：！？、．،؛؟۔]")
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "td",
        "th",
        "tr",
        "tbody",
        "thead",
        "table",
        "ul",
        "ol",
        "li",
        "dl",
        "dd",
        "dt",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figure",
        "header",
        "center",
        "address",
        "hr",
        "br",
    ]
)
PARAGRAPH_TAGS = frozenset(("p", "pre", "td", "blockquote", "h2", "h3", "h4"))
CONTAINER_BONUS = {
    "article": 8,
    "main": 5,
    "div": 5,
    "section": 3,
    "td": 3,
    "pre": 3,
    "blockquote": 3,
    "ul": -3,
    "ol": -3,
    "dl": -3,
    "li": -3,
    "form": -3,
    "th": -5,
    "h1": -5,
    "h2": -5,
}
MIN_PARAGRAPH = 25  # weighted characters (a CJK character weighs 2)
REPEATED = 3


@dataclass(slots=True)
class Stats:
    """Weighted text length, weighted link text length and punctuation count under one element."""

    text: int = 0
    link: int = 0
    punct: int = 0
    para: int = 0  # non-link text inside paragraph-like descendants

    @property
    def link_density(self) -> float:
        """Share of the text that sits inside links."""
        return self.link / self.text if self.text else 0.0


def weight(text: str | None) -> int:
    """Characters, CJK counted twice (a CJK character carries about a word's worth); cheap UTF-8 proxy."""
    if not text:
        return 0
    return len(text) if text.isascii() else (len(text) + len(text.encode("utf-8", "ignore"))) // 2


_count_punct = PUNCT_RE.findall


def text_stats(root) -> dict:
    """Stats of every element, computed bottom-up in one pass (children before parents).

    The hottest loop of the extraction (every text and tail of the page): ``weight`` is written out in it, and
    whitespace (indentation) holds no punctuation."""
    stats: dict = {}
    known = stats.get
    for el in reversed(list(root.iter(etree.Element))):
        text = el.text
        if text:
            size = len(text) if text.isascii() else (len(text) + len(text.encode("utf-8", "ignore"))) // 2
            punct = 0 if text.isspace() else len(_count_punct(text))
        else:
            size = punct = 0
        link = para = 0
        for child in el:
            tail = child.tail
            if tail:
                size += len(tail) if tail.isascii() else (len(tail) + len(tail.encode("utf-8", "ignore"))) // 2
                punct += 0 if tail.isspace() else len(_count_punct(tail))
            sub = known(child)
            if sub is not None:
                size += sub.text
                punct += sub.punct
                link += sub.link
                para += sub.para
        if el.tag == "a":
            link = size
        elif size - link >= MIN_PARAGRAPH and _is_paragraph(el):
            para = max(para, size - link)
        stats[el] = Stats(size, link, punct, para)
    return stats


def _is_paragraph(el) -> bool:
    if el.tag in PARAGRAPH_TAGS:
        return True
    if el.tag not in ("div", "section", "span", "font"):
        return False
    return not any(child.tag in BLOCK_TAGS and child.tag != "br" for child in el)


def _initial(el) -> float:
    return CONTAINER_BONUS.get(el.tag, 0) - (25 if is_negative(el) else 0)


def _own_chunks(el) -> list[str]:
    """Text directly inside ``el`` (its text and its children's tails), e.g. ``<br>``-separated lines."""
    return [text for text in [el.text, *(child.tail for child in el)] if text and not text.isspace()]


def _feed(scores: dict, start, value: float) -> None:
    ancestor = start
    for level in (1, 2, 3):
        if ancestor is None:
            return
        if ancestor not in scores:
            scores[ancestor] = _initial(ancestor)
        scores[ancestor] += value / level
        ancestor = ancestor.getparent()


def _paragraph_value(text: int, link: int, punct: int) -> float:
    density = link / text if text else 0.0
    return (1 + punct + min(text / 100, 3)) * (1 - density)


def _paragraphs(walk: list, stats: dict) -> dict:
    """Paragraph-like elements (``walk``: (element, is paragraph) pairs) with enough non-link text, mapped to
    their text."""
    found = {}
    for el, paragraph in walk:
        if paragraph:
            st = stats[el]
            if st.text - st.link >= MIN_PARAGRAPH:
                found[el] = " ".join(el.text_content().split())
    return found


def _repeated_texts(paragraphs: dict) -> set:
    """Paragraph texts seen REPEATED times or more: teaser templates ("hidden content, reload..."), not prose."""
    return {text for text, count in Counter(paragraphs.values()).items() if count >= REPEATED}


def score_candidates(
    root, stats: dict, excluded: frozenset | set = frozenset(), good: dict | None = None
) -> dict:
    """Readability scores: each paragraph feeds its parent fully, grandparent 1/2, great-grandparent 1/3.

    Text written straight into a container (``<br>``-separated) counts as a paragraph of that container.
    Elements in ``excluded`` (named boilerplate and everything under it) feed nobody.
    ``good`` (when given) receives the weighted text of every paragraph that fed a score.
    """
    good = {} if good is None else good
    scores: dict = {}
    # One walk, each element tested once, shared by the paragraph lookup and the scoring below.
    walk = [(el, _is_paragraph(el)) for el in root.iter() if isinstance(el.tag, str) and el not in excluded]
    paragraphs = _paragraphs(walk, stats)
    repeated = _repeated_texts(paragraphs)
    for el, paragraph in walk:
        if paragraph:
            st = stats[el]
            if el in paragraphs and paragraphs[el] not in repeated:
                _feed(scores, el.getparent(), _paragraph_value(st.text, st.link, st.punct))
                good[el] = st.text - st.link
        elif el.tag in CONTAINER_BONUS:
            for chunk in _own_chunks(el):
                size = weight(chunk)
                if size >= MIN_PARAGRAPH:
                    _feed(scores, el, _paragraph_value(size, 0, len(PUNCT_RE.findall(chunk))))
                    good[el] = good.get(el, 0) + size
    return {el: score * (1 - stats[el].link_density) for el, score in scores.items()}
