"""Boilerplate patterns: class/id names of non-article blocks and text lines that never belong to a body."""

from __future__ import annotations

import re
from functools import lru_cache

from newsspider.extract import labels
from newsspider.extract.linesearch import SplitSearch

# Metadata names that wire and press-release layouts also give their first paragraph (class="dateline").
METADATA_PARTS = frozenset(("dateline",))  # not byline/info/meta: a long paragraph named so is the writer's bio
RUNNING_TEXT_MIN = 150  # characters of such a paragraph that make it article text
SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", '"', "”", "»")
# Tags whose content is never article text.
DROP_TAGS = (
    "script", "style", "noscript", "iframe", "button", "select", "textarea", "input", "nav", "footer",
    "aside", "svg", "canvas", "template", "object", "embed", "audio", "video", "head", "menu", "dialog",
)  # fmt: skip

# Parts of class/id names (split on - and _) that mark non-article blocks; English and pinyin.
NEGATIVE_PARTS = frozenset(
    (  # noqa: SIM905
        "share sharing social sns bdshare jiathis related relate relevant recommend recommended recom tuijian "
        "xgxw xgyd rank ranking paihang phb hot hotnews popular mostread trending sidebar side widget comment "
        "comments pinglun breadcrumb breadcrumbs crumb crumbs location position weizhi footer foot copyright "
        "banquan header topbar masthead navbar nav menu subnav pagination pager pagenav tag tags keyword "
        "keywords byline bio authorbio newsletter subscribe signup promo sponsor sponsored advert "
        "advertisement ad ads gg guanggao print toolbar tools qrcode erweima ewm login modal popup cookie "
        "cookies consent onetrust gdpr disclaimer morenews readmore bianji zrbj caption credit credits hidden "
        "hide skip outbrain taboola playlist survey feedback rating reactions gotop backtotop dateline "
        "timestamp meta info source date time statement shengming player vjs video videoplayer audioplayer "
        "stream feed author authorinfo profile about contributor support donate donation membership paywall "
        "subscription"
    ).split()
)
# Words that mark a block also as the start of one unsplit class part (newsletterbox, sharebar, relatedposts);
# not "comment" (commentary is an article) nor short words (ad, hot) that start ordinary words.
NEGATIVE_PREFIXES = ("newsletter", "related", "social", "sharebar", "sharing", "recommend", "advert", "sponsor",
                     "subscribe", "breadcrumb", "pagination", "readmore", "morenews")  # fmt: skip
# Structural words that name a part of an item (its header, footer, date...) rather than page furniture.
LOCAL_PARTS = frozenset(
    "header foot footer meta info date time source caption credit credits tag tags title byline bio".split()  # noqa: SIM905
)
# Text elements whose only names are these carry the article text a paywall hides from non-subscribers.
PAYWALLED_TEXT_TAGS = frozenset(("p", "ol", "ul", "li", "blockquote", "h2", "h3", "h4"))
PAYWALLED_PARTS = frozenset(("paywall", "paywalled"))
# A class naming a layout with a sidebar, not the sidebar itself: one part from each set.
SIDEBAR_PARTS = frozenset(("sidebar", "side"))
SIDEBAR_LAYOUT_PARTS = frozenset(("grid", "layout", "has", "with"))
OVERLAY_PARTS = ("cookie", "consent", "onetrust", "gdpr", "modal", "popup", "ot-sdk", "ot-pc")
# Names of likely article containers: an element carrying one is never dropped for its name.
POSITIVE_NAME = re.compile(
    r"^(?:article|content|main|body|text|entry|post|story|detail|zhengwen|neirong|wenzhang|"
    r"(?:article|entry|post|story|news|main|detail|rich|con|art|text)[-_]?(?:content|body|text|txt|con|main|"
    r"detail|media[-_]content)|con_?txt|news_?txt|TRS_Editor|Custom_UnionStyle|"
    r"print[-_]?(?:this|area|able|content|section))$",  # the block a print stylesheet keeps: the article
    re.IGNORECASE,
)
# Readability-style "maybe a candidate" names: substring matches that keep a block in the scoring.
MAYBE_CONTENT = re.compile(
    r"article|body|content|entry|main|post|story|text|column|detail|zhengwen|neirong", re.IGNORECASE
)
_PART_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
REACT_SEGMENT_ID = re.compile(r"^S:[0-9a-f]+$")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)  # visibility:hidden is often revealed by JS

