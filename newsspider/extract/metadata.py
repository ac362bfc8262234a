"""Title, canonical URL, section, tags, description and language of a page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from newsspider.extract.dateanchor import document_elements
from newsspider.extract.headline import element_text as _text
from newsspider.extract.headline import headline_text
from newsspider.extract.noise import in_noise
from newsspider.extract.titles import clean_title
from newsspider.normalize.language import LanguageTag, parse_language
from newsspider.normalize.zones import infer_zone

if TYPE_CHECKING:
    from datetime import tzinfo

    from lxml.html import HtmlElement

    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile

# <meta> names (lower-cased) holding the headline and the site's name; ArticleTitle/SiteName are how the
# Hanweb and TRS government CMSs write them.
TITLE_META = ("og:title", "twitter:title", "articletitle")
SITE_NAME_META = ("og:site_name", "sitename")
_TAG_SPLIT_RE = re.compile(r"\s*[,，、;；|]\s*")
_BREADCRUMB_ATTR_RE = re.compile(r"crumb|weizhi|dqwz|mianbao|daohang|(?:^|\s)path(?:$|\s)", re.IGNORECASE)
_BREADCRUMB_WORDS = ("crumb", "weizhi", "dqwz", "mianbao", "daohang", "path")  # the regex's words, lower case
_BREADCRUMB_HINTS = (
    "crumb", "Crumb", "weizhi", "dqwz", "位置", "mianbao", "daohang",
    'class="path', "class='path", ' path"', " path'",  # class="path": a class token
)  # fmt: skip
# Nodes the test below can accept, preselected in C without case folding (translate() per node is slower than
# Python): an attribute to test, a leading text holding 位置, or a comment/processing instruction (as iter()).
_BREADCRUMB_CANDIDATES = etree.XPath(
    "descendant-or-self::node()[self::*[@class or @id or @itemtype or contains(text()[1], '位置')]"
    " or self::processing-instruction() or self::comment()]"
)
# Without "<?" in the page text no processing instruction exists (the parser drops comments), and without 位置 or
# a character reference ("&#") no text holds 位置.
_POSITION_LABEL_RE = re.compile(
    r"^\s*(?:您(?:当前|现在)?(?:的)?(?:所在)?(?:位置|的位置)|当前位置|所在位置|现在位置|位置|you are here)\s*[:：]?\s*",
    re.IGNORECASE,
)
_CRUMB_SEP_RE = re.compile(r"\s*(?:>>|>|›|»|→|/|\\|＞|≫|>)\s*")
_MAX_CRUMB_TEXT = 120

# The home page's link, first in a breadcrumb (both scripts): dropped from the section.
HOME_WORDS = ("首页", "首頁", "主页", "主頁", "网站首页", "網站首頁", "home", "startseite", "accueil", "inicio")
_HOME_RE = re.compile(rf"^(?:{'|'.join(HOME_WORDS)})$", re.IGNORECASE)
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af]")


def extract_title(page: Page, profile: SiteProfile | None = None) -> str | None:
    """The headline: profile selector, else h1/og:title/JSON-LD consistent with <title>, minus the site name."""
    selector = profile.selectors.title if profile else None
    if selector:
        for node in page.tree.cssselect(selector):
            text = _text(node)
            if text:
                return text
    html_title = _html_title(page)
    h1s = [headline_text(node, html_title) for node in page.tree.iter("h1") if not in_noise(node)]
    h1s = [text for text in h1s if text]
    return clean_title(html_title, h1s, _other_candidates(page), site_name(page), _host(page))


def site_name(page: Page) -> str | None:
    """The site's own name as its meta tags give it (og:site_name, SiteName)."""
    return next((page.meta[key] for key in SITE_NAME_META if page.meta.get(key)), None)


def _html_title(page: Page) -> str | None:
    node = page.tree.find(".//title")
    return _text(node) if node is not None else None


