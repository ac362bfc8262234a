"""Link classification on listing pages: article links, listing pagination, article continuation pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from newsspider.extract.page import Page
    from newsspider.sites.profile import SiteProfile

_NOT_PAGE_EXT_RE = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|gz|jpe?g|png|gif|webp|svg|bmp|mp[34]|avi|mov|flv|wmv|apk|exe|css|js|xml|txt)$",
    re.IGNORECASE,
)
_NON_ARTICLE_PATH_RE = re.compile(
    r"/(?:about|aboutus|contact|contactus|copyright|privacy|terms|help|login|register|search|sitemap|"
    r"rss|feed|tags?|authors?|jobs?|ads?|advert\w*|index|default|list|node_\d+|channel)(?:[._/-]|$)",
    re.IGNORECASE,
)
_ARTICLE_URL_RES = (
    re.compile(r"/content_\d+\.s?html?$", re.I),  # content_123.htm
    re.compile(r"/t\d{8}_\d+\.s?html?$", re.I),  # t20200229_123456.html
    re.compile(r"/(?:19|20)\d{2}[-/]?\d{2}[-/]?\d{2}/.*\d{3,}", re.I),  # /2020-02/29/c_123.htm
    re.compile(r"/(?:19|20)\d{2}/\d{2}/(?:\d{2}/)?[\w-]{12,}(?:\.s?html?)?/?$", re.I),  # /2020/02/29/long-slug
    re.compile(r"/(?:article|articles|news|story|detail|a|p)/[\w-]*\d{4,}[\w-]*(?:\.s?html?)?/?$", re.I),
    re.compile(r"/[\w-]*?\d{5,}\.s?html?$", re.I),  # /123456.shtml
    re.compile(r"/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:-\d+)?(?:\.s?html?)?/?$", re.I),  # long hyphenated slug
)
# Listing pagination in URLs: index_2.html, node_12_2.htm, list_3.html, ?page=2, /page/2/
_PAGINATION_URL_RE = re.compile(
    r"(?:/(?:index|list|node_\d+|default)_\d+\.s?html?$|[?&](?:page|p|pn|pageno|pageindex)=\d+|/page/\d+/?$)",
    re.IGNORECASE,
)
_NEXT_TEXT_RE = re.compile(r"^(?:下一?页|后一?页|下页|next(?: page)?|older|[>›»]|\d{1,4})$", re.IGNORECASE)
# content_123_2.htm continues content_123.htm
_CONTINUATION_RE = re.compile(r"^(?P<stem>.+?)_(?P<n>[2-9]|[1-9]\d)(?P<ext>\.s?html?)$", re.IGNORECASE)


@dataclass
class ListingLinks:
    """What a listing page links to: article pages and further listing pages."""

    articles: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)


def continued_url(url: str) -> str | None:
    """The URL ``url`` would continue if it were page 2+ of an article (``x_2.htm`` -> ``x.htm``), else None.

    The shape alone proves nothing (``content_12.htm`` is usually article 12): callers decide only when
    the continued page is known (``is_continuation``, ``continuation_pages``).
    """
    parts = urlsplit(url)
    match = _CONTINUATION_RE.match(parts.path)
    if not match:
        return None
    return parts._replace(path=match.group("stem") + match.group("ext"), query="", fragment="").geturl()


def is_continuation(url: str, known: set[str] | frozenset[str]) -> bool:
    """Whether ``url`` is page 2+ of an article whose first page is among ``known`` (links on the same page)."""
    stem = continued_url(url)
    return stem is not None and stem in known


def looks_like_article_url(url: str) -> bool:
    """Generic guess that ``url`` is an article page (no profile)."""
    path = urlsplit(url).path
    if _NOT_PAGE_EXT_RE.search(path) or _PAGINATION_URL_RE.search(url) or _NON_ARTICLE_PATH_RE.search(path):
        return False
    return any(regex.search(path) for regex in _ARTICLE_URL_RES)


def is_http(url: str) -> bool:
    """Only http and https links are ever followed."""
    return urlsplit(url).scheme in ("http", "https")


def _anchors(page: Page):
    for node in page.tree.iter("a"):
        href = page.absolute(node.get("href"))
        if href and is_http(href):
            yield href.split("#", 1)[0], " ".join(node.text_content().split())


def listing_links(page: Page, profile: SiteProfile | None = None) -> ListingLinks:
    """Split the links of a listing page into article links and pagination links (each once).

    A link with a page suffix (``x_2.htm``) is skipped as an article's continuation only when the page it
    continues (``x.htm``) is linked from the same listing; ``content_12.htm`` alone is article 12.
    """
    found = ListingLinks()
    anchors = _unique_anchors(page)
    known = frozenset(anchors)
    for url, text in anchors.items():
        if is_continuation(url, known) and not _PAGINATION_URL_RE.search(url) and not _profile_listing(url, profile):
            continue  # page 2+ of an article: reached through its first page
        if profile.is_article_url(url) if profile else looks_like_article_url(url):
            found.articles.append(url)
        elif _is_pagination(url, text, page.url, profile):
            found.listings.append(url)
    return found


def _unique_anchors(page: Page) -> dict[str, str]:
    """url -> anchor text of the page's page links (first anchor of each URL, the page itself left out)."""
    anchors: dict[str, str] = {}
    for url, text in _anchors(page):
        if url != page.url and url not in anchors and not _NOT_PAGE_EXT_RE.search(urlsplit(url).path):
            anchors[url] = text
    return anchors


def _profile_listing(url: str, profile: SiteProfile | None) -> bool:
    """Whether the profile's listing_url regex claims ``url`` (node_15.htm looks like a continuation)."""
    return bool(profile and profile.listing_url and re.search(profile.listing_url, url))


def _is_pagination(url: str, text: str, current: str, profile: SiteProfile | None) -> bool:
    if profile and profile.listing_url:
        return _profile_listing(url, profile)
    if _PAGINATION_URL_RE.search(url):
        return True
    return bool(_NEXT_TEXT_RE.match(text)) and _same_directory(url, current)


def _same_directory(url: str, other: str) -> bool:
    a, b = urlsplit(url), urlsplit(other)
    return a.netloc == b.netloc and a.path.rsplit("/", 1)[0] == b.path.rsplit("/", 1)[0]


def continuation_pages(page: Page) -> list[str]:
    """Pages 2..N of the article on ``page``, in order (from its pager links)."""
    parts = urlsplit(page.url)
    stem, dot, ext = parts.path.rpartition(".")
    if not dot:
        return []
    pages: dict[int, str] = {}
    for url, _text in _anchors(page):
        link = urlsplit(url)
        found = _CONTINUATION_RE.match(link.path)
        if link.netloc == parts.netloc and found and found.group("stem") == stem:
            pages.setdefault(int(found.group("n")), url)
    return [pages[n] for n in sorted(pages)]