# Whole lines that are site furniture, not article text.
BOILERPLATE_LINE = re.compile(
    r"^(?:您(?:当前)?的?(?:当前)?位置|当前位置|所在位置|首页\s*[>＞»])|"
    r"分享到|分享至|扫一扫|扫描二维码|微信扫一扫|打印本页|关闭窗口|【打印】|【关闭】|字号[:：]|"
    r"版权声明|版权所有|未经.{0,12}(?:授权|许可).{0,12}(?:转载|使用|复制)|不得转载|转载请注明|"
    r"ICP\s*备|ICP证|互联网新闻信息服务许可证|网络文化经营许可证|公网安备|举报电话|违法和不良信息举报|"
    r"All Rights Reserved|^(?:share (?:this|on|or comment)|follow us on|sign up for|have a tip\?|"
    r"get the latest (?:updates|news)|join the conversation)|"
    r"^(?:read more|read also|see also|related|more on this|baca juga|lesen sie auch|mehr zum thema|"
    r"lea también|lea más|leia também|voir aussi|lire aussi|czytaj także|czytaj też)\b\s*(?:[:：]|$)|"
    r"欢迎关注|关注微信公众号|扫码关注|长按(?:识别)?二维码|点击关注|"
    r"Copyright\s*(?:©|\(c\)|&copy;|\d{4})|^©\s*\d{4}|"
    r"^(?:相关新闻|相关阅读|相关链接|延伸阅读|推荐阅读|热点推荐|点击排行|排行榜|热门排行|猜你喜欢|更多精彩|"
    r"上一篇|下一篇|返回顶部|责任编辑|責任編輯|责编|責編|发布于)|平台声明|免责声明|仅提供信息(?:存储|发布)(?:服务|平台)|仅代表(?:该)?作者(?:或机构)?(?:本人|个人)?观点|观点仅代表|"
    # a reprinting site's disclaimer: 本网转载此文目的在于传递更多信息，不代表本网观点……
    r"转载(?:此文|本文|此稿)?(?:目的)?是?(?:出于|在于)传递更多信息|不代表本(?:网|站|平台)(?:的)?(?:观点|立场)|"
    # forum post furniture (Discuz!-style): the poster's counters and the post's tool links
    r"只看该作者|只看楼主|倒序浏览|^主题\s*\d+\s*[|｜]\s*帖子\s*\d+|^本帖最后由.{1,40}编辑$|"
    r"^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}:\d{2}|[\s:：])+$|"
    r"(?:\.{3}|…)\s*[\[【(（]?\s*(?:详细|详情|全文|更多|阅读全文|查看全文|read more|more)\s*[\]】)）»>]*\s*$|"
    # an agency's tag closing a wire story ("Agencia AFP", "(dpa)", "Source: Reuters")
    r"^[(（]?\s*(?:(?:agencia|agence|agentur|agenzia|agência|fuente|quelle|source|fonte)\s*[:：]?\s*)?"
    r"(?:afp|efe|dpa|reuters|ap|ansa|lusa|apa|sda|anp|tass|europa press|xinhua|kyodo|yonhap)\s*[)）]?\.?$|"
    # a reader-support appeal and an opinion page's disclaimer after the article
    r"small favou?r to ask|support (?:our|independent) journalism|no necesariamente (?:la|refleja)|"
    # tag rows, an empty attachment heading, a wire's end mark alone, a reposting account's licence line
    r"^原标题[:：]|^相关(?:热词|关键词|关键字|标签)(?:搜索)?[:：]|^附件[:：]?$|^[（(【]?完[）)】]?$|经授权发布|如若转载，?请联系|"
    r"do(?:es)? not necessarily reflect|ne reflètent pas nécessairement",
    re.IGNORECASE,
)
_BOILERPLATE_SEARCH = SplitSearch.of(BOILERPLATE_LINE)  # same answers, a fraction of the time
# A line that is only an ad slot's label, a "continues below" marker, a relative time ("7 days ago") or the
# text of a share/copy-link button or contents toggle, in several languages.
AD_LABEL_LINE = re.compile(
    r"^\W*(?:advertisements?|advertisment|sponsored|anzeige|werbung|publicidade|publicidad|publicit[ée]|"
    r"pubblicit[àa]|iklan|reklam|reklama|реклама|广告|廣告|広告|advertentie|annons|annonse|reklame|mainos|"
    r"loading|cargando|carregando|"
    r"(?:the )?(?:story|article|content|text) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?|"
    r"continue reading below|scroll to continue(?: with content)?|haberin devamı|içeriğin devamı(?: aşağıda)?|"
    # pager counters ("2 dari 8 halaman", "Page 2 of 8") and UI states (举报 "report", 加载中 "loading")
    r"(?:page|halaman|seite|página|pagina) \d+ (?:of|dari|von|de|di|sur|/) \d+|"
    r"\d+ (?:of|dari|von|de|di|sur|/) \d+ (?:pages?|halaman|seiten|páginas?|pagine)|举报|加载中|"
    r"(?:\d+|an?) (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?) ago|"
    # share / copy-link buttons and table-of-contents toggles, as their text stays behind
    r"share|copy link|copy url|कॉपी लिंक|शेयर|复制链接|link kopieren|salin (?:link|tautan)|kopiuj link|"
    r"bağlantıyı kopyala|copiar (?:link|enlace)|copier le lien|table of contents|目次(?:を開く|を閉じる)?)\W*$",
    re.IGNORECASE,
)
# A prompt to join the outlet's messenger channel ("📣 Join our WhatsApp channel", "Siga o canal no Telegram").
CHANNEL_PROMO_LINE = re.compile(
    r"^\W*(?:join|follow|participe|siga|entre|únete|sigue|suivez|rejoignez|folgen sie|abonnez-vous|segui)\b"
    r"[^.!?]{0,60}\b(?:whatsapp|telegram|signal)\b[^.!?]{0,40}$",
    re.IGNORECASE,
)
# A newsletter sign-up prompt (kept short: an article about newsletters has longer paragraphs).
NEWSLETTER_LINE = re.compile(
    r"\bnewsletters?\b.*\b(?:sign(?:ing)? up|subscrib\w*|inbox|unsubscribe)\b|"
    r"\b(?:sign(?:ing)? up|subscrib\w*|inbox)\b.*\bnewsletters?\b|"
    r"^by (?:signing up|subscribing|clicking [^,]{1,30}),? you agree\b|"
    r"^(?:get|receive|subscribe to|sign up for) (?:our|the) [\w\s-]{0,30}newsletters?\W*$",
    re.IGNORECASE,
)
NEWSLETTER_LINE_MAX = 300
# A metadata line: site name/URL and a publication time, or a credit-line label of the labels table (kept short).
# Labels of other people's roles stay out: an interview's "记者：" question is body text.
_META_LABELS = labels.label_pattern((labels.DATE, labels.UPDATED, labels.SOURCE, labels.NOISE))
META_LINE = re.compile(
    rf"(?:{_META_LABELS}|作\s*者|编\s*辑|編\s*輯)\s*(?:[:：]|次数)|"
    r"https?://\S+\s+(?:时间|\d{4}[-/年])",
)
META_LINE_MAX_CHARS = 80
# Chinese characters in front of a label that still qualify it (图片来源, 责任编辑, 本文来源); a longer run makes
# a name, date or source label the end of a phrase in a sentence (故事中谚语出处：), not a label.
META_LABEL_QUALIFIER = 3
_CJK_RUN_END = re.compile(rf"[{labels.CJK}]+$")
# Pieces of a line that only gives a date/time ("11:09 PM PDT • May 19, 2024", "2024年5月20日 06:48").
DATE_PIECES = re.compile(
    r"\d+|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:am|pm|a\.m\.|p\.m\.|utc|gmt|[a-z]{1,3}t)\b|"
    r"\b(?:updated|published|posted|on|at)\b|[年月日时分秒号周星期•|·,.:：/\-–—()（）+\s]|(?<=\d)h(?=\d)|"
    # an update shown as a relative time next to the date ("Atualizado há 2 horas", "vor 3 Stunden")
    r"\b(?:atualizad[oa]|actualizad[oa]|aktualisiert|há|hace|vor|ago|horas?|hours?|stunden?|minutos?|minutes?|"
    r"minuten?)\b|"
    # Indonesian, Portuguese/Spanish, French, German, Italian day and month names and joiners
    r"\b(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu|mei|agu(?:stus)?|okt(?:ober)?|des(?:ember)?|wib|wita|wit|"
    r"(?:segunda|ter[cç]a|quarta|quinta|sexta)(?:-feira)?|s[aá]bado|domingo|lunes|martes|mi[eé]rcoles|jueves|"
    r"viernes|janeiro|fevereiro|mar[cç]o|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|"
    r"enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|de|del|às|a las|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|f[eé]vrier|mars|avril|mai|juin|juillet|"
    r"ao[uû]t|septembre|octobre|novembre|d[eé]cembre|le|à|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag|januar|februar|m[aä]rz|juni|juli|oktober|dezember|um|uhr|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|alle)\b",
    re.IGNORECASE,
)


