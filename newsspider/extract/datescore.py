"""Step 2 of a date's way: compare candidates (same day, a UTC time's local rendering, a re-publication)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from newsspider.normalize.dates import parse_datetime, shown_date
from newsspider.normalize.zones import in_use

_REPUBLISHED_DAYS = 2
_STEP = timedelta(minutes=15)
_MAX_OFFSET = timedelta(hours=14)  # the widest UTC offset in use
_SLACK = timedelta(minutes=2)
_SAME_CLOCK = timedelta(minutes=1)
_HAS_TIME = ":"  # a string showing a time of day (for same_day_with_time)
_NUMERIC_DAY = re.compile(r"(?<!\d)(\d{1,2})(/)(\d{1,2})/((?:19|20)\d\d)(?!\d)")
_MIDNIGHT_UTC = re.compile(r"[T ](2[0-3]):00(?::00(?:\.0+)?)?\s*(?:Z|[+-]00:?00)\s*$", re.IGNORECASE)


def local_rendering(
    utc_raw: str, visible: list[str | None], zone: tzinfo | None
) -> tuple[str, int | None] | None:
    """(visible string, offset in minutes or None) for the first visible date showing the same moment locally.

    The offset is the difference between the two renderings: it must be the one ``zone`` (profile or inferred)
    has then, or, with no zone known, one some place uses (zones.OFFSETS_IN_USE); a day-only rendering (even one
    with a time elsewhere in its string) never yields an offset."""
    instant = parse_datetime(utc_raw, UTC)
    if instant is None:
        return None
    for raw in filter(None, visible):
        read = shown_date(raw)
        if read is None or read.offset is not None:
            continue
        shown = read.value
        delta = shown - instant.replace(tzinfo=None)
        if read.precision != "day":
            offset = _STEP * round(delta / _STEP)
            if offset and abs(delta - offset) <= _SLACK and _plausible(offset, zone, shown):
                return raw, int(offset.total_seconds() // 60)
        elif abs((shown.date() - instant.date()).days) == 1 and abs(delta) <= _MAX_OFFSET + timedelta(days=1):
            return raw, None
    return None


def mislabelled_utc(
    utc_raw: str, others: list[str | None], zone: tzinfo | None
) -> tuple[str, int | None] | None:
    """Markup that writes the local clock time with ``Z``/``+00:00``: another date of the page shows the same
    clock time (to the minute) with a non-zero offset (-> the UTC string and that offset), or shows it as local
    time where the page's zone is not UTC then (-> the shown string, read in the zone); else None."""
    stated = shown_date(utc_raw)
    if stated is None:
        return None
    for raw in filter(None, others):
        read = shown_date(raw)
        if read is None or read.precision == "day" or abs(read.value - stated.value) >= _SAME_CLOCK:
            continue
        if read.offset:
            return utc_raw, read.offset
        if read.offset is None and _zone_offset(zone, read.value):
            return raw, None
    return None


def same_day_with_time(day_raw: str, precise_raw: str | None) -> bool:
    """Whether ``precise_raw`` shows a time on the day ``day_raw`` names (so it is the same date, more precise)."""
    if not precise_raw:
        return False
    day, precise = parse_datetime(day_raw, UTC), parse_datetime(precise_raw, UTC)
    return bool(day and precise and _HAS_TIME in precise_raw and day.date() == precise.date())


def same_day(raw: str, other: str) -> bool:
    """Whether two date strings name the same calendar day as written (unparseable ones never disagree)."""
    first, second = parse_datetime(raw, UTC), parse_datetime(other, UTC)
    if not (first and second) or first.date() == second.date():
        return True
    if _NUMERIC_DAY.search(raw):  # both sides ambiguous: nothing tells which reading is meant
        return False
    swapped = _NUMERIC_DAY.sub(r"\3\2\1\2\4", other)  # 06/01/2020 read the other way round
    second = parse_datetime(swapped, UTC) if swapped != other else None
    return bool(second) and first.date() == second.date()


def local_midnight(utc_raw: str, zone: tzinfo | None) -> tuple[str, int] | None:
    """(local ISO string, offset) when a UTC time at a whole evening hour is midnight in ``zone`` (a day stored
    as 00:00 local time)."""
    found, instant = _MIDNIGHT_UTC.search(utc_raw), parse_datetime(utc_raw, UTC)
    if not found or instant is None:
        return None
    offset = timedelta(hours=24 - int(found.group(1)))
    if _zone_offset(zone, (instant + offset).replace(tzinfo=None)) != offset:
        return None
    return (instant + offset).replace(tzinfo=timezone(offset)).isoformat(), int(offset.total_seconds() // 60)


def _plausible(offset: timedelta, zone: tzinfo | None, local: datetime) -> bool:
    """The page's zone has this offset then; with no zone known, some place uses it."""
    if zone is not None:
        return _zone_offset(zone, local) == offset
    return in_use(int(offset.total_seconds() // 60))


def _zone_offset(zone: tzinfo | None, local: datetime) -> timedelta | None:
    """The UTC offset ``zone`` has at the naive local time ``local`` (None without a zone)."""
    return None if zone is None else zone.utcoffset(local.replace(tzinfo=None))


def day_only(raw: str) -> bool:
    """Whether ``raw`` shows a day without a time of day."""
    shown = shown_date(raw)
    return shown is not None and shown.precision == "day"


def republished(structured: str, in_url: str | None) -> bool:
    """Markup dated well after the day in the article's URL records a re-publication, not the first one."""
    if not in_url:
        return False
    markup, minted = parse_datetime(structured, UTC), parse_datetime(in_url, UTC)
    return bool(markup and minted) and (markup - minted).days > _REPUBLISHED_DAYS
