"""Turn raw date strings into ISO 8601 datetimes with a UTC offset."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from newsspider.normalize.months import MONTH_NUMBERS, MONTH_PATTERN, ZONE_OFFSETS, ZONE_PATTERN

_YEAR = r"(?P<y>(?:19[5-9]|20[0-4])\d)"
_TIME = (
    r"(?:(?:\s*[T,|\-–]?\s*|\s*日\s*|\s+(?:at|um|à|às|a las|o)\s+)"
    r"(?P<H>[01]?\d|2[0-3])\s*[:：时點点hH]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d))?(?:[.,]\d{1,9})?"
    r"\s*(?:秒|分|Uhr|h)?\s*(?P<ampm>[ap]\.?m\.?)?"
    rf"(?:\s*(?P<tz>[+-](?:[01]\d|2[0-3]):?[0-5]\d|(?:{ZONE_PATTERN})\b)(?:\s*[+-]\d{{1,2}}(?::?\d\d)?)?)?)?"
)
_PATTERNS = (
    # 2020-02-29, 2020/2/29, 2020.02.29, 2020年2月29日 (+ time, + offset)
    re.compile(rf"(?<!\d){_YEAR}\s*[-/.年]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?{_TIME}", re.IGNORECASE),
    # 29.02.2020, 29/02/2020, 29-02-2020
    re.compile(rf"(?<![\d.])(?P<d>3[01]|[12]\d|0?[1-9])\s*(?P<sep>[./-])\s*(?P<m>1[0-2]|0?[1-9])\s*(?P=sep)\s*{_YEAR}(?!\d){_TIME}", re.IGNORECASE),
    # 02/29/2020 (US order, only reached when the day-first reading is impossible)
    re.compile(rf"(?<![\d.])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/{_YEAR}(?!\d){_TIME}", re.IGNORECASE),
    # 29 February 2020, 29. Februar 2020, 29 de febrero de 2020, 1er mars 2020
    re.compile(
        rf"(?<!\d)(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|º|°)?\.?\s*(?:de\s+)?(?P<mon>{MONTH_PATTERN})\b\.?,?\s*(?:de\s+)?{_YEAR}(?!\d){_TIME}",
        re.IGNORECASE,
    ),
    # February 29, 2020; Feb. 29 2020
    re.compile(
        rf"\b(?P<mon>{MONTH_PATTERN})\b\.?\s*(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d){_TIME}", re.IGNORECASE
    ),
)  # fmt: skip
# 2月29日 12:20 without a year (resolved from the URL or the fetch date)
_YEARLESS = re.compile(rf"(?<![\d年])(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日{_TIME}")
_COMPACT = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>[0-2]\d|3[01])\s*$")
_TIMESTAMP = re.compile(r"^\s*(1[0-9]{9})(\d{3})?\s*$")
_URL_DAY_DIR = re.compile(r"/(3[01]|[12]\d|0[1-9])(?=/)")
_URL_SLASH_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/")
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/_]?(?P<m>1[0-2]|0[1-9])(?:[-/_]?(?P<d>3[01]|[12]\d|0[1-9]))?(?!\d)"
)


def find_date(text: str, *, yearless: bool = False) -> re.Match | None:
    """The first (leftmost) date in ``text``; ``yearless`` also accepts ``2月29日``."""
    best = None
    patterns = _PATTERNS + (_YEARLESS,) if yearless else _PATTERNS
    for pattern in patterns:
        found = pattern.search(text)
        if found and (best is None or found.start() < best.start()):
            best = found
    return best


def parse_datetime(
    raw: str | None, tz: tzinfo, *, url: str | None = None, fetched_at: datetime | None = None
) -> datetime | None:
    """Parse ``raw`` into an aware datetime; naive values are taken in ``tz``."""
    if not raw:
        return None
    stamp = _TIMESTAMP.match(raw)
    if stamp:
        return datetime.fromtimestamp(int(stamp.group(1)), UTC).astimezone(tz)
    found = find_date(raw) or _COMPACT.match(raw)
    if found:
        return _build(found, found.group("y"), tz)
    found = _YEARLESS.search(raw)
    if found:
        return _build(found, _guess_year(int(found.group("m")), url, fetched_at), tz)
    return None


def date_from_url(url: str | None) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) from a date in the URL path, e.g. ``/2020-02/29/``."""
    if not url:
        return None
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    partial = None
    for found in _URL_DATE.finditer(path):
        day = found.group("d") or _day_after(path, found.end())
        if day:
            return int(found.group("y")), int(found.group("m")), int(day)
        partial = partial or (int(found.group("y")), int(found.group("m")), None)
    found = _URL_SLASH_DATE.search(path)  # /2017/7/12/ (no zero padding)
    return (int(found.group("y")), int(found.group("m")), int(found.group("d"))) if found else partial


def _day_after(path: str, end: int) -> str | None:
    """The day in ``/2020-02/29/``: a two-digit directory right after the year-month."""
    match = _URL_DAY_DIR.match(path, end)
    return match.group(1) if match else None


def _guess_year(month: int, url: str | None, fetched_at: datetime | None) -> int | None:
    from_url = date_from_url(url)
    if from_url:
        return from_url[0]
    if fetched_at is None:
        return None
    return fetched_at.year - 1 if month > fetched_at.month else fetched_at.year


def _build(found: re.Match, year: str | int | None, tz: tzinfo) -> datetime | None:
    groups = found.groupdict()
    if year is None:
        return None
    month = int(groups["m"]) if groups.get("m") else MONTH_NUMBERS[groups["mon"].lower()]
    hour, minute, second = (int(groups.get(k) or 0) for k in ("H", "M", "S"))
    ampm = (groups.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        value = datetime(int(year), month, int(groups["d"]), hour, minute, second)
    except ValueError:
        return None
    zone = _zone(groups.get("tz")) if groups.get("H") else None
    return value.replace(tzinfo=zone or tz)


def _zone(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text[0] in "+-":
        digits = text[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:4])
        return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))
    offset = ZONE_OFFSETS.get(text.lower())
    return None if offset is None else timezone(timedelta(minutes=offset))
