"""Credit lines: authors (作者/记者), editors (编辑/责任编辑/责编) and source outlet (来源)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from newsspider.extract import bylinelines, creditlines, labels, markupauthors
from newsspider.extract.datescan import in_noise
from newsspider.extract.titles import is_site_name
from newsspider.normalize.dates import find_date
from newsspider.normalize.people import split_names

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile

# A text node worth parsing: a label of a field or credits role, or a dateline's mark (日电（, 讯（, ……。（张三）).
_CREDIT_ROLES = tuple({label.role for label in labels.LABELS} - set(labels.VALUELESS_ROLES))
_LABEL_HINT_RE = re.compile(
    rf"(?:{labels.label_pattern(_CREDIT_ROLES)})\s*[:：/｜|\s]|日\s*[电電讯訊]|讯\s*[（(]|[。！？”][)）]?\s*[（(]"
    rf"[{labels.CJK}·\s、]{{2,16}}[)）]\s*$|[（(][^)）]{{0,8}}?(?:{labels.words_pattern(labels.OUTLET_ROLE_WORDS)})"
    rf"|{labels.words_pattern(labels.REPORT_ENDINGS)}"
)
_SKIP_TEXT_TAGS = {"script", "style", "noscript", "template", "textarea"}
_VISIBLE_TEXT = "descendant-or-self::text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
_CJK_RE = re.compile(f"[{labels.CJK}]")
_VISIBLE_TEXT_NODES = etree.XPath(_VISIBLE_TEXT)  # compiled once, not per call
_ITEMPROP_NAME = etree.XPath('.//*[@itemprop="name"]')
_BYLINE_HINTS = ("author", "Author", "byline", "Byline", "autor", "Autor", "auteur", "writer", "reporter")
_INLINE = {"span", "em", "strong", "b", "i", "font", "a", "label", "small", "u", "cite"}
_MAX_LINE = 300
# Byline candidates, tried in this order (each in document order): itemprop=author, rel=author, a class or id
# naming the author, a link to an author page. One XPath pass in C finds them all; each test keeps its order.
_BYLINE_CLASS_WORDS = ("byline", "author", "autor", "auteur", "writer", "reporter")
_AUTHOR_PATHS = ("/author/", "/autor/", "/auteur/")
_BYLINE_TESTS = (
    lambda node: node.get("itemprop") == "author",
    lambda node: node.get("rel") == "author",
    lambda node: any(word in node.get("class", "") for word in _BYLINE_CLASS_WORDS) or "author" in node.get("id", ""),
    lambda node: node.tag == "a" and any(path in node.get("href", "") for path in _AUTHOR_PATHS),
)
# A superset of what the tests accept ("aut": author/autor/auteur), walked attribute by attribute (the union comes
# back in document order): half the time of one predicate list over every element.
_BYLINE_CANDIDATES = etree.XPath(
    "//@itemprop[. = 'author']/.. | //@rel[. = 'author']/.."
    " | //@class[contains(., 'byline') or contains(., 'aut') or contains(., 'writer') or contains(., 'reporter')]/.."
    " | //@id[contains(., 'author')]/.. | //a/@href[contains(., '/aut')]/.."
)
# A forum's poster: the first link to a member's space (Discuz!: space-uid-N.html, home.php?mod=space&uid=N).
_FORUM_POSTER_HINTS = ("space-uid-", "mod=space&")
_FORUM_POSTER_XPATH = '//a[contains(@href, "space-uid-") or contains(@href, "mod=space&uid=")]'

_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:by-?line|author|autor|auteur|article-author|post-author|writer|reporter)(?:$|[\s_-]|name)",
    re.IGNORECASE,
)
_NOT_BYLINE_CLASS = re.compile(
    r"bio|avatar|image|img|photo|desc|about|box|comment|social|follow|more|title|author-?posts?\b|author-?(?:list|recent)",
    re.IGNORECASE,
)
_MAX_BYLINE = 80
_PROFILE_CARD_DEPTH = 3
_MAX_CARD = 1000
_BYLINE_NOISE_RE = re.compile(
    r"comment|reply|relat|recomm|teaser|widget|sidebar|popular|trending|newsletter", re.IGNORECASE
)
IMPRINT_PARTS = 2  # city and country after a site's name in a marked author


@dataclass
class Credits:
    """Names and outlet as found on the page, before normalisation; ``credits`` holds (role, name) pairs."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str | None = None
    credits: list[tuple[str, str]] = field(default_factory=list)


