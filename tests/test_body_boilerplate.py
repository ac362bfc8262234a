"""Name and line tests that decide what counts as boilerplate."""

from __future__ import annotations

import lxml.html
import pytest

from newsspider.extract import boilerplate, labels
from newsspider.extract.boilerplate import is_boilerplate_line, is_negative, is_unlikely
from newsspider.extract.density import weight


def _div(names: str):
    return lxml.html.fragment_fromstring(f'<div class="{names}">x</div>')


@pytest.mark.parametrize("names", ["article-share", "share-bar", "post-meta", "relatedPosts", "xgxw", "mod-tags",
                                   "comments", "footer-links", "breadcrumb", "newsletterbox", "sharebar-top",
                                   "relatedposts", "socialicons"])  # fmt: skip
def test_negative_names(names):
    assert is_negative(_div(names))


@pytest.mark.parametrize("names", ["TRS_Editor", "article-content", "main-content", "hotel", "content", "c",
                                   "article-body share-enabled", "commentary-body", "adventure", "hotline"])  # fmt: skip
def test_not_negative_names(names):
    assert not is_negative(_div(names))


def test_bem_element_words_name_part_of_an_item_not_page_furniture():
    assert not is_negative(_div("subbuzz__header subbuzz__title"))
    assert not is_negative(_div("card__footer"))
    assert is_negative(_div("card__share"))
    assert is_negative(_div("site-footer__links"))


def test_unlikely_spares_a_block_that_another_name_calls_content():
    assert not is_unlikely(_div("entry-body has-sidebar"))
    assert is_unlikely(_div("detail-content--recommend"))  # "content" inside a negative name protects nothing


@pytest.mark.parametrize(
    "line",
    ["您当前的位置 : 聚焦海口>原创>", "分享到：微信 微博", "版权声明：本网所有稿件，未经本网书面授权，不得转载",
     "琼ICP备12345678号", "举报电话：0898-12345678", "Copyright © 2020 Example", "相关新闻", "点击排行",
     "海口网 http://www.hkwb.net 时间:2020-02-29 12:20", "来源：海南日报 作者：卢海浪", "2024-05-20 06:48",
     "平台声明：该文观点仅代表作者本人", "以上内容为用户上传并发布，本平台仅提供信息存储服务",
     "Share or comment on this article: Headline", "11:09 PM PDT • May 19, 2024",
        "Lea también: Impiden ingreso a reporteros", "Read more: Council budget", "欢迎关注微信公众号：某某科技",
     "王某某，书法家协会会员，作品多次入选全国大展…… [详细]", "The mayor opened the new bridge on Friday... Read more »",
     "Get more local news delivered straight to your inbox. Sign up for free newsletters and alerts.",
     "By signing up you agree to our Terms of Use and Privacy Policy.", "Get our free weekly newsletter",
     "Senin, 20 Mei 2024 18:04 WIB", "sexta-feira, 22 de outubro de 2010 às 20:13", "Montag, 3. März 2024 um 10:15 Uhr",
     "ADVERTISEMENT", "- Anzeige -", "Story continues below advertisement", "7 days ago", "Copy link", "Share",
     "2 dari 8 halaman", "Page 2 of 8", "目次を開く", "举报",
     "【声明】本网转载此文目的在于传递更多信息，不代表本网观点。", "本站转载本文是出于传递更多信息之目的",
     "文章内容仅供参考，不代表本站立场。", "Agencia AFP", "(dpa)", "Source: Reuters", "… we have a small favour to ask.",
     "Los artículos de opinión expresan la posición de sus autores y no necesariamente la de este periódico.",
     "原标题：小屏幕连起大服务 市三医院“智慧病房”投用", "相关热词搜索：BRT交通", "附件：", "完", "（完）",
     "本帖最后由 江边钓叟 于 2024-3-16 10:27 编辑",
     "本文经授权发布，不代表鲸跃立场。如若转载请联系原作者。"],
)  # fmt: skip
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["海口网2月29日消息(记者卢海浪)今天上午，全市召开复工复产推进会。", "记者从市发布会获悉，全市景区今起恢复开放。",
     "The council said the new timetable starts in May.", "Related reading is fun but rarely short.",
     "He paused... and then asked for more.", "The paper launched three newsletters last year, editors said.",
     "Le 3 mars 2024 il a plu toute la journée.", "Advertisements were banned from the trams in 1990.",
     "He went 2 of 8 from the field.", "Share prices fell 3% on Monday.", "举报人已向警方提交证据。",
     "发言人表示，上述言论不代表本国政府立场。", "AP reporters spoke to the mayor.", "The EFE agency said nothing.",
     "附件中列出了全部项目。", "这部电影的原标题是《春》。", "完成项目申报的单位名单见下表。"],
)  # fmt: skip
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["图片来源：江城轨道交通年报", "江城有轨电车  图片来源：江城融媒", "【责任编辑：王某】", "（本文来源：江城日报）",
     "备注：开放时间：5月12日-5月18日", "出处：江城日报", "相关资讯请关注：江城专区", "本篇文章阅读次数：35"],
)  # fmt: skip
def test_a_label_after_a_short_qualifier_is_a_metadata_line(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", ["注：文中所引古诗出处：", "文中引用的老照片来源：", "以下为本届获奖作品名单及作者："])
def test_a_label_word_ending_a_longer_phrase_is_article_text(line):
    assert len(line) <= boilerplate.META_LINE_MAX_CHARS and boilerplate.META_LINE.search(line)
    assert not is_boilerplate_line(line)


_META_ROLES = (labels.DATE, labels.UPDATED, labels.SOURCE)


@pytest.mark.parametrize("label", [label.text for label in labels.LABELS if label.role in _META_ROLES] + ["作者", "编辑"])
def test_every_name_date_or_source_label_ending_a_phrase_is_text(label):
    assert not is_boilerplate_line(f"下面列出文中引用的这些{label}：")
    assert is_boilerplate_line(f"{label}：江城日报 2024-03-01")


@pytest.mark.parametrize("label", [label.text for label in labels.LABELS if label.role == labels.NOISE])
def test_every_counter_or_button_label_is_furniture_after_any_phrase(label):
    assert is_boilerplate_line(f"相关资讯欢迎大家{label}：江城专区")


def test_profile_phrase_marks_a_line():
    assert is_boilerplate_line("本文转自某公众号", ("转自某公众号",))


def test_weight_counts_cjk_double():
    assert weight("ab") == 2
    assert weight("海口") == 4
