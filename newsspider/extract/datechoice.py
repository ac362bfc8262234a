"""Step 3 of a date's way: choose the publication and update strings from the candidates, by ordered rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsspider.extract import datescore

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import tzinfo

    from newsspider.extract.datecandidates import Candidates


@dataclass
class FoundDates:
    """Raw date strings exactly as they appear on the page."""

    published_raw: str | None = None
    updated_raw: str | None = None
    published_offset: int | None = None  # minutes east of UTC, read off the page's UTC markup and local time


def choose(found: Candidates, zone: tzinfo | None, fallback: Callable[[], str | None]) -> FoundDates:
    """The profile selector; else a shown update the markup confirms; else the markup refined by the date line;
    else the date line, the URL's day, or (last) htmldate's search."""
    updated = found.structured_updated
    if found.selected:
        return _found(found.selected, updated)
    scan = found.scan
    shown_update = _shown_update(found, updated)
    updated = updated or scan.updated
    if shown_update:
        return _found(shown_update, updated)
    if not found.structured:
        published = scan.published or _only_update_shown(found) or found.in_url or found.structured_updated or fallback()
        return _found(published, updated)  # markup naming only a modification time: the article's own date
    published, offset = _refine(found, zone)
    if published == found.structured and datescore.republished(found.structured, found.in_url):
        if not (scan.published and datescore.same_day(found.structured, scan.published)):  # the line shows it
            published, offset = found.in_url, None
    return _found(published, updated, offset)


def _found(published: str | None, updated: str | None, offset: int | None = None) -> FoundDates:
    return FoundDates(published, updated if updated != published else None, offset)


def _shown_update(found: Candidates, updated: str | None) -> str | None:
    """A page whose date line shows only the update that markup also records presents that date as its own."""
    scan = found.scan
    if scan.anchored and not scan.published and scan.updated and updated:
        return scan.updated if datescore.same_day(scan.updated, updated) else None
    return None


def _only_update_shown(found: Candidates) -> str | None:
    """A date line by the headline showing only an update (动易's 更新时间) gives the article's date, unless the
    URL names another day."""
    scan = found.scan
    if scan.anchored and not scan.published and scan.updated:
        if not found.in_url or datescore.same_day(scan.updated, found.in_url):
            return scan.updated
    return None


def _refine(found: Candidates, zone: tzinfo | None) -> tuple[str, int | None]:
    """Markup's date, or the page's own rendering of it (local time, a time for a bare day); the date line wins."""
    structured, scan = found.structured or "", found.scan
    if found.structured_in_utc:
        local = datescore.local_rendering(structured, [found.markup_local, scan.published], zone)
        local = local or datescore.mislabelled_utc(
            structured, [found.markup_local, found.structured_updated, scan.published], zone
        )
        if local:
            return local
        midnight = None if scan.published else datescore.local_midnight(structured, zone)
        if midnight:
            return midnight
    if scan.anchored and scan.published and not datescore.same_day(structured, scan.published):
        return scan.published, None  # the date line under the headline is the date readers see
    if datescore.day_only(structured) and datescore.same_day_with_time(structured, scan.published):
        return scan.published or structured, None
    return structured, None
