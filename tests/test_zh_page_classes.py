"""Rules added for classes of Chinese pages found by the blind probe (fixtures/pages/probe_zh_*): one test per entry."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsspider.extract import credits, dateanchor, metadata
from newsspider.extract.boilerplate import is_boilerplate_line
from newsspider.extract.datescan import scan
from newsspider.extract.page import Page
from newsspider.normalize.dates import SHOWN_FORMATS, Shown, find_date, shown_date
from newsspider.normalize.people import clean_names

URL_2020 = "http://www.example.cn/2020/0229/a_1.html"


def _page(body: str, head: str = "", url: str = "http://www.example.cn/news/a/1.html") -> Page:
    html = f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    return Page.from_bytes(html.encode(), url)


@pytest.mark.parametrize("entry", SHOWN_FORMATS, ids=lambda entry: entry.name)
def test_every_shown_format_reads_its_example(entry):
    assert entry.pattern.search(entry.example)
    assert find_date(entry.example, yearless=True) is not None
    assert find_date(entry.example) is None  # never read where a full date is required (markup, meta)
    assert shown_date(entry.example, url=URL_2020) == Shown(datetime(2020, 2, 29, 12, 20), "minute")


@pytest.mark.parametrize(
    ("raw", "url", "fetched_at", "expected"),
    [
        ("24-03-16 09:30", None, None, datetime(2024, 3, 16, 9, 30)),  # a two-digit year needs no hint
        ("03-16 09:30", "https://m.example.com/2024/0316/n_1.html", None, datetime(2024, 3, 16, 9, 30)),
        ("12-30 09:00", "http://www.example.cn/a/1.htm", datetime(2025, 1, 2), datetime(2024, 12, 30, 9, 0)),
    ],
)
def test_shown_formats_take_their_year(raw, url, fetched_at, expected):
    assert shown_date(raw, url=url, fetched_at=fetched_at).value == expected


@pytest.mark.parametrize("text", ["比分 3-16 落后", "03-16", "2024-03-16 09:30", "电话 0571-12-16 09:30", "10:03-16 09:30"])
def test_short_shapes_are_no_date_without_a_time_or_inside_a_longer_number(text):
    found = find_date(text, yearless=True)
    assert found is None or found.group("y") == "2024"  # only the full date itself


@pytest.mark.parametrize("word", dateanchor.HEADLINE_ATTR_WORDS)
def test_headline_attribute_word_anchors_the_date_line(word):
    """No h1: the element whose class names a title and repeats <title> anchors the unlabelled date line."""
    body = (
        "<div class='top'><span>2024-03-17 08:00</span></div>"
        f"<div class='h-{word}'>全国春灌工作全面展开</div>"
        "<div class='info'><span>2024-03-01 19:40:26</span><span>来源：新华网</span></div><p>正文。</p>"
    )
    page = _page(body, "<title>全国春灌工作全面展开-新华资讯</title>")
    assert scan(page).published == "2024-03-01 19:40:26"


@pytest.mark.parametrize("key", ["ArticleTitle", "og:title"])
def test_title_meta_names_the_headline(key):
    """Hanweb/TRS pages: <td class="title"> and a <title> with the site's name after a plain space."""
    attr = "property" if ":" in key else "name"
    head = f"<title>青山区召开安全生产工作会议 青山区人民政府</title><meta {attr}='{key}' content='青山区召开安全生产工作会议'>"
    page = _page("<table><tr><td class='title'>青山区召开安全生产工作会议</td></tr></table><p>正文。</p>", head)
    assert metadata.extract_title(page) == "青山区召开安全生产工作会议"
    assert key.lower() in metadata.TITLE_META


@pytest.mark.parametrize("key", metadata.SITE_NAME_META)
def test_site_name_meta(key):
    attr = "property" if ":" in key else "name"
    page = _page("<p>正文。</p>", f"<meta {attr}='{key}' content='青山区人民政府'>")
    assert metadata.site_name(page) == "青山区人民政府"


@pytest.mark.parametrize("word", metadata.HOME_WORDS)
def test_home_word_is_no_section(word):
    page = _page(f"<div class='path'><a href='/'>{word}</a> » <a href='/local/'>本地</a></div><h1>标题</h1>")
    assert metadata.extract_section(page) == "本地"


@pytest.mark.parametrize("holder", ["<div class='pos'>您的位置：首页 &gt;&gt; 非遗</div>",
                                    "<div class='location'>当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>"])  # fmt: skip
def test_breadcrumb_written_as_text(holder):
    page = _page(f"<div class='menu'><a>首页</a><a>非遗</a></div>{holder}<h1>标题</h1><p>正文。</p>")
    assert metadata.extract_section(page) in ("非遗", "政务公开 > 政策文件")


@pytest.mark.parametrize(
    "line",
    ["本文为澎湃号作者或机构在澎湃资讯上传并发布，仅代表该作者或机构观点，不代表澎湃资讯的观点或立场，澎湃资讯仅提供信息发布平台。",
     "发表于 2024-3-16 21:05:33 | 只看该作者 | 倒序浏览 | 阅读模式", "主题 23 | 帖子 411 | 积分 1320", "只看楼主"],
)  # fmt: skip
def test_platform_and_forum_furniture_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", ["此文不仅代表作者的看法，也代表了许多读者。", "主题公园的帖子在网上流传。"])
def test_article_lines_like_furniture_stay(line):
    assert not is_boilerplate_line(line)


def test_outlet_reporter_and_labelled_names_keep_their_order():
    page = _page("<h1>小小茶叶托起乡村振兴大产业</h1><div class='body'><p>经济日报记者 郑北 通讯员 许南</p><p>正文。</p></div>")
    assert clean_names(credits.extract_credits(page).authors) == ["郑北", "许南"]


@pytest.mark.parametrize("href", ["space-uid-88123.html", "home.php?mod=space&uid=88123"])
def test_forum_poster_is_the_author(href):
    body = (f"<table><tr><td class='pls'><div class='authi'><a href='{href}'>江边的风</a></div></td>"
            "<td><em id='authorposton1'>发表于 2024-3-16 21:05:33</em><div>帖子正文。</div></td></tr></table>")  # fmt: skip
    assert credits.extract_credits(_page(body)).authors == ["江边的风"]


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("更新时间：2024-04-03 09:12　发布时间：2024-04-02 17:30　来源：新区融媒体中心", "2024-04-02 17:30", "2024-04-03 09:12"),
        ("发布时间：2024-04-02 17:30　更新时间：2024-04-03 09:12", "2024-04-02 17:30", "2024-04-03 09:12"),
        ("修改日期：2024-04-03", None, "2024-04-03"),
    ],
)  # fmt: skip
def test_the_label_nearest_a_date_names_it(line, published, updated):
    page = _page(f"<h1>湖滨新区公布首批人才公寓配租名单</h1><div class='info'>{line}</div><p>正文。</p>")
    found = scan(page)
    assert (found.published, found.updated) == (published, updated)


@pytest.mark.parametrize("bar", ["|", "｜", "/"])
def test_a_label_with_a_bar_ends_the_value_before_it(bar):
    from newsspider.extract.creditlines import parse_line

    found = parse_line(f"文 {bar} 周末 编辑 {bar} 阿青")
    assert (clean_names(found.authors), clean_names(found.editors)) == (["周末"], ["阿青"])
