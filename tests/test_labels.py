"""One test per entry of the credit-rules table (newsspider/extract/labels.py), in both scripts.

Adding a label to ``labels.LABELS`` means adding its line to ``LABEL_LINES`` here; ``test_every_label_has_a_line``
fails until it is there.
"""

from __future__ import annotations

import pytest

from newsspider.chain import normalize_people
from newsspider.extract import labels
from newsspider.extract.creditlines import parse_line
from newsspider.items import Article
from newsspider.normalize.people import clean_credits, clean_names, clean_source, is_outlet_name

# label text -> a credit line using it. The expected result follows from the label's role: authors/editors/
# source get 张三/张三/某某日报; date, updated and noise labels end the author's value (作者：张三 <label>：…);
# every other role lands in ``credits`` as {"role": role, "name": "张三"}.
LABEL_LINES: dict[str, str] = {
    "作者": "作者：张三",
    "文": "文：张三",
    "撰文": "撰文：张三",
    "撰稿": "撰稿：张三",
    "采写": "采写：张三",
    "执笔": "执笔：张三",
    "文字": "文字：张三",
    "文/图": "文/图 张三",
    "图/文": "图/文：张三",
    "文图": "文图：张三",
    "记者": "记者 张三",
    "本报记者": "本报记者 张三",
    "特约记者": "特约记者：张三",
    "首席记者": "首席记者 张三",
    "通讯员": "通讯员：张三",
    "报导": "报导：张三",
    "报道": "报道：张三",
    "编辑": "编辑：张三",
    "责任编辑": "【责任编辑：张三】",
    "责编": "责编：张三",
    "值班编辑": "值班编辑：张三",
    "网络编辑": "网络编辑：张三",
    "图片编辑": "图片编辑：张三",
    "美术编辑": "美术编辑：张三",
    "视频编辑": "视频编辑：张三",
    "来源": "来源：某某日报",
    "来源于": "来源于：某某日报",
    "稿源": "稿源：某某日报",
    "稿件来源": "稿件来源：某某日报",
    "信息来源": "信息来源：某某日报",
    "文章来源": "文章来源：某某日报",
    "新闻来源": "新闻来源：某某日报",
    "出处": "出处：某某日报",
    "转自": "转自：某某日报",
    "供稿": "供稿：某某日报",
    "供稿单位": "供稿单位：某某日报",
    "时间": "作者：张三 时间：2024-03-16 08:15",
    "日期": "作者：张三日期：2024-03-16",
    "发布时间": "作者：张三  发布时间：2024年03月16日",
    "发布日期": "作者：张三 发布日期：2024-03-16",
    "发表时间": "作者：张三 发表时间：03-16 08:15",
    "发表日期": "作者：张三发表日期：03-16",
    "发稿时间": "作者：张三 发稿时间：08:15",
    "发布": "作者：张三发布：3小时前",
    "更新时间": "作者：张三 更新时间：2024-03-16",
    "更新日期": "作者：张三 更新日期：2024-03-16",
    "修改时间": "作者：张三 修改时间：2024-03-16",
    "点击": "作者：张三 点击：120",
    "点击数": "作者：张三 点击数：document.write(Math.floor(Math.random()*100))",
    "点击量": "作者：张三 点击量：120",
    "浏览": "作者：张三 浏览：120次",
    "浏览次数": "作者：张三 浏览次数：120",
    "浏览量": "作者：张三浏览量：120",
    "阅读": "作者：张三 阅读：120",
    "阅读量": "作者：张三 阅读量：120",
    "阅读数": "作者：张三 阅读数：120",
    "访问量": "作者：张三 访问量：120",
    "字号": "作者：张三 【字号：大 中 小】",
    "字体": "作者：张三 字体：【 大 中 小 】",
    "打印": "作者：张三 打印：本页",
    "分享": "作者：张三 分享：微信",
    "分享到": "作者：张三 分享到：微博",
    "关闭": "作者：张三 关闭：窗口",
    "收藏": "作者：张三 收藏：0",
    "评论": "作者：张三 评论：0",
    "举报": "作者：张三 举报：电话",
    "关注": "作者：张三 关注：我们",
    "总篇数": "作者：张三 总篇数：919",
    "摄影": "摄影：张三",
    "摄像": "摄像：张三",
    "图": "图：张三",
    "图片": "图片：张三",
    "制图": "制图：张三",
    "视频": "视频：张三",
    "审核": "审核：张三",
    "审校": "审校：张三",
    "终审": "终审：张三",
    "校对": "校对：张三",
    "监制": "监制：张三",
    "统筹": "统筹：张三",
    "策划": "策划：张三",
    "主编": "主编：张三",
    "签发": "签发：张三",
    "选稿": "选稿：张三",
    "翻译": "翻译：张三",
    "编译": "编译：张三",
    "设计": "设计：张三",
    "出品": "出品：张三",
    "制作": "制作：张三",
}


