"""Metadata of small hand-written pages, one per failure class: dates, credits, title, section, tags, language."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsspider.extract import credits, dates, metadata
from newsspider.extract.page import Page
from newsspider.normalize.dates import parse_datetime
from newsspider.normalize.people import clean_names

PAGES = Path(__file__).parent / "pages" / "meta"
BEIJING = ZoneInfo("Asia/Shanghai")


def load(name: str, url: str = "http://www.example.cn/news/a/1.html") -> Page:
    return Page.from_bytes((PAGES / name).read_bytes(), url)


def published(page: Page, tz=BEIJING, fetched_at=None) -> str | None:
    found = dates.extract_dates(page)
    value = parse_datetime(found.published_raw, tz, url=page.url, fetched_at=fetched_at)
    return value.isoformat() if value else None


@pytest.mark.parametrize(
    ("name", "url", "raw", "iso"),
    [
        # related list, ranking list and the header's "today" all carry other dates
        ("regional_related_lists.html", "http://www.example.cn/a/1.html", "2020-02-29 12:20", "2020-02-29T12:20:00+08:00"),
        # 年月日 line after the title; a dated link list sits above the title
        ("cjk_date_no_time_markup.html", "http://www.example.cn/a/1.html", "2020年02月29日 08:30", "2020-02-29T08:30:00+08:00"),
        ("jsonld_cjk_author.html", "http://www.example.cn/a/1.html", "2020-02-29T12:20:00+08:00", "2020-02-29T12:20:00+08:00"),
        # 2月29日 with the year from the URL
        ("yearless_date.html", "http://www.example.cn/2020-02/29/c_1.htm", "2月29日 12:20", "2020-02-29T12:20:00+08:00"),
        ("english_byline.html", "http://example.com/a", "2020-02-29T09:15:00-05:00", "2020-02-29T09:15:00-05:00"),
        # day-only markup; the date line under the title (past a widget bar) gives the time
        ("date_line_after_widgets.html", "http://www.example.cn/a/1.html", "2024-05-09 22:27:02", "2024-05-09T22:27:02+08:00"),
        ("german_labelled.html", "http://example.de/a", "29. Februar 2020", "2020-02-29T00:00:00+08:00"),
    ],
)  # fmt: skip
def test_published_date(name, url, raw, iso):
    page = load(name, url)
    assert dates.extract_dates(page).published_raw == raw
    assert published(page) == iso


def test_yearless_date_uses_fetch_date_without_url_year():
    page = load("yearless_date.html", "http://www.example.cn/a/1.htm")
    assert published(page, fetched_at=datetime(2020, 3, 5)) == "2020-02-29T12:20:00+08:00"


@pytest.mark.parametrize(
    ("name", "updated"),
    [
        ("cjk_date_no_time_markup.html", "2020年03月01日 10:00"),
        ("jsonld_cjk_author.html", "2020-03-01T09:00:00+08:00"),
        ("regional_related_lists.html", None),
    ],
)
def test_updated_date(name, updated):
    assert dates.extract_dates(load(name)).updated_raw == updated


@pytest.mark.parametrize(
    ("name", "authors", "editors", "source"),
    [
        ("regional_related_lists.html", ["张晓明", "李四海"], ["王丽丽"], "示例城市网"),  # lead credits both
        ("cjk_date_no_time_markup.html", ["卢小海"], ["云小怡"], "示例日报"),  # editor is not the author
        ("jsonld_cjk_author.html", ["周小南", "吴大北"], [], None),  # CJK names without spaces kept
        ("yearless_date.html", ["王小五"], ["赵六六"], None),
        ("english_byline.html", ["Jane Smith", "John Doe"], [], None),
        ("german_labelled.html", ["Max Müller"], [], None),
    ],
)
def test_credits(name, authors, editors, source):
    found = credits.extract_credits(load(name))
    assert clean_names(found.authors) == authors
    assert clean_names(found.editors) == editors
    assert found.source == source


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("regional_related_lists.html", "南湖公园春季花展开幕 市民踏青赏花"),
        ("cjk_date_no_time_markup.html", "全省春耕生产有序推进"),
        ("jsonld_cjk_author.html", "港口货运量创新高"),
        ("yearless_date.html", "城区新增三处口袋公园"),
        ("english_byline.html", "City council approves new bike lanes"),
        ("german_labelled.html", "Neue Radwege für die Innenstadt"),
    ],
)
def test_title(name, title):
    assert metadata.extract_title(load(name)) == title


def test_section_tags_language_description_canonical():
    page = load("regional_related_lists.html")
    assert metadata.extract_section(page) == "聚焦本地 > 原创"
    assert metadata.extract_tags(page) == ["花展", "南湖公园", "踏青", "春季"]
    assert metadata.extract_language(page) == "zh"  # guessed from the script: no lang attribute
    assert metadata.extract_description(page) == "南湖公园春季花展今天开幕。"
    other = load("jsonld_cjk_author.html")
    assert metadata.extract_language(other) == "zh"
    assert metadata.extract_section(other) == "经济"
    assert metadata.extract_canonical(other) == "https://news.example.cn/2020/02/29/port.html"
    assert metadata.extract_tags(load("english_byline.html")) == ["transport", "cycling", "city council"]
    assert metadata.extract_language(load("german_labelled.html")) == "de"


CRUMB_LINKS = "<a href='/'>首页</a> &gt; <a href='/bd/'>本地</a> &gt; <a href='/bd/yc/'>原创</a>"


@pytest.mark.parametrize(
    "holder",
    [
        f"<div class='BreadCrumb'>{CRUMB_LINKS}</div>",
        f"<div id='WeiZhi' data-hint='weizhi'>{CRUMB_LINKS}</div>",  # the page must name a hint as written
        f"<ol itemtype='https://schema.org/BreadcrumbList'>{CRUMB_LINKS}</ol>",
        f"<div class='nav DQWZ' data-hint='dqwz'>{CRUMB_LINKS}</div>",
        f"<div class='mianbao-xie'>{CRUMB_LINKS}</div>",
        f"<div class='daoHang' data-hint='daohang'>{CRUMB_LINKS}</div>",
        f"<div><span>您当前的位置：</span>{CRUMB_LINKS}</div>",  # the label's element is no link holder
        f"<p>当前位置：{CRUMB_LINKS}</p>",
    ],
)
def test_breadcrumb_by_attribute_word_in_any_case_or_position_label(holder):
    html = f"<html><body><div class='x'>导航</div>{holder}<h1>标题</h1><p>正文</p></body></html>"
    page = Page.from_bytes(html.encode(), "http://www.example.cn/bd/yc/1.html")
    assert metadata.extract_section(page) == "本地 > 原创"
