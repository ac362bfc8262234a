"""The one table of credit-line rules: labels and their roles, role words, placeholders, separators, datelines.

Every module that reads credits (``creditlines``, ``credits``, ``normalize/people``, ``boilerplate``) builds its
patterns from these tables. Adding a label is one line in ``LABELS`` plus one line in tests/test_labels.py.
Labels are written in simplified script; their traditional form (記者, 編輯, 來源 ...) is derived through
``TRADITIONAL``, so one entry covers pages from the mainland, Hong Kong, Macau and Taiwan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Roles of a label. The first three fill ``authors``, ``editors`` and ``source``; DATE/UPDATED/NOISE only end
# a value; any other role is a ``credits`` entry ({"role": ..., "name": ...}).
CJK = "\u3400-\u9fff\uf900-\ufaff"
AUTHOR, EDITOR, SOURCE, DATE, UPDATED, NOISE = "author", "editor", "source", "date", "updated", "noise"
FIELD_ROLES = (AUTHOR, EDITOR, SOURCE)
VALUELESS_ROLES = (DATE, UPDATED, NOISE)


@dataclass(frozen=True)
class Label:
    """A label that starts a credit field: its text (simplified script) and role."""

    text: str
    role: str
    loose: bool = False  # also a label when followed by a space, not a colon (记者 张三, 《栏目》作者 李四)


LABELS: tuple[Label, ...] = (
    Label("作者", AUTHOR, loose=True),
    Label("文", AUTHOR),  # one character: only where no Chinese character stands before it (文：张三, 文/张三)
    Label("撰文", AUTHOR),
    Label("撰稿", AUTHOR),
    Label("采写", AUTHOR),
    Label("执笔", AUTHOR),
    Label("文字", AUTHOR),  # 文字：张三 摄影：李四 (university and government news)
    Label("文/图", AUTHOR, loose=True),
    Label("图/文", AUTHOR, loose=True),
    Label("文图", AUTHOR),
    Label("记者", AUTHOR, loose=True),
    Label("本报记者", AUTHOR, loose=True),
    Label("特约记者", AUTHOR, loose=True),
    Label("首席记者", AUTHOR, loose=True),
    Label("通讯员", AUTHOR, loose=True),
    Label("报导", AUTHOR),  # 報導：陳美玲 (Taiwan, Malaysia, Singapore)
    Label("报道", AUTHOR),
    Label("编辑", EDITOR, loose=True),  # 编辑 蒋一鸣 (mobile templates write it without a colon)
    Label("责任编辑", EDITOR),
    Label("责编", EDITOR),
    Label("值班编辑", EDITOR),
    Label("网络编辑", EDITOR),
    Label("图片编辑", "photo_editor"),  # 责任编辑：何苗　图片编辑：蒋立 (one label, not 图片 + 编辑)
    Label("美术编辑", "design"),
    Label("视频编辑", "video"),
    Label("来源", SOURCE),
    Label("来源于", SOURCE),
    Label("稿源", SOURCE),
    Label("稿件来源", SOURCE),
    Label("信息来源", SOURCE),
    Label("文章来源", SOURCE),
    Label("新闻来源", SOURCE),
    Label("出处", SOURCE),
    Label("转自", SOURCE),
    Label("供稿", SOURCE),
    Label("供稿单位", SOURCE),  # the school or office that supplied the story (university and government news)
    Label("时间", DATE),
    Label("日期", DATE),
    Label("发布时间", DATE),
    Label("发布日期", DATE),
    Label("发表时间", DATE),
    Label("发表日期", DATE),
    Label("发稿时间", DATE),
    Label("发布", DATE),
    Label("更新时间", UPDATED),
    Label("更新日期", UPDATED),
    Label("修改时间", UPDATED),
    Label("点击", NOISE),
    Label("点击数", NOISE),
    Label("点击量", NOISE),
    Label("浏览", NOISE),
    Label("浏览次数", NOISE),
    Label("浏览量", NOISE),
    Label("阅读", NOISE),
    Label("阅读量", NOISE),
    Label("阅读数", NOISE),
    Label("访问量", NOISE),
    Label("字号", NOISE),
    Label("字体", NOISE),  # 字体：【大 中 小】
    Label("打印", NOISE),
    Label("分享", NOISE),
    Label("分享到", NOISE),
    Label("关闭", NOISE),
    Label("收藏", NOISE),
    Label("评论", NOISE),
    Label("举报", NOISE),
    Label("关注", NOISE),
    Label("总篇数", NOISE),
    Label("摄影", "photo", loose=True),  # 作者：通讯员 彭晓辉 摄影 龙佳
    Label("摄像", "camera"),
    Label("图", "photo"),
    Label("图片", "photo"),
    Label("制图", "graphics"),
    Label("视频", "video"),
    Label("审核", "review"),
    Label("审校", "review"),
    Label("终审", "final_review"),
    Label("校对", "proofread"),
    Label("监制", "supervisor"),
    Label("统筹", "coordinator"),
    Label("策划", "planner"),
    Label("主编", "chief_editor"),
    Label("签发", "sign_off"),
    Label("选稿", "selection"),
    Label("翻译", "translator"),
    Label("编译", "translator"),
    Label("设计", "design"),
    Label("出品", "producer"),
    Label("制作", "producer"),
)

# Role words in front of a name, stripped from it (本报记者 张三, 特约通讯员 李四); 记者/通讯员 may also follow an
# outlet's name (南都记者 X, 澎湃新闻记者 X, 职工通讯员 X), which ROLE_WORD_RE strips as well.
ROLE_WORDS: tuple[str, ...] = (
    "记者", "通讯员", "实习生", "特约记者", "本报记者", "本报", "本台", "本刊", "本网", "融媒体记者", "全媒体记者",
    "新媒体记者", "评论员", "特约评论员", "见习记者", "实习记者", "首席记者", "摄影记者", "特约通讯员", "特约撰稿人",
    "撰稿人", "主笔",
)  # fmt: skip
# Outlets and qualifiers written in front of a role word without a space (新华社记者张三, 特约通讯员李四).
ROLE_PREFIXES: tuple[str, ...] = (
    "本报", "本台", "本刊", "本网", "本站", "新华社", "央视网", "中新网", "人民网", "特约", "首席", "实习", "见习", "融媒体",
    "全媒体", "新媒体", "职工",
)  # fmt: skip
# An outlet's name may stand in front of these role words (南都记者, 扬子晚报记者, 职工通讯员).
OUTLET_ROLE_WORDS: tuple[str, ...] = ("记者", "通讯员", "实习生", "评论员")
# Values that are not a name at all: placeholders, compilation notes, a follow button beside the byline.
PLACEHOLDERS: tuple[str, ...] = (
    "未知", "佚名", "不详", "匿名", "暂无", "无", "网络", "网络整理", "网友", "互联网", "综合", "整合", "整理",
    "综合整理", "编辑部", "本站", "本网", "原创", "本站原创", "管理员", "小编", "admin", "administrator",
    "unknown", "anonymous", "n/a", "no author", "follow", "folgen",
    # share buttons and comment links beside a byline (文/图：邵阳 微信 微博, 作者：X 我要评论)
    "微信", "微博", "QQ空间", "朋友圈", "我要评论", "发表评论", "我要纠错",
    # the forum or CMS software's own credit in <meta name="author">
    "Discuz! Team", "Comsenz UI Team", "Comsenz Inc.", "DedeCMS", "PHPCMS", "EmpireCMS", "WordPress",
)  # fmt: skip
# Words that end the name part of a value and mark a profile card or counter (总篇数919篇 暂无简介).
NAME_STOPS: tuple[str, ...] = ("暂无简介", "简介", "粉丝", "篇文章", "优质原创作者", "原创作者", "返回", "查看更多")
# Counters of a profile card or column box (总篇数919篇, 粉丝 3万): a value holding one is no byline at all.
PROFILE_WORDS: tuple[str, ...] = ("总篇数", "文章数", "点击量", "访问量")
# What a portal adds to its own name in og:site_name or the title (网易 -> 网易新闻, 新浪 -> 新浪科技): an author
# that is the site's name with or without one of these is the portal, not a writer (张三 on 张三的博客 stays).
PORTAL_SUFFIXES: tuple[str, ...] = (
    "网", "新闻", "新闻网", "新闻客户端", "客户端", "科技", "财经", "体育", "娱乐", "汽车", "频道", "资讯", "官网", "首页", "号",
)  # fmt: skip
# Source labels of Latin-script pages: an author value that starts with one is an outlet (Quelle: dpa).
LATIN_SOURCE_LABELS: tuple[str, ...] = ("Quelle", "Source", "Sources", "Fuente", "Fonte", "Bron", "Źródło", "Kaynak")
# Separators between names in one credit value (a bar "|" ends a byline instead: "von X | 31. Oktober").
NAME_SEPARATORS: tuple[str, ...] = ("、", "，", ",", "；", ";", "/", "&", "和", "及")
# Conjunctions between Latin-script names, lower case as written (A and B, A und B, A og B ...).
# Only between two capitalised names, so "Nowej Zelandii i Polsce" in a stray title is not split on "i".
NAME_CONJUNCTIONS: tuple[str, ...] = ("and", "und", "et", "y", "e", "og", "och", "ve", "dan", "và", "és")
# A company or organisation suffix: a publisher's legal name, never an author.
COMPANY_SUFFIXES: tuple[str, ...] = (
    "GmbH", "AG", "KG", "Co. KG", "mbH", "Ltd", "Ltd.", "Limited", "Inc", "Inc.", "LLC", "S.A.", "S.L.", "SpA",
    "S.p.A.", "B.V.", "N.V.", "Oy", "AB", "A/S", "ASA", "SE", "SAS", "S.A.S.", "S.r.l.", "s.r.o.", "a.s.", "Sp. z o.o.",
    "Corp.", "Corporation", "Pty Ltd", "plc", "Verlag", "有限公司", "股份有限公司", "株式会社",
)  # fmt: skip


@dataclass(frozen=True)
class Dateline:
    """A shape of lead, dateline or closing credit that names the authors in its ``names`` group."""

    name: str
    pattern: str


# What closes a reporter-and-place byline: 报道 (mainland, Hong Kong), 報導 (Taiwan).
REPORT_ENDINGS: tuple[str, ...] = ("报道", "報道", "報導", "报导")
_NAMES = r"(?P<names>[^()（）:：。，,！？\n]{2,40}?)"
DATELINES: tuple[Dateline, ...] = (
    # 新华社北京3月1日电（记者 张三 李四） / 人民网南宁5月6日电（赵一、钱二） / 中新网3月18日电 (记者 X)
    Dateline("wire", rf"^.{{0,24}}?\d{{1,2}}月\d{{1,2}}日\s*[电電讯訊]\s*[（(]\s*{_NAMES}\s*[)）]"),
    # 本报讯（记者 卢海浪 通讯员 王小明） / 本站讯（职工通讯员 李琴雯 刘会） / (记者卢海浪)
    Dateline("lead", r"^.{0,24}?[（(]\s*(?P<names>[^()（）:：。，,！？\n]{0,8}?(?:记者|記者|通讯员|通訊員|评论员|評論員)"
                     r"[^()（）:：。，,！？\n]{2,50}?)\s*[)）]"),
    # 记者王小明／台北报道 / 記者王小明、李大同／台北報導 (Taiwan and Hong Kong bylines: reporter, place, "reports")
    Dateline("report", rf"(?:^|(?<=[\s|｜]))[\u4e00-\u9fff]{{0,8}}?(?:记者|記者)\s*"
                       rf"(?P<names>[\u4e00-\u9fff·]{{2,4}}(?:[、，,\s]+[\u4e00-\u9fff·]{{2,4}}){{0,3}})"
                       rf"\s*[／/]\s*[\u4e00-\u9fff]{{1,10}}?(?:{'|'.join(REPORT_ENDINGS)})"),
    # 光明日报记者 刘一明 陈思远 / 澎湃新闻记者 段彦超 廖艳 (a line of its own)
    Dateline("outlet_reporter", r"^[\u4e00-\u9fff]{2,10}?(?:记者|記者)\s+(?P<names>[\u4e00-\u9fff·]{2,4}"
                                r"(?:[\s、，,]+[\u4e00-\u9fff·]{2,4}){0,4})\s*$"),
    # a paragraph closing with the reporter's name in brackets: ……将先后在巴西、乌拉圭举行。（张三）
    Dateline("closing", r"[。！？”」][\s]*[（(]\s*(?P<names>[\u4e00-\u9fff·]{2,4}(?:[\s、]+[\u4e00-\u9fff·]{2,4}){0,3})"
                        r"\s*[)）]\s*$"),
)  # fmt: skip
# Endings of a Chinese outlet's name (新京报, 新华社, 中国新闻网, 央视新闻客户端): credited as author, it is the source.
OUTLET_ENDINGS: tuple[str, ...] = ("报", "网", "社", "电台", "电视台", "新闻", "客户端")
# Bracketed closings that are not names (（完）, （组图）, （待续）) and outlet-like endings.
NOT_NAME_ENDINGS: tuple[str, ...] = (
    *OUTLET_ENDINGS, "網", "台", "部", "局", "委", "办", "所", "院", "厅", "处", "中心", "完", "续", "组图", "图",
    "视频", "原标题", "编者", "供图", "摄", "照片", "资料图", "资料照片", "档案照片",
)  # fmt: skip

# Simplified -> traditional for the characters the tables use (記者, 編輯, 責任編輯, 來源, 攝影 ...).
TRADITIONAL = str.maketrans(
    "记编辑责来发时间点击浏览阅读号图摄审对监统筹实习员报网闻讯电转译设计关闭举总篇数简无论访问标签样执笔值班频终选签况制采写稿件"
    "信息单体导术视",
    "記編輯責來發時間點擊瀏覽閱讀號圖攝審對監統籌實習員報網聞訊電轉譯設計關閉舉總篇數簡無論訪問標籤樣執筆值班頻終選簽況製採寫稿件"
    "信息單體導術視",
)


# Characters with a second traditional form in use (发布 -> 發布 on Taiwan pages, 發佈 in Hong Kong).
TRADITIONAL_ALTERNATES = str.maketrans("布", "佈")


def traditional(text: str) -> str:
    """``text`` with the table's characters in traditional script (记者 -> 記者)."""
    return text.translate(TRADITIONAL)


