"""Mirror pages: language tags, the origin a page names (outlet + URL), and undoing a mirror conversion."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lxml import etree

from newsspider.extract.page import Page
from newsspider.extract.textscan import has_cjk_reference
from newsspider.normalize.patterns import NamedPattern
from newsspider.normalize.repair import strip_glosses
from newsspider.normalize.script import (
    SHARE_SAMPLE,
    TRADITIONAL_SHARE,
    declares_simplified,
    should_simplify,
    to_simplified,
    traditional_share,
)

if TYPE_CHECKING:
    from newsspider.sites.profile import SiteProfile

_URL = r"(?P<url>https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?)"
_OUTLET = r"(?P<outlet>[\u4e00-\u9fff]{1,10}(?:网|網|报|報|台|社|新闻|新聞|在线|在線|客户端|客戶端|日报|日報|晚报|晚報))"
_LINK_WORDS = r"原文(?:链接|鏈接|地址|网址|網址)|阅读原文|閱讀原文|查看原文|原文出处|原文出處"


# The ways a page names the article it republishes, searched in that order over the page's text nodes (glosses
# removed); the first hit wins.
ORIGIN_PATTERNS: tuple[NamedPattern, ...] = (
    NamedPattern("original_link", re.compile(rf"(?:{_LINK_WORDS})\s*[:：]?\s*{_URL}")),
    NamedPattern("reposted_from", re.compile(rf"(?:转自|轉自|转载自|轉載自)\s*[:：]?\s*(?:{_OUTLET}\s*)?{_URL}")),
    NamedPattern("source_with_url", re.compile(rf"(?:来源|來源)\s*[:：]\s*{_OUTLET}\s+{_URL}")),
    NamedPattern("outlet_and_url", re.compile(rf"(?:^|(?<=[\s\[【(（|｜]))(?:{_OUTLET})\s+{_URL}")),
)
_LINK_TEXT_RE = re.compile(rf"^\s*[\[【]?\s*(?:{_LINK_WORDS})\s*[\]】]?\s*[:：]?\s*$")
_MAX_CHILDREN = 12  # an element with more children is a container, not an origin line: its text node counts
# Found by XPath in C: a Python walk over every node costs milliseconds on a large page. Searching each text
# node for 原文 costs a third more than for '://' alone, so it is searched only when the decoded page holds 原文
# or a numeric character reference (which could spell it); a '://' node is kept when it holds http(s)://.
_NOT_CODE = "[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::textarea)]"
_CANDIDATE_TEXT_NODES = etree.XPath(f"//body//text()[contains(., '://') or contains(., '原文')]{_NOT_CODE}")
_URL_TEXT_NODES = etree.XPath(f"//body//text()[contains(., '://')]{_NOT_CODE}")


@dataclass(frozen=True)
class Origin:
    """The outlet (when named) and URL a page gives as the origin of its article."""

    outlet: str | None
    url: str


def language_tags(page: Page) -> tuple[str, ...]:
    """Raw language tags of the page: ``<html lang>``, content-language, og:locale."""
    if page.tree is None:
        return ()
    values = (page.tree.get("lang"), page.tree.get("xml:lang"), page.meta.get("content-language"),
              page.meta.get("og:locale"))  # fmt: skip
    return tuple(value.strip() for value in values if value and value.strip())


def find_origin(page: Page) -> Origin | None:
    """The origin named by a ``原文链接`` link or text line (``转自``, ``来源：X http://…``, ``海口网 http://…``)."""
    if page.tree is None:
        return None
    if not page.has_cjk and not has_cjk_reference(page.text):
        return None  # every origin label, link word and outlet name is Chinese: no text node here can hold one
    may_name_link = "原文" in page.text or "&#" in page.text
    nodes = (_CANDIDATE_TEXT_NODES if may_name_link else _URL_TEXT_NODES)(page.tree)  # one pass in C
    nodes = [node for node in nodes if "原文" in node or "http://" in node or "https://" in node]
    for node in nodes:
        anchor = _link_of(node) if "原文" in node else None
        if anchor is not None and _LINK_TEXT_RE.match(anchor.text_content() or ""):
            url = page.absolute(anchor.get("href"))
            if url and url.startswith(("http://", "https://")):
                return Origin(None, url)
    texts = [_line_of(node) for node in nodes if "http://" in node or "https://" in node]
    for pattern in ORIGIN_PATTERNS:
        for text in texts:
            match = pattern.regex.search(text)
            if match:
                outlet = match.groupdict().get("outlet")
                return Origin(outlet, match.group("url").rstrip(".,;:!?)'"))
    return None


def _owner(node):
    """The element whose text a text node is (a tail belongs to the parent of the element it follows)."""
    owner = node.getparent()
    return owner.getparent() if owner is not None and node.is_tail else owner


def _link_of(node):
    """The link (``<a href>``) a text node sits in, if any."""
    owner = _owner(node)
    if owner is None:
        return None
    if owner.tag == "a" and owner.get("href"):
        return owner
    return next((el for el in owner.iterancestors("a") if el.get("href")), None)


def _line_of(node) -> str:
    """The text of the small element a URL text node belongs to (glosses removed): an origin line."""
    owner = _owner(node)
    small = owner is not None and len(owner) <= _MAX_CHILDREN
    return strip_glosses(owner.text_content() if small else str(node))[0] or ""


def unmirror(page: Page, profile: SiteProfile | None = None) -> tuple[Page, dict[str, int]]:
    """Undo a mirror conversion on the whole page (glosses out, t2s) so every extractor reads the original.

    Returns the page to extract from and the repairs done, by name with a count.
    """
    tags = language_tags(page)
    script = profile.script if profile else None
    text, glosses = strip_glosses(page.text)
    if not (glosses or script or declares_simplified(tags)):  # the common case: nothing to look at
        return page, {}
    if not should_simplify(page.text, page.url, tags, script):
        return page, {}
    if not glosses and traditional_share(text[:SHARE_SAMPLE]) <= TRADITIONAL_SHARE:
        return page, {}  # a simplified page of a simplified outlet: stray characters are fixed per field
    repairs = {"pinyin_glosses": glosses} if glosses else {}
    text, changed = to_simplified(text)
    if changed:
        repairs["traditional_to_simplified"] = changed
    if not repairs:
        return page, {}
    return Page(page.url, replace(page.decoded, text=text), page.headers), repairs
