"""Decode page bytes to text whatever the page declares: BOM, strict UTF-8, checked declarations, detection."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# A <meta charset> may sit anywhere in a long <head>; look further than w3lib's first 4 KB.
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})""", re.IGNORECASE
)
_HEAD_SCAN_BYTES = 32_768
_MIN_CJK_CHARS = 8
_SINGLE_BYTE = {"cp1252", "latin-1", "iso8859-1", "ascii", "iso8859-15", "windows-1252"}


@dataclass(frozen=True)
class Decoded:
    """Text of a page, the codec used and, when a declaration was overruled, why."""

    text: str
    encoding: str
    fix: str | None = None  # e.g. "header_wrong", "meta_wrong", "bom_over_header", "undeclared"


def _norm(name: str | None) -> str | None:
    """Resolve an encoding label to a Python codec name (gb2312/gbk become gb18030)."""
    if not name:
        return None
    resolved = resolve_encoding(name.strip().lower())
    if resolved is None:
        return None
    try:
        return codecs.lookup(resolved).name
    except LookupError:
        return None


def _meta_encoding(body: bytes) -> str | None:
    declared = html_body_declared_encoding(body[:4096])
    if declared:
        return _norm(declared)
    match = _META_CHARSET_RE.search(body[:_HEAD_SCAN_BYTES])
    return _norm(match.group(1).decode("ascii")) if match else None


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported lazily: only undeclared non-UTF-8 pages need it

    best = from_bytes(body[:65_536]).best()
    return _norm(best.encoding) if best else None


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode ``body``; ``content_type`` is the HTTP Content-Type header value, if any."""
    header = _norm(http_content_type_encoding(content_type)) if content_type else None
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        encoding = _norm(bom_encoding) or "utf-8"
        fix = "bom_over_header" if header and header != encoding else None
        return Decoded(_clean(body[len(bom) :].decode(encoding, "replace")), encoding, fix)
    meta = _meta_encoding(body)
    declared = [enc for enc in dict.fromkeys((header, meta)) if enc]
    if body.isascii():
        return Decoded(_clean(body.decode("ascii")), "utf-8")
    # Valid UTF-8 with non-ASCII bytes is almost never anything else.
    text = _strict(body, "utf-8")
    if text is not None:
        return Decoded(_clean(text), "utf-8", _fix_reason(declared, "utf-8", header, meta))
    # Multibyte declarations first: a single-byte one (often a server default) decodes anything.
    for encoding in [enc for enc in declared if enc not in _SINGLE_BYTE]:
        text = _strict(body, encoding)
        if text is not None:
            return Decoded(_clean(text), encoding, _fix_reason(declared, encoding, header, meta))
    text = _chinese(body) if declared else None  # GBK bytes behind a latin-1 server default
    if text is not None:
        return Decoded(_clean(text), "gb18030", _fix_reason(declared, "gb18030", header, meta))
    for encoding in declared:
        text = _strict(body, encoding)
        if text is not None:
            return Decoded(_clean(text), encoding, _fix_reason(declared, encoding, header, meta))
    for encoding in ("gb18030", _detect(body)):
        text = _strict(body, encoding) if encoding else None
        if text is not None:
            return Decoded(_clean(text), encoding, _fix_reason(declared, encoding, header, meta))
    encoding = declared[0] if declared else "cp1252"
    return Decoded(_clean(body.decode(encoding, "replace")), encoding, "undecodable")


def _chinese(body: bytes) -> str | None:
    """The gb18030 text of ``body`` if it reads as Chinese: strict decode, >= 90 % of it GB2312 characters.

    Latin-1 text rarely passes: an accented letter followed by ASCII is not a GB2312 pair.
    """
    text = _strict(body, "gb18030")
    if text is None:
        return None
    wide = [char for char in text if ord(char) > 127]
    common = sum(1 for char in wide if _in_gb2312(char))
    return text if len(wide) >= _MIN_CJK_CHARS and common >= 0.9 * len(wide) else None


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _fix_reason(declared: list[str], used: str, header: str | None, meta: str | None) -> str | None:
    if not declared:
        return "undeclared" if used != "utf-8" else None
    if header and header != used:
        return "header_wrong"
    if meta and meta != used:
        return "meta_wrong"
    return None


def _clean(text: str) -> str:
    """Drop NUL bytes, which lxml and JSON consumers choke on."""
    return text.replace("\x00", "") if "\x00" in text else text
