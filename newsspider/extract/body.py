"""Main-text extraction: find the article container, prune boilerplate, return paragraphs and images."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from newsspider.extract import credits
from newsspider.extract.boilerplate import (
    DROP_TAGS,
    is_boilerplate_line,
    is_hidden,
    is_named_lead,
    is_negative,
)
from newsspider.extract.containers import find_containers
from newsspider.extract.density import text_stats, weight
from newsspider.extract.forums import first_post
from newsspider.extract.indextable import is_index_block
from newsspider.extract.linearize import MAX_CAPTION, Line, linearize
from newsspider.extract.metalines import is_meta_line
from newsspider.extract.presstail import without_closing
from newsspider.extract.structuredbody import structured_text

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile

AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w'.-]+ ){1,3}(?:is|was|has been) (?:an?|the) (?:[\w,-]+ ){0,5}"
    r"(?:reporter|writer|editor|correspondent|journalist|contributor|columnist|producer|author)\b"
)
BIO_TAIL = 2  # an author bio closes the article: only the last lines are tested
MAX_BIO = 600
CARD_TAGS = frozenset(("div", "li", "article", "section"))
MAX_BLURB = 300  # weighted characters of a teaser card's text besides its headline
CARD_LEVELS = 4
CARD_HEADLINE_LINKED = 0.75  # share of a card heading that is its link (a kicker span may sit outside it)
WRAPPER_TAGS = ("aside", "nav", "footer")
WRAPPER_TEXT_SHARE = 0.5  # of the page's text inside one of those: it wraps the page
MAX_LINK_SHARE = 0.5  # a line mostly made of link text is navigation or a related list
PROTECT_SHARE = 0.5  # a named-boilerplate block holding this share of the article's paragraphs stays
# Phrasing tags: one of these inside a sentence ("35 <a class="inner-link-tag">trucks</a> and") is part of
# the text, whatever its class says.
INLINE_TAGS = frozenset(
    ("a", "span", "strong", "b", "em", "i", "u", "mark", "abbr", "cite", "q", "small", "sub", "sup")
)


@dataclass
class BodyResult:
    """The article text (paragraphs joined by newlines) and its images."""

    body: str | None
    images: list[dict] = field(default_factory=list)  # [{"url": ..., "caption": ... or None}]


# The only elements is_hidden can hold hidden, found in C (a Python walk makes a proxy per element of the page),
# through the attribute axis (faster than a predicate on every element; the union is in document order).
_STYLED = etree.XPath("descendant-or-self::*/@style/.. | descendant-or-self::*/@hidden/..")


def _css(root, selector: str) -> list:
    try:
        return root.cssselect(selector)
    except (SyntaxError, ValueError, etree.XPathError):
        return []


def _remove(el) -> None:
    """Remove ``el`` but keep its tail text."""
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def _keep_page_wrappers(root) -> None:
    """An aside/nav/footer holding most of the page's text is misnested markup around the page (an unclosed
    ``<aside>`` swallows the article), not furniture: it becomes a plain ``div``."""
    total = len(root.text_content())
    for el in list(root.iter(*WRAPPER_TAGS)):
        if len(el.text_content()) > WRAPPER_TEXT_SHARE * total:
            el.tag = "div"


def prune(root, drop_selectors: tuple[str, ...] = ()) -> None:
    """Drop profile ``drop`` selectors, non-content tags and hidden blocks from the whole tree."""
    for selector in drop_selectors:
        for el in _css(root, selector):
            _remove(el)
    _keep_page_wrappers(root)
    etree.strip_elements(root, *DROP_TAGS, etree.Comment, with_tail=False)
    for el in [el for el in _STYLED(root) if is_hidden(el)]:
        _remove(el)


def _code_blocks(container) -> set:
    """Code listings and their wrappers: highlighter markup (``hljs-comment``, ``code-toolbar``) is not furniture;
    nor is a lead paragraph a wire marks ``class="dateline"`` (its place and date spans included)."""
    kept = set()
    for pre in container.iter("pre"):
        kept.update(pre.iter())
        kept.update(pre.iterancestors())
    for paragraph in container.iter("p"):  # and a lead paragraph named as metadata, with its inline parts
        if is_named_lead(paragraph):
            kept.update(paragraph.iter())
    return kept


def _teaser_cards(container, stats: dict) -> set:
    """Cards of other stories: a fully linked headline, a picture, at most a short blurb (a few levels up, one
    headline per card).

    Sizes are counted without whitespace: an indented template pads every block with it."""
    cards = set()
    for heading in container.iter("h2", "h3", "h4"):
        head = stats.get(heading)
        if not head or not head.link:
            continue
        size = _visible_size(heading)
        if not size or _visible_size(*heading.iter("a")) < CARD_HEADLINE_LINKED * size:
            continue
        card, node = None, heading.getparent()
        for _ in range(CARD_LEVELS):
            if node is None or node is container or _visible_size(node) - size > MAX_BLURB or _headings(node) > 1:
                break  # past the card: its blurb is long, or the block holds the next card's headline too
            if node.tag in CARD_TAGS and next(node.iter("img"), None) is not None:
                card = node
            node = node.getparent()
        if card is not None:
            cards.add(card)
    return cards


def _headings(node) -> int:
    return sum(1 for _ in node.iter("h2", "h3", "h4"))


def _visible_size(*elements) -> int:
    return sum(weight("".join(el.text_content().split())) for el in elements)


def _has_words(text: str | None) -> bool:
    return bool(text) and any(c.isalnum() for c in text)


def _in_sentence(el) -> bool:
    """Whether the phrasing element ``el`` has running text on both sides within its parent."""
    if el.tag not in INLINE_TAGS:
        return False
    prev = el.getprevious()
    before = el.getparent().text if prev is None else prev.tail
    return _has_words(before) and _has_words(el.tail)


def prune_inside(containers: list, stats: dict) -> None:
    """Drop named boilerplate blocks (share bars, related lists, captions...) inside the chosen containers."""
    total = sum(stats[c].para for c in containers if c in stats)
    for container in containers:
        code, cards = _code_blocks(container), _teaser_cards(container, stats)
        doomed = [
            el
            for el in container.iter()
            if el is not container
            and isinstance(el.tag, str)
            and el not in code
            and stats.get(el) is not None
            and (el in cards or (is_negative(el) and not _in_sentence(el)) or is_index_block(el))
            and stats[el].para < PROTECT_SHARE * total
        ]
        for el in doomed:
            _remove(el)


KICKER_MAX, KICKER_WORDS = 30, 3  # a label line over the headline
_NOT_ALNUM = re.compile(r"[\W_]+")
KICKER_PUNCT = re.compile(r"[.!?。！？,，:：]")
TITLE_LABEL_MAX = 12  # "Title:" / "标题：" in front of the headline repeated as a body line


def _labelled_title(text: str, title: str) -> bool:
    """Whether ``text`` is the title behind a short label ("Title:Natural Language ...")."""
    label = text[: len(text) - len(title)].strip()
    return (
        text.endswith(title) and 0 < len(label) <= TITLE_LABEL_MAX and label[-1] in ":：" and " " not in label
    )


def _keep_line(line: Line, title: str | None, phrases: tuple[str, ...]) -> bool:
    size = weight(line.text)
    if size and line.link / size > MAX_LINK_SHARE:
        return False
    if title and (_is_headline(line.text, title) or _labelled_title(line.text, title)):
        return False  # the headline (its kicker span glued or spaced) repeated as a body line
    return not (is_boilerplate_line(line.text, phrases) or credits.is_credit_line(line.text) or is_meta_line(line.text))


def _squeezed(text: str) -> str:
    """Letters and digits only: the headline with its kicker glued, spaced or joined by a colon compares equal."""
    return _NOT_ALNUM.sub("", text)


def _is_headline(text: str, title: str) -> bool:
    """``text`` is the headline, compared by letters and digits (a line much longer than it never is)."""
    return len(text) <= 2 * len(title) + 8 and _squeezed(text) == _squeezed(title)


def _is_caption(line: Line) -> bool:
    return line.after_image and line.caption_like and weight(line.text) <= MAX_CAPTION


def _select_lines(lines: list[Line], images: list[dict], title: str | None, phrases: tuple) -> list[str]:
    kept = []
    for line in lines:
        if _is_caption(line):
            if images and not images[-1]["caption"]:
                images[-1]["caption"] = line.text
            continue
        if _keep_line(line, title, phrases):
            kept.append(line.text)
        elif len(kept) == 1 and title and _is_headline(line.text, title) and _is_kicker(kept[0]):
            kept.pop()  # the kicker over the headline ("Mobilidade"), not the article's first line
    return without_closing(_without_bio(kept))


def _is_kicker(text: str) -> bool:
    return len(text) <= KICKER_MAX and len(text.split()) <= KICKER_WORDS and not KICKER_PUNCT.search(text)


def _without_bio(lines: list[str]) -> list[str]:
    """Drop an author bio ("Jane Doe is a tech reporter at ...") among the closing lines."""
    start = max(len(lines) - BIO_TAIL, 1)
    return lines[:start] + [
        line for line in lines[start:] if len(line) > MAX_BIO or not AUTHOR_BIO.match(line)
    ]


def extract_body(
    page: Page, profile: SiteProfile | None = None, title: str | None = None, *, last_use: bool = False
) -> BodyResult:
    """Return the article text of ``page`` and its images; prunes a copy of ``page.tree``, or with ``last_use``
    (nothing reads the tree afterwards) the tree itself, which the page then lets go of."""
    root = page.working_tree(last_use=last_use)
    if root is None:
        return BodyResult(None)
    selectors = profile.selectors if profile else None
    prune(root, selectors.drop if selectors else ())
    containers = _css(root, selectors.body) if selectors and selectors.body else []
    stats = text_stats(root)
    if not containers:
        post = first_post(root, page.text)
        site = (page.meta.get("og:site_name"), urlsplit(page.url).hostname)
        containers = [post] if post is not None else find_containers(root, title, stats, site)
    prune_inside(containers, stats)
    collected = linearize(containers, page.base_url)
    phrases = tuple(profile.boilerplate_phrases) if profile else ()
    title = " ".join(title.split()) if title else None
    lines = _select_lines(collected.lines, collected.images, title, phrases)
    return BodyResult(structured_text("\n".join(lines), page.jsonld) or None, collected.images)