def _host(page: Page) -> str | None:
    return urlsplit(page.url).hostname


def _other_candidates(page: Page) -> list[str]:
    candidates = [page.meta.get(key) or "" for key in TITLE_META]
    candidates += [entry["headline"] for entry in page.jsonld if isinstance(entry.get("headline"), str)]
    candidates += [_text(node) for node in page.tree.iter("h2")][:3]
    return [" ".join(text.split()) for text in candidates if text and text.strip()]


def extract_canonical(page: Page) -> str | None:
    """The rel=canonical URL, if any."""
    for node in page.tree.iter("link"):  # the tag filter runs in C; an XPath '//' walk costs more
        if node.get("rel") == "canonical" and node.get("href") is not None:
            return page.absolute(node.get("href"))
    return None


def extract_section(page: Page, profile: SiteProfile | None = None) -> str | None:
    """The breadcrumb (``聚焦海口 > 原创``, without home or position label), else meta article:section."""
    selector = profile.selectors.section if profile else None
    if selector:
        nodes = page.tree.cssselect(selector)
    else:
        nodes = _breadcrumb_nodes(page) if any(h in page.text for h in _BREADCRUMB_HINTS) else []
    for node in nodes:
        crumbs = _crumbs(node)
        if crumbs:
            return " > ".join(crumbs)
    return page.meta.get("article:section") or _jsonld_section(page)


def _breadcrumb_nodes(page: Page):
    """Elements whose class/id names a breadcrumb, or whose own text opens with 您当前的位置."""
    named: dict[tuple, bool] = {}  # (class, id, itemtype) -> names a breadcrumb (a template repeats its classes)
    labels = "<?" in page.text or "位置" in page.text or "&#" in page.text  # else no node's text holds 位置
    for element in _breadcrumb_candidates(page):
        names = (element.get("class", ""), element.get("id", ""), element.get("itemtype", ""))
        hit = named.get(names)
        if hit is None:
            hit = named[names] = _names_breadcrumb(" ".join(names))
        if hit:
            yield element
        elif labels and element.text and "位置" in element.text and _POSITION_LABEL_RE.match(element.text):
            holds_links = element.find(".//a") is not None
            if holds_links or element.getparent() is None or _CRUMB_SEP_RE.search(element.text):
                yield element  # 当前位置：<a>首页</a> > …, or the whole trail as text: 您的位置：首页 >> 非遗
            else:
                yield element.getparent()


def _names_breadcrumb(attributes: str) -> bool:
    """``_BREADCRUMB_ATTR_RE`` finds a breadcrumb word in the class/id/itemtype text (BreadcrumbList included).

    Most texts hold none of the words in any case: ``in`` over the lower-cased text says so at a fraction of the
    case-insensitive regex's cost (ı and İ, which it also reads as i, go to the regex)."""
    lowered = attributes.lower()
    if not any(word in lowered for word in _BREADCRUMB_WORDS) and "ı" not in attributes and "İ" not in attributes:
        return False
    return bool(_BREADCRUMB_ATTR_RE.search(attributes) or "BreadcrumbList" in attributes)


def _breadcrumb_candidates(page: Page) -> list:
    """The nodes ``_BREADCRUMB_CANDIDATES`` selects, or more of them: ``_breadcrumb_nodes`` yields the same ones.

    Without a processing instruction (no "<?" in the text) that is every element: the document's element list,
    shared with the date scan, costs less to test than the XPath that picks the named ones out (an unnamed
    element is kept only for its own text, which that XPath also keeps it for)."""
    if "<?" in page.text:
        return _BREADCRUMB_CANDIDATES(page.tree)
    return document_elements(page)


