"""Table tests for normalize.dates.parse_datetime: formats, offsets, zones and year-less dates."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newsspider.normalize.dates import date_from_url, find_date, parse_datetime

BEIJING = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("raw", "tz", "expected"),
    [
        ("2020-02-29 12:20", BEIJING, "2020-02-29T12:20:00+08:00"),
        ("2020年02月29日 12:20", BEIJING, "2020-02-29T12:20:00+08:00"),
        ("2020年2月29日12时20分", BEIJING, "2020-02-29T12:20:00+08:00"),
        ("2020/2/29", BEIJING, "2020-02-29T00:00:00+08:00"),
        ("2020.02.29 08:05:09", BEIJING, "2020-02-29T08:05:09+08:00"),
        ("2020-02-29T12:20:00+08:00", UTC, "2020-02-29T12:20:00+08:00"),
        ("2020-02-29T04:20:00Z", BEIJING, "2020-02-29T04:20:00+00:00"),
        ("2020-02-29T12:20:00.000+0800", UTC, "2020-02-29T12:20:00+08:00"),
        ("2020-02-29 12:20", BERLIN, "2020-02-29T12:20:00+01:00"),  # tz-naive: the profile's zone
        ("2020-07-01 12:20", BERLIN, "2020-07-01T12:20:00+02:00"),  # ... with its summer offset
        ("29.02.2020", UTC, "2020-02-29T00:00:00+00:00"),
        ("29.02.2020, 14:30 Uhr", BERLIN, "2020-02-29T14:30:00+01:00"),
        ("29. Februar 2020", UTC, "2020-02-29T00:00:00+00:00"),
        ("1er mars 2020 à 14h30", UTC, "2020-03-01T14:30:00+00:00"),
        ("29 de febrero de 2020", UTC, "2020-02-29T00:00:00+00:00"),
        ("February 29, 2020", UTC, "2020-02-29T00:00:00+00:00"),
        ("Feb. 29, 2020 3:05 pm EST", UTC, "2020-02-29T15:05:00-05:00"),
        ("Sat, 29 Feb 2020 12:20:00 GMT", BEIJING, "2020-02-29T12:20:00+00:00"),
        ("02/29/2020", UTC, "2020-02-29T00:00:00+00:00"),  # only the month-first reading is a date
        ("1582950000", BEIJING, "2020-02-29T12:20:00+08:00"),  # unix timestamp
        ("20200229", UTC, "2020-02-29T00:00:00+00:00"),
    ],
)
def test_parse_datetime(raw, tz, expected):
    assert parse_datetime(raw, tz).isoformat() == expected


@pytest.mark.parametrize(
    "raw", ["", None, "no date here", "2020-13-45", "31.02.2020", "1988", "Seite 2 von 2020"]
)
def test_unparseable_gives_none(raw):
    assert parse_datetime(raw, UTC) is None


@pytest.mark.parametrize(
    ("raw", "url", "fetched_at", "expected"),
    [
        ("2月29日 12:20", "http://www.example.cn/news/2020-02/29/c_1.htm", None, "2020-02-29T12:20:00+08:00"),
        ("2月29日", "http://www.example.cn/2020/0229/a.shtml", None, "2020-02-29T00:00:00+08:00"),
        (
            "12月30日 09:00",
            "http://www.example.cn/a/1.htm",
            datetime(2021, 1, 2),
            "2020-12-30T09:00:00+08:00",
        ),
        ("3月1日", "http://www.example.cn/a/1.htm", datetime(2021, 6, 2), "2021-03-01T00:00:00+08:00"),
    ],
)
def test_yearless_dates_take_the_year_from_url_or_fetch_date(raw, url, fetched_at, expected):
    assert parse_datetime(raw, BEIJING, url=url, fetched_at=fetched_at).isoformat() == expected


def test_yearless_date_without_any_year_hint_is_none():
    assert parse_datetime("2月29日", BEIJING, url="http://www.example.cn/a/1.htm") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://x.cn/2020-02/29/c_1.htm", (2020, 2, 29)),
        ("http://x.cn/content/2020/02/29/1.html", (2020, 2, 29)),
        ("http://x.cn/html/20200229/1.html", (2020, 2, 29)),
        ("http://x.cn/202002/t20200229_1.html", (2020, 2, 29)),
        ("http://x.cn/news/2020-02/index.html", (2020, 2, None)),
        ("http://x.cn/a/123.html", None),
        ("https://blog.example.de/home/2017/7/12/some-post", (2017, 7, 12)),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


def test_find_date_returns_the_written_string():
    text = "海口网 时间:2020-02-29 12:20 来源:海口网"
    assert find_date(text).group(0).strip() == "2020-02-29 12:20"
