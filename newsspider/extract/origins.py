"""Which metadata fields a site profile's own selectors supply on a page (the rest: generic rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile

# Raw item key -> Selectors attribute.
_SELECTED = {
    "title": "title",
    "published_at_raw": "published_at",
    "authors": "authors",
    "editors": "editors",
    "source": "source",
    "section": "section",
}


def profile_matches(page: Page, profile: SiteProfile | None) -> set[str]:
    """Selectors attributes whose CSS selector matches an element with text (before body pruning)."""
    if profile is None or page.tree is None:
        return set()
    found = set()
    for name in (*_SELECTED.values(), "body"):
        css = getattr(profile.selectors, name)
        if css and any(node.text_content().strip() or node.get("datetime") or node.get("content")
                       for node in page.tree.cssselect(css)):  # fmt: skip
            found.add(name)
    return found


def field_origins(raw: dict, matched: set[str]) -> dict[str, str]:
    """``{field: "profile" | "generic"}`` for each metadata field (and body) the raw item has a value for."""
    origins = {}
    for key, name in (*_SELECTED.items(), ("body", "body")):
        if raw.get(key):
            origins[name] = "profile" if name in matched else "generic"
    return origins
