"""Main-text extraction: find the article container, prune boilerplate, return paragraphs and images."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile


@dataclass
class BodyResult:
    """The article text (paragraphs joined by newlines) and its images."""

    body: str | None
    images: list[dict] = field(default_factory=list)  # [{"url": ..., "caption": ... or None}]


def extract_body(page: Page, profile: SiteProfile | None = None, title: str | None = None) -> BodyResult:
    """Return the article text of ``page`` (placeholder: all <p> text; to be replaced)."""
    paragraphs = [" ".join(p.text_content().split()) for p in page.tree.iter("p")]
    return BodyResult("\n".join(p for p in paragraphs if p) or None)
