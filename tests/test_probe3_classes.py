"""Classes found by the third blind probe (Chinese and international pages): each rule with the smallest page that needs it."""

from __future__ import annotations

import lxml.html
import pytest

from newsspider import extract_article
from newsspider.extract import indextable
from newsspider.extract.noise import in_noise
from newsspider.extract.titles import KICKER_WORDS, strip_site

PARAGRAPH = "记者从市政府新闻发布会上获悉，今年全市将新建改建城市道路四十条，方便群众出行。"


def _in(markup: str):
    return lxml.html.document_fromstring(f"<html><body>{markup}</body></html>").get_element_by_id("x")


def test_a_noise_named_wrapper_holding_the_article_paragraphs_is_layout():
    """class="content_maincontent_more": "more" names link boxes, but this one holds the article."""
    paragraphs = f"<p>{PARAGRAPH}</p>" * 3
    assert not in_noise(_in(f'<div class="content_more">{paragraphs}<div id="x">【编辑:李岩】</div></div>'))
    assert in_noise(_in(f'<div class="content_more"><p>{PARAGRAPH}</p><div id="x">【编辑:李岩】</div></div>'))
    linked = f"<p><a href='/1.htm'>{PARAGRAPH}</a></p>" * 3  # teaser paragraphs with links stay noise
    assert in_noise(_in(f'<div class="more_news">{linked}<div id="x">2024-03-16</div></div>'))


def test_a_linkless_row_of_a_layout_table_is_not_a_list_item():
    rows = "".join(f"<tr><td><a href='/{n}.htm'>上一篇 第{n}条</a></td></tr>" for n in range(3))
    table = f"<table>{rows}<tr><td id='x'>作者：何静 更新时间：2024-4-8 11:20:35</td></tr></table>"
    assert not in_noise(_in(table))
    linked = f"<table>{rows}<tr><td><a href='/9.htm'>另一篇</a> <span id='x'>2024-4-8</span></td></tr></table>"
    assert in_noise(_in(linked))


@pytest.mark.parametrize("label", sorted(indextable.INDEX_LABELS))
def test_every_index_label_counts_towards_a_disclosure_index(label):
    others = [name for name in ("索引号", "发布机构", "有效性") if name != label][:2]
    cells = "".join(f"<tr><th>{name}</th><td>值</td></tr>" for name in [label, *others])
    assert indextable.is_index_block(lxml.html.fragment_fromstring(f"<table>{cells}</table>"))
    two = "".join(f"<tr><th>{name}</th><td>值</td></tr>" for name in others)
    assert not indextable.is_index_block(lxml.html.fragment_fromstring(f"<table>{two}</table>"))


def _page(head_block: str, body: str, url: str = "http://www.hz.gov.cn/art/7.html") -> dict:
    html = (
        '<html><head><meta charset="utf-8"><title>省厅部署春季防控工作_门户网站</title></head><body>'
        f'{head_block}<div class="article"><h1>省厅部署春季防控工作</h1>{body}'
        f'<div class="content">{"".join(f"<p>{PARAGRAPH}</p>" for _ in range(4))}</div></div></body></html>'
    )
    return extract_article(html.encode(), url)


def test_a_disclosure_index_table_over_the_article_is_not_body():
    index = (
        '<div class="xxgk_table"><table><tr><th>索引号</th><td>1153/2024-00321</td><th>分类</th><td>畜牧兽医</td></tr>'
        "<tr><th>发布机构</th><td>省农业农村厅</td><th>发文日期</th><td>2024年04月22日</td></tr>"
        "<tr><th>名称</th><td colspan='3'>省农业农村厅关于部署全省春季重大动物疫病防控工作的通知</td></tr></table></div>"
    )
    item = _page(index, '<div class="property">发布时间：2024-04-22 10:05</div>')
    assert item["body"].startswith(PARAGRAPH) and "索引号" not in item["body"]


def test_a_date_line_showing_only_an_update_gives_the_date_unless_the_url_names_another_day():
    line = "<div>作者：何静 更新时间：2024-4-8 11:20:35</div><p>4月7日，我院篮球联赛在东区体育馆开赛。</p>"
    assert _page("", line)["published_at"] == "2024-04-08T11:20:35+08:00"
    assert _page("", line, "http://www.hz.edu.cn/2024-03-01/7.html")["published_at"].startswith("2024-03-01")


