"""Find the publication and update date strings of a page (raw, as written)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile


@dataclass
class FoundDates:
    """Raw date strings exactly as they appear on the page."""

    published_raw: str | None = None
    updated_raw: str | None = None


def extract_dates(page: Page, profile: SiteProfile | None = None) -> FoundDates:
    """Return the raw publication/update strings (placeholder: meta only)."""
    return FoundDates(page.meta.get("article:published_time"), page.meta.get("article:modified_time"))