def extract_credits(page: Page, profile: SiteProfile | None = None) -> Credits:
    """Return the credits of ``page``: profile selectors, labelled lines, lead, JSON-LD, meta, bylines."""
    found = _from_selectors(page, profile) if profile else Credits()
    labelled = _from_labelled_lines(page)
    found.authors = found.authors or labelled.authors
    found.editors = found.editors or labelled.editors
    found.source = found.source or labelled.source
    found.credits = found.credits or labelled.credits
    if not found.authors:
        marked = [_imprint_site(page, name) for name in markupauthors.from_jsonld(page) or markupauthors.from_meta(page)]
        if marked and all(_names_the_site(page, name) for name in marked):
            marked = _from_bylines(page) or marked  # an outlet credited in markup: a visible byline beats it
        elif marked and set(marked) <= markupauthors.jsonld_organisations(page):
            marked = _people_beside(marked, _from_bylines(page)) or marked  # an agency: people in the byline beat it
        found.authors = marked or _from_bylines(page)
    if not found.authors or not found.credits:  # a plain byline line by the headline (di X, Text: A, Fotos: B)
        line = bylinelines.byline_line(page)
        found.authors, found.credits = found.authors or line.authors, found.credits or line.credits
    found.authors = [name for name in found.authors if not _portal_name(page, name)]
    return found


def _people_beside(outlets: list[str], names: list[str]) -> list[str]:
    """The byline's names when they are people besides the outlets (not a date, not the agency itself)."""
    people = [name for name in names if find_date(name) is None and not any(outlet in name for outlet in outlets)]
    return people if people == names else []


def _names_the_site(page: Page, name: str) -> bool:
    """Whether ``name`` is the site's or platform's own name (og:site_name, application-name, publisher, host)."""
    host = urlsplit(page.url).hostname
    return any(is_site_name(name, site, host) for site in _site_names(page)) or is_site_name(name, None, host)


def _imprint_site(page: Page, value: str) -> str:
    """The site's name alone where markup credits its imprint (``hessenschau.de, Frankfurt, Germany``): the
    parts after the site's name (city, country) are its address, not more people."""
    first, *address = (part.strip() for part in value.split(","))
    return first if len(address) >= IMPRINT_PARTS and first and _names_the_site(page, first) else value


def _portal_name(page: Page, name: str) -> bool:
    """A Chinese portal's or platform's own name (网易, 新浪科技) is never an author there: Chinese pages credit
    people by label, and their markup's author is the portal. (Elsewhere a site may sign as its newsroom.)"""
    return bool(_CJK_RE.search(name)) and any(labels.is_portal_name(name, site) for site in _site_names(page))


def _site_names(page: Page) -> list[str]:
    names = [page.meta.get(key) for key in ("og:site_name", "application-name", "apple-mobile-web-app-title")]
    for entry in page.jsonld:
        publisher = entry.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
    return [name for name in names if name]


def is_credit_line(text: str) -> bool:
    """Whether a body line is a credit line to leave out of the body (``[来源:X] [作者:Y]``, ``责任编辑：Z``)."""
    return creditlines.looks_like_credit_line(text)


def _from_selectors(page: Page, profile: SiteProfile) -> Credits:
    selectors = profile.selectors
    found = Credits()
    for name in ("authors", "editors", "source"):
        css = getattr(selectors, name)
        texts = [_text(node) for node in page.tree.cssselect(css)] if css else []
        texts = [text for text in texts if text]
        if not texts:
            continue
        line = creditlines.parse_line(" ".join(texts))
        values = getattr(line, name) or texts
        setattr(found, name, values[0] if name == "source" and isinstance(values, list) else values)
    return found


