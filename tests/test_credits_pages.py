"""Credits from small hand-written pages: portal names, script text, editors and other roles."""

from __future__ import annotations

from newsspider.extract.credits import extract_credits
from newsspider.extract.page import Page

HEAD = '<html lang="zh-CN"><head><meta charset="utf-8"><meta property="og:site_name" content="{site}">{meta}</head>'


def _credits(body: str, site: str = "示例资讯网", meta: str = ""):
    html = HEAD.format(site=site, meta=meta) + f"<body><h1>标题</h1>{body}</body></html>"
    return extract_credits(Page.from_bytes(html.encode("utf-8"), "http://news.example.cn/a/1.html", {}))


def test_portal_name_from_meta_is_not_an_author():
    assert _credits("<p>正文内容。</p>", site="示例资讯网", meta='<meta name="author" content="示例资讯">').authors == []


def test_blog_owner_named_in_site_name_stays_author():
    found = _credits("<p>正文内容。</p>", site="张三的博客", meta='<meta name="author" content="张三">')
    assert found.authors == ["张三"]


def test_script_text_never_reaches_a_field():
    found = _credits(
        '<div class="info">来源：城东日报 点击数：<script>document.write("来源：假的 作者：假的")</script>'
        " 作者：张三</div>"
    )
    assert found.source == "城东日报"
    assert found.authors == ["张三"]


def test_editors_and_roles_from_every_credit_line():
    found = _credits("<p>编辑：李四 来源：城东日报</p><p>正文内容。</p><p>摄影：王五 责任编辑：赵六 审核：钱七</p>")
    assert found.editors == ["李四", "赵六"]
    assert found.credits == [("photo", "王五"), ("review", "钱七")]


def test_labelled_author_and_dateline_both_count():
    found = _credits("<p>作者：城东宣传部</p><p>本站讯（职工通讯员 李琴 刘会）为推进工作，单位举办了比赛。</p>")
    assert found.authors == ["城东宣传部", "职工通讯员 李琴 刘会"]  # cleaned to names by normalize/people
