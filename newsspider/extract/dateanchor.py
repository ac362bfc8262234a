"""Find the headline element the date scan is anchored to: the heading that repeats the page title."""

from __future__ import annotations

import re
from itertools import takewhile
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newsspider.extract.page import Page

_SEPARATORS = re.compile(r"\s+[|\-–—:·»/]\s+|\s*[|·»]\s*")
_MIN_PART = 10  # characters of a title part that may stand for the whole headline
_MIN_HEADING = 6
_MIN_SHARE = 0.4  # a heading much shorter than the title is the site name or a section, not the headline
_MAX_JSONLD = 4  # JSON-LD objects whose headline may confirm the heading
_HEADINGS = (("h1",), ("h2", "h3"))
# class/id words of a headline that is no heading (<div class="h-title">, <td class="title">, <p id="biaoti">),
# tried on pages without any h1 when no h2/h3 repeats the page title
HEADLINE_ATTR_WORDS = ("title", "biaoti", "headline")
_HEADLINE_ATTR_RE = re.compile("|".join(HEADLINE_ATTR_WORDS), re.IGNORECASE)
_MAX_HEADLINE = 200


def body_headline(page: Page) -> tuple[list[HtmlElement], int | None, bool]:
    """Every element under ``<body>`` (the root's without one) in document order, and ``title_heading`` over them;
    read through ``page.shared(body_headline)`` by the date scan and the byline line (found once per page)."""
    body = page.tree.find("body")
    elements = list((body if body is not None else page.tree).iter(etree.Element))  # elements only, in C
    return (elements, *title_heading(page, elements))


def document_elements(page: Page) -> list[HtmlElement]:
    """Every element of ``page.tree`` in document order (``iter(etree.Element)``), the shared ``body_headline``
    list reused for ``<body>``: its element proxies exist already, only those around it are walked."""
    elements = page.shared(body_headline)[0]
    body = page.tree.find("body")
    if body is None:
        return elements  # body_headline walked the whole tree
    before = list(takewhile(lambda element: element is not body, page.tree.iter(etree.Element)))
    after = [element for sibling in body.itersiblings(etree.Element) for element in sibling.iter(etree.Element)]
    return before + elements + after


def title_heading(page: Page, elements: list[HtmlElement]) -> tuple[int | None, bool]:
    """(index of the headline in ``elements``, whether the page title confirms it); else the first h1, unconfirmed.

    ``elements``: every element under one root in document order, as ``body_headline`` lists them."""
    titles = [page.meta.get("og:title"), page.meta.get("twitter:title"), page.tree.findtext(".//title")]
    titles += [entry.get("headline") for entry in page.jsonld[:_MAX_JSONLD]]
    titles = [_fold(title) for title in titles if isinstance(title, str) and title.strip()]
    first_h1 = None
    headings = _headings(elements)
    for tags in _HEADINGS:
        for index, element in headings:
            if element.tag not in tags:
                continue
            text = _fold(element.text_content())
            if not text:
                continue
            if first_h1 is None and element.tag == "h1":
                first_h1 = index
            if any(matches_title(text, title) for title in titles):
                return index, True
    if first_h1 is None:  # no h1 at all: the headline may be a <div class="title">
        return _headline_by_attribute(elements, titles) or (None, False)
    return first_h1, False


def _headings(elements: list[HtmlElement]) -> list[tuple[int, HtmlElement]]:
    """(index in ``elements``, element) of every h1/h2/h3 there (``elements``: every element under its first one, in
    document order): found by tag in C, each index looked up from the previous one on, instead of reading the tag
    of every element in Python."""
    if not elements:
        return []
    found, index = [], 0
    for heading in elements[0].iter("h1", "h2", "h3"):
        index = elements.index(heading, index)
        found.append((index, heading))
    return found


def _headline_by_attribute(elements: list[HtmlElement], titles: list[str]) -> tuple[int, bool] | None:
    """(index, True) of the first element whose class/id names a title and whose text repeats the page title."""
    for index, element in enumerate(elements):
        attributes = f"{element.get('class', '')} {element.get('id', '')}"
        if len(attributes) < 4 or not _HEADLINE_ATTR_RE.search(attributes):
            continue
        text = _fold(element.text_content())
        if text and len(text) <= _MAX_HEADLINE and any(matches_title(text, title) for title in titles):
            return index, True
    return None


def matches_title(heading: str, title: str) -> bool:
    """Whether a (folded) heading is the (folded) page title, give or take a site name or a subtitle."""
    if len(heading) < _MIN_HEADING:
        return False
    if len(title) >= _MIN_PART and title in heading:
        return True
    if len(heading) < _MIN_SHARE * len(title):
        return False
    if heading in title:
        return True
    parts = [
        part for part in _SEPARATORS.split(title) if len(part) >= max(_MIN_PART, _MIN_SHARE * len(heading))
    ]
    return any(part in heading for part in parts)


def _fold(text: str) -> str:
    return " ".join(text.split()).lower()