def _expected(role: str) -> tuple[list[str], list[str], str | None, list[dict]]:
    if role == labels.AUTHOR:
        return ["张三"], [], None, []
    if role == labels.EDITOR:
        return [], ["张三"], None, []
    if role == labels.SOURCE:
        return [], [], "某某日报", []
    if role in labels.VALUELESS_ROLES:
        return ["张三"], [], None, []
    return [], [], None, [{"role": role, "name": "张三"}]


def _parsed(line: str) -> tuple[list[str], list[str], str | None, list[dict]]:
    found = parse_line(line)
    return clean_names(found.authors), clean_names(found.editors), clean_source(found.source), clean_credits(
        found.credits
    )


def test_every_label_has_a_line():
    assert sorted(LABEL_LINES) == sorted(label.text for label in labels.LABELS)


@pytest.mark.parametrize("label", labels.LABELS, ids=lambda label: label.text)
def test_label(label: labels.Label):
    line = LABEL_LINES[label.text]
    assert label.text in line
    assert _parsed(line) == _expected(label.role)
    assert _parsed(labels.traditional(line)) == tuple(
        [labels.traditional(v) for v in part] if isinstance(part, list) and part and isinstance(part[0], str)
        else labels.traditional(part) if isinstance(part, str)
        else [{**e, "name": labels.traditional(e["name"])} for e in part] if part and isinstance(part[0], dict)
        else part
        for part in _expected(label.role)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("记者", "記者"), ("编辑", "編輯"), ("责任编辑", "責任編輯"), ("来源", "來源"), ("责编", "責編"), ("摄影", "攝影"),
     ("审核", "審核"), ("校对", "校對"), ("监制", "監製"), ("统筹", "統籌"), ("通讯员", "通訊員"), ("点击", "點擊")],
)  # fmt: skip
def test_traditional_spelling(simplified, traditional):
    assert labels.traditional(simplified) == traditional
    assert labels.role_of(traditional) == labels.role_of(simplified)


@pytest.mark.parametrize(("simplified", "alternate"), [("发布时间", "發佈時間"), ("发布日期", "發佈日期")])
def test_traditional_alternate_spelling(simplified, alternate):
    """发布 is 發布 on Taiwan pages and 發佈 in Hong Kong: both are the label, neither leaks into a name."""
    assert alternate in labels.variants(simplified)
    assert labels.role_of(alternate) == labels.role_of(simplified)
    assert parse_line(f"記者：陳家豪　{alternate}：2024年3月16日 15:45").authors == ["陳家豪"]


@pytest.mark.parametrize("ending", labels.REPORT_ENDINGS)
def test_report_ending_closes_a_reporter_byline(ending):
    text = f"2024/03/16 10:20 記者王小明／台北{ending}"
    assert labels.dateline_names(text) == ("report", "王小明")
    assert labels.dateline_names(f"他说：记者王小明／台北{ending}") is None  # inside a sentence: no byline


@pytest.mark.parametrize("word", labels.ROLE_WORDS)
def test_role_word_is_stripped(word):
    assert clean_names([f"{word} 张三 李四"]) == ["张三", "李四"]
    assert clean_names([labels.traditional(f"{word} 張三")]) == ["張三"]


@pytest.mark.parametrize("prefix", labels.ROLE_PREFIXES)
def test_role_prefix_is_stripped(prefix):
    assert clean_names([f"{prefix}记者张三"]) == ["张三"]


@pytest.mark.parametrize("word", labels.OUTLET_ROLE_WORDS)
def test_outlet_before_role_word_is_stripped(word):
    assert clean_names([f"南都{word} 余毅菁 向雪妮"]) == ["余毅菁", "向雪妮"]


@pytest.mark.parametrize("word", labels.PLACEHOLDERS)
def test_placeholder_is_no_name(word):
    assert clean_names([word]) == []
    assert clean_names([f"作者：{word}"]) == []


@pytest.mark.parametrize("word", labels.NAME_STOPS)
def test_name_stop_ends_the_name(word):
    assert clean_names([f"张三 {word}"]) == ["张三"]


@pytest.mark.parametrize("word", labels.PROFILE_WORDS)
def test_profile_card_is_no_byline(word):
    assert clean_names([f"股市行情 {word}919篇"]) == []