# Headings whose id is an in-page anchor (a slug of their own text, "the-client-side-story"), not a name.
ANCHOR_ID_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _class_and_id(element) -> tuple:
    ident = None if element.tag in ANCHOR_ID_TAGS else element.get("id")
    return element.get("class"), ident


def is_negative(element) -> bool:
    """Whether ``element``'s class/id names it a non-article block (and no name marks it as the article);
    a paragraph marked ``class="paywall"`` is the text behind the paywall, served in the page."""
    names = _class_and_id(element)
    if names == (None, None):
        return False
    joined = f"{names[0] or ''} {names[1] or ''}"
    if element.tag in PAYWALLED_TEXT_TAGS and all(_parts(name) <= PAYWALLED_PARTS for name in joined.split()):
        return False
    return _negative_names(joined)


@lru_cache(maxsize=4096)
def _negative_names(names: str) -> bool:
    negative = False
    for name in names.split():
        if POSITIVE_NAME.match(name):
            return False
        negative = negative or _negative_name(name)
    return negative


def _parts(name: str) -> set[str]:
    parts = {part.lower() for part in _PART_SPLIT.split(name) if part}
    return parts | {part[:-1] for part in parts if part.endswith("s")}


def _negative_name(name: str) -> bool:
    """One class/id token; in BEM ``block__element`` a structural word of the element (the item's own
    header, footer, meta...) does not make the block boilerplate; a page layout that has a sidebar
    (``sidebar-grid``, ``has-sidebar``, ``l-with-sidebar``) is not the sidebar."""
    block, _, element = name.partition("__")
    parts = _parts(block)
    if parts & SIDEBAR_PARTS and parts & SIDEBAR_LAYOUT_PARTS:
        return False
    if not parts.isdisjoint(NEGATIVE_PARTS) or any(part.startswith(NEGATIVE_PREFIXES) for part in parts):
        return True
    return not (_parts(element) & NEGATIVE_PARTS).issubset(LOCAL_PARTS)


