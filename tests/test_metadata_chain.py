"""The exported metadata of a regional page through the whole chain (extract_article)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsspider.chain import extract_article, normalize_dates, normalize_people, normalize_source
from newsspider.items import Article, ChainContext

PAGE = Path(__file__).parent / "pages" / "meta" / "regional_related_lists.html"


def test_regional_page_metadata_end_to_end():
    item = extract_article(
        PAGE.read_bytes(), "http://www.example.cn/jj/yc/1.html", fetched_at=datetime(2020, 3, 2, tzinfo=UTC)
    )
    assert item["title"] == "南湖公园春季花展开幕 市民踏青赏花"
    assert item["published_at"] == "2020-02-29T12:20:00+08:00"
    assert item["published_at_raw"] == "2020-02-29 12:20"
    assert item["updated_at"] is None
    assert item["authors"] == ["张晓明", "李四海"]
    assert item["editors"] == ["王丽丽"]
    assert item["source"] == "示例城市网"
    assert item["section"] == "聚焦本地 > 原创"
    assert item["tags"] == ["花展", "南湖公园", "踏青", "春季"]
    assert item["language"] == "zh"


def test_naive_dates_take_the_profile_zone_then_an_inferred_one_else_no_offset():
    base = {
        "published_at_raw": "2020-02-29 12:20",
        "fetched_at": "2020-03-01T00:00:00+00:00",
        "url": "http://x/",
    }
    assert (
        normalize_dates(Article(base, context=ChainContext("Europe/Berlin")))["published_at"] == "2020-02-29T12:20:00+01:00"
    )
    assert normalize_dates(Article(base, language="zh"))["published_at"] == "2020-02-29T12:20:00+08:00"
    assert normalize_dates(Article(base, language="en"))["published_at"] == "2020-02-29T12:20:00"  # no zone: none made up
    assert normalize_dates(Article(base, language="en"))["published_at_tz"] == "none"
    assert normalize_dates(Article(base, language="zh"))["published_at_tz"] == "inferred"
    offset = {**base, "published_at_raw": "2020-02-29T12:20:00-05:00", "language": "zh"}
    assert normalize_dates(Article(offset))["published_at"] == "2020-02-29T12:20:00-05:00"


def test_yearless_date_uses_the_fetch_date_in_the_chain():
    item = {"published_at_raw": "2月29日 12:20", "fetched_at": "2020-03-05T00:00:00+00:00", "url": "http://x/a.htm",
            "language": "zh"}  # fmt: skip
    assert normalize_dates(Article(item))["published_at"] == "2020-02-29T12:20:00+08:00"


def test_editor_is_never_author_and_source_is_never_a_person():
    item = normalize_people(Article(authors=["记者卢海浪", "云梦怡"], editors=["责任编辑：云梦怡"]))
    assert item["authors"] == ["卢海浪"]
    assert item["editors"] == ["云梦怡"]
    site = ChainContext(site_name="示例网")
    item = normalize_source(Article(item, source="来源：新华社 作者：卢海浪", context=site))
    assert item["source"] == "新华社"
    assert normalize_source(Article(item, source="卢海浪", context=site))["source"] == "示例网"


def test_utc_markup_with_a_local_time_shown_keeps_the_local_time_and_offset():
    page = b"""<html><head><meta property="article:published_time" content="2023-11-09T05:30:59+00:00">
    <title>Mayor wins second term - Example Daily</title></head><body><article><h1>Mayor wins second term</h1>
    <div class="time">PUBLISHED: <time datetime="2023-11-08 23:30:59">November 8, 2023 at 11:30 p.m.</time></div>
    <p>The mayor won a second term on Tuesday with a comfortable margin, officials said.</p></article></body></html>"""
    item = extract_article(page, "http://example.com/news/mayor")
    assert item["published_at"] == "2023-11-08T23:30:59-06:00"
    assert item["published_at_raw"] == "2023-11-08 23:30:59"


def test_day_only_markup_takes_the_time_from_the_date_line():
    page = """<html><head><meta name="publishdate" content="2020-02-29"><title>港口货运量创新高_示例网</title></head>
    <body><h1>港口货运量创新高</h1><div class="info">时间：2020-02-29 12:20 来源：示例日报</div>
    <p>港口货运量在二月份创下历史新高，集装箱吞吐量同比增长，各项指标稳中向好。</p></body></html>"""
    item = extract_article(page.encode("utf-8"), "http://www.example.cn/a/1.html")
    assert item["published_at"] == "2020-02-29T12:20:00+08:00"
    assert item["source"] == "示例日报"


def test_no_date_is_taken_from_related_or_ranking_lists_even_in_the_fallback():
    page = """<html><head><title>社区食堂开进老旧小区_示例网</title></head><body>
    <h1>社区食堂开进老旧小区</h1><p>社区食堂开进老旧小区，老人们在家门口就能吃上热乎饭菜，价格实惠。</p>
    <div class="related-news"><h3>相关新闻</h3><ul><li><a href="/1.html">食堂一</a> 2020-02-28</li>
    <li><a href="/2.html">食堂二</a> 2020-02-27</li></ul></div>
    <div class="rank"><ol><li><a href="/3.html">热点</a> 2020年02月26日</li></ol></div></body></html>"""
    item = extract_article(page.encode("utf-8"), "http://www.example.cn/a/1.html")
    assert item["published_at"] is None
    assert item["published_at_raw"] is None


def test_a_date_inside_the_lead_sentence_is_not_the_date_line():
    page = """<html lang="de"><head><title>Video frei erfunden | Beispiel</title></head><body>
    <h1>Video frei erfunden</h1><p><strong>BANGKOK: Ein Video, in dem behauptet wird, ein Bote fliege ins Ausland,
    ist frei erfunden, sagte ein Sprecher am Montag (30. Oktober 2023).</strong></p>
    <p>Weitere Einzelheiten nannte der Sprecher nicht, die Ermittlungen dauern an.</p></body></html>"""
    item = extract_article(page.encode("utf-8"), "http://example.de/2023/10/31/video-erfunden.html")
    assert item["published_at"] == "2023-10-31"  # from the URL, not the sentence; a day alone
