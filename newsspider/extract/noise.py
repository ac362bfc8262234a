"""Noise blocks: link lists, rankings, sidebars, comments and navigation, whose dates and names are not the article's."""

from __future__ import annotations

import itertools
from copy import deepcopy
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

from newsspider.extract.daterules import (
    META_ASIDE_RE,
    NOISE_ATTR_RE,
    NOISE_TAGS,
    RELATED_ATTR_RE,
    TAXONOMY_RE,
)
from newsspider.normalize.dates import find_date

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_MAX_RELATED_TEXT = 3000  # a "related" block bigger than this is a page wrapper, not a teaser list
_MAX_LINK_DATES = 3
_MAX_LINK_REST = 24  # characters besides the dates in a permalink/day-archive link (weekday names, "Posted")
_MAX_DEPTH = 12
_MIN_PARAGRAPHS, _MIN_PARAGRAPH_CHARS = 3, 30  # paragraphs of running text that make a block an article's
_NAMED = etree.XPath("descendant-or-self::*[@class or @id]")  # document order, as iter()


def in_noise(element: HtmlElement, *, labelled: bool = False, headline_layout: bool = False) -> bool:
    """Whether ``element`` sits in a link list, sidebar, ranking, comment or navigation block; a date labelled
    as the publication date may sit in an article's own footer block (``class="article-footer"``); with
    ``headline_layout`` (the date scan), an ``<aside>`` holding the headline is the article's header."""
    for depth, node in enumerate(itertools.chain((element,), element.iterancestors())):
        if node.tag in ("body", "html") or depth > _MAX_DEPTH:
            return False
        if (node.tag in NOISE_TAGS and not _meta_aside(node) and not (headline_layout and _holds_h1(node))) or (
            node.tag == "a" and not _date_link(node)
        ):
            return True
        if (
            _noisy_attributes(node, labelled) and node.find(".//h1") is None and not _holds_paragraphs(node)
        ):  # a wrapper holding the headline or the article's paragraphs is layout (class="content_more")
            return True
        if node.tag in ("li", "dd", "tr") and _is_link_list(node.getparent()) and not _linkless_row(node):
            return True
    return False


def _linkless_row(node: HtmlElement) -> bool:
    """A table row without a link to another page in a layout table (title, credit line, body and link rows):
    not a list item. Script links and one-character links (the 【大 中 小】 font-size buttons) lead nowhere."""
    return node.tag == "tr" and not any(_leads_somewhere(link) for link in node.iter("a"))


def _leads_somewhere(link: HtmlElement) -> bool:
    href = (link.get("href") or "").strip().lower()
    return bool(href) and not href.startswith(("javascript:", "#")) and len(link.text_content().strip()) > 1


def _holds_paragraphs(node: HtmlElement) -> bool:
    """At least ``_MIN_PARAGRAPHS`` paragraphs of running text without links: an article's, never a link list's."""
    count = 0
    for paragraph in node.iter("p"):
        if paragraph.find(".//a") is None and len(paragraph.text_content()) >= _MIN_PARAGRAPH_CHARS:
            count += 1
            if count >= _MIN_PARAGRAPHS:
                return True
    return False


def _holds_h1(node: HtmlElement) -> bool:
    return node.find(".//h1") is not None


def _meta_aside(node: HtmlElement) -> bool:
    """An ``<aside class="meta">`` holding the article's byline and date, not a sidebar."""
    return node.tag == "aside" and bool(META_ASIDE_RE.search(f"{node.get('class', '')} {node.get('id', '')}"))


def _date_link(node: HtmlElement) -> bool:
    """A link whose text is dates and little else (a permalink or day-archive link), not a teaser."""
    rest, dates = node.text_content(), 0
    while (found := find_date(rest)) is not None and dates < _MAX_LINK_DATES:
        rest, dates = rest[: found.start()] + " " + rest[found.end() :], dates + 1
    return dates > 0 and len("".join(rest.split())) <= _MAX_LINK_REST


def without_noise(tree: HtmlElement) -> HtmlElement:
    """``tree`` without link lists, rankings, sidebars and comments (for a fallback date search): a pruned copy,
    or ``tree`` itself when it holds none (not to be changed by the caller; htmldate copies before it prunes)."""
    doomed = [index for index, node in enumerate(_NAMED(tree)) if _is_noise_block(node)]  # a class or id names one
    if not doomed:
        return tree
    copy = deepcopy(tree)
    named = _NAMED(copy)  # the copy's nodes in the same order
    for node in [named[index] for index in doomed]:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)  # removing an already-detached subtree's child is harmless
    return copy


def _is_noise_block(node: HtmlElement) -> bool:
    """Related/ranking/popular blocks: the places other articles' dates come from."""
    related = _related_names(node.get("class", ""), node.get("id", ""))
    return related and node.find(".//h1") is None and len(node.text_content()) < _MAX_RELATED_TEXT


@lru_cache(maxsize=4096)
def _related_names(classes: str, ident: str) -> bool:
    return any(RELATED_ATTR_RE.search(token) and not TAXONOMY_RE.match(token) for token in classes.split() + ident.split())


def _noisy_attributes(node: HtmlElement, labelled: bool = False) -> bool:
    """A class/id token names a noise block; taxonomy tokens (``category-latest-news``) and tokens naming the
    publication date itself (``ArticleHeaderComment_publishDate``) do not count."""
    return _noisy_names(node.get("class", ""), node.get("id", ""), labelled)


@lru_cache(maxsize=4096)
def _noisy_names(classes: str, ident: str, labelled: bool) -> bool:
    tokens = classes.split() + ident.split()
    return any(
        NOISE_ATTR_RE.search(token)
        and not TAXONOMY_RE.match(token)
        and "publish" not in token.lower()
        and not (labelled and "footer" in token.lower())
        for token in tokens
    )


def _is_link_list(container: HtmlElement | None) -> bool:
    if container is None:
        return False
    items = [child for child in container if child.tag in ("li", "dd", "dt", "tr")]
    return len(items) >= 3 and sum(1 for item in items if item.find(".//a") is not None) >= 3
