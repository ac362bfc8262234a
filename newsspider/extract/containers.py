"""Pick the article container(s): top-scoring block, its siblings, split parts, a marked lead."""

from __future__ import annotations

import re

from newsspider.extract.boilerplate import is_negative, is_overlay, is_unlikely
from newsspider.extract.density import MIN_PARAGRAPH, score_candidates, text_stats
from newsspider.extract.indextable import is_index_block
from newsspider.extract.presstail import is_company_block

SIBLING_SHARE = 0.2
SIBLING_MAX_LINKS = 0.3
SIBLING_MAX_GROWTH = 2.0
TEXT_DIV_MIN = 40  # weighted characters of an unlinked text-only <div> beside the article
TEXT_DIV_PUNCT = 2
WRAPPER_SHARE = 0.5
LEAD_NAME = re.compile(
    r"lead|standfirst|summary|intro|abstract|\bdek\b|excerpt|zhaiyao|daodu|daoyu", re.IGNORECASE
)
LEAD_LEVELS = 3
MEDIA_NAME = re.compile(r"image|img|photo|pic|figure|media|caption|video|gallery", re.IGNORECASE)
LEAD_MIN = 60  # weighted characters of a standfirst
LEAD_WINDOW = 8  # blocks after the title heading searched for it
LEAD_MAX = 2
LEAD_SIBLINGS = 3
PROMOTE_LEVELS = 6
SPLIT_UNIT_LEVELS = 3  # levels above a classless top block searched for the wrapper that repeats
PROMOTE_GAIN = 1.25
WIDEN_MAX_LINKS = 0.3
ANCHOR_BOOST = 1.5  # containers next to the title heading are more likely the article
ANCHOR_REACH = 4  # ... when they share an ancestor at most this many levels above the heading


def _sibling_ok(sib, top, scores: dict, stats: dict) -> bool:
    if not isinstance(sib.tag, str) or is_negative(sib) or is_index_block(sib):
        return False
    st, top_stats = stats.get(sib), stats[top]
    if st is None or st.text > SIBLING_MAX_GROWTH * top_stats.text:
        return False  # a much bigger block beside the article is a teaser list, not more article
    if scores.get(sib, 0) >= max(10.0, scores[top] * SIBLING_SHARE):
        return st.link_density < SIBLING_MAX_LINKS
    if sib.tag not in ("p", "div", "section", "blockquote", "pre", "h2", "h3", "h4", "table"):
        return False
    if st.text >= 80 and st.link_density < 0.25:
        return True
    if sib.tag == "div" and _is_text_block(sib):
        return st.text >= TEXT_DIV_MIN and st.link == 0 and st.punct >= TEXT_DIV_PUNCT  # verse set with <br>
    return 0 < st.text and st.link == 0 and st.punct > 0 and sib.tag in ("p", "blockquote")


def _is_text_block(el) -> bool:
    return all(child.tag == "br" for child in el)


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
        inherited = parent is not None and parent in excluded
        if inherited or (
            el not in wrappers and is_unlikely(el) and (stats[el].para < limit or is_overlay(el))
        ):
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
    """The title heading's ancestors with their distance; ``body``/``html`` are shared by every block."""
    path, level = {}, 0
    while anchor is not None and anchor.tag not in ("body", "html"):
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


def _same_named(ancestor, top, names: str) -> list:
    parts = [el for el in ancestor.iter(top.tag) if el.get("class") == names]
    return [el for el in parts if not any(_is_ancestor(other, el) for other in parts)]


def _split_parts(top, good: dict) -> list:
    """Blocks shaped like ``top`` (same tag and class) near it: an article split into several containers.

    Once found, keeps climbing while a wider ancestor brings more such fragments (separate grid rows).
    """
    names = top.get("class")
    if not names:
        return [top]
    best, need = [top], PROMOTE_GAIN * _good_under(good, top)
    ancestor = top.getparent()
    for _ in range(PROMOTE_LEVELS):
        if ancestor is None or ancestor.tag in ("body", "html"):
            break
        parts = _same_named(ancestor, top, names)
        wrapped = top not in parts  # a same-named block around ``top``: generic layout names
        if wrapped and len(best) > 1:
            break
        amount = sum(_good_under(good, el) for el in parts)
        if len(parts) > 1 and amount >= need:
            best, need = [el for el in parts if _good_under(good, el) or el is top], amount + 1
            if wrapped:
                break
        ancestor = ancestor.getparent()
    return best


