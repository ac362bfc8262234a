"""Title, canonical URL, section, tags, description and language of a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile


def extract_title(page: Page, profile: SiteProfile | None = None) -> str | None:
    """The headline (placeholder: first h1, else <title>)."""
    for node in page.tree.iter("h1", "title"):
        text = " ".join(node.text_content().split())
        if text:
            return text
    return None


def extract_canonical(page: Page) -> str | None:
    """The rel=canonical URL, if any."""
    for node in page.tree.xpath('//link[@rel="canonical"][@href]'):
        return node.get("href").strip() or None
    return None


def extract_section(page: Page, profile: SiteProfile | None = None) -> str | None:
    """The breadcrumb or category (placeholder)."""
    return None


def extract_tags(page: Page) -> list[str] | None:
    """Keywords from meta keywords / article:tag (placeholder)."""
    return None


def extract_description(page: Page) -> str | None:
    """The meta or og description."""
    return page.meta.get("description") or page.meta.get("og:description")


def extract_language(page: Page, profile: SiteProfile | None = None) -> str | None:
    """The page language (placeholder: profile language)."""
    return profile.language if profile else None
