"""Find the publication and update date strings of a page: candidates -> scores -> one choice.

``datecandidates.collect`` gathers what the page offers (profile selector, meta/JSON-LD/markup, the shown date
line found by ``datescan``, the URL), ``datescore`` compares candidates (same day, local rendering of a UTC
time, re-publication), ``datechoice.choose`` applies the ordered rules. Rules as data: ``daterules`` (labels,
markup places, noise), ``normalize.dates.FORMATS`` (formats and precision), ``normalize.zones`` (offsets).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsspider.extract import datecandidates, datechoice
from newsspider.extract.datechoice import FoundDates
from newsspider.extract.metadata import page_zone

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile

__all__ = ["FoundDates", "extract_dates"]


def extract_dates(page: Page, profile: SiteProfile | None = None) -> FoundDates:
    """The raw publication/update strings of ``page`` (and the offset its UTC markup and local time imply)."""
    found = datecandidates.collect(page, profile)
    zone = page_zone(page, profile) if found.structured_in_utc else None
    return datechoice.choose(found, zone, lambda: datecandidates.fallback(page))
