"""Text/link-density scoring (readability/GNE style) that picks the article container(s) of a tree."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from newsspider.extract.boilerplate import is_negative, is_overlay, is_unlikely

PUNCT_RE = re.compile(r"[,.;:!?，。；：！？、．،؛؟۔]")
BLOCK_TAGS = frozenset(
    "p div section article main td th tr tbody thead table ul ol li dl dd dt blockquote pre h1 h2 h3 h4 h5 h6 "
    "figure header center address hr br".split()
)
PARAGRAPH_TAGS = frozenset(("p", "pre", "td", "blockquote", "h2", "h3", "h4"))
CONTAINER_BONUS = {"article": 8, "main": 5, "div": 5, "section": 3, "td": 3, "pre": 3, "blockquote": 3,
                   "ul": -3, "ol": -3, "dl": -3, "li": -3, "form": -3, "th": -5, "h1": -5, "h2": -5}
MIN_PARAGRAPH = 25  # weighted characters (a CJK character weighs 2)
SIBLING_SHARE = 0.2
REPEATED = 3
SIBLING_MAX_LINKS = 0.3
SIBLING_MAX_GROWTH = 2.0
WRAPPER_SHARE = 0.5
LEAD_NAME = re.compile(r"lead|standfirst|summary|intro|abstract|\bdek\b|excerpt|zhaiyao|daodu|daoyu", re.I)
LEAD_LEVELS = 3
LEAD_SIBLINGS = 3
PROMOTE_LEVELS = 4
PROMOTE_GAIN = 1.25
ANCHOR_BOOST = 1.5  # containers next to the title heading are more likely the article
ANCHOR_REACH = 4  # ... when they share an ancestor at most this many levels above the heading


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
    return (len(text) + len(text.encode("utf-8", "ignore"))) // 2


def _text_and_punct(text: str | None) -> tuple[int, int]:
    if not text:
        return 0, 0
    return (len(text) + len(text.encode("utf-8", "ignore"))) // 2, len(PUNCT_RE.findall(text))


def text_stats(root) -> dict:
    """Stats of every element, computed bottom-up in one pass (children before parents)."""
    stats: dict = {}
    for el in reversed(list(root.iter(etree.Element))):
        size, punct = _text_and_punct(el.text)
        own = Stats(size, 0, punct)
        for child in el:
            size, punct = _text_and_punct(child.tail)
            own.text += size
            own.punct += punct
            sub = stats.get(child)
            if sub is not None:
                own.text += sub.text
                own.punct += sub.punct
                own.link += sub.link
                own.para += sub.para
        if el.tag == "a":
            own.link = own.text
        elif own.text - own.link >= MIN_PARAGRAPH and _is_paragraph(el):
            own.para = max(own.para, own.text - own.link)
        stats[el] = own
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


def _paragraphs(root, stats: dict, excluded) -> dict:
    """Paragraph-like elements with enough non-link text, mapped to their text."""
    found = {}
    for el in root.iter():
        if isinstance(el.tag, str) and el not in excluded and _is_paragraph(el):
            st = stats[el]
            if st.text - st.link >= MIN_PARAGRAPH:
                found[el] = " ".join(el.text_content().split())
    return found


def _repeated_texts(paragraphs: dict) -> set:
    """Paragraph texts seen REPEATED times or more: teaser templates ("hidden content, reload..."), not prose."""
    return {text for text, count in Counter(paragraphs.values()).items() if count >= REPEATED}


def score_candidates(root, stats: dict, excluded: frozenset | set = frozenset(), good: dict | None = None) -> dict:
    """Readability scores: each paragraph feeds its parent fully, grandparent 1/2, great-grandparent 1/3.

    Text written straight into a container (``<br>``-separated) counts as a paragraph of that container.
    Elements in ``excluded`` (named boilerplate and everything under it) feed nobody.
    ``good`` (when given) receives the weighted text of every paragraph that fed a score.
    """
    good = {} if good is None else good
    scores: dict = {}
    paragraphs = _paragraphs(root, stats, excluded)
    repeated = _repeated_texts(paragraphs)
    for el in root.iter():
        if not isinstance(el.tag, str) or el in excluded:
            continue
        if _is_paragraph(el):
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


def _sibling_ok(sib, top, scores: dict, stats: dict) -> bool:
    if not isinstance(sib.tag, str) or is_negative(sib):
        return False
    st, top_stats = stats.get(sib), stats[top]
    if st is None:
        return False
    if scores.get(sib, 0) >= max(10.0, scores[top] * SIBLING_SHARE):
        # a much bigger, link-heavy block beside the article is a teaser list, not more article
        return st.link_density < SIBLING_MAX_LINKS and st.text <= SIBLING_MAX_GROWTH * top_stats.text
    if sib.tag not in ("p", "div", "section", "blockquote", "pre", "h2", "h3", "h4", "table"):
        return False
    if st.text >= 80 and st.link_density < 0.25:
        return True
    return 0 < st.text and st.link == 0 and st.punct > 0 and sib.tag in ("p", "blockquote")


def excluded_subtrees(root, stats: dict, anchor=None) -> set:
    """Every element that is, or sits inside, a block whose class/id names it boilerplate (loose test).

    A block around the title heading or holding most paragraph text is a page wrapper with an unlucky
    name, and stays (unless it is named as an overlay: cookie notices can outweigh a short article).
    """
    excluded: set = set()
    wrappers = set(_anchor_path(anchor)) if anchor is not None else set()
    limit = WRAPPER_SHARE * stats[root].para
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        if parent is not None and parent in excluded:
            excluded.add(el)
        elif el not in wrappers and is_unlikely(el) and (stats[el].para < limit or is_overlay(el)):
            excluded.add(el)
    return excluded


def find_title_anchor(root, title: str | None):
    """The heading that shows the article title (the first ``<h1>`` when the title is unknown)."""
    folded = " ".join(title.split()) if title else ""
    first_h1 = None
    for el in root.iter("h1", "h2"):
        text = " ".join(el.text_content().split())
        if not text:
            continue
        if el.tag == "h1" and first_h1 is None:
            first_h1 = el
        if folded and (text == folded or (len(text) >= 4 and text in folded)):
            return el
    return first_h1


def _near_anchor(el, anchor_path: dict) -> bool:
    """Whether ``el`` (or one of its 3 nearest ancestors) shares a close ancestor with the title heading."""
    for _ in range(4):
        if el is None:
            return False
        if anchor_path.get(el, ANCHOR_REACH + 1) <= ANCHOR_REACH:
            return True
        el = el.getparent()
    return False


def _anchor_path(anchor) -> dict:
    path, level = {}, 0
    while anchor is not None:
        path[anchor] = level
        anchor, level = anchor.getparent(), level + 1
    return path


def _good_under(good: dict, el) -> int:
    """Weighted paragraph text under ``el`` (paragraphs only, outside excluded blocks)."""
    return sum(size for node, size in good.items() if node is el or _is_ancestor(el, node))


def _is_ancestor(el, node) -> bool:
    node = node.getparent()
    while node is not None:
        if node is el:
            return True
        node = node.getparent()
    return False


def _split_parts(top, good: dict) -> list:
    """Blocks shaped like ``top`` (same tag and class) near it: an article split into several containers."""
    names = top.get("class")
    if not names:
        return [top]
    base = _good_under(good, top)
    ancestor = top.getparent()
    for _ in range(PROMOTE_LEVELS):
        if ancestor is None or ancestor.tag in ("body", "html"):
            break
        parts = [el for el in ancestor.iter(top.tag) if el.get("class") == names]
        parts = [el for el in parts if not any(_is_ancestor(other, el) for other in parts)]
        amount = sum(_good_under(good, el) for el in parts)
        if len(parts) > 1 and amount >= PROMOTE_GAIN * base:
            return [el for el in parts if _good_under(good, el) or el is top]
        ancestor = ancestor.getparent()
    return [top]


def _pick(root, stats: dict, excluded: set, anchor=None) -> list:
    good: dict = {}
    scores = score_candidates(root, stats, excluded, good)
    if not scores:
        return []
    if anchor is not None:
        path = _anchor_path(anchor)
        scores = {el: s * ANCHOR_BOOST if s > 0 and _near_anchor(el, path) else s for el, s in scores.items()}
    top = max(scores, key=scores.get)
    parts = _split_parts(top, good)
    if len(parts) > 1:
        return parts
    parent = top.getparent()
    if parent is None:
        return [top]
    return [sib for sib in parent if sib is top or _sibling_ok(sib, top, scores, stats)]


def _lead_before(first, stats: dict):
    """A lead/standfirst block just before the container (or its parent), named as such by the page."""
    node = first
    for _ in range(LEAD_LEVELS):
        if node is None:
            return None
        sib = node.getprevious()
        for _ in range(LEAD_SIBLINGS):
            if sib is None:
                break
            st = stats.get(sib)
            names = f"{sib.get('class') or ''} {sib.get('id') or ''}" if isinstance(sib.tag, str) else ""
            if st and LEAD_NAME.search(names) and st.text >= MIN_PARAGRAPH and st.link_density < 0.2:
                return None if is_negative(sib) else sib
            sib = sib.getprevious()
        node = node.getparent()
    return None


def with_lead(containers: list, stats: dict) -> list:
    """``containers`` with a lead block put in front when the page marks one just before them."""
    if not containers:
        return containers
    lead = _lead_before(containers[0], stats)
    if lead is None or any(lead is c or _is_ancestor(lead, c) for c in containers):
        return containers
    return [lead, *containers]


def find_containers(root, title: str | None = None, stats: dict | None = None) -> list:
    """The top-scoring container plus siblings that look like more of the article, in document order.

    Named boilerplate is left out of the scoring; only when that leaves nothing is it scored too.
    """
    stats = stats if stats is not None else text_stats(root)
    anchor = find_title_anchor(root, title)
    found = _pick(root, stats, excluded_subtrees(root, stats, anchor), anchor) or _pick(root, stats, set(), anchor)
    return with_lead(found, stats)