def test_a_short_sentence_opening_with_a_day_is_not_a_date_line():
    item = _page("", "<p>4月7日，我院篮球联赛在东区体育馆开赛。</p><div>来源：校团委</div>", "http://a.cn/news/7.html")
    assert "-04-07" not in (item["published_at"] or "")


@pytest.mark.parametrize(
    ("title", "headline"),
    [("泓城晚报数字报-边角地变身口袋公园", "边角地变身口袋公园"), ("江屿新闻网-市民乐季开幕", "市民乐季开幕"),
     ("全国两会政府工作报告解读-新华网", "全国两会政府工作报告解读"), ("某某市召开大会-澎湃", "某某市召开大会")],
)  # fmt: skip
def test_a_site_name_leading_the_title_before_a_bare_hyphen_is_dropped(title, headline):
    assert strip_site(title) == headline


@pytest.mark.parametrize("name", ["pic-note", "img-note", "photo-title", "picms"])
def test_a_caption_block_named_so_after_an_image_is_its_caption(name):
    """The line under a picture in a block named as its note is its caption (a credit inside it stays with it)."""
    caption = "开幕音乐会现场，银发民乐团演奏《渔舟唱晚》。记者 戚明 摄"
    html = (
        '<html><head><meta charset="utf-8"><title>市民乐季开幕</title></head><body><article><h1>市民乐季开幕</h1>'
        f"<div class='content'>{''.join(f'<p>{PARAGRAPH}{n}</p>' for n in range(4))}</div>"
        f'<div class="article-pic"><img src="/p/1.jpg"><p class="{name}">{caption}</p></div></article></body></html>'
    )
    item = extract_article(html.encode(), "http://a.cn/news/7.html")
    assert caption not in item["body"]
    assert item["images"] == [{"url": "http://a.cn/p/1.jpg", "caption": caption}]


def _de_page(title_tag: str, h1: str) -> dict:
    """A German article page with this <title> and this h1, four paragraphs of text."""
    text = "".join(f"<p>Der Stadtrat hat am Mittwoch den Bau einer neuen Brücke über den Fluss beschlossen {n}.</p>"
                   for n in range(4))  # fmt: skip
    html = f"<html><head><title>{title_tag}</title></head><body><article><h1>{h1}</h1>{text}</article></body></html>"
    return extract_article(html.encode(), "https://www.zeitung.de/a/1.html")


@pytest.mark.parametrize("word", KICKER_WORDS)
def test_a_kicker_span_leading_the_headline_is_not_part_of_the_title(word):
    h1 = f'<span class="article-{word}">Geburtshilfe</span> Kreisklinik schließt Geburtsstation'
    assert _de_page("Kreisklinik schließt Geburtsstation | Kreisbote", h1)["title"] == "Kreisklinik schließt Geburtsstation"
    plain = h1.replace(f'class="article-{word}"', 'class="label"')
    assert _de_page("Kreisklinik schließt Geburtsstation | Kreisbote", plain)["title"].startswith("Geburtshilfe")


def test_a_kicker_joined_to_the_headline_by_a_colon_stays_in_the_title():
    h1 = '<span class="kicker">Zugverkehr</span>: Im ICE nach Barcelona'
    assert _de_page("Zugverkehr: Im ICE nach Barcelona | Zeitung", h1)["title"] == "Zugverkehr: Im ICE nach Barcelona"


def test_a_kicker_the_title_tag_shows_with_a_colon_joins_the_headline_and_leaves_the_body():
    item = _de_page("Stadtrat: Neue Brücke beschlossen | Zeitung",
                    '<span class="kicker">Stadtrat</span><span class="headline">Neue Brücke beschlossen</span>')  # fmt: skip
    assert item["title"] == "Stadtrat: Neue Brücke beschlossen"
    assert item["body"].startswith("Der Stadtrat hat")


def test_a_credit_line_inside_the_headline_gives_the_date_and_leaves_the_title():
    html = (
        '<html><head><meta charset="utf-8"><title>BRT3号线开通 日均客流破20万_渭川网</title></head><body><div class="main">'
        "<h1>BRT3号线开通 日均客流破20万<br><span>2024-03-16 08:35:27&nbsp;&nbsp;来源：渭川日报&nbsp;&nbsp;点击：</span></h1>"
        f"<div class='content'>{''.join(f'<p>{PARAGRAPH}{n}</p>' for n in range(4))}</div></div></body></html>"
    )
    item = extract_article(html.encode(), "http://www.wcnews.cn/html/2024/0316/7.html")
    assert item["title"] == "BRT3号线开通 日均客流破20万"
    assert item["published_at"] == "2024-03-16T08:35:27+08:00" and item["source"] == "渭川日报"


