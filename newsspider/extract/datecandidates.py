"""Step 1 of a date's way: collect every candidate the page offers (selector, markup, shown text, URL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from newsspider.extract import datescan
from newsspider.extract.daterules import MARKUP_XPATH, META_PUBLISHED, META_UPDATED
from newsspider.extract.noise import in_noise, without_noise
from newsspider.normalize.dates import date_from_url, find_date

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile

import re

_COMPACT = re.compile(r"^\s*(?:1\d{9}(?:\d{3})?|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]))\s*$")
_ZERO_OFFSET_RE = re.compile(r"\d:\d\d(?::\d\d?)?(?:\.\d+)?\s*(?:Z|[+-]00:?00)\s*$", re.IGNORECASE)
_ARTICLE_TYPES = re.compile(r"article|posting|report|news|blog|webpage|creativework", re.IGNORECASE)
_MARKUP = etree.XPath(MARKUP_XPATH)  # compiled once, not per call


@dataclass
class Candidates:
    """The raw date strings a page offers, by where they come from."""

    url: str
    selected: str | None = None  # the profile's published_at selector
    structured: str | None = None  # meta, JSON-LD datePublished or <time>/itemprop markup
    structured_updated: str | None = None  # meta or JSON-LD dateModified
    markup_local: str | None = None  # the rendered text of UTC markup (the page's local time)
    scan: datescan.Scan = field(default_factory=datescan.Scan)  # the shown date line near the headline
    in_url: str | None = None  # the day in the article's URL

    @property
    def structured_in_utc(self) -> bool:
        """Whether the markup date is a UTC time (so the page may show it in local time)."""
        return bool(self.structured and _ZERO_OFFSET_RE.search(self.structured))


def collect(page: Page, profile: SiteProfile | None = None) -> Candidates:
    """Every candidate of ``page``; a profile selector short-cuts the rest."""
    found = Candidates(page.url, in_url=_from_url(page.url))
    found.structured_updated = _from_meta(page, META_UPDATED) or _from_jsonld(page, "dateModified")
    found.selected = _from_selector(page, profile)
    if found.selected:
        return found
    found.structured = (
        _from_meta(page, META_PUBLISHED) or _from_jsonld(page, "datePublished") or _from_markup(page)
    )
    found.scan = datescan.scan(page)
    if found.structured_in_utc:
        found.markup_local = _from_markup(page, local=True)
    return found


def fallback(page: Page) -> str | None:
    """htmldate's extensive search, for pages whose date is in none of the places above."""
    from htmldate import find_date as htmldate_find  # imported lazily: only reached on a minority of pages

    try:
        return htmldate_find(without_noise(page.tree), extensive_search=True, original_date=True, url=page.url)
    except (ValueError, TypeError):
        return None


def _from_selector(page: Page, profile: SiteProfile | None) -> str | None:
    selector = profile.selectors.published_at if profile else None
    if not selector:
        return None
    for node in page.tree.cssselect(selector):
        text = " ".join(node.text_content().split()) or node.get("datetime") or node.get("content") or ""
        found = find_date(text, yearless=True)
        if found:
            return found.group(0).strip()
    return None


def _from_meta(page: Page, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = page.meta.get(key)
        if value and (find_date(value) or _COMPACT.match(value)):
            return value.strip()
    return None


def _from_jsonld(page: Page, key: str) -> str | None:
    for entry in page.jsonld:
        value = entry.get(key)
        if isinstance(value, str) and find_date(value) and _ARTICLE_TYPES.search(str(entry.get("@type", ""))):
            return value.strip()
    for entry in page.jsonld:
        value = entry.get(key)
        if isinstance(value, str) and find_date(value):
            return value.strip()
    return None


def _from_markup(page: Page, *, local: bool = False) -> str | None:
    """``<time datetime>``, itemprop=datePublished or class="published" outside link lists."""
    for node in _MARKUP(page.tree):
        value = node.get("datetime") or node.get("content") or node.get("title") or node.text_content()
        if local and value and _ZERO_OFFSET_RE.search(value):
            value = node.text_content()  # the rendered text is the page's local time
        if value and find_date(value) and not in_noise(node):
            return value.strip()
    return None


def _from_url(url: str) -> str | None:
    found = date_from_url(url)
    if not found or found[2] is None:
        return None
    return "{:04d}-{:02d}-{:02d}".format(*found)
