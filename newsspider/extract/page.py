"""Page: a decoded, parsed document with its metadata parsed once and shared by all extractors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from newsspider.extract.decode import Decoded, decode_html
from newsspider.extract.textscan import has_cjk

_T = TypeVar("_T")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# collect_ids=False: libxml2 builds no table of id attributes (only XPath's id() reads it, and no extractor
# calls that); the tree is the same, parsed ~0.05 ms faster on a median page.
_PARSER = lxml.html.HTMLParser(remove_comments=True, huge_tree=True, collect_ids=False)
# The same parser for the page as UTF-8 bytes: libxml2 reads UTF-8 natively, a str it converts first (0.2 ms on a
# median page); the bytes are encoded once and shared with the CJK test.
_UTF8_PARSER = lxml.html.HTMLParser(remove_comments=True, huge_tree=True, encoding="utf-8", collect_ids=False)
# Every node gets lxml.html's plain classes, chosen in C: lxml.html's own lookup is a Python call per element proxy
# (about a million on 500 pages) only to give form controls their form API, which no extractor uses.
for _parser in (_PARSER, _UTF8_PARSER):
    _parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
# Element nesting beyond this is garbage or an attack, never an article: the extractors walk the tree
# recursively (one Python frame per level, limit 1,000), and libxml2 silently stops nesting at 2,048.
MAX_DEPTH = 400
# Any node MAX_DEPTH + 1 levels below the root element (elements, comments, processing instructions: what
# etree.iterwalk counts). One XPath pass in C; a Python walk over every node costs milliseconds on a large page.
_BEYOND_MAX_DEPTH = etree.XPath("*/" * (MAX_DEPTH - 1) + "node()[not(self::text())]")
_JSONLD_SCRIPTS = etree.XPath('//script[@type="application/ld+json"]')


@dataclass
class Page:
    """One fetched page: URL, decoded text and lazily computed parse products."""

    url: str
    decoded: Decoded
    headers: dict = field(default_factory=dict)
    derived: dict = field(default_factory=dict, repr=False, compare=False)  # ``shared`` values, by function

    @classmethod
    def from_bytes(cls, body: bytes, url: str, headers: dict | None = None) -> Page:
        """Decode ``body`` (raw bytes as fetched) and wrap it."""
        headers = {str(k).lower(): v for k, v in (headers or {}).items()}
        content_type = headers.get("content-type")
        if isinstance(content_type, (list, tuple)):
            content_type = content_type[0] if content_type else None
        if isinstance(content_type, bytes):
            content_type = content_type.decode("latin-1")
        return cls(url, decode_html(body, content_type), headers)

    @property
    def text(self) -> str:
        """The decoded HTML."""
        return self.decoded.text

    @cached_property
    def tree(self) -> lxml.html.HtmlElement | None:
        """The parsed document, or None when nothing parseable is there."""
        text = _XML_DECL_RE.sub("", self.text, count=1)
        if not text.strip():
            return None
        try:
            if text is self.text and self.utf8 is not None:  # no declaration removed: the same text as UTF-8
                return lxml.html.document_fromstring(self.utf8, parser=_UTF8_PARSER)
            return lxml.html.document_fromstring(text, parser=_PARSER)
        except (etree.ParserError, ValueError):
            return None

    @cached_property
    def utf8(self) -> bytes | None:
        """The decoded HTML as UTF-8 bytes, or None when it holds a lone surrogate (no valid UTF-8 spells it)."""
        try:
            return self.text.encode("utf-8")
        except UnicodeEncodeError:
            return None

    def working_tree(self, *, last_use: bool = False) -> lxml.html.HtmlElement | None:
        """A private copy of :attr:`tree` for an extractor that prunes (``page.tree`` itself is never changed).

        ``last_use``: the caller is the tree's last reader, so it gets the tree itself (copying costs ~0.3 ms on a
        median page). The page computes what it derives from the tree (meta, JSON-LD, base URL) first, then lets
        go of the tree and of the values extractors shared (they may hold its elements): ``page.tree``, read
        again, parses the page anew."""
        if self.tree is None or not last_use:
            return None if self.tree is None else deepcopy(self.tree)
        _kept = (self.meta, self.jsonld, self.base_url, self.too_deep)  # cached while the tree is here
        self.derived.clear()
        return self.__dict__.pop("tree")

    def shared(self, derive: Callable[[Page], _T]) -> _T:
        """``derive(self)``, computed once per page: a value several extractors derive alike (the headline)."""
        if derive not in self.derived:
            self.derived[derive] = derive(self)
        return self.derived[derive]

    @cached_property
    def has_cjk(self) -> bool:
        """Whether the decoded page holds any CJK character (``labels.CJK``), markup included; cheap."""
        return has_cjk(self.text, self.utf8)

    @cached_property
    def depth(self) -> int:
        """How deep elements nest (0: no tree), measured iteratively so any depth is safe to measure."""
        if self.tree is None:
            return 0
        level = deepest = 0
        for event, _node in etree.iterwalk(self.tree, events=("start", "end")):
            level += 1 if event == "start" else -1
            deepest = max(deepest, level)
        return deepest

    @cached_property
    def too_deep(self) -> bool:
        """Whether nesting exceeds MAX_DEPTH (dropped as ``too_deep``): ``depth > MAX_DEPTH``, found in C."""
        return self.tree is not None and bool(_BEYOND_MAX_DEPTH(self.tree))

    @cached_property
    def base_url(self) -> str:
        """The URL relative links resolve against: ``<base href>`` when present, else the page URL."""
        if self.tree is not None:
            for node in self.tree.iter("base"):
                href = (node.get("href") or "").strip()
                if href:
                    return self.absolute(href, self.url) or self.url
        return self.url

    def absolute(self, href: str | None, base: str | None = None) -> str | None:
        """Resolve ``href`` against the page's base URL; None when it is empty or malformed."""
        href = (href or "").strip()
        if not href:
            return None
        try:
            return urljoin(base or self.base_url, href)
        except ValueError:
            return None

    @cached_property
    def meta(self) -> dict[str, str]:
        """``<meta>`` values keyed by lower-cased name/property/itemprop (first occurrence wins)."""
        found: dict[str, str] = {}
        if self.tree is None:
            return found
        for node in self.tree.iter("meta"):
            key = node.get("name") or node.get("property") or node.get("itemprop") or node.get("http-equiv")
            value = node.get("content")
            if key and value and value.strip():
                found.setdefault(key.strip().lower(), value.strip())
        return found

    @cached_property
    def jsonld(self) -> list[dict]:
        """Every JSON-LD object on the page, ``@graph`` lists flattened."""
        objects: list[dict] = []
        if self.tree is None:
            return objects
        for node in _JSONLD_SCRIPTS(self.tree):
            try:
                data = json.loads(node.text or "")
            except (ValueError, RecursionError):
                continue
            _flatten_jsonld(data, objects)
        return objects


def _flatten_jsonld(data: object, out: list[dict]) -> None:
    if isinstance(data, list):
        for entry in data:
            _flatten_jsonld(entry, out)
    elif isinstance(data, dict):
        out.append(data)
        if isinstance(data.get("@graph"), list):
            _flatten_jsonld(data["@graph"], out)
