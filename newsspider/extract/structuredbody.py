"""Article text the page carries in JSON-LD: the full ``articleBody`` behind a teaser, live-blog updates."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

TEASER_CUT = re.compile(r"(?:\.\.\.|…)\s*$")  # a visible paragraph cut off: "... hicieron ..."
TEASER_MIN = 80  # characters of that last paragraph (a short "Next: Thank you..." link is no teaser)
TEASER_WORDS = 6  # opening words of a paragraph that identify it in another text
ARTICLE_BODY_GAIN = 2.0  # a JSON-LD articleBody this many times longer than the teaser replaces it
LIVE_TYPES = ("LiveBlogPosting",)


def structured_text(shown: str, jsonld: list[dict]) -> str:
    """``shown`` (the visible article text), completed from the page's JSON-LD where it is only part of it."""
    return _live_updates(_full_article(shown, jsonld), jsonld)


def _full_article(shown: str, jsonld: list[dict]) -> str:
    """The ``articleBody`` when the visible text is a teaser of it, cut off with an ellipsis (a paywalled or
    script-rendered page shows the lead; its markup carries the article), else the visible text."""
    last = shown.rsplit("\n", 1)[-1]
    if len(last) < TEASER_MIN or not TEASER_CUT.search(last):
        return shown
    for entry in jsonld:
        text = entry.get("articleBody")
        if isinstance(text, str) and len(text) >= ARTICLE_BODY_GAIN * len(shown) and _in(last, text):
            return _lines(text)
    return shown


def _live_updates(shown: str, jsonld: list[dict]) -> str:
    """A live blog whose updates the page renders by script (none is in the visible text): the updates
    (headline, text) appended; a page showing some of them shows the ones it means to (the rest are history)."""
    updates = [_update_text(update) for entry in jsonld if entry.get("@type") in LIVE_TYPES
               for update in _as_list(entry.get("liveBlogUpdate"))]  # fmt: skip
    updates = [text for text in updates if text]
    if not updates or any(_shows(shown, text) for text in updates):
        return shown
    return "\n".join(filter(None, [shown, *updates]))


def _update_text(update: object) -> str:
    if not isinstance(update, dict):
        return ""
    parts = [update.get("headline"), update.get("articleBody")]
    return "\n".join(_lines(part) for part in parts if isinstance(part, str) and part.strip())


def _shows(shown: str, update: str) -> bool:
    """Whether the visible text holds one of the update's longer lines."""
    return any(_in(line, shown) for line in update.splitlines() if len(line.split()) >= TEASER_WORDS)


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value] if value else []


def _in(paragraph: str, text: str) -> bool:
    """Whether the paragraph's opening words are in ``text`` (the same passage, not another one)."""
    return " ".join(paragraph.split()[:TEASER_WORDS]) in " ".join(text.split())


def _lines(text: str) -> str:
    return "\n".join(line.strip() for line in _plain(text).splitlines() if line.strip())


def _plain(text: str) -> str:
    """JSON-LD text as plain text: some sites put HTML in it."""
    if "<" not in text:
        return text
    try:
        fragment = lxml.html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return text
    for block in fragment.iter("p", "br", "div", "h2", "h3", "li"):
        block.tail = "\n" + (block.tail or "")
    return fragment.text_content()