def variants(text: str) -> tuple[str, ...]:
    """The simplified and, where they differ, the traditional spellings of ``text`` (發布 and 發佈)."""
    other = traditional(text)
    return tuple(dict.fromkeys((text, other, other.translate(TRADITIONAL_ALTERNATES))))


def _spaced(text: str) -> str:
    """A pattern for ``text`` that allows spaces between its characters (作 者, 责 编)."""
    return r"\s*".join(re.escape(char) for char in text if not char.isspace())


@cache
def label_pattern(roles: tuple[str, ...] | None = None, loose: bool = False, separated: bool = False) -> str:
    """An alternation of the labels with one of ``roles`` (all when None), both scripts, longest first. With
    ``separated``, a one-character label (文) counts only before its colon or slash (文：张三, not 葛　文)."""
    texts = {
        variant
        for label in LABELS
        if (roles is None or label.role in roles) and (label.loose or not loose)
        for variant in variants(label.text)
    }
    ordered = sorted(texts, key=len, reverse=True)
    single = r"(?=\s*[:：/｜|])" if separated else ""
    return "|".join(_spaced(text) if len(text) > 1 else rf"(?<![{CJK}]){re.escape(text)}{single}" for text in ordered)


@cache
def role_of(label_text: str) -> str | None:
    """The role of a label as it appears on a page (either script, spaces ignored)."""
    key = "".join(label_text.split())
    for label in LABELS:
        if key in variants(label.text):
            return label.role
    return None