def is_named_lead(element) -> bool:
    """A ``<p>`` named only by metadata words (``class="dateline"``, as press-release wires mark their first
    paragraph) that holds a paragraph of running text: the article's lead, not its metadata."""
    if element.tag != "p":
        return False
    parts = set().union(*(_parts(name) for name in f"{element.get('class') or ''} {element.get('id') or ''}".split()))
    negative = parts & NEGATIVE_PARTS
    if not negative or not negative <= METADATA_PARTS:
        return False
    text = " ".join(element.text_content().split())
    return len(text) >= RUNNING_TEXT_MIN and text.endswith(SENTENCE_ENDS)


def is_unlikely(element) -> bool:
    """Test used while scoring: named boilerplate, unless another of its names mentions content."""
    names = _class_and_id(element)
    return names != (None, None) and _unlikely_names(f"{names[0] or ''} {names[1] or ''}")


@lru_cache(maxsize=4096)
def _unlikely_names(names: str) -> bool:
    if not _negative_names(names):
        return False
    return not any(MAYBE_CONTENT.search(name) and not _negative_names(name) for name in names.split())


def is_overlay(element) -> bool:
    """Whether ``element`` is named as a cookie/consent notice or a modal overlay."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return any(part in names for part in OVERLAY_PARTS)


def is_hidden(element) -> bool:
    """Whether an inline style or the ``hidden`` attribute hides ``element``; a React streaming segment
    (``<div hidden id="S:1">``, moved into the page by its script) is content waiting to be shown."""
    style = element.get("style")
    hidden = element.get("hidden") is not None and not REACT_SEGMENT_ID.match(element.get("id") or "")
    return hidden or bool(style and HIDDEN_STYLE.search(style))


def is_date_line(text: str) -> bool:
    """Whether ``text`` holds nothing but a date and/or time."""
    return (
        len(text) <= META_LINE_MAX_CHARS and any(c.isdigit() for c in text) and not DATE_PIECES.sub("", text)
    )


def _has_meta_label(text: str) -> bool:
    """Whether ``text`` holds a metadata label (or URL and time) that does not end a longer phrase; a counter or
    button word (关注, 分享, 阅读次数) is furniture whatever stands before it (相关资讯请关注：)."""
    for match in META_LINE.finditer(text):
        run = _CJK_RUN_END.search(text, 0, match.start())
        if match.group().startswith("http") or run is None or len(run.group()) <= META_LABEL_QUALIFIER:
            return True
        if labels.role_of(match.group().rstrip(" \t:：").removesuffix("次数")) == labels.NOISE:
            return True
    return False


def _mentions_signup(text: str) -> bool:
    lowered = text.lower()
    return "newsletter" in lowered or "you agree" in lowered


def is_boilerplate_line(text: str, phrases: tuple[str, ...] = ()) -> bool:
    """Whether a body line is site furniture: breadcrumbs, share, copyright, footer, metadata, list headings."""
    if _BOILERPLATE_SEARCH.search(text) or AD_LABEL_LINE.match(text) or is_date_line(text):
        return True
    if len(text) <= NEWSLETTER_LINE_MAX and CHANNEL_PROMO_LINE.match(text):
        return True
    if len(text) <= META_LINE_MAX_CHARS and _has_meta_label(text):
        return True
    if len(text) <= NEWSLETTER_LINE_MAX and _mentions_signup(text) and NEWSLETTER_LINE.search(text):
        return True
    return any(phrase in text for phrase in phrases)