@pytest.mark.parametrize("separator", labels.NAME_SEPARATORS)
def test_name_separator(separator):
    assert clean_names([f"张三{separator}李四"]) == ["张三", "李四"]


@pytest.mark.parametrize("word", labels.NAME_CONJUNCTIONS)
def test_name_conjunction(word):
    assert clean_names([f"Maria London {word} Jan Berg"]) == ["Maria London", "Jan Berg"]
    assert clean_names([f"Mark {word}"]) == [f"Mark {word}"] or word == "and"  # never split before a non-name


@pytest.mark.parametrize("suffix", labels.COMPANY_SUFFIXES)
def test_company_is_no_author(suffix):
    text = f"某某传媒{suffix}" if not suffix.isascii() else f"Chemnitzer Verlag und Druck {suffix}"
    assert labels.is_company(text)
    assert clean_names([text]) == []


DATELINE_LINES: dict[str, tuple[str, list[str]]] = {
    "wire": ("新华社北京3月1日电（记者 张三 李四）近日，", ["张三", "李四"]),
    "lead": ("本报讯（记者 卢海浪 通讯员 王小明）近日，", ["卢海浪", "王小明"]),
    "outlet_reporter": ("光明日报记者 刘一明 陈思远", ["刘一明", "陈思远"]),
    "report": ("记者王小明、李大同／台北报道", ["王小明", "李大同"]),
    "closing": ("活动将先后在三地举行。（赵一）", ["赵一"]),
}


def test_every_dateline_has_a_line():
    assert sorted(DATELINE_LINES) == sorted(line.name for line in labels.DATELINES)


@pytest.mark.parametrize("shape", labels.DATELINES, ids=lambda shape: shape.name)
def test_dateline(shape: labels.Dateline):
    text, names = DATELINE_LINES[shape.name]
    found = labels.dateline_names(text)
    assert found is not None and found[0] == shape.name
    assert clean_names([found[1]]) == names
    assert clean_names([labels.dateline_names(labels.traditional(text))[1]]) == [labels.traditional(n) for n in names]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("人民网南宁5月6日电（赵一、钱二）", ["赵一", "钱二"]),
        ("中新网3月18日电 (记者 王五)", ["王五"]),
        ("本站讯（职工通讯员 李琴雯 刘会）为深入推进", ["李琴雯", "刘会"]),
        ("（评论员 罗博 萧海川）", ["罗博", "萧海川"]),
    ],
)
def test_more_dateline_shapes(text, names):
    assert clean_names([labels.dateline_names(text)[1]]) == names


@pytest.mark.parametrize("text", ["活动圆满结束。（完）", "详见下图。（组图）", "会议召开。（新华社）", "普通的一句话。"])
def test_not_a_dateline(text):
    assert labels.dateline_names(text) is None


@pytest.mark.parametrize("suffix", labels.PORTAL_SUFFIXES)
def test_portal_suffix(suffix):
    assert labels.is_portal_name("示例", f"示例{suffix}")
    assert labels.is_portal_name(f"示例{suffix}", "示例")
    assert not labels.is_portal_name("张三", f"张三的博客{suffix}")


def test_portal_name_is_the_site_itself():
    assert labels.is_portal_name("新浪科技", "新浪科技")
    assert not labels.is_portal_name("张三", "张三的博客")


@pytest.mark.parametrize("label", labels.LATIN_SOURCE_LABELS)
def test_latin_source_label_is_no_author(label):
    assert clean_names([f"{label}: dpa"]) == []
    assert clean_names([f"{label.upper()}: AFP"]) == []


@pytest.mark.parametrize("ending", labels.NOT_NAME_ENDINGS)
def test_a_bracketed_closing_with_a_non_name_ending_is_no_dateline(ending):
    assert labels.dateline_names(f"会议在江城召开。（示例{ending}）") is None


@pytest.mark.parametrize("ending", labels.OUTLET_ENDINGS)
def test_an_outlet_credited_as_author_is_the_source(ending):
    outlet = f"江城{ending}"
    assert is_outlet_name(outlet) and is_outlet_name(labels.traditional(outlet))
    item = normalize_people(Article(authors=[outlet, "卢海浪"], language="zh"))
    assert item["authors"] == ["卢海浪"]
    assert item["source"] == outlet
    named = normalize_people(Article(authors=[outlet], source="来源：示例日报", language="zh"))
    assert named["authors"] == [] and named["source"] == "来源：示例日报"  # normalize_source cleans the page's own


@pytest.mark.parametrize("name", ["卢海浪", "王春台", "李报"])  # people, and names too short for an outlet
def test_people_are_no_outlet(name):
    assert not is_outlet_name(name)
