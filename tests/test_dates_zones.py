"""Table tests: date formats and their precision, time-zone inference, language validation, no made-up offsets."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newsspider.chain import extract_article, normalize_dates
from newsspider.items import Article, ChainContext
from newsspider.normalize.dates import FORMATS, Shown, shown_date
from newsspider.normalize.language import ISO_639_3_USED, parse_language
from newsspider.normalize.zones import (
    OFFSETS_IN_USE,
    ZONE_BY_COUNTRY,
    ZONE_BY_LANGUAGE,
    Zone,
    infer_zone,
    render,
)


@pytest.mark.parametrize("entry", FORMATS, ids=lambda entry: entry.name)
def test_every_format_reads_its_example(entry):
    assert entry.pattern.search(entry.example)
    assert shown_date(entry.example) is not None


@pytest.mark.parametrize(
    ("raw", "value", "precision", "offset"),
    [
        ("2020-02-29", datetime(2020, 2, 29), "day", None),
        ("2020年2月29日 12:20", datetime(2020, 2, 29, 12, 20), "minute", None),
        ("2022-02-13 20:04:17", datetime(2022, 2, 13, 20, 4, 17), "second", None),
        ("29.02.2020, 14:30 Uhr", datetime(2020, 2, 29, 14, 30), "minute", None),
        ("02/29/2020", datetime(2020, 2, 29), "day", None),
        ("29 de febrero de 2020", datetime(2020, 2, 29), "day", None),
        ("Feb. 29, 2020 3:05 pm EST", datetime(2020, 2, 29, 15, 5), "minute", -300),
        ("09:41, 12 MAR 2024", datetime(2024, 3, 12, 9, 41), "minute", None),
        ("Reporter09:41, 12 MAR 2024", datetime(2024, 3, 12, 9, 41), "minute", None),
        ("2020-02-29T12:20:00+08:00", datetime(2020, 2, 29, 12, 20), "second", 480),
        ("2020-02-29T04:20:00Z", datetime(2020, 2, 29, 4, 20), "second", 0),
        ("1582950000", datetime(2020, 2, 29, 4, 20), "second", 0),
        ("3.4.2025 8:05", datetime(2025, 4, 3, 8, 5), "minute", None),
    ],
)
def test_shown_date_value_precision_and_stated_offset(raw, value, precision, offset):
    assert shown_date(raw) == Shown(value, precision, offset)


@pytest.mark.parametrize(("country", "zone"), sorted(ZONE_BY_COUNTRY.items()))
def test_every_country_zone_exists_and_is_inferred_from_region_and_domain(country, zone):
    assert infer_zone(None, country, None) == ZoneInfo(zone)
    assert infer_zone(None, None, f"news.example.{country.lower()}") == ZoneInfo(zone)


@pytest.mark.parametrize(("language", "zone"), sorted(ZONE_BY_LANGUAGE.items()))
def test_every_language_zone_exists_and_is_inferred(language, zone):
    assert infer_zone(language, None, "news.example.com") == ZoneInfo(zone)


@pytest.mark.parametrize(
    ("language", "region", "host", "expected"),
    [
        ("ja", None, "example.com", "+09:00"),
        (None, None, "www.example.jp", "+09:00"),
        ("zh", "CN", "example.com", "+08:00"),
        (None, None, "www.example.cn", "+08:00"),
        ("de", None, "example.com", "+01:00"),  # Berlin in winter...
        ("en", None, "example.com", None),  # English is written in many zones: no inference
        ("fr", None, "example.com", None),
        ("en", "GB", "example.com", "+00:00"),
    ],
)
def test_inference_in_winter(language, region, host, expected):
    zone = infer_zone(language, region, host)
    got = zone.utcoffset(datetime(2024, 1, 15, 12)) if zone else None
    assert (None if got is None else datetime(2024, 1, 15, 12, tzinfo=zone).isoformat()[-6:]) == expected


def test_berlin_inference_follows_summer_time():
    zone = Zone(infer_zone("de", None, "example.com"), "inferred")
    assert render(Shown(datetime(2024, 7, 1, 12), "minute"), zone) == ("2024-07-01T12:00:00+02:00", "inferred")


@pytest.mark.parametrize("offset", sorted(OFFSETS_IN_USE))
def test_offsets_in_use_are_real_offsets(offset):
    assert -12 * 60 <= offset <= 14 * 60 and offset % 15 == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zh-CN", ("zh", "CN")), ("zh_CN", ("zh", "CN")), ("en", ("en", None)), ("de-DE", ("de", "DE")),
        ("zh-Hans-CN", ("zh", "CN")), ("es-419", ("es", "419")), ("yue-HK", ("yue", "HK")), ("JA", ("ja", None)),
        ("utf-8", None), ("utf8", None), ("text/html", None), ("1", None), ("", None), (None, None),
        ("gb2312", None), ("xx", None), ("english", None),
    ],
)  # fmt: skip
def test_language_values_are_validated(value, expected):
    tag = parse_language(value)
    assert (tuple(tag) if tag else None) == expected


@pytest.mark.parametrize("code", sorted(ISO_639_3_USED))
def test_every_listed_three_letter_language_is_accepted(code):
    assert parse_language(code).language == code


@pytest.mark.parametrize(
    ("shown", "zone", "expected"),
    [
        (Shown(datetime(2024, 3, 12), "day"), None, ("2024-03-12", "none")),
        (Shown(datetime(2024, 3, 12), "day"), Zone(ZoneInfo("Asia/Tokyo"), "inferred"), ("2024-03-12", "none")),
        (Shown(datetime(2024, 3, 12, 9, 41), "minute"), None, ("2024-03-12T09:41:00", "none")),
        (Shown(datetime(2024, 3, 12, 9, 41), "minute", -300), None, ("2024-03-12T09:41:00-05:00", "page")),
        (Shown(datetime(2024, 3, 12, 9, 41), "minute"), Zone(ZoneInfo("Asia/Tokyo"), "profile"),
         ("2024-03-12T09:41:00+09:00", "profile")),
    ],
)  # fmt: skip
def test_render_never_writes_midnight_or_an_offset_nobody_stated(shown, zone, expected):
    assert render(shown, zone) == expected


PARAGRAPH = "<p>" + "The council voted on Tuesday to back the plan for a new bridge over the river. " * 4 + "</p>"


def _article(line: str, head: str = "", url: str = "https://news.example.com/a/1.html") -> dict:
    html = (
        f"<html><head><title>Council backs the new river bridge plan</title>{head}</head><body>"
        f"<h1>Council backs the new river bridge plan</h1><div class='byline'>{line}</div>{PARAGRAPH}</body></html>"
    )
    return extract_article(html.encode(), url)


@pytest.mark.parametrize(
    ("line", "head", "url", "published", "tz", "precision"),
    [
        ("Reporter09:41, 12 MAR 2024", "", "https://news.example.com/a/1.html", "2024-03-12T09:41:00", "none", "minute"),
        ("3.4.2025 8:05", '<meta property="article:published_time" content="2025-04-02T23:35:00Z">',
         "https://news.example.com/a/1.html", "2025-04-03T08:05:00", "none", "minute"),
        ("2024年05月10日06:58", '<meta http-equiv="Content-Language" content="utf-8">',
         "http://www.example.cn/a/1.html", "2024-05-10T06:58:00+08:00", "inferred", "minute"),
        ("12 March 2024", "", "https://news.example.com/a/1.html", "2024-03-12", "none", "day"),
        ("2024-03-12 09:41", "", "https://www.example.jp/a/1.html", "2024-03-12T09:41:00+09:00", "inferred", "minute"),
    ],
)  # fmt: skip
def test_no_offset_is_made_up(line, head, url, published, tz, precision):
    item = _article(line, head, url)
    assert (item["published_at"], item["published_at_tz"], item["published_at_precision"]) == (
        published, tz, precision
    )


def test_a_charset_in_content_language_sets_no_language():
    assert _article("12 March 2024", '<meta http-equiv="Content-Language" content="utf-8">')["language"] is None


def test_the_profile_zone_is_named_as_the_source():
    item = Article({"published_at_raw": "2020-02-29 12:20", "url": "http://x/"}, context=ChainContext("Asia/Tokyo"))
    item = normalize_dates(item)
    assert (item["published_at"], item["published_at_tz"]) == ("2020-02-29T12:20:00+09:00", "profile")