@pytest.mark.parametrize(
    ("value", "names"),
    [("本报记者　孟　欣　刘嘉琪", ["孟欣", "刘嘉琪"]), ("责任编辑：葛　文", ["葛文"]), ("卢 海 浪", ["卢海浪"]),
     ("文：张三", ["张三"]), ("文/图 张三", ["张三"]), ("孟　欣 刘嘉琪 王　五", ["孟欣", "刘嘉琪", "王五"])],
)  # fmt: skip
def test_characters_padded_to_a_names_width_are_one_name(value, names):
    from newsspider.normalize.people import clean_names

    assert clean_names([value]) == names


def test_a_credit_row_with_font_size_buttons_is_not_a_list_item():
    rows = "".join(f"<tr><td><a href='/{n}.htm'>上一篇 第{n}条</a></td></tr>" for n in range(3))
    buttons = "【<a href='javascript:doZoom(16)'>大</a> <a href='javascript:doZoom(14)'>中</a>】"
    assert not in_noise(_in(f"<table>{rows}<tr><td id='x'>作者：廖春华 {buttons}</td></tr></table>"))


@pytest.mark.parametrize(
    "shown",
    ["2024年3月16日（星期六）<br>香港時間15時30分", "2024年3月16日（星期六）香港時間15時30分", "2024年3月16日 星期六 15:30"],
)
def test_a_weekday_and_a_clock_name_between_the_day_and_its_time(shown):
    """Hong Kong government press releases sign off with the day, its weekday and 香港時間 on the next line."""
    html = (
        '<html lang="zh-HK"><head><meta charset="utf-8"><title>政府公布二月份零售業銷貨數字</title></head><body>'
        f"<div id='pressrelease'><h1>政府公布二月份零售業銷貨數字</h1>{''.join(f'<p>{PARAGRAPH}{n}</p>' for n in range(4))}"
        f"<p>完<br>{shown}<br></p></div></body></html>"
    )
    item = extract_article(html.encode(), "https://www.info.gov.hk/gia/general/202403/16/P2024031600441.htm")
    assert item["published_at"] == "2024-03-16T15:30:00+08:00"
    assert "15" not in item["body"].splitlines()[-1]


@pytest.mark.parametrize(("first", "reply"), [("postmessage_3381206", "postmessage_3381231"), ("read_tpc", "read_3381231")])
def test_a_forum_thread_is_its_opening_post_without_the_replies(first, reply):
    replies = "".join(
        f"<div class='post'><div class='authi'><a href='space-uid-{n}.html'>网友{n}</a></div>"
        f"<div id='{reply}{n}'>回复 楼主：说得没错，周末人确实多，停车场十点就满了，大家早点出门{n}。</div></div>"
        for n in range(3)
    )
    html = (
        '<html><head><meta charset="utf-8"><title>滨江湿地公园遛娃攻略 - 亲子游 - 江城论坛</title></head><body>'
        "<h1>滨江湿地公园遛娃攻略</h1><div class='post'><div class='authi'><a href='space-uid-205518.html'>江边钓叟</a>"
        f"</div><div id='{first}'>{''.join(f'<p>{PARAGRAPH}{n}</p>' for n in range(3))}</div></div>{replies}</body></html>"
    )
    item = extract_article(html.encode(), "https://bbs.jc.cn/thread-1-1-1.html")
    assert item["body"].startswith(PARAGRAPH) and "回复" not in item["body"]
    assert item["authors"] == ["江边钓叟"]


@pytest.mark.parametrize(
    ("title", "headline"),
    [("市消协发布年度消费投诉分析报告 -- 梧南新闻网", "市消协发布年度消费投诉分析报告"),
     ("Co--operation pays off", "Co--operation pays off")],
)
def test_a_spaced_double_hyphen_separates_the_site_name(title, headline):
    assert strip_site(title) == headline


@pytest.mark.parametrize(("line", "authors", "editors"), [("作者：通讯员 彭晓辉 摄影 龙佳", ["彭晓辉"], []),
                                                            ("3小时前 · 编辑 蒋一鸣", [], ["蒋一鸣"])])  # fmt: skip
def test_a_role_label_after_a_space_without_its_colon(line, authors, editors):
    from newsspider.extract.creditlines import parse_line
    from newsspider.normalize.people import clean_names

    found = parse_line(line)
    assert clean_names(found.authors) == authors and clean_names(found.editors) == editors
