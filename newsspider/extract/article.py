"""Compose the field extractors into one raw article dict (before normalisation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsspider.extract import body, credits, dates, metadata, origins

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile


@dataclass
class RawArticle:
    """Extracted values: exported fields, and side values for the chain (``items.ChainContext`` names)."""

    fields: dict[str, Any]
    side: dict[str, Any] = field(default_factory=dict)


def extract_raw(page: Page, profile: SiteProfile | None = None, *, last_use: bool = False) -> RawArticle:
    """Return the raw fields of ``page``; every extractor reads ``page`` and none changes it (any order).

    ``last_use``: nothing reads ``page.tree`` after this call, so the body extractor, run last, prunes the tree
    itself instead of a copy (``Page.working_tree``)."""
    if page.tree is None:
        return RawArticle({"url": page.url})
    if page.too_deep:  # the extractors recurse per level: never run them on such a tree
        return RawArticle({"url": page.url}, {"rejected": "too_deep"})
    found_dates = dates.extract_dates(page, profile)
    people = credits.extract_credits(page, profile)
    tag = metadata.page_language_tag(page)
    region = tag.region if tag else None
    raw: dict[str, Any] = {
        "url": page.url,
        "canonical_url": metadata.extract_canonical(page),
        "title": metadata.extract_title(page, profile),
        "published_at_raw": found_dates.published_raw,
        "authors": people.authors,
        "editors": people.editors,
        "credits": people.credits,
        "source": people.source,
        "section": metadata.extract_section(page, profile),
        "tags": metadata.extract_tags(page),
        "description": metadata.extract_description(page),
        "language": metadata.extract_language(page, profile),
    }
    matched = origins.profile_matches(page, profile)
    text = body.extract_body(page, profile, title=raw["title"], last_use=last_use)
    raw["body"] = text.body
    raw["images"] = text.images
    side = {"updated_at_raw": found_dates.updated_raw, "published_offset": found_dates.published_offset,
            "region": region, "origins": origins.field_origins(raw, matched)}
    return RawArticle(raw, side)
