"""Which offset a shown date gets: the page's own, the profile's zone, a documented inference, or none."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import NamedTuple
from zoneinfo import ZoneInfo

from newsspider.normalize.dates import Shown

# Country (region subtag of the page language, else the host's top-level domain) -> its zone. Only countries
# with a single civil time zone are listed, so the inference cannot pick the wrong one.
ZONE_BY_COUNTRY: dict[str, str] = {
    "CN": "Asia/Shanghai", "HK": "Asia/Hong_Kong", "MO": "Asia/Macau", "TW": "Asia/Taipei",
    "JP": "Asia/Tokyo", "KR": "Asia/Seoul", "SG": "Asia/Singapore", "IN": "Asia/Kolkata",
    "DE": "Europe/Berlin", "AT": "Europe/Vienna", "CH": "Europe/Zurich", "LI": "Europe/Vaduz",
    "FR": "Europe/Paris", "BE": "Europe/Brussels", "NL": "Europe/Amsterdam", "LU": "Europe/Luxembourg",
    "IT": "Europe/Rome", "PL": "Europe/Warsaw", "CZ": "Europe/Prague", "SK": "Europe/Bratislava",
    "HU": "Europe/Budapest", "DK": "Europe/Copenhagen", "SE": "Europe/Stockholm", "NO": "Europe/Oslo",
    "FI": "Europe/Helsinki", "GR": "Europe/Athens", "RO": "Europe/Bucharest", "BG": "Europe/Sofia",
    "HR": "Europe/Zagreb", "SI": "Europe/Ljubljana", "IE": "Europe/Dublin", "UK": "Europe/London",
    "GB": "Europe/London", "TR": "Europe/Istanbul", "IL": "Asia/Jerusalem", "UA": "Europe/Kyiv",
}  # fmt: skip
# Languages spoken (as a news language) in one zone only; en, es, fr, pt, ru, ar span many zones and are absent.
ZONE_BY_LANGUAGE: dict[str, str] = {
    "zh": "Asia/Shanghai", "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "de": "Europe/Berlin", "it": "Europe/Rome",
    "pl": "Europe/Warsaw", "nl": "Europe/Amsterdam", "cs": "Europe/Prague", "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest", "da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "nb": "Europe/Oslo",
    "nn": "Europe/Oslo", "no": "Europe/Oslo", "fi": "Europe/Helsinki", "el": "Europe/Athens",
    "ro": "Europe/Bucharest", "bg": "Europe/Sofia", "hr": "Europe/Zagreb", "sl": "Europe/Ljubljana",
    "tr": "Europe/Istanbul", "he": "Asia/Jerusalem", "uk": "Europe/Kyiv",
}  # fmt: skip
# Offsets (minutes east of UTC) some place uses today; an offset derived from a page outside this set is a
# misreading (a visible time that is not the markup's moment), never a time zone.
OFFSETS_IN_USE = frozenset(
    [60 * hours for hours in range(-12, 15)] + [-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765]
)


class Zone(NamedTuple):
    """The zone a naive shown date is read in and where it came from (``profile``, ``inferred``)."""

    tz: ZoneInfo
    source: str


def infer_zone(language: str | None, region: str | None, host: str | None) -> ZoneInfo | None:
    """Region subtag, else the host's country domain, else a single-zone language; else None."""
    tld = (host or "").rsplit(".", 1)[-1].upper()
    name = ZONE_BY_COUNTRY.get(region or "") or ZONE_BY_COUNTRY.get(tld) or ZONE_BY_LANGUAGE.get(language or "")
    return ZoneInfo(name) if name else None


def render(shown: Shown | None, zone: Zone | None) -> tuple[str | None, str | None]:
    """(ISO 8601 string, tz source): a day alone as ``YYYY-MM-DD``; a time with the page's offset (``page``),
    the zone's (``profile``/``inferred``), else without any offset (``none``)."""
    if shown is None:
        return None, None
    if shown.precision == "day":
        return shown.value.date().isoformat(), "none"
    if shown.offset is not None:
        stated = shown.value.replace(tzinfo=timezone(timedelta(minutes=shown.offset)))
        return stated.isoformat(), "page"
    if zone is not None:
        return shown.value.replace(tzinfo=zone.tz).isoformat(), zone.source
    return shown.value.isoformat(), "none"


def in_use(offset_minutes: int) -> bool:
    """Whether some place uses this UTC offset."""
    return offset_minutes in OFFSETS_IN_USE


def aware(shown: Shown, zone: Zone | None) -> datetime | None:
    """The instant of ``shown``, or None when neither the page nor a zone fixes it."""
    if shown.offset is not None:
        return shown.value.replace(tzinfo=timezone(timedelta(minutes=shown.offset)))
    return shown.value.replace(tzinfo=zone.tz) if zone else None
