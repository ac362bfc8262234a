"""Turn raw date strings into ISO 8601 datetimes with a UTC offset."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from newsspider.normalize.months import (
    MONTH_NUMBERS,
    MONTH_PATTERN,
    TIME_CONNECTORS,
    ZONE_OFFSETS,
    ZONE_PATTERN,
)

_YEAR = r"(?P<y>(?:19[5-9]|20[0-4])\d)"
# Between a Chinese date and its time: the weekday in brackets and the place's clock, 2024年3月16日（星期六）香港時間15時30分
CJK_BEFORE_TIME = r"\s*(?=[（(星周週礼禮香北台澳时時])(?:[（(]?\s*(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]\s*[)）]?)?\s*(?:(?:香港|北京|台北|澳门|澳門)?(?:时间|時間))?\s*"
_TIME = (
    rf"(?:(?:\s*[T,|\-–—·•]?\s*(?:(?<=\s)(?:{TIME_CONNECTORS})\s+)?|\s*日\s*|{CJK_BEFORE_TIME})"
    r"(?P<H>[01]?\d|2[0-3])\s*(?:[:：时時點点hH]|\.(?=[0-5]\d(?![\d.])))\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d))?(?:[.,]\d{1,9})?"
    r"\s*(?:秒|分|Uhr|h)?\s*(?P<ampm>[ap]\.?m\.?)?"
    rf"(?:\s*(?P<tz>[+-](?:[01]\d|2[0-3]):?[0-5]\d|(?:{ZONE_PATTERN})\b)(?:\s*[+-]\d{{1,2}}(?::?\d\d)?)?)?)?"
)


@dataclass(frozen=True)
class DateFormat:
    """One way pages write a date: a name, its pattern and an example it must read (tested one by one)."""

    name: str
    pattern: re.Pattern
    example: str


def _format(name: str, pattern: str, example: str, *, time_after: bool = True) -> DateFormat:
    return DateFormat(name, re.compile(pattern + (_TIME if time_after else ""), re.IGNORECASE), example)


# Lookaheads in front of the month-name alternation (about 150 names, case-insensitive, tried one by one): a month
# name is a run of letters, so a position where no letter run stands before the day (or after the day) cannot
# match, and is turned away before the names are tried; the same matches at a fraction of the cost
# (tests/test_extract_shortcuts.py compares them with the patterns without these lookaheads).
_MONTH_AHEAD = r"(?=[^\W\d_]+\.?\s*\d)"
_DAY_AHEAD = r"(?=(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|º|°)?\.?\s*(?:de\s+)?[^\W\d_])"
# The time part (optional, with seconds, am/pm, a stated offset or zone) follows every format; the precision of
# a match is "day" without it, "minute" or "second" with it.
FORMATS: tuple[DateFormat, ...] = (
    _format("year-month-day", rf"(?<!\d){_YEAR}\s*[-/.年]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?", "2020年2月29日 12:20"),
    _format("day.month.year", rf"(?<![\d.])(?P<d>3[01]|[12]\d|0?[1-9])\s*(?P<sep>[./-])\s*(?P<m>1[0-2]|0?[1-9])\s*(?P=sep)\s*{_YEAR}(?!\d)", "29.02.2020, 14:30 Uhr"),
    # US order, only reached when the day-first reading is impossible
    _format("month/day/year", rf"(?<![\d.])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/{_YEAR}(?!\d)", "02/29/2020"),
    _format("day month-name year", rf"(?<!\d){_DAY_AHEAD}(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|º|°)?\.?\s*(?:de\s+)?(?P<mon>{MONTH_PATTERN})\b\.?,?\s*(?:de\s+)?{_YEAR}(?!\d)", "29 de febrero de 2020"),
    # a time of day in front of the date: "09:41, 12 MAR 2024" (broadcasters' bylines)
    _format("time, day month-name year", rf"(?<![\d:])(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?,?\s+(?P<d>3[01]|[12]\d|0?[1-9])\.?\s*(?P<mon>{MONTH_PATTERN})\b\.?,?\s*{_YEAR}(?!\d)", "09:41, 12 MAR 2024", time_after=False),
    _format("month-name day, year", rf"\b{_MONTH_AHEAD}(?P<mon>{MONTH_PATTERN})\b\.?\s*(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)", "Feb. 29, 2020 3:05 pm EST"),
)  # fmt: skip
_PATTERNS = tuple(entry.pattern for entry in FORMATS)
# 2月29日 12:20 without a year (resolved from the URL or the fetch date)
_YEARLESS = re.compile(rf"(?<![\d年])(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日{_TIME}")
_REQUIRED_TIME = _TIME[:-1]  # the same time part, not optional
_SHORT = r"(?<![\d\-/.:])"  # a short numeric shape starts on its own, not inside 2024-03-16 or 10:03-16
# Shapes read only in the page's shown text (date lines, a profile's selector), never alone in markup: the year
# is missing (taken from the URL, else the fetch date) or written with two digits (20yy). A short numeric shape
# needs its time of day, so a score or a range (3-16) is no date.
SHOWN_FORMATS: tuple[DateFormat, ...] = (
    DateFormat("month-day (Chinese)", _YEARLESS, "2月29日 12:20"),  # first: the only one without a hyphen
    DateFormat("yy-mm-dd time", re.compile(
        rf"{_SHORT}(?P<yy>[0-4]\d)-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])(?![\d\-]){_REQUIRED_TIME}"
    ), "20-02-29 12:20"),
    DateFormat("mm-dd time", re.compile(
        rf"{_SHORT}(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])(?![\d\-]){_REQUIRED_TIME}"
    ), "02-29 12:20"),
)  # fmt: skip
_SHOWN_PATTERNS = tuple(entry.pattern for entry in SHOWN_FORMATS)
_COMPACT = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>[0-2]\d|3[01])\s*$")
_TIMESTAMP = re.compile(r"^\s*(1[0-9]{9})(\d{3})?\s*$")
_URL_DAY_DIR = re.compile(r"/(3[01]|[12]\d|0[1-9])(?=/)")
_URL_SLASH_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/")
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/_]?(?P<m>1[0-2]|0[1-9])(?:[-/_]?(?P<d>3[01]|[12]\d|0[1-9]))?(?!\d)"
)


def find_date(text: str, *, yearless: bool = False, pos: int = 0) -> re.Match | None:
    """The first (leftmost) date in ``text`` from ``pos`` on; ``yearless`` also accepts SHOWN_FORMATS (``2月29日``,
    ``02-29 12:20``)."""
    return _find_date(text, yearless, pos)


@lru_cache(maxsize=2048)  # the date scan, the noise test, the scoring and the chain read the same strings again
def _find_date(text: str, yearless: bool, pos: int) -> re.Match | None:
    best = None
    patterns = _PATTERNS
    if yearless:
        patterns += _SHOWN_PATTERNS if "-" in text else _SHOWN_PATTERNS[:1]  # the numeric shapes need a hyphen
    for pattern in patterns:
        found = pattern.search(text, pos)
        if found and (best is None or found.start() < best.start()):
            best = found
    return best


@dataclass(frozen=True)
class Shown:
    """A date as the page shows it: wall-clock value, how precise it is, and the offset the page states (if any)."""

    value: datetime  # naive
    precision: str  # "day", "minute" or "second"
    offset: int | None = None  # minutes east of UTC, only when the string itself states it (+08:00, Z, CET)


def shown_date(raw: str | None, *, url: str | None = None, fetched_at: datetime | None = None) -> Shown | None:
    """Read ``raw`` into a :class:`Shown`; a Unix timestamp is an instant (offset 0, second precision)."""
    if not raw:
        return None
    stamp = _TIMESTAMP.match(raw)
    if stamp:
        return Shown(datetime.fromtimestamp(int(stamp.group(1)), UTC).replace(tzinfo=None), "second", 0)
    found = find_date(raw) or _COMPACT.match(raw)
    if found:
        return _build(found, found.group("y"))
    for pattern in _SHOWN_PATTERNS:
        found = pattern.search(raw)
        if found and found.groupdict().get("yy"):
            return _build(found, 2000 + int(found.group("yy")))
        if found:
            return _build(found, _guess_year(int(found.group("m")), url, fetched_at))
    return None


def parse_datetime(
    raw: str | None, tz: tzinfo, *, url: str | None = None, fetched_at: datetime | None = None
) -> datetime | None:
    """Parse ``raw`` into an aware datetime; naive values are taken in ``tz``."""
    shown = shown_date(raw, url=url, fetched_at=fetched_at)
    if shown is None:
        return None
    if shown.offset is None:
        return shown.value.replace(tzinfo=tz)
    stated = shown.value.replace(tzinfo=timezone(timedelta(minutes=shown.offset)))
    return stated.astimezone(tz) if _TIMESTAMP.match(raw) else stated


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


def _build(found: re.Match, year: str | int | None) -> Shown | None:
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
    if not groups.get("H"):
        return Shown(value, "day")
    return Shown(value, "second" if groups.get("S") else "minute", _zone(groups.get("tz")))


def _zone(text: str | None) -> int | None:
    """Minutes east of UTC of a stated offset (``+08:00``, ``-0500``) or zone abbreviation (``CET``)."""
    if not text:
        return None
    if text[0] in "+-":
        digits = text[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:4])
        return -minutes if text[0] == "-" else minutes
    return ZONE_OFFSETS.get(text.lower())
