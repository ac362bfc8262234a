"""Body extraction on small hand-written pages modelled on real layouts (one failure class per test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsspider.extract.body import extract_body
from newsspider.extract.page import Page
from newsspider.sites.profile import Selectors, SiteProfile

PAGES = Path(__file__).parent / "pages" / "body"
URL = "https://www.example-city.cn/news/2020/02/29/1.html"


def _body(name: str, title: str | None = None, profile: SiteProfile | None = None):
    page = Page.from_bytes((PAGES / name).read_bytes(), URL)
    return extract_body(page, profile, title)


@pytest.fixture(scope="module")
def portal():
    return _body("portal_article.html", "我市春季旅游市场持续升温")


def test_lead_paragraph_kept_with_reporter(portal):
    assert portal.body.startswith("示例城市网2月29日消息(记者王小明)今天上午")
    assert len(portal.body.split("\n")) == 3


@pytest.mark.parametrize(
    "furniture",
    ["您当前的位置", "时间:2020-02-29", "来源：", "分享到", "微博", "版权声明", "相关新闻", "赏花节开幕式",
     "点击排行", "便民停车位", "琼ICP备", "互联网新闻信息服务许可证", "举报电话", "report@", "All Rights Reserved",
     "Copyright", "[作者:王小明]", "首页", "我市春季旅游市场持续升温"],
)  # fmt: skip
def test_portal_furniture_left_out(portal, furniture):
    assert furniture not in portal.body


def test_centered_caption_goes_to_images_not_body(portal):
    assert "湖畔公园赏花" not in portal.body
    assert portal.images == [
        {
            "url": "https://www.example-city.cn/upload/2020/02/spring.jpg",
            "caption": "游客在湖畔公园赏花。记者王小明 摄",
        }
    ]  # the 16x16 share icon is skipped


def test_article_split_into_blocks_is_joined():
    result = _body("split_blocks.html", "Harbour ferry timetable changes from Monday")
    lines = result.body.split("\n")
    assert lines[0].startswith("The harbour ferry will run")
    assert lines[-1].startswith("The transport office said it would review")
    assert len(lines) == 4
    assert "Advertisement" not in result.body and "Most read" not in result.body
    assert "Copyright" not in result.body


def test_figcaption_share_bar_and_related_links_left_out():
    result = _body("figure_and_widgets.html", "Volunteers restore the old lighthouse")
    assert result.body.split("\n")[0].startswith("A group of volunteers")
    assert result.body.split("\n")[-1].startswith("Guided tours will start in May")
    for furniture in ("restored lighthouse at sunset", "Share on", "Related", "Storm damage", "newsletter"):
        assert furniture not in result.body
    assert result.images == [{"url": "https://www.example-city.cn/media/lighthouse.jpg",
                              "caption": "The restored lighthouse at sunset."}]  # fmt: skip


def test_br_separated_text_in_gbk_page_with_editor_credit():
    result = _body("br_lines.html", "县里新建三座便民桥")
    lines = result.body.split("\n")
    assert lines[0].startswith("本报讯（通讯员 赵强）近日")
    assert len(lines) == 3
    assert "责编" not in result.body


def test_profile_selectors_and_phrases_are_honoured():
    profile = SiteProfile(
        id="example_city",
        name="示例城市网",
        domains=("example-city.cn",),
        start_urls=("https://www.example-city.cn/",),
        article_url=r"/news/",
        selectors=Selectors(body="div.article-body", drop=("p[style]",)),
        boilerplate_phrases=("文旅局有关负责人",),
    )
    result = _body("portal_article.html", "我市春季旅游市场持续升温", profile)
    assert result.body.split("\n") == [
        "示例城市网2月29日消息(记者王小明)今天上午，市文旅局召开新闻发布会，介绍春季旅游市场的最新情况，全市各主要景区接待游客人数同比增长明显。",
        "据介绍，今年春季全市共推出各类文旅活动一百二十余项，涵盖赏花、徒步、民俗、美食等多个主题，覆盖城乡各个区域。",
    ]
    assert result.images == []  # the image paragraph was dropped by the profile selector


def test_empty_page_gives_no_body():
    page = Page.from_bytes(b"", URL)
    assert extract_body(page, None, None).body is None


def test_short_article_beats_cookie_notice_teaser_stream_and_keeps_lead():
    result = _body("short_article_teasers.html", "市区两条公交线路本周六起调整")
    assert result.body.split("\n") == [
        "为方便新建小区居民出行，市公交集团决定对两条线路的走向和站点进行优化。",
        "记者从市公交集团获悉，自本周六起，8路和15路公交线路将延伸至城北新区，新增站点四个，首末班时间保持不变。",
        "公交集团提醒，调整期间部分站牌信息更新可能有延迟，乘客可通过官方客户端查询实时到站信息。",
    ]


def test_marked_lead_outside_the_text_block_is_kept():
    result = _body("lead_outside.html", "New cycle lanes open on the river road")
    lines = result.body.split("\n")
    assert lines[0] == "Four kilometres of protected lanes link the old town with the university campus."
    assert lines[1].startswith("The city opened four kilometres")
    assert len(lines) == 4 and "Sam Lee" not in result.body


def test_unnamed_standfirst_between_title_and_text_is_kept():
    result = _body("lead_in_header.html", "Library extends opening hours during exams")
    lines = result.body.split("\n")
    assert (
        lines[0] == "The main reading room will stay open until midnight on weekdays for the next six weeks."
    )
    assert len(lines) == 3 and "Ann Park" not in result.body


def test_preformatted_code_keeps_its_lines():
    html = (
        "<html><head><title>Install notes</title></head><body><div class='post-body'>"
        "<p>Run these two commands on a fresh machine to install the service and start it for the first time.</p>"
        "<pre>apt-get install demo\nsystemctl start demo\n</pre>"
        "<p>After a minute the dashboard is available on port 8080 of the same machine, without further steps.</p>"
        "</div></body></html>"
    )
    result = extract_body(Page.from_bytes(html.encode(), URL), None, "Install notes")
    assert result.body.split("\n")[1:3] == ["apt-get install demo", "systemctl start demo"]


def test_block_sharing_only_body_with_title_gets_no_title_boost():
    result = _body("body_level_promo.html", "Night buses return to the river line")
    assert result.body.startswith("Night buses will return to the river line")
    assert "morning briefing" not in result.body


def test_fragments_in_separate_rows_are_all_joined():
    result = _body("split_rows.html", "Library extends weekend opening hours")
    lines = result.body.split("\n")
    assert lines[0].startswith("The central library will open")
    assert lines[-1].startswith("Readers can still return books")
    assert len(lines) == 4


def test_anchored_headings_and_highlighted_code_are_kept():
    result = _body("code_and_anchored_headings.html", "Rendering on the server side")
    lines = result.body.split("\n")
    assert "The move to the server side #" in lines
    assert "# start the render server" in lines
    assert "node server.js --port 3000" in lines


def test_text_after_a_block_inside_a_link_counts_as_link_text():
    result = _body("card_links_in_body.html", "Water main repairs close Elm Street")
    assert result.body.startswith("Elm Street will be closed")
    assert "simple trick" not in result.body and "parking rules" not in result.body


def test_closing_author_bio_is_dropped_but_not_a_quoted_expert():
    result = _body("author_bio_tail.html", "Chipmaker delays new factory")
    assert "Dana Lee is a senior analyst" in result.body
    assert "Sam Carter" not in result.body
    assert result.body.endswith("it said in a statement.")


def test_list_items_keep_their_headings():
    result = _body("list_items.html", "Five easy day trips from the city")
    lines = result.body.split("\n")
    assert lines[0] == "1. The lake villages"
    assert "3. The wine terraces" in lines
    assert len(lines) == 6


def test_teaser_card_of_another_story_inside_the_article_is_dropped():
    result = _body("teaser_cards_inside.html", "Week in review: new phones and tablets")
    assert "thinnest tablet" not in result.body and "keyboard and a stylus" not in result.body
    assert len(result.body.split("\n")) == 3


def test_multi_paragraph_figcaption_is_text_but_a_caption_is_not():
    result = _body("figcaption_panel.html", "Minister answers critics of the new school plan")
    assert "The minister then answered the critics directly:" in result.body
    assert "we will not accept a campaign against our teachers" in result.body
    assert "A primary school in the capital." not in result.body
    assert result.images[1]["caption"] == "A primary school in the capital."


def test_verse_set_with_line_breaks_beside_the_notes_is_kept():
    result = _body("verse_beside_notes.html", "夜读")
    lines = result.body.split("\n")
    assert lines[0] == "深夜看书灯下坐，"
    assert "不觉窗外已三更。" in lines
    assert lines[-1].startswith("夜深人静的时候")


def test_linked_words_inside_a_sentence_stay_and_widget_labels_go():
    result = _body("inline_tag_links.html", "River town opens a new footbridge")
    lines = result.body.split("\n")
    assert lines[0].startswith("MILLBROOK - The footbridge over the River Wend opened on Saturday")
    assert "the steel deck was lifted" in lines[1]
    assert lines[-1].startswith("The old ferry")
    assert len(lines) == 3  # no title line, "3 hours ago", ad label, share/copy-link buttons or pager
    assert not result.body.endswith("Millbrook")  # the tag list below the text is dropped
