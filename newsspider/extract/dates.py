"""Find the publication and update date strings of a page (raw, as written)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from newsspider.extract import datescan, localtime
from newsspider.extract.metadata import page_zone
from newsspider.normalize.dates import date_from_url, find_date, parse_datetime

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile

_META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "published_time", "publishdate", "publish_date", "publish-date", "pubdate",
    "pubtime", "publishtime", "publish_time", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "date.created", "citation_publication_date",
    "article:post_date", "og:pubdate", "release_date", "og:release_date", "datecreated", "dc.date", "date",
)  # fmt: skip
_META_UPDATED = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "article.updated", "last-modified", "lastmod", "dcterms.modified", "dc.date.modified", "dateupdate",
    "updatetime", "update_time",
)  # fmt: skip
_MARKUP_XPATH = (
    '//*[@itemprop="datePublished"] | //time[@datetime][contains(@class, "publish") or @pubdate] | '
    '//abbr[contains(@class, "published")][@title] | //time[@datetime]'
)
_COMPACT = re.compile(r"^\s*(?:1\d{9}(?:\d{3})?|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]))\s*$")
_ZERO_OFFSET_RE = re.compile(r"\d:\d\d(?::\d\d?)?(?:\.\d+)?\s*(?:Z|[+-]00:?00)\s*$", re.IGNORECASE)
_REPUBLISHED_DAYS = 2
_TIMESTAMP_RE = re.compile(r"^\s*1\d{9}(?:\d{3})?\s*$")
_ARTICLE_TYPES = re.compile(r"article|posting|report|news|blog|webpage|creativework", re.IGNORECASE)


@dataclass
class FoundDates:
    """Raw date strings exactly as they appear on the page."""

    published_raw: str | None = None
    updated_raw: str | None = None
    published_offset: int | None = None  # minutes east of UTC, inferred when the page shows local time


def extract_dates(page: Page, profile: SiteProfile | None = None) -> FoundDates:
    """Return the raw publication/update strings: selector, markup, labelled text, title area, URL."""
    updated = _from_meta(page, _META_UPDATED) or _from_jsonld(page, "dateModified")
    selected = _from_selector(page, profile)
    if selected:
        return FoundDates(selected, _distinct(updated, selected))
    structured = (
        _from_meta(page, _META_PUBLISHED) or _from_jsonld(page, "datePublished") or _from_markup(page)
    )
    scan = datescan.scan(page)
    shown_update = _shown_update(scan, updated)
    updated = updated or scan.updated
    if shown_update:
        return FoundDates(shown_update, _distinct(updated, shown_update))
    if not structured:
        published = scan.published or _from_url(page.url) or _fallback(page)
        return FoundDates(published, _distinct(updated, published))
    published, offset = _refine(page, profile, structured, scan)
    if published == structured and _republished(structured, page.url):
        published, offset = _from_url(page.url), None
    return FoundDates(published, _distinct(updated, published), offset)


def _republished(structured: str, url: str) -> bool:
    """Markup dated well after the day in the article's URL records a re-publication, not the first one."""
    in_url = _from_url(url)
    if not in_url:
        return False
    markup, minted = parse_datetime(structured, UTC), parse_datetime(in_url, UTC)
    return bool(markup and minted) and (markup - minted).days > _REPUBLISHED_DAYS


def _shown_update(scan: datescan.Scan, updated: str | None) -> str | None:
    """A page whose date line shows only the update that markup also records presents that date as its own."""
    if scan.anchored and not scan.published and scan.updated and updated:
        return scan.updated if localtime.same_day(scan.updated, updated) else None
    return None


def _day_only(raw: str) -> bool:
    return ":" not in raw and not _TIMESTAMP_RE.match(raw)


def _refine(
    page: Page, profile: SiteProfile | None, structured: str, scan: datescan.Scan
) -> tuple[str, int | None]:
    """Markup's date, or the page's own rendering of it (local time, a time for a bare day); the date line wins."""
    if _ZERO_OFFSET_RE.search(structured):
        zone = page_zone(page, profile)
        local = localtime.local_rendering(structured, [_from_markup(page, local=True), scan.published], zone)
        if local:
            return local
        midnight = None if scan.published else localtime.local_midnight(structured, zone)
        if midnight:
            return midnight
    if scan.anchored and scan.published and not localtime.same_day(structured, scan.published):
        return scan.published, None  # the date line under the headline is the date readers see
    if _day_only(structured) and scan.published and localtime.same_day_with_time(structured, scan.published):
        return scan.published, None
    return structured, None


def _distinct(updated: str | None, published: str | None) -> str | None:
    return updated if updated != published else None


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
    for node in page.tree.xpath(_MARKUP_XPATH):
        value = node.get("datetime") or node.get("content") or node.get("title") or node.text_content()
        if local and value and _ZERO_OFFSET_RE.search(value):
            value = node.text_content()  # the rendered text is the page's local time
        if value and find_date(value) and not datescan.in_noise(node):
            return value.strip()
    return None


def _fallback(page: Page) -> str | None:
    """htmldate's extensive search, for pages whose date is in none of the places above."""
    from htmldate import find_date as htmldate_find  # imported lazily: only reached on a minority of pages

    try:
        return htmldate_find(
            datescan.without_noise(page.tree), extensive_search=True, original_date=True, url=page.url
        )
    except (ValueError, TypeError):
        return None


def _from_url(url: str) -> str | None:
    found = date_from_url(url)
    if not found or found[2] is None:
        return None
    return "{:04d}-{:02d}-{:02d}".format(*found)