def words_pattern(words: tuple[str, ...]) -> str:
    """An alternation of ``words`` in both scripts, longest first, as literal text."""
    texts = {variant for word in words for variant in variants(word)}
    return "|".join(re.escape(text) for text in sorted(texts, key=len, reverse=True))


@cache
def placeholder_set() -> frozenset[str]:
    """Placeholders in both scripts, case-folded, without spaces (as ``is_placeholder`` compares them)."""
    return frozenset("".join(variant.split()).casefold() for word in PLACEHOLDERS for variant in variants(word))


def is_profile_card(text: str) -> bool:
    """Whether ``text`` holds a profile card's counters (总篇数919篇): a column box, not a byline."""
    return any(variant in text for word in PROFILE_WORDS for variant in variants(word))


def is_portal_name(name: str, site_name: str) -> bool:
    """Whether ``name`` is ``site_name`` itself, or it with or without a portal suffix (网易 / 网易新闻)."""
    key, site = "".join(name.split()).casefold(), "".join(site_name.split()).casefold()
    if not key or not site:
        return False
    if key == site:
        return True
    short, long = sorted((key, site), key=len)
    return long.startswith(short) and long[len(short):] in PORTAL_SUFFIXES


LATIN_SOURCE_RE = re.compile(rf"^\s*(?:{'|'.join(LATIN_SOURCE_LABELS)})\s*:", re.IGNORECASE)


