"""Date scoring by instant: compare a prediction with a label that carries its UTC offset (fundus ``date_raw``)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

_TIME_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}")
_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
MAX_OFFSET_GAP = timedelta(hours=14)
QUARTER_HOUR = 900


def parse_when(value: str | None) -> tuple[datetime, bool] | None:
    """(datetime, has a time of day) for an ISO 8601 string, or None when it is not one."""
    match = _ISO_RE.search(value or "")
    if not match:
        return None
    text = match.group(0).replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when, bool(_TIME_RE.match(text))


def _minute(when: datetime) -> datetime:
    return when.replace(second=0, microsecond=0)


def instant_match(pred: str | None, label_raw: str, label_has_time: bool) -> tuple[bool, bool | None]:
    """(same day, same minute or None when the label is day-only), comparing instants when both carry offsets.

    A day-only label is compared with the prediction's own calendar day; a prediction without an offset (or
    without a time) is compared by wall clock, as the page would show it.
    """
    label = parse_when(label_raw)
    got = parse_when(pred)
    if label is None:
        return False, None
    want = label[0]
    if got is None:
        return False, (False if label_has_time else None)
    when, has_time = got
    if not label_has_time:
        return when.date() == want.date(), None
    if when.tzinfo is not None and want.tzinfo is not None and has_time:
        when = when.astimezone(want.tzinfo)
    elif when.tzinfo is not None and want.tzinfo is None:
        when = when.replace(tzinfo=None)
    elif want.tzinfo is not None:
        want = want.replace(tzinfo=None)
    return when.date() == want.date(), has_time and _minute(when) == _minute(want)


def offset_only_gap(pred: str | None, label_raw: str | None) -> bool:
    """Whether the prediction has the right clock time but a wrong offset (instants a whole quarter-hour apart)."""
    label, got = parse_when(label_raw), parse_when(pred)
    if not label or not got or not got[1] or got[0].tzinfo is None or label[0].tzinfo is None:
        return False
    gap = abs((_minute(got[0]) - _minute(label[0])).total_seconds())
    return 0 < gap <= MAX_OFFSET_GAP.total_seconds() and gap % QUARTER_HOUR == 0