def _from_labelled_lines(page: Page) -> Credits:
    found = Credits()
    # Keyed by id() but holding the element: lxml proxies that are freed can hand their id to another element.
    seen: dict[int, HtmlElement] = {}
    if not page.has_cjk:  # a page without Chinese has no labelled lines
        return found
    dateline: list[str] = []
    for text_node in _label_texts(page):
        block = _block(text_node)
        if block is None or id(block) in seen or in_noise(block):
            continue
        seen[id(block)] = block
        line_text = (
            _text(block) if len(block.text_content()) <= _MAX_LINE else " ".join(text_node.text.split())
        )
        line = creditlines.parse_line(line_text)
        first_authors = not found.authors and bool(line.authors)
        lead = creditlines.parse_lead(line_text) if first_authors or not dateline else []
        dateline = dateline or lead
        if first_authors and lead:  # 经济日报记者 X 通讯员 Y: both, in the line's order
            line.authors = sorted(dict.fromkeys(lead + line.authors), key=line_text.find)
        found.authors = found.authors or line.authors
        found.editors += [name for name in line.editors if name not in found.editors]
        found.source = found.source or line.source
        found.credits += [pair for pair in line.credits if pair not in found.credits]
    found.authors = found.authors + [names for names in dateline if names not in found.authors]
    return found


def _label_texts(page: Page):
    """Text nodes (as lxml smart strings, with their parent) holding a credit label, in document order."""
    body = page.tree.find("body")
    for element in (body if body is not None else page.tree).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in _SKIP_TEXT_TAGS and element.text and _LABEL_HINT_RE.search(element.text):
            yield _TextNode(element.text, element, False)
        if element.tail and _LABEL_HINT_RE.search(element.tail):
            yield _TextNode(element.tail, element, True)


@dataclass
class _TextNode:
    """A piece of text with the element it belongs to (like lxml's smart strings)."""

    text: str
    element: HtmlElement
    is_tail: bool

    def getparent(self) -> HtmlElement:
        return self.element


def _block(text_node) -> HtmlElement | None:
    """The smallest element holding the whole credit line of a text node (climbing out of inline tags)."""
    node = text_node.getparent()
    if node is None:
        return None
    if text_node.is_tail:
        node = node.getparent()
    while node is not None and node.tag in _INLINE:
        parent = node.getparent()
        if parent is None or len(parent.text_content()) > _MAX_LINE:
            break
        node = parent
    return node


def _from_bylines(page: Page) -> list[str]:
    candidates = _BYLINE_CANDIDATES(page.tree) if any(hint in page.text for hint in _BYLINE_HINTS) else []
    for test in _BYLINE_TESTS:
        for node in candidates:
            names = _byline_names(node, page) if test(node) else None
            if names:
                return names
    forum = any(hint in page.text for hint in _FORUM_POSTER_HINTS)
    for node in page.tree.xpath(_FORUM_POSTER_XPATH) if forum else ():
        names = _byline_names(node)
        if names:
            return names
    return []


def _byline_names(node: HtmlElement, page: Page | None = None) -> list[str]:
    if node.get("itemprop") != "author" and node.get("rel") != "author" and node.tag != "a":
        css = f"{node.get('class', '')} {node.get('id', '')}"
        if not _BYLINE_CLASS.search(css) or _NOT_BYLINE_CLASS.search(css):
            return []
    if _in_byline_noise(node) or _in_profile_card(node):
        return []
    named = _ITEMPROP_NAME(node)
    text = _text(named[0]) if named else _text(node)
    if named and not text and "Person" in node.get("itemtype", ""):  # <meta itemprop="name" content="…"> of a Person
        text = named[0].get("content", "").strip()
        if page is not None and _names_the_site(page, text):
            return []  # the site filled in as its own author: another byline may name the writer
    if not named and node.get("content"):
        text = node.get("content").strip()
    return [text] if text and len(text) <= _MAX_BYLINE and split_names(text) else []


def _in_profile_card(node: HtmlElement) -> bool:
    """A column or profile card (总篇数 919 点击量 …) names a column, not the writer of this article."""
    for depth, ancestor in enumerate(node.iterancestors()):
        if depth >= _PROFILE_CARD_DEPTH or ancestor.tag in ("body", "html"):
            return False
        if len(ancestor.text_content()) <= _MAX_CARD and labels.is_profile_card(_text(ancestor)):
            return True
    return False


def _in_byline_noise(node: HtmlElement) -> bool:
    """Comments, related teasers and navigation hold other people's names; post meta/footers do not count."""
    for ancestor in node.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False
        if ancestor.tag == "nav" or _BYLINE_NOISE_RE.search(
            f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        ):
            return ancestor.find(".//h1") is None
    return False


def _text(node: HtmlElement) -> str:
    """The visible text of ``node``: script, style, noscript and template text never reaches a field."""
    return " ".join(" ".join(_VISIBLE_TEXT_NODES(node)).split())