def is_placeholder(name: str) -> bool:
    """Whether ``name`` is a placeholder or compilation note, not a name (作者：未知, 网络整理)."""
    return "".join(name.split()).casefold() in placeholder_set()


COMPANY_RE = re.compile(
    rf"(?:^|[\s,&])(?:{'|'.join(re.escape(s) for s in COMPANY_SUFFIXES if s.isascii())})(?:$|[\s,.&])"
    rf"|{'|'.join(re.escape(s) for s in COMPANY_SUFFIXES if not s.isascii())}"
)


def is_company(text: str) -> bool:
    """Whether ``text`` carries a company's legal form (… GmbH & Co. KG, 有限公司): a publisher, not a person."""
    return bool(COMPANY_RE.search(text))


@cache
def dateline_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The dateline shapes, compiled."""
    return tuple((line.name, re.compile(line.pattern)) for line in DATELINES)


def dateline_names(text: str) -> tuple[str, str] | None:
    """(shape name, raw names) of the first dateline shape ``text`` has, else None."""
    for name, pattern in dateline_res():
        match = pattern.search(text)
        if match and not (name == "closing" and _not_a_name(match.group("names"))):
            return name, match.group("names")
    return None


def _not_a_name(names: str) -> bool:
    parts = [part for part in re.split(r"[\s、，,]+", names) if part]
    return not parts or any(part.endswith(NOT_NAME_ENDINGS) or is_placeholder(part) for part in parts)
