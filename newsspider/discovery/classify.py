"""Pages and links judged by what they hold: article vs listing vs other, headline lists, section links."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsspider.extract.links import is_http

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newsspider.extract.page import Page

_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*[01]?\d\s*[-/.月]\s*[0-3]?\d")
_NAV_WORD_RE = re.compile(
    r"^(?:首页|主页|返回|更多|下一页|上一页|尾页|末页|登录|注册|home|more|next|prev\w*|top)\W*$", re.I
)
MORE_TEXT_RE = re.compile(
    r"^(?:更多|查看更多|更多内容|more|查看全部|全部)\s*(?:>>|>|»|›|…)?\s*$|^(?:>>|»)$", re.I
)
_NAV_CLASS_RE = re.compile(r"nav|menu|daohang|lanmu|column|channel|dh\b|topbar|header", re.I)
_HEAD_CLASS_RE = re.compile(r"\b(?:title|tit|hd|head|heading|lmtit|column-title)\b", re.I)
_JS_REDIRECT_RE = re.compile(
    r"""(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']"""
    r"""|location\.(?:replace|assign)\(\s*["']([^"']+)["']"""
)
_SKIP_TAGS = {"script", "style", "noscript", "template"}
ARTICLE_MIN_TEXT = 300  # characters of running text in one block
LISTING_MIN_HEADLINES = 5
GROUP_MIN_HEADLINES = 3  # headline-like links sharing a container before they count as a list


def is_headline_text(text: str) -> bool:
    """Anchor text that reads like a headline: 6-60 CJK-rich characters or 4-25 words, not a nav word."""
    if not text or _NAV_WORD_RE.match(text) or _DATE_RE.fullmatch(text) or text.isdigit():
        return False
    if len(_CJK_RE.findall(text)) >= 6:
        return len(text) <= 60
    return 4 <= len(text.split()) <= 25


def _text(node: HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _site_anchors(page: Page):
    """(anchor element, absolute URL without fragment, text) for every http(s) link."""
    for node in page.tree.iter("a"):
        href = page.absolute(node.get("href"))
        if href and is_http(href):
            yield node, href.split("#", 1)[0], _text(node)


def _container(node: HtmlElement) -> HtmlElement:
    """The list-like element an anchor belongs to (ul, ol, table, dl or the nearest div)."""
    for ancestor in node.iterancestors():
        if ancestor.tag in ("ul", "ol", "table", "tbody", "dl", "div", "section", "nav"):
            return ancestor
    return node


def _list_item(node: HtmlElement) -> bool:
    return any(ancestor.tag in ("li", "dd", "td") for ancestor in list(node.iterancestors())[:3])


def headline_links(page: Page, listing: bool = False) -> dict[str, str]:
    """url -> text of links that read like headlines in a list of such links (candidates for articles).

    On a page known to be a listing (``listing``), one such link in a list item is enough: the last page
    of a section may hold a single article.
    """
    groups: dict[HtmlElement, list[tuple[str, str, bool]]] = {}
    for node, url, text in _site_anchors(page):
        if url != page.url and is_headline_text(text):
            groups.setdefault(_container(node), []).append((url, text, listing and _list_item(node)))
    found: dict[str, str] = {}
    for anchors in groups.values():
        for url, text, in_list in anchors:
            if in_list or len(anchors) >= GROUP_MIN_HEADLINES:
                found.setdefault(url, text)
    return found


def _in_nav(node: HtmlElement) -> bool:
    for ancestor in node.iterancestors():
        if ancestor.tag in ("nav", "header"):
            return True
        if _NAV_CLASS_RE.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            return True
    return False


def _column_header(node: HtmlElement) -> bool:
    for ancestor in [node, *node.iterancestors()][:3]:
        if ancestor.tag in ("h1", "h2", "h3", "h4", "h5", "dt", "th"):
            return True
        if _HEAD_CLASS_RE.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            return True
    return False


def section_links(page: Page) -> dict[str, str]:
    """url -> reason ("nav", "more", "column") for links to section fronts: menus, 更多>> and column headers."""
    found: dict[str, str] = {}
    for node, url, text in _site_anchors(page):
        if url == page.url or is_headline_text(text) or not text:
            continue
        if MORE_TEXT_RE.match(text):
            found.setdefault(url, "more")
        elif len(text) <= 12 and not _NAV_WORD_RE.match(text) and _column_header(node):
            found.setdefault(url, "column")
        elif len(text) <= 12 and not _NAV_WORD_RE.match(text) and _in_nav(node):
            found.setdefault(url, "nav")
    return found


def _longest_block(tree: HtmlElement) -> tuple[int, float]:
    """(characters, link density) of the element whose own paragraphs hold the most running text."""
    best, density = 0, 1.0
    for element in tree.iter("div", "article", "section", "td", "main", "body"):
        paragraphs = [child for child in element if child.tag == "p"]
        loose = len((element.text or "").strip()) + sum(len((child.tail or "").strip()) for child in element)
        size = sum(len(_text(p)) for p in paragraphs) + loose  # <p> paragraphs or text split by <br>
        if size > best:
            linked = sum(len(_text(a)) for p in paragraphs for a in p.iter("a"))
            best, density = size, linked / size
    return best, density


def visible_text(tree: HtmlElement) -> str:
    parts = []
    for node in tree.iter():
        if isinstance(node.tag, str) and node.tag not in _SKIP_TAGS and node.text:
            parts.append(node.text)
        if node.tail:
            parts.append(node.tail)
    return " ".join(" ".join(parts).split())


def js_redirect(page: Page) -> str | None:
    """The target of a page that is only a JavaScript redirect (little visible text), else None."""
    if page.tree is None or len(visible_text(page.tree)) > 200:
        return None
    for script in page.tree.iter("script"):
        match = _JS_REDIRECT_RE.search(script.text or "")
        if match:
            return page.absolute(match.group(1) or match.group(2))
    return None


def classify(page: Page) -> tuple[str, str]:
    """(kind, reason): "article" (one headline, a long text block, a date line), "listing" (many headline
    links) or "other"."""
    if page.tree is None:
        return "other", "unparseable"
    block, density = _longest_block(page.tree)
    headlines = len(headline_links(page))
    if block >= ARTICLE_MIN_TEXT and density < 0.3:
        has_date = bool(_DATE_RE.search(visible_text(page.tree)))
        has_title = bool(page.tree.findall(".//h1") or page.tree.findtext(".//title"))
        if has_date and has_title:
            return "article", "text_block"
        return "other", "text_without_date" if has_title else "text_without_headline"
    if headlines >= LISTING_MIN_HEADLINES:
        return "listing", "headline_list"
    if js_redirect(page):
        return "other", "js_redirect"
    return "other", "thin"