def _split_unit(top):
    """``top``, or when it has no class its nearest classed wrapper a few levels up: a page that wraps each
    paragraph in its own chain of named blocks repeats the wrapper, not the bare ``<p>``."""
    unit = top
    for _ in range(SPLIT_UNIT_LEVELS):
        if unit.get("class"):
            return unit
        parent = unit.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return top
        unit = parent
    return unit if unit.get("class") else top


def _widened(parts: list, stats: dict) -> list:
    """Each part grown to its widest ancestor holding no other part (an item's heading sits beside its text)."""
    owners = {}
    for part in parts:
        for el in [part, *part.iterancestors()]:
            owners[el] = owners.get(el, 0) + 1
    wide = []
    for part in parts:
        el = part
        parent = el.getparent()
        while parent is not None and owners.get(parent) == 1 and stats[parent].link_density < WIDEN_MAX_LINKS:
            el, parent = parent, parent.getparent()
        wide.append(el)
    return wide


def _without_company_tail(parts: list, top, site: tuple) -> list:
    """``parts`` up to a block after the top one that opens as the company's boilerplate (About Acme, "Acme is
    a ..."): a corporate page repeats the same text component for the release and for its boilerplate."""
    after = False
    for index, part in enumerate(parts):
        if after and is_company_block(part.text_content(), *site):
            return parts[:index]
        after = after or part is top or _is_ancestor(part, top)
    return parts


def _pick(root, stats: dict, excluded: set, anchor=None, site: tuple = (None, None)) -> list:
    good: dict = {}
    scores = score_candidates(root, stats, excluded, good)
    if not scores:
        return []
    if anchor is not None:
        path = _anchor_path(anchor)
        scores = {el: s * ANCHOR_BOOST if s > 0 and _near_anchor(el, path) else s for el, s in scores.items()}
    top = max(scores, key=scores.get)
    parts = _without_company_tail(_split_parts(_split_unit(top), good), top, site)
    if len(parts) > 1:
        return _widened(parts, stats)
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


def _lead_ok(el, stats: dict) -> bool:
    """A standfirst candidate: enough unlinked prose, not boilerplate, not a caption next to an image."""
    st = stats.get(el)
    if st is None or st.text < LEAD_MIN or st.link_density >= 0.2 or not st.punct:
        return False
    parent = el.getparent()
    if parent is not None and next(parent.iter("img"), None) is not None:
        return False
    node = el
    for _ in range(LEAD_LEVELS):
        if node is None:
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag in ("figure", "figcaption") or MEDIA_NAME.search(names) or is_negative(node):
            return False
        node = node.getparent()
    return True


def _leads_after_title(anchor, first, stats: dict) -> list:
    """Paragraphs between the title heading and the container: a standfirst in the article header."""
    if anchor is None or first is anchor or _is_ancestor(first, anchor):
        return []
    leads, node = [], anchor
    for _ in range(LEAD_LEVELS):
        for count, el in enumerate(node.itersiblings()):
            if count >= LEAD_WINDOW or el is first or _is_ancestor(el, first):
                return leads[:LEAD_MAX]
            leads += [p for p in ([el] if el.tag == "p" else el.iter("p")) if _lead_ok(p, stats)]
        node = node.getparent()
        if node is None or _is_ancestor(node, first):
            break
    return leads[:LEAD_MAX]


def with_lead(containers: list, stats: dict, anchor=None) -> list:
    """``containers`` with the lead put in front: paragraphs right after the title, or a block named a lead."""
    if not containers:
        return containers
    leads = _leads_after_title(anchor, containers[0], stats)
    if not leads:
        named = _lead_before(containers[0], stats)
        leads = [named] if named is not None else []
    leads = [
        el
        for el in leads
        if not any(el is c or _is_ancestor(el, c) or _is_ancestor(c, el) for c in containers)
    ]
    return [*leads, *containers]


def find_containers(
    root, title: str | None = None, stats: dict | None = None, site: tuple = (None, None)
) -> list:
    """The top-scoring container plus siblings that look like more of the article, in document order.

    Named boilerplate is left out of the scoring; only when that leaves nothing is it scored too. ``site`` is
    the site's (name, host), which tells a company's boilerplate about itself.
    """
    stats = stats if stats is not None else text_stats(root)
    anchor = find_title_anchor(root, title)
    found = _pick(root, stats, excluded_subtrees(root, stats, anchor), anchor, site) or _pick(
        root, stats, set(), anchor, site
    )
    return with_lead(found, stats, anchor)
