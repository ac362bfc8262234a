"""Mirror pages: language tags, the origin a page names (outlet + URL), and undoing a mirror conversion."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsspider.extract.page import Page
from newsspider.normalize.repair import strip_glosses
from newsspider.normalize.script import declares_simplified, should_simplify, to_simplified

if TYPE_CHECKING:
    from newsspider.sites.profile import SiteProfile

_URL = r"(?P<url>https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?)"
_OUTLET = r"(?P<outlet>[\u4e00-\u9fff]{1,10}(?:网|網|报|報|台|社|新闻|新聞|在线|在線|客户端|客戶端|日报|日報|晚报|晚報))"
_LINK_WORDS = r"原文(?:链接|鏈接|地址|网址|網址)|阅读原文|閱讀原文|查看原文|原文出处|原文出處"


@dataclass(frozen=True)
class OriginPattern:
    """One way a page names the article it republishes."""

    name: str
    regex: re.Pattern


# Searched in that order over the page's text nodes (glosses removed); the first hit wins.
ORIGIN_PATTERNS: tuple[OriginPattern, ...] = (
    OriginPattern("original_link", re.compile(rf"(?:{_LINK_WORDS})\s*[:：]?\s*{_URL}")),
    OriginPattern("reposted_from", re.compile(rf"(?:转自|轉自|转载自|轉載自)\s*[:：]?\s*(?:{_OUTLET}\s*)?{_URL}")),
    OriginPattern("source_with_url", re.compile(rf"(?:来源|來源)\s*[:：]\s*{_OUTLET}\s+{_URL}")),
    OriginPattern("outlet_and_url", re.compile(rf"(?:^|(?<=[\s\[【(（|｜]))(?:{_OUTLET})\s+{_URL}")),
)
_LINK_TEXT_RE = re.compile(rf"^\s*[\[【]?\s*(?:{_LINK_WORDS})\s*[\]】]?\s*[:：]?\s*$")
_TEXT_SKIP = {"script", "style", "noscript", "template", "textarea"}


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
    for anchor in page.tree.iter("a"):
        if _LINK_TEXT_RE.match(anchor.text_content() or ""):
            url = page.absolute(anchor.get("href"))
            if url and url.startswith(("http://", "https://")):
                return Origin(None, url)
    text = _visible_text(page)
    for pattern in ORIGIN_PATTERNS:
        match = pattern.regex.search(text)
        if match:
            outlet = match.groupdict().get("outlet")
            return Origin(outlet, match.group("url").rstrip(".,;:!?)'"))
    return None


def _visible_text(page: Page) -> str:
    """Text nodes of the body joined by newlines, pinyin glosses removed."""
    body = page.tree.find("body")
    if body is None:
        return ""
    parts = []
    for node in body.iter():
        if isinstance(node.tag, str) and node.tag not in _TEXT_SKIP and node.text:
            parts.append(node.text)
        if node is not body and node.tail:
            parts.append(node.tail)
    return strip_glosses("\n".join(parts))[0] or ""


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
    repairs = {"pinyin_glosses": glosses} if glosses else {}
    text, changed = to_simplified(text)
    if changed:
        repairs["traditional_to_simplified"] = changed
    if not repairs:
        return page, {}
    return Page(page.url, replace(page.decoded, text=text), page.headers), repairs