def _crumbs(node: HtmlElement) -> list[str]:
    text = _text(node)
    links = [_text(link) for link in node.iter("a")]
    listed = len(links) >= 2 and len(links) == len(node.findall(".//li"))  # <li><a> items, separators in CSS
    if len(text) > _MAX_CRUMB_TEXT or not (_CRUMB_SEP_RE.search(text) or _POSITION_LABEL_RE.match(text) or listed):
        return []
    parts = links if len(links) >= 2 else _CRUMB_SEP_RE.split(_POSITION_LABEL_RE.sub("", text))
    parts = [_POSITION_LABEL_RE.sub("", part).strip(" >›»") for part in parts]
    parts = [part for part in parts if part and not _HOME_RE.match(part)]
    if not parts or len(parts) > 8 or any(len(part) > 40 for part in parts):
        return []
    return parts


def _jsonld_section(page: Page) -> str | None:
    for entry in page.jsonld:
        section = entry.get("articleSection")
        if isinstance(section, list):
            section = next((value for value in section if isinstance(value, str)), None)
        if isinstance(section, str) and section.strip():
            return section.strip()
    return None


# An article's own tag links (rel="tag"; "category tag" is its category), not a tag cloud or a related block.
_TAG_LINKS = etree.XPath(
    '//a[@rel="tag"][not(ancestor::aside or ancestor::nav or ancestor::*[contains(@class, "widget") or '
    'contains(@class, "sidebar") or contains(@class, "relat") or contains(@class, "cloud")])]'
)


def extract_tags(page: Page) -> list[str] | None:
    """Keywords from meta keywords / article:tag / news_keywords, split on ``,，、;|``."""
    tags: list[str] = []
    values = [page.meta.get(key) for key in ("keywords", "news_keywords", "article:tag")]
    values += [
        node.get("content")
        for node in page.tree.iter("meta")
        if node.get("property") == "article:tag" and node.get("content") is not None
    ]
    if not any(values):  # no keywords in meta: the article's own tag links (rel="tag", not "category tag")
        values = [",".join(link.text_content().strip() for link in _TAG_LINKS(page.tree))]
    for value in filter(None, values):
        for tag in _TAG_SPLIT_RE.split(value.strip()):
            if tag and tag not in tags and len(tag) <= 50:
                tags.append(tag)
    return tags or None


def extract_description(page: Page) -> str | None:
    """The meta or og description."""
    return page.meta.get("description") or page.meta.get("og:description")


def extract_language(page: Page, profile: SiteProfile | None = None) -> str | None:
    """``<html lang>``/content-language as a short code, else the profile's, else a guess from the script."""
    tag = page_language_tag(page)
    if tag:
        return tag.language
    if profile and profile.language:
        return profile.language
    return _guess_language(page)


def page_language_tag(page: Page) -> LanguageTag | None:
    """The first valid BCP 47 tag the page declares; values that are no language (``utf-8``) are skipped."""
    for value in (page.tree.get("lang"), page.tree.get("xml:lang"), page.meta.get("content-language"),
                  page.meta.get("og:locale"), page.meta.get("language")):  # fmt: skip
        tag = parse_language(value)
        if tag:
            return tag
    return None


def _guess_language(page: Page) -> str | None:
    sample = (_html_title(page) or "") + " " + (extract_description(page) or "")
    if len(sample.strip()) < 4:
        body = page.tree.find("body")
        sample = body.text_content()[:2000] if body is not None else ""
    if _KANA_RE.search(sample):
        return "ja"
    if _HANGUL_RE.search(sample):
        return "ko"
    letters = [char for char in sample if char.isalpha()]
    if letters and sum(1 for char in letters if _CJK_RE.match(char)) / len(letters) > 0.3:
        return "zh"
    return None


def page_zone(page: Page, profile: SiteProfile | None = None) -> tzinfo | None:
    """The profile's zone, else one inferred from the page's language, region or country domain (zones.py)."""
    if profile:
        return profile.tz
    tag = page_language_tag(page)
    language = tag.language if tag else _guess_language(page)
    return infer_zone(language, tag.region if tag else None, _host(page))
