"""Credit lines: authors (作者/记者), editors (编辑/责任编辑/责编) and source outlet (来源)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile


@dataclass
class Credits:
    """Names and outlet as found on the page, before normalisation."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str | None = None


def extract_credits(page: Page, profile: SiteProfile | None = None) -> Credits:
    """Return the credits of ``page`` (placeholder: meta author only)."""
    author = page.meta.get("author")
    return Credits(authors=[author] if author else [])


def is_credit_line(text: str) -> bool:
    """Whether a body line is a credit line to leave out of the body (placeholder)."""
    return False
